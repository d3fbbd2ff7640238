"""The discretion calculator (裁量计算): for a case, the published baseline rows that apply to it — by region, field,
date and the provision of the 处罚依据 — and, for the tables that compute a fine (权重累加: 裁量起点 + the weight of each
factor × an amount; 幅度罚款 by grades: the row for the case's grades), the range the known factors allow, step by step.
Factors come from the package's ``violation.factors`` {裁量要素: 违法程度}; a factor not given widens the range to every
option it has (and is named as missing), never a gap. Used by the discretion rules, the report, the opinion, the web
result and ``review-assistant discretion``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from review_assistant.law.citations import normalize_law_name
from review_assistant.law.fines import yuan


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


def out_of_scope(ctx, file, day: date) -> str:
    """Why a published file (its region, fields and dates) does not apply to this agency on ``day`` ("" when it does)."""
    if file.region_prefix and not (ctx.agency_region or "").startswith(file.region_prefix):
        return f"该基准只适用于区划代码以{file.region_prefix}开头的地区，本案执法机关的区划代码为{ctx.agency_region or '未载明'}"
    if file.domains and not ctx.catalogs.covers(file.domains, ctx.domain):
        return f"该基准只适用于{'、'.join(file.domains)}领域，本案领域为{ctx.domain or '未载明'}"
    if not file.in_force(day):
        until = f"至{file.effective_to}" if file.effective_to else "起"
        return f"该基准自{file.effective_from}{until}施行，本案决定日为{day}"
    return ""


def in_scope(ctx, file, day: date) -> bool:
    """Whether a published file (its region, fields and dates) applies to this agency on ``day``."""
    return not out_of_scope(ctx, file, day)


def baselines(ctx, r, day: date):
    """Published baseline rows for the cited provision that apply to this agency on ``day``."""
    for file, entry in ctx.catalogs.discretion_by_article.get(r.citation.article, ()):
        if names_provision(entry, r) and in_scope(ctx, file, day):
            yield file, entry


# a 文号 as written in a citation: 粤环发〔2021〕7号, 江环[2020]10号 (any bracket), and a row: §2.7.1, 序号1-1
_DOC_NO = re.compile(r"([\u4e00-\u9fff]{2})[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*第?(\d+)号")
_ROW = re.compile(r"§\s*(\d+(?:\.\d+)*)|序号\s*(\d+(?:-\d+)*)|第\s*(\d+(?:\.\d+)+)\s*[项条节]|(?<![\d.])(\d+\.\d+(?:\.\d+)*)(?![\d.])")


@dataclass(frozen=True)
class NamedRow:
    """A row the package names in ``citations.discretion``, found in the catalog (``entry`` None: the document is one
    we hold, the row is not in it)."""
    index: int
    text: str
    row: str
    file: Any
    entry: Any


def _doc_numbers(text: str) -> set[tuple[str, str, str]]:
    return set(_DOC_NO.findall(text or ""))


def _own_doc_number(source: str):
    """A file's own 文号: the first in its ``source`` (later ones name the documents it relates to)."""
    m = _DOC_NO.search(source or "")
    return m.groups() if m else None


def named_rows(ctx) -> list[NamedRow]:
    """``citations.discretion`` matched to the baseline rows they name, by the file's 文号 and the row (§ / 序号). A
    document we do not hold, or one named without a row, is nothing to match (a framework or a 规定 as a whole)."""
    cites = ctx.package.citations.discretion if ctx.package.citations else None
    if not cites:
        return []
    files = list({id(f): f for f, _ in ctx.catalogs.discretion.values()}.values())
    out = []
    for i, text in enumerate(cites):
        docs = _doc_numbers(text)
        after = _DOC_NO.search(text or "")
        m = _ROW.search(text, after.end()) if after else None  # the row follows the 文号: 附件1 §2.7.1, 第2.7.1项, 2.7.1
        if not docs or m is None:
            continue
        row = f"序号{m.group(2)}" if m.group(2) else f"§{m.group(1) or m.group(3) or m.group(4)}"
        held = [f for f in files if _own_doc_number(f.source) in docs]
        if not held:
            continue
        entry = next(((f, e) for f, e in ctx.catalogs.discretion.values() if f in held and e.source_row == row), None)
        out.append(NamedRow(i, text, row, entry[0] if entry else held[0], entry[1] if entry else None))
    return out


