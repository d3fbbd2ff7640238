"""The public version of a decision text: personal information masked, what the rules let stay public kept.

《市场监督管理行政处罚信息公示规定》第六条：公示行政处罚信息，应当遵守法律法规关于商业秘密和个人信息保护的有关规定，对信息进行
必要的处理；第七条：除此以外，内容应当与送达当事人的决定书一致。《政府信息公开条例》第十五条：涉及商业秘密、个人隐私等公开会对
第三方合法权益造成损害的政府信息，行政机关不得公开。《个人信息保护法》第二十八条：金融账户、行踪轨迹等为敏感个人信息；第三十四条：
国家机关处理个人信息不得超出履行法定职责所必需的范围和限度。

What is masked: an individual's name (张某某), ID numbers, phone numbers, bank accounts, plate numbers, a person's
home address below the district, other persons named in the text (witnesses, employees …), passages the package
marks confidential. What stays: a business's name and 统一社会信用代码, an individual business's 字号, the agency's
own accounts and phones, officers' names. Every span found — masked or kept — is listed for the reviewer (what,
where, why), never inside the public text. Each detector is one regular-expression pass (linear in the text); word
lists are catalog data (catalogs/publicity: masking).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Iterable, Optional

from review_assistant.case.identity import resident_id_ok, uscc_ok
from review_assistant.case.models.package import CasePackage

CJK = "\u4e00-\u9fff"
PRIVACY = "《中华人民共和国政府信息公开条例》第十五条"
SENSITIVE = "《中华人民共和国个人信息保护法》第二十八条第一款（敏感个人信息）；" + PRIVACY
NECESSARY = "《中华人民共和国个人信息保护法》第三十四条；" + PRIVACY


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # a KINDS key
    replacement: Optional[str]  # None: kept public
    why: str
    basis: str


@dataclass(frozen=True)
class Masking:
    kind: str
    label: str
    original: str
    replacement: Optional[str]
    paragraph: int  # 1-based paragraph of the decision text
    where: str  # in words
    why: str
    basis: str

    def as_dict(self) -> dict:
        return asdict(self)


KINDS = {
    "person": "自然人姓名", "id_number": "身份证件号码", "phone": "电话号码", "bank_account": "银行账户",
    "plate": "机动车号牌", "address": "个人住址", "confidential": "不公开的内容",
    # kept
    "business": "企业、个体工商户名称（字号）", "credit_code": "统一社会信用代码", "legal_representative": "法定代表人",
    "public_account": "机关收款账户", "public_phone": "机关联系电话",
}
CONFIDENTIAL_LABELS = {"trade_secret": "涉及商业秘密", "state_secret": "涉及国家秘密", "privacy": "涉及个人隐私", "other": "依法不予公开"}

# Each pattern starts with the character it consumes first and checks what stands before that character right after it
# ("1(?<![\d.]1)" for "(?<![\d.])1"): the same matches, but the engine can skip to the characters a match can start
# with instead of trying a look-behind at every position of the text.
_ID = re.compile(r"(\d(?<![0-9A-Za-z]\d)(?:\d{16}[\dXx]|\d{14}))(?![0-9A-Za-z])")  # (?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})
_CODE18 = re.compile(r"([0-9A-HJ-NP-RT-UW-Y](?<![0-9A-Za-z][0-9A-HJ-NP-RT-UW-Y])[0-9A-HJ-NP-RT-UW-Y]{17})(?![0-9A-Za-z])")
# (?<![\d.])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![\d.])
_MOBILE = re.compile(r"(?:\+(?<![\d.]\+)86[- ]?1|8(?<![\d.]8)6[- ]?1|1(?<![\d.]1))[3-9]\d(?:[- ]?\d{4}){2}(?![\d.])")
# (?<![\d.])(?:0\d{2,3}[-－—]\d{7,8}|\(0\d{2,3}\)\d{7,8}|（0\d{2,3}）\d{7,8})(?:[-－转]\d{1,5})?(?![\d.])
_LANDLINE = re.compile(r"(?:0(?<![\d.]0)\d{2,3}[-－—]\d{7,8}|\((?<![\d.]\()0\d{2,3}\)\d{7,8}|（(?<![\d.]（)0\d{2,3}）\d{7,8})"
                       r"(?:[-－转]\d{1,5})?(?![\d.])")
_DIGIT_RUN = re.compile(r"\d(?<![\d.]\d)(?:[ -]?\d){11,29}(?![\d.])")  # (?<![\d.])\d(?:[ -]?\d){11,29}(?![\d.])
_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.]?[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]"
                    r"(?:[A-HJ-NP-Z0-9])?(?![A-Za-z0-9])")
_ADDRESSY = re.compile("[省市区县旗镇乡村路街道号巷弄组]")
_SENTENCE_END = "。；;！!？?\n"
_NEWLINE = re.compile("\n")


def _sentence(text: str, start: int, end: int, reach: int = 40) -> str:
    """The clause around a span (bounded: a look-around never scans the whole text)."""
    lo = max(0, start - reach)
    hi = min(len(text), end + reach)
    before = text[lo:start]
    for ch in _SENTENCE_END:
        cut = before.rfind(ch)
        if cut >= 0:
            before = before[cut + 1:]
    after = text[end:hi]
    cuts = [after.find(ch) for ch in _SENTENCE_END if ch in after]
    return before + text[start:end] + (after[:min(cuts)] if cuts else after)


class Masker:
    """Built once per catalog state (word lists compiled into patterns)."""

    def __init__(self, words: dict[str, tuple[str, ...]]):
        self.words = words
        compound = sorted(words.get("compound_surnames", ()), key=len, reverse=True)
        single = "".join(s for s in words.get("surnames", ()) if len(s) == 1)
        self.compound = tuple(compound)
        self.non_names = frozenset(words.get("non_names", ()))
        surname = "(?:" + "|".join(map(re.escape, compound)) + (f"|[{single}]" if single else "") + ")"
        stop = "".join(words.get("name_stop_chars", ()))
        given = f"(?![{stop}])[{CJK}](?:(?![{stop}])[{CJK}])?" if stop else f"[{CJK}]{{1,2}}"
        cues = sorted(words.get("person_cues", ()), key=len, reverse=True)
        self.cued_name = re.compile(
            "(?:" + "|".join(map(re.escape, cues)) + r")[:：]?\s?(" + surname + given + ")(?![某])") if cues else None
        # 张三，男，1980年……  /  张三（男，……）
        self.described = re.compile(rf"(?:^|(?<=[：:。；，、\s（(]))({surname}{given})[，,（(](?:男|女)[，,、）)]", re.M)
        self.id_cue = _cue_before(words.get("id_cues", ()))
        self.account_cue = _words(words.get("account_cues", ()))
        self.public_account_cue = _words(words.get("public_account_cues", ()))
        self.public_phone_cue = _words(words.get("public_phone_cues", ()))
        personal = sorted(words.get("personal_address_cues", ()), key=len, reverse=True)
        individual = sorted(words.get("individual_address_cues", ()), key=len, reverse=True)
        self.personal_address = _address_after(personal)
        self.individual_address = _address_after(individual)
        self.county_marks = tuple(words.get("county_marks", ("区", "县", "旗")))

    # --- names ----------------------------------------------------------------------------------------------

    def masked_name(self, name: str) -> str:
        """张三 → 张某某, 欧阳小明 → 欧阳某某; a name already masked stays."""
        if "某" in name or "*" in name:
            return name
        surname = next((c for c in self.compound if name.startswith(c)), name[:1])
        return surname + "某某"

    # --- the pass -------------------------------------------------------------------------------------------

    def spans(self, text: str, package: CasePackage) -> list[Span]:
        found: list[Span] = []
        found += _confidential(text, package)
        found += self._known_people(text, package)
        found += self._cued_people(text)
        found += self._identifiers(text, package)
        found += self._phones(text)
        found += self._accounts(text)
        found += [Span(m.start(), m.end(), "plate", m.group(0)[:2] + "*" * (len(m.group(0)) - 2),
                       "机动车号牌可识别特定自然人", NECESSARY) for m in _PLATE.finditer(text)]
        found += self._addresses(text, package)
        return _resolve(found)

    def _known_people(self, text: str, package: CasePackage) -> list[Span]:
        """Names the package gives: individual parties, operators and guardians, witnesses; kept: businesses and a
        company's legal representative (registration information the credit system publishes)."""
        masked: dict[str, str] = {}
        kept: dict[str, tuple[str, str]] = {}
        for party in package.parties or ():
            name = (party.name or "").strip()
            rep = party.representative
            if party.kind == "individual" and name:
                masked[name] = "当事人为自然人"
            elif party.kind in ("individual_business", "organization") and name:
                core = re.split(r"[（(]", name, maxsplit=1)[0].strip()
                if core:
                    kept[core] = ("business", "企业、个体工商户的名称（字号）依法公示")
                operator = re.search(r"(?:经营者|负责人|业主)[:：]\s*([^）)，,]+)", name)
                if operator:
                    masked[operator.group(1).strip()] = "个体工商户经营者为自然人"
            if rep and rep.name:
                if rep.kind == "legal_representative" and party.kind == "organization":
                    kept[rep.name.strip()] = ("legal_representative", "法定代表人属于企业登记信息，依法公示")
                else:
                    masked[rep.name.strip()] = "经营者、监护人、负责人等为自然人"
        for step in package.steps or ():
            for w in step.witnesses or ():
                if w and w.strip():
                    masked[w.strip()] = "见证人为案外自然人"
        out: list[Span] = []
        people = {n: why for n, why in masked.items() if len(n) >= 2 and "某" not in n and n not in kept}
        if people:
            for start, end, name in occurrences(people, text):
                out.append(Span(start, end, "person", self.masked_name(name), people[name], PRIVACY))
        if kept:
            for start, end, name in occurrences(kept, text):
                kind, why = kept[name]
                out.append(Span(start, end, kind, None, why, "《市场监督管理行政处罚信息公示规定》第二条、第四条；"
                                                                    "《企业信息公示暂行条例》第六条"))
        return out

    def _cued_people(self, text: str) -> list[Span]:
        out = []
        for pattern in (self.cued_name, self.described):
            if pattern is None or (pattern is self.described and "男" not in text and "女" not in text):
                continue  # a name described by its sex needs 男 or 女 in the text
            for m in pattern.finditer(text):
                name = m.group(1)
                if name in self.non_names or name[:2] in self.non_names or "某" in name:
                    continue  # a common word after the cue, or a name the text already masks
                out.append(Span(m.start(1), m.end(1), "person", self.masked_name(m.group(1)),
                                "文中写明的自然人（称谓或性别之后的姓名）", PRIVACY))
        return out

    def _identifiers(self, text: str, package: CasePackage) -> list[Span]:
        out = []
        party_ids = {(p.id_number or "").strip().upper(): p.kind for p in package.parties or () if p.id_number}
        for m in _ID.finditer(text):
            number = m.group(1).upper()
            if len(number) == 18 and uscc_ok(number) and not resident_id_ok(number):
                continue  # a credit code written in digits only (kept below)
            if resident_id_ok(number) or self.id_cue.search(text, max(0, m.start() - 12), m.start()) \
                    or party_ids.get(number) == "individual":
                out.append(Span(m.start(1), m.end(1), "id_number", "*" * len(number), "居民身份证号码", SENSITIVE))
        for m in _CODE18.finditer(text):
            code = m.group(1).upper()
            if uscc_ok(code) and not resident_id_ok(code):
                out.append(Span(m.start(1), m.end(1), "credit_code", None, "统一社会信用代码依法公示",
                                "《市场监督管理行政处罚信息公示规定》第四条第三款；《企业信息公示暂行条例》第六条"))
        return out

    def _phones(self, text: str) -> list[Span]:
        out = []
        for pattern in (_MOBILE, _LANDLINE):
            for m in pattern.finditer(text):
                if self.public_phone_cue.search(_sentence(text, m.start(), m.end(), 20)):
                    out.append(Span(m.start(), m.end(), "public_phone", None, "机关对外公布的联系电话", PRIVACY))
                else:
                    out.append(Span(m.start(), m.end(), "phone", re.sub(r"\d", "*", m.group(0)), "电话号码可识别特定自然人",
                                    NECESSARY))
        return out

    def _accounts(self, text: str) -> list[Span]:
        out = []
        for m in _DIGIT_RUN.finditer(text):
            digits = re.sub(r"\D", "", m.group(0))
            if len(digits) in (15, 18) and (resident_id_ok(digits) or len(digits) == 15):
                continue  # an ID number (above)
            clause = _sentence(text, m.start(), m.end(), 30)
            cued = self.account_cue.search(clause)
            if not cued and not (16 <= len(digits) <= 19 and _luhn(digits)):
                continue
            if self.public_account_cue.search(clause):
                out.append(Span(m.start(), m.end(), "public_account", None, "缴纳罚没款的机关（国库）收款账户", PRIVACY))
            else:
                out.append(Span(m.start(), m.end(), "bank_account", re.sub(r"\d", "*", m.group(0)), "金融账户属于敏感个人信息",
                                SENSITIVE))
        return out

    def _addresses(self, text: str, package: CasePackage) -> list[Span]:
        """A person's home address, masked below the county-level district (区、县、旗)."""
        out = []
        individual = any(p.kind == "individual" for p in package.parties or ())
        known = {p.address.strip() for p in package.parties or () if p.kind == "individual" and p.address and p.address.strip()}
        for pattern, applies in ((self.personal_address, True), (self.individual_address, individual)):
            if pattern is None or not applies:
                continue
            for m in pattern.finditer(text):
                out += self._address_span(m.group(1), m.start(1))
        if known:
            for start, _, address in occurrences(known, text):
                out += self._address_span(address, start)
        return out

    def _address_span(self, address: str, at: int) -> list[Span]:
        if not _ADDRESSY.search(address):
            return []  # "住所" followed by something that is no address
        keep = self.district_prefix(address)
        if keep >= len(address):
            return []
        return [Span(at + keep, at + len(address), "address", "***", "个人住址（区、县以下部分）", PRIVACY)]

    def district_prefix(self, address: str) -> int:
        """How much of an address stays public: up to its county-level unit (区、县、旗, else a 县级市)."""
        head = address[:24]
        for i, ch in enumerate(head):
            # 自治区、特别行政区、地区 are above the county; 区 after them (or 新区) is the district
            if i > 0 and ch in self.county_marks and not (ch == "区" and head[i - 1] in "治政地"):
                return i + 1
        city = head.rfind("市")
        return city + 1 if city > 0 else 0


