"""Load on the check API over loopback: concurrent clients, half submissions (POST /v1/reviews, each a hash-chained,
durable record write) and half reads (GET /v1/reviews/{id}), against the in-process review rate measured first in the
same run (the floor of what the service can reach).

    python bench/api_load.py [--requests 6000] [--clients 32] [--setups sqlite:1 sqlite:2 postgres:2x1]

A setup is ``sqlite:W`` (one API process with W uvicorn workers, one SQLite record) or ``postgres:Nx1`` (N API processes
of one worker each on one PostgreSQL record — the multi-instance set-up; a throwaway cluster is started here; clients
spread over the instances). Prints submissions/s and its share of the in-process rate, p50/p99 of all requests and
p99 against the in-process median, errors, and the servers' resident memory. Traffic stays on 127.0.0.1.
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


def in_process(corpus: list[bytes]) -> tuple[float, float]:
    """(reviews/s, median seconds per review) of the review alone, same corpus, this process."""
    from review_assistant.engine.review import get_reviewer

    reviewer = get_reviewer()
    for raw in corpus[:50]:
        reviewer.review(raw)
    per = []
    start = time.perf_counter()
    for raw in corpus:
        s = time.perf_counter()
        reviewer.review(raw)
        per.append(time.perf_counter() - s)
    return len(corpus) / (time.perf_counter() - start), statistics.median(per)


def postgres():
    """A throwaway PostgreSQL cluster (as the record tests start one): (url, stop)."""
    import os
    import shutil

    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not bins:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    bindir = bins[-1].parent
    data = Path(tempfile.mkdtemp(prefix="ra-pg-"))
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    from tests.api_process import free_port

    port = free_port()
    subprocess.run(run_as + [str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-o", f"-p {port} -k {data} -h 127.0.0.1",
                             "-l", str(data / "log"), "-w", "start"], check=True, capture_output=True)  # -l: else the server holds the pipe

    def stop():
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"],
                       capture_output=True)
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop


def run(setup: str, total: int, clients: int, corpus: list[bytes]) -> dict:
    kind, _, shape = setup.partition(":")
    stop = None
    if kind == "sqlite":
        url, instances, workers = f"sqlite:///{Path(tempfile.mkdtemp(prefix='ra-load-')) / 'records.sqlite3'}", 1, int(shape or 1)
    else:
        url, stop = postgres()
        n, _, w = (shape or "2x1").partition("x")
        instances, workers = int(n), int(w or 1)
    env = {"REVIEW_ASSISTANT_DB": url, "REVIEW_ASSISTANT_INSECURE_DEV": "no-authentication-on-loopback",
           "REVIEW_ASSISTANT_RATE": "1000000"}
    servers = [start_api(env, workers=workers, wait_s=60) for _ in range(instances)]
    bases = [b for _, b in servers]
    ids: list[str] = []
    lat: list[float] = []
    posts = [0]
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total + 200))

    def client(seed: int):
        rng = random.Random(seed)
        with httpx.Client(base_url=bases[seed % len(bases)], timeout=60) as http:
            for n in counter:
                start = time.perf_counter()
                post = not ids or rng.random() >= 0.5
                try:
                    if not post:
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
                        posts[0] += post and ok

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    while len(lat) == 0 and any(t.is_alive() for t in threads):
        time.sleep(0.05)
    with lock:
        base_lat, base_posts = len(lat), posts[0]
    before = sum(rss_mb(p.pid) for p, _ in servers)
    t_measure = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t_measure
    after = sum(rss_mb(p.pid) for p, _ in servers)
    for proc, _ in servers:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    if stop:
        stop()
    lat.sort()
    return {"setup": setup, "requests": len(lat), "rps": (len(lat) - base_lat) / elapsed,
            "subs": (posts[0] - base_posts) / elapsed,
            "p50_ms": statistics.median(lat) * 1000, "p99_ms": lat[int(len(lat) * 0.99) - 1] * 1000,
            "errors": errors[0], "rss_before_mb": before, "rss_after_mb": after, "wall_s": time.perf_counter() - started}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=6000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--setups", nargs="+", default=["sqlite:1", "sqlite:2", "postgres:2x1"])
    args = ap.parse_args()
    corpus = generate(500)
    rate, median = in_process(corpus)
    print(f"in-process review: {rate:.0f} reviews/s, median {median * 1000:.2f} ms (same corpus, this run)")
    print(f"{args.requests} requests per setup (half submissions, half reads), {args.clients} concurrent clients, loopback")
    print(f"{'setup':>13} {'req/s':>7} {'subs/s':>7} {'subs/in-proc':>12} {'p50 ms':>7} {'p99 ms':>7} {'p99/median':>10} "
          f"{'errors':>6} {'RSS':>7}")
    for setup in args.setups:
        r = run(setup, args.requests, args.clients, corpus)
        print(f"{r['setup']:>13} {r['rps']:>7.0f} {r['subs']:>7.0f} {r['subs'] / rate:>11.0%} {r['p50_ms']:>7.1f} "
              f"{r['p99_ms']:>7.1f} {r['p99_ms'] / 1000 / median:>9.1f}x {r['errors']:>6} {r['rss_after_mb']:>5.0f}MB")


if __name__ == "__main__":
    main()