def calculations(ctx) -> list[Calculation]:
    """Every computing table (weighted or graded) that applies to the case's penalty provisions."""
    given = _given_factors(ctx)
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
                own = {**_named_grades(ctx, entry), **given}  # the file's own factors win over the row's words
                calc = _graded(entry, source, r.citation.raw, own, _with_quantities(ctx))
            out.append((entry, calc))
    # the rows the file itself names, where they are among those that apply, are the ones it was decided by
    named = {n.entry.id for n in ctx.once(named_rows) if n.entry is not None}
    if named & {entry.id for entry, _ in out}:
        out = [(entry, calc) for entry, calc in out if entry.id in named]
    # rows keyed to the same 处罚依据 differ by the provision violated: keep those for the case's 违法依据, if any
    violated = _violated_keys(ctx)
    matching = [calc for entry, calc in out if entry.violated and _for_violated(ctx, entry, violated)]
    return matching or [calc for _, calc in out]


def _given_factors(ctx) -> dict:
    """The case's own discretion factors (v1.1 ``violation.factors``), and who is punished (tables by 单位 / 个人)."""
    v = ctx.package.violation
    given = dict(v.factors or {}) if v and v.factors else {}
    if "处罚对象" not in given and party_kind(ctx.package):
        given["处罚对象"] = party_kind(ctx.package)
    return given


def _violated_keys(ctx) -> set:
    cited = ctx.package.citations.violated or () if ctx.package.citations else ()
    return {(_law_key(c), c.article) for t in cited for c in ctx.read(t) if c.article}


def _for_violated(ctx, entry, violated: set) -> bool:
    """Whether a row keyed to one violated provision (its ``violated``) is for one the case cites."""
    return any((_law_key(c), c.article) in violated for c in ctx.read(entry.violated) if c.article)


@dataclass(frozen=True)
class FirstTier:
    """A graded table that counts 同类违法行为, and what it gives the case as a first such act."""
    file: Any
    entry: Any
    column: str  # 近二年同类违法行为情况
    tier: str  # the column's first value in the table (2次以下, 1次, 无同类违法行为)
    calc: Calculation  # the fine range at that tier, the case's other factors as given


_A_COUNT = re.compile(r"次|无同类|有同类|首次|初次")


def first_tiers(ctx) -> list[FirstTier]:
    """For the case's penalty provisions, the graded rows of baselines that say what 同类违法行为 means
    (``same_kind``), each computed at its first count tier; rows for another violated provision are left out."""
    given = _given_factors(ctx)
    day = ctx.decision_date or ctx.as_of
    violated = _violated_keys(ctx)
    out = []
    for _, r in ctx.resolved_citations("penalty"):
        if not r.citation.article:
            continue
        for file, entry in baselines(ctx, r, day):
            if file.same_kind is None or not entry.graded:
                continue
            column = next((c for c in entry.graded.columns if "同类违法行为" in c), None)
            if column is None:
                continue
            if entry.violated and violated and not _for_violated(ctx, entry, violated):
                continue
            tier = next(row.when[column] for row in entry.graded.rows if column in row.when)
            if not _A_COUNT.search(tier):
                continue  # a column the table names 同类违法行为情况 but fills with something else (§2.14: 整改情况)
            source = f"{_document(file.source)} {entry.source_row or entry.id}"
            calc = _graded(entry, source, r.citation.raw, {**given, column: tier}, _with_quantities(ctx))
            out.append(FirstTier(file, entry, column, tier, calc))
    return out


def _named_grades(ctx, entry) -> dict:
    """The grades a file names with the row (§3.15：近二年同类违法行为2次以下，……2万元以上5万元以下): for each column, the
    one value of the table written in the citation (the longest first: 2次以下 before 2次)."""
    texts = [n.text for n in ctx.once(named_rows) if n.entry is not None and n.entry.id == entry.id]
    if not texts:
        return {}
    out = {}
    for column in entry.graded.columns:
        values = sorted({row.when[column] for row in entry.graded.rows if column in row.when}, key=len, reverse=True)
        for text in texts:
            rest, said = text, []
            for value in values:
                if value and value in rest:
                    said.append(value)
                    rest = rest.replace(value, "\0")  # 2次以下 read, its 2次 is not another grade
            if len(said) == 1:
                out[column] = said[0]
                break
    return out


