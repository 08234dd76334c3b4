"""Calendar helpers: the platform's days are Dutch calendar days (a certificate's validity, a
VOG issued "today", a report's due date), whatever the server's time zone."""

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.models import utcnow

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """The date in the Netherlands now."""
    return utcnow().astimezone(AMSTERDAM).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_of(day: date) -> datetime:
    """Midnight at the start of `day` in the Netherlands, in UTC."""
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM).astimezone(UTC)


def end_of(day: date) -> datetime:
    """The last second of `day` in the Netherlands, in UTC."""
    return start_of(day + timedelta(days=1)) - timedelta(seconds=1)


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
