"""Turn whatever a caller hands us into a ``CasePackage`` — or into one clear problem per bad field,
in Chinese and English, each naming its JSON pointer. Never a traceback."""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional, Union, get_args

from pydantic import BaseModel, ValidationError

from review_assistant.case.limits import (
    PACKAGE_BYTES as MAX_BYTES,  # a real package is a few tens of KB; 5 MiB leaves room for long narratives
)
from review_assistant.case.models.package import FIELDS, CasePackage, OfficerRole, StepKind


@dataclass(frozen=True)
class Problem:
    where: str  # JSON pointer
    zh: str
    en: str

    def line(self) -> str:
        return f"{self.where or '/'}: {self.zh} / {self.en}"


class InputError(Exception):
    status = 422

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


class TooLarge(InputError):
    """A package over the one per-package limit (limits.PACKAGE_BYTES): 413 wherever it arrives."""
    status = 413

    def __init__(self, size: int):
        super().__init__([Problem("", f"案卷包过大（{size} 字节，上限 {MAX_BYTES} 字节）",
                                  f"package too large ({size} bytes, limit {MAX_BYTES})")])


_ZH = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "bool_type": "应为布尔值（true 或 false）",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "不得为负数",
    "less_than_equal": "数值过大",
    "finite_number": "应为有限数值",
    "date_range": "日期超出合理范围（1949-10-01 至 2100-12-31）",
    "iso_date": "日期格式应为 YYYY-MM-DD",
    "impossible_date": "日期不存在",
    "hh_mm": "时间格式应为 HH:MM 或 YYYY-MM-DDTHH:MM",
    "string_pattern_mismatch": "格式不符",
    "string_too_short": "不能为空",
    "string_too_long": "内容过长",
    "too_long": "项目过多（超过上限）",
    "too_many_extra": "未知字段过多（每个对象最多 100 个，字段名最长 100 个字符）",
}


def pointer(loc: Iterable[Any]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in loc)


def parse_package(source: Union[CasePackage, dict, str, bytes]) -> CasePackage:
    """Model, dict, or JSON text/bytes → a validated, date-consistent ``CasePackage``. A key written twice in one
    object and a NUL character anywhere are refused, naming the place."""
    if isinstance(source, CasePackage):
        package = source
    else:
        try:
            if isinstance(source, (str, bytes, bytearray)):
                text = _checked_text(source)
                duplicate, values = _scan(text)
                if duplicate:
                    raise InputError([Problem(duplicate, "同一对象中重复的键（只能出现一次）", "duplicate key in one object")])
                if values > MAX_VALUES:  # a real file has a few thousand; millions of tiny values would cost gigabytes
                    raise InputError([Problem("", f"案卷包的数据项超过上限（{MAX_VALUES} 个）",
                                              f"the package holds more than {MAX_VALUES} JSON values")])
                package = CasePackage.model_validate_json(text)
            elif isinstance(source, dict):
                package = CasePackage.model_validate(source)
            else:
                raise InputError([_NOT_OBJECT])
        except ValidationError as err:
            package = _without_our_extensions(source, err)
    # a NUL can only come from a \u0000 escape in JSON text (a raw one is no JSON); a dict or model is walked
    maybe = not isinstance(source, (str, bytes, bytearray)) or "\\u0000" in text or "\x00" in text
    nul = _first_nul(package.model_dump(mode="json", exclude_none=True)) if maybe else None
    if nul is not None:
        raise InputError([Problem(nul, "含有 NUL 控制字符（\\u0000）", "contains a NUL character")])
    package = _recordal_read_as_such(package)
    problems = list(date_problems(package))
    if problems:
        raise InputError(problems)
    return package


def _recordal_read_as_such(package: CasePackage) -> CasePackage:
    """A step coded ``filing`` (立案) on or after the decision whose notes say it is the decision's 备案 (决定书报……备案:
    行政处罚法第五十二条第三款, 治安管理处罚法第一百零一条第三款) is that, not a 立案 after the decision: it is read as an ``other``
    step of the case system's own kind (kept in place)."""
    steps = package.steps or []
    decided = min((s.date for s in steps if s.kind == "decision" and s.date), default=None)
    if decided is None or not any(_is_recordal(s, decided) for s in steps):
        return package
    return package.model_copy(update={"steps": [
        s.model_copy(update={"kind": "other", "own_kind": "filing（备案）"}) if _is_recordal(s, decided) else s for s in steps]})


