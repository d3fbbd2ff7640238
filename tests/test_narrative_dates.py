"""Reading the dates of a narrative: only those whose role the wording makes plain (review_assistant/narrative_dates)."""
from datetime import date

import pytest

from review_assistant.catalog import load_catalogs
from review_assistant.narrative_dates import read

EVENTS = [(e.step, e.pattern) for e in load_catalogs().narrative_events.values()]

CASES = [
    # text, [(date, role, step)]
    ("自2025年1月9日起继续经营", [("2025-01-09", "act_start", None)]),
    ("从2024年9月3日开始销售", [("2024-09-03", "act_start", None)]),
    ("于2025年5月6日至6月20日建设", [("2025-05-06", "range_start", None), ("2025-06-20", "range_end", None)]),
    ("2024年12月31日至2025年1月2日", [("2024-12-31", "range_start", None), ("2025-01-02", "range_end", None)]),
    ("至2025年4月22日被执法人员现场检查时止", [("2025-04-22", "event", "inspection")]),
    ("二〇二四年十二月十八日，执法人员进行现场检查并抽样", [("2024-12-18", "event", "inspection"), ("2024-12-18", "event", "sampling")]),
    ("２０２５年１月６日本局立案调查", [("2025-01-06", "event", "filing")]),
    ("2025年3月3日，执法人员对当事人进行询问", [("2025-03-03", "event", "inquiry")]),
    # dates that say nothing the package records are left alone
    ("许可证有效期至2025年1月8日届满", []),
    ("产品生产日期为2024年10月1日", []),
    ("当事人于2023年6月12日驾驶货车运输钢材", []),
    ("2025年2月30日立案", []),  # not a date
    ("3月5日立案", []),  # no year written before it
    # a date heads only its own clause: the inspection belongs to the second date
    ("2025年1月9日起经营，2025年4月22日现场检查", [("2025-04-22", "event", "inspection")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_reads_dates_with_a_plain_role(text, expected):
    got = [(w.day.isoformat(), w.role, w.step) for w in read(text, EVENTS)]
    assert got == expected


def test_positions_point_at_the_date():
    text = "经查明，自2025年1月9日起经营"
    (w,) = read(text, EVENTS)
    assert text[w.start:w.end] == "2025年1月9日" and w.day == date(2025, 1, 9)
