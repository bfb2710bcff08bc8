"""A call-off's award criteria are the ones its DPS's notice stated, at most made
more precise (`limits.DPS_CRITERIA_RULE`): the same basis; the same kinds of
criteria, none added and none left out; and, kind by kind, weights within what
the notice allows. A call-off may split a criterion into sub-criteria of the same
kind («Kvalitet» into «Brukervennlighet» and «Opplæring»): their weights count
together. A DPS that states no criteria gets a warning, since its notice must."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.dps import NoticeAwardCriteria
from generator.models.kinds import CALLOFF, DPS
from generator.norway import labels
from generator.procurement import limits

CODE = "award-criteria-dps"


def _ranges(notice: NoticeAwardCriteria) -> dict[str, tuple[int, int] | None]:
    """Kind -> the total weight a call-off may give it (None: not fixed)."""
    found: dict[str, list[tuple[int, int] | None]] = defaultdict(list)
    for criterion in notice.criteria:
        found[criterion.kind].append(criterion.weight_range())
    ranges: dict[str, tuple[int, int] | None] = {}
    for kind, parts in found.items():
        if any(part is None for part in parts):
            ranges[kind] = None
        else:
            ranges[kind] = (
                sum(part[0] for part in parts if part is not None),
                sum(part[1] for part in parts if part is not None),
            )
    return ranges


def _range_text(low: int, high: int) -> str:
    return f"{low} %" if low == high else f"mellom {low} og {high} %"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for dps_entry in catalogue.records(DPS):
        if dps_entry.record.award_criteria is None:
            yield catalogue.warning_at(
                dps_entry,
                ("title",),
                CODE,
                f"{limits.DPS_CRITERIA_RULE}: kunngjøringen av ordningen skal angi "
                "tildelingskriteriene, men `award_criteria` mangler. Skriv grunnlaget "
                "(`basis`) og kriteriene med fast vekt eller vektspenn, slik de står i "
                "kunngjøringen.",
            )
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        dps = catalogue.get(DPS, calloff.dps)
        notice = dps.award_criteria if dps is not None else None
        if dps is None or notice is None:
            continue
        own = calloff.award_criteria
        if own.basis != notice.basis:
            yield catalogue.error_at(
                entry,
                ("award_criteria", "basis"),
                CODE,
                f"{limits.DPS_CRITERIA_RULE}: ordningen «{dps.id}» er kunngjort med "
                f"tildeling etter {labels.AWARD_BASIS[notice.basis]} (`{notice.basis}`); et "
                "uttak kan presisere kriteriene, ikke endre grunnlaget. Skriv "
                f"`basis: {notice.basis}`.",
            )
            continue
        ranges = _ranges(notice)
        named = ", ".join(f"«{c.name}» ({c.kind})" for c in notice.criteria)
        for index, criterion in enumerate(own.criteria):
            if criterion.kind not in ranges:
                yield catalogue.error_at(
                    entry,
                    ("award_criteria", "criteria", index, "kind"),
                    CODE,
                    f"{limits.DPS_CRITERIA_RULE}: kriteriet «{criterion.name}» er av typen "
                    f"{criterion.kind}, som kunngjøringen av «{dps.id}» ikke har. Bruk "
                    f"kriteriene derfra: {named}.",
                )
        present = {c.kind for c in own.criteria}
        missing = [kind for kind in ranges if kind not in present]
        if own.criteria and missing:
            yield catalogue.error_at(
                entry,
                ("award_criteria", "criteria"),
                CODE,
                f"{limits.DPS_CRITERIA_RULE}: kunngjøringen av «{dps.id}» har kriterier av "
                f"typen {', '.join(missing)}, som uttaket utelater. Et uttak kan ikke ta bort "
                f"kriterier; ta med: {named}.",
            )
        for kind, allowed in ranges.items():
            mine = [(i, c) for i, c in enumerate(own.criteria) if c.kind == kind]
            if allowed is None or not mine or any(c.weight_percent is None for _, c in mine):
                continue
            total = sum(c.weight_percent or 0 for _, c in mine)
            low, high = allowed
            if not low <= total <= high:
                yield catalogue.error_at(
                    entry,
                    ("award_criteria", "criteria", mine[0][0], "weight_percent"),
                    CODE,
                    f"{limits.DPS_CRITERIA_RULE}: kriterier av typen {kind} veier "
                    f"{total} % her, men kunngjøringen av «{dps.id}» gir dem "
                    f"{_range_text(low, high)}. Velg en vekt innenfor det.",
                )
