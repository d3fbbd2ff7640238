"""The check API for case systems (FastAPI). ``create_app()`` builds it; ``review-assistant serve`` runs it.

Security: bearer tokens (stored hashed) with roles — case_system (submit, read its own), reviewer (read all,
decide), trainer (rules, catalogs, schema), admin (everything, tokens). ``dev_mode`` disables auth
and says so loudly in the log and in every response header. Limits: body size (413), batch size, per-token
rate (429); the engine serializes its sessions, so durable_rules' session cap is never approached.
Every review and every reviewer decision is an entry of the hash-chained record (records.py).
"""
from __future__ import annotations

import asyncio

import json
import logging
import re
from typing import Any, Literal, Optional

from fastapi import Body, Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from review_assistant import __version__
from review_assistant.case import limits
from review_assistant.service.accesslog import HeadersAndLog
from review_assistant.service.authz import allowed, sees_all_reviews
from review_assistant.service.bodylimit import SECURITY_HEADERS, BodyLimit, anonymous_refusal
from review_assistant.case.inputs import InputError, parse_package, split_batch
from review_assistant.case.models import CasePackage, Report
from review_assistant.case.models.report import Finding
from review_assistant.service.records import RecordError, RecordStore, Tampered, sha256
from review_assistant.engine.review import CONCLUSIONS, _checklist, _conclusion, get_reviewer

log = logging.getLogger("review_assistant.api")
access_log = logging.getLogger("review_assistant.access")

MAX_BATCH = limits.BATCH_ITEMS
HTTP_TITLES_ZH = {400: "请求无效", 404: "没有该资源", 405: "不支持该请求方法", 406: "不支持请求的格式", 415: "不支持该内容类型"}
INLINE_REVIEW_BYTES = 64 * 1024  # packages up to this size (a real one is ~10 KB) are reviewed in the event loop, in a
# few ms; larger ones in a thread, so that no request waits behind them
RATE_PER_SECOND, RATE_BURST = 20.0, 40
PROBLEM = "application/problem+json"
# what a government intranet expects of every response: no framing, no inline script, no referrer to other sites
# (bodylimit.SECURITY_HEADERS); /docs is a page of our own without script, so the same policy serves it
_ID_NUMBER = re.compile(r"\b\d{17}[\dXx]\b|\b[0-9A-HJ-NPQRTUWXY]{18}\b")


def configure_access_log(path: Optional[str] = None) -> None:
    """Write the access log (one JSON object per line) to ``path`` or stderr — once, whoever starts the app."""
    if access_log.handlers:
        return
    handler = logging.FileHandler(path, encoding="utf-8") if path else logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False


def mask(text: str) -> str:
    """ID card numbers and credit codes never reach a log line whole."""
    return _ID_NUMBER.sub(lambda m: m.group(0)[:4] + "*" * 10 + m.group(0)[-4:], text)


PROBLEM_SCHEMA = {
    "type": "object", "required": ["title", "status"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "errors": {"type": "array", "items": {"type": "object", "properties": {
                       "pointer": {"type": "string"}, "detail_zh": {"type": "string"}, "detail_en": {"type": "string"}}}}},
    "example": {"type": "about:blank", "title": "案卷包无效 / invalid case package", "status": 422,
                "errors": [{"pointer": "/violation/occurred_on", "detail_zh": "日期不存在", "detail_en": "no such calendar date"}]},
}
ERRORS = {code: {"description": text, "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}}
          for code, text in ((400, "请求体不是有效的 JSON"), (401, "需要有效的 API 令牌"), (403, "角色无权执行"), (404, "不存在或无权查看"), (405, "不支持该方法"),
                             (413, "请求体过大"), (422, "请求或案卷包无效，逐项列出 JSON 路径"), (429, "请求过于频繁"),
                             (500, "内部错误"))}
OPINION_TYPES = {"text/html": {}, "text/markdown": {},
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}}


class ApiError(Exception):
    def __init__(self, status: int, title_zh: str, title_en: str, errors: Optional[list] = None, headers=None):
        self.status, self.title, self.errors, self.headers = status, f"{title_zh} / {title_en}", errors or [], headers


