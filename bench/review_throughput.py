"""Throughput of the full review pipeline, in-process, against the parse floor measured in the same run.

    python bench/review_throughput.py [--n 2000]

Prints reviews/s, median and p99 per review, and the time of ``CasePackage.model_validate_json`` alone on the
same corpus (the floor: no review can be faster than reading its input), with the ratio of the two, then where
the time of a review goes (parse, derive facts, engine, report).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate, written  # noqa: E402
from review_assistant.engine.context import CaseContext  # noqa: E402
from review_assistant.case.inputs import InputError, parse_package  # noqa: E402
from review_assistant.case.models import CasePackage  # noqa: E402
from review_assistant.engine.review import _findings, get_reviewer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    corpus = generate(args.n)

    t0 = time.perf_counter()
    reviewer = get_reviewer()
    reviewer.catalogs.warm()  # as a server or a batch worker starts: jieba's dictionary and the law-name patterns
    startup = time.perf_counter() - t0

    # floor: parse alone, same corpus, same process
    t0 = time.perf_counter()
    for raw in corpus:
        try:
            CasePackage.model_validate_json(raw)
        except ValueError:  # an invalid file costs its parse too
            pass
    floor = time.perf_counter() - t0

    per_review, conclusions = [], {}
    t0 = time.perf_counter()
    for raw in corpus:
        s = time.perf_counter()
        try:
            conclusion = reviewer.review(raw).conclusion
        except InputError:  # invalid input is answered too (the API's 422): its parse and check are timed
            conclusion = "invalid"
        per_review.append(time.perf_counter() - s)
        conclusions[conclusion] = conclusions.get(conclusion, 0) + 1
    total = time.perf_counter() - t0

    # where the time goes: the same pipeline, phase by phase
    phases = dict.fromkeys(("parse", "derive", "engine", "report"), 0.0)
    facts_count = 0
    for raw in corpus:
        s = time.perf_counter()
        try:
            pkg = parse_package(raw)
        except InputError:
            continue  # invalid input: no facts, no engine
        a = time.perf_counter()
        ctx = CaseContext(pkg, reviewer.catalogs, pkg.submitted_on)
        facts = [f for m in reviewer.rulebook.modules for f in m.facts(ctx)]
        b = time.perf_counter()
        hits = reviewer.engine.run(facts)
        c = time.perf_counter()
        _findings(hits)
        d = time.perf_counter()
        phases["parse"] += a - s
        phases["derive"] += b - a
        phases["engine"] += c - b
        phases["report"] += d - c
        facts_count += len(facts)

    per_review.sort()
    n = len(corpus)
    print(f"corpus: {n} packages, {min(n, len(written()))} of them the repository's files ({sum(map(len, corpus)) / n / 1024:.1f} KB mean), rules: {len(reviewer.rulebook.rules)}, "
          f"facts per review: {facts_count / n:.1f}, start-up: {startup * 1000:.0f} ms")
    print(f"conclusions: {conclusions}")
    print(f"reviews/s:          {n / total:10.0f}")
    print(f"median per review:  {statistics.median(per_review) * 1e3:10.3f} ms")
    print(f"p99 per review:     {per_review[int(n * 0.99) - 1] * 1e3:10.3f} ms")
    print(f"parse floor /s:     {n / floor:10.0f}   (CasePackage.model_validate_json alone)")
    print(f"review / floor:     {total / floor:10.1f} x the parse time")
    whole = sum(phases.values())
    print("where the time goes (pipeline without report model & major determination): " + ", ".join(
        f"{k} {v / whole * 100:.0f}%" for k, v in phases.items()))


if __name__ == "__main__":
    main()
