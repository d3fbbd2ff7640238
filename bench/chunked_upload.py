"""A chunked body far over the limit, sent without Content-Length and without a token, to the live API
(``uvicorn api:app`` in a child process): the server answers 413 and its resident memory stays within a bound.

    python bench/chunked_upload.py [--mib 300] [--bound-mib 60]

Prints the server's RSS before and after, the growth, the status, and whether the growth is within the bound
(the cap is limits.REQUEST_BYTES, 20 MiB; the bound allows for it and the interpreter's own noise).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.api_load import rss_mb  # noqa: E402
from tests.api_process import start_api  # noqa: E402


def body(total: int, chunk: int = 1 << 20):
    sent = 0
    while sent < total:
        n = min(chunk, total - sent)
        sent += n
        yield b" " * n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mib", type=int, default=300)
    ap.add_argument("--bound-mib", type=float, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_api({"REVIEW_ASSISTANT_DB": f"sqlite:///{tmp}/r.sqlite3"})
        try:
            time.sleep(0.5)
            before = rss_mb(proc.pid)
            statuses = []
            for path in ("/v1/reviews:batch", "/v1/reviews", "/ui/reviews"):
                try:
                    r = httpx.post(base + path, content=body(args.mib << 20), timeout=120)
                    statuses.append(r.status_code)
                except httpx.HTTPError as err:  # the server may close the connection after answering 413
                    statuses.append(type(err).__name__)
            after = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    grew = after - before
    print(f"sent {args.mib} MiB chunked ×3, statuses {statuses}; server RSS {before:.0f} → {after:.0f} MB "
          f"(+{grew:.0f} MB), bound {args.bound_mib:g} MB: {'within' if grew <= args.bound_mib else 'EXCEEDED'}")


if __name__ == "__main__":
    main()
