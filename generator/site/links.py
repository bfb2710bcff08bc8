"""Where every page lives and how one page links to another.

A record's page is `docs/<kind>/<id>.md`, published at `/<kind>/<id>/`; section
pages sit at the top. Links between pages are Markdown links to the `.md` files,
relative to the page, so MkDocs checks that every target exists (the build runs
MkDocs in strict mode: a broken link stops it). Links to the JSON files, which
MkDocs never sees, are written as HTML, relative to the page's published URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.catalogue.gather import Catalogue
from generator.github import forms
from generator.models import Record
from generator.models.kinds import SUPPLIER, Kind
from generator.norway import identifiers
from generator.site import display
from generator.site.text import escape

HOME = "index.md"
NEEDS = "innovasjonsarenaen.md"
EXPERIENCES = "erfaringsarenaen.md"
SOLUTIONS = "katalogen.md"
SUPPLIERS = "leverandorer.md"
PROCUREMENT = "anskaffelser.md"
SANDBOX = "sandkassen.md"
TAKE_PART = "slik-deltar-du.md"
ACCESSIBILITY = "tilgjengelighet.md"
SEARCH = "sok.md"
NEEDS_MAP = "innovasjonsarenaen/kart.md"  # the innovation arena's map, beside its list

# The navigation, in order: section pages only. `mkdocs.yml` lists the same pages
# (a test holds the two together); record pages are reached from these lists.
SECTIONS: tuple[tuple[str, str], ...] = (
    (HOME, "Markedsplassen"),
    (NEEDS, "Innovasjonsarenaen"),
    (EXPERIENCES, "Erfaringsarenaen"),
    (SOLUTIONS, "Katalogen"),
    (SUPPLIERS, "Leverandører"),
    (PROCUREMENT, "Anskaffelser"),
    (SANDBOX, "Sandkassen"),
    (TAKE_PART, "Slik deltar du"),
    (ACCESSIBILITY, "Tilgjengelighetserklæring"),
    (SEARCH, "Søk"),
)
API = "api/v1"
BRANCH = "main"  # the branch the site is published from
SCHEMAS = "schemas"


def record_doc(kind: Kind[Any], record_id: str) -> str:
    return f"{kind.name}/{record_id}.md"


def doc_url(doc: str) -> str:
    """The published URL of a docs file, relative to the site root (directory URLs)."""
    if doc == HOME:
        return ""
    return doc.removesuffix(".md").removesuffix("index") + "/"


def record_url(kind: Kind[Any], record_id: str) -> str:
    return doc_url(record_doc(kind, record_id))


def api_list(kind: Kind[Any]) -> str:
    return f"{API}/{kind.name}.json"


def api_record(kind: Kind[Any], record_id: str) -> str:
    return f"{API}/{kind.name}/{record_id}.json"


def schema_file(kind: Kind[Any]) -> str:
    return f"{SCHEMAS}/{kind.name}.schema.json"


def record_name(record: Record) -> str:
    """The name a record goes by: `name` for suppliers and solutions, else `title`."""
    name = getattr(record, "name", None) or getattr(record, "title", None)
    if not isinstance(name, str):
        raise TypeError(f"{type(record).__name__} har verken name eller title")
    return name


@dataclass(frozen=True, slots=True)
class Linker:
    """Links from the page at docs path `here`."""

    catalogue: Catalogue
    here: str

    def page(self, doc: str, label: str, *, html: bool = False) -> Markup:
        """A Markdown link to another page, which MkDocs checks; or, with `html`, an
        HTML link to its published URL, for HTML blocks MkDocs does not look into."""
        if html:
            return self.static(doc_url(doc), label)
        target = "../" * self.here.count("/") + doc
        return Markup(f"[{escape(label)}]({target})")

    def record(
        self, kind: Kind[Any], record_id: str, label: str | None = None, *, html: bool = False
    ) -> Markup:
        record = self.catalogue.get(kind, record_id)
        if record is None:  # the check refuses dangling references; this is a bug
            raise KeyError(f"{kind.name} {record_id} finnes ikke")
        return self.page(record_doc(kind, record_id), label or record_name(record), html=html)

    def actor(self, actor: str, *, county: bool = False, html: bool = False) -> Markup:
        """A municipality by name (with its county if asked), or a supplier linked
        to its page."""
        if identifiers.KOMMUNENUMMER.fullmatch(actor):
            name = display.municipality(actor) if county else display.municipality_name(actor)
            return escape(name)
        return self.record(SUPPLIER, actor, html=html)

    def url(self, path: str) -> str:
        """The relative address of a path in the built site, from this page."""
        return "../" * doc_url(self.here).count("/") + path

    def static(self, path: str, label: str) -> Markup:
        """An HTML link to a path in the built site (a JSON file, or a page's URL),
        relative to this page's published URL."""
        target = "../" * doc_url(self.here).count("/") + path
        return Markup(f'<a href="{escape(target or "./")}">{escape(label)}</a>')

    def external(self, url: str, label: str | None = None) -> Markup:
        """An https or mailto address from a record (validated by the models)."""
        if not url.startswith(("https://", "mailto:")):
            raise ValueError(f"ikke en https- eller mailto-adresse: {url!r}")
        return Markup(f'<a href="{escape(url)}" rel="noopener nofollow">{escape(label or url)}</a>')


def contact_line(link: Linker, name: str, email: str, role: str | None = None) -> Markup:
    """«Liv Aasheim, daglig leder, post@sarfag.no» with the address as a mailto link."""
    parts = [escape(name)]
    if role:
        parts.append(escape(role))
    parts.append(link.external(f"mailto:{email}", email))
    return Markup(", ").join(parts)


def repository_file(repository: str, path: str, action: str = "blob") -> str:
    """The address of a file in the repository on GitHub: `blob` shows it, `edit`
    opens GitHub's editor (which makes a fork and a pull request for anyone without
    write access), `new` with a folder opens an empty file there."""
    return f"{repository}/{action}/{BRANCH}/{path}"


def form(link: Linker, repository: str, kind: str) -> Markup:
    """A link to the issue form of `kind` (need, join, experience, qualification,
    municipality), named as the form is: the way in for those new to Git."""
    found = next(f for f in forms.forms() if f.kind == kind)
    return link.external(issue_form(repository, found.file), f"«{found.name}»")


def issue_form(repository: str, form_file: str) -> str:
    """The address that opens one of the repository's issue forms."""
    return f"{repository}/issues/new?template={form_file}"
