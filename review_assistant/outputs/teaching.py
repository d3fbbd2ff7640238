"""Teaching cards (教学卡片): for every rule, what it checks, the provision in plain words, why it matters, and a
failing and a passing example taken from the rule's own example packages (rules/<item>.yaml) — run through the
real reviewer, so the card shows the finding exactly as a reviewer would see it."""
from __future__ import annotations

from typing import Optional

from review_assistant.engine.casebook import ROOT, build, rule_cases
from review_assistant.engine.rulebook import ITEMS, SEVERITIES, Rule, load_rulebook


def _changes(case: dict) -> list[str]:
    out = [f"{pointer} 改为 {value!r}" for pointer, value in (case.get("set") or {}).items()]
    out += [f"删除 {pointer}" for pointer in case.get("remove") or ()]
    return out or ["（不作改动）"]


def card(rule: Rule, reviewer=None) -> dict:
    from review_assistant.engine.review import get_reviewer

    reviewer = reviewer or get_reviewer()
    # a case may need a local catalog laid over the bundled one (tests/fixtures in a source checkout)
    cases = [c for _, c in rule_cases() if c["rule"] == rule.id and ("catalogs" not in c or (ROOT / c["catalogs"]).is_dir())]
    failing = next((c for c in cases if c["fires"]), None)
    passing = next((c for c in cases if not c["fires"]), None)

    def example(case: Optional[dict]) -> Optional[dict]:
        if case is None:
            return None
        report = (get_reviewer(ROOT / case["catalogs"]) if "catalogs" in case else reviewer).review(build(case))
        fired = [f for f in report.findings if f.rule_id == rule.id]
        return {"case": case["case"], "base": case["base"], "changes": _changes(case),
                "finding": fired[0].message if fired else None, "where": fired[0].where if fired else None}

    return {
        "id": rule.id, "title": rule.title, "item": rule.item, "item_label": ITEMS[rule.item],
        "severity": "材料不足" if rule.gap else SEVERITIES[rule.severity],
        "checks": rule.title, "basis": rule.basis, "provision": rule.provision, "why": rule.teaching,
        "fix": rule.suggestion, "failing": example(failing), "passing": example(passing),
    }


def find(rule_id: str) -> Optional[Rule]:
    return load_rulebook().get(rule_id.upper())


def render_text(c: dict) -> str:
    lines = [f"{c['id']} {c['title']}（{c['item_label']}，{c['severity']}）", "",
             f"审查什么：{c['checks']}", f"法律依据：{c['basis']}", f"条文大意：{c['provision']}",
             f"为什么重要：{c['why']}", f"常见问题的纠正：{c['fix']}"]
    for label, ex in (("触发示例", c["failing"]), ("不触发的对照", c["passing"])):
        if ex:
            lines += ["", f"{label}：{ex['case']}", f"  以示例案卷 {ex['base']} 为底本：" + "；".join(ex["changes"])]
            if ex["finding"]:
                lines.append(f"  审查结果：{ex['finding']}（位置 {ex['where']}）")
            else:
                lines.append("  审查结果：本规则不触发")
    return "\n".join(lines)
