"""The discretion calculator (裁量计算): for a case, the published baseline rows that apply to it — by region, field,
date and the provision of the 处罚依据 — and, for the tables that compute a fine (权重累加: 裁量起点 + the weight of each
factor × an amount; 幅度罚款 by grades: the row for the case's grades), the range the known factors allow, step by step.
Factors come from the package's ``violation.factors`` {裁量要素: 违法程度}; a factor not given widens the range to every
option it has (and is named as missing), never a gap. Used by the discretion rules, the report, the opinion, the web
result and ``review-assistant discretion``."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from .citations import normalize_law_name
from .fines import yuan


@dataclass(frozen=True)
class Calculation:
    entry_id: str
    source: str  # the document and row (粤环发〔2021〕7号 附件1 §1.1)
    conduct: str
    provision: str  # the 处罚依据 it is keyed to, as cited in the case
    low: Optional[float]
    high: Optional[float]
    steps: tuple[str, ...]
    missing: tuple[str, ...] = ()
    read: dict = field(default_factory=dict)  # factor → the option the package gave

    @property
    def exact(self) -> bool:
        return not self.missing and self.low is not None

    @property
    def range_text(self) -> str:
        if self.low is None:
            return "无法计算"
        return yuan(self.low) if self.low == self.high else f"{yuan(self.low)}至{yuan(self.high)}"

    def as_dict(self) -> dict:
        return {"entry": self.entry_id, "source": self.source, "conduct": self.conduct, "provision": self.provision,
                "low": self.low, "high": self.high, "range": self.range_text, "steps": list(self.steps),
                "missing": list(self.missing), "factors": self.read}


def names_provision(entry, r) -> bool:
    """Whether a catalog row (law_id or law_name, article, paragraph, item) is the cited provision."""
    c = r.citation
    same_law = (r.law is not None and entry.law_id == r.law.id) or (
        entry.law_name is not None and normalize_law_name(entry.law_name) == normalize_law_name(c.law_name or ""))
    return (same_law and entry.article == c.article and entry.paragraph in (None, c.paragraph)
            and getattr(entry, "item", None) in (None, c.item))


def in_scope(ctx, file, day: date) -> bool:
    """Whether a published file (its region, fields and dates) applies to this agency on ``day``."""
    if file.region_prefix and not (ctx.agency_region or "").startswith(file.region_prefix):
        return False
    if file.domains and not ctx.catalogs.covers(file.domains, ctx.domain):
        return False
    return file.in_force(day)


def baselines(ctx, r, day: date):
    """Published baseline rows for the cited provision that apply to this agency on ``day``."""
    for file, entry in ctx.catalogs.discretion.values():
        if names_provision(entry, r) and in_scope(ctx, file, day):
            yield file, entry


def calculations(ctx) -> list[Calculation]:
    """Every computing table (weighted or graded) that applies to the case's penalty provisions."""
    v = ctx.package.violation
    given = dict(v.factors or {}) if v and v.factors else {}
    day = ctx.decision_date or ctx.as_of
    out, seen = [], set()
    for _, r in ctx.resolved_citations("penalty"):
        if not r.citation.article:
            continue
        for file, entry in baselines(ctx, r, day):
            if entry.id in seen or not (entry.weighted or entry.graded):
                continue
            seen.add(entry.id)
            source = f"{_document(file.source)} {entry.source_row or entry.id}"
            if entry.weighted:
                calc = _weighted(entry, source, r.citation.raw, given, ctx.amounts)
            else:
                calc = _graded(entry, source, r.citation.raw, given)
            out.append((entry, calc))
    # rows keyed to the same 处罚依据 differ by the provision violated: keep those for the case's 违法依据, if any
    violated = {(_law_key(c), c.article) for t in (ctx.package.citations.violated or () if ctx.package.citations else ())
                for c in ctx.read(t) if c.article}
    matching = [calc for entry, calc in out if entry.violated and any(
        (_law_key(c), c.article) in violated for c in ctx.read(entry.violated) if c.article)]
    return matching or [calc for _, calc in out]


