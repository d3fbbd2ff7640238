"""Start-up: wall time of `review-assistant check` on one file against `python -c "import review_assistant"` in the
same run, with the compiled catalogs warm, with them off (every file parsed and validated), and — when given — an
older build's command for the before/after comparison.

    python bench/startup.py [--n 5] [--before /path/to/old/venv/bin/review-assistant]

Prints the median of n runs of each and its ratio to the import floor.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "examples" / "food-safety-major-clean.json"


def wall(cmd: list[str], env: dict, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{cmd[0]} exited {done.returncode}")
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--before", help="an older build's review-assistant executable")
    args = ap.parse_args()
    cli = str(Path(sys.executable).with_name("review-assistant"))
    env = dict(os.environ)
    rows = [("python -c 'import review_assistant'（下限 floor）", [sys.executable, "-c", "import review_assistant"], env)]
    wall([cli, "check", str(FILE)], env, 1)  # warm the compiled catalogs
    rows.append(("check，目录编译缓存已建 (warm)", [cli, "check", str(FILE)], env))
    rows.append(("check，不用缓存 REVIEW_ASSISTANT_CACHE=off", [cli, "check", str(FILE)], {**env, "REVIEW_ASSISTANT_CACHE": "off"}))
    if args.before:
        rows.append((f"check，旧版本 ({args.before})", [args.before, "check", str(FILE)], env))
    floor = None
    for label, cmd, e in rows:
        t = wall(cmd, e, args.n)
        floor = floor or t
        print(f"{label:<60} {t:6.2f} s   × {t / floor:4.1f}")


if __name__ == "__main__":
    main()
