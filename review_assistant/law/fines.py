"""The fine range a cited provision allows for this case, with multiples computed from the package's figures.

A provision's branches are data (catalogs/laws): a fixed range, or a multiple of an amount, optionally selected
by that amount (the statute's "货值金额不足一万元的……；一万元以上的……"). How a branch is read here:

- Its base comes from the contract's own key (``illegal_income``, ``goods_value``, ``sales_amount``, ``tax_evaded``);
  a base that has no key of its own (广告费用, 违法经营额, 工程造价, 总投资额, 批发总额 …) is read from
  ``involved_amount`` 涉案金额, and the explanation says so; a per-unit base (每平方米, 每亩, 每公顷, 每辆, 每人, 每日) from
  ``quantities`` (area_m2 / area_mu, hectares from either; items, persons, days), the cap on a per-unit total as a band on the count.
- A branch that names items of the article (有第一项、第二项行为的) applies only when the case cites one of them.
- 逾期未改正 / 拒不改正 branches apply only when the party did not correct in time (``corrected_promptly``).
- No ``illegal_income`` means no 违法所得: the statute's "没有违法所得或者违法所得不足X元的" branch applies.
- A branch whose base is missing drops out when another branch can still be applied (广告费用无法计算的 →
  the fixed range); only when none is left is the base missing.
Branches that depend on a circumstance the package cannot decide are alternatives: the widest range they allow
together is used, so that a lawful fine is never called outside the range.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from review_assistant.catalog import models as cm

AMOUNT_LABELS = {
    "illegal_income": "违法所得", "goods_value": "货值金额", "sales_amount": "销售金额",
    "involved_amount": "涉案金额", "tax_evaded": "税款", "construction_cost": "建设工程造价",
    "turnover": "违法经营额", "advertising_fee": "广告费用", "total_investment": "建设项目总投资额",
    "purchase_amount": "进货（购进）金额", "refunded": "已退赔金额",
}
# v1.1 named keys for bases the catalog records as ``of: other`` with the statute's words
NAMED_BASES = [(re.compile(r"总投资"), "total_investment"), (re.compile(r"进货|购进|采购"), "purchase_amount")]
# an integrator's own amount key for a base the catalog names only in the statute's words (``of: other``): the words
# → what such a key says (wildlife_value for 野生动物价值). Every key of the package that says it is read.
OWN_KEYS_BY_WORDS = [(re.compile(w), re.compile(k)) for w, k in (
    (r"野生动物", r"wildlife|animal"),
    (r"猎获物", r"catch|game|hunt"),
    (r"矿产品", r"mineral|ore"),
    (r"林木", r"timber|tree|wood"),
    (r"合同(约定的)?价款|合同价款", r"contract"),
    (r"处置费用", r"disposal"),
    (r"直接(经济)?损失", r"loss"),
    (r"运输费用", r"freight|transport"),
    (r"检验费用|检测费用", r"inspection|testing|test_fee"),
    # 森林法第七十三条、第七十四条 (the cost of restoring), not 森林植被恢复费 (第三十七条第二款, a levy: …_fee)
    (r"恢复植被|林业生产条件", r"^(?!.*(fee|levy)).*(restor|rehabilit|reforest)"),
)]
# a base of two costs added up: the words → a key pattern for each part
COMPOUND_BASES = [(re.compile(r"恢复植被和林业生产条件"), (re.compile(r"vegetation"), re.compile(r"forestry|production")))]
PER_UNIT_KEY = re.compile(r"(^|_)per(_|$)|(^|_)unit(_|$)|price")  # a rate (restoration_cost_per_m2), not the total


def own_keys(words: str, amounts) -> list[str]:
    """The package's own amount keys that say the base the statute names in ``words`` (not a rate per unit)."""
    return [k for k in amounts if k not in AMOUNT_LABELS and not PER_UNIT_KEY.search(k)
            and any(w.search(words) and said.search(k) for w, said in OWN_KEYS_BY_WORDS)]


def says_another_base(words: str, key: str) -> bool:
    """The key says a base the statute's ``words`` do not name (timber_value beside 恢复植被……所需费用)."""
    return any(said.search(key) and not w.search(words) for w, said in OWN_KEYS_BY_WORDS)


