"""The publicity outputs of one case: the public decision (信息摘要 before the masked decision text), the structured
record for the credit platforms (JSON, CSV; columns from the catalog), and — separately, for the reviewer only — the
list of what was masked or kept and the publicity requirements with their articles.

《市场监督管理行政处罚信息公示规定》第四条第二款：制作行政处罚信息摘要附于行政处罚决定书之前；第三款：摘要的内容包括行政处罚决定书
文号、行政处罚当事人基本情况、违法行为类型、行政处罚内容、作出行政处罚决定的行政机关名称和日期。
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

import jinja2

from review_assistant.case.dates import cn_day
from review_assistant.outputs.case_summary import penalty_text
from review_assistant.case.identity import uscc_ok
from review_assistant.case.masking import Masking, masker_for, public_text
from review_assistant.case.models.package import CasePackage
from review_assistant.outputs.opinion import _markdown_safe, bundled_templates, clean
from review_assistant.law.publicity import ALTERATIONS, Schedule, schedule, withdraw_by

PARTY_KINDS = {"individual": "自然人", "individual_business": "个体工商户", "organization": "法人或其他组织"}
DUTY_LABELS = {"required": "应当公示", "not_required": "不予公示", "agency_judgment": "由本机关判断", "none": "无须公示"}
FORMATS = ("json", "html", "md", "docx")


@dataclass
class Publicity:
    case_id: str
    schedule: Schedule
    summary: list[tuple[str, str]]
    record: dict[str, str]
    text: Optional[str]  # the public decision text (None: the package holds no decision_text)
    maskings: list[Masking] = field(default_factory=list)
    withdraw_by: Optional[date] = None
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def masked(self) -> list[Masking]:
        return [m for m in self.maskings if m.replacement is not None]

    @property
    def kept(self) -> list[Masking]:
        return [m for m in self.maskings if m.replacement is None]

    def requirements(self) -> list[tuple[str, str, str]]:
        """(事项, 内容, 依据) rows of the publicity requirements, in words."""
        s = self.schedule
        label = DUTY_LABELS[s.duty]
        rows = [("是否公示", s.whether if s.whether.startswith(label) else f"{label}：{s.whether}", s.whether_basis)]
        if s.platform and s.duty != "not_required":
            rows.append(("公示平台", s.platform, s.whether_basis))
        if s.deadline:
            due = f"（最迟 {cn_day(s.publish_by)}）" if s.publish_by else ""
            push = f"（推送最迟 {cn_day(s.push_by)}）" if s.push_by else ""
            where = ("；当事人与本机关" + ("同省" if s.same_province else "不同省") + f"（{s.province_source}）"
                     if s.same_province is not None else "")
            rows.append(("公示期限", s.deadline + due + push + where, s.deadline_basis))
        if s.period:
            until = f"（至 {cn_day(s.until)}）" if s.until else ""
            rows.append(("公示期", s.period + until, s.period_basis))
        if s.withdrawal:
            extra = ""
            if s.alterations:
                kind, day = s.alterations[0]
                extra = f"；本案决定于{cn_day(day)}被{ALTERATIONS[kind]}" + (f"，应于{cn_day(self.withdraw_by)}前撤回" if self.withdraw_by else "")
            rows.append(("撤回", s.withdrawal + extra, s.withdrawal_basis))
        if s.notice_basis and s.duty == "required":
            rows.append(("告知当事人", "送达决定书时书面告知当事人行政处罚信息将向社会公示", s.notice_basis))
        if s.published_on:
            rows.append(("案卷记载", f"{cn_day(s.published_on)}公示" + (f"，{cn_day(s.withdrawn_on)}撤回" if s.withdrawn_on else ""), ""))
        return rows

    def as_dict(self) -> dict:
        return {
            "case_id": self.case_id,
            "public": {"summary": [{"label": k, "value": v} for k, v in self.summary], "decision_text": self.text},
            "record": self.platform_record(),
            "schedule": {**self.schedule.as_dict(), "withdraw_by": self.withdraw_by.isoformat() if self.withdraw_by else None,
                         "requirements": [{"item": a, "content": b, "basis": c} for a, b, c in self.requirements()]},
            "reviewer_only": {"note": "隐去清单仅供审核人员核对，不得随公示文本发布",
                              "masked": [m.as_dict() for m in self.masked], "kept": [m.as_dict() for m in self.kept]},
        }

    def platform_record(self) -> dict[str, str]:
        """The record under the platform's column names (catalog ``platform_columns``)."""
        return {self.columns.get(k, k): v for k, v in self.record.items() if k in self.columns}


