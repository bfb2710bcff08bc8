"""A call-off invites exactly the suppliers admitted to the DPS on the day it is
published: everyone admitted by then and not excluded, nobody admitted later, and
nobody excluded by then (an exclusion after admission, `excluded` on the
application, takes effect on its date). A supplier not admitted at all is reported
by the cross-check `calloff-supplier`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models import Dps
from generator.models.kinds import CALLOFF, DPS
from generator.procurement import limits

CODE = "calloff-invited"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        dps = catalogue.get(DPS, calloff.dps)
        if not isinstance(dps, Dps):
            continue
        admitted = catalogue.admitted(dps.id)
        on_the_day = {s for s, a in admitted.items() if a.stands_on(calloff.published)}
        for index, supplier in enumerate(calloff.invited):
            decided = admitted[supplier].decided if supplier in admitted else None
            excluded = admitted[supplier].excluded if supplier in admitted else None
            if excluded is not None and excluded <= calloff.published:
                yield catalogue.error_at(
                    entry,
                    ("invited", index),
                    CODE,
                    f"{limits.EXCLUSION_RULE}: «{supplier}» ble utelukket fra «{dps.id}» "
                    f"{excluded}, før tilbudsinvitasjonen ble sendt {calloff.published}. En "
                    "utelukket leverandør skal ikke inviteres; fjern den.",
                )
            elif decided is not None and decided > calloff.published:
                yield catalogue.error_at(
                    entry,
                    ("invited", index),
                    CODE,
                    f"{limits.INVITE_ALL_RULE}: «{supplier}» ble tatt opp i «{dps.id}» "
                    f"{decided}, etter at tilbudsinvitasjonen ble sendt {calloff.published}. "
                    "Bare leverandører som var tatt opp da, skal inviteres; fjern den.",
                )
        missing = sorted(on_the_day - set(calloff.invited))
        if missing:
            yield catalogue.error_at(
                entry,
                ("invited",),
                CODE,
                f"{limits.INVITE_ALL_RULE}: alle leverandører som var tatt opp i «{dps.id}» og "
                "ikke utelukket da tilbudsinvitasjonen ble sendt, skal inviteres. Legg til: "
                f"{', '.join(missing)}.",
            )
