"""The reviewers' and trainers' workspace: server-rendered pages (jinja2, plain HTML, no script from the
internet) on the same app and the same record as the API. Sign-in keeps the API token in an HttpOnly cookie.

Reviewers: submit (upload, paste, pick an example) → checklist at a glance → each finding with basis, fix and
the package opened at its place → accept or dismiss with a reason → opinion (DOCX, HTML) → the case's history.
Trainers and trainees: teaching cases with hidden answers, an exercise scored item by item with the rules'
teaching cards, a results page per item, and new cases uploaded with their answer.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

import jinja2
import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .casebook import EXAMPLES, example_names
from .inputs import MAX_BYTES
from .models import CasePackage
from .records import _metadata
from .review import CONCLUSIONS
from .rulebook import ITEMS, SEVERITIES

COOKIE = "ra_token"
ROLES = {"case_system": "办案系统", "reviewer": "审核人员", "trainer": "培训人员", "admin": "管理员"}
MARKS = {"pass": "✓ 通过", "issue": "✗ 存在问题", "gap": "? 材料不足"}
CHOICES = {"pass": "无问题", "issue": "有问题", "gap": "材料不足"}

attempts = sa.Table(
    "training_attempts", _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.String(64), nullable=False), sa.Column("trainee", sa.String(200), nullable=False),
    sa.Column("token_id", sa.String(64), nullable=False), sa.Column("at", sa.String(40), nullable=False),
    sa.Column("answers", sa.Text, nullable=False), sa.Column("right", sa.Integer, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
)
uploaded_cases = sa.Table(
    "teaching_cases", _metadata,
    sa.Column("id", sa.String(64), primary_key=True), sa.Column("body", sa.Text, nullable=False),
)


def bundled_cases() -> list[dict]:
    folder = Path(str(resources.files("review_assistant") / "teaching_cases"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def pointer_fragment(package: dict, pointer: str) -> list[tuple[str, bool]]:
    """The package around the place a finding points to: the enclosing object pretty-printed, the pointed-to
    field marked. A place the package lacks is said in words (that is usually the finding)."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    parent: Any = None
    node: Any = package
    for token in tokens:
        parent = node
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return [(f"（案卷包中没有 {pointer}：该项缺失）", True)]
    if not tokens or isinstance(node, (dict, list)) or parent is None:
        return [(line, False) for line in json.dumps(node, ensure_ascii=False, indent=2).splitlines()]
    key = tokens[-1]
    lines = json.dumps(parent, ensure_ascii=False, indent=2).splitlines()
    if isinstance(parent, dict):
        return [(line, line.strip().startswith(json.dumps(key, ensure_ascii=False) + ":")) for line in lines]
    return [(line, False) for line in lines]


