"""Calendar-day arithmetic for the long periods (two and five years of 第三十六条, 90 days of 第六十条)."""
from __future__ import annotations

from datetime import date
from typing import Optional


def cn_day(day: Optional[date]) -> str:
    """2024-05-21 → 2024年5月21日, as findings and public texts write a day ("" for none)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def add_years(day: date, years: int) -> date:
    """Same month and day ``years`` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 August + 6 months → 28/29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