def _law_key(c) -> str:
    return normalize_law_name(c.law_name or "")


def _document(source: str) -> str:
    return source.split("（")[0].split("；")[0]


def _weighted(entry, source, provision, given, amounts) -> Calculation:
    w = entry.weighted
    low = high = w.start
    steps = [f"裁量起点 {w.start:.0%}"]
    missing, read = [], {}
    for f in w.factors:
        chosen = next((o for o in f.options if o.label == given.get(f.label)), None)
        if chosen:
            low, high = low + chosen.weight, high + chosen.weight
            read[f.label] = chosen.label
            steps.append(f"{f.label}：{chosen.label} +{chosen.weight:.0%}")
        else:
            lo, hi = min(o.weight for o in f.options), max(o.weight for o in f.options)
            low, high = low + lo, high + hi
            missing.append(f.label)
            steps.append(f"{f.label}：未载明（{lo:.0%}至{hi:.0%}）")
    steps.append(f"裁量百分值总和 {low:.0%}" + ("" if low == high else f"至{high:.0%}"))
    if (w.floor is not None and low < w.floor) or (w.cap is not None and high > w.cap):
        rules = ([f"不足{w.floor:.0%}按{w.floor:.0%}"] if w.floor is not None else []) + (
            [f"超过{w.cap:.0%}按{w.cap:.0%}"] if w.cap is not None else [])
        low = max(low, w.floor) if w.floor is not None else low
        high = min(high, w.cap) if w.cap is not None else high
        low = min(low, w.cap) if w.cap is not None else low
        high = max(high, low)
        steps.append(f"按备注（{'、'.join(rules)}计算）取 {low:.0%}" + ("" if low == high else f"至{high:.0%}"))
    if w.amount is not None:
        base, base_text = w.amount, yuan(w.amount)
    else:
        base = amounts.get(w.of) if w.of != "other" else amounts.get("involved_amount")
        base_text = f"{w.of_label or w.of}{yuan(base)}" if base is not None else None
        if base is not None:
            base *= w.rate
            base_text += f"×{w.rate:g}" if w.rate >= 1 else f"×{w.rate:.0%}"
    if base is None:
        missing.append(w.of_label or w.of)
        steps.append(f"罚款金额 = 裁量百分值总和 × {w.of_label or w.of} × {w.rate:g}：案卷未载明{w.of_label or w.of}")
        return Calculation(entry.id, source, entry.conduct, provision, None, None, tuple(steps), tuple(missing), read)
    steps.append(f"罚款金额 = 裁量百分值总和 × {base_text} = {yuan(low * base)}" + ("" if low == high else f"至{yuan(high * base)}"))
    return Calculation(entry.id, source, entry.conduct, provision, round(low * base, 2), round(high * base, 2),
                       tuple(steps), tuple(missing), read)


def _graded(entry, source, provision, given) -> Calculation:
    g = entry.graded
    read = {c: given[c] for c in g.columns if c in given}
    rows = [row for row in g.rows if all(row.when.get(c) in (None, value) for c, value in read.items())]
    # a column is missing only if some row still in play depends on it (造成重大影响的 has no 日排放量)
    missing = tuple(c for c in g.columns if c not in read and any(c in row.when for row in rows))
    if not rows:
        return Calculation(entry.id, source, entry.conduct, provision, None, None,
                           ("案卷载明的裁量情形与该表各档均不对应：" + "；".join(f"{k}：{v}" for k, v in read.items()),), missing, read)
    low, high = min(r.range[0] for r in rows), max(r.range[1] for r in rows)
    steps = [f"{c}：{read[c]}" if c in read else f"{c}：未载明" for c in g.columns]
    steps.append(f"对应{len(rows)}档：罚款{yuan(low)}" + ("" if low == high else f"至{yuan(high)}"))
    return Calculation(entry.id, source, entry.conduct, provision, low, high, tuple(steps), missing, read)
