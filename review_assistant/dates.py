"""Calendar-day arithmetic for the long periods (two and five years of 第三十六条, 90 days of 第六十条)."""
from __future__ import annotations

from datetime import date


def add_years(day: date, years: int) -> date:
    """Same month and day ``years`` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