def _confidential(text: str, package: CasePackage) -> list[Span]:
    out = []
    for c in package.confidential or ():
        if not c.text:
            continue
        label = CONFIDENTIAL_LABELS.get(c.kind or "other", "依法不予公开")
        start = text.find(c.text)
        while start >= 0:
            out.append(Span(start, start + len(c.text), "confidential", f"（{label}的内容已删除）",
                            f"案卷标明{label}" + (f"：{c.note}" if c.note else ""),
                            "《中华人民共和国政府信息公开条例》第十四条、第十五条；《市场监督管理行政处罚信息公示规定》第五条、第六条"))
            start = text.find(c.text, start + len(c.text))
    return out


def _resolve(spans: list[Span]) -> list[Span]:
    """Overlaps: confidential passages first; then, left to right, the earlier span wins, then the longer (a kept
    business name holding a surname stays the business's name). One sort and one sweep: linear after sorting."""
    import bisect

    secret = sorted((s for s in spans if s.kind == "confidential"), key=lambda s: s.start)
    chosen, last_end = [], -1
    for s in secret:
        if s.start >= last_end:
            chosen.append(s)
            last_end = s.end
    starts = [s.start for s in chosen]
    rest, last_end = [], -1
    for s in sorted((s for s in spans if s.kind != "confidential"), key=lambda s: (s.start, -(s.end - s.start))):
        if s.start < last_end:
            continue
        i = bisect.bisect_right(starts, s.start) - 1
        if (i >= 0 and chosen[i].end > s.start) or (i + 1 < len(chosen) and chosen[i + 1].start < s.end):
            continue  # inside or across a confidential passage
        rest.append(s)
        last_end = s.end
    return sorted(chosen + rest, key=lambda s: s.start)


