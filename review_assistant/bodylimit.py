"""Request bodies are read with a cap before anything else runs — authentication, routing, parsing — whether the
client sends a Content-Length or streams the body chunked. Past the route's limit the server answers 413 at once
and reads no further, so memory stays bounded by the limit whatever a client sends (issue: a chunked 300 MiB body
used to be read whole)."""
from __future__ import annotations

import json
from typing import Callable

HTML_TOO_LARGE = ("<!DOCTYPE html><html lang=zh-CN><meta charset=utf-8><title>文件过大</title>"
                  "<main style='font-family:sans-serif;max-width:640px;margin:40px auto'>"
                  "<p role=alert>上传的内容过大（上限 {limit_mb} MB）。</p><p><a href='/ui/'>返回送审页面</a></p></main>")


class BodyLimit:
    """ASGI middleware. ``limit_for(method, path)`` gives the byte limit of a request."""

    def __init__(self, app, limit_for: Callable[[str, str], int]):
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["method"], scope["path"])
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await self._too_large(scope, send, limit)
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
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
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
