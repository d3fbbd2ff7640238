"""Citation reading speed, after start-up: structured strings per second (the labeled table) and milliseconds per
2,000 characters of free text (decision narratives with law names in and out of 《》).

    python bench/citations.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.catalog.loader import load_catalogs  # noqa: E402
from review_assistant.law.citations import parse, resolve  # noqa: E402


def main() -> None:
    table = [row[0] for name in ("labeled.yaml", "variants.yaml")
             for row in yaml.safe_load((ROOT / "tests" / "citations" / name).read_text(encoding="utf-8"))]
    t0 = time.perf_counter()
    catalogs = load_catalogs()
    finder = catalogs.name_finder
    startup = time.perf_counter() - t0
    rounds = 20
    t0 = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for text in table:
            for c in parse(text):
                resolve(c, catalogs, catalogs.laws["food_safety_law"].versions[-1].effective_from)
                n += 1
    structured = time.perf_counter() - t0
    examples = [yaml.safe_load((ROOT / "examples" / f).read_text(encoding="utf-8")) for f in
                ("food-safety-major-clean.json", "market-regulation-flawed.json", "urban-management-township.json")]
    prose = "".join(e["facts_text"] + e["decision_text"] for e in examples)
    prose += "当事人违反了食品安全法第三十五条第一款的规定，依据食品安全法第一百二十二条第一款予以处罚。"
    text = (prose * (2000 // len(prose) + 1))[:2000]
    reps = 200
    t0 = time.perf_counter()
    for _ in range(reps):
        parse(text, finder)
    free = (time.perf_counter() - t0) / reps
    print(f"start-up (catalogs + jieba with {len(catalogs.laws)} laws): {startup * 1000:.0f} ms")
    print(f"structured: {len(table) * rounds / structured:,.0f} strings/s, {n / structured:,.0f} citations/s "
          f"(parse + resolve; {len(table)} strings × {rounds})")
    print(f"free text: {free * 1000:.2f} ms per 2,000 characters ({len(parse(text, finder))} citations found)")


if __name__ == "__main__":
    main()