CONTRACT_AMOUNTS = ("illegal_income", "goods_value", "sales_amount", "involved_amount", "tax_evaded")
# bases with no key of their own in the contract: our optional alias keys first, then involved_amount
ALIAS_KEYS = ("construction_cost", "turnover", "advertising_fee")
# per-unit bases: the words of the statute → the quantity key and the factor from other keys of the same measure
SQ_M_PER_MU = 10000 / 15
SQ_M_PER_HA = 10000  # 1 公顷 = 10,000 平方米 = 15 亩
# a per-unit base is a count named with its unit: 非法占用土地面积（平方米）, 受侵害的劳动者人数（人）, 逾期天数（日）, or
# the statute's own words 每平方米 / 每人 / 每载运一人 / 每逾期1日 / 按日 / 每辆 (scripts/build_law_catalog.py writes those)
PER_UNIT = [
    (re.compile(r"平方米"), "area_m2", {"area_m2": 1.0, "area_mu": SQ_M_PER_MU}),
    (re.compile(r"亩"), "area_mu", {"area_mu": 1.0, "area_m2": 1 / SQ_M_PER_MU}),
    # 土地面积（公顷） / 每公顷: hectares from the contract's square metres or mu (asked for as area_m2 when neither is
    # given); after the two above, so that a branch keyed area_m2 / area_mu itself is never read as hectares
    (re.compile(r"公顷"), "area_m2", {"area_m2": 1 / SQ_M_PER_HA, "area_mu": SQ_M_PER_MU / SQ_M_PER_HA}),
    (re.compile(r"（[人名位]）|人数|每[^（）]{0,10}?[一1]?[人名位]"), "persons", {"persons": 1.0}),
    (re.compile(r"（[日天]）|天数|日数|每[^（）]{0,10}?[一1]?[日天]|^按[日天]$"), "days", {"days": 1.0}),
    (re.compile(r"（(辆|件|台|个|头|只|株)）|每[^（）]{0,10}?[一1]?(辆|件|台|头|只|株)"), "items", {"items": 1.0}),
]
QUANTITY_KEYS = ("area_m2", "area_mu", "persons", "days", "items")
NO_INCOME = re.compile(r"^(对其)?没有违法所得")  # a branch for the case without 违法所得 only
UNLESS_CORRECTED = re.compile(r"逾期(不|未)(改正|整改|采取|补办|拆除|恢复|处理|缴纳)|拒不(改正|整改|执行|拆除)")
ITEMS_IN_CONDITION = re.compile(r"有(?:前款|第[一二三四五六七八九十]+款)?(第[一二三四五六七八九十、至项第（）()]+项)(?:行为|情形)")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class FineFacts:
    """What of the case a fine range depends on, read once per review."""
    amounts: dict[str, float] = field(default_factory=dict)
    quantities: dict[str, float] = field(default_factory=dict)
    circumstance: Optional[str] = None
    corrected: Optional[bool] = None
    items: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)  # (law id, article) → items cited


@dataclass(frozen=True)
class FineRange:
    low: float
    high: float
    explanation: str
    computed_from: tuple[str, ...] = ()  # amount keys the range was computed from or selected by (evidence must prove them)
    per_measure: bool = False  # every branch that applies is a multiple of the act's measure (货值的倍数, 每平方米): one act's
                               # fine, shared among those who did it together; a fixed range is each offender's own
    alternatives: bool = False  # two branches apply to the same reading of the base (对单位…对个人…, 依照第一款、第三款): the range
                                # is their union, whose band (the lower 30 %) belongs to neither


@dataclass(frozen=True)
class MissingAmount:
    key: str
    words: Optional[str] = None  # the statute's words for the base

    @property
    def label(self) -> str:
        return self.words or AMOUNT_LABELS.get(self.key, self.key)

    @property
    def field(self) -> str:
        """The contract field that would carry the base."""
        if self.key in QUANTITY_KEYS:
            return f"violation.quantities.{self.key}"
        return f"violation.amounts.{self.key if self.key in CONTRACT_AMOUNTS else 'involved_amount'}"