def apply(text: str, spans: Iterable[Span], masker: Masker) -> tuple[str, list[Masking]]:
    """The public text and the reviewer's list, in one left-to-right pass."""
    out, items, pos = [], [], 0
    paragraph_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    para = 0
    for s in spans:
        while para + 1 < len(paragraph_starts) and paragraph_starts[para + 1] <= s.start:
            para += 1
        original = text[s.start:s.end]
        out.append(text[pos:s.start])
        out.append(original if s.replacement is None else s.replacement)
        pos = s.end
        items.append(Masking(s.kind, KINDS[s.kind], original, s.replacement, para + 1,
                             f"决定书第{para + 1}段", s.why, s.basis))
    out.append(text[pos:])
    return "".join(out), items


def public_text(text: str, package: CasePackage, masker: Masker) -> tuple[str, list[Masking]]:
    return apply(text, masker.spans(text, package), masker)


def occurrences(words: Iterable[str], text: str) -> list[tuple[int, int, str]]:
    """Where the package's own names occur in ``text``: leftmost first, the longest at a place, none overlapping —
    what a regex alternation of the names (longest first) finds, without compiling one per case. Each name is one
    linear ``str.find`` pass, so the work is the text's length times the (few) names the package gives."""
    found = []
    for word in words:
        if not word:
            continue
        at = text.find(word)
        while at >= 0:
            found.append((at, -len(word), word))
            at = text.find(word, at + 1)
    found.sort()
    out, end = [], 0
    for start, neg_len, word in found:
        if start >= end:
            out.append((start, start - neg_len, word))
            end = start - neg_len
    return out


def _words(words: Iterable[str]) -> re.Pattern:
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")


def _cue_before(words: Iterable[str]) -> re.Pattern:
    return _words(words)


def _address_after(cues: list[str]) -> Optional[re.Pattern]:
    if not cues:
        return None
    return re.compile("(?:" + "|".join(map(re.escape, cues)) + rf")[:：]?\s?([{CJK}A-Za-z0-9\-－#号栋单元室楼层路街巷弄村组]{{4,60}})")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@lru_cache(maxsize=4)
def _masker(key: tuple) -> Masker:
    return Masker(dict(key))


def masker_for(catalogs) -> Masker:
    """One compiled masker per catalog state, found once per catalog object (its words are set when it is loaded):
    hashing the word lists on every review cost more than the pass it serves."""
    found = catalogs.__dict__.get("_masker")
    if found is None or found[0] is not catalogs.masking_words or found[1] != len(catalogs.masking_words):
        found = catalogs.__dict__["_masker"] = (catalogs.masking_words, len(catalogs.masking_words),
                                                _masker(tuple(sorted(catalogs.masking_words.items()))))
    return found[2]