class SafeJSONResponse(JSONResponse):
    """JSON whose text from packages cannot act on a terminal or a log viewer: C1 controls, bidi marks and line
    separators are written as \\uXXXX escapes (the same JSON value)."""

    def render(self, content) -> bytes:
        from review_assistant.outputs.textview import _CONTROL

        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return _CONTROL.sub(lambda m: "\\u%04x" % ord(m.group(0)), text).encode("utf-8")


JSONResponse = SafeJSONResponse  # noqa: F811 — every JSON answer of the service


def _docs_page(spec: dict) -> str:
    """Render the OpenAPI document as the /docs page (templates/api_docs.html.j2)."""
    import jinja2
    from importlib import resources

    groups: dict[str, list] = {}
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = ((op.get("requestBody") or {}).get("content") or {})
            ref = next((c.get("schema", {}).get("$ref", "") for c in body.values()), "")
            groups.setdefault((op.get("tags") or ["其他"])[0], []).append({
                "id": op.get("operationId", path), "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "params": [{"name": p["name"], "where": {"path": "路径", "query": "查询", "header": "请求头"}.get(p["in"], p["in"]),
                            "required": p.get("required", False), "description": p.get("description", "")}
                           for p in op.get("parameters", [])],
                "body": ref.rsplit("/", 1)[-1] if ref else ("JSON" if body else ""),
                "responses": [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]})
    from pathlib import Path

    folder = Path(str(resources.files("review_assistant") / "templates"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True)
    info = spec.get("info", {})
    return env.get_template("api_docs.html.j2").render(
        title=info.get("title", ""), description=info.get("description", ""), version=info.get("version", ""),
        openapi=spec.get("openapi", ""), groups=sorted(groups.items()))


def problem(status: int, title: str, errors: Optional[list] = None, headers=None) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": title, "status": status, "errors": errors or []},
                        status_code=status, media_type=PROBLEM, headers=headers)


class Caller(BaseModel):
    token_id: str
    role: str
    name: str


class ReviewerDecision(BaseModel):
    """A reviewer's decision on one finding (rule id + place) — or a finding of the reviewer's own."""
    action: Literal["accept", "dismiss", "add"]
    reason: str = Field("", max_length=2000, description="required to dismiss a finding or add one; optional to accept")
    rule_id: Optional[str] = Field(None, description="accept/dismiss: the finding's rule id")
    where: Optional[str] = Field(None, description="accept/dismiss: the finding's JSON pointer")
    finding: Optional[Finding] = Field(None, description="add: the reviewer's own finding (rule_id e.g. MANUAL-1)")

    @model_validator(mode="after")
    def _reason_where_needed(self):
        if self.action in ("dismiss", "add") and not self.reason.strip():
            raise ValueError("reason: 不采纳或增加问题须写明理由 / a reason is required to dismiss or add")
        return self

    @model_validator(mode="after")
    def _storable_text(self):
        """Every text must be storable and printable: no NUL, no lone surrogate (422 naming the field, never a 500)."""
        for where, text in _texts(self.model_dump()):
            if "\x00" in text:
                raise ValueError(f"{where}: 含有 NUL 控制字符 / contains a NUL character")
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{where}: 含有无效的 Unicode 字符（孤立代理项） / invalid Unicode (lone surrogate)") from None
        return self


def _texts(node, where=""):
    if isinstance(node, str):
        yield where or "/", node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, f"{where}/{i}")


def body_limit(method: str, path: str, package: int = limits.PACKAGE_BYTES) -> int:
    """The byte limit of a request body, by route: one package, a batch, a web form, or anything else (small)."""
    if method != "POST":
        return limits.SMALL_BYTES
    if path == "/v1/reviews":
        return package
    if path == "/v1/reviews:batch":
        return max(package, limits.REQUEST_BYTES) if package == limits.PACKAGE_BYTES else package
    if path in ("/ui/reviews", "/ui/teaching/new"):
        return limits.FORM_BYTES if package == limits.PACKAGE_BYTES else package
    return limits.SMALL_BYTES


