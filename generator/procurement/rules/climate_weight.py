"""Climate and environment weigh at least 30 % among a call-off's award criteria
(FOA § 7-9), unless a justified exception is written in the documents
(`award_criteria.climate_exception`): requirements in the specification that
clearly do better (§ 7-9 fourth paragraph), or an insignificant footprint (fifth
paragraph). A call-off awarded on lowest price or cost alone has no environment
weight, so it too needs the exception."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF
from generator.procurement import limits

CODE = "climate-weight"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        criteria = entry.record.award_criteria
        if criteria.climate_exception is not None:
            continue
        environment = sum(
            c.weight_percent or 0 for c in criteria.criteria if c.kind == "environment"
        )
        if environment >= limits.CLIMATE_WEIGHT_PERCENT:
            continue
        weighted = any(c.weight_percent is not None for c in criteria.criteria)
        where = ("award_criteria", "criteria") if weighted else ("award_criteria", "basis")
        yield catalogue.error_at(
            entry,
            where,
            CODE,
            f"{limits.CLIMATE_RULE}: klima- og miljøhensyn skal vektes minst "
            f"{limits.CLIMATE_WEIGHT_PERCENT} %, men vekter her {environment} %. Gi et "
            f"kriterium med `kind: environment` minst {limits.CLIMATE_WEIGHT_PERCENT} i "
            "`weight_percent`, eller begrunn unntaket i `climate_exception` (kravene i "
            "kravspesifikasjonen ivaretar klima og miljø klart bedre, eller anskaffelsen har "
            "ubetydelig klima- og miljøavtrykk).",
        )
