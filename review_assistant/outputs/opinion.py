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

from review_assistant.outputs import case_summary
from review_assistant.outputs.places import place
from review_assistant.case.models import CasePackage, Finding, Report
from review_assistant.engine.rulebook import ITEMS, SEVERITIES
from review_assistant.outputs.timefmt import BEIJING

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
    from review_assistant.law.citations import to_cn

    return "".join(CN_DIGITS[int(d)] for d in str(day.year)) + f"年{to_cn(day.month)}月{to_cn(day.day)}日"


NUMBER_VAR = "REVIEW_ASSISTANT_OPINION_NUMBER"  # the office's own number for the opinion, e.g. 长市监法审〔2025〕第0032号
PATTERN_VAR = "REVIEW_ASSISTANT_OPINION_PATTERN"  # the office's numbering pattern, e.g. 长市监法审〔{year}〕第{seq:04d}号
COUNTER_VAR = "REVIEW_ASSISTANT_OPINION_COUNTER"  # the per-year sequence file (default: opinion-numbers.json beside the record)


def counter_path() -> Path:
    """The sequence file: ``REVIEW_ASSISTANT_OPINION_COUNTER``, else opinion-numbers.json in the folder of the SQLite
    record (``REVIEW_ASSISTANT_DB`` or the per-user data folder); a PostgreSQL record keeps it in the data folder."""
    from review_assistant.settings import data_folder, default_url

    if os.environ.get(COUNTER_VAR):
        return Path(os.environ[COUNTER_VAR])
    url = default_url()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///"):]).parent / "opinion-numbers.json"
    return data_folder() / "opinion-numbers.json"


def opinion_number(review_id: str, year: int) -> str:
    """The opinion's number: the fixed ``REVIEW_ASSISTANT_OPINION_NUMBER``; else the office's pattern
    (``{year}``, ``{seq}``, e.g. ``〔{year}〕第{seq:04d}号``) with the year's next sequence number, given once per review
    (the same review downloaded again keeps its number); else empty (the document leaves a blank to fill in)."""
    fixed = os.environ.get(NUMBER_VAR, "").strip()
    pattern = os.environ.get(PATTERN_VAR, "").strip()
    if fixed or not pattern:
        return fixed
    try:
        pattern.format(year=year, seq=1)
    except (KeyError, IndexError, ValueError) as err:
        raise OpinionError(f"意见书编号格式无效（{PATTERN_VAR}={pattern}）：只能使用 {{year}} 和 {{seq}}，如 〔{{year}}〕第{{seq:04d}}号",
                           f"bad opinion number pattern: {err}") from None
    return pattern.format(year=year, seq=_next_seq(review_id, year))


def _next_seq(review_id: str, year: int) -> int:
    """The year's sequence number of this review, from the counter file (locked: several server workers share it)."""
    import fcntl
    import json

    path = counter_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except ValueError:
            raise OpinionError(f"意见书编号文件无法读取：{path}", f"the opinion number file is unreadable: {path}") from None
        given = data.setdefault(str(year), {"last": 0, "reviews": {}})
        if review_id not in given["reviews"]:
            given["last"] += 1
            given["reviews"][review_id] = given["last"]
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, path)
        return given["reviews"][review_id]


def sorted_bases(bases) -> list[str]:
    """Every provision of every basis, once, by law and then article, paragraph and item: one line per law
    (《行政处罚法》第二十二条、第三十六条……). A basis that does not read as a citation is kept as written, last."""
    from review_assistant.law.citations import parse, to_cn

    laws: dict[str, set] = {}
    unread = set()
    for basis in bases:
        found = [c for c in parse(basis) if c.article]
        if not found:
            unread.add(basis)
        for c in found:
            laws.setdefault(c.law_name, set()).add((c.article, c.sub_article or 0, c.paragraph or 0, c.item or 0))

    def words(art, sub, para, item):
        return (f"第{to_cn(art)}条" + (f"之{to_cn(sub)}" if sub else "") + (f"第{to_cn(para)}款" if para else "")
                + (f"第（{to_cn(item)}）项" if item else ""))

    order = sorted(laws, key=lambda name: (not name.startswith("中华人民共和国"), name))
    return [f"《{name}》" + "、".join(words(*p) for p in sorted(laws[name])) for name in order] + sorted(unread)


# a field name the checklist gives the case system in brackets (缺少程序环节（steps）, （agency.domains；目录未收录该机关）):
# an official document names the material, not the JSON field. Units (（1000ml/瓶）, mg/m³) are no field names.
_IDENT = r"[a-z][a-z0-9]*(?:[_.][a-z0-9]+)*"
_FIELD_NOTE = re.compile(rf"（({_IDENT}(?:[、，/ ]+{_IDENT})*)(）|；)")


def _no_field_names(text: str) -> str:
    def drop(m):
        names = re.split(r"[、，/ ]+", m.group(1))
        if not all(len(n) >= 4 or "_" in n or "." in n for n in names):
            return m.group(0)
        return "" if m.group(2) == "）" else "（"
    return _FIELD_NOTE.sub(drop, text)


