"""The bench corpus: every case package file kept in the repository (the calibration set, the examples and the
files written blind to the contract: about 430 packages written by people), then generated variants of four examples
by the kinds of variation real files show (amounts, dates, officers, missing material, outcomes). Deterministic."""
from __future__ import annotations

import copy
import json
import random
from datetime import date, timedelta
from pathlib import Path

from review_assistant.case.narrative_dates import dates_in

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BASES = ["food-safety-major-clean", "market-regulation-flawed", "incomplete-package", "urban-management-township"]


def _shift(doc, days: int) -> None:
    """Move every date in the package by ``days`` (keeps their order)."""
    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-" and k != "case_id":
                    try:
                        node[k] = (date.fromisoformat(v) + timedelta(days=days)).isoformat()
                    except ValueError:
                        pass
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    for key in ("violation", "steps", "evidence", "documents"):
        walk(doc.get(key))
    for key in ("facts_text", "decision_text"):  # the narrative moves with the file, as a real one would read
        text = doc.get(key)
        if text:
            for day, start, end in reversed(list(dates_in(text))):
                moved = day + timedelta(days=days)
                text = f"{text[:start]}{moved.year}年{moved.month}月{moved.day}日{text[end:]}"
            doc[key] = text
    if "submitted_on" in doc:
        doc["submitted_on"] = (date.fromisoformat(doc["submitted_on"]) + timedelta(days=days)).isoformat()


def written() -> list[bytes]:
    """The package files of the repository, in a fixed order (some are invalid input on purpose: they are reviewed too,
    as a service meets them)."""
    files = (sorted(EXAMPLES.glob("*.json")) + sorted(EXAMPLES.glob("*/cases/*.json"))
             + sorted((ROOT / "tests" / "calibration" / "cases").glob("*.json")))
    return [f.read_bytes() for f in files]


def generate(n: int, seed: int = 7, real: bool = True) -> list[bytes]:
    """``n`` packages: the repository's files first (``real``; a sample of them when ``n`` is smaller), then variants."""
    rng = random.Random(seed)
    out = written() if real else []
    if len(out) >= n:
        return rng.sample(out, n)
    bases = [json.loads((EXAMPLES / f"{b}.json").read_text(encoding="utf-8")) for b in BASES]
    for i in range(n - len(out)):
        doc = copy.deepcopy(bases[rng.choices(range(4), weights=(4, 3, 1, 2))[0]])
        doc["case_id"] = f"{doc['case_id']}-{i:05d}"
        _shift(doc, rng.randint(-200, 200))
        v = doc.get("violation", {})
        if rng.random() < 0.1:  # a figure changed after the narrative was written: the kind of slip FAC-003 catches
            for p in (doc.get("proposed_decision") or {}).get("penalties", []):
                if p["type"] == "fine":
                    p["amount"] = round(p["amount"] * rng.uniform(0.5, 2.0), -2)
        roll = rng.random()
        steps = doc.get("steps") or []
        if roll < 0.10 and len(steps) > 2:
            steps[2]["officers"] = steps[2].get("officers", [])[:1]  # one officer on a step
        elif roll < 0.15 and "evidence" in doc:
            del doc["evidence"]
        elif roll < 0.20 and v:
            v["circumstance"] = "minor"
            v["harm"] = "none"
        elif roll < 0.25:
            doc.setdefault("documents", []).append({"id": f"X{i}", "kind": "av_record", "title": "音像记录", "date": doc.get("submitted_on")})
        elif roll < 0.30 and v.get("ended_on"):
            v["occurred_on"] = (date.fromisoformat(v["ended_on"]) - timedelta(days=rng.randint(1, 900))).isoformat()
        if rng.random() < 0.2:
            doc["stage"] = "post_decision"
            last = max(s["date"] for s in steps if s.get("date")) if steps else doc.get("submitted_on")
            if last:
                steps.append({"kind": "decision", "date": last})
        out.append(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return out
