"""Read a law text in the Markdown layout of shared/domain/laws (one file per law version, articles starting
with ``第X条``): article → paragraphs → items. Used to check rule bases and catalog facts against the texts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .citations import cn_number

_ARTICLE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条\s*(.*)$")
_ITEM = re.compile(r"^[（(]([零〇一二两三四五六七八九十]+)[)）]")


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


def read_articles(path: Path) -> dict[int, Article]:
    articles: dict[int, list] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("<!--"):
            continue
        match = _ARTICLE.match(line)
        if match:
            current = cn_number(match.group(1))
            articles[current] = [[match.group(2), []]]
        elif current is not None:
            if _ITEM.match(line):
                articles[current][-1][1].append(line)
            else:
                articles[current].append([line, []])
    return {n: Article(n, tuple((text, tuple(items)) for text, items in paras)) for n, paras in articles.items()}
