"""The reviewers' and trainers' workspace: server-rendered pages (jinja2, plain HTML, no script from the
internet) on the same app and the same record as the API. Sign-in keeps the API token in an HttpOnly cookie.

Reviewers: submit (upload, paste, pick an example) → checklist at a glance → each finding with basis, fix and
the package opened at its place → accept or dismiss with a reason → opinion (DOCX, HTML) → the case's history.
Trainers and trainees: teaching cases with hidden answers, an exercise scored item by item with the rules'
teaching cards, a results page per item, and new cases uploaded with their answer.

Security: sign-in exchanges the API token for a session (the cookie holds a random session id, never the token;
signing out deletes the session); every form carries an anti-forgery token bound to a cookie, and every post must
come from this origin (Origin or Referer) — a page elsewhere, even on another port of the same host, cannot post
a form here; the roles are the API's (authz.py).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

import jinja2
import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review_assistant.service.authz import allowed, sees_all_reviews
from review_assistant.outputs.case_summary import summary
from review_assistant.outputs.places import fields as place_fields, place
from review_assistant.engine.casebook import EXAMPLES, example_names
from review_assistant.case.inputs import MAX_BYTES, InputError, parse_package
from review_assistant.case import limits
from review_assistant.case.models import CasePackage
from review_assistant.service.records import _metadata, mac, same
from review_assistant.engine.review import CONCLUSIONS
from review_assistant.engine.rulebook import ITEMS, SEVERITIES
from review_assistant.outputs.timefmt import beijing

SESSION_COOKIE, CSRF_COOKIE = "ra_session", "ra_csrf"
SESSION_HOURS = 12
SECURE_ENV = "REVIEW_ASSISTANT_SECURE_COOKIES"  # 1: cookies only over HTTPS (always when the request is HTTPS)
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
sessions = sa.Table(  # sign-in sessions: the cookie holds the id, the table its hash and the token it stands for
    "ui_sessions", _metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True), sa.Column("token_id", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.String(40), nullable=False),
    sa.Column("mac", sa.String(64), nullable=True),  # HMAC with the record key: a row inserted by hand signs no one in
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


def _trainee_view(package: CasePackage) -> dict:
    """The file as a trainee reads it: steps, evidence, documents and officers in Chinese (no JSON, no English codes)."""
    from review_assistant.engine.context import STEP_LABELS

    kinds = {"documentary": "书证", "physical": "物证", "audiovisual": "视听资料", "electronic": "电子数据", "witness": "证人证言",
             "party_statement": "当事人陈述", "expert_opinion": "鉴定意见", "inspection_record": "勘验笔录、现场笔录"}
    elements = {"identity": "主体身份", "act": "违法行为", "amount": "金额数量", "fault": "主观过错", "harm": "危害后果",
                "circumstance": "情节"}
    roles = {"investigator": "调查人员", "reviewer": "法制审核人员", "decision_maker": "决定人", "auxiliary": "辅助人员",
             "hearing_host": "听证主持人"}
    names = {o.cert_no: o.name for o in package.officers or () if o.cert_no}
    view = summary(package)
    view["steps"] = [{"date": s.date.isoformat() if s.date else "", "label": STEP_LABELS.get(s.kind, "未注明环节"),
                      "officers": "、".join(names.get(c, c) for c in (s.officers or ())), "notes": s.notes or ""}
                     for s in sorted(package.steps or (), key=lambda s: (s.date is None, s.date.isoformat() if s.date else ""))]
    view["evidence"] = [{"title": e.title or "", "kind": kinds.get(e.type, ""), "proves": "、".join(elements.get(x, x) for x in e.proves or ()),
                         "by": "、".join(names.get(c, c) for c in e.obtained_by or ()), "date": e.obtained_on.isoformat() if e.obtained_on else ""}
                        for e in package.evidence or ()]
    view["documents"] = [{"title": d.title or d.kind or "", "date": d.date.isoformat() if d.date else "",
                          "signed": "已签名" if d.signed else "", "sealed": "已盖章" if d.sealed else ""} for d in package.documents or ()]
    view["officers"] = [{"name": o.name or "", "role": roles.get(o.role, ""), "cert_no": o.cert_no or "（无执法证）"}
                        for o in package.officers or ()]
    return view


def example_titles() -> list[tuple[str, str]]:
    """(name, what a reviewer reads) for the example picker: the case number and the violation, in Chinese."""
    out = []
    for name in example_names():
        try:
            pkg = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        what = ((pkg.get("violation") or {}).get("description") or "")[:40]
        out.append((name, f"{pkg.get('case_id', name)}　{what}"))
    return out


def _json_or_none(text):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def session_alive(store, sid: str) -> bool:
    """Whether a session cookie names a live, signed session of a usable token (the body limit asks before reading)."""
    if not sid or len(sid) > 100:
        return False
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(sessions).where(sessions.c.id_hash == hashlib.sha256(sid.encode("utf-8")).hexdigest())).first()
    if row is None or row.expires_at < datetime.now(timezone.utc).isoformat():
        return False
    if store.key and not same(row.mac, mac(store.key, _session_text(row.id_hash, row.token_id, row.expires_at))):
        return False
    return store.token_by_id(row.token_id) is not None


def _case_summary(package: dict):
    """The stored package as people read it (case_summary), or None when it no longer validates (an older contract)."""
    try:
        return summary(CasePackage.model_validate(package))
    except ValueError:
        return None


def _session_text(id_hash: str, token_id: str, expires_at: str) -> str:
    return f"session|{id_hash}|{token_id}|{expires_at}"


def teaching_case_problems(case) -> list[str]:
    """What is wrong with an uploaded teaching case, in words for the trainer (empty: it can be used)."""
    if not isinstance(case, dict):
        return ["教学案例应为 JSON 对象"]
    errors = [f"缺少字段 {key}" for key in ("id", "title", "summary", "package", "answer") if key not in case]
    if errors:
        return errors
    if not isinstance(case["id"], str) or not case["id"] or len(case["id"]) > 64 or "/" in case["id"]:
        errors.append("id 须为不含“/”的 1 至 64 个字符")
    for key, most in (("title", 200), ("summary", 5000)):
        if not isinstance(case[key], str) or not case[key].strip() or len(case[key]) > most:
            errors.append(f"{key} 须为 1 至 {most} 个字符的文字")
    try:
        parse_package(case["package"])  # the same checks as a real submission, dates included
    except InputError as err:
        errors += [f"package{p.where}：{p.zh}" for p in err.problems[:10]]
    answer = case["answer"]
    items = answer.get("items") if isinstance(answer, dict) else None
    # 执法公示 joined the checklist later: a case written before it may leave it out (then it counts as pass)
    if not isinstance(items, dict) or not set(ITEMS) - {"publicity"} <= set(items) <= set(ITEMS) \
            or any(v not in CHOICES for v in items.values()):
        errors.append("answer.items 须对各审核事项逐一给出 pass / issue / gap（执法公示可省略，视为 pass）")
    notes = answer.get("notes", {}) if isinstance(answer, dict) else {}
    if not isinstance(notes, dict) or any(not isinstance(k, str) or not isinstance(v, str) for k, v in notes.items()):
        errors.append("answer.notes 须为 {审核事项: 说明文字}")
    return errors


def _note(case: dict, item: str) -> Optional[str]:
    notes = case["answer"].get("notes")
    note = notes.get(item) if isinstance(notes, dict) else None
    return note if isinstance(note, str) else None


def mount(app: FastAPI, svc) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(str(resources.files("review_assistant"))) /
                                                            "templates" / "web")), autoescape=True)
    env.filters["urlencode"] = lambda s: quote(str(s), safe="")
    env.filters["beijing"] = beijing
    _metadata.create_all(svc.store.engine)

    def secure(request: Request) -> bool:
        return request.url.scheme == "https" or os.environ.get(SECURE_ENV) == "1"

    def csrf_of(request: Request) -> str:
        token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_new", None)
        if not token:
            token = request.state.csrf_new = secrets.token_urlsafe(24)
        return token

    def page(name: str, status: int = 200, request: Optional[Request] = None, **data) -> HTMLResponse:
        csrf = csrf_of(request) if request is not None else ""
        response = HTMLResponse(env.get_template(name).render(roles=ROLES, csrf=csrf, **data), status_code=status)
        if request is not None and getattr(request.state, "csrf_new", None):
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=secure(request), path="/ui/")
        return response

    def forged(request: Request, form) -> bool:
        """A post is ours only if it comes from this origin and carries the form token bound to this browser."""
        expected = str(request.base_url).rstrip("/")
        origin = request.headers.get("origin")
        referer = request.headers.get("referer")
        if origin is not None:
            if origin.rstrip("/") != expected:
                return True
        elif not referer or not (referer == expected or referer.startswith(expected + "/")):
            return True
        sent, cookie = str(form.get("csrf") or ""), request.cookies.get(CSRF_COOKIE) or ""
        return not (sent and cookie and same(sent, cookie))

    def refuse(request: Request, user=None):
        return page("login.html" if user is None else "submit.html", 403, request, who=user, examples=[], recent=[],
                    error="请求来源无法核实（可能是其他网站伪造的表单提交），已拒绝。请回到本系统页面重新操作。",
                    error_title="请求来源无法核实（可能是其他网站伪造的表单提交），已拒绝。请回到本系统页面重新操作。", errors=[])

    def _sid_hash(sid: str) -> str:
        return hashlib.sha256(sid.encode("utf-8")).hexdigest()

    def who(request: Request):
        if svc.dev_mode:
            return svc.Caller(token_id="dev", role="admin", name="开发模式")
        sid = request.cookies.get(SESSION_COOKIE)
        if not sid or len(sid) > 100:
            return None
        with svc.store.engine.connect() as conn:
            row = conn.execute(sa.select(sessions).where(sessions.c.id_hash == _sid_hash(sid))).first()
        if row is None or row.expires_at < datetime.now(timezone.utc).isoformat():
            return None
        if svc.store.key and not same(row.mac, mac(svc.store.key, _session_text(row.id_hash, row.token_id, row.expires_at))):
            return None
        token = svc.store.token_by_id(row.token_id)  # a revoked token ends its sessions too
        return svc.Caller(token_id=token["token_id"], role=token["role"], name=token["name"]) if token else None

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
        return page("login.html", request=request, who=None)

    @app.post("/ui/login", include_in_schema=False)
    async def login(request: Request):
        form = await request.form(max_part_size=limits.FORM_BYTES)
        if forged(request, form):
            return refuse(request)
        secret = str(form.get("token", "")).strip()
        row = svc.store.token(secret) if secret else None
        if row is None:
            return page("login.html", 401, request, who=None, error="令牌无效，请核对后重试。")
        sid = secrets.token_urlsafe(32)
        expires = datetime.now(timezone.utc) + timedelta(hours=SESSION_HOURS)
        with svc.store.engine.begin() as conn:
            conn.execute(sessions.insert().values(
                id_hash=_sid_hash(sid), token_id=row["token_id"], expires_at=expires.isoformat(),
                mac=mac(svc.store.key, _session_text(_sid_hash(sid), row["token_id"], expires.isoformat()))))
        response = RedirectResponse("/ui/", status_code=303)
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=secure(request), path="/ui/",
                            max_age=SESSION_HOURS * 3600)
        return response

    @app.get("/ui/logout", include_in_schema=False)
    def logout(request: Request):
        sid = request.cookies.get(SESSION_COOKIE)
        if sid:
            with svc.store.engine.begin() as conn:
                conn.execute(sessions.delete().where(sessions.c.id_hash == _sid_hash(sid)))
        response = RedirectResponse("/ui/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/ui/")
        return response

    # --- reviews ----------------------------------------------------------------------------------------
    def recent(user) -> list[dict]:
        if not allowed(user.role, "read_reviews"):
            return []
        rows = [r for r in svc.store.recent_reviews(20) if sees_all_reviews(user.role) or r["token_id"] == user.token_id]
        return [{"review_id": r["review_id"], "case_id": r["case_id"], "at": beijing(r["created_at"]),
                 "conclusion": CONCLUSIONS[json.loads(r["body"])["conclusion"]]} for r in rows]

    def submit_page(request, user, status=200, **extra):
        examples = example_titles() if allowed(user.role, "submit") else []
        return page("submit.html", status, request, who=user, examples=examples, recent=recent(user),
                    can_submit=allowed(user.role, "submit"), **extra)

    @app.get("/ui/", include_in_schema=False)
    def home(request: Request):
        return submit_page(request, signed_in(request))

    @app.post("/ui/reviews", include_in_schema=False)
    async def ui_submit(request: Request):
        user = signed_in(request)
        form = await request.form(max_part_size=limits.FORM_BYTES)
        if forged(request, form):
            return refuse(request, user)
        if not allowed(user.role, "submit"):
            return submit_page(request, user, 403, error_title="您的角色无权送审。", errors=[])
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
            return submit_page(request, user, 400, error_title="请上传文件、粘贴 JSON 或选择示例案卷。",
                               errors=[{"where": "/", "zh": "没有收到案卷包", "en": "no package received"}])
        if len(raw) > MAX_BYTES:
            return submit_page(request, user, 413, error_title="文件过大。",
                               errors=[{"where": "/", "zh": f"案卷包不得超过 {MAX_BYTES // 1024 // 1024} MB",
                                        "en": f"package exceeds {MAX_BYTES} bytes"}])
        try:
            # in a thread: the page is not the hot path, and no other request waits behind a large package
            from starlette.concurrency import run_in_threadpool

            report = await run_in_threadpool(svc.review, raw, user)
        except svc.ApiError as err:
            return submit_page(request, user, err.status, text=text, error_title="案卷包无效，请逐项更正：",
                               errors=[{"where": e["pointer"], "zh": e["detail_zh"], "en": e["detail_en"]} for e in err.errors])
        return RedirectResponse(f"/ui/reviews/{report.review_id}", status_code=303)

    @app.get("/ui/reviews/{review_id}", include_in_schema=False)
    def ui_result(request: Request, review_id: str):
        user = signed_in(request)
        try:
            rows = svc.owned(review_id, user)
        except svc.ApiError as err:
            title = "该审查记录不存在，或您无权查看" if err.status == 404 else err.title.split(" / ")[0]
            return submit_page(request, user, err.status, error_title=title, errors=[])
        report, decisions = svc.final(rows)
        original = svc.report_of(rows)
        decided = {}
        for d in decisions:
            if d["action"] in ("accept", "dismiss"):
                decided[(d["rule_id"], d["where"])] = d["action"]
        package = json.loads(svc.store.package(review_id) or "{}")
        findings = {f.where for row in original.checklist for f in row.findings}
        case = _case_summary(package)
        dismissed = frozenset(k for k, v in decided.items() if v == "dismiss")
        return page("result.html", request=request, who=user, report=_with_all(original, report), decided=decided, decisions=decisions, case=case,
                    dismissed=dismissed,
                    marks=MARKS, severities=SEVERITIES, major={True: "是", False: "否", None: "无法判断"}[report.major.is_major],
                    conclusion_class={"approve": "pass", "revise": "gap", "return": "gap", "reject": "issue"}[report.conclusion],
                    fragments={w: place_fields(package, w) for w in findings},  # Chinese labels, no JSON
                    places={w: place(package, w) for w in findings},
                    can_decide=allowed(user.role, "decide"))

    def _with_all(original, final):
        """Rows with the final status, listing every original finding (dismissed ones marked) and added ones."""
        from review_assistant.case.models.report import ChecklistRow

        rows = []
        for orig, fin in zip(original.checklist, final.checklist):
            extra = [f for f in fin.findings if f not in orig.findings]
            rows.append(ChecklistRow(item=fin.item, label=fin.label, status=fin.status, status_label=fin.status_label,
                                     findings=list(orig.findings) + extra))
        return final.model_copy(update={"checklist": rows})

    @app.post("/ui/reviews/{review_id}/decisions", include_in_schema=False)
    async def ui_decide(request: Request, review_id: str):
        user = signed_in(request)
        form = await request.form(max_part_size=limits.FORM_BYTES)
        if forged(request, form):
            return refuse(request, user)
        action, reason = str(form.get("action") or ""), str(form.get("reason") or "").strip()
        problems = []
        if action not in ("accept", "dismiss"):
            problems.append({"where": "/action", "zh": "请选择采纳或不采纳", "en": "action must be accept or dismiss"})
        if not reason and action != "accept":  # 采纳 needs no reason; 不采纳 does
            problems.append({"where": "/reason", "zh": "不采纳须写明理由", "en": "a reason is required to dismiss"})
        elif len(reason) > 2000:
            problems.append({"where": "/reason", "zh": f"理由过长（{len(reason)} 字，上限 2000 字）",
                             "en": "reason over 2,000 characters"})
        if problems:
            return page("submit.html", 422, request, who=user, examples=[], recent=[], error_title="决定无效，请更正：",
                        errors=problems)
        try:
            svc.decide(review_id, user, {"action": action, "rule_id": str(form.get("rule_id") or ""),
                                          "where": str(form.get("where") or ""), "reason": reason})
        except svc.ApiError as err:
            return page("submit.html", err.status, request, who=user, examples=[], recent=[], error_title=err.title,
                        errors=[{"where": e.get("pointer", "/"), "zh": e.get("detail_zh", ""), "en": e.get("detail_en", "")}
                                for e in err.errors])
        except ValueError as err:  # text that cannot be stored (NUL, a lone surrogate)
            return page("submit.html", 422, request, who=user, examples=[], recent=[], error_title="决定无效，请更正：",
                        errors=[{"where": "/reason", "zh": "理由中含有无法保存的字符", "en": str(err)[:200]}])
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

    @app.get("/ui/reviews/{review_id}/publicity", include_in_schema=False)
    def ui_publicity(request: Request, review_id: str, format: str = ""):
        """The public version and, beside it, what was masked and why (the reviewer's page; the download is only the
        public document)."""
        user = signed_in(request)
        try:
            svc.owned(review_id, user)
        except svc.ApiError as err:
            title = "该审查记录不存在，或您无权查看" if err.status == 404 else err.title.split(" / ")[0]
            return submit_page(request, user, err.status, error_title=title, errors=[])
        from review_assistant.outputs.publicity import public_document, record_csv

        pub = svc.publicity(review_id)
        if format == "docx":
            return Response(public_document(pub, "docx"),
                            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            headers={"Content-Disposition": f'attachment; filename="publicity-{review_id}.docx"'})
        if format == "csv":
            return Response(record_csv([pub.record], pub.columns), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="publicity-{review_id}.csv"'})
        return page("publicity.html", request=request, who=user, review_id=review_id, pub=pub,
                    requirements=pub.requirements(), paragraphs=[p for p in (pub.text or "").split("\n") if p.strip()])

    @app.get("/ui/cases/{case_id:path}", include_in_schema=False)
    def ui_history(request: Request, case_id: str):
        user = signed_in(request)
        try:
            history = svc.history(case_id, user)
        except svc.ApiError as err:
            return page("submit.html", err.status, request, who=user, examples=[], recent=[], error_title=err.title, errors=[])
        return page("history.html", request=request, who=user, case_id=case_id, history=[_in_words(h) for h in history],
                    conclusions=CONCLUSIONS)

    def _in_words(h: dict) -> dict:
        """A history entry for people: each corrected or new finding by its rule's title and its place in words."""
        from review_assistant.service.records import Tampered

        try:
            package = json.loads(svc.store.package(h["review_id"]) or "{}")
        except (ValueError, Tampered):
            package = {}

        def words(key: str) -> str:
            rule_id, _, where = key.partition(" ")
            rule = svc.rule(rule_id)
            return f"{rule.title if rule else rule_id}（{place(package, where)}）"
        return {**h, "fixed": [words(k) for k in h.get("fixed") or ()], "new": [words(k) for k in h.get("new") or ()]}

    # --- teaching ----------------------------------------------------------------------------------------
    def all_cases() -> list[dict]:
        """Bundled and uploaded teaching cases; a stored row that no longer reads as a valid case (edited in the
        database) is left out and logged, never a 500 for every trainee."""
        with svc.store.engine.connect() as conn:
            rows = list(conn.execute(sa.select(uploaded_cases)))
        extra = []
        for r in rows:
            case = _json_or_none(r.body)
            if case is None or teaching_case_problems(case):
                logging.getLogger("review_assistant.web").warning("unreadable teaching case row left out: %r", r.id)
                continue
            extra.append(case)
        return bundled_cases() + extra

    def find_case(case_id: str) -> Optional[dict]:
        return next((c for c in all_cases() if c["id"] == case_id), None)

    @app.get("/ui/teaching", include_in_schema=False)
    def teaching(request: Request, message: str = ""):
        user = signed_in(request)
        return page("teaching.html", request=request, who=user, cases=all_cases(), message=message,
                    can_upload=allowed(user.role, "teaching_admin"))

    @app.post("/ui/teaching/new", include_in_schema=False)
    async def new_case(request: Request):
        user = signed_in(request)
        form = await request.form(max_part_size=limits.FORM_BYTES)
        if forged(request, form):
            return refuse(request, user)
        if not allowed(user.role, "teaching_admin"):
            return page("teaching.html", 403, request, who=user, cases=all_cases(), errors=["只有培训人员可以增加教学案例。"])
        upload = form.get("file")
        errors = []
        try:
            case = json.loads((await upload.read(MAX_BYTES + 1)).decode("utf-8-sig"))
            errors = teaching_case_problems(case)
            if not errors and find_case(str(case["id"])):
                errors.append(f"编号 {case['id']} 已存在")
        except Exception as err:  # noqa: BLE001 — any bad upload becomes a message on the page
            errors.append(f"文件无法读取为教学案例：{type(err).__name__}")
        if errors:
            return page("teaching.html", 422, request, who=user, cases=all_cases(), errors=errors,
                        can_upload=True)
        with svc.store.engine.begin() as conn:
            conn.execute(uploaded_cases.insert().values(id=str(case["id"]), body=json.dumps(case, ensure_ascii=False)))
        return RedirectResponse("/ui/teaching?message=" + quote(f"已增加教学案例：{case['title']}"), status_code=303)

    @app.get("/ui/teaching/results", include_in_schema=False)
    def results(request: Request):
        user = signed_in(request)
        if not allowed(user.role, "teaching_admin"):
            raise _Redirect("/ui/teaching")
        with svc.store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(sa.select(attempts).order_by(attempts.c.id.desc()))]
        titles = {c["id"]: c["title"] for c in all_cases()}
        per_item = []
        for item, label in ITEMS.items():
            marks = [a[item].get("correct") is True for r in rows for a in [_json_or_none(r["answers"])]
                     if isinstance(a, dict) and isinstance(a.get(item), dict)]
            per_item.append({"label": label, "n": len(marks),
                             "rate": f"{sum(marks) / len(marks):.0%}" if marks else "—"})
        return page("results.html", request=request, who=user, per_item=per_item,
                    attempts=[{**r, "case_title": titles.get(r["case_id"], r["case_id"]), "at": beijing(r["at"])}
                              for r in rows])

    @app.get("/ui/teaching/{case_id}", include_in_schema=False)
    def exercise(request: Request, case_id: str):
        user = signed_in(request)
        case = find_case(case_id)
        if case is None:
            raise _Redirect("/ui/teaching")
        package = CasePackage.model_validate(case["package"])
        return page("exercise.html", request=request, who=user, case=case, p=package, view=_trainee_view(package),
                    items=ITEMS, choices=CHOICES)

    @app.post("/ui/teaching/{case_id}", include_in_schema=False)
    async def score(request: Request, case_id: str):
        user = signed_in(request)
        case = find_case(case_id)
        if case is None:
            raise _Redirect("/ui/teaching")
        form = await request.form(max_part_size=limits.FORM_BYTES)
        if forged(request, form):
            return refuse(request, user)
        try:
            report = svc.reviewer().review(case["package"])
        except InputError:  # a bad case stays on its own page; the other cases score as usual
            return page("teaching.html", 422, request, who=user, cases=all_cases(),
                        errors=[f"教学案例 {case_id} 的案卷包无效，请培训人员更正。"])
        by_item = {row.item: row for row in report.checklist}
        rows, answers = [], {}
        for item, label in ITEMS.items():
            expected = case["answer"]["items"].get(item, "pass")
            given = str(form.get(item) or "")
            correct = given == expected
            cards = [{"id": f.rule_id, "title": f.title, "message": f.message, "basis": f.basis,
                      "provision": svc.rule(f.rule_id).provision, "why": svc.rule(f.rule_id).teaching}
                     for f in by_item[item].findings if f.severity != "hint"]
            rows.append({"label": label, "given": given, "expected": expected, "correct": correct, "cards": cards,
                         "why": str(form.get(f"why_{item}") or "")[:2000], "note": _note(case, item)})
            answers[item] = {"given": given, "correct": correct}
        right = sum(r["correct"] for r in rows)
        trainee = str(form.get("trainee") or user.name)[:200]
        with svc.store.engine.begin() as conn:
            conn.execute(attempts.insert().values(case_id=case_id, trainee=trainee, token_id=user.token_id,
                                                  at=datetime.now(timezone.utc).isoformat(), answers=json.dumps(answers),
                                                  right=right, total=len(rows)))
        return page("score.html", request=request, who=user, case=case, rows=rows, right=right, total=len(rows), trainee=trainee,
                    choices=CHOICES)