def _is_recordal(step, decided) -> bool:
    return step.kind == "filing" and bool(step.date and step.date >= decided and _RECORDAL.search(step.notes or ""))


def _without_our_extensions(source, err: ValidationError) -> CasePackage:
    """The package validated again without the fields it failed on, when every failure is in a field of a name we added
    to v1 (the contract lets a case system add fields of its own: ``presider`` written as an object is its field, not a
    mistake). Those are set aside and reported; any other failure is the package's own error, named."""
    errors = err.errors()
    own_codes = [e for e in errors if _own_code(e)]
    errors = [e for e in errors if not _own_code(e)]
    culprits = [_extension_prefix(e["loc"]) or _own_structure(e) for e in errors]
    if any(c is None for c in culprits) or not isinstance(source, (str, bytes, bytearray, dict)):
        # the package's own errors, named; a field of the case system's own that shares a name of ours is no error
        raise InputError([_problem(e) for e, c in zip(errors, culprits) if c is None] or
                         [_problem(e) for e in errors]) from None
    data = json.loads(source) if not isinstance(source, dict) else json.loads(json.dumps(source))
    kinds = []
    for e in own_codes:  # the entry stays where it is (every later pointer still names the file's own place)
        entry, field = data[e["loc"][0]][e["loc"][1]], e["loc"][2]
        entry[f"own_{field}"], code = entry[field], entry[field]
        ours = next((k for words, k in OWN_CODE_WORDS.get((e["loc"][0], field), ()) if words.search(code)), None)
        if ours:
            entry[field] = ours  # the event v1.5 has a code for, named in the case system's own words (urge_notice)
        elif OWN_CODES[(e["loc"][0], field)] is None:
            del entry[field]
        else:
            entry[field] = OWN_CODES[(e["loc"][0], field)]
        kinds.append((pointer(e["loc"]), code, ours))
    aside = []
    for prefix in dict.fromkeys(culprits):
        node = data
        for part in prefix[:-1]:
            node = node[part]
        if isinstance(node, dict) and prefix[-1] in node:
            del node[prefix[-1]]
            aside.append(pointer(prefix))
    try:
        package = CasePackage.model_validate_json(json.dumps(data, ensure_ascii=False))
    except ValidationError as again:
        raise InputError([_problem(e) for e in again.errors()]) from None
    package._set_aside = aside
    package._own_kinds = kinds
    return package


# a code of the case system's own in a v1 enumeration: lower-case words joined by _ that are no misspelling of one of
# ours. 催告 (reminder), 申请强制执行 (court_enforcement_application), 复议决定 (reconsideration_decision) are events v1
# has no code for; an own step kind becomes ``other`` (kept in place, read by no rule), an own officer role is left
# unread (the officer is still checked). 'decison' is a typo: refused, naming the field
OWN_CODES = {("steps", "kind"): "other", ("officers", "role"): None}
# the events v1.5 gave codes to, as case systems name them with codes of their own (blind sets AW: reminder,
# court_enforcement_application; BD: urge_notice, enforcement_application): read as those codes, the own code kept
# (the same codes name the papers of those events in `documents`: rules/procedure.py reads them there too)
OWN_ENFORCEMENT_APPLICATION_CODE = re.compile(
    r"^(?!.*(?:ruling|decision|execution|result|accept|approv|review|examin|draft|prepar|return|withdraw))"
    r"(?:.*_)?(?:(?:court_)?enforce(?:ment)?_appl|apply_(?:for_)?(?:court_)?enforce)")
OWN_REMINDER_CODE = re.compile(r"^(?!.*(?:hearing|rectif|correct|inspect|period|expir|statement))"
                               r"(?:.*_)?(?:remind|urge(?:_|$)|cuigao|demand_(?:notice|letter))")