def build(package: CasePackage, catalogs, as_of: date, report=None) -> Publicity:
    """Everything from the package; ``report`` (a review) is not needed — publicity is the same before and after."""
    s = schedule(package, catalogs, as_of)
    masker = masker_for(catalogs)
    text, maskings = (public_text(package.decision_text, package, masker) if package.decision_text else (None, []))
    holes: list[str] = []
    due = withdraw_by(s, catalogs, holes)
    s.holes.extend(h for h in holes if h not in s.holes)
    summary, record = _summary(package, s, masker)
    return Publicity(package.case_id, s, summary, record, text, maskings, due, dict(catalogs.platform_columns))


def _mask(value: str, package: CasePackage, masker) -> str:
    return public_text(value, package, masker)[0] if value else value


def _summary(package: CasePackage, s: Schedule, masker) -> tuple[list[tuple[str, str]], dict[str, str]]:
    parties, names, codes, reps, kinds = [], [], [], [], []
    for p in package.parties or ():
        name = p.name or "（未载明）"
        if p.kind == "individual":
            name = masker.masked_name(name)
        else:
            name = _mask(name, package, masker)
        bits = [name]
        kinds.append(PARTY_KINDS.get(p.kind, "未载明"))
        code = (p.id_number or "").strip()
        if p.kind != "individual" and code and uscc_ok(code):
            bits.append(f"统一社会信用代码：{code}")
            codes.append(code)
        rep = p.representative
        if rep and rep.name:
            shown = rep.name if (rep.kind == "legal_representative" and p.kind == "organization") else masker.masked_name(rep.name)
            label = {"legal_representative": "法定代表人", "operator": "经营者", "principal": "负责人"}.get(rep.kind, "代表人")
            bits.append(f"{label}：{shown}")
            reps.append(shown)
        if p.kind != "individual" and p.address:
            bits.append(f"{'经营场所' if p.kind == 'individual_business' else '住所'}：{p.address}")
        parties.append("，".join(bits))
        names.append(name)
    decision = package.proposed_decision
    penalties = list(decision.penalties or ()) if decision else []
    content = "；".join(penalty_text(p) for p in penalties) or "（未载明）"
    if decision and decision.order_correction:
        content += "；责令改正"
    violation = _mask(package.violation.description, package, masker) if package.violation and package.violation.description else "（未载明）"
    agency = package.agency.name if package.agency and package.agency.name else "（未载明）"
    number = package.decision_number or package.case_id
    summary = [
        ("行政处罚决定书文号", number),
        ("当事人基本情况", "；".join(parties) or "（未载明）"),
        ("违法行为类型", violation),
        ("行政处罚内容", content),
        ("作出行政处罚决定的行政机关名称和日期", agency + (f"，{cn_day(s.decided_on)}" if s.decided_on else "（决定日期待定）")),
    ]
    fines = sum(p.amount or 0 for p in penalties if p.type == "fine")
    confiscated = sum(p.amount or 0 for p in penalties if p.type in ("confiscate_income", "confiscate_property"))
    from review_assistant.case.labels import PENALTY_LABELS

    record = {
        "decision_number": number, "party_name": "；".join(names), "party_kind": "；".join(kinds),
        "credit_code": "；".join(codes), "legal_representative": "；".join(reps), "violation_type": violation,
        "penalty_basis": "；".join(package.citations.penalty or ()) if package.citations else "",
        "penalty_types": "、".join(dict.fromkeys(PENALTY_LABELS.get(p.type, "") for p in penalties if p.type)),
        "penalty_content": content, "fine_amount": _amount(fines), "confiscated_amount": _amount(confiscated),
        "agency_name": agency, "decision_date": s.decided_on.isoformat() if s.decided_on else "",
        "publish_by": s.publish_by.isoformat() if s.publish_by else "",
        "published_on": s.published_on.isoformat() if s.published_on else "",
        "publicity_until": s.until.isoformat() if s.until else "",
    }
    return summary, record


