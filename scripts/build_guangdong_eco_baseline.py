"""Write catalogs/discretion/guangdong_eco_2022.yaml from 粤环发〔2021〕7号 附件1《广东省生态环境违法行为行政处罚罚款金额裁量表》
(shared/domain/baselines/guangdong_eco/, converted from the PDF, wording unchanged).

    python scripts/build_guangdong_eco_baseline.py [--source DIR] [--check]

Only the 权重累加 tables whose 备注 gives one plain formula are encoded — 罚款金额 = 裁量百分值总和 × a fixed amount, or
× a named base (建设项目总投资额, 所需处置费用 …) × a rate: the 裁量起点, every 裁量要素 with its 违法程度 options and weights,
the formula, and the provision of the 处罚依据. Tables with several formulas (限期内改正 / 对单位 / 对个人 …) or 幅度罚款 are
counted and left out (the script says how many), never guessed. Hand corrections: scripts/guangdong_eco_overrides.yaml.
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_assistant.catalog import load_catalogs  # noqa: E402
from review_assistant.citations import parse, resolve  # noqa: E402
from review_assistant.money import value  # noqa: E402

TABLE = "guangdong_eco_fakuan_jine_caiLiangbiao_YueHuanFa2021-7_fujian1.md"
OUT = ROOT / "catalogs" / "discretion" / "guangdong_eco_2022.yaml"
OVERRIDES = ROOT / "scripts" / "guangdong_eco_overrides.yaml"
SECTION = re.compile(r"^§(\d+(?:\.\d+)+)\s*裁量标准")
PERCENT = re.compile(r"^(\d+(?:\.\d+)?)%$")
FRACTION = re.compile(r"^(\d+)/(\d+)$")
FLOOR = re.compile(r"裁量百分值总和不足(\d+(?:\.\d+)?)%的?，?按\1%计算")
CAP = re.compile(r"裁量百分值总和超过(\d+(?:\.\d+)?)%的?，?按\1%计算")


def weight_of(text: str):
    """'5%' → 0.05; '1/8' → 0.125 (§4.7 prints fractions); else None."""
    text = text.replace(" ", "")
    m = PERCENT.match(text)
    if m:
        return float(m.group(1)) / 100
    m = FRACTION.match(text)
    return int(m.group(1)) / int(m.group(2)) if m and int(m.group(2)) else None
FIXED = re.compile(r"罚款金额\s*[=＝]\s*裁量百分值总和\s*[×x]\s*(?P<amount>[\d.]+万?)元?[。；;]?")
BASED = re.compile(r"罚款金额\s*[=＝]\s*裁量百分值总和\s*[×x]\s*(?P<base>[^×。]{2,20}?)\s*[×x]\s*(?P<rate>[\d.]+)(?P<unit>%|倍)")
BASE_KEYS = [(r"总投资", "total_investment"), (r"处置费用", "other"), (r"货值", "goods_value"), (r"违法所得", "illegal_income")]
EFFECTIVE_FROM, EFFECTIVE_TO = date(2022, 1, 1), date(2027, 1, 1)  # 规定第二十五条: 自2022年1月1日起施行，有效期五年


def _limits(note: str) -> dict:
    """备注: 裁量百分值总和不足X%的按X%计算 / 超过Y%的按Y%计算."""
    out = {}
    if FLOOR.search(note):
        out["floor"] = float(FLOOR.search(note).group(1)) / 100
    if CAP.search(note):
        out["cap"] = float(CAP.search(note).group(1)) / 100
    return out


def cells(line: str) -> list[str]:
    out = [c.strip() for c in line.strip().strip("|").split("|")]
    if out and out[0] in ("备注：", "备注:"):
        out[0] = "备注"
    return out


def sections(text: str):
    """(chapter.no, title, rows) for each § table; page-break lines inside a table are skipped. The title is the
    numbered heading (一、……) written just before the § line."""
    current, pending, rows, title = None, [], [], ""
    for line in text.splitlines():
        s = line.strip()
        m = SECTION.match(s)
        if m:
            if current:
                yield current, title, rows
            heading = [i for i, t in enumerate(pending) if re.match(r"^[一二三四五六七八九十百]+、", t)]
            title = "".join(pending[heading[-1]:]) if heading else ""
            current, rows, pending = m.group(1), [], []
        elif s.startswith("|"):
            rows.append(cells(s))
            pending = []
        elif s and not s.startswith("<!--") and not s.isdigit():
            pending.append(s)
    if current:
        yield current, title, rows


def weighted(number: str, title: str, rows: list[list[str]], catalogs):
    """The catalog entry of one 权重累加 table, or (None, why not)."""
    head = {r[0]: r for r in rows if r and r[0] in ("违反条款", "处罚依据", "备注")}
    start = next((r for r in rows if r and r[0] == "裁量起点"), None)
    if start is None:
        return None, "not weighted"
    if "备注" not in head:
        return None, "no formula"
    note = head["备注"][1] if len(head["备注"]) > 1 else ""
    if len(re.findall(r"罚款金额\s*[=＝]", note)) != 1:
        return None, "several formulas"
    fixed, based = FIXED.search(note), BASED.search(note)
    formula: dict
    if based:
        base_words = based.group("base").strip()
        key = next((k for pattern, k in BASE_KEYS if re.search(pattern, base_words)), "other")
        rate = float(based.group("rate")) / (100 if based.group("unit") == "%" else 1)
        formula = {"of": key, "of_label": base_words, "rate": rate}
    elif fixed:
        formula = {"amount": value(fixed.group("amount"))}
    else:
        return None, "formula not plain"
    factors, current = [], None
    started = False
    for r in rows:
        if r and r[0] == "裁量起点":
            started = True
            continue
        if not started or not r or r[0] in ("备注", "违反条款", "处罚依据", "违法行为"):
            continue
        if len(r) < 4:
            continue
        factor, option, weight = r[1], r[2], weight_of(r[3])
        if weight is None or not option:
            if not option and weight is None and not r[3]:
                continue  # a stray fragment of a cell split by a page break
            return None, f"unreadable row {r}"
        if factor:
            current = {"label": factor, "options": []}
            factors.append(current)
        if current is None:
            return None, "option before any factor"
        current["options"].append({"label": option, "weight": weight})
    start_weight = weight_of(next((c for c in reversed(start) if c), ""))
    if not factors or start_weight is None:
        return None, "no factors"
    basis = head.get("处罚依据", ["", ""])[1]
    cited = [c for c in parse(basis, catalogs.name_finder) if c.article][:1]
    if not cited:
        return None, "处罚依据 unreadable"
    r = resolve(cited[0], catalogs, EFFECTIVE_FROM)
    law = {"law_id": r.law.id} if r.law else {"law_name": cited[0].law_name}  # a 广东 regulation: by its name
    entry = {"id": f"GD-ECO-{number}", **law, "article": cited[0].article}
    if cited[0].paragraph:
        entry["paragraph"] = cited[0].paragraph
    violated = head.get("违反条款", ["", ""])[1] if len(head.get("违反条款", [])) > 1 else ""
    first = [c for c in parse(violated, catalogs.name_finder) if c.article][:1]
    entry.update({"conduct": title[:120] or f"§{number}", "source_row": f"§{number}", "brackets": [],
                  **({"violated": first[0].raw} if first else {}),
                  "weighted": {"start": start_weight, "factors": factors, **formula, **_limits(note),
                               "note": note[:300]}})
    return entry, None


N = r"[\d.零〇一二两三四五六七八九十百千万]+"
AMOUNT = re.compile(rf"^(?:处)?(?P<lo>{N})(?P<yuan>元?)\s*(?:以上|至)\s*(?P<hi>{N})元(?:以下)?(?:的)?(?:罚款)?$|"
                    rf"^(?:处)?(?P<top>{N})元以下(?:的)?(?:罚款)?$|^(?:处)?(?P<one>{N})元(?:的)?(?:罚款)?$")


def amount_range(text: str):
    """'2万元以上4万元以下' / '十五万元以上二十万元以下' / '20万元' / '5万元以下' → [low, high] in yuan; else None."""
    text = re.sub(r"^给予警告[，,]?(?:可以)?(?:并处)?", "", text.replace(" ", "")).replace("元元", "元")
    m = AMOUNT.match(text)
    if not m:
        return None
    if m.group("lo"):
        lo, hi = value(m.group("lo")), value(m.group("hi"))
        if (lo is not None and hi is not None and not m.group("yuan") and "万" in m.group("hi")
                and "万" not in m.group("lo") and lo < 10000 <= hi):
            lo *= 10000  # 2至4万元: the unit written once
        return None if lo is None or hi is None or lo > hi else [lo, hi]
    if m.group("top"):
        v = value(m.group("top"))
        return None if v is None else [0.0, v]
    v = value(m.group("one"))
    return None if v is None else [v, v]


def graded(number: str, title: str, rows: list[list[str]], catalogs):
    """The catalog entry of one 幅度罚款 table (columns of grades → a fine range), or (None, why not)."""
    head = next((r for r in rows if r and r[0] == "违法行为"), None)
    if head is None or head[-1] not in ("罚款", "处罚标准") and (len(head) < 2 or head[-2] not in ("罚款", "处罚标准")):
        return None, "not graded"
    while head and not head[-1]:
        head = head[:-1]
    if head[-1] not in ("罚款", "处罚标准"):
        return None, "not graded"
    columns = head[:-1]
    body = rows[rows.index(head) + 1:]
    out, last = [], [""] * len(columns)
    for r in body:
        if not r or r[0] in ("备注", "违反条款", "处罚依据", "违法行为"):
            continue
        r = (r + [""] * len(head))[:len(head)]
        # a blank cell continues the one above only inside a merged group: when the grade columns left of it are
        # blank too (造成重大生态环境影响的 | 〈blank〉 is a row of its own, not another 100吨以上)
        values = [v or (last[i] if i == 0 or not any(r[1:i]) else "") for i, v in enumerate(r[:-1])]
        last = values
        rng = amount_range(r[-1])
        if rng is None:
            return None, "amount unreadable"
        out.append({"when": {c: v for c, v in zip(columns, values) if v and c != "违法行为"}, "range": rng})
    acts = {v for row in out for c, v in row["when"].items() if c == "违法行为"}
    if not out:
        return None, "no rows"
    entry = _entry(number, title, rows, catalogs)
    if isinstance(entry, str):
        return None, entry
    entry["graded"] = {"columns": [c for c in columns if c != "违法行为" or len(acts) > 1], "rows": out}
    return entry, None


def _entry(number, title, rows, catalogs):
    head = {r[0]: r for r in rows if r and r[0] in ("违反条款", "处罚依据")}
    basis = head.get("处罚依据", ["", ""])[1] if len(head.get("处罚依据", [])) > 1 else ""
    cited = [c for c in parse(basis, catalogs.name_finder) if c.article][:1]
    if not cited:
        return "处罚依据 unreadable"
    r = resolve(cited[0], catalogs, EFFECTIVE_FROM)
    law = {"law_id": r.law.id} if r.law else {"law_name": cited[0].law_name}  # a 广东 regulation: by its name
    entry = {"id": f"GD-ECO-{number}", **law, "article": cited[0].article}
    if cited[0].paragraph:
        entry["paragraph"] = cited[0].paragraph
    if cited[0].item:
        entry["item"] = cited[0].item
    entry.update({"conduct": title[:120] or f"§{number}", "source_row": f"§{number}", "brackets": []})
    violated = head.get("违反条款", ["", ""])[1] if len(head.get("违反条款", [])) > 1 else ""
    first = [c for c in parse(violated, catalogs.name_finder) if c.article][:1]
    if first:
        entry["violated"] = first[0].raw
    return entry


def render(source: Path) -> tuple[str, dict]:
    catalogs = load_catalogs()
    text = (source / TABLE).read_text(encoding="utf-8")
    entries, why = [], {}
    overrides = {o["id"]: o for o in yaml.safe_load(OVERRIDES.read_text(encoding="utf-8")) or ()} if OVERRIDES.exists() else {}
    for number, title, rows in sections(text):
        entry, reason = weighted(number, title, rows, catalogs)
        if entry is None and reason == "not weighted":
            entry, reason = graded(number, title, rows, catalogs)
        if entry is None:
            why[reason.split(":")[0]] = why.get(reason.split(":")[0], 0) + 1
            continue
        if entry["id"] in overrides:
            o = overrides[entry["id"]]
            if o.get("skip"):
                continue
            entry.update(o.get("set", {}))
            if o.get("merge_factors") and entry.get("weighted"):
                first, second, label = o["merge_factors"]
                factors = entry["weighted"]["factors"]
                a = next(f for f in factors if f["label"] == first)
                b = next(f for f in factors if f["label"] == second)
                a["label"], a["options"] = label, a["options"] + b["options"]
                factors.remove(b)
        entries.append(entry)
    doc = {"catalog": "discretion", "version": "2026.1", "effective_from": EFFECTIVE_FROM, "effective_to": EFFECTIVE_TO,
           "source": "粤环发〔2021〕7号 附件1《广东省生态环境违法行为行政处罚罚款金额裁量表》（广东省生态环境厅，2022-01-01施行，有效期五年）；"
                     "由 scripts/build_guangdong_eco_baseline.py 从 shared/domain/baselines/guangdong_eco 生成，只收录单一公式的权重累加表",
           "region_prefix": "44", "domains": ["ecology_environment"], "overlap_policy": "widest", "entries": entries}
    header = "# generated by scripts/build_guangdong_eco_baseline.py — do not edit; corrections: scripts/guangdong_eco_overrides.yaml\n"
    return header + yaml.dump(doc, allow_unicode=True, sort_keys=False, width=100000), why


JIANGMEN = "jiangmen_eco_caiLiang_cankaobiao_2020.csv"
OUT_JIANGMEN = ROOT / "catalogs" / "discretion" / "jiangmen_eco_2020.yaml"
# 江环〔2020〕10号第十八条: 自2020年3月1日起施行，有效期三年. From 2022-01-01 the provincial table (粤环发〔2021〕7号) governs
# every level (its 第二条); a municipal table is to be made on its basis, which the 2020 table was not — so it is used
# for decisions before 2022-01-01 only (the later and higher rule prevails in the overlap to 2023-03-01).
JIANGMEN_FROM, JIANGMEN_TO = date(2020, 3, 1), date(2022, 1, 1)
FINE_TEXT = re.compile(r"处(?P<amount>[^，；。]*?)(?:的)?罚款")


def render_jiangmen(source: Path) -> tuple[str, dict]:
    import csv

    catalogs = load_catalogs()
    rows = list(csv.DictReader((source / JIANGMEN).open(encoding="utf-8")))
    by_section: dict[str, list[dict]] = {}
    for r in rows:
        by_section.setdefault(r["序号"].strip(), []).append(r)
    entries, why = [], {}
    for number, group in by_section.items():
        graded_rows, bad = [], False
        for r in group:
            m = FINE_TEXT.search(r["裁量标准"].replace(" ", ""))
            rng = amount_range(m.group("amount")) if m else None
            if rng is None:
                bad = True
                break
            graded_rows.append({"when": {"裁量情节": " ".join(r["裁量情节"].split())}, "range": rng})
        if bad:
            why["amount unreadable"] = why.get("amount unreadable", 0) + 1
            continue
        cited = [c for c in parse(group[0]["法律依据"], catalogs.name_finder) if c.article][:1]
        if not cited:
            why["basis unreadable"] = why.get("basis unreadable", 0) + 1
            continue
        r0 = resolve(cited[0], catalogs, JIANGMEN_FROM)
        law = {"law_id": r0.law.id} if r0.law else {"law_name": cited[0].law_name}
        entry = {"id": f"JM-ECO-{number}", **law, "article": cited[0].article}
        if cited[0].paragraph:
            entry["paragraph"] = cited[0].paragraph
        entry.update({"conduct": " ".join(group[0]["违法行为"].split())[:120], "source_row": f"序号{number}",
                      "brackets": [], "graded": {"columns": ["裁量情节"], "rows": graded_rows}})
        entries.append(entry)
    doc = {"catalog": "discretion", "version": "2026.1", "effective_from": JIANGMEN_FROM, "effective_to": JIANGMEN_TO,
           "source": "江门市生态环境局 江环〔2020〕10号 附件 生态环境违法行为行政处罚自由裁量权裁量标准参照表（试行，2020-03-01施行，有效期三年）；"
                     "2022-01-01起广东省表（粤环发〔2021〕7号）适用于各级生态环境主管部门，本表只用于此前作出的决定；"
                     "由 scripts/build_guangdong_eco_baseline.py 从 shared/domain/baselines/guangdong_eco 生成",
           "region_prefix": "4407", "domains": ["ecology_environment"], "overlap_policy": "widest", "entries": entries}
    header = "# generated by scripts/build_guangdong_eco_baseline.py — do not edit\n"
    return header + yaml.dump(doc, allow_unicode=True, sort_keys=False, width=100000), why


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "domain" / "baselines" / "guangdong_eco")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    if not (args.source / TABLE).is_file():
        print(f"找不到裁量表文本 / table text not found: {args.source / TABLE}", file=sys.stderr)
        return 2
    text, why = render(args.source)
    jm_text, jm_why = render_jiangmen(args.source)
    ex_text = render_exemptions(args.source)
    if args.check:
        return int(any(not path.exists() or path.read_text(encoding="utf-8") != body
                       for path, body in ((OUT, text), (OUT_JIANGMEN, jm_text), (OUT_EXEMPT, ex_text))))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    OUT_JIANGMEN.write_text(jm_text, encoding="utf-8")
    OUT_EXEMPT.parent.mkdir(parents=True, exist_ok=True)
    OUT_EXEMPT.write_text(ex_text, encoding="utf-8")
    print(f"附件2: {ex_text.count(chr(10) + '- id: GD-ECO-X')} items ({ex_text.count('generic: true')} with only the common conditions)")
    print(f"江门: {jm_text.count(chr(10) + '- id: JM-ECO-')} sections written; left out: {jm_why}")
    n = text.count("\n- id: GD-ECO-")
    print(f"{n} tables written ({text.count(chr(10) + '  weighted:')} weighted, {text.count(chr(10) + '  graded:')} graded); left out: {why}")
    return 0



EXEMPT = "guangdong_eco_buyuchufa_qingwei_mulu_YueHuanFa2021-7_fujian2.md"
OUT_EXEMPT = ROOT / "catalogs" / "discretion_exemptions" / "guangdong_eco_2022.yaml"
# the conditions every item of 附件2 shares: 首次违法, corrected (in time / on discovery), 危害后果轻微; an item that asks more
# (a measured exceedance, a duration, a quantity) is marked so, and only a reviewer can say whether it is met
GENERIC = re.compile(r"^同时满足下列情形的，不予行政处罚：（1）属于首次违法；（2）[^（]*?(改正|措施|恢复|公开|记录|补办|备案)[^（]*?，?危害后果轻微。?$")


def render_exemptions(source: Path) -> str:
    catalogs = load_catalogs()
    items, current = [], None
    for line in (source / EXEMPT).read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s.startswith("|") or s.startswith("| 序号"):
            continue
        c = cells(s)
        if len(c) < 5:
            continue
        if c[0].isdigit():
            current = {"no": int(c[0]), "conduct": c[2], "violated_text": c[3], "conditions": c[4]}
            items.append(current)
        elif current is not None:  # a cell continued on the next page
            for key, value in (("conduct", c[2]), ("violated_text", c[3]), ("conditions", c[4])):
                current[key] += value
    entries = []
    for it in items:
        cited = [x for x in parse(it["violated_text"], catalogs.name_finder) if x.article][:1]
        if not cited:
            continue
        r = resolve(cited[0], catalogs, EFFECTIVE_FROM)
        entry = {"id": f"GD-ECO-X{it['no']}", **({"law_id": r.law.id} if r.law else {"law_name": cited[0].law_name}),
                 "article": cited[0].article}
        if cited[0].paragraph:
            entry["paragraph"] = cited[0].paragraph
        entry.update({"conduct": it["conduct"], "conditions": it["conditions"],
                      "generic": bool(GENERIC.match(it["conditions"].replace(" ", ""))), "source_row": f"附件2 第{it['no']}项"})
        entries.append(entry)
    doc = {"catalog": "discretion_exemptions", "version": "2026.1", "effective_from": EFFECTIVE_FROM,
           "effective_to": EFFECTIVE_TO,
           "source": "粤环发〔2021〕7号 附件2《广东省生态环境不予行政处罚的轻微违法行为目录》；由 scripts/build_guangdong_eco_baseline.py 生成",
           "region_prefix": "44", "domains": ["ecology_environment"], "entries": entries}
    return ("# generated by scripts/build_guangdong_eco_baseline.py — do not edit\n"
            + yaml.dump(doc, allow_unicode=True, sort_keys=False, width=100000))


if __name__ == "__main__":
    sys.exit(main())
