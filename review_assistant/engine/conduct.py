"""The act the finding of fact describes, held against the paragraph and item of the penalty basis cited.

《行政处罚法》第五十九条第一款第（三）项: the decision states the penalty's basis — the provision that names the act. For an
article whose paragraphs or items name different acts (the catalog's ``conduct`` per item, ``paragraph_conduct`` per
paragraph, in the statute's own words: 森林法第七十六条 第一款盗伐、第二款滥伐), the cited one is questioned only when the
finding says none of its words and says the words of exactly one other the file does not also cite. Used by the
citation check (LAW-018) and by the fine check, which leaves a fine that fits the named paragraph to LAW-018.
"""
from __future__ import annotations

import re
from typing import Optional

# a conduct word the finding rules out where it stands (未发现使用转基因原料, 不属于危险货物, 未受污染, 不构成盗伐): not said of this act. A
# bare 未 is no denial here, nor 未见: 未在首页公示营业执照信息, 未见转基因标示 are the conduct itself
RULED_OUT_BEFORE = re.compile(r"(?:未发现|没有发现|并非|不属于|不涉及|排除|未受|未被|不构成|不存在|不认定为?)[^，,。；]{0,12}$")


def finding_text(ctx) -> str:
    """The finding of fact and the act's description, where the conduct is told."""
    pkg = ctx.package
    return "\n".join(t for t in (pkg.facts_text, pkg.violation and pkg.violation.description) if t)


def said_words(text: str, pattern: str) -> str:
    """The conduct words ``text`` says (not ruled out where they stand), each once: '' when none."""
    words = [m.group(0) for m in re.finditer(pattern, text)
             if not RULED_OUT_BEFORE.search(text, max(0, m.start() - 20), m.start())]
    return "、".join(dict.fromkeys(words))


def named_paragraph(ctx, c, version, cited: set) -> Optional[tuple]:
    """(the provision, the words) of the one other paragraph of the cited article (citation ``c`` in law ``version``)
    whose act the finding names, when it does not name the cited paragraph's act; ``cited`` holds the (article,
    paragraph) pairs the file cites of that law. None otherwise."""
    if not (version and c.article and c.paragraph and c.item is None):
        return None
    paragraphs = [p for p in version.provisions
                  if p.article == c.article and p.paragraph and p.item is None and p.paragraph_conduct]
    own = next((p for p in paragraphs if p.paragraph == c.paragraph), None)
    text = finding_text(ctx) if own else ""
    if not text or said_words(text, own.paragraph_conduct):
        return None
    others = [(p, words) for p in paragraphs if (p.article, p.paragraph) not in cited
              for words in [said_words(text, p.paragraph_conduct)] if words]
    return others[0] if len(others) == 1 else None
