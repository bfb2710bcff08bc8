"""An award comes on or after the tender deadline (tenders open at the deadline
hour, and a decision the same day is lawful), on criteria the law allows: lowest
price, lowest cost, or best price-quality ratio with weights that sum to 100. A
buyer that chooses a standstill period (`standstill_days`) gives it at least ten
days and signs the contract only after it has ended."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from generator.catalogue.gather import Catalogue, Entry
from generator.diagnostics import Diagnostic
from generator.models import CallOff
from generator.models.kinds import CALLOFF
from generator.procurement import limits, periods

CODE = "award-rules"


def _standstill(
    catalogue: Catalogue, entry: Entry[CallOff], calloff: CallOff
) -> Iterator[Diagnostic]:
    days = calloff.standstill_days
    if days is None:
        return
    if days < limits.STANDSTILL_MIN_DAYS:
        yield catalogue.error_at(
            entry,
            ("standstill_days",),
            CODE,
            f"{limits.STANDSTILL_RULE}: en karensperiode varer minst "
            f"{limits.STANDSTILL_MIN_DAYS} dager, her {days}. Skriv minst "
            f"{limits.STANDSTILL_MIN_DAYS}, eller fjern `standstill_days` (karensperiode er "
            "frivillig i en dynamisk innkjøpsordning).",
        )
        return
    if calloff.award is None or calloff.contract is None:
        return
    ends = periods.standstill_ends(calloff.award.decided, days)
    if calloff.contract.signed <= ends:
        yield catalogue.error_at(
            entry,
            ("contract", "signed"),
            CODE,
            f"{limits.STANDSTILL_RULE}: kommunen valgte en karensperiode på {days} dager etter "
            f"tildelingen {calloff.award.decided}; den varer til og med {ends}, så kontrakten "
            f"kan signeres tidligst {ends + timedelta(days=1)}, ikke {calloff.contract.signed}.",
        )


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        if calloff.award is not None and calloff.award.decided < calloff.tender_deadline:
            yield catalogue.error_at(
                entry,
                ("award", "decided"),
                CODE,
                f"{limits.TENDER_PERIOD_RULE}: tildelingen ({calloff.award.decided}) kan ikke "
                f"skje før tilbudsfristen {calloff.tender_deadline}: tilbudene åpnes når "
                "fristen er ute, og tildelingen kan tidligst komme samme dag.",
            )
        yield from _standstill(catalogue, entry, calloff)
        criteria = calloff.award_criteria.criteria
        weights = [c.weight_percent for c in criteria]
        weighted = any(w is not None for w in weights)
        if calloff.award_criteria.basis == "best-price-quality-ratio" and not weighted:
            yield catalogue.error_at(
                entry,
                ("award_criteria", "criteria"),
                CODE,
                f"{limits.AWARD_CRITERIA_RULE}: «best-price-quality-ratio» krever kriterier med "
                "vekt (`weight_percent`), for eksempel pris 40, kvalitet 30 og miljø 30.",
            )
        elif weighted:
            if None in weights:
                index = weights.index(None)
                yield catalogue.error_at(
                    entry,
                    ("award_criteria", "criteria", index),
                    CODE,
                    f"{limits.AWARD_CRITERIA_RULE}: når kriteriene vektes, må hvert kriterium "
                    "ha `weight_percent`.",
                )
            elif sum(w for w in weights if w is not None) != 100:
                total = sum(w for w in weights if w is not None)
                yield catalogue.error_at(
                    entry,
                    ("award_criteria", "criteria"),
                    CODE,
                    f"{limits.AWARD_CRITERIA_RULE}: vektene summerer seg til {total} %, men må "
                    "bli 100 %. Juster `weight_percent`.",
                )
