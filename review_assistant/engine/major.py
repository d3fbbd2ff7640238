"""Is this a major enforcement decision (重大执法决定) that must pass legal review?

The national floor is 《行政处罚法》第五十八条; each organ's 目录清单 (catalog entries keyed by region, agency level,
field and effective date) may go further. When no local list covers the agency, only the national floor can be
applied, and a negative answer is "unknown", not "no".
"""
from __future__ import annotations

from datetime import date

from review_assistant.catalog.models import MajorEntry
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # triage reads the context; the context never calls triage
    from review_assistant.engine.context import CaseContext
from review_assistant.case.models.report import MajorDetermination


def determine(ctx: CaseContext) -> MajorDetermination:
    day = ctx.decision_date or ctx.as_of
    applicable = [e for e in ctx.catalogs.major_entries.values() if _applies(e, ctx, day)]
    local = [e for e in applicable if e.scope == "local"]
    hits = [e for e in applicable if _triggered(e, ctx)]
    entries = [{"id": e.id, "title": e.title, "source": e.source, **({"basis": e.basis} if e.basis else {})} for e in hits]
    if hits:
        return MajorDetermination(is_major=True, entries=entries, reason="符合：" + "；".join(e.title for e in hits))
    if local:
        return MajorDetermination(is_major=False, reason="未达到适用目录清单（" + "、".join(e.id for e in local) + "）的标准")
    return MajorDetermination(
        is_major=None,
        reason="未找到适用于该执法机关（地区、层级、领域）的重大执法决定法制审核目录清单；按《行政处罚法》第五十八条底线未触发，需人工判断")


def _applies(e: MajorEntry, ctx: CaseContext, day: date) -> bool:
    if not e.in_force(day):
        return False
    if e.scope == "national":
        return True
    region, level = ctx.agency_region, ctx.agency_level
    if not region or not e.region_prefix or not region.startswith(e.region_prefix):
        return False
    if e.agency_levels and level not in e.agency_levels:
        return False
    if e.procedure and ctx.package.procedure != e.procedure:
        return False
    return not e.domains or ctx.catalogs.covers(e.domains, ctx.domain)


def _triggered(e: MajorEntry, ctx: CaseContext) -> bool:
    pkg = ctx.package
    if pkg.proposed_decision and pkg.proposed_decision.outcome not in (None, "penalize"):
        return e.hearing_held and bool(ctx.steps_of("hearing"))
    if e.hearing_held and ctx.steps_of("hearing"):
        return True
    if e.all_ordinary and pkg.procedure == "ordinary":
        return True
    types = {p.type for _, p in ctx.penalties}
    if e.penalty_types and types & set(e.penalty_types):
        return True
    if e.amount:
        kinds = {p.kind for p in pkg.parties or ()}
        if kinds & set(e.amount.party_kinds):
            for _, p in ctx.penalties:
                if p.type in e.amount.penalty_types and p.amount is not None:
                    over = p.amount > e.amount.value if e.amount.comparator == "gt" else p.amount >= e.amount.value
                    if over:
                        return True
    return False
