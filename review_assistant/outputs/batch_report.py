"""report.html of a batch run: a self-contained page (no network) with inline SVG charts a supervisor reads at a
glance — defects by checklist item, top rules, by agency and by field, a heat map agency × item — and a typical
example of each top finding."""
from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path

import jinja2

from review_assistant.engine.rulebook import ITEMS

CONCLUSIONS = {"approve": "同意", "revise": "建议修改后同意", "return": "退回补充", "reject": "不同意"}


def bars(rows: list[tuple[str, float, str]], width: int = 900, color: str = "#c0392b") -> str:
    """Horizontal bar chart: (label, value, text shown after the bar)."""
    if not rows:
        return "<p>（无数据）</p>"
    top = max(v for _, v, _ in rows) or 1
    label_w, bar_w, h = 250, width - 250 - 190, 24
    out = [f'<svg role="img" viewBox="0 0 {width} {h * len(rows) + 8}" width="100%" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value, text) in enumerate(rows):
        y = 4 + i * h
        w = max(1, bar_w * value / top)
        shown = label if len(label) <= 18 else label[:17] + "…"  # cut with a mark, the whole label in the tooltip
        out.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13"><title>{escape(label)}</title>{escape(shown)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{h - 8}" fill="{color}" rx="2"/>'
                   f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="12">{escape(text)}</text>')
    out.append("</svg>")
    return "".join(out)


def heatmap(rows: list[str], counts: dict, totals: dict) -> str:
    """Agency × checklist item: share of each agency's packages with a defect in that item."""
    if not rows:
        return "<p>（无数据）</p>"
    items = list(ITEMS)
    cell, label_w, head_h = 52, 250, 96
    w, h = label_w + cell * len(items) + 70, head_h + cell * len(rows)
    out = [f'<svg role="img" viewBox="0 0 {w} {h}" width="100%" xmlns="http://www.w3.org/2000/svg">']
    for j, item in enumerate(items):
        x = label_w + j * cell + cell / 2
        out.append(f'<text transform="translate({x},{head_h - 6}) rotate(-45)" font-size="12">{escape(ITEMS[item])}</text>')
    for i, agency in enumerate(rows):
        y = head_h + i * cell
        out.append(f'<text x="{label_w - 8}" y="{y + cell / 2 + 4}" text-anchor="end" font-size="12">{escape(agency[:18])}</text>')
        for j, item in enumerate(items):
            share = counts[agency].get(item, 0) / max(totals[agency], 1)
            shade = int(255 - 200 * share)
            out.append(f'<rect x="{label_w + j * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                       f'fill="rgb(255,{shade},{shade})"><title>{escape(agency)} · {escape(ITEMS[item])}：{share:.0%}</title></rect>'
                       f'<text x="{label_w + j * cell + cell / 2 - 1}" y="{y + cell / 2 + 4}" text-anchor="middle" font-size="11">'
                       f'{share:.0%}</text>')
    out.append("</svg>")
    return "".join(out)


def render(agg: dict) -> str:
    n = agg["n"] or 1
    by_item = [(ITEMS[i], agg["items"].get(i, 0), f"{agg['items'].get(i, 0)} 件（{agg['items'].get(i, 0) / n:.0%}）")
               for i in ITEMS]
    top_rules = agg["rules"].most_common(10)
    rules = [(f"{r} {agg['rule_titles'][r]}", c, f"{c} 次") for r, c in top_rules]
    def share(table):
        rows = sorted(table.items(), key=lambda kv: -kv[1][0])[:12]
        return [(name, d / max(t, 1), f"{d}/{t} 件有问题（{d / max(t, 1):.0%}）") for name, (t, d) in rows]
    agencies = [a for a, _ in sorted(agg["agencies"].items(), key=lambda kv: -kv[1][0])[:12]]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(str(resources.files("review_assistant"))) / "templates")),
                             autoescape=True)
    return env.get_template("batch_report.html.j2").render(
        n=agg["n"], conclusions=[(CONCLUSIONS[k], agg["conclusions"].get(k, 0)) for k in CONCLUSIONS],
        chart_items=bars(by_item), chart_rules=bars(rules, color="#8e44ad"),
        chart_agencies=bars(share(agg["agencies"]), color="#d35400"), chart_domains=bars(share(agg["domains"]), color="#2471a3"),
        chart_heat=heatmap(agencies, agg["heat"], {a: agg["agencies"][a][0] for a in agencies}),
        examples=[{"rule": r, "title": agg["rule_titles"][r], "count": c, **agg["examples"][r]} for r, c in top_rules[:5]],
        invalid=agg.get("invalid", []), not_packages=agg.get("not_packages", 0),
        chart_gaps=bars([(ITEMS[i], agg.get("gaps", {}).get(i, 0), f"{agg.get('gaps', {}).get(i, 0)} 件（{agg.get('gaps', {}).get(i, 0) / n:.0%}）")
                         for i in ITEMS], color="#b7950b"))
