"""Edit links: the «Slik deltar du» page leads to each issue form, to GitHub's
editor for a new file in each record folder and to CONTRIBUTING.md; every record
page links its source file and GitHub's editor for it. Every address is built
from the repository named in `markedsplassen.yaml`, and every form or file it
points to exists in this repository."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from generator.catalogue import config
from generator.catalogue.gather import Catalogue
from generator.models import Dps
from generator.models.kinds import CALLOFF, DPS, KINDS, NEED, PUBLISHED, SOLUTION, Kind
from generator.pipeline import run
from generator.site import links
from generator.site.gather import gather
from generator.site.links import Linker
from generator.site.pages import View
from generator.site.views import calloff, dps, need, sections, solution
from tests.support.paths import ROOT, TODAY
from tests.support.site_pages import hrefs, page

FORM = re.compile(r"/issues/new\?template=([\w.-]+)$")


@cache
def _catalogue() -> Catalogue:
    return run(ROOT, TODAY).catalogue


def _repository() -> str:
    settings, problems = config.load(ROOT)
    assert problems == []
    return settings.repository


def test_take_part_links_every_form_and_folder_that_exists(example_site: Path) -> None:
    repository = _repository()
    found = hrefs(example_site / "slik-deltar-du" / "index.html")
    forms = sorted(FORM.search(h).group(1) for h in found if FORM.search(h))  # type: ignore[union-attr]
    assert forms == sorted(p.name for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("[0-9]-*.yml"))
    assert all(h.startswith(f"{repository}/issues/new?") for h in found if FORM.search(h))
    for kind in (k for k in KINDS if k.name in {"need", "experience", "supplier", "solution"}):
        assert links.repository_file(repository, kind.folder, "new") in found
        assert (ROOT / kind.folder).is_dir()
    assert links.repository_file(repository, "CONTRIBUTING.md") in found
    assert (ROOT / "CONTRIBUTING.md").is_file()


def test_record_pages_link_their_source_and_the_editor(
    example_site: Path, example_catalogue: Catalogue
) -> None:
    repository = _repository()
    for kind in PUBLISHED:
        for entry in example_catalogue.records(kind):
            found = hrefs(page(example_site, kind.name, entry.record.id))
            assert f"{repository}/blob/main/{entry.path}" in found
            assert f"{repository}/edit/main/{entry.path}" in found
            assert (ROOT / entry.path).is_file()


def test_links_follow_the_configured_repository(example_catalogue: Catalogue) -> None:
    site = gather(example_catalogue, TODAY, "https://github.com/kommune-x/markedsplass/")
    context = sections.take_part(site, Linker(example_catalogue, links.TAKE_PART))
    need_form = html.unescape(str(context["forms"]["need"]))
    assert 'href="https://github.com/kommune-x/markedsplass/issues/new?template=1-' in need_form
    new_need = html.unescape(str(context["new_file"][NEED.name]))
    assert 'href="https://github.com/kommune-x/markedsplass/new/main/needs"' in new_need


def _fact(view: View, kind: Kind[Any], record_id: str, label: str, today: date) -> str:
    """One fact from a record page's fact box, as text, on `today`."""
    site = gather(_catalogue(), today, _repository())
    link = Linker(site.catalogue, links.record_doc(kind, record_id))
    facts = dict(view(site.catalogue.get(kind, record_id), site, link)["facts"])
    return html.unescape(str(facts[label]))


def test_the_fact_box_says_how_to_take_part_by_the_records_state() -> None:
    """A need, a DPS, a solution and a call-off each say in their fact box how to
    take part, with the issue form where there is one; a DPS by its state."""
    catalogue = _catalogue()
    open_need = next(e.record for e in catalogue.records(NEED) if e.record.status == "open")
    said = _fact(need.context, NEED, open_need.id, "Slik deltar du", TODAY)
    assert "«Be om å bli med i et behov»" in said and "issues/new?template=" in said
    ordning = next(iter(catalogue.records(DPS))).record
    assert isinstance(ordning, Dps)

    def dps_on(day: date) -> str:
        return _fact(dps.context, DPS, ordning.id, "Slik deltar du", day)

    assert dps_on(ordning.announced - timedelta(1)).startswith(
        "Leverandører kan søke om kvalifisering fra "
    )
    first = dps_on(ordning.request_deadline)
    assert "så lenge ordningen gjelder" in first and "Første frist" in first
    later = dps_on(ordning.request_deadline + timedelta(1))
    assert "så lenge ordningen gjelder" in later and "Første frist" not in later
    assert (
        dps_on(TODAY + timedelta(3650)) == "Ordningen er utløpt og tar ikke opp flere leverandører."
    )
    sold = _fact(solution.context, SOLUTION, "sarfag-sarjournal", "Slik kjøper du", TODAY)
    assert sold.startswith("Med et uttak i ")
    offer = next(iter(catalogue.records(CALLOFF))).record.id
    assert "tatt opp i" in _fact(calloff.context, CALLOFF, offer, "Slik gir du tilbud", TODAY)
