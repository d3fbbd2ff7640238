"""Write catalogs/discretion/guangdong_eco_2022.yaml from 粤环发〔2021〕7号 附件1《广东省生态环境违法行为行政处罚罚款金额裁量表》
(shared/domain/baselines/guangdong_eco/, converted from the PDF, wording unchanged).

    python scripts/build_guangdong_eco_baseline.py [--source DIR] [--check]

Every section is encoded. 权重累加 tables: the 裁量起点, every 裁量要素 with its 违法程度 options and weights, and the
formula — 罚款金额 = 裁量百分值总和 × a fixed amount, or × a named base (建设项目总投资额 …) × a rate; where the 备注 gives
several (限期内改正 / 逾期未改正 / 对单位 / 对个人 / a 违法所得 band), each with its own 裁量起点 and the condition of its
column (``formulas``). 幅度罚款 tables: each row's grades → a range in yuan, a multiple of a base (违法所得1倍以上3倍以下,
收入10%以下), a rate per unit (元/车次) or 警告; a table with a fine column per party gets the column 处罚对象. A section
the script cannot read stops it or is counted as left out (the script says how many), never guessed. Page breaks and
typos of the source: hand corrections in scripts/guangdong_eco_overrides.yaml, each with its reason.
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

from review_assistant.catalog.loader import load_catalogs  # noqa: E402
from review_assistant.law.citations import parse, resolve  # noqa: E402
from review_assistant.case.money import value  # noqa: E402

TABLE = "guangdong_eco_fakuan_jine_caiLiangbiao_YueHuanFa2021-7_fujian1.md"
OUT = ROOT / "catalogs" / "discretion" / "guangdong_eco_2022.yaml"
OVERRIDES = ROOT / "scripts" / "guangdong_eco_overrides.yaml"
SECTION = re.compile(r"^§(\d+(?:\.\d+)+)\s*裁量标准\s*$")  # not the contents page (§7.5裁量标准.....160)
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
    start = next((r for r in rows if r and "裁量起点" in r[:2]), None)
    if start is None:
        return None, "not weighted"
    if "备注" not in head:
        return None, "no formula"
    note = head["备注"][1] if len(head["备注"]) > 1 else ""
    if len(re.findall(r"罚款金额\s*[=＝]", note)) > 1:
        return weighted_formulas(number, title, rows, catalogs, head, note)
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
    start_weight = weight_of(next((c for c in reversed(start) if c), ""))
    if start_weight is None:
        return None, "no factors"
    entry, why = weighted_entry(number, title, rows, catalogs, head, note, start_weight)
    if entry is not None:
        entry["weighted"] = {"start": start_weight, "factors": entry["weighted"]["factors"], **formula, **_limits(note),
                             **_base_floor(formula, head), "note": note[:300]}
    return entry, why


BASE_FLOOR = r"{base}不足(?P<n>[\d.一二三四五六七八九十百千万]+)元的，按(?P=n)元计算"


def _base_floor(formula: dict, head: dict) -> dict:
    """处罚依据: the statute's own floor of the table's base (固体废物污染环境防治法第一百一十二条第二款：所需处置费用不足二十万元的，
    按二十万元计算) — the table multiplies the base the statute counts, never less."""
    basis = head.get("处罚依据", ["", ""])[1] if len(head.get("处罚依据", [])) > 1 else ""
    m = formula.get("of_label") and re.search(BASE_FLOOR.format(base=re.escape(formula["of_label"])), basis)
    return {"base_at_least": value(m.group("n"))} if m else {}


def weighted_entry(number, title, rows, catalogs, head, note, start_weight):
    """The factors (rows after the 裁量起点 block, each 裁量要素 with its 违法程度 and weight) and the provision."""
    factors, current = [], None
    started = False
    for r in rows:
        if r and "裁量起点" in r[:2]:
            started = True
            continue
        if not started or not r or r[0] in ("备注", "违反条款", "处罚依据", "违法行为"):
            continue
        if len(r) < 4 or not r[2] and not r[1]:
            continue  # the rest of the 裁量起点 block (its columns and weights)
        factor, option, weight = r[1], r[2], weight_of(next((c for c in reversed(r[3:]) if c), ""))
        if weight is None or not option:
            return None, f"unreadable row {r}"
        if factor:
            current = {"label": factor, "options": []}
            factors.append(current)
        if current is None:
            return None, "option before any factor"
        current["options"].append({"label": option, "weight": weight})
    if not factors:
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
                  "weighted": {"factors": factors, "note": note[:300]}})
    return entry, None


FORMULA = re.compile(r"（\d）(?P<name>[^（）=＝]*?)的罚款金额\s*[=＝]\s*(?P<sum>[^×x=＝]*?)的?裁量百分值总和\s*[×x]\s*"
                     r"(?:(?P<amount>[\d.]+万?)元?|(?P<base>违法所得)\s*[×x]\s*(?P<rate>[\d.]+)倍)")
LIMIT = re.compile(r"裁量百分值总和(?P<kind>超过|不足)(?P<pct>\d+(?:\.\d+)?)%的?，?按(?P=pct)%计算")
CORRECTION = ("限期内改正", "逾期未改正")


def _condition(part: str, factors: list[dict]) -> dict:
    """A formula's column label → the condition a package states: 处罚对象 单位 / 个人, 整改情况, or a factor's option."""
    part = part.rstrip("的")
    if part in ("对单位", "对企业", "单位"):
        return {"处罚对象": "单位"}
    if part in ("对个人", "个人"):
        return {"处罚对象": "个人"}
    if part in CORRECTION:
        return {"整改情况": part}
    if re.fullmatch(r"(没有违法所得或者)?违法所得(不足)?\d+万元(以上)?", part):
        return {"违法所得": part + "的"}  # §7.15: the formula by the 违法所得 band
    for f in factors:
        for o in f["options"]:
            if o["label"] == part or o["label"].lstrip("已") == part.lstrip("已"):
                return {f["label"]: o["label"]}
    return {}


def weighted_formulas(number, title, rows, catalogs, head, note):
    """A 权重累加 table whose 备注 gives several formulas (限期内改正 / 逾期未改正 / 对单位 / 对个人): the 裁量起点 of each
    column of the start block, each formula with the condition of its column, the factors shared."""
    at = next(i for i, r in enumerate(rows) if "裁量起点" in r[:2])
    block = [rows[at]]
    for r in rows[at + 1:]:
        if len(r) > 2 and r[2]:
            break
        block.append(r)
    width = max(len(r) for r in block)
    first = next(j for j in range(width) if any(j < len(r) and r[j] and r[j] != "裁量起点" for r in block) and j >= 2)
    labels, starts = {}, {}
    for k, r in enumerate(block):
        r = r + [""] * (width - len(r))
        carry = ""
        for j in range(first, width):
            cell = r[j]
            if weight_of(cell) is not None:
                starts[j] = weight_of(cell)
            elif cell and cell != "/":
                labels.setdefault(j, []).append(cell)
                carry = cell
            elif not cell and carry and k == 0:
                labels.setdefault(j, []).append(carry)  # a merged header (对单位 over 限期内改正 | 逾期未改正)
    entry, why = weighted_entry(number, title, rows, catalogs, head, note, start_weight=0.0)
    if entry is None:
        return None, why
    factors = entry["weighted"]["factors"]
    limits = []  # (whose sum: the words from the sentence start — 2.对逾期未改正 → 逾期未改正, floor|cap, share)
    for lm in LIMIT.finditer(note):
        begin = max(note.rfind("。", 0, lm.start()), note.rfind("；", 0, lm.start())) + 1
        who = re.sub(r"^\d+\.", "", note[begin:lm.start()]).lstrip("对").rstrip("的")
        limits.append((who, "floor" if lm.group("kind") == "不足" else "cap", float(lm.group("pct")) / 100))
    formulas = []
    for m in FORMULA.finditer(note):
        key = (m.group("sum") or m.group("name")).strip().lstrip("对").rstrip("的")
        column = [j for j in starts if any(key in lbl.rstrip("的") for lbl in labels.get(j, []))]
        if len(column) != 1:
            return None, f"formula column unreadable: {m.group(0)[:30]}"
        j = column[0]
        when = {}
        for lbl in labels[j]:
            when.update(_condition(lbl, factors))
        if not when:
            return None, f"formula condition unreadable: {labels[j]}"
        formula = {"label": "，".join(labels[j]), "when": when, "start": starts[j]}
        if m.group("amount"):
            formula["amount"] = value(m.group("amount"))
        else:
            formula.update({"of": "illegal_income", "of_label": m.group("base"), "rate": float(m.group("rate"))})
        for who, kind, share in limits:
            if not who or who in key or key in who or (who == "直接负责的主管人员和其他责任人员" and key == "个人"):
                formula[kind] = share
        formulas.append(formula)
    if len(formulas) != len(re.findall(r"罚款金额\s*[=＝]", note)):
        return None, "several formulas"
    w = entry["weighted"]
    entry["weighted"] = {"factors": w["factors"], "formulas": formulas, "note": w["note"]}
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


BASES = {"违法所得": "illegal_income", "货值金额": "goods_value", "所收费用": "other", "直接经济损失": "other",
         "上一年度从本单位取得的收入": "other", "上一年度从本单位取得收入": "other", "直接损失": "other",
         "代为处置费用": "other", "建设项目总投资额": "total_investment"}
MULTIPLE = re.compile(r"^(?:没收违法所得，?并?处)?(?:处)?(?P<base>" + "|".join(BASES) + r")的?"
                      r"(?:(?P<lo>[\d.]+)(?P<u>倍|%)(?:以上(?P<hi>[\d.]+)(?:倍|%)以下)?|(?P<top>[\d.]+)(?P<tu>倍|%)以下)"
                      r"(?:的)?(?:罚款)?(?:（含本数）)?$")
PER = re.compile(rf"^(?P<amount>{N})元/(?P<unit>[^/\s]+)$")
AMOUNT_COLUMN = re.compile(r"罚款|处罚标准")


def amount_spec(text: str):
    """One fine cell → {"range": [low, high]} in yuan, {"multiple": [x, y], "of", "of_label"} (违法所得1倍以上3倍以下;
    收入10%以下 → [0, 0.1]), {"range", "per": unit} (500元/车次), {"range": [0, 0], "warning": true} (警告), "none" ("/"),
    or None (unreadable)."""
    text = text.replace(" ", "")
    if text == "/":
        return "none"
    if text == "警告":
        return {"range": [0.0, 0.0], "warning": True}
    m = MULTIPLE.match(text)
    if m:
        base = m.group("base")
        scale = 100 if (m.group("u") or m.group("tu")) == "%" else 1
        lo, hi = (0.0, float(m.group("top"))) if m.group("top") else (float(m.group("lo")), float(m.group("hi") or m.group("lo")))
        return {"multiple": [lo / scale, hi / scale], "of": BASES[base], "of_label": base}
    m = PER.match(text)
    if m:
        v = value(m.group("amount"))
        return None if v is None else {"range": [v, v], "per": m.group("unit")}
    rng = amount_range(text)
    return None if rng is None else {"range": rng}


def _party(label: str):
    """A fine column → 处罚对象: 对单位罚款 / 对企业 → 单位; 对个人罚款, 对人员罚款, 对直接负责的主管人员… → 个人."""
    if re.search(r"单位罚款|企业", label):
        return "单位"
    if re.search(r"个人|人员", label):
        return "个人"
    return None


def graded(number: str, title: str, rows: list[list[str]], catalogs, act_column: bool = False):
    """The catalog entry of one 幅度罚款 table (columns of grades → a fine range), or (None, why not). A table with a
    fine column per party (对单位罚款 | 对个人罚款) gets the column 处罚对象; a blank fine cell of the person's column
    continues the one above inside its group (a merged cell). 违法行为 is a column only where an override says the table
    grades by it (两种行为, or the same act 逾期未改正 with its own rows); elsewhere it is one act, often split by a page."""
    head = next((r for r in rows if r and r[0] == "违法行为"), None)
    if head is None:
        return None, "not graded"
    while head and not head[-1]:
        head = head[:-1]
    n_amounts = 0
    while n_amounts < len(head) - 1 and AMOUNT_COLUMN.search(head[len(head) - 1 - n_amounts]):
        n_amounts += 1
    if not n_amounts:
        return None, "not graded"
    columns, amount_labels = head[:-n_amounts], head[-n_amounts:]
    parties = [_party(c) for c in amount_labels] if n_amounts > 1 else [None]
    if None in parties and n_amounts > 1 or len(set(parties)) != len(parties):
        return None, f"fine columns unreadable: {amount_labels}"
    body = rows[rows.index(head) + 1:]
    out, last, last_amount = [], [""] * len(columns), [""] * n_amounts
    for r in body:
        if not r or r[0] in ("备注", "违反条款", "处罚依据", "违法行为"):
            continue
        if n_amounts == 1 and len(r) < len(head) and r[-1]:
            r = r[:-1] + [""] * (len(head) - len(r)) + r[-1:]  # a grade cell merged across columns: the fine is last
        r = (r + [""] * len(head))[:len(head)]
        # a blank cell continues the one above only inside a merged group: when the grade columns left of it are
        # blank too (造成重大生态环境影响的 | 〈blank〉 is a row of its own, not another 100吨以上)
        grades = r[:len(columns)]
        values = [v or (last[i] if i == 0 or not any(grades[1:i]) else "") for i, v in enumerate(grades)]
        last = values
        cells_ = r[len(columns):]
        for k, (cell, party) in enumerate(zip(cells_, parties)):
            if not cell and k > 0 and len(columns) > 1 and not grades[1]:
                cell = last_amount[k]  # the person's fine, one merged cell for the group
            last_amount[k] = cell
            if k > 0 and not cell:
                continue  # no fine for the person in this grade
            spec = amount_spec(cell)
            if spec is None:
                return None, "amount unreadable"
            if spec == "none":
                continue
            when = {c: v for c, v in zip(columns, values) if v and (c != "违法行为" or act_column)}
            if party:
                when["处罚对象"] = party
            out.append({"when": when, **spec})
    if not out:
        return None, "no rows"
    entry = _entry(number, title, rows, catalogs)
    if isinstance(entry, str):
        return None, entry
    names = [c for c in columns if c != "违法行为" or act_column] + (["处罚对象"] if n_amounts > 1 else [])
    entry["graded"] = {"columns": names, "rows": out}
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


def fixed_rows(rows: list[list[str]], override: dict) -> list[list[str]]:
    """An override's ``replace`` pairs [old, new] on the section's rows written one a line with cells joined by " | "
    (a cell split by a page break: two lines into one; a typo: the printed words into the right ones). Each old text
    must occur exactly once, so a change in the source stops the script instead of going unseen."""
    if not override.get("replace"):
        return rows
    text = "\n".join(" | ".join(r) for r in rows)
    for old, new in override["replace"]:
        if text.count(old) != 1:
            raise SystemExit(f"{override['id']}: the text to replace occurs {text.count(old)} times: {old[:60]}")
        text = text.replace(old, new)
    return [line.split(" | ") for line in text.split("\n") if line]


def render(source: Path) -> tuple[str, dict]:
    catalogs = load_catalogs()
    text = (source / TABLE).read_text(encoding="utf-8")
    entries, why = [], {}
    overrides = {o["id"]: o for o in yaml.safe_load(OVERRIDES.read_text(encoding="utf-8")) or ()} if OVERRIDES.exists() else {}
    seen: set[str] = set()
    for number, title, rows in sections(text):
        if number in seen:  # the source prints a number twice (§8.17 for 十八): the override names the right one
            number = overrides.get(f"GD-ECO-{number}", {}).get("repeated_as", f"GD-ECO-{number}").removeprefix("GD-ECO-")
            if number in seen:
                raise SystemExit(f"§{number} twice and no override says which section the second is")
        seen.add(number)
        rows = fixed_rows(rows, overrides.get(f"GD-ECO-{number}", {}))
        entry, reason = weighted(number, title, rows, catalogs)
        if entry is None and reason == "not weighted":
            entry, reason = graded(number, title, rows, catalogs,
                                   act_column=overrides.get(f"GD-ECO-{number}", {}).get("act_column", False))
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
                     "由 scripts/build_guangdong_eco_baseline.py 从 shared/domain/baselines/guangdong_eco 生成（权重累加表与幅度罚款表）",
           "region_prefix": "44", "domains": ["ecology_environment"], "overlap_policy": "widest",
           # 《广东省生态环境行政处罚自由裁量权规定》（粤环发〔2021〕7号）第二十一条, read in shared/domain/baselines
           "same_kind": {"means": "same_provision", "basis": "《广东省生态环境行政处罚自由裁量权规定》（粤环发〔2021〕7号）第二十一条："
                         "本《裁量权规定》所称“同类违法行为”指以同一法律、法规或规章条款项进行查处的违法行为"},
           "entries": entries}
    header = "# generated by scripts/build_guangdong_eco_baseline.py — do not edit; corrections: scripts/guangdong_eco_overrides.yaml\n"
    return header + yaml.dump(doc, allow_unicode=True, sort_keys=False, width=100000), why


JIANGMEN = "jiangmen_eco_caiLiang_cankaobiao_2020.csv"
OUT_JIANGMEN = ROOT / "catalogs" / "discretion" / "jiangmen_eco_2020.yaml"
# 江环〔2020〕10号第十八条: 自2020年3月1日起施行，有效期三年. From 2022-01-01 the provincial table (粤环发〔2021〕7号) governs
# every level (its 第二条); a municipal table is to be made on its basis, which the 2020 table was not — so it is used
# for decisions before 2022-01-01 only (the later and higher rule prevails in the overlap to 2023-03-01).
JIANGMEN_FROM, JIANGMEN_TO = date(2020, 3, 1), date(2022, 1, 1)
FINE_TEXT = re.compile(r"处以?处?(?P<amount>[^，；。]*?)(?:的)?罚款")
JM_PERSON = "；对责任人员可以处"
JM_RESPONSIBLE = "对责任人处"
JM_NO_FINE = re.compile(r"^报经有批准权的人民政府批准，责令停业$")
JM_CAPPED = re.compile(r"^按照(?P<base>直接损失|直接经济损失)的(?P<pct>[\d.]+)%计算罚款，但是最高不超过(?P<cap>.+元)$")
CN_NUMBER = r"[零〇一二两三四五六七八九十]+"


def _arabic(text: str) -> str:
    """百分之三十 → 30%; 三倍 → 3倍 (the 江门 table writes shares and multiples in Chinese numerals)."""
    text = re.sub(rf"百分之({CN_NUMBER})", lambda m: f"{value(m.group(1)):g}%", text)
    return re.sub(rf"({CN_NUMBER})倍", lambda m: f"{value(m.group(1)):g}倍", text)


def jm_fine(text: str):
    """One 江门 裁量标准 → [(处罚对象 or None, amount spec)], or None (unreadable): the fine of the 处…罚款 clause, and
    where it adds 对责任人员可以处…, the person's fine as a second spec."""
    text = _arabic(text.replace(" ", "").replace("％", "%").rstrip("。"))
    if re.fullmatch(r"(?:责令改正，)?给予警告", text):
        return [(None, {"range": [0.0, 0.0], "warning": True})]
    m = JM_CAPPED.match(text)
    if m:
        cap = value(m.group("cap").removesuffix("元"))
        return None if cap is None else [(None, {"multiple": [float(m.group("pct")) / 100] * 2, "of": "other",
                                                  "of_label": m.group("base"), "cap": cap})]
    if text.startswith(JM_RESPONSIBLE):  # 序号5-1 等级1–5 of its third group: 对责任人处五万元以上七万元以下罚款
        m = FINE_TEXT.search(text)
        spec = amount_spec(m.group("amount")) if m else None
        return None if spec in (None, "none") else [("个人", spec)]
    unit, _, person = text.partition(JM_PERSON)
    out = []
    for party, part in (("单位" if person else None, unit), ("个人", person)):
        if not part:
            continue
        m = FINE_TEXT.search(part if part is unit else "处" + part)
        spec = amount_spec(m.group("amount")) if m else None
        if spec is None or spec == "none":
            return None
        out.append((party, spec))
    return out


