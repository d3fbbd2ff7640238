"""Report v1 (审核报告): what the assistant returns for one package."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Item = Literal[
    "subject", "officer", "facts", "evidence", "law_citation", "discretion", "procedure",
    "jurisdiction", "documents", "criminal_referral", "publicity",
]
Severity = Literal["blocking", "major", "minor", "hint"]
Status = Literal["pass", "issue", "gap"]
Conclusion = Literal["approve", "revise", "return", "reject"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Finding(_Frozen):
    rule_id: str
    item: Item
    severity: Severity
    title: str = Field(description="规则名称")
    message: str = Field(description="具体问题（中文）")
    basis: str = Field(description="法律依据：法名 + 条/款/项")
    where: str = Field(description="JSON pointer into the package")
    suggestion: str = Field(description="修改建议")
    gap: bool = Field(False, description="true: 材料缺失、无法判断，而非已认定的问题")
    remedy: Literal["correct", "supplement"] = Field(
        "correct", description="correct: 修改决定即可纠正（建议修改后同意）；supplement: 须补充证据或重新履行程序（退回补充）")


class ChecklistRow(_Frozen):
    item: Item
    label: str
    status: Status
    status_label: str
    findings: list[Finding]

    def counts(self, dismissed: frozenset = frozenset()) -> dict:
        """The one count every surface shows (CLI, web, API, opinion): 问题 = findings above a hint that are not 材料不足,
        材料不足 and 提示 apart; findings a reviewer dismissed ((rule_id, where) in ``dismissed``) are not counted."""
        live = [f for f in self.findings if (f.rule_id, f.where) not in dismissed]
        return {"issues": sum(1 for f in live if not f.gap and f.severity != "hint"),
                "gaps": sum(1 for f in live if f.gap), "hints": sum(1 for f in live if f.severity == "hint")}


class MajorDetermination(_Frozen):
    is_major: Optional[bool] = Field(description="true/false; null 表示无适用目录清单、无法判断")
    entries: list[dict] = Field(default_factory=list, description="使其成为重大执法决定的目录条目")
    reason: str


class Notice(_Frozen):
    """Something about the input itself (e.g. an unknown field kept as submitted)."""
    code: str
    severity: Severity = "hint"
    message: str
    where: str


class Versions(_Frozen):
    engine: str
    rules: str
    catalogs: dict[str, str]


class Report(_Frozen):
    schema_version: Literal["1"] = "1"
    review_id: str
    case_id: str
    reviewed_at: datetime
    as_of: date = Field(description="审查基准日（默认：送审日期，缺失时为当天）")
    stage: Literal["pre_decision", "post_decision"]
    major: MajorDetermination
    checklist: list[ChecklistRow]
    findings: list[Finding]
    conclusion: Conclusion
    conclusion_label: str
    notices: list[Notice] = Field(default_factory=list)
    versions: Versions