def _amount(value: float) -> str:
    return "" if not value else (f"{value:.0f}" if value == int(value) else f"{value:.2f}")


# --- rendering ------------------------------------------------------------------------------------------------

def _env(html: bool) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(bundled_templates())), autoescape=html,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True, finalize=None if html else _markdown_safe)


def _context(pub: Publicity) -> dict:
    return clean({
        "case_id": pub.case_id, "summary": pub.summary,
        "paragraphs": [p for p in (pub.text or "").split("\n") if p.strip()],
        "requirements": pub.requirements(), "holes": pub.schedule.holes,
        "masked": [m.as_dict() for m in pub.masked], "kept": [m.as_dict() for m in pub.kept],
    })


def public_document(pub: Publicity, fmt: str) -> bytes:
    """The document that goes to the platform: the 信息摘要, then the decision text as published. Nothing of the
    reviewer's list is in it."""
    if fmt == "docx":
        return _docx(pub)
    html = fmt == "html"
    return _env(html).get_template(f"publicity.{'html' if html else 'md'}.j2").render(**_context(pub)).encode("utf-8")


def reviewer_sheet(pub: Publicity, fmt: str) -> bytes:
    """For the reviewer only: the publicity requirements and every masking (what, where, why)."""
    html = fmt == "html"
    return _env(html).get_template(f"publicity_review.{'html' if html else 'md'}.j2").render(**_context(pub)).encode("utf-8")


def record_csv(records: list[dict[str, str]], columns: dict[str, str]) -> str:
    from review_assistant.outputs.cells import safe_cell

    out = io.StringIO()
    writer = csv.writer(out)
    keys = list(columns)
    writer.writerow([columns[k] for k in keys])
    for r in records:
        writer.writerow([safe_cell(r.get(k, "")) for k in keys])
    return "\ufeff" + out.getvalue()  # BOM: Excel and WPS open UTF-8 CSV as such


def record_json(pub: Publicity) -> str:
    return json.dumps(pub.platform_record(), ensure_ascii=False, indent=2)


def _docx(pub: Publicity) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from review_assistant.outputs.textview import _CONTROL

    def text(value: str) -> str:
        return _CONTROL.sub("", value)

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("行政处罚信息摘要")
    run.bold, run.font.size = True, Pt(16)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in pub.summary:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = text(label), text(value)
    doc.add_paragraph()
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run("行政处罚决定书")
    run.bold, run.font.size = True, Pt(16)
    for para in (pub.text or "（案卷未提供决定书文本）").split("\n"):
        if para.strip():
            p = doc.add_paragraph(text(para.strip()))
            p.paragraph_format.first_line_indent = Pt(24)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write(pub: Publicity, out: Path, fmt: str) -> list[Path]:
    """Files in ``out``: the public document, the record (JSON and CSV), and the reviewer's sheet (never in the
    public document)."""
    out.mkdir(parents=True, exist_ok=True)
    stem = _stem(pub.case_id)
    written = []
    doc_fmt = "md" if fmt == "json" else fmt
    path = out / f"{stem}-公示文本.{doc_fmt}"
    path.write_bytes(public_document(pub, doc_fmt))
    written.append(path)
    path = out / f"{stem}-公示记录.json"
    path.write_text(record_json(pub), encoding="utf-8")
    written.append(path)
    path = out / f"{stem}-公示记录.csv"
    path.write_text(record_csv([pub.record], pub.columns), encoding="utf-8")
    written.append(path)
    sheet_fmt = "html" if fmt == "html" else "md"
    path = out / f"{stem}-审核人员核对清单（不公开）.{sheet_fmt}"
    path.write_bytes(reviewer_sheet(pub, sheet_fmt))
    written.append(path)
    return written


def _stem(case_id: str) -> str:
    """A file name from a case number: 长市监处〔2025〕0107号 stays readable; path characters do not survive."""
    import re

    stem = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", case_id).strip(". ") or "case"
    return stem[:80]