def _with_quantities(ctx) -> dict:
    v = ctx.package.violation
    out = dict(ctx.amounts)
    quantities = getattr(v, "quantities", None) if v else None
    if quantities and quantities.get("items") is not None:
        out["items"] = float(quantities["items"])
    return out


def _law_key(c) -> str:
    return normalize_law_name(c.law_name or "")


def _document(source: str) -> str:
    return source.split("（")[0].split("；")[0]


def party_kind(pkg) -> Optional[str]:
    """处罚对象 for a table with formulas or columns by party: 单位 when every party is an organization, 个人 when every
    party is a natural person (个体工商户: not said — the table's 单位 / 个人 is for the reviewer to read)."""
    kinds = {p.kind for p in pkg.parties or ()}
    return {"organization": "单位", "individual": "个人"}.get(kinds.pop()) if len(kinds) == 1 else None


def _factor_sum(w, given):
    low = high = 0.0
    steps, missing, read = [], [], {}
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
    return low, high, steps, missing, read


def _limit(low, high, floor, cap, steps):
    if (floor is not None and low < floor) or (cap is not None and high > cap):
        rules = ([f"不足{floor:.0%}按{floor:.0%}"] if floor is not None else []) + (
            [f"超过{cap:.0%}按{cap:.0%}"] if cap is not None else [])
        low = max(low, floor) if floor is not None else low
        high = min(high, cap) if cap is not None else high
        low = min(low, cap) if cap is not None else low
        high = max(high, low)
        steps.append(f"按备注（{'、'.join(rules)}计算）取 {low:.0%}" + ("" if low == high else f"至{high:.0%}"))
    return low, high


def _weighted(entry, source, provision, given, amounts) -> Calculation:
    w = entry.weighted
    if w.formulas:
        return _weighted_formulas(entry, source, provision, given, amounts)
    f_low, f_high, f_steps, missing, read = _factor_sum(w, given)
    low, high = w.start + f_low, w.start + f_high
    steps = [f"裁量起点 {w.start:.0%}", *f_steps]
    steps.append(f"裁量百分值总和 {low:.0%}" + ("" if low == high else f"至{high:.0%}"))
    low, high = _limit(low, high, w.floor, w.cap, steps)
    if w.amount is not None:
        base, base_text = w.amount, yuan(w.amount)
    else:
        base = amounts.get(w.of) if w.of != "other" else amounts.get("involved_amount")
        base_text = f"{w.of_label or w.of}{yuan(base)}" if base is not None else None
        if base is not None and w.base_at_least and base < w.base_at_least:
            base_text = f"{w.of_label or w.of}{yuan(base)}（不足{yuan(w.base_at_least)}，按{yuan(w.base_at_least)}计算）"
            base = w.base_at_least
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


