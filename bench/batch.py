"""Batch benchmark: a generated corpus of 10,000 varied packages (JSONL) through `review-assistant batch` with
--jobs 1 and --jobs 2 (packages/s, peak memory of the run), and in the same run the in-process reviews/s against the
parse floor (CasePackage.model_validate_json alone).

    python bench/batch.py [--n 10000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402

RUNNER = """
import json, resource, sys, time
from pathlib import Path
from review_assistant.service.batch import run
t = time.perf_counter()
r = run([sys.argv[1]], Path(sys.argv[2]), jobs=int(sys.argv[3]), progress=False)
print(json.dumps({"reviewed": r.reviewed, "invalid": r.invalid, "seconds": time.perf_counter() - t,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ra-batch-"))
    corpus = tmp / "corpus.jsonl"
    packages = generate(args.n, seed=11)
    corpus.write_bytes(b"\n".join(packages) + b"\n")
    print(f"corpus: {args.n} packages, {corpus.stat().st_size / 1e6:.1f} MB JSONL")
    for jobs in (1, 2):
        out = subprocess.run([sys.executable, "-c", RUNNER, str(corpus), str(tmp / f"out{jobs}"), str(jobs)],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"--jobs {jobs}: {r['reviewed'] / r['seconds']:,.0f} packages/s ({r['reviewed']} reviewed, {r['invalid']} invalid, "
              f"{r['seconds']:.1f} s incl. start-up and report), peak memory: main {r['self_mb']:.0f} MB, "
              f"largest worker {r['child_mb']:.0f} MB")
    from review_assistant.case.models import CasePackage
    from review_assistant.engine.review import get_reviewer
    reviewer = get_reviewer()
    sample = packages[:3000]
    t = time.perf_counter()
    for raw in sample:
        CasePackage.model_validate_json(raw)
    floor = time.perf_counter() - t
    t = time.perf_counter()
    for raw in sample:
        reviewer.review(raw)
    full = time.perf_counter() - t
    print(f"in-process, one core: {len(sample) / full:,.0f} reviews/s; parse floor {len(sample) / floor:,.0f}/s; "
          f"review = {full / floor:.1f} × parse")


if __name__ == "__main__":
    main()