OWN_CODE_WORDS = {("steps", "kind"): (
    (OWN_ENFORCEMENT_APPLICATION_CODE, "court_enforcement_application"),
    (OWN_REMINDER_CODE, "reminder"),
)}
_OWN_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+){0,7}")
_CODES = {("steps", "kind"): get_args(StepKind), ("officers", "role"): get_args(OfficerRole)}


def _own_code(e) -> bool:
    loc, value = e["loc"], e.get("input")
    return (len(loc) == 3 and (loc[0], loc[2]) in OWN_CODES and isinstance(loc[1], int)
            and e["type"] == "literal_error" and isinstance(value, str) and len(value) <= 60
            and _OWN_CODE.fullmatch(value) is not None
            and not difflib.get_close_matches(value, _CODES[(loc[0], loc[2])], n=1, cutoff=0.9))


def _extension_prefix(loc) -> Optional[tuple]:
    """The part of an error's location that ends at a field we added to v1 (fields.yaml ``since`` or ``extension``), or at
    a free key whose value the contract does not type."""
    cls = CasePackage
    for i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        if cls is None or part not in cls.model_fields:
            return None
        if part in _our_fields(cls.__name__):
            return tuple(loc[: i + 1])
        if (cls.__name__, part) in FREE_KEYS and i + 2 == len(loc):
            # the value under the case system's own key (an over-long key itself stays an error: loc ends in [key])
            return tuple(loc[: i + 2])
        cls = next((t for t in _types(cls.model_fields[part].annotation)
                    if isinstance(t, type) and issubclass(t, BaseModel)), None)
    return None


# objects whose keys the contract leaves free (violation.quantities: area_mu, weight_kg, items…): a value that is no
# number (一般耕地，非永久基本农田) is the case system's description, set aside, not an invalid package. Amounts stay numbers:
# the contract says so.
FREE_KEYS = {("Violation", "quantities")}


def _own_structure(e) -> Optional[tuple]:
    """An object or list under a key of ``violation.amounts`` (illegal_income_by_party: {张某: 24960, 李某: 16640}): the case
    system's own breakdown, never a sum of money in yuan — set aside with a notice. A string or a negative figure stays
    an error of the amount it stands for."""
    loc = e["loc"]
    if len(loc) == 3 and tuple(loc[:2]) == ("violation", "amounts") and isinstance(e.get("input"), (dict, list)):
        return tuple(loc)
    return None


@lru_cache(maxsize=None)
def _our_fields(model: str) -> frozenset:
    return frozenset(k for k, e in FIELDS.get(model, {}).items() if e.get("since") or e.get("extension"))


_NOT_OBJECT = Problem("", "案卷包应为 JSON 对象", "the case package must be a JSON object")
_DUP = "\x00duplicate"  # a marker no package can carry (NUL is refused everywhere)


MAX_VALUES = 100_000


def _scan(text: str) -> tuple[Optional[str], int]:
    """(the JSON pointer of the first key written twice in one object, or None; the number of values). Malformed
    JSON is left to the parser, which names the line and column. The tree is walked (building pointers) only when
    a duplicate was seen or the text could hold more values than allowed: values <= colons + commas + arrays + 1."""
    seen_duplicate = False

    def pairs(items):
        nonlocal seen_duplicate
        out = dict(items)
        if len(out) != len(items):
            seen_duplicate = True
            seen: dict = {}
            for key, value in items:
                if key in seen:
                    return {_DUP: key}
                seen[key] = value
        return out
    try:
        tree = json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None, 0
    bound = text.count(":") + text.count(",") + text.count("[") + 1
    if not seen_duplicate and bound <= MAX_VALUES:
        return None, bound
    return _find_marker(tree, "")


