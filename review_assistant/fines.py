"""The fine range a cited provision allows for this case, with multiples computed from the package's amounts.

A provision's branches are data (catalogs/laws): a fixed range, or a multiple of an amount, optionally selected
by that amount (the statute's "货值金额不足一万元的……；一万元以上的……"). Branches that depend on a
circumstance the package cannot decide are alternatives: the widest range they allow together is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from . import catalog_models as cm

AMOUNT_LABELS = {
    "illegal_income": "违法所得", "goods_value": "货值金额", "sales_amount": "销售金额",
    "involved_amount": "涉案金额", "tax_evaded": "税款", "construction_cost": "建设工程造价",
    "turnover": "违法经营额", "advertising_fee": "广告费用",
}


@dataclass(frozen=True)
class FineRange:
    low: float
    high: float
    explanation: str


@dataclass(frozen=True)
class MissingAmount:
    key: str
    words: Optional[str] = None  # the statute's words when the key is "other"

    @property
    def label(self) -> str:
        return self.words or AMOUNT_LABELS.get(self.key, self.key)


def yuan(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + "元"


def fine_range(provision: cm.Provision, amounts: dict[str, float],
               circumstance: Optional[str] = None) -> Optional[FineRange | MissingAmount]:
    """None when the provision sets no fine (or the catalog does not record its amounts). Branches for a stated
    情节 (e.g. 情节严重的) are chosen by ``circumstance`` when the case states it, else all of them count."""
    if not provision.fines:
        return None
    ranges: list[FineRange] = []
    for branch in provision.fines:
        if circumstance and branch.circumstance and circumstance not in branch.circumstance:
            continue
        amount = amounts.get(branch.of) if branch.of else None
        if branch.of and amount is None:
            return MissingAmount(branch.of, branch.of_label)
        if branch.below is not None and not amount < branch.below:
            continue
        if branch.at_least is not None and not amount >= branch.at_least:
            continue
        ranges.append(_branch_range(branch, amount))
    if not ranges:
        return None
    return FineRange(min(r.low for r in ranges), max(r.high for r in ranges), "；".join(r.explanation for r in ranges))


def _branch_range(branch: cm.FineRule, amount: Optional[float]) -> FineRange:
    when = f"（{branch.condition}）" if branch.condition else ""
    if branch.range:
        low, high = branch.range
        return FineRange(low, high, f"{yuan(low)}至{yuan(high)}{when}")
    lo, hi = branch.multiple
    label = branch.of_label or AMOUNT_LABELS.get(branch.of, branch.of)
    return FineRange(lo * amount, hi * amount,
                     f"{label}{yuan(amount)}的{lo:g}至{hi:g}倍，即{yuan(lo * amount)}至{yuan(hi * amount)}{when}")
