"""A JSON pointer into a case package, said in words for people (an official document shows no JSON paths):
/evidence/1/obtained_by → 证据目录第2项“现场检查笔录”的取证人员."""
from __future__ import annotations

from .context import PENALTY_LABELS, STEP_LABELS
from .models.package import FIELDS

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
    if not tokens:
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
        from .fines import AMOUNT_LABELS

        key = AMOUNT_LABELS.get(rest[1], rest[1]) if field == "amounts" else rest[1]
        return {"amounts": "金额", "quantities": "数量", "factors": "裁量要素"}[field] + f"“{key}”"
    return _label(model, field)
