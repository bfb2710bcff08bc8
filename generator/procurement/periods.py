"""Periods counted in calendar days from an event (the request window from the
notice, the tender period from the invitation, the award notice from the
signing), counted as the regulation on time limits in the EEA Agreement counts
them (`limits.TIME_LIMITS_RULE`): the period starts the day after the event, and
when its last day is a Saturday, Sunday or public holiday it ends at the end of
the next working day. One rule of that shape, used by every period of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.norway.workdays import working_day_on_or_after
from generator.procurement import limits


@dataclass(frozen=True, slots=True)
class Shortfall:
    earliest: date  # the first lawful end of the period
    days: int  # the days the period was given


def last_day(start: date, days: int) -> date:
    """The last day of a period of `days` calendar days after `start`, moved to the
    next working day when it falls on a Saturday, Sunday or public holiday."""
    return working_day_on_or_after(start + timedelta(days=days))


def shortfall(start: date, end: date, minimum_days: int) -> Shortfall | None:
    """A Shortfall when the period from `start` to `end` is shorter than a minimum
    period of `minimum_days` calendar days, else None."""
    earliest = last_day(start, minimum_days)
    if end >= earliest:
        return None
    return Shortfall(earliest, (end - start).days)


def quarter_end(day: date) -> date:
    """The last day of the quarter `day` falls in."""
    if day.month > 9:
        return date(day.year, 12, 31)
    first_of_next = date(day.year, (day.month - 1) // 3 * 3 + 4, 1)
    return first_of_next - timedelta(days=1)


def award_notice_due(signed: date, grouped: bool) -> date:
    """The last day to announce a contract signed on `signed`: 30 days after the
    signing, or with notices grouped per quarter, 30 days after the quarter ends."""
    start = quarter_end(signed) if grouped else signed
    return last_day(start, limits.AWARD_NOTICE_DAYS)


def answer_due(tender_deadline: date) -> date:
    """The last day to answer a question asked in good time: six days before the
    tender deadline. Counted backwards from the deadline, it is not moved off a
    weekend or holiday (moving it either way would shorten the six days, or the
    time to answer); an answer is published on the site any day."""
    return tender_deadline - timedelta(days=limits.QUESTION_ANSWER_DAYS)


def asked_in_good_time(received: date, tender_deadline: date) -> bool:
    """A question asked in good time: it came before the last day for the answer
    (`limits.QUESTION_RULE`; the law gives no number of days, this is the
    marketplace's reading)."""
    return received < answer_due(tender_deadline)


def standstill_ends(decided: date, days: int) -> date:
    """The last day of a standstill period of `days` after the award decision;
    the contract may be signed the day after."""
    return last_day(decided, days)
