"""Every text pass is linear: review time over narratives (facts_text and decision_text) from 1 KB to 5 MB, for
several kinds of text (ordinary prose, a date in every clause, citations, figures, crime-signal words).

    python bench/narratives.py [--sizes 1e3 1e4 1e5 1e6 5e6]

Prints seconds per review and seconds per MB for each size; a flat "s/MB" column is what linear means. The largest
sizes may exceed the review budget (limits.REVIEW_SECONDS) and are then reported as 超时 — which is the point of the
budget: a clear error, never a stuck worker.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from review_assistant.engine.casebook import example  # noqa: E402
from review_assistant.engine.review import ReviewTimeout, get_reviewer  # noqa: E402

KINDS = {
    "prose": "经查明，当事人在潞州区英雄南路经营砂锅店，向社会公众提供餐饮服务。",
    "dates": "2025年1月1日至2月1日止，执法人员现场检查。",
    "citations": "依据《中华人民共和国食品安全法》第一百二十二条第一款的规定，",
    "figures": "违法所得6500元，货值金额2800元，罚款60000元。",
    "signals": "当事人销售有毒有害食品，",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", type=float, default=[1e3, 1e4, 1e5, 1e6, 5e6])
    args = ap.parse_args()
    reviewer = get_reviewer()
    reviewer.review(example("food-safety-major-clean"))  # warm-up (jieba, engine)
    print(f"{'kind':<10}{'bytes':>10}{'s/review':>11}{'s/MB':>8}")
    for kind, unit in KINDS.items():
        for size in args.sizes:
            text = unit * max(1, int(size) // len(unit.encode("utf-8")))
            p = example("food-safety-major-clean")
            p["facts_text"] = p["decision_text"] = text
            mb = 2 * len(text.encode("utf-8")) / 1e6
            started = time.perf_counter()
            try:
                reviewer.review(p, budget=600)
                s = time.perf_counter() - started
                print(f"{kind:<10}{int(size):>10}{s:>11.3f}{s / mb:>8.2f}")
            except ReviewTimeout:
                print(f"{kind:<10}{int(size):>10}{'超时':>11}")


if __name__ == "__main__":
    main()
