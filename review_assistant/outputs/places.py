"""A JSON pointer into a case package, said in words for people (an official document shows no JSON paths):
/evidence/1/obtained_by → 证据目录第2项“现场检查笔录”的取证人员."""
from __future__ import annotations

from functools import lru_cache

from review_assistant.case.labels import PENALTY_LABELS, SERVICE_METHODS, STEP_LABELS
from review_assistant.case.models.package import FIELDS

SECTIONS = {
    "agency": "执法主体", "parties": "当事人", "violation": "违法行为", "citations": "法律依据", "proposed_decision": "拟处理决定",
    "officers": "执法人员", "steps": "程序环节", "evidence": "证据目录", "documents": "文书目录", "facts_text": "事实认定",
    "decision_text": "处罚决定书", "excluded_periods": "不计入期限的期间",
}
LISTS = {"parties": "Party", "officers": "Officer", "steps": "Step", "evidence": "Evidence", "documents": "Document",
         "excluded_periods": "ExcludedPeriod"}
CHILD = {"agency": "Agency", "violation": "Violation", "citations": "Citations", "proposed_decision": "Decision",
         "penalties": "Penalty", "cert": "Cert", "representative": "Representative", "participants": "Participant"}
CITATION_FIELDS = {"violated": "违法依据", "penalty": "处罚依据", "discretion": "裁量基准条目", "general": "同时引用的规定"}


def _label(model: str, field: str) -> str:
    """The field's Chinese name: fields.yaml's description up to its first punctuation."""
    entry = FIELDS.get(model, {}).get(field)
    if not entry:
        return field
    text = entry["zh"]
    for mark in ("：", "（", "，", "；", "。"):
        text = text.split(mark)[0]
    return text.strip() or field


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]] if pointer else []


def place(package: dict, pointer: str) -> str:
    """Words for ``pointer`` in ``package`` (a dict as submitted)."""
    tokens = _tokens(pointer)
    if not tokens or tokens == [""]:  # "" and "/" both stand for the whole package
        return "案卷包整体"
    head, rest = tokens[0], tokens[1:]
    section = SECTIONS.get(head, _label("CasePackage", head))
    node = package.get(head) if isinstance(package, dict) else None
    if head == "citations" and rest:
        words = CITATION_FIELDS.get(rest[0], rest[0])
        if len(rest) > 1 and rest[1].isdigit():
            i = int(rest[1])
            items = (node or {}).get(rest[0]) or []
            text = items[i] if i < len(items) and isinstance(items[i], str) else ""
            return f"{words}第{i + 1}项" + (f"“{text[:40]}”" if text else "")
        return words
    if head in LISTS and rest and rest[0].isdigit():
        i = int(rest[0])
        items = node if isinstance(node, list) else []
        item = items[i] if i < len(items) and isinstance(items[i], dict) else {}
        words = f"{section}第{i + 1}项{_describe(head, item)}"
        if len(rest) > 1:
            words += "的" + _field_words(LISTS[head], rest[1:], item)
        return words
    if head in CHILD and rest:
        words = _field_words(CHILD[head], rest, node if isinstance(node, dict) else {})
        return words if words.startswith(section) else f"{section}的{words}"
    return section


def _describe(kind: str, item: dict) -> str:
    if kind == "steps":
        label = STEP_LABELS.get(item.get("kind"), "")
        return f"“{label}（{item['date']}）”" if label and item.get("date") else (f"“{label}”" if label else "")
    title = item.get("title") or item.get("name")
    return f"“{str(title)[:30]}”" if title else ""


def _field_words(model: str, rest: list[str], node: dict) -> str:
    field = rest[0]
    if field in CHILD and len(rest) > 1 and rest[1].isdigit():
        i = int(rest[1])
        items = node.get(field) if isinstance(node, dict) else None
        item = items[i] if isinstance(items, list) and i < len(items) and isinstance(items[i], dict) else {}
        what = PENALTY_LABELS.get(item.get("type"), "") if field == "penalties" else str(item.get("name") or "")
        name = "处罚" if field == "penalties" else _label(model, field)
        words = f"第{i + 1}项{name}" + (f"（{what}）" if what else "")
        if len(rest) > 2:
            words += "的" + _label(CHILD[field], rest[2])
        return words
    if field in ("amounts", "quantities", "factors") and len(rest) > 1:
        from review_assistant.law.fines import AMOUNT_LABELS

        key = AMOUNT_LABELS.get(rest[1], rest[1]) if field == "amounts" else rest[1]
        return {"amounts": "金额", "quantities": "数量", "factors": "裁量要素"}[field] + f"“{key}”"
    return _label(model, field)


