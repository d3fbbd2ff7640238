"""Dates written in the narrative (经查明……), read so that they can be compared with the package's own dates.

Only dates whose role the wording makes plain are read: the start of the act (自/从……起, 于/自/从……至……), its end
(至……止, the end of such a range), and a date followed in the same clause by words naming a procedural step (catalog
``narrative_events``). Any other date — a licence's validity, a production date, an earlier case, a deadline set by an
order, another authority's check — says nothing the package records, and is left alone: a clause with one of the words
below is not read at all. Missing a slip is better than a false finding the reviewer has to argue away.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator, Optional

from review_assistant.case.numerals import cn_number

_N = r"[0-9０-９〇零一二三四五六七八九十]"
DATE = re.compile(rf"(?:(?P<y>{_N}{{4}})年)?(?P<m>{_N}{{1,2}})月(?P<d>{_N}{{1,3}})日")
_CLAUSE_END = re.compile(r"[，,。；;：:！？\n]")
_STOP = re.compile("止")
_OPEN, _CLOSE = re.compile("[（(]"), re.compile("[）)]")
_SINCE = re.compile(r"(?:起|开始)")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_RANGE = ("至", "到", "—", "-", "～", "~")
# a day counted from the date written (2025年3月20日接到投诉后于次日立案): the step named after it is not on that date;
# 次日/翌日/第二天 is the next day, a count of days (三日后, 5个工作日内) is left unread
_NEXT_DAY = re.compile("(?<![一二三两四五六七八九十百几数多本首此每该上这再])次日|翌日|第二天|第二日")  # not 一次日常检查
# a count of days to the step (三日内, 两个工作日内, 第三日, 下周一); not a count that says what was looked at (近30日内的记录)
_DAYS_LATER = re.compile(rf"(?<![近前\d０-９〇零一二三四五六七八九十两])(?:{_N}|两|数|几)+\s*(?:个工作日|个自然日|个月|个星期|日|天|周)"
                         rf"(?:后|内|之内)|第(?:\d+|[三四五六七八九十]+)[日天]|隔日|隔天|当月|次月|下周|下月")
# the date of what came first, the step after it (2023年6月5日本局接到……投诉后立案调查: 6月5日 is the complaint's day, the filing
# follows it on a day not written)
_RECEIVED_THEN = re.compile(r"(?:接到|收到|接报|接获|受理)[^。；，,]{0,30}后")
# …后当即立案, 于当日立案, 立即立案: the step is on the written day after all (次日 is counted by _NEXT_DAY)
_SAME_DAY_OR_NEXT = re.compile(r"当即|当日|当天|同日|即日|立即|随即|(?<=后)即(?!将)|次日|翌日|第二天|第二日")  # 受理投诉后即立案
# clauses about something other than this act (validity, products, rules in force, orders, applications, past cases)
_NOT_THE_ACT = re.compile("有效期|生产日期|生产批次|保质期|批号|施行|实施|生效|期限|责令|限期|申请|停止|约谈|曾|此前|另案|届满"
                          "|未更换|未再更换|没有更换|更换后")  # 活性炭自2023年2月27日起未更换: the last replacement, not the act
# clauses about a step that is not this case's own (past cases, other authorities, receipt or service of papers, re-checks,
# the party's own checks)
_NOT_OUR_STEP = re.compile("曾|此前|另案|公安|省局|市局|上级|监督抽检|收到|签收|送达|复查|约谈|委托|解除|延长|侦查|刑事"
                           "|自行检查|自行排查|(?<!对)(?:当事人|其)[^，,。；]{0,10}自(?:查|检)")  # the party's own check (当事人对其仓库自行检查,
# 当事人开展自查) is not ours; our check of its self-inspection (本局……自查自纠情况专项检查) is
# another organ named as the one that acted that day (2024年10月15日长沙市雨花区市场监督管理局检查时发现……, a case transferred
# in): its step, not ours. An organ named in full may be our own: then a date is left unread, never misread
_OTHER_ORGAN = re.compile(r"\s*(?P<organ>[\u4e00-\u9fff]{2,24}?(?:局|委员会|管理所|大队|支队|派出所))(?:执法人员)?(?:在|于)?"
                          r"[^，。；]{0,6}(?:检查|发现|抽检|查获|巡查)")
_OURS = re.compile("本|我|会同")  # 本局卫生监督执法大队, 本局会同区市场监督管理局: our own unit, or we took part


def _another_organ(heading: str, own_name: str) -> bool:
    m = _OTHER_ORGAN.match(heading)
    return bool(m) and _not_ours(m["organ"], own_name)


def _not_ours(organ: str, own_name: str) -> bool:
    return not (_OURS.search(organ) or (own_name and (organ in own_name or own_name in organ)))


# a step's notes that open with the organ that did it (泰和县交通运输局于G105线泰和超限检测站检测……: a case transferred in)
_NOTES_ORGAN = re.compile(r"\s*(?P<organ>[\u4e00-\u9fff]{2,24}?(?:局|委员会|管理所|大队|支队|中队|派出所|检测站))(?:执法人员)?"
                          r"(?!在场|配合|协助|陪同)(?:于|在|对|依法|现场|检查|检测|查获|发现|巡查)")


def done_by_another_organ(notes: str, own_name: str) -> bool:
    """Whether a step's notes say another organ did it (its officers act for that organ's area, not ours)."""
    m = _NOTES_ORGAN.match(notes or "")
    return bool(m) and _not_ours(m["organ"], own_name)
# a range the authority is the subject of (经我局于2025年3月3日至4月21日对你单位……进行检查): its own work, not the act
_BY_THE_AUTHORITY = re.compile(r"(我|本)(局|所|队|委|厅|机关)(（[^）]{0,4}）)?(执法人员)?\s*(于|自|从)\s*$|执法人员\s*(于|自|从)\s*$"
                               r"|(检查组|稽查局?)[^，。；]{0,4}(于|自|从)\s*$")


@dataclass(frozen=True)
class WrittenDate:
    day: date
    start: int
    end: int
    role: str  # "act_start", "act_end", "event"
    step: Optional[str] = None  # for "event": a step kind the clause names (one WrittenDate per kind named)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)  # int reads full-width digits as they are
    text = text.translate(_FULLWIDTH)
    if len(text) == 4 and "十" not in text:  # 二〇二五: digit by digit
        return int("".join(str(cn_number(ch)) for ch in text))
    return cn_number(text)


def _date_matches(text: str) -> Iterator[re.Match]:
    """``DATE.finditer(text)``, read only around each 月: a date's 月 stands at most 7 characters after its start and
    at most 4 before its end, and at a given start DATE can match one way only, so the leftmost match in the window of
    each 月 in turn is the next one finditer would give. The engine no longer tries DATE at every character; the pass
    stays linear (each 月 is looked at once, each window is 12 characters)."""
    pos, k = 0, text.find("月")
    while k >= 0:
        m = DATE.search(text, max(pos, k - 7), k + 5)
        if m:
            yield m
            pos = m.end()
            k = text.find("月", pos)
        else:
            k = text.find("月", k + 1)


def dates_in(text: str) -> Iterator[tuple[date, int, int]]:
    """Every full date; a date without a year (……至6月20日) takes the year written before it, or the next year when
    it ends a range that would otherwise run backwards (2024年12月1日至1月5日). A yearless date earlier than the one
    before it outside a range (2024年11月6日检查……自11月1日起) stays in that year."""
    year, last, last_end = None, None, 0
    for m in _date_matches(text):
        try:
            if m["y"]:
                year = _number(m["y"])
            if year is None:
                continue
            day = date(year, _number(m["m"]), _number(m["d"]))
            if not m["y"] and last and day < last and text[last_end:m.start()].strip() in _RANGE:
                year += 1
                day = date(year, day.month, day.day)
        except ValueError:
            continue  # 2月30日, 2十25年: not a date; the figures rule is not the place to complain about it
        last, last_end = day, m.end()
        yield day, m.start(), m.end()


class _Clauses:
    """Clause marks of a text, found once: each look-up is a bisection, so reading every date stays linear in the
    length of the text (scanning back and forth from each date was quadratic on a text of many dates)."""

    def __init__(self, text: str):
        self.text = text
        self.marks = [m.start() for m in _CLAUSE_END.finditer(text)]
        self.stops = [m.start() for m in _STOP.finditer(text)]
        self.opens = [m.start() for m in _OPEN.finditer(text)]  # found by the regex engine, not a Python loop per character
        self.closes = [m.start() for m in _CLOSE.finditer(text)]
        self._tests: dict[tuple[int, int, int], bool] = {}

    def in_brackets(self, begin: int, pos: int) -> bool:
        """Whether ``pos`` stands inside a bracket opened after ``begin`` (现场检查笔录（2025年3月11日、3月27日）)."""
        depth = lambda at: bisect.bisect_left(self.opens, at) - bisect.bisect_left(self.closes, at)  # noqa: E731
        return depth(pos) > depth(begin)

    def next_mark(self, pos: int) -> int:
        i = bisect.bisect_left(self.marks, pos)
        return self.marks[i] if i < len(self.marks) else len(self.text)

    def stop_within(self, begin: int, stop: int) -> bool:
        """Whether a 止 stands in text[begin:stop]."""
        i = bisect.bisect_left(self.stops, begin)
        return i < len(self.stops) and self.stops[i] < stop

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The clause around a date: from the last clause mark before it to the next one after it."""
        i = bisect.bisect_left(self.marks, start)
        return (self.marks[i - 1] + 1 if i else 0), self.next_mark(end)

    def has(self, pattern: re.Pattern, begin: int, stop: int) -> bool:
        """``pattern`` in text[begin:stop], each clause tested once whatever the number of dates in it."""
        key = (id(pattern), begin, stop)
        if key not in self._tests:
            self._tests[key] = pattern.search(self.text, begin, stop) is not None
        return self._tests[key]


