"""Read a law text in the Markdown layout of shared/domain/laws (one file per law version, articles starting
with ``第X条``): article → paragraphs → items. Used to build and audit the law catalog and to check rule bases."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from review_assistant.law.citations import cn_number

# 第一百二十四 条采用…: a space slipped in before 条 (a typesetting slip) still opens the article — the text follows 条;
# so does 笫五十四条 (笫 for 第, 农民专业合作社法 2017): only ever as the next article's number
_ARTICLE = re.compile(r"^[第笫]([零〇一二两三四五六七八九十百千]+)(?:条(?:[\s\u3000]+(.*)|$)|[ \u3000]+条[\s\u3000]*(.*))")
_ITEM = re.compile(r"^[（(]([零〇一二两三四五六七八九十]+)[)）]")
# a chapter or section heading written without "#" (some older texts): not a paragraph of the article before it
_HEADING = re.compile(r"^第[一二三四五六七八九十百]+[编章节](?:[\s\u3000]+\S.{0,40})?$")
_SUB_ITEM = re.compile(r"^\d{1,2}[.．、]")  # 目 under an item: 1. 2. … — part of that item, not a new 款


@dataclass(frozen=True)
class Article:
    number: int
    paragraphs: tuple[tuple[str, tuple[str, ...]], ...]  # (paragraph text, its items)

    def has(self, paragraph: int | None = None, item: int | None = None) -> bool:
        if paragraph is None:
            return item is None or any(len(items) >= item for _, items in self.paragraphs)
        if paragraph > len(self.paragraphs):
            return False
        return item is None or len(self.paragraphs[paragraph - 1][1]) >= item

    @property
    def layout(self) -> str:
        return ",".join(str(len(items)) for _, items in self.paragraphs)

    @property
    def text(self) -> str:
        return "\n".join("\n".join((p, *items)) for p, items in self.paragraphs)


def read_articles(path: Path) -> dict[int, Article]:
    """Articles in order. A line only opens article N+1 when it says 第N+1条 — a paragraph that happens to start
    with a reference such as 第二十条规定的 stays in its article."""
    articles: dict[int, list] = {}
    current = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("<!--") or _HEADING.match(line):
            continue
        match = _ARTICLE.match(line)
        if match and cn_number(match.group(1)) == current + 1:
            current += 1
            articles[current] = [[match.group(2) or match.group(3) or "", []]]
        elif current:
            if _ITEM.match(line):
                articles[current][-1][1].append(line)
            elif _SUB_ITEM.match(line) and articles[current][-1][1]:
                articles[current][-1][1][-1] += "\n" + line
            else:
                articles[current].append([line, []])
    return {n: Article(n, tuple((text, tuple(items)) for text, items in paras)) for n, paras in articles.items()}


def layout(articles: dict[int, Article]) -> str:
    return " ".join(articles[n].layout for n in sorted(articles))


def header(path: Path) -> list[str]:
    """The lines between the title and ``<!-- INFO END -->`` (adoption, amendments, 令号, 施行)."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines()[1:]:
        if raw.startswith("<!--"):
            break
        if raw.strip():
            lines.append(raw.strip().rstrip("）)　 "))
    return lines


# 违反本法第二十二条第二款、第三款规定 / 违反本条例第十五条、第二十三条规定: the provisions an article penalizes the breach of
_CN = r"[零〇一二两三四五六七八九十百千]+"
# the chain opens with an article and runs over any 条, 款 or 项 (bracketed or not) joined by a separator: 第二十八条第一款和第二款、
# 第二十九条第一款 (a bare 款 or 项 after 和 or 、 belongs to the article before it and must not end the chain)
_BREACH = re.compile(rf"违反本(?:法|条例|规定|办法|细则|实施细则|决定)(第{_CN}条(?:(?:、|，|,|和|及|与|或者|以及|至)*"
                     rf"(?:第{_CN}条|第{_CN}款|第[（(]?{_CN}[）)]?项))*)")
_ARTICLE_REF = re.compile(rf"第({_CN})条")
_RANGE_REF = re.compile(rf"第({_CN})条(?:第{_CN}款)?至第({_CN})条")  # 第十条至第十二条: every article between


def breaches(articles: dict[int, Article]) -> str:
    """``55.1:22 56.1:15,23 126.1.6:65``: each paragraph (article.paragraph) or item (article.paragraph.item) whose own
    words name, as the provisions whose breach it penalizes, articles of its own law (违反本法第X条规定) → those
    articles. A paragraph's words cover its items; an item's cover that item only. A fact read from the text, like the
    layout."""
    out = []
    for n in sorted(articles):
        for p, (lead, items) in enumerate(articles[n].paragraphs, 1):
            for where, text in [(f"{n}.{p}", lead)] + [(f"{n}.{p}.{i}", t) for i, t in enumerate(items, 1)]:
                refs = sorted({n for b in _BREACH.finditer(text) for n in _refs(b.group(1))})
                if refs:
                    out.append(f"{where}:" + ",".join(map(str, refs)))
    return " ".join(out)


def _refs(chain: str) -> set[int]:
    refs = {cn_number(m) for m in _ARTICLE_REF.findall(chain)}
    for a, b in _RANGE_REF.findall(chain):
        refs.update(range(cn_number(a), cn_number(b) + 1))
    return refs
