"""Edit links: the «Slik deltar du» page leads to each issue form, to GitHub's
editor for a new file in each record folder and to CONTRIBUTING.md; every record
page links its source file and GitHub's editor for it. Every address is built
from the repository named in `markedsplassen.yaml`, and every form or file it
points to exists in this repository."""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.catalogue import config
from generator.catalogue.gather import Catalogue
from generator.models.kinds import KINDS, NEED, PUBLISHED
from generator.site import links
from generator.site.gather import gather
from generator.site.links import Linker
from generator.site.views import sections
from tests.support.paths import ROOT, TODAY
from tests.support.site_pages import hrefs, page

FORM = re.compile(r"/issues/new\?template=([\w.-]+)$")


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
