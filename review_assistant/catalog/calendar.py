"""The holiday catalog compiled into a calendar (built once at load, so it lives with the catalog), and the
working-day arithmetic of 《行政处罚法》第八十五条: the "二日、三日、五日、七日" periods are working days,
not counting statutory holidays (法定节假日); 调休 weekend workdays count as working days.
Longer periods (15 days, 90 days, two years) are calendar days and need nothing from here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date]
    workdays: frozenset[date]
    years: frozenset[int]

    def covers(self, day: date) -> bool:
        """Whether the holiday catalog has the State Council notice for this year."""
        return day.year in self.years

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_workdays(self, start: date, n: int) -> date:
        """The day on which a period of ``n`` working days that starts after ``start`` ends."""
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count
