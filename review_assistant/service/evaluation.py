"""Measure the reviewer on labelled case files: ``review-assistant evaluate DIR [--expected FILE]``.

A labelled set is a folder of case packages (``DIR`` or ``DIR/cases``) and an ``expected.json`` that gives,
per package (keyed by file name without ``.json``), the expected status of each checklist item:

    {"c01-…": {"issue": ["procedure"], "gap": [], "pass": ["subject", …],
               "acceptable_alternatives": {"procedure": ["documents"]},   # the defect may be reported there instead
               "tolerated_extra_issues": ["discretion"]}}                 # a reviewer could fairly ask: no false alarm

Per item: recall on expected issues, false-alarm rate on expected passes (an issue or a gap where a pass was
expected), gap accuracy; overall: share of clean files approved and of defect files not approved; then every
disagreement with the findings that caused it. The figures are what an office or a trainer reads; nothing here
changes a review.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from review_assistant.case.inputs import InputError, Problem
from review_assistant.case.models.report import Report
from review_assistant.engine.rulebook import ITEMS

STATUSES = ("pass", "issue", "gap")


class LabelError(Exception):
    """The labelled set cannot be read (bad folder, bad expected.json); names the place, in Chinese and English."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.line() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Label:
    expected: dict[str, str]  # item -> pass | issue | gap
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tolerated: frozenset[str] = frozenset()

    @property
    def clean(self) -> bool:
        return all(s == "pass" for s in self.expected.values())


@dataclass
class Cell:
    item: str
    expected: str
    actual: str
    verdict: str  # found | missed | quiet | false_alarm | tolerated | gap_ok | gap_wrong | agreed
    findings: list[dict]


@dataclass
class CaseResult:
    name: str
    case_id: str
    clean: bool
    conclusion: str
    conclusion_label: str
    cells: list[Cell]
    above_hint: list[dict]
    error: Optional[list[str]] = None

    @property
    def disagreements(self) -> list[Cell]:
        return [c for c in self.cells if c.verdict in ("missed", "false_alarm", "gap_wrong")]


@dataclass
class Evaluation:
    cases: list[CaseResult]
    unlabelled: list[str]
    labels_without_package: list[str]

    # --- figures -------------------------------------------------------------------------------------
    def per_item(self) -> dict[str, dict]:
        out = {}
        for item in ITEMS:
            cells = [c for case in self.reviewed for c in case.cells if c.item == item]
            issues = [c for c in cells if c.expected == "issue"]
            passes = [c for c in cells if c.expected == "pass"]
            gaps = [c for c in cells if c.expected == "gap"]
            out[item] = {
                "label": ITEMS[item],
                "expected_issues": len(issues), "found": sum(c.verdict == "found" for c in issues),
                "expected_passes": len(passes), "false_alarms": sum(c.verdict == "false_alarm" for c in passes),
                "tolerated": sum(c.verdict == "tolerated" for c in passes),
                "expected_gaps": len(gaps), "gaps_right": sum(c.verdict == "gap_ok" for c in gaps),
                "recall": _ratio(sum(c.verdict == "found" for c in issues), len(issues)),
                "false_alarm_rate": _ratio(sum(c.verdict == "false_alarm" for c in passes), len(passes)),
                "gap_accuracy": _ratio(sum(c.verdict == "gap_ok" for c in gaps), len(gaps)),
            }
        return out

    @property
    def reviewed(self) -> list[CaseResult]:
        return [c for c in self.cases if c.error is None]

    def overall(self) -> dict:
        clean = [c for c in self.reviewed if c.clean]
        defect = [c for c in self.reviewed if not c.clean]
        cells = [cell for case in self.reviewed for cell in case.cells]
        passes = [c for c in cells if c.expected == "pass"]
        issues = [c for c in cells if c.expected == "issue"]
        approved = sum(c.conclusion == "approve" for c in clean)
        stopped = sum(c.conclusion != "approve" for c in defect)
        false_alarms = sum(c.verdict == "false_alarm" for c in passes)
        return {
            "packages": len(self.cases), "invalid": len(self.cases) - len(self.reviewed),
            "clean_files": len(clean), "clean_approved": approved, "clean_approved_rate": _ratio(approved, len(clean)),
            "defect_files": len(defect), "defect_not_approved": stopped,
            "defect_not_approved_rate": _ratio(stopped, len(defect)),
            "expected_issues": len(issues), "issues_found": sum(c.verdict == "found" for c in issues),
            "recall": _ratio(sum(c.verdict == "found" for c in issues), len(issues)),
            "pass_items": len(passes), "false_alarms": false_alarms,
            "false_alarm_rate": _ratio(false_alarms, len(passes)),
            "disagreements": sum(len(c.disagreements) for c in self.reviewed),
        }

    def to_json(self) -> dict:
        return {
            "overall": self.overall(),
            "items": self.per_item(),
            "cases": [{
                "name": c.name, "case_id": c.case_id, "clean": c.clean, "conclusion": c.conclusion,
                **({"error": c.error} if c.error else {}),
                "cells": {cell.item: {"expected": cell.expected, "actual": cell.actual, "verdict": cell.verdict}
                          for cell in c.cells},
                "disagreements": [{"item": d.item, "expected": d.expected, "actual": d.actual, "verdict": d.verdict,
                                   "findings": d.findings} for d in c.disagreements],
                "findings_above_hint": c.above_hint,
            } for c in self.cases],
            "unlabelled": self.unlabelled,
            "labels_without_package": self.labels_without_package,
        }


