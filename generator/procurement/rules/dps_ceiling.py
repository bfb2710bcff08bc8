"""The awarded values under a DPS against its indicative maximum: a warning from
80 %, an error past 100 % (reaching the maximum needs a new notice). Reported at
the award that crosses the line, in the order awards were decided."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from generator.catalogue.gather import Catalogue, Entry
from generator.diagnostics import Diagnostic
from generator.models import Dps
from generator.models.kinds import CALLOFF, DPS
from generator.norway import formatting
from generator.procurement import limits

CODE = "dps-ceiling"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    awards: dict[str, list[tuple[date, str, Entry[Any], int]]] = {}
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        if calloff.award is not None:
            row = (calloff.award.decided, calloff.id, entry, calloff.award.value_nok)
            awards.setdefault(calloff.dps, []).append(row)
    for dps_id, rows in sorted(awards.items()):
        dps = catalogue.get(DPS, dps_id)
        if not isinstance(dps, Dps) or dps.max_value_nok == 0:
            continue
        total, warned = 0, False
        for _, _, entry, value in sorted(rows, key=lambda r: (r[0], r[1])):
            total += value
            share = total / dps.max_value_nok
            where = ("award", "value_nok")
            used = formatting.share(total, dps.max_value_nok)
            summary = (
                f"{limits.CEILING_RULE}: tildelt hittil i «{dps.id}» er "
                f"{formatting.kroner(total)}, {used} av anslått maksimalverdi "
                f"{formatting.kroner(dps.max_value_nok)}"
            )
            if share > 1:
                yield catalogue.error_at(
                    entry,
                    where,
                    CODE,
                    summary + ". Taket er passert: ny kunngjøring trengs før flere uttak.",
                )
                break
            if share >= limits.CEILING_WARNING_SHARE and not warned:
                warned = True
                yield catalogue.warning_at(
                    entry, where, CODE, summary + ". Planlegg en ny kunngjøring før taket nås."
                )
