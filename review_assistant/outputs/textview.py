"""The report as a person reads it in a terminal: a Chinese checklist table, then the findings."""
from __future__ import annotations

import re
import unicodedata

from review_assistant.case.models.report import Report
from review_assistant.engine.rulebook import SEVERITIES

_COLORS = {"pass": "32", "issue": "31", "gap": "33", "blocking": "1;31", "major": "31", "minor": "33", "hint": "36",
           "approve": "1;32", "revise": "1;33", "return": "1;33", "reject": "1;31"}
_MARKS = {"pass": "✓ 通过", "issue": "✗ 存在问题", "gap": "? 材料不足"}


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text) -> str:
    """Text from a package, fit for a terminal: control characters (ESC and OSC sequences, carriage returns,
    bidirectional overrides and marks) removed, so a case id cannot retitle the window, move the cursor or hide a
    line."""
    return _CONTROL.sub("", str(text))


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - width(text))


def count_text(c: dict) -> str:
    """The same numbers as the web result page: 问题, then 材料不足 and 提示 in brackets."""
    return (str(c["issues"]) if c["issues"] or c["gaps"] or c["hints"] else "") + (
        f"（材料不足 {c['gaps']}）" if c["gaps"] else "") + (f"（提示 {c['hints']}）" if c["hints"] else "")


def render(report: Report, color: bool = False) -> str:
    def paint(text: str, key: str) -> str:
        return f"\033[{_COLORS[key]}m{text}\033[0m" if color else text

    major = {True: "是", False: "否", None: "无法判断"}[report.major.is_major]
    lines = [
        f"法制审核预审  案号：{clean(report.case_id)}",
        f"审查基准日：{report.as_of}  阶段：{'决定前送审' if report.stage == 'pre_decision' else '已作出决定（案卷评查）'}",
        f"重大执法决定：{major}（{clean(report.major.reason)}）",
        "",
        f"{pad('审核事项', 16)}{pad('结论', 14)}问题数",
        "─" * 40,
    ]
    for row in report.checklist:
        lines.append(f"{pad(row.label, 16)}{paint(pad(_MARKS[row.status], 14), row.status)}{count_text(row.counts())}")
    lines += ["─" * 40, "审核结论：" + paint(report.conclusion_label, report.conclusion), ""]
    for n, f in enumerate(report.findings, 1):
        kind = "材料不足" if f.gap else SEVERITIES[f.severity]
        lines.append(f"{n}. [{paint(kind, 'gap' if f.gap else f.severity)}] {clean(f.rule_id)} {clean(f.title)}")
        lines.append(f"   问题：{clean(f.message)}")
        lines.append(f"   依据：{clean(f.basis)}")
        lines.append(f"   位置：{clean(f.where)}")
        lines.append(f"   建议：{clean(f.suggestion)}")
    for notice in report.notices:
        lines.append(f"提示：{clean(notice.where)} {clean(notice.message)}")
    lines.append(f"审查编号：{report.review_id}  规则版本：{report.versions.rules}")
    return "\n".join(lines)