def _ratio(n: int, d: int) -> Optional[float]:
    return round(n / d, 4) if d else None


# --- reading the labelled set ----------------------------------------------------------------------------

def package_files(directory: Path) -> list[Path]:
    cases = directory / "cases"
    root = cases if cases.is_dir() else directory
    return sorted(p for p in root.glob("*.json") if p.name != "expected.json")


def read_labels(path: Path) -> dict[str, Label]:
    where = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LabelError([Problem(where, "预期结果文件不存在", "expected-results file not found")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise LabelError([Problem(where, f"预期结果文件不是有效的 JSON：{err}", f"expected results are not valid JSON: {err}")]) from None
    if not isinstance(raw, dict):
        raise LabelError([Problem(where, "预期结果应为以案卷文件名为键的对象", "expected results must be an object keyed by package name")])
    labels, problems = {}, []
    for name, entry in raw.items():
        try:
            labels[name] = _label(entry)
        except ValueError as err:
            zh, en = err.args
            problems.append(Problem(f"{where}#/{name}", zh, en))
    if problems:
        raise LabelError(problems)
    return labels


def _label(entry) -> Label:
    if not isinstance(entry, dict):
        raise ValueError("每个案卷的预期结果应为对象", "each package's expected result must be an object")
    expected: dict[str, str] = {}
    for status in STATUSES:
        items = entry.get(status, [])
        if not isinstance(items, list):
            raise ValueError(f"“{status}”应为审查事项列表", f"'{status}' must be a list of checklist items")
        for item in items:
            if item not in ITEMS:
                raise ValueError(f"未知审查事项“{item}”（可用：{'、'.join(ITEMS)}）", f"unknown checklist item {item!r}")
            if item in expected:
                raise ValueError(f"审查事项“{item}”出现在两种结论中", f"item {item!r} is listed under two statuses")
            expected[item] = status
    for item in ITEMS:  # an item the label does not mention is expected to pass
        expected.setdefault(item, "pass")
    alternatives = entry.get("acceptable_alternatives") or {}
    tolerated = entry.get("tolerated_extra_issues") or []
    if not isinstance(alternatives, dict) or not isinstance(tolerated, list):
        raise ValueError("acceptable_alternatives 应为对象，tolerated_extra_issues 应为列表",
                         "acceptable_alternatives must be an object, tolerated_extra_issues a list")
    for item in [*alternatives, *(a for alts in alternatives.values() for a in alts), *tolerated]:
        if item not in ITEMS:
            raise ValueError(f"未知审查事项“{item}”", f"unknown checklist item {item!r}")
    return Label(expected, {k: tuple(v) for k, v in alternatives.items()}, frozenset(tolerated))


# --- comparing -----------------------------------------------------------------------------------------

def _finding(f) -> dict:
    return {"rule_id": f.rule_id, "severity": f.severity, "message": f.message, "where": f.where}


def compare(name: str, report: Report, label: Label) -> CaseResult:
    actual = {row.item: row.status for row in report.checklist}
    shown = {row.item: [_finding(f) for f in row.findings if f.severity != "hint" or f.gap] for row in report.checklist}
    # an item named as an acceptable alternative of an expected issue may carry that issue
    stand_ins = {alt for item, alts in label.alternatives.items() if label.expected.get(item) == "issue" for alt in alts}
    cells = []
    for item in ITEMS:
        e, a = label.expected[item], actual[item]
        if e == "issue":
            hit = a == "issue" or any(actual[alt] == "issue" for alt in label.alternatives.get(item, ()))
            verdict = "found" if hit else "missed"
        elif e == "gap":
            verdict = "gap_ok" if a == "gap" else "gap_wrong"
        elif a == "pass":
            verdict = "quiet"
        elif a == "issue" and (item in label.tolerated or item in stand_ins):
            verdict = "tolerated"
        else:
            verdict = "false_alarm"
        cells.append(Cell(item, e, a, verdict, shown[item]))
    above = [_finding(f) for f in report.findings if f.severity != "hint" or f.gap]
    return CaseResult(name, report.case_id, label.clean, report.conclusion, report.conclusion_label, cells, above)


def evaluate(directory: Path, expected: Optional[Path] = None, reviewer=None) -> Evaluation:
    """Review every package in ``directory`` and compare it with its label. Raises ``LabelError`` when the set
    itself cannot be read; a package that is not valid input is kept as an invalid case with its problems."""
    from review_assistant.engine.review import get_reviewer

    directory = Path(directory)
    if not directory.is_dir():
        raise LabelError([Problem(str(directory), "目录不存在", "directory not found")])
    labels = read_labels(Path(expected) if expected else directory / "expected.json")
    reviewer = reviewer or get_reviewer()
    files = package_files(directory)
    cases, unlabelled = [], []
    for path in files:
        label = labels.get(path.stem)
        if label is None:
            unlabelled.append(path.name)
            continue
        try:
            report = reviewer.review(path.read_bytes())
        except InputError as err:
            cases.append(CaseResult(path.stem, "", label.clean, "invalid", "输入无效", [], [],
                                    error=[p.line() for p in err.problems]))
            continue
        cases.append(compare(path.stem, report, label))
    names = {p.stem for p in files}
    return Evaluation(cases, unlabelled, sorted(n for n in labels if n not in names))


# --- text view (Chinese, for reviewers and trainers) -----------------------------------------------------

VERDICT_LABELS = {"missed": "漏报", "false_alarm": "误报", "gap_wrong": "材料不足判断不符"}
STATUS_LABELS = {"pass": "通过", "issue": "存在问题", "gap": "材料不足"}


def _pct(x: Optional[float]) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def render_text(ev: Evaluation) -> str:
    o = ev.overall()
    lines = [
        f"评测案卷 {o['packages']} 件（输入无效 {o['invalid']} 件）",
        f"无缺陷案卷：{o['clean_files']} 件，审核结论为“同意”的 {o['clean_approved']} 件（{_pct(o['clean_approved_rate'])}）",
        f"有缺陷案卷：{o['defect_files']} 件，未予同意的 {o['defect_not_approved']} 件（{_pct(o['defect_not_approved_rate'])}）",
        f"应报问题 {o['expected_issues']} 项，报出 {o['issues_found']} 项（召回率 {_pct(o['recall'])}）；"
        f"应通过 {o['pass_items']} 项，误报 {o['false_alarms']} 项（误报率 {_pct(o['false_alarm_rate'])}）",
        "",
        f"{'审查事项':<10}{'召回':>12}{'误报率':>14}{'材料不足判断':>14}",
    ]
    for item, s in ev.per_item().items():
        recall = f"{s['found']}/{s['expected_issues']}" if s["expected_issues"] else "—"
        fa = f"{s['false_alarms']}/{s['expected_passes']} {_pct(s['false_alarm_rate'])}"
        gaps = f"{s['gaps_right']}/{s['expected_gaps']}" if s["expected_gaps"] else "—"
        lines.append(f"{s['label']:<10}{recall:>12}{fa:>16}{gaps:>12}")
    problems = [c for c in ev.cases if c.error or c.disagreements or (c.clean and c.conclusion != "approve")]
    if problems:
        lines += ["", "不一致之处："]
    for c in problems:
        if c.error:
            lines.append(f"■ {c.name}：输入无效")
            lines += [f"    {e}" for e in c.error]
            continue
        lines.append(f"■ {c.name}（{'无缺陷' if c.clean else '有缺陷'}，结论：{c.conclusion_label}）")
        for d in c.disagreements:
            lines.append(f"  {ITEMS[d.item]}：预期{STATUS_LABELS[d.expected]}，实际{STATUS_LABELS[d.actual]}"
                         f"（{VERDICT_LABELS[d.verdict]}）")
            lines += [f"    {f['rule_id']} [{f['severity']}] {f['message']}  @ {f['where']}" for f in d.findings]
        if c.clean and c.conclusion != "approve" and not c.disagreements:
            lines.append("  各事项与预期一致，但有以下提示以上的问题（预期可容忍）：")
            lines += [f"    {f['rule_id']} [{f['severity']}] {f['message']}  @ {f['where']}" for f in c.above_hint]
    if ev.unlabelled:
        lines += ["", "没有预期结果、未计入的案卷：" + "、".join(ev.unlabelled)]
    if ev.labels_without_package:
        lines += ["", "有预期结果但找不到案卷：" + "、".join(ev.labels_without_package)]
    return "\n".join(lines)
