"""HTTP entry point for case systems (minimal for now; the full check API is its own issue).

    uvicorn api:app

POST /v1/reviews takes a case package and returns the report v1. Bad input is answered with
``application/problem+json`` naming each bad field, in Chinese and English — never a 500.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from review_assistant import InputError, __version__
from review_assistant.inputs import MAX_BYTES
from review_assistant.review import get_reviewer

app = FastAPI(title="review-assistant 法制审核辅助", version=__version__)
reviewer = get_reviewer()  # rules, catalogs and engine load once, at start


def _problem(status: int, title: str, errors: list[dict]) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": title, "status": status, "errors": errors},
                        status_code=status, media_type="application/problem+json")


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok", "rules": reviewer.versions.rules}


@app.post("/v1/reviews")
async def create_review(request: Request):
    body = await request.body()
    if len(body) > MAX_BYTES:
        return _problem(413, "案卷包过大 / package too large", [])
    try:
        report = reviewer.review(body)
    except InputError as err:
        return _problem(422, "案卷包无效 / invalid case package",
                        [{"pointer": p.where or "/", "detail_zh": p.zh, "detail_en": p.en} for p in err.problems])
    except Exception:  # noqa: BLE001 — logged with its traceback; the caller gets a problem document
        logging.getLogger("review_assistant.api").exception("review failed")
        return _problem(500, "审查失败（内部错误）/ review failed (internal error)", [])
    return JSONResponse(report.model_dump(mode="json"))
