"""An event file is named after what it holds: an application
`<supplier>-<received>.yaml`, a join request `<actor>-<received>.yaml`, a question
a three-digit number (`001.yaml`). The name is what keeps two contributors from
writing the same file, and what a reader finds it by."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic, error
from generator.models.kinds import EVENT_KINDS

CODE = "event-file-name"
NUMBERED = re.compile(r"[0-9]{3}")


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for kind in EVENT_KINDS:
        for event in catalogue.all_events(kind):
            if kind.who is None:
                if not NUMBERED.fullmatch(event.stem):
                    yield error(
                        event.path,
                        1,
                        1,
                        CODE,
                        f"Et {kind.label} har et nummer med tre sifre som filnavn (001.yaml, "
                        f"002.yaml, …), ikke «{event.stem}». Gi filen neste ledige nummer.",
                    )
                continue
            expected = kind.stem(event.record.model_dump())
            if expected is not None and event.stem != expected:
                line, column = catalogue.locate(event, (kind.who,))
                yield error(
                    event.path,
                    line,
                    column,
                    CODE,
                    f"Filnavnet «{event.stem}.yaml» svarer ikke til innholdet "
                    f"(`{kind.who}` og `received`). Gi filen navnet {expected}.yaml, eller "
                    "rett feltene.",
                )
