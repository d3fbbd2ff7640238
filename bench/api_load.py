"""Load on the check API over loopback: 1 and 2 uvicorn workers, concurrent clients, a mix of submissions
(POST /v1/reviews, each a hash-chained record write) and reads (GET /v1/reviews/{id}).

    python bench/api_load.py [--requests 20000] [--clients 8] [--workers 1 2]

Prints requests/s, p50/p99 latency, errors, and the server's resident memory (all worker processes) after a
warm-up and after the run. Runs against a fresh SQLite record in a temporary folder; traffic stays on 127.0.0.1.
"""
from __future__ import annotations

import argparse
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402
from tests.api_process import start_api  # noqa: E402


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the uvicorn workers), in MB."""
    total, pids = 0, [pid]
    pids += [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def run(workers: int, total: int, clients: int, corpus: list[bytes]) -> dict:
    db = Path(tempfile.mkdtemp(prefix="ra-load-")) / "records.sqlite3"
    proc, base = start_api({"REVIEW_ASSISTANT_DB": f"sqlite:///{db}", "REVIEW_ASSISTANT_INSECURE_DEV": "no-authentication-on-loopback",
                            "REVIEW_ASSISTANT_RATE": "1000000"}, workers=workers, wait_s=60)
    ids: list[str] = []
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total + 200))

    def client(seed: int):
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as http:
            for n in counter:
                start = time.perf_counter()
                try:
                    if ids and rng.random() < 0.5:
                        r = http.get(f"/v1/reviews/{rng.choice(ids)}")
                        ok = r.status_code == 200
                    else:
                        r = http.post("/v1/reviews", content=corpus[n % len(corpus)])
                        ok = r.status_code == 201
                        if ok:
                            with lock:
                                ids.append(r.json()["review_id"])
                except httpx.HTTPError:
                    ok = False
                with lock:
                    if n >= 200:  # the first 200 warm up
                        lat.append(time.perf_counter() - start)
                        errors[0] += not ok

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    while len(lat) == 0 and any(t.is_alive() for t in threads):
        time.sleep(0.05)
    before = rss_mb(proc.pid)
    t_measure = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t_measure
    after = rss_mb(proc.pid)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    lat.sort()
    return {"workers": workers, "requests": len(lat), "rps": len(lat) / elapsed,
            "p50_ms": statistics.median(lat) * 1000, "p99_ms": lat[int(len(lat) * 0.99) - 1] * 1000,
            "errors": errors[0], "rss_before_mb": before, "rss_after_mb": after, "wall_s": time.perf_counter() - started}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    corpus = generate(500)
    print(f"{args.requests} requests per run (half submissions, half reads), {args.clients} concurrent clients, loopback")
    print(f"{'workers':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'RSS before':>11} {'RSS after':>10}")
    for w in args.workers:
        r = run(w, args.requests, args.clients, corpus)
        print(f"{r['workers']:>7} {r['rps']:>8.0f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['errors']:>7} "
              f"{r['rss_before_mb']:>9.0f}MB {r['rss_after_mb']:>8.0f}MB")


if __name__ == "__main__":
    main()