def _find_marker(node, where: str) -> tuple[Optional[str], int]:
    stack, count = [(node, where)], 0
    while stack:
        node, where = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return None, count  # counted far enough: refused whatever the rest holds
        if isinstance(node, dict):
            if _DUP in node:
                return where + "/" + str(node[_DUP]).replace("~", "~0").replace("/", "~1"), count
            stack.extend((v, f"{where}/{str(k).replace('~', '~0').replace('/', '~1')}") for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{where}/{i}") for i, v in enumerate(node))
    return None, count


def _first_nul(node, where: str = "") -> Optional[str]:
    stack = [(node, where)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                return where or "/"
        elif isinstance(node, dict):
            for k, v in node.items():
                path = f"{where}/{str(k).replace('~', '~0').replace('/', '~1')}"
                if "\x00" in str(k):
                    return path
                stack.append((v, path))
        elif isinstance(node, list):
            stack.extend((v, f"{where}/{i}") for i, v in enumerate(node))
    return None


def _checked_text(source: Union[str, bytes, bytearray]) -> Union[str, bytes]:
    """Refuse what is too large or not UTF-8 before the JSON parser sees it."""
    size = len(source.encode("utf-8") if isinstance(source, str) else source)
    if size > MAX_BYTES:
        raise TooLarge(size)
    if isinstance(source, (bytes, bytearray)):
        try:
            return bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError([Problem("", f"不是 UTF-8 编码的文本（第 {err.start} 字节）",
                                      f"not UTF-8 text (byte {err.start})")]) from None
    return source


def _problem(e: dict) -> Problem:
    if e["type"] == "json_invalid":
        return Problem("", "JSON 格式错误：" + _json_position(e["msg"]) + _json_cause(e["msg"]), e["msg"])
    if e["type"] in ("model_type", "model_attributes_type") and not e["loc"]:
        return _NOT_OBJECT
    where = pointer(e["loc"])
    zh = _ZH.get(e["type"], "取值无效")
    ctx = e.get("ctx") or {}
    if e["type"] == "literal_error" and "expected" in ctx:
        zh += f"（可选：{ctx['expected']}）"
    if e["type"] == "string_pattern_mismatch" and where.endswith("region_code"):
        zh = "区划代码应为6位数字"
    return Problem(where, zh, e["msg"])


def _json_cause(message: str) -> str:
    """What the parser's English says, in Chinese, where it is not a plain syntax error."""
    if "hex escape" in message or "surrogate" in message:
        return "（\\u 转义不完整，或为不成对的 Unicode 代理项 \\uD800–\\uDFFF）"
    if "recursion" in message or "nest" in message:
        return "（嵌套过深）"
    if "number" in message and ("large" in message or "exceed" in message or "digits" in message or "range" in message):
        return "（数字过长或超出范围）"
    return ""


def _json_position(message: str) -> str:
    match = re.search(r"line (\d+) column (\d+)", message)
    return f"第 {match.group(1)} 行第 {match.group(2)} 列" if match else "无法解析"


_RECORDAL = re.compile(r"^(?!.*立案).*备案", re.S)


def date_problems(p: CasePackage) -> Iterable[Problem]:
    """Dates that cannot all be true at once."""
    steps = list(enumerate(p.steps or ()))
    filings = [s.date for _, s in steps if s.kind == "filing" and s.date]
    first_filing = min(filings) if filings else None
    if first_filing:
        for i, s in steps:
            if s.kind == "decision" and s.date and s.date < first_filing:
                yield Problem(f"/steps/{i}/date", f"决定日期 {s.date} 早于立案日期 {first_filing}",
                              f"decision date {s.date} is before the filing date {first_filing}")
        if p.submitted_on and p.submitted_on < first_filing:
            yield Problem("/submitted_on", f"送审日期 {p.submitted_on} 早于立案日期 {first_filing}",
                          f"submitted_on {p.submitted_on} is before the filing date {first_filing}")
    v = p.violation
    if v and v.occurred_on:
        if v.ended_on and v.ended_on < v.occurred_on:
            yield Problem("/violation/ended_on", "违法行为终了日期早于发生日期", "ended_on is before occurred_on")
        for i, party in enumerate(p.parties or ()):
            if party.birth_date and party.birth_date > v.occurred_on:
                yield Problem(f"/parties/{i}/birth_date", "出生日期晚于违法行为发生日期",
                              "birth_date is after the violation occurred")
    for i, o in enumerate(p.officers or ()):
        if o.cert and o.cert.valid_from and o.cert.valid_to and o.cert.valid_to < o.cert.valid_from:
            yield Problem(f"/officers/{i}/cert/valid_to", "执法证有效期截止日早于起始日", "cert valid_to is before valid_from")


def unknown_fields(model: BaseModel, where: str = "") -> Iterable[str]:
    """JSON pointers of every field the contract does not define (kept as submitted)."""
    for key in model.__pydantic_extra__ or ():
        yield f"{where}/{key}"
    values = model.__dict__
    for name in _nested_fields(type(model)):
        value = values.get(name)
        if isinstance(value, BaseModel):
            yield from unknown_fields(value, f"{where}/{name}")
        elif isinstance(value, list):
            for i, element in enumerate(value):
                # a model with no unknown field and no model inside (a step, a piece of evidence …) has nothing to say
                if isinstance(element, BaseModel) and (element.__pydantic_extra__ or _nested_fields(type(element))):
                    yield from unknown_fields(element, f"{where}/{name}/{i}")


@lru_cache(maxsize=None)
def _nested_fields(cls) -> tuple[str, ...]:
    """Fields of a model class whose annotation mentions another model: only those can hide unknown fields."""
    return tuple(name for name, field in cls.model_fields.items()
                 if any(isinstance(t, type) and issubclass(t, BaseModel) for t in _types(field.annotation)))


def _types(annotation) -> Iterable:
    yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _types(arg)


_BATCH_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")


def split_batch(body: Union[str, bytes, bytearray], max_items: int) -> list[str]:
    """A batch request's body → the text of each package as the client wrote it, so that each is read exactly as a
    single submission is (duplicate keys, NUL, its own size limit, every error named inside it). The array itself must
    be well-formed JSON: an error in it (or an item that cannot even be delimited) refuses the whole batch, bilingual,
    naming the place."""
    if isinstance(body, (bytes, bytearray)):
        try:
            text = bytes(body).decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError([Problem("", f"不是 UTF-8 编码的文本（第 {err.start} 字节）", f"not UTF-8 text (byte {err.start})")]) from None
    else:
        text = body
    pos = _WS.match(text).end()
    if not text.startswith("[", pos):
        raise InputError([Problem("", "批量审查的请求体应为案卷包的 JSON 数组", "the body must be a JSON array of case packages")])
    pos = _WS.match(text, pos + 1).end()
    items: list[str] = []
    if text.startswith("]", pos):
        return items
    while True:
        if len(items) >= max_items:
            raise InputError([Problem("", f"一次至多提交 {max_items} 个案卷包", f"at most {max_items} packages in one batch")])
        try:
            value, end = _BATCH_DECODER.raw_decode(text, pos)  # to find the item's end (parse_package reads it again)
        except ValueError as err:  # malformed JSON, or a number too long for Python to read (5,000 digits)
            if not hasattr(err, "colno"):
                raise InputError([Problem(f"/{len(items)}", "JSON 格式错误：数字过长（超过 4300 位）",
                                          "malformed JSON: a number of more than 4300 digits")]) from None
            where = f"第 {err.lineno} 行第 {err.colno} 列"
            raise InputError([Problem(f"/{len(items)}", f"JSON 格式错误：{where}", f"malformed JSON: {err.msg} ({where})")]) from None
        except RecursionError:
            raise InputError([Problem(f"/{len(items)}", "JSON 嵌套过深", "JSON nested too deeply")]) from None
        if not isinstance(value, dict):  # the array's own shape: each element a package (an object)
            raise InputError([Problem(f"/{len(items)}", "批量审查的每一项应为案卷包（JSON 对象）",
                                      "each item of the batch must be a case package (a JSON object)")])
        items.append(text[pos:end])
        pos = _WS.match(text, end).end()
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()
            if text.startswith("]", pos):
                raise InputError([Problem("", f"JSON 格式错误：第 {text.count(chr(10), 0, pos) + 1} 行（“]”前多了“,”）",
                                          "malformed JSON: a trailing comma before ']'")])
            continue
        if text.startswith("]", pos):
            rest = _WS.match(text, pos + 1).end()  # JSON's own whitespace only after the array, as between its items
            if rest == len(text):
                return items
            pos = rest
        raise InputError([Problem("", f"JSON 格式错误：第 {text.count(chr(10), 0, pos) + 1} 行（数组之后或两项之间有多余的内容）",
                                  "malformed JSON: unexpected text after an item or after the array")])