def mount(app: FastAPI, svc) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(str(resources.files("review_assistant"))) /
                                                            "templates" / "web")), autoescape=True)
    env.filters["urlencode"] = lambda s: quote(str(s), safe="")
    _metadata.create_all(svc.store.engine)

    def page(name: str, status: int = 200, **data) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(roles=ROLES, **data), status_code=status)

    def who(request: Request):
        secret = request.cookies.get(COOKIE)
        if svc.dev_mode:
            return svc.Caller(token_id="dev", role="admin", name="开发模式")
        row = svc.store.token(secret) if secret else None
        return svc.Caller(token_id=row["token_id"], role=row["role"], name=row["name"]) if row else None

    def signed_in(request: Request):
        user = who(request)
        if user is None:
            raise _Redirect("/ui/login")
        request.state.token_id = user.token_id
        return user

    class _Redirect(Exception):
        def __init__(self, to):
            self.to = to

    @app.exception_handler(_Redirect)
    async def _redirect(_, err: _Redirect):
        return RedirectResponse(err.to, status_code=303)

    # --- sign-in ----------------------------------------------------------------------------------------
    @app.get("/ui/login", include_in_schema=False)
    def login_form(request: Request):
        return page("login.html", who=None)

    @app.post("/ui/login", include_in_schema=False)
    async def login(request: Request):
        form = await request.form()
        secret = str(form.get("token", "")).strip()
        if not secret or svc.store.token(secret) is None:
            return page("login.html", 401, who=None, error="令牌无效，请核对后重试。")
        response = RedirectResponse("/ui/", status_code=303)
        response.set_cookie(COOKIE, secret, httponly=True, samesite="strict")
        return response

    @app.get("/ui/logout", include_in_schema=False)
    def logout():
        response = RedirectResponse("/ui/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    # --- reviews ----------------------------------------------------------------------------------------
    def recent(user) -> list[dict]:
        rows = [r for r in svc.store.recent_reviews(20) if user.role != "case_system" or r["token_id"] == user.token_id]
        return [{"review_id": r["review_id"], "case_id": r["case_id"], "at": r["created_at"][:19].replace("T", " "),
                 "conclusion": CONCLUSIONS[json.loads(r["body"])["conclusion"]]} for r in rows]

    def submit_page(user, status=200, **extra):
        examples = example_names()
        return page("submit.html", status, who=user, examples=examples, recent=recent(user), **extra)

    @app.get("/ui/", include_in_schema=False)
    def home(request: Request):
        return submit_page(signed_in(request))

    @app.post("/ui/reviews", include_in_schema=False)
    async def ui_submit(request: Request):
        user = signed_in(request)
        form = await request.form()
        upload, text, example = form.get("file"), str(form.get("text") or ""), str(form.get("example") or "")
        raw: Optional[bytes] = None
        if upload is not None and getattr(upload, "filename", ""):
            raw = await upload.read(MAX_BYTES + 1)
        elif text.strip():
            raw = text.encode("utf-8")
        elif example:
            path = EXAMPLES / f"{Path(example).name}.json"
            raw = path.read_bytes() if Path(example).name in example_names() else None
        if raw is None:
            return submit_page(user, 400, error_title="请上传文件、粘贴 JSON 或选择示例案卷。",
                               errors=[{"where": "/", "zh": "没有收到案卷包", "en": "no package received"}])
        if len(raw) > MAX_BYTES:
            return submit_page(user, 413, error_title="文件过大。",
                               errors=[{"where": "/", "zh": f"案卷包不得超过 {MAX_BYTES // 1024 // 1024} MB",
                                        "en": f"package exceeds {MAX_BYTES} bytes"}])
        try:
            report = svc.review(raw, user)
        except svc.ApiError as err:
            return submit_page(user, 422, text=text, error_title="案卷包无效，请逐项更正：",
                               errors=[{"where": e["pointer"], "zh": e["detail_zh"], "en": e["detail_en"]} for e in err.errors])
        return RedirectResponse(f"/ui/reviews/{report.review_id}", status_code=303)

    @app.get("/ui/reviews/{review_id}", include_in_schema=False)
    def ui_result(request: Request, review_id: str):
        user = signed_in(request)
        try:
            rows = svc.owned(review_id, user)
        except svc.ApiError as err:
            return page("submit.html", err.status, who=user, examples=[], recent=[], error_title=err.title, errors=[])
        report, decisions = svc.final(rows)
        original = svc.report_of(rows)
        decided = {}
        for d in decisions:
            if d["action"] in ("accept", "dismiss"):
                decided[(d["rule_id"], d["where"])] = d["action"]
        package = json.loads(svc.store.package(review_id) or "{}")
        findings = {f.where for row in original.checklist for f in row.findings}
        return page("result.html", who=user, report=_with_all(original, report), decided=decided, decisions=decisions,
                    marks=MARKS, severities=SEVERITIES, major={True: "是", False: "否", None: "无法判断"}[report.major.is_major],
                    conclusion_class={"approve": "pass", "revise": "gap", "return": "gap", "reject": "issue"}[report.conclusion],
                    fragments={w: pointer_fragment(package, w) for w in findings},
                    can_decide=user.role in ("reviewer", "admin"))

    def _with_all(original, final):
        """Rows with the final status, listing every original finding (dismissed ones marked) and added ones."""
        from .models.report import ChecklistRow

        rows = []
        for orig, fin in zip(original.checklist, final.checklist):
            extra = [f for f in fin.findings if f not in orig.findings]
            rows.append(ChecklistRow(item=fin.item, label=fin.label, status=fin.status, status_label=fin.status_label,
                                     findings=list(orig.findings) + extra))
        return final.model_copy(update={"checklist": rows})

    @app.post("/ui/reviews/{review_id}/decisions", include_in_schema=False)
    async def ui_decide(request: Request, review_id: str):
        user = signed_in(request)
        form = await request.form()
        try:
            svc.decide(review_id, user, {"action": form.get("action"), "rule_id": form.get("rule_id"),
                                          "where": form.get("where"), "reason": str(form.get("reason") or "").strip() or "—"})
        except svc.ApiError as err:
            return page("submit.html", err.status, who=user, examples=[], recent=[], error_title=err.title, errors=[])
        return RedirectResponse(f"/ui/reviews/{review_id}", status_code=303)

    @app.get("/ui/reviews/{review_id}/opinion", include_in_schema=False)
    def ui_opinion(request: Request, review_id: str, format: str = "html"):
        user = signed_in(request)
        svc.owned(review_id, user)
        fmt = "docx" if format == "docx" else "html"
        data = svc.opinion_bytes(review_id, fmt)
        if fmt == "docx":
            return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            headers={"Content-Disposition": f'attachment; filename="opinion-{review_id}.docx"'})
        return HTMLResponse(data.decode("utf-8"))

    @app.get("/ui/cases/{case_id}", include_in_schema=False)
    def ui_history(request: Request, case_id: str):
        user = signed_in(request)
        return page("history.html", who=user, case_id=case_id, history=svc.history(case_id, user), conclusions=CONCLUSIONS)

    # --- teaching ----------------------------------------------------------------------------------------
    def all_cases() -> list[dict]:
        with svc.store.engine.connect() as conn:
            extra = [json.loads(r.body) for r in conn.execute(sa.select(uploaded_cases))]
        return bundled_cases() + extra

    def find_case(case_id: str) -> Optional[dict]:
        return next((c for c in all_cases() if c["id"] == case_id), None)

    @app.get("/ui/teaching", include_in_schema=False)
    def teaching(request: Request, message: str = ""):
        user = signed_in(request)
        return page("teaching.html", who=user, cases=all_cases(), message=message)

    @app.post("/ui/teaching/new", include_in_schema=False)
    async def new_case(request: Request):
        user = signed_in(request)
        if user.role not in ("trainer", "admin"):
            return page("teaching.html", 403, who=user, cases=all_cases(), errors=["只有培训人员可以增加教学案例。"])
        form = await request.form()
        upload = form.get("file")
        errors = []
        try:
            case = json.loads((await upload.read(MAX_BYTES + 1)).decode("utf-8-sig"))
            for key in ("id", "title", "summary", "package", "answer"):
                if key not in case:
                    errors.append(f"缺少字段 {key}")
            if not errors:
                CasePackage.model_validate(case["package"])
                bad = [k for k, v in case["answer"].get("items", {}).items() if k not in ITEMS or v not in CHOICES]
                if bad or set(case["answer"].get("items", {})) != set(ITEMS):
                    errors.append("answer.items 须对十个审核事项逐一给出 pass / issue / gap")
                if find_case(str(case["id"])):
                    errors.append(f"编号 {case['id']} 已存在")
        except Exception as err:  # noqa: BLE001 — any bad upload becomes a message on the page
            errors.append(f"文件无法读取为教学案例：{type(err).__name__}")
        if errors:
            return page("teaching.html", 422, who=user, cases=all_cases(), errors=errors)
        with svc.store.engine.begin() as conn:
            conn.execute(uploaded_cases.insert().values(id=str(case["id"]), body=json.dumps(case, ensure_ascii=False)))
        return RedirectResponse("/ui/teaching?message=" + quote(f"已增加教学案例：{case['title']}"), status_code=303)

    @app.get("/ui/teaching/results", include_in_schema=False)
    def results(request: Request):
        user = signed_in(request)
        if user.role not in ("trainer", "admin"):
            raise _Redirect("/ui/teaching")
        with svc.store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(sa.select(attempts).order_by(attempts.c.id.desc()))]
        titles = {c["id"]: c["title"] for c in all_cases()}
        per_item = []
        for item, label in ITEMS.items():
            marks = [json.loads(r["answers"])[item]["correct"] for r in rows]
            per_item.append({"label": label, "n": len(marks),
                             "rate": f"{sum(marks) / len(marks):.0%}" if marks else "—"})
        return page("results.html", who=user, per_item=per_item,
                    attempts=[{**r, "case_title": titles.get(r["case_id"], r["case_id"]), "at": r["at"][:19].replace("T", " ")}
                              for r in rows])

    @app.get("/ui/teaching/{case_id}", include_in_schema=False)
    def exercise(request: Request, case_id: str):
        user = signed_in(request)
        case = find_case(case_id)
        if case is None:
            raise _Redirect("/ui/teaching")
        return page("exercise.html", who=user, case=case, p=CasePackage.model_validate(case["package"]),
                    package_json=json.dumps(case["package"], ensure_ascii=False, indent=2), items=ITEMS, choices=CHOICES)

    @app.post("/ui/teaching/{case_id}", include_in_schema=False)
    async def score(request: Request, case_id: str):
        user = signed_in(request)
        case = find_case(case_id)
        if case is None:
            raise _Redirect("/ui/teaching")
        form = await request.form()
        report = svc.reviewer().review(case["package"])
        by_item = {row.item: row for row in report.checklist}
        rows, answers = [], {}
        for item, label in ITEMS.items():
            expected = case["answer"]["items"][item]
            given = str(form.get(item) or "")
            correct = given == expected
            cards = [{"id": f.rule_id, "title": f.title, "message": f.message, "basis": f.basis,
                      "provision": svc.rule(f.rule_id).provision, "why": svc.rule(f.rule_id).teaching}
                     for f in by_item[item].findings if f.severity != "hint"]
            rows.append({"label": label, "given": given, "expected": expected, "correct": correct, "cards": cards,
                         "why": str(form.get(f"why_{item}") or ""), "note": case["answer"].get("notes", {}).get(item)})
            answers[item] = {"given": given, "correct": correct}
        right = sum(r["correct"] for r in rows)
        trainee = str(form.get("trainee") or user.name)[:200]
        with svc.store.engine.begin() as conn:
            conn.execute(attempts.insert().values(case_id=case_id, trainee=trainee, token_id=user.token_id,
                                                  at=datetime.now(timezone.utc).isoformat(), answers=json.dumps(answers),
                                                  right=right, total=len(rows)))
        return page("score.html", who=user, case=case, rows=rows, right=right, total=len(rows), trainee=trainee,
                    choices=CHOICES)
