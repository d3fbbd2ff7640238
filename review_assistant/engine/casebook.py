"""Rule examples as readable data: an example package (examples/) plus JSON-pointer changes (set / remove),
and whether the rule fires. They live beside each rule module (rules/<item>.yaml), ship with the package, and
serve both the tests and the teaching cards."""
from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import yaml

EXAMPLES = Path(str(resources.files("review_assistant.examples")))
RULE_CASES = Path(str(resources.files("review_assistant.rules")))
ROOT = Path(__file__).resolve().parents[2]  # the source checkout (fixtures for tests live there)


def example_names() -> list[str]:
    """The example packages (examples/*.json); their labels for ``evaluate`` are examples/reports/labels.json."""
    return sorted(p.stem for p in EXAMPLES.glob("*.json"))


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _parent(doc, pointer: str):
    *path, last = _tokens(pointer)
    node = doc
    for token in path:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, last


def apply(doc: dict, set_: dict | None = None, remove: list | None = None) -> dict:
    doc = copy.deepcopy(doc)
    for pointer, value in (set_ or {}).items():
        node, last = _parent(doc, pointer)
        if isinstance(node, list):
            if last == "-" or int(last) == len(node):
                node.append(value)
            else:
                node[int(last)] = value
        else:
            node[last] = value
    for pointer in sorted(remove or (), reverse=True):
        node, last = _parent(doc, pointer)
        del node[int(last) if isinstance(node, list) else last]
    return doc


def build(case: dict) -> dict:
    doc = apply(example(case["base"]), case.get("set"), case.get("remove"))
    return reword(doc, case.get("replace"))


def reword(doc: dict, replace: dict | None) -> dict:
    """``replace: {/decision_text: [old words, new words]}``: one phrase of a long text changed, the rest as written (a
    close variant of a real decision without copying it whole into the table)."""
    for pointer, (old, new) in (replace or {}).items():
        node, last = _parent(doc, pointer)
        key = int(last) if isinstance(node, list) else last
        if old not in node[key]:
            raise ValueError(f"{pointer}: “{old}” is not in the text")
        node[key] = node[key].replace(old, new)
    return doc


def rule_cases() -> list[tuple[str, dict]]:
    """Every case of every ``rules/<module>.yaml``, with the module name."""
    out = []
    for path in sorted(RULE_CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append((path.stem, case))
    return out