def _plain(f: Finding) -> Finding:
    return f.model_copy(update={"message": _no_field_names(f.message), "suggestion": _no_field_names(f.suggestion)})


def context(report: Report, package: CasePackage) -> dict:
    """Everything a template needs, as plain data in the order the document reads."""
    raw = package.model_dump(mode="json", by_alias=True, exclude_none=True)
    agency = package.agency.name if package.agency and package.agency.name else "（执法机关）"
    v = package.violation
    rows, appendix, first = [], [], {}
    for row in report.checklist:
        findings = []
        for f in map(_plain, row.findings):
            n = len(appendix) + 1
            # a suggestion shared by several findings is written once: the later ones point to the first
            seen = first.setdefault(f.suggestion, n)
            findings.append({"n": n, "title": f.title, "message": f.message, "basis": f.basis,
                             "suggestion": f.suggestion if seen == n else f"同问题{seen}",
                             "kind": "材料不足" if f.gap else SEVERITIES[f.severity], "rule_id": f.rule_id, "where": f.where})
            # the place of each finding in words (证据目录第2项“现场检查笔录”的取证人员) and its title: no JSON paths or rule ids
            summary = f.where == "/" and "未逐一列出" in f.message  # review.py's line for the findings past a rule's cap
            appendix.append({"n": n, "title": f.title, "item": ITEMS[f.item], "f": f,
                             "where": f.message if summary else place(raw, f.where)})
        # the colour follows the row's status (a 通过 row with hints is not red): the same status every surface shows
        rows.append({"label": row.label, "status": row.status_label, "findings": findings,
                     "css": {"pass": "ok", "gap": "gap", "issue": "issue"}[row.status]})
    corrections, groups = [], {}
    for a in appendix:  # findings sharing a suggestion make one correction: the suggestion once, every basis
        f = a["f"]
        if f.severity == "hint":
            continue
        key = (f.suggestion, f.gap)
        if key not in groups:
            groups[key] = {"ns": [], "messages": [], "more": [], "bases": [], "suggestion": f.suggestion, "gap": f.gap}
            corrections.append(groups[key])
        g = groups[key]
        g["ns"].append(a["n"])
        if f.where == "/" and "未逐一列出" in f.message:
            g["more"].append(f.message)
        elif f.message not in g["messages"]:
            g["messages"].append(f.message)
        if f.basis not in g["bases"]:
            g["bases"].append(f.basis)
    corrections = [{"text": g["suggestion"] if g["gap"] else _correction(g),
                    "basis": "；".join(sorted_bases(g["bases"])), "kind": "补充材料" if g["gap"] else "纠正",
                    "problems": _numbers(g["ns"])} for g in corrections]
    hints = [f"{_no_field_names(f.message)}（{f.basis}）" for f in report.findings if f.severity == "hint"]
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
        # the review's own basis when no finding cites one (法制审核 itself: 行政处罚法第五十八条)
        "bases": sorted_bases({f.basis for f in report.findings}) or ["《中华人民共和国行政处罚法》第五十八条"],
        "reviewers": reviewers or [{"name": "", "cert_no": ""}],
        "versions": _versions(report),
        # the place of each finding in words (证据目录第2项“现场检查笔录”的取证人员) and its title: no JSON paths or rule ids
        "appendix": [{k: v for k, v in a.items() if k != "f"} for a in appendix],
        "number": opinion_number(report.review_id, report.reviewed_at.astimezone(BEIJING).year
                                 if report.reviewed_at else report.as_of.year),
        "technical": f"审查编号 {report.review_id}；{_versions(report)}",
    })


def _correction(group: dict) -> str:
    """A few findings are each said; many (the same defect in thirty items of evidence) by the first and their count."""
    said = group["messages"] if len(group["messages"]) <= 5 else [f"{group['messages'][0]}等{len(group['messages'])}处问题"]
    return f"{'；'.join(said + group['more'])}。{group['suggestion']}"


def _numbers(ns: list[int]) -> str:
    """[4, 5, 6, 9] → 问题4至问题6、问题9."""
    runs: list[list[int]] = []
    for n in ns:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"问题{r[0]}" if len(r) == 1 else f"问题{r[0]}{'、' if len(r) == 2 else '至'}问题{r[-1]}" for r in runs)


def _versions(report: Report) -> str:
    """Rule and catalog versions as the opinion states them, with the day the law catalog was last checked."""
    checked = sorted(re.findall(r"核对至(\d{4}-\d{2}-\d{2})", " ".join(report.versions.catalogs.values())))
    files = sum(int(m.group(1)) if (m := re.search(r"（(\d+) 个文件）$", name)) else 1 for name in report.versions.catalogs)
    text = f"规则版本 {report.versions.rules}；目录数据 {files} 个文件"
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
    except OpinionError:
        raise
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
        # the review number and versions, for finding the record from the file: in the document's properties, not
        # in the text an office signs (an office template may still print {{ technical }})
        doc.core_properties.comments = "技术信息（非意见书正文）：" + data["technical"]
        doc.core_properties.title = data["title"]
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
