"""The draft review opinion (法制审核意见书): report + package → DOCX / HTML / Markdown, through templates a legal
office can edit (wording, letterhead) without touching code (``--templates DIR`` replaces the bundled ones).

Every piece of package text is made safe first: control characters removed (they break DOCX XML), and HTML and
DOCX rendering escape the rest, so a package carrying ``<script>`` or ``]]>`` still yields a clean document.
"""
from __future__ import annotations

import os
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Optional

import jinja2

from . import case_summary
from .places import place
from .models import CasePackage, Report
from .rulebook import ITEMS, SEVERITIES

FORMATS = {".docx": "opinion.docx", ".html": "opinion.html.j2", ".htm": "opinion.html.j2", ".md": "opinion.md.j2"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CN_DIGITS = "〇一二三四五六七八九"


def bundled_templates() -> Path:
    return Path(str(resources.files("review_assistant") / "templates"))


def clean(value):
    """Strip control characters from every string of a context, recursively."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def cn_date(day: date) -> str:
    """2025-06-16 → 二〇二五年六月十六日 (the way official documents date themselves)."""
    from .citations import to_cn

    return "".join(CN_DIGITS[int(d)] for d in str(day.year)) + f"年{to_cn(day.month)}月{to_cn(day.day)}日"


NUMBER_VAR = "REVIEW_ASSISTANT_OPINION_NUMBER"  # the office's own number for the opinion, e.g. 长市监法审〔2025〕第0032号


def context(report: Report, package: CasePackage) -> dict:
    """Everything a template needs, as plain data in the order the document reads."""
    raw = package.model_dump(mode="json", by_alias=True, exclude_none=True)
    agency = package.agency.name if package.agency and package.agency.name else "（执法机关）"
    v = package.violation
    rows = []
    for row in report.checklist:
        findings = [{"title": f.title, "message": f.message, "basis": f.basis, "suggestion": f.suggestion,
                     "kind": "材料不足" if f.gap else SEVERITIES[f.severity], "rule_id": f.rule_id, "where": f.where}
                    for f in row.findings]
        # the colour follows the row's status (a 通过 row with hints is not red): the same status every surface shows
        rows.append({"label": row.label, "status": row.status_label, "findings": findings,
                     "css": {"pass": "ok", "gap": "gap", "issue": "issue"}[row.status]})
    corrections = [{"text": f.suggestion if f.gap else f"{f.message}。{f.suggestion}", "basis": f.basis,
                    "kind": "补充材料" if f.gap else "纠正"}
                   for f in report.findings if f.severity != "hint"]
    hints = [f"{f.message}（{f.basis}）" for f in report.findings if f.severity == "hint"]
    case = case_summary.summary(package)
    reviewers = [{"name": o.name or "", "cert_no": o.cert_no or ""} for o in package.officers or () if o.role == "reviewer"]
    return clean({
        "agency": agency,
        "title": "重大行政执法决定法制审核意见书" if report.major.is_major else "行政执法决定法制审核意见书",
        "review_id": report.review_id,
        "case_id": report.case_id,
        "case_name": (v.description if v and v.description else "（案由未载明）"),
        "submitted_on": cn_date(package.submitted_on) if package.submitted_on else "（未载明）",
        "parties": case["parties"],
        "violated": case["violated"],
        "penalty_basis": case["penalty_basis"],
        "general": case["general"],
        "penalties": case["penalties"],
        "outcome": {"penalize": "给予行政处罚", "no_penalty": "不予行政处罚", "refer": "移送司法机关",
                    "revoke_case": "撤销案件"}.get(package.proposed_decision.outcome if package.proposed_decision else None,
                                                   "（未载明）"),
        "facts_text": package.facts_text or "（未提交事实认定）",
        "documents": [d.title or d.kind or "" for d in package.documents or ()],
        "evidence": [e.title or e.id or "" for e in package.evidence or ()],
        "as_of": cn_date(report.as_of),
        "major": {True: "属于", False: "不属于", None: "无法判断是否属于"}[report.major.is_major],
        "major_reason": report.major.reason,
        "rows": rows,
        "conclusion": report.conclusion_label,
        "corrections": corrections,
        "hints": hints,
        "bases": sorted({f.basis for f in report.findings}),
        "reviewers": reviewers or [{"name": "", "cert_no": ""}],
        "versions": _versions(report),
        # the place of each finding in words (证据目录第2项“现场检查笔录”的取证人员) and its title: no JSON paths or rule ids
        "appendix": [{"n": n, "title": f.title, "item": ITEMS[f.item], "where": place(raw, f.where)}
                     for n, f in enumerate(report.findings, 1)],
        "number": os.environ.get(NUMBER_VAR, "").strip() or "",
        "technical": f"审查编号 {report.review_id}；{_versions(report)}",
    })


def _versions(report: Report) -> str:
    """Rule and catalog versions as the opinion states them, with the day the law catalog was last checked."""
    checked = sorted(re.findall(r"核对至(\d{4}-\d{2}-\d{2})", " ".join(report.versions.catalogs.values())))
    text = f"规则版本 {report.versions.rules}；目录数据 {len(report.versions.catalogs)} 个文件"
    if checked:
        day = date.fromisoformat(checked[0])
        text += f"，法律目录核对至{cn_date(day)}，此后的修订请人工核对"
    return text


class OpinionError(ValueError):
    """The opinion cannot be written: a bad path, format or template (Chinese and English)."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def render(report: Report, package: CasePackage, out: Path, templates: Optional[Path] = None) -> Path:
    """Write the opinion to ``out``; its suffix (.docx, .html, .md) chooses the format. A bad path or an office
    template that does not render is an ``OpinionError`` naming it."""
    out = Path(out)
    name = FORMATS.get(out.suffix.lower())
    if name is None:
        raise OpinionError(f"意见书格式须为 .docx、.html 或 .md：{out.name}", f"opinion must be .docx, .html or .md: {out.name}")
    try:
        return _render(report, package, out, name, templates)
    except OSError as err:
        raise OpinionError(f"无法写入意见书 {out}：{err.strerror or err}", f"cannot write the opinion: {err}") from None
    except (jinja2.TemplateError, KeyError, ValueError, TypeError, AttributeError) as err:
        raise OpinionError(f"意见书模板无法使用（{name}）：{type(err).__name__}: {err}",
                           f"the opinion template does not render: {err}") from None
    except Exception as err:  # noqa: BLE001 — docxtpl raises many kinds on a broken .docx template
        raise OpinionError(f"意见书模板无法使用（{name}）：{type(err).__name__}", f"the opinion template does not render: {err!r}") from None


def _render(report: Report, package: CasePackage, out: Path, name: str, templates: Optional[Path]) -> Path:
    folder = _folder(name, templates)
    data = context(report, package)
    if name.endswith(".docx"):
        from docxtpl import DocxTemplate

        doc = DocxTemplate(str(folder / name))
        doc.render(data, autoescape=True)
        doc.save(str(out))
    else:
        html = name.endswith(".html.j2")
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=html,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                 finalize=None if html else _markdown_safe)
        out.write_text(env.get_template(name).render(**data), encoding="utf-8")
    return out


