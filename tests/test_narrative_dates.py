"""Reading the dates of a narrative: only those whose role the wording makes plain (review_assistant/narrative_dates)."""
from datetime import date

import pytest

from review_assistant.catalog.loader import load_catalogs
from review_assistant.case.narrative_dates import read

EVENTS = [(e.step, e.pattern) for e in load_catalogs().narrative_events.values()]

CASES = [
    # text, [(date, role, step)]
    ("自2025年1月9日起继续经营", [("2025-01-09", "act_start", None)]),
    ("从2024年9月3日开始销售", [("2024-09-03", "act_start", None)]),
    ("于2025年5月6日至6月20日建设", [("2025-05-06", "act_start", None), ("2025-06-20", "act_end", None)]),
    ("自2024年12月31日至2025年1月2日销售", [("2024-12-31", "act_start", None), ("2025-01-02", "act_end", None)]),
    ("于2024年12月1日至1月5日销售", [("2024-12-01", "act_start", None), ("2025-01-05", "act_end", None)]),  # over New Year
    # a yearless date before the previous one, outside a range, stays in that year (it does not jump to next year)
    ("2024年11月6日，执法人员检查发现设施未运行。用电数据显示自11月1日起停运", [("2024-11-06", "event", "inspection"), ("2024-11-01", "act_start", None)]),
    ("销售至2025年4月30日止", [("2025-04-30", "act_end", None)]),
    ("至2025年4月22日被执法人员现场检查时止", [("2025-04-22", "act_end", None), ("2025-04-22", "event", "inspection")]),
    ("二〇二四年十二月十八日，执法人员进行现场检查并抽样", [("2024-12-18", "event", "inspection"), ("2024-12-18", "event", "sampling")]),
    ("２０２５年１月６日本局立案调查", [("2025-01-06", "event", "filing")]),
    ("2025年3月3日，执法人员对当事人进行询问", [("2025-03-03", "event", "inquiry")]),
    # dates that say nothing the package records are left alone
    ("许可证有效期至2025年1月8日届满", []),
    ("许可证有效期为2020年1月9日至2025年1月8日", []),
    ("产品生产日期为2025年3月1日至3月20日", []),
    ("当事人于2023年6月12日驾驶货车运输钢材", []),
    ("自2025年4月23日起停止营业", []),
    ("自2024年2月1日起施行的《食品经营许可和备案管理办法》", []),
    ("责令当事人于2025年4月23日至5月22日期间办理许可", []),
    ("2025年4月22日至4月25日期间，执法人员先后进行检查、询问", []),
    ("当事人曾于2024年3月5日因同类行为被本局立案查处", []),
    ("2025年5月24日当事人签收了事先告知书", []),
    ("2025年5月23日，执法人员进行复查", []),
    ("2025年3月2日被公安机关立案侦查", []),
    ("2025年3月1日，省局监督抽检发现该批次产品不合格", []),
    ("2025年2月30日立案", []),  # not a date
    ("2十25年1月9日立案", []),  # not a numeral
    ("3月5日立案", []),  # no year written before it
    # a day counted from the date written: 次日 is the next day; a count of days is not read (AJ-06)
    ("2025年3月20日本局接12345热线转办投诉后于次日立案调查", [("2025-03-21", "event", "filing")]),
    ("2025年3月20日本局接到投诉于当日立案", [("2025-03-20", "event", "filing")]),
    ("2025年3月20日接到举报，翌日立案", []),  # the step stands in a clause of its own, headed by no date
    # 一次日常检查 holds 次日 and is no next day; counts of days written other ways leave the step undated; a count that
    # says what was looked at (近30日内的销售记录) is no count to the step (the review of round 14's change)
    ("2024年3月8日本局执法人员在一次日常检查中发现", [("2024-03-08", "event", "inspection")]),
    ("2024年3月8日本局执法人员在本次日常检查中发现", [("2024-03-08", "event", "inspection")]),
    ("2025年3月20日接到投诉后两日内立案", []),
    ("2025年3月20日接到投诉后两个工作日内立案", []),
    ("2025年3月20日接到投诉后的第三日立案", []),
    ("2025年3月20日接到投诉，隔天立案", []),
    ("2025年3月20日接到投诉后于下周一立案", []),
    ("2025年3月20日接到投诉后一周内立案", []),
    ("2025年3月20日接到投诉，数日后立案", []),
    ("2025年3月20日接到投诉后十五个自然日内立案", []),
    ("2025年3月20日执法人员对当事人近30日内的销售记录进行检查", [("2025-03-20", "event", "inspection")]),
    ("2025年3月20日本局接到投诉后于三日内立案", []),
    ("2025年3月20日本局接到投诉后5个工作日内立案", []),
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


def test_papers_served_on_a_date_are_not_the_step_itself():
    assert read("2025年5月23日，本局向当事人直接送达《行政处罚事先告知书》", EVENTS) == []


def test_reading_around_each_month_finds_what_a_full_scan_finds():
    """Dates are looked for only around each 月 (a date holds one within 7 characters of its start): the matches must be
    those of DATE.finditer over the whole text, on random texts of digits, numerals and date words."""
    import random

    from review_assistant.case.narrative_dates import DATE, _date_matches

    rng = random.Random(20261201)
    pieces = ["2024年", "12月", "1月", "31日", "3日", "月", "年", "日", "二〇二五年", "十一月", "二十日", "１２月", "1", "22", "〇",
              "十", "至", "，", "x", " "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14))) for _ in range(20000)]
    texts += ["".join(rng.choice("0123456789１２〇一二十年月日，") for _ in range(rng.randrange(0, 40))) for _ in range(20000)]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in _date_matches(text)] == \
               [(m.span(), m.groupdict()) for m in DATE.finditer(text)], text
