"""The response headers every answer carries and the access log line, as plain ASGI around the app (Starlette's
``@app.middleware("http")`` wraps each response in a stream and a task: a tenth of the server's time under load).
A URL with NUL is refused here; an exception the app lets out becomes a problem document, never a bare 500."""
from __future__ import annotations

import json
import logging
import time
from typing import Callable

log = logging.getLogger("review_assistant.api")


class HeadersAndLog:
    def __init__(self, app, *, headers: dict[str, str], access_log: logging.Logger, mask: Callable[[str], str],
                 problem: Callable, dev_mode: bool = False):
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        if dev_mode:
            self.headers.append((b"x-review-assistant-mode", b"development-no-auth"))
        self.access_log, self.mask, self.problem = access_log, mask, problem

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        path, query = scope.get("path", ""), scope.get("query_string", b"")
        seen = {"status": None, "review_id": None}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or ())
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                seen["status"] = message["status"]
                seen["review_id"] = next((v.decode("latin-1") for k, v in headers if k.lower() == b"x-review-id"), None)
                message = {**message, "headers": headers}
            await send(message)

        raw = scope.get("raw_path") or b""
        if "\x00" in path or b"\x00" in query or b"%00" in query or b"%00" in raw or "%00" in path:
            response = self.problem(400, "请求地址含有 NUL 控制字符 / NUL character in the request URL",
                                    [{"pointer": "/", "detail_zh": "地址中不得含有 NUL（%00）", "detail_en": "no NUL (%00) in URLs"}])
            await response(scope, receive, send_with_headers)
            self._log(scope, path.replace("\x00", "\\0"), 400, started)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # noqa: BLE001 — logged with traceback, the caller gets a problem document
            log.exception("request failed")
            if seen["status"] is None:
                await self.problem(500, "内部错误 / internal error", [])(scope, receive, send_with_headers)
        self._log(scope, path, seen["status"], started, seen["review_id"])

    def _log(self, scope, path: str, status, started: float, review_id=None) -> None:
        self.access_log.info(json.dumps({
            "method": scope.get("method"), "path": self.mask(path), "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "token": (scope.get("state") or {}).get("token_id"), "review_id": review_id}, ensure_ascii=False))
