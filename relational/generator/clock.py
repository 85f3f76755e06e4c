"""When things happen: a fixed "as of" date, and the daily and monthly rhythm of a retail bank.

The bank ends at a fixed instant (not "now"), so the same seed gives the same timestamps tomorrow.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, datetime, timedelta

AS_OF = datetime(2025, 12, 31, 23, 59, 59)

# Transactions by hour of day: almost nothing at night, a peak late in the morning and a bigger one
# in the evening when people shop and pay bills on their phones.
_HOUR_WEIGHTS = (
    0.6, 0.3, 0.2, 0.15, 0.2, 0.5, 1.8, 3.5, 5.5, 7.5, 9.5, 10.5,
    9.0, 7.0, 6.0, 6.0, 6.5, 7.5, 9.0, 10.5, 10.0, 7.5, 4.0, 1.8,
)  # fmt: skip
_HOUR_CUM = tuple(sum(_HOUR_WEIGHTS[: i + 1]) for i in range(24))
_HOURS = tuple(range(24))


def _day_weight(day: int) -> float:
    # Salaries land at the end of the month or in the first days of the next: spending follows.
    if day <= 5:
        return 1.8
    if day >= 25:
        return 1.5
    return 1.0


_DAYS = tuple(range(1, 32))
_DAY_CUM = tuple(sum(_day_weight(d) for d in range(1, i + 2)) for i in range(31))


def window_start(months: int) -> datetime:
    year, month = AS_OF.year, AS_OF.month - months + 1
    while month <= 0:
        month += 12
        year -= 1
    return datetime(year, month, 1)


def _month_of(start: datetime, offset: int) -> tuple[int, int]:
    m = start.month - 1 + offset
    return start.year + m // 12, m % 12 + 1


def activity_time(rng: random.Random, months: int, *, month_end: bool = False) -> datetime:
    """A timestamp in the window with the daily and monthly rhythm; `month_end` for bills."""
    year, month = _month_of(window_start(months), rng.randrange(months))
    last = calendar.monthrange(year, month)[1]
    if month_end:
        day = rng.randint(max(1, last - 6), last)
    else:
        day = min(rng.choices(_DAYS, cum_weights=_DAY_CUM)[0], last)
    hour = rng.choices(_HOURS, cum_weights=_HOUR_CUM)[0]
    return datetime(year, month, day, hour, rng.randrange(60), rng.randrange(60))


def some_time_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = max(1, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randrange(span))


def birth_date(rng: random.Random, age_years: int) -> date:
    """A birthday that makes the person `age_years` old at AS_OF."""
    year = AS_OF.year - age_years
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def age_at(born: date, when: datetime) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))
