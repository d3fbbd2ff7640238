"""Read citations as decisions write them, and resolve them against the dated law catalog.

    《中华人民共和国食品安全法》第一百二十四条第一款第（五）项
    《食品安全法》第三十三条、第三十四条 · 第十条至第十二条 · 第一款第（一）、（二）项 · 第124条第1款第5项
    《食品生产许可管理办法》（国家市场监督管理总局令第24号）第四十九条之规定 · 《关于〈……〉的决定》
    违反食品安全法第三十五条（no brackets: law names found by jieba with the catalog as its user dictionary)

The grammar is data (compiled patterns); the result is a small frozen model per provision cited. Nothing here
raises on odd text: what cannot be read is returned as a law-level citation (no article) or not at all, and
the rules turn that into a finding with the original words.
"""
from __future__ import annotations

import bisect
import re
import weakref
from functools import lru_cache
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Optional

from review_assistant.catalog import models as cm

from review_assistant.case.numerals import _CN, _DIGITS, _FULLWIDTH, _NUM, _UNITS, FULLWIDTH, cn_number, halfwidth, to_cn  # noqa: F401


# --- the provision chain after a law name ---------------------------------------------------------------
_S = r"[ \t]*"
_TOKENS = re.compile("|".join([
    rf"(?P<art>第{_S}(?P<art_n>{_NUM}){_S}条(?:{_S}之{_S}(?P<art_sub>[一二三四五六七八九十]+))?)",
    rf"(?P<para>第{_S}(?P<para_n>{_NUM}){_S}款)",
    rf"(?P<items>第?{_S}[(（]{_S}{_NUM}{_S}[)）](?:{_S}(?:、|和|及|至|到){_S}第?{_S}[(（]{_S}{_NUM}{_S}[)）])*{_S}项?)",
    rf"(?P<item>第{_S}(?P<item_n>{_NUM}){_S}项)",
    rf"(?P<mu>第{_S}{_NUM}{_S}目)",
    r"(?P<range>至|到|～|~|—|-)",
    r"(?P<sep>、|，|,|和|及|以及|或者|或|与|并)",
    r"(?P<tail>之规定|的规定|规定)",
]))
_ITEM_NUMBERS = re.compile(rf"[(（]{_S}({_NUM}){_S}[)）]")
_ITEM_RANGE = re.compile(r"[)）]\s*(至|到)")
_SPACES = re.compile(r"\s+")
_ORDER_NO = re.compile(rf"{_S}[(（]{_S}(?P<no>[^()（）]{{1,40}}令{_S}第?{_S}{_NUM}{_S}号){_S}[)）]")
_EDITION = re.compile(r"[ \t]*[(（][^()（）]{0,20}?(?:修正|修订|年版|施行)[)）]")
# （以下简称《广告法》） between a law's name and its articles: the articles still belong to the law
SHORT_NAME_DEFINITION = re.compile(r"[ \t]*[(（]\s*(?:以下简称|下称|简称)[“\"《「]?(?P<short>[^()（）“”\"《》「」]{1,30})[”\"》」]?\s*[)）]")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
PLACE = re.compile(r"^(北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
                   r"四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门)[^《》]{0,12}?(省|市|自治区|自治州|县|区)?")


@dataclass(frozen=True)
class Citation:
    """One provision as written: the law name, 条/款/项 and where in the text it stood."""
    raw: str  # the whole matched citation, as written
    law_name: str  # as written, without 《》
    article: Optional[int]
    paragraph: Optional[int]
    item: Optional[int]
    span: tuple[int, int]
    order_no: Optional[str] = None  # （……令第N号）
    bracketed: bool = True  # written inside 《》
    sub_article: Optional[int] = None  # 第X条之一

    @property
    def written(self) -> str:
        """As written, normalized: 《法名》第N条第N款第（N）项 with statute numerals."""
        return written_form(self.law_name, self.article, self.paragraph, self.item)


def written_form(law_name: str, article, paragraph=None, item=None) -> str:
    out = f"《{law_name}》"
    if article:
        out += f"第{to_cn(article)}条"
    if paragraph:
        out += f"第{to_cn(paragraph)}款"
    if item:
        out += f"第（{to_cn(item)}）项"
    return out


