"""An award comes on or after the tender deadline (tenders open at the deadline
hour, and a decision the same day is lawful), on criteria the law allows: lowest
price, lowest cost, or best price-quality ratio with weights that sum to 100."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF
from generator.procurement import limits

CODE = "award-rules"


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
