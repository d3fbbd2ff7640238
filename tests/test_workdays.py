"""第八十五条 working days against the State Council holiday notices (catalogs/calendar)."""
from datetime import date

import pytest

from review_assistant.catalog.loader import load_catalogs

CAL = load_catalogs().calendar

CASES = [
    # (start, working days, end, why)
    (date(2025, 9, 26), 7, date(2025, 10, 13), "国庆中秋 10/1–10/8 放假，9/28（日）与 10/11（六）调休上班"),
    (date(2025, 1, 24), 5, date(2025, 2, 7), "春节 1/28–2/4 放假，1/26（日）调休上班"),
    (date(2024, 4, 30), 2, date(2024, 5, 7), "劳动节 5/1–5/5 放假"),
    (date(2025, 3, 3), 5, date(2025, 3, 10), "普通一周"),
    # 2010–2018 (catalogs/calendar/holidays_2010_2018.yaml, scripts/build_holidays.py)
    (date(2015, 9, 2), 1, date(2015, 9, 6), "抗战胜利70周年纪念日 9/3–9/5 放假，9/6（日）调休上班"),
    (date(2016, 9, 30), 1, date(2016, 10, 8), "国庆 10/1–10/7 放假，10/8（六）调休上班"),
    (date(2014, 1, 29), 5, date(2014, 2, 11), "春节 1/31–2/6 放假，2/8（六）调休上班"),
    (date(2017, 4, 28), 7, date(2017, 5, 10), "劳动节 4/29–5/1 放假"),
    (date(2012, 9, 28), 2, date(2012, 10, 8), "中秋国庆 9/30–10/7 放假，9/29（六）调休上班"),
]


@pytest.mark.parametrize("start,n,end,why", CASES, ids=[c[3] for c in CASES])
def test_add_workdays(start, n, end, why):
    assert CAL.add_workdays(start, n) == end


def test_adjusted_weekend_is_a_workday_and_holiday_is_not():
    assert CAL.is_workday(date(2025, 9, 28))  # Sunday, 调休上班
    assert not CAL.is_workday(date(2025, 10, 8))  # Wednesday, 国庆中秋
    assert CAL.workdays_between(date(2025, 9, 26), date(2025, 10, 13)) == 7


def test_years_covered():
    assert all(CAL.covers(date(y, 6, 1)) for y in range(2010, 2027))
    assert not CAL.covers(date(2027, 6, 1))  # not yet published: a hint naming the year, never a guess
    assert not CAL.covers(date(2009, 6, 1))


def test_holiday_catalog_2010_2018_is_generated_from_the_shared_day_lists():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = root.parent / "shared" / "domain" / "holidays"
    if not source.is_dir():
        pytest.skip("shared/domain/holidays not present")
    assert subprocess.run([sys.executable, str(root / "scripts" / "build_holidays.py"), "--source", str(source),
                           "--check"]).returncode == 0


def test_a_2027_period_is_a_hint_naming_the_year(reviewer):
    from review_assistant.engine.casebook import apply, example

    pkg = apply(example("food-safety-major-clean"), {"/stage": "post_decision", "/submitted_on": "2027-01-20",
                                                    "/steps/-": {"kind": "decision", "date": "2026-12-30"},
                                                    "/steps/8": {"kind": "service", "date": "2027-01-08"}})
    hints = [f.message for f in reviewer.review(pkg).findings if f.rule_id == "PRO-H01"]
    assert any("2027年" in h for h in hints)