def _chain(text: str, pos: int) -> tuple[list[tuple[Optional[int], Optional[int], Optional[int], Optional[int]]], int]:
    """Read 条/款/项 references from ``pos``: lists, ranges, relative 款 and 项. Returns provisions and end."""
    out: list[list] = []
    art = para = None
    adjacent = True  # the last token followed the previous reference directly (no separator)
    pending_range = False
    end = pos
    while True:
        while pos < len(text) and text[pos] in " \t\n":
            pos += 1
        m = _TOKENS.match(text, pos)
        if not m:
            break
        kind = m.lastgroup  # the alternative's own group: it closes after the groups inside it (art_n, art_sub …)
        if kind in ("sep", "range"):
            nxt = _TOKENS.match(text, m.end())
            if not nxt or nxt.lastgroup in ("sep", "range", "tail") or not out:
                break
            adjacent = False
            pending_range = kind == "range"
            pos = m.end()
            continue
        if kind == "tail":
            end = m.end()
            break
        if kind == "art":
            n = cn_number(m.group("art_n"))
            sub = cn_number(m.group("art_sub")) if m.group("art_sub") else None
            if pending_range and out and out[-1][0] and out[-1][1] is None and 0 < n - out[-1][0] <= 50:
                out += [[a, None, None, None] for a in range(out[-1][0] + 1, n)]
            out.append([n, None, None, sub])
            art, para = n, None
        elif kind == "para":
            n = cn_number(m.group("para_n"))
            if pending_range and out and out[-1][1] and 0 < n - out[-1][1] <= 20:
                out += [[art, p, None, None] for p in range(out[-1][1] + 1, n)]
            if adjacent and out and out[-1][0] == art and out[-1][1] is None and out[-1][2] is None:
                out[-1][1] = n
            else:
                out.append([art, n, None, None])
            para = n
        elif kind in ("items", "item"):
            if kind == "item":
                numbers = [cn_number(m.group("item_n"))]
            else:
                numbers = [cn_number(x) for x in _ITEM_NUMBERS.findall(m.group("items"))]
                if _ITEM_RANGE.search(m.group("items")) and len(numbers) == 2 and 0 < numbers[1] - numbers[0] <= 30:
                    numbers = list(range(numbers[0], numbers[1] + 1))
            if pending_range and out and out[-1][2] and 0 < numbers[0] - out[-1][2] <= 30:
                numbers = list(range(out[-1][2] + 1, numbers[0])) + numbers
            first = True
            for n in numbers:
                if first and adjacent and out and out[-1][2] is None and out[-1][0] == art:
                    out[-1][2] = n
                else:
                    out.append([art, para, n, None])
                first = False
        # 目 is read and ignored: no catalog goes below 项
        adjacent = True
        pending_range = False
        pos = end = m.end()
    return [tuple(x) for x in out if x[0] is not None], end


_BRACKET = re.compile("[《》]")


def _bracketed(text: str) -> Iterable[tuple[int, int, str]]:
    """Every top-level 《…》 with its span; nested 《》 or 〈〉 stay inside the name."""
    depth, start = 0, 0
    for m in _BRACKET.finditer(text):  # only the brackets: the text between them is skipped in C
        i, ch = m.start(), m.group()
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1, text[start + 1:i]


MAX_MENTIONS = 2000  # law names read per text: beyond this the text is read no further for citations
MAX_TEXT = 200_000  # characters of a text read for citations
_REFERS_BACK = re.compile(r"(该法|同法|该条例|该办法|该规定|上述法律)")
_BARE_ARTICLE = re.compile(r"(?:违反了?|依据|依照|根据|按照)\s*(?=第[一二三四五六七八九十百千零〇两\d]+条)")
_SENTENCE_STOP = re.compile(r"[。；;\n]")
_LAW_ENDINGS = ("法", "条例", "办法", "规定", "细则", "规则")
_REFERRED_KIND = {"该法": "法", "同法": "法", "上述法律": "法", "该条例": "条例", "该办法": "办法", "该规定": "规定"}
# a structured citation string that opens by naming its law by reference (同法第一百二十六条…, 该条例第五十七条…): the
# law is that of an earlier string, of the kind the reference names (engine.context.CaseContext.in_full)
REFERS_BACK_AT_START = re.compile(r"\s*(?:同|该|本|上述)(?P<kind>法律|法|条例|规定|办法)(?=\s*第)")


