"""Read citations as decisions write them: 《法名》第X条第X款第（X）项.

This is the structured-string reader the first rules need; free-text reading with jieba and the full
law catalog come with the law-citation issue. Patterns are data (compiled once); the result is a small
frozen model per provision cited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from . import catalog_models as cm
from .catalog import Catalogs

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = r"[0-9０-９零〇一二两三四五六七八九十百千]+"

CITATION = re.compile(
    rf"《(?P<law>[^《》]+)》\s*"
    rf"(?:第\s*(?P<article>{_NUM})\s*条)?\s*"
    rf"(?:第\s*(?P<paragraph>{_NUM})\s*款)?\s*"
    rf"(?:第?\s*[（(]\s*(?P<item>{_NUM})\s*[）)]\s*项)?"
)


def cn_number(text: str) -> int:
    """一百二十四 → 124, 十五 → 15, 124 / １２４ → 124."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a numeral: {text}")
    return total + digit


@dataclass(frozen=True)
class Citation:
    raw: str
    law_name: str
    article: Optional[int]
    paragraph: Optional[int]
    item: Optional[int]
    span: tuple[int, int]

    @property
    def written(self) -> str:
        """Normalized written form: 《法名》第N条第N款第（N）项 with Chinese numerals kept as Arabic."""
        out = f"《{self.law_name}》"
        if self.article:
            out += f"第{self.article}条"
        if self.paragraph:
            out += f"第{self.paragraph}款"
        if self.item:
            out += f"第（{self.item}）项"
        return out


def parse(text: str) -> list[Citation]:
    """Every 《…》 citation in ``text``; an empty list when none can be read."""
    found = []
    for match in CITATION.finditer(text):
        groups = match.groupdict()
        found.append(Citation(
            raw=match.group(0).strip(),
            law_name=groups["law"].strip(),
            article=cn_number(groups["article"]) if groups["article"] else None,
            paragraph=cn_number(groups["paragraph"]) if groups["paragraph"] else None,
            item=cn_number(groups["item"]) if groups["item"] else None,
            span=match.span(),
        ))
    return found


@dataclass(frozen=True)
class Resolved:
    """A citation matched against the law catalog as of a date."""
    citation: Citation
    law: Optional[cm.Law]
    version: Optional[cm.LawVersion]
    provision: Optional[cm.Provision]

    @property
    def article_exists(self) -> Optional[bool]:
        if self.version is None or self.citation.article is None:
            return None
        return self.citation.article <= self.version.articles


def version_on(law: cm.Law, day: date) -> Optional[cm.LawVersion]:
    """The version of ``law`` in force on ``day`` (None when none was)."""
    for version in law.versions:
        if version.effective_from <= day and (version.effective_to is None or day < version.effective_to):
            return version
    return None


def find_provision(version: cm.LawVersion, citation: Citation) -> Optional[cm.Provision]:
    """The most specific cataloged provision the citation points into (条 → 款 → 项)."""
    best = None
    for p in version.provisions:
        if p.article != citation.article:
            continue
        if p.paragraph not in (None, citation.paragraph) or p.item not in (None, citation.item):
            continue
        if citation.paragraph is None and p.paragraph not in (None, 1):
            continue
        if best is None or (p.paragraph or 0, p.item or 0) > (best.paragraph or 0, best.item or 0):
            best = p
    return best


def resolve(citation: Citation, catalogs: Catalogs, day: date) -> Resolved:
    law = catalogs.law_by_name(citation.law_name)
    version = version_on(law, day) if law else None
    provision = find_provision(version, citation) if version and citation.article else None
    return Resolved(citation, law, version, provision)
