"""第八十五条 working days against the State Council holiday notices (catalogs/calendar)."""
from datetime import date

import pytest

from review_assistant.catalog import load_catalogs

CAL = load_catalogs().calendar

CASES = [
    # (start, working days, end, why)
    (date(2025, 9, 26), 7, date(2025, 10, 13), "国庆中秋 10/1–10/8 放假，9/28（日）与 10/11（六）调休上班"),
    (date(2025, 1, 24), 5, date(2025, 2, 7), "春节 1/28–2/4 放假，1/26（日）调休上班"),
    (date(2024, 4, 30), 2, date(2024, 5, 7), "劳动节 5/1–5/5 放假"),
    (date(2025, 3, 3), 5, date(2025, 3, 10), "普通一周"),
]


@pytest.mark.parametrize("start,n,end,why", CASES, ids=[c[3] for c in CASES])
def test_add_workdays(start, n, end, why):
    assert CAL.add_workdays(start, n) == end


def test_adjusted_weekend_is_a_workday_and_holiday_is_not():
    assert CAL.is_workday(date(2025, 9, 28))  # Sunday, 调休上班
    assert not CAL.is_workday(date(2025, 10, 8))  # Wednesday, 国庆中秋
    assert CAL.workdays_between(date(2025, 9, 26), date(2025, 10, 13)) == 7


def test_years_covered():
    assert all(CAL.covers(date(y, 6, 1)) for y in range(2021, 2027))
    assert not CAL.covers(date(2027, 6, 1))