# an earlier case's basis, recited: 当事人于2023年5月16日因……被本局依据《…》第九十九条第（二）项处罚
# (被原惠州市生态环境局惠阳分局按照…, 处罚依据为…)
EARLIER_CASE = re.compile(r"被[^。；;，,]{0,20}(?:依据|根据|依照|按照)\s*$|处罚依据为\s*$")


def recites_earlier_case(text: str, start: int, floor: int = 0) -> bool:
    """Whether the citation at ``start`` is the basis on which the party was penalized before (被本局依据…处罚), read
    in the characters before it (not before ``floor``, its sentence's start)."""
    return bool(EARLIER_CASE.search(text, max(floor, start - 26), start))


def referred_kind(match: re.Match) -> str:
    """The ending a law's name must have to be the one a reference names: 同法 → 法, 该条例 → 条例."""
    return "法" if match["kind"] == "法律" else match["kind"]


_MEMO_TEXT = 512  # characters: a structured citation string is memoized, a narrative or a decision text is not
_MEMO_SIZE = 8192
_memos: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # law_finder → {text: citations}


def parsed(text: str, law_finder) -> tuple[Citation, ...]:
    """``parse`` of a short text, once per process and law-name finder (a catalog): a structured citation string comes
    back in file after file (《中华人民共和国食品安全法》第一百二十四条第一款). A long text, unique to its file, is read
    every time. The memo is bounded; Citation is frozen, so one answer serves every review."""
    if len(text) > _MEMO_TEXT or law_finder is None:
        return tuple(parse(text, law_finder))
    memo = _memos.get(law_finder)
    if memo is None:
        memo = _memos.setdefault(law_finder, {})
    found = memo.get(text)
    if found is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        found = memo[text] = tuple(parse(text, law_finder))
    return found


def parse(text: str, law_finder=None) -> list[Citation]:
    """Every citation in ``text``. ``law_finder(text)`` yields (start, end, name) of law names written without
    《》 (see ``LawNameFinder``); without it only 《…》 citations and back-references are read."""
    text = text[:MAX_TEXT]  # a decision is a few thousand characters: a longer text is read only this far
    original, text = text, halfwidth(text)  # 1:1 characters: spans stay valid in the original
    mentions = [(s, e, name, True) for s, e, name in _bracketed(text)]
    if law_finder is not None:
        # a bare name inside a 《…》 is part of that title: the brackets are sorted and disjoint, so a bisection
        # finds the one that might hold it (comparing with every bracket was quadratic on a text of many of both)
        starts = [s for s, _, _, _ in mentions]
        ends = [e for _, e, _, _ in mentions]
        mentions += [(s, e, name, False) for s, e, name in law_finder(text)
                     if not ((j := bisect.bisect_right(starts, s) - 1) >= 0 and s < ends[j])]
    mentions.sort()
    if len(mentions) > MAX_MENTIONS:  # a decision cites tens of provisions; a text of millions of names is no decision
        mentions = mentions[:MAX_MENTIONS]
    found: list[Citation] = []
    last_of: dict[str, str] = {}  # kind → the last name of that kind: a reference takes it (该法: a 法, not 《…告知书》)
    refs = [(m.start(), m.end(), None, False) for m, _ in zip(_REFERS_BACK.finditer(text), range(MAX_MENTIONS))]
    # 违反了《食品安全法》第三十四条第（十）项的规定，第二项行为违反了第六十七条第一款的规定: a bare article in the sentence
    # of a law just named is that law's
    bare = [(m.end(), m.end(), "", False) for m, _ in zip(_BARE_ARTICLE.finditer(text), range(MAX_MENTIONS))]
    last_name, last_end = None, 0
    shorts: dict[str, str] = {}  # （以下简称《大气法》）: the short name, later in the text, is the law named before it
    for start, end, name, bracketed in sorted(mentions + refs + bare, key=lambda m: (m[0], m[1])):
        if name == "":
            if last_name is None or not last_name.endswith(_LAW_ENDINGS) or _SENTENCE_STOP.search(text, last_end, start):
                continue
            name = last_name
        elif name is None:
            name = last_of.get(_REFERRED_KIND[text[start:end]])
            if name is None:
                continue
        pos = end
        edition = _EDITION.match(text, pos)
        if edition:
            pos = edition.end()
        order = _ORDER_NO.match(text, pos)
        order_no = None
        if order:
            order_no = _SPACES.sub("", order.group("no"))
            pos = order.end()
        defined = SHORT_NAME_DEFINITION.match(text, pos)
        clean = _SPACES.sub("", name)
        clean = shorts.get(clean, clean)
        if defined:
            pos = defined.end()
            shorts.setdefault(_SPACES.sub("", defined.group("short")), clean)
        provisions, stop = _chain(text, pos)
        if not provisions:
            if bracketed:
                found.append(Citation(original[start:end].strip(), clean, None, None, None, (start, end), order_no, True))
            _remember(last_of, clean)
            last_name, last_end = clean, end
            continue
        raw = original[start:stop].strip()
        for art, para, item, sub in provisions:
            found.append(Citation(raw, clean, art, para, item, (start, stop), order_no, bracketed, sub))
        _remember(last_of, clean)
        last_name, last_end = clean, stop
    return found


