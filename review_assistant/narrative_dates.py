"""Dates written in the narrative (经查明……), read so that they can be compared with the package's own dates.

Only dates whose role the wording makes plain are read: the start of the act (自/从……起), a range (……至……), and a
date followed in the same clause by words naming a procedural step (catalog ``narrative_events``). Any other date —
a licence's expiry, a production date, an earlier penalty — says nothing the package records, and is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator, Optional

from .citations import cn_number

_N = r"[0-9０-９〇零一二三四五六七八九十]"
DATE = re.compile(rf"(?:(?P<y>{_N}{{4}})年)?(?P<m>{_N}{{1,2}})月(?P<d>{_N}{{1,3}})日")
_CLAUSE_END = re.compile(r"[，,。；;：:！？\n]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class WrittenDate:
    day: date
    start: int
    end: int
    role: str  # "act_start", "range_start", "range_end", "event"
    step: Optional[str] = None  # for "event": a step kind the clause names (one WrittenDate per kind named)


def _number(text: str) -> int:
    text = text.translate(_FULLWIDTH)
    if text.isdigit():
        return int(text)
    if len(text) == 4 and "十" not in text:  # 二〇二五: digit by digit
        return int("".join(str(cn_number(ch)) for ch in text))
    return cn_number(text)


def dates_in(text: str) -> Iterator[tuple[date, int, int]]:
    """Every full date; a date without a year (……至6月20日) takes the year written before it."""
    year = None
    for m in DATE.finditer(text):
        if m["y"]:
            year = _number(m["y"])
        if year is None:
            continue
        try:
            yield date(year, _number(m["m"]), _number(m["d"])), m.start(), m.end()
        except ValueError:
            continue  # 2月30日: not a date; the figures rule is not the place to complain about it


def read(text: str, events) -> list[WrittenDate]:
    """The dates of ``text`` whose role is plain; ``events`` is [(step kind, regular expression)] (re caches them)."""
    found = list(dates_in(text))
    out = []
    for n, (day, start, end) in enumerate(found):
        before, after = text[max(0, start - 2):start], text[end:end + 3]
        nxt = found[n + 1] if n + 1 < len(found) else None
        prev = found[n - 1] if n else None
        if nxt and text[end:nxt[1]] in ("至", "到", "—", "-", "～", "~"):
            out.append(WrittenDate(day, start, end, "range_start"))
            continue
        if prev and text[prev[2]:start] in ("至", "到", "—", "-", "～", "~"):
            out.append(WrittenDate(day, start, end, "range_end"))
            continue
        if re.search(r"[自从]$", before) and re.match(r"(?:起|开始)", after):
            out.append(WrittenDate(day, start, end, "act_start"))
            continue
        begin = end + 1 if text[end:end + 1] in "，," else end  # "2025年4月22日，执法人员……": the date heads the clause
        stop = _CLAUSE_END.search(text, begin)
        clause_end = stop.start() if stop else len(text)
        if nxt and nxt[1] < clause_end:
            clause_end = nxt[1]  # the next date starts its own event
        clause = text[begin:clause_end]
        out.extend(WrittenDate(day, start, end, "event", kind) for kind, pattern in events if re.search(pattern, clause))
    return out