def yuan(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + "元"


def cn_number(text: str) -> int:
    """一 … 九十九 → int (十五 → 15, 三十 → 30)."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS[text[1]]
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS[tens] * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[text]


@lru_cache(maxsize=1024)
def condition_items(condition: Optional[str]) -> Optional[frozenset[int]]:
    """The items of the article a branch is for, read from its condition ("有第一、二、五至九项行为的")."""
    if not condition:
        return None
    m = ITEMS_IN_CONDITION.search(condition)
    if not m:
        return None
    items: set[int] = set()
    for part in re.split(r"[、，,]", re.sub(r"[第项（）()]", "", m.group(1))):
        if not part:
            continue
        try:
            if "至" in part:
                a, b = part.split("至")
                items.update(range(cn_number(a), cn_number(b) + 1))
            else:
                items.add(cn_number(part))
        except (KeyError, ValueError):
            return None
    return frozenset(items) or None


def _bases(branch: cm.FineRule, facts: FineFacts) -> tuple[list[tuple[float, str]], Optional[MissingAmount]]:
    """The values the branch's base can take here, each with how it was read; or what is missing."""
    key = branch.of
    words = branch.of_label
    for pattern, qkey, factors in PER_UNIT:
        if key == qkey or (key == "other" and words and pattern.search(words)):
            for k, factor in factors.items():
                if k in facts.quantities:
                    return [(facts.quantities[k] * factor, f"{words or qkey}")], None
            return [], MissingAmount(qkey, words)
    if key in CONTRACT_AMOUNTS and key != "involved_amount":
        if key in facts.amounts:
            return [(facts.amounts[key], AMOUNT_LABELS[key])], None
        return [], MissingAmount(key, words)
    label = words or AMOUNT_LABELS.get(key, key)
    if key == "other" and words:
        named = next((k for pattern, k in NAMED_BASES if pattern.search(words) and k in facts.amounts), None)
        if named:
            return [(facts.amounts[named], label)], None
    if key in facts.amounts:  # an alias key of ours, or involved_amount itself
        return [(facts.amounts[key], label)], None
    if key == "other" and words:
        own = own_keys(words, facts.amounts)
        parts = next((ps for w, ps in COMPOUND_BASES if w.search(words)), None)
        if parts and len(own) > 1 and all(sum(bool(p.search(k)) for p in parts) == 1 for k in own) \
                and len({next(i for i, p in enumerate(parts) if p.search(k)) for k in own}) == len(own):
            # one key per cost the base adds up (恢复植被 + 林业生产条件): their sum is the base
            return [(sum(facts.amounts[k] for k in own), label)], None
        if own:  # disposal_cost and disposal_cost_base: every reading counts, as for a base held in several places
            return [(facts.amounts[k], label) for k in own], None
    # no key of its own: 涉案金额, and the contract keys the catalog names as other homes of the figure
    found = [(facts.amounts["involved_amount"], f"{label}（取涉案金额）")] if "involved_amount" in facts.amounts else []
    if not found:  # the catalog's other homes of the figure, only when 涉案金额 is not given
        found = [(facts.amounts[k], f"{label}（取{AMOUNT_LABELS[k]}）") for k in branch.also if k in facts.amounts]
    return found, (None if found else MissingAmount(key, words))


def fine_range(provision: cm.Provision, facts: FineFacts, law_id: Optional[str] = None) -> Optional[FineRange | MissingAmount]:
    """None when the provision sets no fine (or the catalog does not record its amounts)."""
    if not provision.fines:
        return None
    cited_items = facts.items.get((law_id, provision.article)) if law_id else None
    ranges: list[FineRange] = []
    readings: list[tuple] = []  # (base amount, where read) of each range: one reading twice is two alternatives
    missing: Optional[MissingAmount] = None
    for branch in provision.fines:
        if facts.circumstance and branch.circumstance and facts.circumstance not in branch.circumstance:
            continue
        if facts.corrected and branch.condition and UNLESS_CORRECTED.search(branch.condition):
            continue  # the party corrected in time: the 逾期未改正 branch is not this case
        if branch.condition and NO_INCOME.search(branch.condition) and facts.amounts.get("illegal_income"):
            continue  # "没有违法所得的" is not this case: it has 违法所得
        wanted = condition_items(branch.condition)
        if wanted and cited_items and not wanted & cited_items:
            continue
        bases: list[tuple[Optional[float], str]] = [(None, "")]
        if branch.of:
            bases, absent = _bases(branch, facts)
            if absent:
                # no illegal_income is no 违法所得: it selects the "没有违法所得或者违法所得不足X元" branch; a multiple
                # of it (without such a branch) still needs the figure
                if branch.of != "illegal_income" or branch.multiple:
                    missing = missing or absent
                    continue
                bases = [(0.0, "违法所得（无）")]
        for amount, how in bases:  # a base the package may hold in more than one place: every reading counts
            if branch.below is not None and not amount < branch.below:
                continue
            if branch.at_least is not None and not amount >= branch.at_least:
                continue
            ranges.append(_branch_range(branch, amount, how))
            readings.append((amount, how))
    if not ranges:
        return missing
    return FineRange(min(r.low for r in ranges), max(r.high for r in ranges), "；".join(r.explanation for r in ranges),
                     tuple(dict.fromkeys(k for r in ranges for k in r.computed_from)), all(r.per_measure for r in ranges),
                     len(set(readings)) < len(readings))


def least_for_a_share(provision: cm.Provision, facts: FineFacts, law_id: Optional[str] = None) -> float:
    """The least fine one of several offenders may get when the act's measure is shared among them: the lowest minimum
    the provision sets for any share of the whole. A multiple with no threshold falls to nothing for a small share (每平方米);
    a fixed range for a small base does not (基本医疗卫生与健康促进法第九十九条: 违法所得不足一万元的，五万元以上 — and 一万元
    以上 is five times at least 一万元): a share never buys a fine below it. 0 when the provision sets no such floor."""
    whole = dict(facts.amounts)
    key = next((b.of for b in provision.fines or () if b.of in whole), None)
    if key is None:
        return 0.0
    shares: set[float] = {0.01}
    for branch in provision.fines or ():
        for bound in (branch.below, branch.at_least):
            if bound is not None and branch.of in whole and bound <= whole[branch.of]:
                shares.add(float(bound))
    lows = []
    for share in shares:
        rng = fine_range(provision, FineFacts({**whole, key: share}, facts.quantities, facts.circumstance, facts.corrected,
                                              facts.items), law_id)
        if not isinstance(rng, FineRange):
            return 0.0
        lows.append(rng.low)
    return min(lows)


def _branch_range(branch: cm.FineRule, amount: Optional[float], how: str) -> FineRange:
    when = f"（{branch.condition}）" if branch.condition else ""
    if branch.unspecified:
        return FineRange(0.0, float("inf"), f"罚款，条文未规定数额{when}")
    if branch.range:
        low, high = branch.range
        # a fixed range chosen by a figure (货值金额不足一万元的) rests on that figure, unless the figure is absent
        selected = (_key(branch),) if branch.of and amount and (branch.below is not None or branch.at_least is not None) else ()
        if high is None:  # 处五十万元以上罚款: the statute sets no upper bound
            return FineRange(low, float("inf"), f"{yuan(low)}以上（条文未规定上限）{when}", selected)
        return FineRange(low, high, f"{yuan(low)}至{yuan(high)}{when}", selected)
    lo, hi = branch.multiple
    label = how or branch.of_label or AMOUNT_LABELS.get(branch.of, branch.of)
    shown = f"{amount:g}" if branch.of and not _is_money(branch) else yuan(amount)
    return FineRange(lo * amount, hi * amount,
                     f"{label}{shown}的{lo:g}至{hi:g}倍，即{yuan(lo * amount)}至{yuan(hi * amount)}{when}", (_key(branch),), True)


def _key(branch: cm.FineRule) -> str:
    if branch.of in CONTRACT_AMOUNTS or branch.of in ALIAS_KEYS:
        return branch.of
    return "quantities" if not _is_money(branch) else "involved_amount"


def _is_money(branch: cm.FineRule) -> bool:
    words = branch.of_label or ""
    return not (branch.of in QUANTITY_KEYS or any(p.search(words) for p, _, _ in PER_UNIT))