def _remember(last_of: dict, name: str) -> None:
    for kind in ("法", "条例", "办法", "规定"):
        if name.endswith(kind):
            last_of[kind] = name


from review_assistant.case.words import LawNameFinder, WordFinder  # noqa: E402,F401 (jieba word finding lives with the case readers)


# --- resolution against the catalog -----------------------------------------------------------------------

from review_assistant.catalog.names import normalize_law_name  # noqa: E402,F401 (the catalog key)


@dataclass(frozen=True)
class Resolved:
    """A citation matched against the law catalog as of a date."""
    citation: Citation
    law: Optional[cm.Law]
    version: Optional[cm.LawVersion]
    provision: Optional[cm.Provision]
    on: date = field(default=date.min)

    @property
    def article_exists(self) -> Optional[bool]:
        if self.version is None or self.citation.article is None:
            return None
        return self.citation.article <= self.version.articles

    @property
    def provision_exists(self) -> Optional[bool]:
        """Whether 条, 款 and 项 all exist in the version (None when the version's layout is unknown)."""
        c, v = self.citation, self.version
        if v is None or c.article is None:
            return None
        if c.article > v.articles:
            return False
        paragraphs = v.structure(c.article)
        if paragraphs is None:
            return None if (c.paragraph or c.item) else True
        if c.paragraph is not None:
            if c.paragraph > len(paragraphs):
                return False
            return c.item is None or c.item <= paragraphs[c.paragraph - 1]
        return c.item is None or any(c.item <= n for n in paragraphs)

    @property
    def short_name(self) -> bool:
        """Written with a short name (e.g. 《食品安全法》) instead of the full title."""
        return self.law is not None and normalize_law_name(self.citation.law_name) != "" and \
            "".join(self.citation.law_name.split()) != self.law.name


def version_on(law: cm.Law, day: date) -> Optional[cm.LawVersion]:
    """The version of ``law`` in force on ``day`` (None when no cataloged version was)."""
    for version in law.versions:
        if version.in_force(day):
            return version
    return None


def find_provision(version: cm.LawVersion, citation: Citation) -> Optional[cm.Provision]:
    """The most specific cataloged penalty provision the citation points into (条 → 款 → 项)."""
    return provision_in(version, citation.article, citation.paragraph, citation.item)


def provision_in(version: cm.LawVersion, article, paragraph=None, item=None) -> Optional[cm.Provision]:
    best = None
    for p in version.provisions_by_article.get(article, ()):
        if p.paragraph not in (None, paragraph) or p.item not in (None, item):
            continue
        if paragraph is None and p.paragraph not in (None, 1):
            continue
        if best is None or (p.paragraph or 0, p.item or 0) > (best.paragraph or 0, best.item or 0):
            best = p
    return best


def resolve(citation: Citation, catalogs, day: date) -> Resolved:
    law = catalogs.law_by_name(citation.law_name)
    version = version_on(law, day) if law else None
    provision = find_provision(version, citation) if version and citation.article else None
    return Resolved(citation, law, version, provision, day)