def _jm_fixed(row: dict, override: dict) -> dict:
    """An override's ``replace`` pairs on the 裁量标准 and 法律依据 of the section's rows (a typo of the source)."""
    if not override.get("replace"):
        return row
    row = dict(row)
    for old, new in override["replace"]:
        for key in ("裁量标准", "法律依据"):
            row[key] = row[key].replace(old, new)
    return row


def render_jiangmen(source: Path) -> tuple[str, dict]:
    import csv

    catalogs = load_catalogs()
    overrides = {o["id"]: o for o in yaml.safe_load(OVERRIDES.read_text(encoding="utf-8")) or ()} if OVERRIDES.exists() else {}
    rows = list(csv.DictReader((source / JIANGMEN).open(encoding="utf-8")))
    by_section: dict[str, list[dict]] = {}
    for r in rows:
        by_section.setdefault(r["序号"].strip(), []).append(r)
    entries, why = [], {}
    for number, group in by_section.items():
        group = [_jm_fixed(r, overrides.get(f"JM-ECO-{number}", {})) for r in group]
        graded_rows, bad = [], False
        by_party = any(JM_PERSON in r["裁量标准"] or r["裁量标准"].strip().startswith(JM_RESPONSIBLE) for r in group)
        for r in group:
            if JM_NO_FINE.search(r["裁量标准"]):
                continue  # a grade whose penalty is 责令停业 (报经…批准), not a fine
            specs = jm_fine(r["裁量标准"])
            if specs is None:
                bad = True
                break
            when = {"裁量情节": " ".join(r["裁量情节"].split())}
            for party, spec in specs:
                graded_rows.append({"when": {**when, **({"处罚对象": party or "单位"} if by_party else {})}, **spec})
        if bad or not graded_rows:
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
                      "brackets": [], "graded": {"columns": ["裁量情节"] + (["处罚对象"] if by_party else []),
                                                 "rows": graded_rows}})
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
    jm_ex_text, jm_ex_items = render_jiangmen_exemptions(args.source)
    if args.check:
        return int(any(not path.exists() or path.read_text(encoding="utf-8") != body
                       for path, body in ((OUT, text), (OUT_JIANGMEN, jm_text), (OUT_EXEMPT, ex_text),
                                          (OUT_JM_EXEMPT, jm_ex_text))))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    OUT_JIANGMEN.write_text(jm_text, encoding="utf-8")
    OUT_EXEMPT.parent.mkdir(parents=True, exist_ok=True)
    OUT_EXEMPT.write_text(ex_text, encoding="utf-8")
    OUT_JM_EXEMPT.write_text(jm_ex_text, encoding="utf-8")
    print(f"江环〔2021〕231号: {jm_ex_text.count(chr(10) + '- id: JM-ECO-X')} of {jm_ex_items} items written")
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