# --- the package at a finding's place, for people: Chinese labels and values, no JSON ------------------------
CODES = {
    ("Step", "kind"): STEP_LABELS, ("Penalty", "type"): PENALTY_LABELS,
    ("Evidence", "type"): {"documentary": "书证", "physical": "物证", "audiovisual": "视听资料", "electronic": "电子数据",
                           "witness": "证人证言", "party_statement": "当事人陈述", "expert_opinion": "鉴定意见",
                           "inspection_record": "勘验笔录、现场笔录"},
    ("Evidence", "proves"): {"identity": "主体身份", "act": "违法行为", "amount": "金额数量", "fault": "主观过错", "harm": "危害后果",
                             "circumstance": "情节"},
    ("Officer", "role"): {"investigator": "调查人员", "reviewer": "法制审核人员", "decision_maker": "决定人", "auxiliary": "辅助人员",
                          "hearing_host": "听证主持人"},
    ("Party", "kind"): {"individual": "公民", "individual_business": "个体工商户", "organization": "法人或其他组织"},
    ("Violation", "harm"): {"none": "无", "minor": "轻微", "serious": "严重"},
    ("Violation", "circumstance"): {"minor": "轻微", "ordinary": "一般", "serious": "较重", "especially_serious": "严重"},
    ("Decision", "outcome"): {"penalize": "给予行政处罚", "no_penalty": "不予行政处罚", "refer": "移送司法机关", "revoke_case": "撤销案件"},
    ("Cert", "status"): {"active": "有效", "suspended": "暂扣", "revoked": "注销或吊销"},
    ("Step", "method"): SERVICE_METHODS,
}
QUANTITIES = {"area_mu": "面积（亩）", "area_m2": "面积（平方米）", "weight_kg": "重量（千克）", "items": "件数", "persons": "人数", "days": "天数"}


@lru_cache(maxsize=1)
def document_kinds() -> dict:
    """Document kind code → its name, from the bundled documents catalog."""
    import yaml

    from review_assistant.catalog.loader import bundled_root

    try:
        path = bundled_root() / "documents" / "documents.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {k["code"]: k["label"] for k in data.get("kinds", ())}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
OFFICER_LISTS = {("Step", "officers"), ("Step", "presider"), ("Evidence", "obtained_by")}
NESTED = {"amounts": "amounts", "quantities": "quantities", "factors": "factors"}


def _num(v) -> str:
    """68000.0 → 68,000; 12.5 → 12.5 (a stored package may carry whole amounts as floats)."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, (int, float)) else str(v)


def _value(model: str, field: str, value, names: dict) -> str:
    """A field's value in words: codes in Chinese, 是/否, officers by name, lists joined, nested objects summed up."""
    codes = CODES.get((model, field), {})
    if (model, field) == ("Document", "kind") and isinstance(value, str):
        return document_kinds().get(value) or f"{value}（办案系统的代码，目录未收录）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if (model, field) in OFFICER_LISTS:
        value = [value] if isinstance(value, str) else value
        if isinstance(value, list):
            return "、".join(f"{names[c]}（{c}）" if c in names else str(c) for c in value) or "（无）"
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "、".join(codes.get(v, str(v)) if isinstance(v, str) else str(v) for v in value) or "（无）"
        if all(isinstance(v, dict) and v.get("type") in PENALTY_LABELS for v in value):
            return "；".join(_value(model, "", v, names) for v in value)
        return f"共{len(value)}项"
    if isinstance(value, dict):
        if field == "amounts":
            from review_assistant.law.fines import AMOUNT_LABELS

            return "；".join(f"{AMOUNT_LABELS.get(k, k)} {_num(v)} 元" if isinstance(v, (int, float)) else f"{AMOUNT_LABELS.get(k, k)} {v}"
                            for k, v in value.items())
        if field in ("quantities", "factors"):
            return "；".join(f"{QUANTITIES.get(k, k)} {_num(v)}" for k, v in value.items())
        if value.get("type") in PENALTY_LABELS:  # a penalty (拟处罚、告知的处罚)
            return PENALTY_LABELS[value["type"]] + (f" {_num(value['amount'])} 元" if isinstance(value.get("amount"), (int, float)) else "")
        return "、".join(_label(CHILD.get(field, ""), k) for k in value) or "（无）"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{_num(value)} 元" if model == "Penalty" and field == "amount" else _num(value)
    text = codes.get(value, str(value)) if isinstance(value, str) else str(value)
    return text if len(text) <= 300 else text[:300] + "……"


