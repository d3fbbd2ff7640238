"""The review pipeline, one way: package → derived facts → engine → findings → report.

Rules, catalogs and the durable_rules ruleset are loaded once per process (``Reviewer``); a review only
derives facts, runs one engine session and assembles the report.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Optional, Union

from review_assistant import __version__
from review_assistant.case import limits
from review_assistant.catalog.loader import Catalogs, load_catalogs
from review_assistant.engine.context import CaseContext
from review_assistant.engine.durable import Engine, Hit
from review_assistant.engine.major import determine
from review_assistant.case.inputs import InputError, Problem, parse_package, unknown_fields
from review_assistant.case.models.package import CasePackage
from review_assistant.case.models.report import ChecklistRow, Finding, Notice, Report, Versions
from review_assistant.engine.rulebook import ITEMS, Rulebook, load_rulebook

log = logging.getLogger("review_assistant.decisions")

CONCLUSIONS = {"approve": "同意", "revise": "建议修改后同意", "return": "退回补充", "reject": "不同意"}
STATUS_LABELS = {"pass": "通过", "issue": "存在问题", "gap": "材料不足"}
SEVERITY_RANK = {"blocking": 0, "major": 1, "minor": 2, "hint": 3}
ITEM_ORDER = {item: n for n, item in enumerate(ITEMS)}

PackageInput = Union[CasePackage, dict, str, bytes]


class ReviewTimeout(InputError):
    """The review did not finish within its time budget: a clear error for the caller, the worker is free again."""
    status = 422

    def __init__(self, budget: float):
        super().__init__([Problem("", f"审查超时（超过 {budget:g} 秒），案卷包的文字过长或过于复杂，请精简后重新提交",
                                  f"review timed out after {budget:g} s: the package's texts are too long or complex")])


class Reviewer:
    """Rulebook + engine + catalogs, built once. Thread-safe; engine sessions are serialized inside."""

    def __init__(self, catalogs: Optional[Catalogs] = None, rulebook: Optional[Rulebook] = None):
        self.rulebook = rulebook or load_rulebook()
        self.catalogs = catalogs or load_catalogs()
        self.engine = _engine_for(self.rulebook)
        self.versions = Versions(engine=f"review-assistant {__version__}; durable_rules 2.0.28",
                                 rules=self.rulebook.version, catalogs=self.catalogs.versions_in_brief())

    def review(self, package: PackageInput, *, as_of: Optional[date] = None,
               budget: Optional[float] = None) -> Report:
        """Raises InputError for bad input and ReviewTimeout when deriving the facts takes longer than ``budget``
        seconds (every text pass is linear, so only a package near the size limit can get there)."""
        pkg = parse_package(package)
        as_of = as_of or pkg.submitted_on or date.today()
        ctx = CaseContext(pkg, self.catalogs, as_of)
        budget = limits.REVIEW_SECONDS if budget is None else budget
        deadline = time.monotonic() + budget
        facts = []
        for module in self.rulebook.modules:
            for fact in module.facts(ctx):
                facts.append(fact)
                if time.monotonic() > deadline:
                    raise ReviewTimeout(budget)
        findings = _findings(self.engine.run(facts))
        if time.monotonic() > deadline:
            raise ReviewTimeout(budget)
        report = Report(
            review_id=str(uuid.uuid4()),
            case_id=pkg.case_id,
            reviewed_at=datetime.now(timezone.utc).replace(microsecond=0),
            as_of=as_of,
            stage=ctx.stage,
            major=ctx.once(determine),
            checklist=_checklist(findings),
            findings=findings,
            conclusion=(conclusion := _conclusion(findings)),
            conclusion_label=CONCLUSIONS[conclusion],
            notices=[Notice(code="unknown_field", message="案卷包 v1 未定义该字段，已原样保留；不作为 v1 字段审查，"
                                                         "其中的文字只在个别规则中参考（如说明、处理措施）", where=w)
                     for w in unknown_fields(pkg)]
                    + [Notice(code="own_field_set_aside", where=w,
                              message="该字段与本工具对 v1 的扩展字段同名但内容格式不同，或数量不是数字（应为案卷系统自定的内容），未读取、未用于审查")
                       for w in pkg._set_aside]
                    + [Notice(code="own_code", where=w,
                              message=f"“{code}”不是案卷包 v1 该字段的代码（应为案卷系统自定的代码，如复议决定、法院裁定、缴纳罚款等环节），"
                                      + (f"已按 v1.5 的代码 {ours} 审查" if ours else "已原样保留，未用于审查")
                                      + "；v1 有对应代码的，请使用该代码")
                       for w, code, ours in pkg._own_kinds],
            versions=self.versions,
        )
        if log.isEnabledFor(logging.INFO):
            log.info(json.dumps({"review_id": report.review_id, "conclusion": conclusion,
                                 "findings": [f.rule_id for f in findings], "rules": self.versions.rules,
                                 "catalogs": self.versions.catalogs}, ensure_ascii=False))
        return report


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def _engine_for(rulebook: Rulebook) -> Engine:
    """One engine per rulebook per process: durable_rules cannot redefine or drop a ruleset."""
    with _engines_lock:
        if rulebook.version not in _engines:
            _engines[rulebook.version] = Engine(rulebook)
        return _engines[rulebook.version]


class _Values(dict):
    """Fact values for a message template; a placeholder the fact lacks stays visible instead of raising."""

    def __missing__(self, key):
        return "{" + key + "}"


def _format(template: str, **values) -> str:
    return template.format_map(_Values(values))


MAX_PER_RULE = 30  # a report names at most this many places for one rule, then says how many more there are


def _findings(hits: list[Hit]) -> list[Finding]:
    seen, findings, per_rule = set(), [], {}
    for hit in hits:
        r, fact = hit.rule, hit.fact
        per_rule[r.id] = per_rule.get(r.id, 0) + 1
        if per_rule[r.id] > MAX_PER_RULE:
            continue
        # trusted values from our own rule metadata: construct without re-validating. A "请人工核对" fact may say what
        # to check instead of the rule's generic advice (``advice``: the excerpt of a draft is no document code)
        finding = _trusted(Finding, rule_id=r.id, item=r.item, severity=r.severity, title=r.title,
                           message=_format(r.message, **fact), basis=r.basis, where=fact.get("where", ""),
                           suggestion=_format(fact.get("advice") or r.suggestion, **fact), gap=r.gap,
                           remedy=r.remedy)
        key = (finding.rule_id, finding.where, finding.message)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    for rule_id, n in per_rule.items():
        if n > MAX_PER_RULE:
            first = next(f for f in findings if f.rule_id == rule_id)
            findings.append(first.model_copy(update={
                "where": "/", "message": f"同类问题另有 {n - MAX_PER_RULE} 处未逐一列出（共 {n} 处）",
                "suggestion": first.suggestion}))
    findings.sort(key=lambda f: (ITEM_ORDER[f.item], SEVERITY_RANK[f.severity], f.rule_id, f.where, f.message))
    return findings


def _trusted(cls, **values):
    """``cls.model_construct(**values)`` for the report's own rows, which give every field: the same instance (fields in
    declaration order, all set, no extra or private state) without model_construct's alias and default look-ups for
    each field (a few microseconds a row, some twenty rows a review)."""
    fields = cls.__pydantic_fields__
    m = cls.__new__(cls)
    object.__setattr__(m, "__dict__", {name: values[name] for name in fields})
    object.__setattr__(m, "__pydantic_fields_set__", set(fields))
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m


def _checklist(findings: list[Finding]) -> list[ChecklistRow]:
    rows = []
    by_item: dict[str, list[Finding]] = {}
    for f in findings:
        by_item.setdefault(f.item, []).append(f)
    for item, label in ITEMS.items():
        mine = by_item.get(item, [])
        if any(not f.gap and f.severity != "hint" for f in mine):
            status = "issue"
        elif any(f.gap for f in mine):
            status = "gap"
        else:
            status = "pass"
        rows.append(_trusted(ChecklistRow, item=item, label=label, status=status, status_label=STATUS_LABELS[status],
                             findings=mine))
    return rows


def _conclusion(findings: list[Finding]) -> str:
    """What a reviewer would conclude (README, 审核结论). Hints never count.
    不同意 — a blocking finding: the decision cannot be made at all (void subject, time-barred, under 14, must go to
    the police, a major decision without legal review, no prior notice);
    退回补充 — a v1 field the checklist needs is missing, or evidence must be gathered / a procedure redone;
    建议修改后同意 — every finding can be cured by correcting the decision; 同意 — nothing above a hint."""
    counted = [f for f in findings if f.gap or f.severity != "hint"]
    if any(f.severity == "blocking" and not f.gap for f in counted):
        return "reject"
    if any(f.gap or f.remedy == "supplement" for f in counted):
        return "return"
    if counted:
        return "revise"
    return "approve"


_default: dict[str, Reviewer] = {}
_default_lock = threading.Lock()


def get_reviewer(catalogs: Union[None, str, os.PathLike, Catalogs] = None) -> Reviewer:
    """The process-wide reviewer for a catalog directory (bundled + ``catalogs`` or $REVIEW_ASSISTANT_CATALOGS)."""
    if isinstance(catalogs, Catalogs):
        return Reviewer(catalogs=catalogs)
    key = str(Path(catalogs).resolve()) if catalogs else (os.environ.get("REVIEW_ASSISTANT_CATALOGS") or "")
    with _default_lock:
        if key not in _default:
            _default[key] = Reviewer(catalogs=load_catalogs(key or None))
        return _default[key]


def review(package: PackageInput, *, as_of: Optional[date] = None,
           catalogs: Union[None, str, os.PathLike, Catalogs] = None) -> Report:
    """Review one case package (model, dict, or JSON text/bytes) and return the report v1."""
    return get_reviewer(catalogs).review(package, as_of=as_of)