def create_app(store: Optional[RecordStore] = None, dev_mode: bool = False, rate: float = RATE_PER_SECOND,
               burst: int = RATE_BURST, max_body: int = limits.PACKAGE_BYTES) -> FastAPI:
    store = store or RecordStore()
    reviewer = get_reviewer()  # rules, catalogs, engine: once, at start
    reviewer.catalogs.warm()  # and jieba's dictionary
    app = FastAPI(title="review-assistant 法制审核辅助 API", version=__version__, responses=ERRORS,
                  default_response_class=SafeJSONResponse, docs_url=None, redoc_url=None,
                  description="案卷包审查、审查记录（哈希链，不可删改）与法制审核意见书。错误以 application/problem+json 返回，"
                              "逐项给出 JSON 路径与中英文说明。")
    app.state.store, app.state.reviewer, app.state.dev_mode = store, reviewer, dev_mode
    if dev_mode:
        log.warning("!!! 开发模式：未启用身份认证，任何请求均以管理员身份执行 / DEVELOPMENT MODE: NO AUTHENTICATION !!!")

    # --- errors, limits, logging ------------------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(_, err: ApiError):
        return problem(err.status, err.title, err.errors, err.headers)

    @app.exception_handler(RecordError)
    async def _record_error(_, err: RecordError):
        return problem(422, f"{err.zh} / {err.en}", [{"pointer": "/", "detail_zh": err.zh, "detail_en": err.en}])

    @app.exception_handler(Tampered)
    async def _tampered(request: Request, err: Tampered):
        log.error("record tampered: %s", err)
        title = f"审查记录与其哈希不符，拒绝提供：{err.zh}（第 {err.seq} 条） / record does not match its hash: {err.en}"
        if request.url.path.startswith("/ui/"):
            return HTMLResponse("<!DOCTYPE html><html lang=zh-CN><meta charset=utf-8><title>审查记录被修改</title>"
                                f"<main style='font-family:sans-serif;max-width:640px;margin:40px auto'><p role=alert>{title}</p>"
                                "<p>请联系管理员运行 review-assistant records verify。</p></main>", status_code=409)
        return problem(409, title, [{"pointer": "/", "detail_zh": err.zh, "detail_en": err.en}])

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_, err: StarletteHTTPException):
        # Starlette's own answers (no such route, method not allowed) are English: said in Chinese too
        detail = str(err.detail)
        zh = HTTP_TITLES_ZH.get(err.status_code)
        title = f"{zh} / {detail}" if zh and "/" not in detail else detail
        return problem(err.status_code, title, [], getattr(err, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_, err: RequestValidationError):
        return problem(422, "请求无效 / invalid request",
                       [{"pointer": "/" + "/".join(str(p) for p in e["loc"][1:]), "detail_zh": "取值无效",
                         "detail_en": e["msg"]} for e in err.errors()])

    # access log and the headers every answer carries (plain ASGI: see accesslog.py)
    app.add_middleware(HeadersAndLog, headers=SECURITY_HEADERS, access_log=access_log, mask=mask, problem=problem,
                       dev_mode=dev_mode)

    # outermost: the body cap, its timeouts and the anonymous refusal come before everything else (logging included)
    app.add_middleware(BodyLimit, limit_for=lambda method, path: body_limit(method, path, max_body),
                       needs_credential=anonymous_refusal(dev_mode, token_ok=lambda secret: store.token(secret) is not None,
                                                          session_ok=lambda sid: _session_alive(store, sid)))

    def _session_alive(store, sid):
        from review_assistant.service.web import (
            session_alive,  # web imports the service's pieces; imported late, as mount is
        )

        return session_alive(store, sid)

    async def caller(request: Request, authorization: Optional[str] = Header(None)) -> Caller:
        # async: a token look-up and an in-memory lease are shorter than the hop to a pool thread a sync dependency costs
        if dev_mode:
            who = Caller(token_id="dev", role="admin", name="development")
        else:
            if not authorization or not authorization.lower().startswith("bearer "):
                raise ApiError(401, "需要 API 令牌", "bearer token required", headers={"WWW-Authenticate": "Bearer"})
            row = store.token(authorization[7:].strip())
            if row is None:
                raise ApiError(401, "令牌无效", "invalid token", headers={"WWW-Authenticate": "Bearer"})
            who = Caller(token_id=row["token_id"], role=row["role"], name=row["name"])
        request.state.token_id = who.token_id
        charge(who, 1)
        return who

    def charge(who: Caller, cost: int) -> None:
        """The token's budget, shared by all workers through the record database; a batch costs one per package."""
        if not store.spend(who.token_id, cost, rate, max(burst, MAX_BATCH)):  # a full batch must fit the burst
            raise ApiError(429, "请求过于频繁", "rate limit exceeded", headers={"Retry-After": str(max(1, int(cost / rate)))})

    def need(who: Caller, action: str) -> None:
        if not allowed(who.role, action):
            raise ApiError(403, "无权执行该操作", f"role {who.role} may not do this")

    # --- reviews ----------------------------------------------------------------------------------------
    def _review(raw: Any, who: Caller) -> Report:
        report, body, stored = _review_and_record(raw, who)
        stored.result()
        return report

    def _review_and_record(raw: Any, who: Caller):
        """Review and queue the record entry: (report, its JSON form — dumped once, stored and answered, the future of
        the durable write). The caller answers only once that future is done."""
        try:
            package = parse_package(raw)
            report = reviewer.review(package)
        except InputError as err:  # 413 for a package over the one per-package limit, 422 for the rest
            raise ApiError(err.status, "案卷包过大" if err.status == 413 else "案卷包无效",
                           "package too large" if err.status == 413 else "invalid case package",
                           [{"pointer": p.where or "/", "detail_zh": p.zh, "detail_en": p.en} for p in err.problems])
        text = package.model_dump_json(exclude_none=True)
        body = report.model_dump(mode="json")
        stored = store.append_later("review", report.review_id, report.case_id, who.token_id, sha256(text),
                                    body, report.versions.model_dump(), package_text=text)
        return report, body, stored

    @app.post("/v1/reviews", status_code=201, tags=["reviews"], summary="审查一个案卷包",
              responses={201: {"description": "审查报告 v1（另含 links，以及按需返回的 opinion）", "content": {
                  "application/json": {"example": {
                      "schema_version": "1", "review_id": "9f1c2d3e-…", "case_id": "长市监处〔2025〕0032号",
                      "conclusion": "reject", "conclusion_label": "不同意",
                      "major": {"is_major": False, "entries": [], "reason": "未达到适用目录清单的标准"},
                      "findings": [{"rule_id": "CRI-001", "item": "criminal_referral", "severity": "blocking",
                                    "title": "达到刑事立案追诉标准而未移送", "message": "销售金额68,000元，达到……",
                                    "basis": "《中华人民共和国行政处罚法》第二十七条第一款",
                                    "where": "/violation/amounts/sales_amount", "suggestion": "依法移送公安机关",
                                    "gap": False}],
                      "links": {"self": "/v1/reviews/9f1c2d3e-…", "opinion_docx": "/v1/reviews/9f1c2d3e-…/opinion?format=docx"}}}}}},
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/CasePackage"},
                  "example": {"schema_version": "1", "case_id": "长市监处〔2025〕0107号", "procedure": "ordinary"}}}}})
    async def create_review(request: Request, who: Caller = Depends(caller),
                            include_opinion: Optional[Literal["html", "md"]] = Query(None, description="同时返回意见书文本")):
        need(who, "submit")
        body = await request.body()
        # in the event loop, not a thread: a review is CPU work under one GIL, and handing it to a pool thread and back
        # cost more than the review (two GIL hand-offs per request, half the server's time under load). The loop
        # waits for the durable write without blocking: the writer thread commits and fsyncs.
        if len(body) > INLINE_REVIEW_BYTES:
            # a large package may take a second or more: in a thread, so that the loop keeps answering (the GIL is
            # handed back every few milliseconds) — /healthz and the other requests do not wait behind it
            report, data, stored = await _in_thread(_review_and_record, body, who)
        else:
            report, data, stored = _review_and_record(body, who)
        await asyncio.wrap_future(stored)
        data = {**data, "links": _links(report.review_id)}
        if include_opinion:
            data["opinion"] = _opinion_text(report.review_id, include_opinion)
        return JSONResponse(data, status_code=201, headers={"X-Review-Id": report.review_id,
                                                              "Location": f"/v1/reviews/{report.review_id}"})

    @app.post("/v1/reviews:batch", tags=["reviews"], summary=f"批量审查（至多 {MAX_BATCH} 个案卷包）",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                  # each item is checked as a CasePackage on its own (an invalid one is that item's 422, not the batch's)
                  "type": "array", "maxItems": MAX_BATCH, "items": {"type": "object"}}}}}})
    async def batch(request: Request, who: Caller = Depends(caller)):
        need(who, "submit")
        # each item is read from its own text, as a single submission is: duplicate keys, NUL, an unpaired surrogate,
        # its own size limit — every error named inside that item, the other items still reviewed
        try:
            items = split_batch(await request.body(), MAX_BATCH)
        except InputError as err:
            raise ApiError(422, "批量请求无效", "invalid batch",
                           [{"pointer": p.where or "/", "detail_zh": p.zh, "detail_en": p.en} for p in err.problems])
        if len(items) > 1:
            charge(who, len(items) - 1)  # the request itself paid for one review
        results = []
        for i, raw in enumerate(items):
            try:
                size = len(raw.encode("utf-8", "surrogatepass"))
                if size > max_body:
                    raise ApiError(413, "案卷包过大", "package too large", [
                        {"pointer": "/", "detail_zh": f"案卷包过大（{size} 字节，上限 {max_body} 字节）",
                         "detail_en": f"package too large ({size} bytes, limit {max_body})"}])
                report = await _in_thread(_review, raw, who)
                results.append({"index": i, "status": 201, "review_id": report.review_id,
                                "conclusion": report.conclusion, "report": report.model_dump(mode="json")})
            except ApiError as err:
                results.append({"index": i, "status": err.status, "errors": err.errors})
            except Exception:  # noqa: BLE001 — one item's internal failure does not lose the others (logged)
                log.exception("batch item %s failed", i)
                results.append({"index": i, "status": 500, "errors": [
                    {"pointer": "/", "detail_zh": "审查失败（内部错误，请报告）", "detail_en": "internal error"}]})
        return {"results": results}

    def _owned(review_id: str, who: Caller) -> list[dict]:
        rows = store.entries_for(review_id)
        if not rows or rows[0]["kind"] != "review":
            raise ApiError(404, "没有该审查记录", "no such review")
        if not allowed(who.role, "read_reviews"):
            raise ApiError(403, "无权查看审查记录", f"role {who.role} may not read reviews")
        if not sees_all_reviews(who.role) and rows[0]["token_id"] != who.token_id:
            raise ApiError(404, "没有该审查记录", "no such review")  # not even its existence is revealed
        return rows

    @app.get("/v1/reviews/{review_id}", tags=["reviews"], summary="审查报告（含审核人员的决定）")
    async def get_review(review_id: str, who: Caller = Depends(caller)):  # an indexed read and hashes: in the loop
        rows = _owned(review_id, who)
        report, decisions = _final(rows)
        # a JSONResponse of plain JSON values: FastAPI's generic encoder walked every finding again (a tenth of the
        # server's time under load)
        return JSONResponse({**report.model_dump(mode="json"), "decisions": decisions, "links": _links(review_id),
                             "record": {"seq": rows[0]["seq"], "entry_hash": rows[0]["entry_hash"]}})

    @app.get("/v1/reviews/{review_id}/opinion", tags=["reviews"], summary="法制审核意见书（DOCX、HTML 或 Markdown）",
             responses={200: {"description": "意见书", "content": OPINION_TYPES}})
    def get_opinion(review_id: str, who: Caller = Depends(caller),
                    format: Optional[Literal["docx", "html", "md"]] = Query(None),
                    accept: Optional[str] = Header(None)):
        _owned(review_id, who)
        fmt = format or ("docx" if accept and "wordprocessingml" in accept else "md" if accept and "markdown" in accept
                         else "html")
        if fmt == "docx":
            data = _opinion_bytes(review_id, "docx")
            return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            headers={"Content-Disposition": f'attachment; filename="opinion-{review_id}.docx"'})
        return Response(_opinion_text(review_id, fmt), media_type="text/html; charset=utf-8" if fmt == "html"
                        else "text/markdown; charset=utf-8")

    @app.get("/v1/reviews/{review_id}/publicity", tags=["reviews"],
             summary="公示版本：信息摘要、隐去个人信息的决定书、公示记录、期限（part=reviewer 为不公开的核对清单）",
             responses={200: {"description": "JSON（全部）、公示文本（html、md、docx）、公示记录（csv）或核对清单",
                              "content": {**OPINION_TYPES, "text/csv": {}}}})
    def get_publicity(review_id: str, who: Caller = Depends(caller),
                      format: Literal["json", "html", "md", "docx", "csv"] = Query("json"),
                      part: Literal["public", "reviewer"] = Query("public")):
        _owned(review_id, who)
        from review_assistant.outputs.publicity import public_document, record_csv, reviewer_sheet

        pub = _publicity(review_id)
        if format == "json":
            return pub.as_dict()
        if format == "csv":
            return Response(record_csv([pub.record], pub.columns), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="publicity-{review_id}.csv"'})
        if part == "reviewer":
            if format == "docx":
                raise ApiError(422, "核对清单只提供 html 或 md 格式", "the reviewer sheet is html or md only")
            return Response(reviewer_sheet(pub, format), media_type="text/html; charset=utf-8" if format == "html"
                            else "text/markdown; charset=utf-8")
        data = public_document(pub, format)
        if format == "docx":
            return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            headers={"Content-Disposition": f'attachment; filename="publicity-{review_id}.docx"'})
        return Response(data, media_type="text/html; charset=utf-8" if format == "html" else "text/markdown; charset=utf-8")

    @app.post("/v1/reviews/{review_id}/decisions", status_code=201, tags=["reviews"],
              summary="审核人员对一项问题的决定（采纳、不采纳并说明理由，或增加问题）")
    def decide(review_id: str, decision: ReviewerDecision, who: Caller = Depends(caller)):
        return _decide(review_id, decision, who)

    def _decide(review_id: str, decision: ReviewerDecision, who: Caller) -> dict:
        need(who, "decide")
        rows = _owned(review_id, who)
        report = Report.model_validate_json(rows[0]["body"])
        if decision.action in ("accept", "dismiss"):
            if not any(f.rule_id == decision.rule_id and f.where == decision.where for f in report.findings):
                raise ApiError(422, "报告中没有该问题", "no such finding",
                               [{"pointer": "/rule_id", "detail_zh": "rule_id 与 where 须指向报告中的一项问题",
                                 "detail_en": "rule_id and where must name a finding of the report"}])
        elif decision.finding is None:
            raise ApiError(422, "增加问题须提供 finding", "add needs a finding",
                           [{"pointer": "/finding", "detail_zh": "缺少必填字段", "detail_en": "Field required"}])
        body = {**decision.model_dump(mode="json"), "decided_by": who.name}  # who decided, by the token's name
        row = store.append("decision", review_id, rows[0]["case_id"], who.token_id, rows[0]["package_hash"],
                           body, report.versions.model_dump())
        return {"seq": row["seq"], "entry_hash": row["entry_hash"]}

    @app.get("/v1/cases/{case_id:path}/reviews", tags=["reviews"], summary="一个案件的历次送审：已纠正和新出现的问题")
    def case_history(case_id: str, who: Caller = Depends(caller)):
        return {"case_id": case_id, "reviews": _history(case_id, who)}

    def _history(case_id: str, who: Caller) -> list[dict]:
        need(who, "history")
        rows = [r for r in store.reviews_of_case(case_id) if sees_all_reviews(who.role) or r["token_id"] == who.token_id]
        history, previous = [], None
        for r in rows:
            report = Report.model_validate_json(r["body"])
            keys = {(f.rule_id, f.where): f for f in report.findings}
            entry = {"review_id": report.review_id, "reviewed_at": r["created_at"], "conclusion": report.conclusion,
                     "findings": len(report.findings)}
            if previous is not None:
                entry["fixed"] = [f"{k[0]} {k[1]}" for k in previous if k not in keys]
                entry["new"] = [f"{k[0]} {k[1]}" for k in keys if k not in previous]
            history.append(entry)
            previous = keys
        return history

    # --- rules, catalogs, schema, health --------------------------------------------------------------------
    @app.get("/v1/rules", tags=["rules"], summary="规则列表及元数据")
    def rules(who: Caller = Depends(caller), item: Optional[str] = Query(None, description="审核事项，如 officer")):
        return [r.metadata() for r in reviewer.rulebook.rules if not item or r.item == item]

    @app.get("/v1/rules/{rule_id}", tags=["rules"], summary="规则元数据与教学卡片")
    def rule(rule_id: str, who: Caller = Depends(caller)):
        from review_assistant.outputs.teaching import card

        r = reviewer.rulebook.get(rule_id.upper())
        if r is None:
            raise ApiError(404, "没有该规则", "no such rule")
        return {**r.metadata(), "card": card(r, reviewer)}

    @app.get("/v1/catalogs", tags=["catalogs"], summary="已载入的目录数据及版本")
    def catalogs(who: Caller = Depends(caller)):
        c = app.state.reviewer.catalogs
        return {"versions": app.state.reviewer.versions.catalogs,
                "counts": {"laws": len(c.laws), "agencies": len(c.agencies), "officers": len(c.officers),
                           "major_decisions": len(c.major_entries), "referral": len(c.referral),
                           "hearing_thresholds": len(c.hearing_thresholds), "discretion": len(c.discretion)}}

    @app.post("/v1/tokens", status_code=201, tags=["admin"], summary="创建 API 令牌（只显示一次）")
    def new_token(role: Literal["case_system", "reviewer", "trainer", "admin"] = Body(..., embed=True),
                  name: str = Body(..., embed=True, min_length=1, max_length=200), who: Caller = Depends(caller)):
        need(who, "manage")
        if dev_mode:
            raise ApiError(403, "开发模式不签发令牌", "no tokens are issued in development mode")
        token_id, secret = store.create_token(role, name)
        return {"token_id": token_id, "role": role, "name": name, "secret": secret}

    @app.get("/v1/schema/case-package", tags=["schema"], summary="案卷包 v1 的 JSON Schema")
    def schema():
        return CasePackage.model_json_schema()

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs():
        """The API reference as one self-contained page (no script, nothing from a CDN): an intranet reads it offline."""
        return HTMLResponse(_docs_page(app.openapi()))

    @app.get("/", include_in_schema=False)
    def root():
        return RedirectResponse("/ui/", status_code=307)

    @app.get("/healthz", tags=["health"])
    def healthz():
        return {"status": "ok", "version": __version__}

    @app.get("/readyz", tags=["health"])
    def readyz():
        store.count()
        return {"status": "ready", "rules": app.state.reviewer.versions.rules, "records": store.count()}

    def openapi():
        """The generated document, plus the case-package schema the review endpoint takes as its body."""
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            package = CasePackage.model_json_schema(ref_template="#/components/schemas/{model}")
            components = spec.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in package.pop("$defs", {}).items():
                if name in components and components[name] != schema:  # one name, two meanings: never overwrite
                    raise RuntimeError(f"OpenAPI schema name collision: {name}")
                components[name] = schema
            components["CasePackage"] = package
            _no_nul_in_urls(spec)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi

    from types import SimpleNamespace

    from review_assistant.service.web import mount

    mount(app, SimpleNamespace(
        store=store, dev_mode=dev_mode, Caller=Caller, ApiError=ApiError, review=_review, owned=_owned,
        final=lambda rows: _final(rows), report_of=lambda rows: Report.model_validate_json(rows[0]["body"]),
        opinion_bytes=lambda rid, fmt: _opinion_bytes(rid, fmt), history=_history, publicity=lambda rid: _publicity(rid),
        decide=lambda rid, who, d: _decide(rid, ReviewerDecision.model_validate(d), who),
        reviewer=lambda: app.state.reviewer, rule=lambda rid: app.state.reviewer.rulebook.get(rid)))

    # --- helpers --------------------------------------------------------------------------------------------
    def _decider(row: dict) -> str:
        """The name of who decided: written with the decision (since v1.1), else the token's name."""
        written = json.loads(row["body"]).get("decided_by") if row["body"].lstrip().startswith("{") else None
        if written:
            return str(written)
        token = store.token_by_id(row["token_id"])
        return token["name"] if token else row["token_id"]

    def _final(rows: list[dict]) -> tuple[Report, list[dict]]:
        """The report with the reviewers' decisions applied: dismissed findings out, their own findings in."""
        try:
            report = Report.model_validate_json(rows[0]["body"])
            decisions = [ReviewerDecision.model_validate_json(r["body"]).model_dump(mode="json")
                         | {"seq": r["seq"], "at": r["created_at"], "by": r["token_id"],
                            "decided_by": _decider(r)}
                         for r in rows[1:] if r["kind"] == "decision"]
        except ValueError:  # a body that is not what we wrote (hashes recomputed without the key): named, not a 500
            raise Tampered(rows[0]["seq"], rows[0]["review_id"], "审查记录内容不是本工具写入的格式", "record body malformed") from None
        latest = {}
        for d in decisions:
            if d["action"] in ("accept", "dismiss"):
                latest[(d["rule_id"], d["where"])] = d["action"]
        findings = [f for f in report.findings if latest.get((f.rule_id, f.where)) != "dismiss"]
        findings += [Finding.model_validate(d["finding"]) for d in decisions if d["action"] == "add"]
        if decisions:
            conclusion = _conclusion(findings)
            report = report.model_copy(update={"findings": findings, "checklist": _checklist(findings),
                                               "conclusion": conclusion, "conclusion_label": CONCLUSIONS[conclusion]})
        return report, decisions

    def _package(review_id: str) -> CasePackage:
        return CasePackage.model_validate_json(store.package(review_id))

    def _publicity(review_id: str):
        from review_assistant.outputs.publicity import build

        report = Report.model_validate_json(store.entries_for(review_id)[0]["body"])
        return build(_package(review_id), reviewer.catalogs, report.as_of)

    def _opinion_text(review_id: str, fmt: str) -> str:
        return _opinion_bytes(review_id, fmt).decode("utf-8")

    def _opinion_bytes(review_id: str, fmt: str) -> bytes:
        import tempfile
        from pathlib import Path

        from review_assistant.outputs.opinion import render

        report, _ = _final(store.entries_for(review_id))
        with tempfile.TemporaryDirectory() as tmp:
            return render(report, _package(review_id), Path(tmp) / f"opinion.{fmt}").read_bytes()

    return app


def _no_nul_in_urls(spec: dict) -> None:
    """Every string in a path or query says what HeadersAndLog enforces: no NUL (refused with 400 before routing)."""
    for methods in spec.get("paths", {}).values():
        for op in methods.values():
            for param in op.get("parameters", ()) if isinstance(op, dict) else ():
                schemas = [param.get("schema", {})] + list(param.get("schema", {}).get("anyOf", ()))
                for schema in schemas:
                    if schema.get("type") == "string" and "enum" not in schema and "pattern" not in schema:
                        schema["pattern"] = "^[^\\u0000]*$"


def _links(review_id: str) -> dict:
    base = f"/v1/reviews/{review_id}"
    return {"self": base, "opinion_docx": f"{base}/opinion?format=docx", "opinion_html": f"{base}/opinion?format=html",
            "publicity": f"{base}/publicity", "decisions": f"{base}/decisions"}


async def _in_thread(fn, *args):
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)
