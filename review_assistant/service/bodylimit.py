"""Request bodies are read with a cap before anything else runs — authentication, routing, parsing — whether the
client sends a Content-Length or streams the body chunked. Past the route's limit the server answers 413 at once
and reads no further, so memory stays bounded by the limit whatever a client sends (issue: a chunked 300 MiB body
used to be read whole)."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Callable, Optional

access_log = logging.getLogger("review_assistant.access")
CHUNK_SECONDS, BODY_SECONDS = 20.0, 120.0
# the headers every answer carries, also the answers given here before the app runs (server.py adds them to the rest)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
_HEADER_PAIRS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

HTML_TOO_LARGE = ("<!DOCTYPE html><html lang=zh-CN><meta charset=utf-8><title>文件过大</title>"
                  "<main style='font-family:sans-serif;max-width:640px;margin:40px auto'>"
                  "<p role=alert>上传的内容过大（上限 {limit_mb} MB）。</p><p><a href='/ui/'>返回送审页面</a></p></main>")


class BodyLimit:
    """ASGI middleware, outermost. ``limit_for(method, path)`` gives the byte limit of a request; ``needs_credential``
    (method, path, headers) says whether a body may only be read from a client that shows a credential at all (an
    API token header, a session cookie): an anonymous client gets its 401 before a byte of its body is held."""

    def __init__(self, app, limit_for: Callable[[str, str], int],
                 needs_credential: Optional[Callable[[str, str, dict], Optional[bytes]]] = None):
        self.app, self.limit_for, self.needs_credential = app, limit_for, needs_credential

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["method"], scope["path"])
        headers = dict(scope.get("headers") or ())
        # the credential is checked (a database look-up, off the event loop) before a byte of the body is held
        refusal = (await asyncio.to_thread(self.needs_credential, scope["method"], scope["path"], headers)
                   if self.needs_credential else None)
        if refusal is not None:
            return await self._answer(scope, send, 401, refusal)
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await self._too_large(scope, send, limit)
        body, more, started = bytearray(), True, time.monotonic()
        while more:
            left = BODY_SECONDS - (time.monotonic() - started)
            try:
                message = await asyncio.wait_for(receive(), timeout=max(0.001, min(CHUNK_SECONDS, left)))
            except asyncio.TimeoutError:
                return await self._answer(scope, send, 408, _problem(408, "读取请求体超时 / request body timed out"))
            if message["type"] == "http.disconnect":
                access_log.info(json.dumps({"method": scope["method"], "path": scope["path"], "status": 499,
                                            "note": "client disconnected before sending the body"}))
                return
            body += message.get("body", b"")
            if len(body) > limit:
                return await self._too_large(scope, send, limit)
            more = message.get("more_body", False)
        pending = [{"type": "http.request", "body": bytes(body), "more_body": False}]

        async def replay():
            return pending.pop() if pending else await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _answer(scope, send, status: int, body: bytes, ctype: bytes = b"application/problem+json"):
        access_log.info(json.dumps({"method": scope["method"], "path": scope["path"], "status": status}))
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *_HEADER_PAIRS]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _too_large(scope, send, limit: int):
        if scope["path"].startswith("/ui/"):
            body = HTML_TOO_LARGE.format(limit_mb=round(limit / 1024 / 1024, 1)).encode("utf-8")
            ctype = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"type": "about:blank", "title": f"请求体过大（上限 {limit} 字节） / body too large",
                               "status": 413, "errors": [{"pointer": "/", "detail_zh": f"请求体超过 {limit} 字节",
                                                          "detail_en": f"body exceeds {limit} bytes"}]},
                              ensure_ascii=False).encode("utf-8")
            ctype = b"application/problem+json"
        await BodyLimit._answer(scope, send, 413, body, ctype)


def _problem(status: int, title: str) -> bytes:
    return json.dumps({"type": "about:blank", "title": title, "status": status, "errors": []},
                      ensure_ascii=False).encode("utf-8")


def anonymous_refusal(dev_mode: bool, token_ok: Optional[Callable[[str], bool]] = None,
                      session_ok: Optional[Callable[[str], bool]] = None):
    """``needs_credential`` for the service: API posts need a valid bearer token, workspace posts (but sign-in) a
    live session — checked before the body is read, so a client with a made-up credential holds no memory either.
    The routes check roles and rights as before."""
    def check(method: str, path: str, headers: dict) -> Optional[bytes]:
        if dev_mode or method != "POST":
            return None
        if path.startswith("/v1/"):
            auth = headers.get(b"authorization", b"").decode("latin-1")
            secret = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
            if not secret or (token_ok is not None and not token_ok(secret)):
                return _problem(401, "需要有效的 API 令牌 / a valid bearer token is required")
        if path.startswith("/ui/") and path != "/ui/login":
            sid = _cookie(headers.get(b"cookie", b""), "ra_session")
            if not sid or (session_ok is not None and not session_ok(sid)):
                return _problem(401, "请先登录 / sign in first")
        return None
    return check


def _cookie(header: bytes, name: str) -> Optional[str]:
    for part in header.decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
