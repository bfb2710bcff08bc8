"""Files the site offers for download, written next to the pages after MkDocs:
the OCDS release package, the deadline calendar, and every category's templates
(tender invitation, ROS, DPIA, benefit realisation) as Word and Markdown."""

from __future__ import annotations

from pathlib import Path

from generator.catalogue import config
from generator.documents import invitation
from generator.documents.model import template_stem
from generator.models import reference
from generator.models.kinds import SOLUTION
from generator.procurement import deadlines, ocds
from generator.sandbox import formats, testdata
from generator.site.gather import Site

OCDS_FILE = "ocds/releases.json"
CALENDAR_FILE = "frister.ics"
TEMPLATES = "maler"
# How far ahead the published calendar looks.
CALENDAR_DAYS = 400
# The sandbox's full reports, and its ready set of synthetic test data.
REPORTS = "sandkassen/rapporter"
TESTDATA_FILE = "sandkassen/testdata-vkp.zip"
TESTDATA_PATIENTS = 10
TESTDATA_SEED = 1


def report_file(solution_id: str, suffix: str) -> str:
    return f"{REPORTS}/{solution_id}.{suffix}"


def template_file(category_id: str, kind: str, suffix: str) -> str:
    return f"{TEMPLATES}/{template_stem(category_id, kind)}.{suffix}"


def write(site: Site, root: Path, built: Path) -> list[Path]:
    catalogue = site.catalogue
    settings, _ = config.load(root)
    package = ocds.release_package(
        catalogue,
        ocid_prefix=settings.ocds.ocid_prefix,
        publisher_name=settings.ocds.publisher_name,
        published=site.today,
        uri=settings.ocds.uri,
    )
    (built / OCDS_FILE).parent.mkdir(parents=True, exist_ok=True)
    ocds.write(built / OCDS_FILE, package)
    items = deadlines.collect(catalogue, site.today, CALENDAR_DAYS)
    (built / CALENDAR_FILE).write_text(deadlines.format_ics(items, site.today), encoding="utf-8")
    written = [built / OCDS_FILE, built / CALENDAR_FILE]
    folder = built / TEMPLATES
    for category in sorted(reference.categories()):
        for document in invitation.category_templates(category):
            written += invitation.write(document, folder, document.stem)
    written += sandbox_files(site, built)
    # A call-off's own filled-in invitation is made on demand (`markedsplass
    # invitation`): a file per call-off would make the build grow with the catalogue.
    return written


def sandbox_files(site: Site, built: Path) -> list[Path]:
    """Every verification report in full (Markdown and JSON, as `markedsplass
    verify` writes them), and the ready set of synthetic test data."""
    written = []
    reports = site.verification
    for entry in site.catalogue.records(SOLUTION):
        report = reports.get(entry.record.id)
        if report is None:
            continue
        for suffix, text in (("md", formats.markdown(report)), ("json", formats.as_json(report))):
            target = built / report_file(entry.record.id, suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    archive = built / TESTDATA_FILE
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(testdata.zip_bytes(TESTDATA_PATIENTS, TESTDATA_SEED))
    return [*written, archive]
