"""The act the finding of fact describes, held against the paragraph and item of the penalty basis cited.

《行政处罚法》第五十九条第一款第（三）项: the decision states the penalty's basis — the provision that names the act. For an
article whose paragraphs or items name different acts (the catalog's ``conduct`` per item, ``paragraph_conduct`` per
paragraph, in the statute's own words: 森林法第七十六条 第一款盗伐、第二款滥伐; across articles where paragraphs of several
articles have their words), the cited one is questioned only when the
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
    """(the provision, the words) of the one other provision of the law ``version`` — another paragraph of the cited
    article, or a paragraph of another article (道路运输条例（2023）第六十九条第一款 维护和检测 / 第七十条 站（场）经营者) —
    whose act the finding names, when it names none of the acts of the cited one (citation ``c``); ``cited`` holds
    the (article, paragraph) pairs the file cites of that law (paragraph None: the whole article). A citation of a
    whole article is questioned only when every penalty paragraph of it has its words. None otherwise."""
    if not (version and c.article and c.item is None):
        return None
    worded = [p for p in version.provisions if p.paragraph_conduct and p.item is None]
    own = [p for p in worded if p.article == c.article and p.paragraph in (c.paragraph, None)] if c.paragraph else \
        [p for p in worded if p.article == c.article]
    if not own or (c.paragraph is None and len(own) != len({p.paragraph for p in version.provisions
                                                              if p.article == c.article and p.item is None})):
        return None
    text = finding_text(ctx)
    if not text or any(said_words(text, p.paragraph_conduct) for p in own):
        return None
    others = [(p, words) for p in worded if p not in own and (p.article, p.paragraph) not in cited
              and (p.article, None) not in cited for words in [said_words(text, p.paragraph_conduct)] if words]
    return others[0] if len(others) == 1 else None