def _weighted_formulas(entry, source, provision, given, amounts) -> Calculation:
    """备注 with several formulas: those whose condition the case meets (a condition not stated: every formula it
    leaves open, and it is named as missing)."""
    w = entry.weighted
    f_low, f_high, f_steps, missing, read = _factor_sum(w, given)
    open_ = [f for f in w.formulas if all(given.get(k) in (None, v) for k, v in f.when.items())]
    conditions = list(dict.fromkeys(k for f in w.formulas for k in f.when))
    read.update({k: given[k] for k in conditions if k in given})
    missing += [k for k in conditions if k not in given and len({f.when.get(k) for f in open_}) > 1]
    if not open_:
        return Calculation(entry.id, source, entry.conduct, provision, None, None,
                           ("案卷载明的情形与该表各计算公式均不对应：" + "；".join(f"{k}：{given[k]}" for k in conditions if k in given),),
                           tuple(missing), read)
    steps = [f"{k}：{given[k]}" if k in given else f"{k}：未载明" for k in conditions] + f_steps
    lows, highs = [], []
    for f in open_:
        low, high = f.start + f_low, f.start + f_high
        steps.append(f"{f.label}：裁量起点 {f.start:.0%}，裁量百分值总和 {low:.0%}" + ("" if low == high else f"至{high:.0%}"))
        low, high = _limit(low, high, f.floor, f.cap, steps)
        if f.amount is not None:
            base, text = f.amount, yuan(f.amount)
        else:
            known = amounts.get(f.of) if f.of != "other" else amounts.get("involved_amount")
            if known is None:
                missing.append(f.of_label or f.of)
                steps.append(f"{f.label}：罚款金额 = 裁量百分值总和 × {f.of_label} × {f.rate:g}：案卷未载明{f.of_label}")
                return Calculation(entry.id, source, entry.conduct, provision, None, None, tuple(steps),
                                   tuple(missing), read)
            base, text = known * f.rate, f"{f.of_label}{yuan(known)}×{f.rate:g}"
        steps.append(f"{f.label}：罚款金额 = 裁量百分值总和 × {text} = {yuan(low * base)}"
                     + ("" if low == high else f"至{yuan(high * base)}"))
        lows.append(round(low * base, 2))
        highs.append(round(high * base, 2))
    return Calculation(entry.id, source, entry.conduct, provision, min(lows), max(highs), tuple(steps),
                       tuple(missing), read)


def _graded(entry, source, provision, given, amounts=None) -> Calculation:
    g = entry.graded
    amounts = amounts or {}
    read = {c: given[c] for c in g.columns if c in given}
    rows = [row for row in g.rows if all(row.when.get(c) in (None, value) for c, value in read.items())]
    # a column is missing only if some row still in play depends on it (造成重大影响的 has no 日排放量)
    missing = [c for c in g.columns if c not in read and any(c in row.when for row in rows)]
    if not rows:
        return Calculation(entry.id, source, entry.conduct, provision, None, None,
                           ("案卷载明的裁量情形与该表各档均不对应：" + "；".join(f"{k}：{v}" for k, v in read.items()),),
                           tuple(missing), read)
    steps = [f"{c}：{read[c]}" if c in read else f"{c}：未载明" for c in g.columns]
    lows, highs, unknown = [], [], []
    for r in rows:
        if r.multiple is not None:
            base = amounts.get(r.of) if r.of != "other" else amounts.get("involved_amount")
            if base is None:
                unknown.append(r.of_label or r.of)
                continue
            lows.append(min(r.multiple[0] * base, r.cap or float("inf")))
            highs.append(min(r.multiple[1] * base, r.cap or float("inf")))
        elif r.per:
            count = amounts.get("items")
            if count is None:
                unknown.append(f"{r.per}数")
                continue
            lows.append(r.range[0] * count)
            highs.append(r.range[1] * count)
        else:
            lows.append(r.range[0])
            highs.append(r.range[1])
    for r in rows:
        if r.multiple is not None:
            unit = "倍" if r.multiple[1] >= 1 else ""
            text = (f"{r.multiple[0]:g}{unit}至{r.multiple[1]:g}{unit}" if unit else f"{r.multiple[0]:.0%}至{r.multiple[1]:.0%}")
            steps.append(f"{'、'.join(r.when.values()) or '该档'}：{r.of_label}的{text}"
                         + (f"，最高不超过{yuan(r.cap)}" if r.cap else ""))
        elif r.per:
            steps.append(f"{'、'.join(r.when.values()) or '该档'}：每{r.per}{yuan(r.range[0])}"
                         + ("" if r.range[0] == r.range[1] else f"至{yuan(r.range[1])}"))
        elif r.warning:
            steps.append(f"{'、'.join(r.when.values()) or '该档'}：警告（不罚款）")
    missing += list(dict.fromkeys(unknown))
    if unknown:
        steps.append("案卷未载明" + "、".join(dict.fromkeys(unknown)) + "，无法计算罚款金额")
        return Calculation(entry.id, source, entry.conduct, provision, None, None, tuple(steps), tuple(missing), read)
    low, high = round(min(lows), 2), round(max(highs), 2)
    steps.append(f"对应{len(rows)}档：罚款{yuan(low)}" + ("" if low == high else f"至{yuan(high)}"))
    return Calculation(entry.id, source, entry.conduct, provision, low, high, tuple(steps), tuple(missing), read)