def read(text: str, events, found: Optional[list[tuple[date, int, int]]] = None, own_name: str = "") -> list[WrittenDate]:
    """The dates of ``text`` whose role is plain; ``events`` is [(step kind, regular expression)]; ``found``, the text's
    ``dates_in`` when the caller has them already; ``own_name``, the agency's name (its own units are not another organ)."""
    found = list(dates_in(text)) if found is None else found
    if not found:
        return []
    events = [(kind, re.compile(pattern)) for kind, pattern in events]  # looked up once, not once per date
    clauses = _Clauses(text)
    out = []
    for n, (day, start, end) in enumerate(found):
        before, after = text[max(0, start - 1):start], text[end:end + 2]
        nxt = found[n + 1] if n + 1 < len(found) else None
        prev = found[n - 1] if n else None
        c_begin, c_stop = clauses.around(start, end)
        ends_range = bool(prev and text[prev[2]:start] in _RANGE)
        if not clauses.has(_NOT_THE_ACT, c_begin, c_stop):
            # the authority as the subject right before the range (经我局于…至…), not 本局辖区 elsewhere in the clause
            ours = bool(_BY_THE_AUTHORITY.search(text, max(c_begin, start - 12), start))
            if nxt and text[end:nxt[1]] in _RANGE and before in ("于", "自", "从") and not ours:
                out.append(WrittenDate(day, start, end, "act_start"))
                continue
            ours_range = bool(prev and _BY_THE_AUTHORITY.search(text, max(c_begin, prev[1] - 12), prev[1]))
            if ends_range and text[max(0, prev[1] - 1):prev[1]] in ("于", "自", "从") and not ours_range:
                out.append(WrittenDate(day, start, end, "act_end"))
                continue
            if before in ("自", "从") and _SINCE.match(after):
                out.append(WrittenDate(day, start, end, "act_start"))
                continue
            if before == "至" and clauses.stop_within(end, end + (c_stop - c_begin)) and not (prev and text[prev[2]:start] in _RANGE):
                out.append(WrittenDate(day, start, end, "act_end"))  # ……至2025年4月22日被检查时止: also an event, read on
        begin = end + 1 if text[end:end + 1] in "，," else end  # "2025年4月22日，执法人员……": the date heads the clause
        clause_end = clauses.next_mark(begin)
        if nxt and nxt[1] < clause_end:
            clause_end = nxt[1]  # the next date starts its own event
        heading = text[begin:clause_end]
        if clauses.in_brackets(c_begin, start):
            # a date in brackets after an item of a list belongs to that item (现场检查笔录（…3月27日）、询问笔录), not to
            # the next items; after an actor it heads what follows (执法人员（2025年3月20日）对当事人进行了询问)
            close = next((i for i, c in enumerate(heading) if c in "）)"), None)
            if close is not None and heading[close + 1:close + 2] in ("、", "，", ","):
                heading = heading[:close]
        if clauses.has(_NOT_OUR_STEP, c_begin, c_stop) or _NOT_OUR_STEP.search(heading) or _another_organ(heading, own_name):
            continue
        if ends_range:
            continue  # ……2022年1月1日至2024年12月31日纳税情况进行检查: the period looked at, not the day of the step
        for kind, pattern in events:
            named = pattern.search(heading)
            if not named:
                continue
            counted = heading[:named.start()]
            received = _RECEIVED_THEN.search(counted)
            if _DAYS_LATER.search(counted) or (received and not _SAME_DAY_OR_NEXT.search(counted, received.end())):
                continue
            on = day + timedelta(days=1) if _NEXT_DAY.search(counted) else day
            out.append(WrittenDate(on, start, end, "event", kind))
    return out
