"""Rule modules: one per checklist item, loaded by path from ``rules/``.

A rule module declares ``ITEM`` (the checklist item), one or more ``@derive`` functions that turn the case
into plain facts, and ``@rule`` conditions over one fact each, with the rule's metadata right beside it
(id, severity, title, legal basis, the provision's wording, message, suggestion, teaching note).
Fact kinds are namespaced by the module's item, so two modules never see each other's facts.
"""
from __future__ import annotations

import hashlib
import importlib.util
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Optional

ITEMS: dict[str, str] = {
    "subject": "执法主体",
    "officer": "执法人员资格",
    "facts": "案件事实",
    "evidence": "证据",
    "law_citation": "适用法律",
    "discretion": "裁量基准",
    "procedure": "执法程序",
    "jurisdiction": "管辖与时效",
    "documents": "执法文书",
    "criminal_referral": "涉嫌犯罪移送",
    "publicity": "执法公示",
}
SEVERITIES = {"blocking": "阻断", "major": "严重", "minor": "一般", "hint": "提示"}
# What the case unit must do about a finding, which decides the conclusion (README, 审核结论):
# correct — the decision can cure it by correction (wording, a citation, a figure, a document to complete) → 建议修改后同意;
# supplement — evidence must be gathered or a procedure redone before deciding → 退回补充.
REMEDIES = {"correct": "修改后可同意", "supplement": "须补充证据或重新履行程序"}
RULE_PREFIX = {
    "subject": "SUB", "officer": "OFF", "facts": "FAC", "evidence": "EVI", "law_citation": "LAW",
    "discretion": "DIS", "procedure": "PRO", "jurisdiction": "JUR", "documents": "DOC",
    "criminal_referral": "CRI", "publicity": "PUB",
}


class RulebookError(Exception):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    item: str
    on: str  # fact kind within the module, e.g. "step"
    severity: str
    title: str
    basis: str  # 法名 + 条/款/项
    provision: str  # the provision in plain words (Catala style: the law beside the code)
    message: str  # str.format template over the fact's values
    suggestion: str
    teaching: str
    gap: bool
    remedy: str = "correct"
    condition: Optional[Callable[[Any], Any]] = field(default=None, compare=False, repr=False)

    @property
    def fact_kind(self) -> str:
        return f"{self.item}.{self.on}"

    def metadata(self) -> dict:
        return {
            "id": self.id, "item": self.item, "item_label": ITEMS[self.item], "severity": self.severity,
            "title": self.title, "basis": self.basis, "provision": self.provision, "message": self.message,
            "suggestion": self.suggestion, "teaching": self.teaching, "gap": self.gap, "remedy": self.remedy,
        }


def rule(id: str, *, on: str, severity: str, title: str, basis: str, message: str, suggestion: str,
         teaching: str, provision: str = "", gap: bool = False, remedy: str = "correct"):
    """Declare a rule: the decorated function gets durable_rules' ``m`` and returns the condition on one
    fact of kind ``on`` (return ``None`` to fire on every such fact). ``remedy`` (REMEDIES) says whether the
    case unit can cure the finding by correcting the decision or must gather evidence / redo a procedure."""
    def decorate(fn):
        fn.__rule__ = dict(id=id, on=on, severity=severity, title=title, basis=basis, provision=provision,
                           message=message, suggestion=suggestion, teaching=teaching, gap=gap, remedy=remedy)
        return fn
    return decorate


def gap_rule(id: str, *, title: str, basis: str, provision: str, suggestion: str, teaching: str,
             severity: str = "minor"):
    """The item's "材料不足" rule: fires on every ``gap`` fact the module derives, saying what is missing."""
    def fires_on_every_gap(m):
        return None
    return rule(id, on="gap", severity=severity, gap=True, title=title, basis=basis, provision=provision,
                message="缺少{what}", suggestion=suggestion, teaching=teaching)(fires_on_every_gap)


def manual_rule(id: str, *, title: str, basis: str, provision: str, suggestion: str, teaching: str):
    """The item's "请人工核对" hint: fires on every ``manual`` fact — something this tool cannot check because its
    own data (a catalog, a calendar, a threshold) has a hole, not because the case unit left something out.
    A hint never changes the conclusion."""
    def fires_on_every_manual_check(m):
        return None
    return rule(id, on="manual", severity="hint", title=title, basis=basis, provision=provision,
                message="{what}，请人工核对", suggestion=suggestion, teaching=teaching)(fires_on_every_manual_check)


def derive(fn):
    """Mark a function ``(CaseContext) -> Iterable[dict]`` that yields this module's facts."""
    fn.__derive__ = True
    return fn


@dataclass(frozen=True)
class RuleModule:
    item: str
    path: Path
    derivers: tuple[Callable, ...]
    rules: tuple[Rule, ...]

    def facts(self, ctx) -> Iterable[dict]:
        for fn in self.derivers:
            for fact in fn(ctx):
                yield {**fact, "kind": f"{self.item}.{fact['kind']}"}


@dataclass(frozen=True)
class Rulebook:
    modules: tuple[RuleModule, ...]
    version: str

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for mod in self.modules for r in mod.rules)

    def get(self, rule_id: str) -> Optional[Rule]:
        return next((r for r in self.rules if r.id == rule_id), None)


def bundled_rules_dir() -> Path:
    return Path(str(resources.files("review_assistant.rules")))


def load_rulebook(directory: Optional[Path] = None) -> Rulebook:
    """Import every rule module in ``directory`` (default: the bundled ``rules/``) and check its metadata."""
    directory = directory or bundled_rules_dir()
    modules, digest = [], hashlib.sha256()
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_"):
            continue
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        modules.append(_load_module(path))
    seen: set[str] = set()
    for mod in modules:
        for r in mod.rules:
            if r.id in seen:
                raise RulebookError(f"{mod.path.name}: duplicate rule id {r.id}")
            seen.add(r.id)
    missing = set(ITEMS) - {m.item for m in modules}
    if missing:
        raise RulebookError(f"no rule module for checklist item(s): {sorted(missing)}")
    order = list(ITEMS)
    modules.sort(key=lambda m: order.index(m.item))
    return Rulebook(tuple(modules), digest.hexdigest()[:12])


def _load_module(path: Path) -> RuleModule:
    name = f"review_assistant_rules_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    item = getattr(module, "ITEM", None)
    if item not in ITEMS:
        raise RulebookError(f"{path.name}: ITEM must be one of {list(ITEMS)}, got {item!r}")
    derivers, rules = [], []
    for obj in vars(module).values():
        if getattr(obj, "__derive__", False):
            derivers.append(obj)
        meta = getattr(obj, "__rule__", None)
        if meta:
            rules.append(_check(Rule(item=item, condition=obj, **meta), path))
    return RuleModule(item, path, tuple(derivers), tuple(sorted(rules, key=lambda r: r.id)))


def _check(r: Rule, path: Path) -> Rule:
    where = f"{path.name}: {r.id}"
    if not r.id.startswith(RULE_PREFIX[r.item] + "-"):
        raise RulebookError(f"{where}: id must start with {RULE_PREFIX[r.item]}-")
    if r.severity not in SEVERITIES:
        raise RulebookError(f"{where}: severity must be one of {list(SEVERITIES)}")
    if r.remedy not in REMEDIES:
        raise RulebookError(f"{where}: remedy must be one of {list(REMEDIES)}")
    for name in ("title", "basis", "message", "suggestion", "teaching"):
        if not getattr(r, name).strip():
            raise RulebookError(f"{where}: {name} is empty")
    return r