_MD_LINE_START = re.compile(r"(?m)^([ \t]*)(?:([#>+*=`~-])|(\d+)([.)]))")
_MD_INLINE = str.maketrans({"[": "\\[", "]": "\\]", "!": "\\!", "`": "\\`", "*": "\\*", "_": "\\_"})


_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _markdown_safe(value):
    """Markdown shows HTML as HTML and turns line starts into structure: package text must not bring tags, table
    pipes, headings, quotes, lists, code fences, links or images into the document. Every block marker at a line
    start is escaped; brackets are escaped so no link target or image survives."""
    if isinstance(value, str):
        # every line break Markdown knows becomes \n, and no line keeps its indentation (four spaces make code)
        value = "\n".join(line.lstrip(" \t\u3000") for line in re.split(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85", value))
        value = _INVISIBLE.sub("", value)  # C1 controls and bidi marks change how the text reads, not what it says
        value = value.replace("\\", "\\\\")  # a backslash of the package's own must not undo an escape of ours
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
        value = value.translate(_MD_INLINE)
        return _MD_LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                                  value)
    return value


def _folder(name: str, templates: Optional[Path]) -> Path:
    """An office's own folder wins for each template it holds; the bundled one serves the rest."""
    if templates and (Path(templates) / name).is_file():
        return Path(templates)
    return bundled_templates()