JM_EXEMPT = "jiangmen_eco_buyuchufa_qingdan_JiangHuan2021-231.md"
OUT_JM_EXEMPT = ROOT / "catalogs" / "discretion_exemptions" / "jiangmen_eco_2022.yaml"
# 江环〔2021〕231号 备注五: 自2022年2月1日起施行，有效期三年
JM_EXEMPT_FROM, JM_EXEMPT_TO = date(2022, 2, 1), date(2025, 2, 1)
JM_DECISION = (
    "# How it relates to 粤环发〔2021〕7号 附件2 (the provincial list, 2022-01-01): 《广东省生态环境行政处罚自由裁量权规定》\n"
    "# 第二条 lets each 地级以上市 department make its own rules for its area on the basis of the provincial ones, and\n"
    "# 第十三条（三） keeps the provincial list binding everywhere. So in 江门 both lists apply from 2022-02-01: the\n"
    "# provincial items are not replaced, the municipal ones are added (region 4407). Every municipal item is marked\n"
    "# generic: false — 备注二 excludes any violation inside a 生态环境敏感区 (自然保护区、风景名胜区、饮用水源保护区、\n"
    "# 人居环境敏感区), which a package cannot state, so DIS-016 asks the reviewer instead of finding a fault.\n")


def render_jiangmen_exemptions(source: Path) -> str:
    """江环〔2021〕231号 不予处罚清单: each ### item (conduct), its first cited 违反条款, and its 不予处罚的情节."""
    catalogs = load_catalogs()
    notes = []
    items, current, part = [], None, None
    for line in (source / JM_EXEMPT).read_text(encoding="utf-8").splitlines():
        s = line.strip()
        m = re.match(r"^###\s*(\d+)、(.+)$", s)
        if m:
            current = {"no": int(m.group(1)), "conduct": m.group(2).strip(), "violated": [], "conditions": ""}
            items.append(current)
            part = None
        elif s.startswith("::: details 违反条款"):
            part = "violated"
        elif s.startswith("::: tip 不予处罚的情节"):
            part = "conditions"
        elif s == ":::":
            part = None
        elif current is not None and part == "violated" and s.startswith("- "):
            current["violated"].append(re.sub(r":mag:.*$", "", s[2:]))
        elif current is not None and part == "conditions" and s:
            current["conditions"] += s
        elif current is None and re.match(r"^[一二三四五六七八九十]+、", s):
            notes.append(s)
    entries = []
    for it in items:
        cited = [x for text in it["violated"][:1] for x in parse(text, catalogs.name_finder) if x.article][:1]
        if not cited:
            continue
        r = resolve(cited[0], catalogs, JM_EXEMPT_FROM)
        entry = {"id": f"JM-ECO-X{it['no']}", **({"law_id": r.law.id} if r.law else {"law_name": cited[0].law_name}),
                 "article": cited[0].article}
        if cited[0].paragraph:
            entry["paragraph"] = cited[0].paragraph
        entry.update({"conduct": it["conduct"],
                      "conditions": it["conditions"] + "（备注二：生态环境敏感区内发生的环境违法行为不适用）",
                      "generic": False, "source_row": f"第{it['no']}项"})
        entries.append(entry)
    doc = {"catalog": "discretion_exemptions", "version": "2026.1", "effective_from": JM_EXEMPT_FROM,
           "effective_to": JM_EXEMPT_TO,
           "source": "江环〔2021〕231号《江门市生态环境依法不予行政处罚的轻微环境违法行为清单》（江门市生态环境局，2022-02-01施行，有效期三年；"
                     "与粤环发〔2021〕7号附件2并行适用）；由 scripts/build_guangdong_eco_baseline.py 生成",
           "region_prefix": "4407", "domains": ["ecology_environment"], "entries": entries}
    return ("# generated by scripts/build_guangdong_eco_baseline.py — do not edit\n" + JM_DECISION
            + yaml.dump(doc, allow_unicode=True, sort_keys=False, width=100000)), len(items)


if __name__ == "__main__":
    sys.exit(main())