def fields(package: dict, pointer: str) -> list[tuple[str, str, bool]]:
    """The object around ``pointer`` as (label, value, is-the-place) rows in Chinese, the pointed-to field marked: what
    "在案卷中查看" shows a reviewer instead of JSON. A place the package lacks is one marked row saying so, after the
    fields that are there."""
    tokens = _tokens(pointer)
    names = {o.get("cert_no"): o.get("name") for o in package.get("officers") or () if isinstance(o, dict) and o.get("cert_no")}
    model, node, parent, parent_model, key = "CasePackage", package, None, None, None
    holder = "CasePackage"  # the model of the object that holds the current list
    missing = False
    for token in tokens:
        if isinstance(node, dict):
            holder = model
        child_model = model
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            nxt = node[int(token)]
        elif isinstance(node, dict) and token in node:
            nxt = node[token]
            child_model = (LISTS.get(token) if model == "CasePackage" else None) or CHILD.get(token) or NESTED.get(token, "")
        else:
            missing = True
            key = token
            break
        parent, parent_model, key = node, model, token
        node, model = nxt, child_model
    if missing:
        shown, shown_model = (node if isinstance(node, dict) else {}), model
        if shown_model == "CasePackage":  # a missing top-level field: only that
            return [(_label("CasePackage", key) if key else "案卷包", "（案卷包中没有该项：缺失）", True)]
        rows = _rows(shown_model, shown, names, None)
        return rows + [(_label(shown_model, key), "（案卷包中没有该项：缺失）", True)]
    if not tokens:
        return [("案卷包", "整体", True)]
    if isinstance(node, dict):  # the pointed-to object itself
        return _rows(model, node, names, None)
    if isinstance(node, list) and any(isinstance(v, dict) for v in node):  # a whole list: each item in a line
        kind = tokens[-1] if model != "" else ""
        return [(f"第{i + 1}项", _describe(kind, v).strip("“”") or _value(model, "", v, names), False)
                for i, v in enumerate(node)] or [(_label(parent_model, key), "（无）", True)]
    if isinstance(parent, list):  # an item of a list of values (a citation, an officer's number)
        field = tokens[-2] if len(tokens) > 1 else ""
        return [(f"{_label(holder, field)}第{int(key) + 1}项", _value(holder, field, node, names), True)]
    if parent_model == "CasePackage":  # a top-level field (事实认定、决定书): that field alone, not the whole package
        return [(_label("CasePackage", key), _value("CasePackage", key, node, names), True)]
    return _rows(parent_model, parent, names, key)


def _rows(model: str, obj: dict, names: dict, mark) -> list[tuple[str, str, bool]]:
    if model in ("amounts", "quantities", "factors"):
        from review_assistant.law.fines import AMOUNT_LABELS

        label = (lambda k: AMOUNT_LABELS.get(k, k)) if model == "amounts" else (lambda k: k)
        return [(label(k), f"{_num(v)} 元" if model == "amounts" and isinstance(v, (int, float)) else _num(v), k == mark)
                for k, v in obj.items()]
    return [(_label(model, k), _value(model, k, v, names), k == mark) for k, v in obj.items()]
