"""Pre-filled documents: for each solution category a tender invitation template,
ROS, DPIA and benefit realisation; and for one call-off the tender invitation
filled in with the DPS and the municipality's specifics, ready for the buyer and
the marketplace team to send.

`write` renders a document as Markdown (Jinja2, every value escaped) and as Word
(python-docx, real headings, nb-NO), each written atomically and reproducibly:
the same document gives the same bytes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import TypeVar

from generator.catalogue.gather import Catalogue
from generator.documents.markdown import render_markdown
from generator.documents.model import (
    Block,
    Bullets,
    Document,
    DocumentWording,
    Link,
    Paragraph,
    Section,
    Table,
    Template,
    TemplateSet,
    benefit_realisation,
    dpia,
    fill,
    one_line,
    ros,
    template_stem,
    text_blocks,
)
from generator.documents.word import render_docx
from generator.models import CallOff, Dps, Need, Solution, Supplier, data_files, reference
from generator.models.base import Contact
from generator.models.calloff import AwardCriteria
from generator.models.kinds import CALLOFF, DPS, NEED, SOLUTION, SUPPLIER
from generator.norway import identifiers, labels
from generator.norway.formatting import kroner, long_date, percent
from generator.procurement import limits, periods

_R = TypeVar("_R")

TEMPLATE_FILE = "invitation-templates.yaml"
WORDING_FILE = "document-prose.yaml"
LANGUAGE = "nb-NO"
AUTHOR = "Markedsplassen"


class InvitationError(Exception):
    """A document cannot be made: a tool failure for the CLI (exit 2), not bad data."""


class UnknownCallOff(InvitationError, KeyError):
    """No call-off with this id in the catalogue."""

    def __init__(self, calloff_id: str, suggestion: str | None = None) -> None:
        super().__init__(calloff_id)
        self.calloff_id = calloff_id
        self.suggestion = suggestion

    def __str__(self) -> str:
        hint = f" Mente du «{self.suggestion}»?" if self.suggestion else ""
        return f"Uttaket «{self.calloff_id}» finnes ikke i tenders/calloffs/.{hint}"


class UnknownCategory(InvitationError, KeyError):
    """No template for this category id."""

    def __init__(self, category_id: str) -> None:
        super().__init__(category_id)
        self.category_id = category_id

    def __str__(self) -> str:
        known = ", ".join(sorted(reference.categories()))
        return f"Kategorien «{self.category_id}» har ingen mal. Kjente kategorier: {known}."


# ---------------------------------------------------------------- the documents


@cache
def templates() -> TemplateSet:
    """The category templates; a broken file is a tool failure and raises."""
    return data_files.load(TEMPLATE_FILE, TemplateSet)


@cache
def wording() -> DocumentWording:
    """The wording of the ROS, DPIA and benefit realisation templates; a broken file
    is a tool failure and raises."""
    return data_files.load(WORDING_FILE, DocumentWording)


def _template(category_id: str) -> Template:
    try:
        return templates().template(category_id)
    except KeyError:
        raise UnknownCategory(category_id) from None


def category_templates(category_id: str) -> list[Document]:
    """The four generic documents of a category: the tender invitation with places
    for the municipality's specifics, ROS, DPIA and benefit realisation."""
    template = _template(category_id)
    stem = template_stem(category_id, "tilbudsinvitasjon")
    return [
        _tender_invitation(template, stem, None, None, ()),
        ros(template, wording()),
        dpia(template, wording()),
        benefit_realisation(template, wording()),
    ]


def invitation(catalogue: Catalogue, calloff_id: str) -> Document:
    """The tender invitation for one call-off, filled in from a valid catalogue."""
    calloff = catalogue.get(CALLOFF, calloff_id)
    if not isinstance(calloff, CallOff):
        raise UnknownCallOff(calloff_id, catalogue.suggest(CALLOFF, calloff_id))
    dps = _resolve(calloff, DPS.label, catalogue.get(DPS, calloff.dps), Dps)
    suppliers = tuple(
        _resolve(calloff, SUPPLIER.label, catalogue.get(SUPPLIER, s), Supplier)
        for s in calloff.invited
    )
    need = catalogue.get(NEED, calloff.need) if calloff.need else None
    solutions = [e.record for e in catalogue.records(SOLUTION) if isinstance(e.record, Solution)]
    links = tuple(
        link
        for supplier in suppliers
        for solution in sorted(solutions, key=lambda s: s.id)
        if solution.supplier == supplier.id and dps.category in solution.categories
        for link in _solution_templates(solution)
    )
    return _tender_invitation(
        _template(dps.category),
        calloff.id,
        calloff,
        dps,
        suppliers,
        need=need if isinstance(need, Need) else None,
        links=links,
    )


def _resolve(calloff: CallOff, kind: str, record: object, model: type[_R]) -> _R:
    if not isinstance(record, model):
        raise InvitationError(
            f"Uttaket «{calloff.id}» viser til en {kind} som ikke finnes eller ikke er gyldig. "
            "Kjør `markedsplass check` og rett feilene først."
        )
    return record


def _solution_templates(solution: Solution) -> tuple[Link, ...]:
    own = solution.templates
    if own is None:
        return ()
    pairs = (("ROS", own.ros), ("DPIA", own.dpia), ("gevinstrealisering", own.benefit_realisation))
    return tuple(Link(f"{solution.name}: {what}", url) for what, url in pairs if url)


def award_criteria(own: AwardCriteria | None, default: AwardCriteria) -> tuple[AwardCriteria, str]:
    """The criteria that apply and where they come from: the call-off's own win; a
    call-off that gives only the category's basis gets the category's criteria."""
    if own is None:
        return default, "Kriteriene er markedsplassens standard for kategorien."
    if own.criteria or own.basis != default.basis:
        return own, "Kriteriene er kommunens egne for dette uttaket."
    return (
        own.model_copy(update={"criteria": default.criteria}),
        "Kommunen bruker markedsplassens standardkriterier for kategorien.",
    )


_MANDATORY = {True: "Minstekrav (skal)", False: "Bør-krav"}


def _contact(contact: Contact | None, what: str) -> str:
    if contact is None:
        return fill(None, what)
    parts = [contact.name, contact.role, contact.email, contact.phone]
    return ", ".join(part for part in parts if part)


def _tender_invitation(
    template: Template,
    stem: str,
    calloff: CallOff | None,
    dps: Dps | None,
    suppliers: tuple[Supplier, ...],
    need: Need | None = None,
    links: tuple[Link, ...] = (),
) -> Document:
    """The invitation; with no call-off, a template with «Fyll inn» for its specifics."""
    category = template.category
    municipality = reference.municipalities()[calloff.buyer] if calloff else None
    buyer = f"{municipality.name} kommune" if municipality else None
    agreement = reference.agreement_types()[dps.agreement_type] if dps else template.agreement
    validity = None
    if dps is not None:
        valid_until = max([dps.valid_until, *(e.valid_until for e in dps.extensions)])
        validity = f"fra {long_date(dps.announced)} til {long_date(valid_until)}"

    def day(value: date | None) -> str | None:
        return long_date(value) if value is not None else None

    about = Table(
        ("Opplysning", "Verdi"),
        (
            ("Oppdragsgiver", fill(buyer, "kommunens navn")),
            ("Kommunenummer", fill(municipality.number if municipality else None, "fire sifre")),
            ("Uttakets id", fill(calloff.id if calloff else None, "uttakets id")),
            ("Dynamisk innkjøpsordning", fill(dps.title if dps else None, "ordningens navn")),
            ("Ordningens id", fill(dps.id if dps else None, "ordningens id")),
            ("Kategori", category.name),
            ("Standardavtale", f"{agreement.id}: {agreement.name}"),
            ("Ordningens gyldighet", fill(validity, "fra og til dato")),
            ("Invitasjonen sendt", fill(day(calloff.published if calloff else None), "dato")),
            ("Tilbudsfrist", fill(day(calloff.tender_deadline if calloff else None), "dato")),
            (
                "Tilbud leveres i",
                fill(
                    calloff.submission_url if calloff else None,
                    "adressen til kommunens konkurransegjennomføringsverktøy (KGV); tilbud "
                    "leveres aldri i markedsplassen",
                ),
            ),
            (
                "Anslått verdi",
                kroner(calloff.estimated_value_nok)
                if calloff and calloff.estimated_value_nok is not None
                else fill("ikke oppgitt" if calloff else None, "kroner uten mva."),
            ),
            ("Kontaktperson i kommunen", _contact(calloff.contact if calloff else None, "navn")),
            ("Kontaktperson i markedsplassen", _contact(dps.contact if dps else None, "navn")),
        ),
    )
    sections = [
        Section("Om uttaket", (about,)),
        _need_section(calloff, need),
        _supplier_section(suppliers if calloff else None),
        _requirement_section(template, calloff),
        _award_section(template, calloff),
        _contract_section(template, agreement, buyer),
        _template_section(category.id, links),
        _rules_section(calloff),
    ]
    title = calloff.title if calloff else f"{category.name} (mal)"
    intro = (
        f"{fill(buyer, 'kommunens navn')} inviterer leverandørene som er tatt opp i "
        f"{fill(dps.title if dps else None, 'ordningens navn')} til å gi tilbud i dette "
        f"uttaket. Invitasjonen bygger på markedsplassens malverk for kategorien "
        f"«{category.name}» (versjon {template.version}) og kommunens egne opplysninger."
    )
    return Document(
        stem=stem,
        title=f"Tilbudsinvitasjon: {title}",
        subject=f"Tilbudsinvitasjon, {category.name}",
        issued=calloff.published if calloff else template.issued,
        blocks=(Paragraph(intro),),
        sections=tuple(sections),
    )


def _need_section(calloff: CallOff | None, need: Need | None) -> Section:
    if calloff is None:
        blocks: tuple[Block, ...] = (
            Paragraph(
                "«Fyll inn: kommunens behov og spesifikke opplysninger, for eksempel antall "
                "brukere, tjenestesteder, integrasjon mot kommunens EPJ og ønsket oppstart.»"
            ),
            Paragraph(
                "Det kommunen fyller inn, skal gjelde konfigurasjon og ikke utvikling: "
                "løsningene er generiske, slik at de kan brukes av flere kommuner."
            ),
        )
    else:
        blocks = text_blocks(calloff.description)
    if need is not None:
        blocks += (Paragraph(f"Uttaket bygger på behovet «{need.title}» i innovasjonsarenaen."),)
    return Section("Kommunens behov", blocks)


def _supplier_section(suppliers: tuple[Supplier, ...] | None) -> Section:
    note = Paragraph(
        "Alle leverandører som er tatt opp i ordningen for kategorien, skal inviteres."
    )
    if suppliers is None:
        later = Paragraph("Markedsplassen fyller inn leverandørene når invitasjonen sendes.")
        return Section("Inviterte leverandører", (note, later))
    rows = tuple((s.name, s.orgnr) for s in suppliers)
    return Section("Inviterte leverandører", (note, Table(("Leverandør", "Org.nr."), rows)))


def _requirement_section(template: Template, calloff: CallOff | None) -> Section:
    own = calloff.requirements if calloff else ()
    replaced = {r.id for r in own}
    generic = {r.id for _, rs in template.requirements for r in rs}
    header = ("Id", "Krav", "Type")
    areas = []
    for area, requirements in template.requirements:
        rows = tuple(
            (r.id, one_line(r.text), _MANDATORY[r.mandatory])
            for r in requirements
            if r.id not in replaced
        )
        if rows:
            areas.append(Section(area.name, (Table(header, rows),)))
    if calloff is None:
        mine: Block = Paragraph(
            "«Fyll inn: kommunens egne krav, med id, tekst og om de er minstekrav eller "
            "bør-krav. Et krav med samme id som et standardkrav erstatter det.»"
        )
    elif own:
        mine = Table(
            header,
            tuple(
                (
                    r.id,
                    one_line(r.text),
                    _MANDATORY[r.mandatory]
                    + (", erstatter standardkravet" if r.id in generic else ""),
                )
                for r in own
            ),
        )
    else:
        mine = Paragraph("Kommunen har ingen egne krav utover standardkravene.")
    areas.append(Section("Kommunens egne krav", (mine,)))
    intro = Paragraph(
        "Kravene er markedsplassens standardkrav for kategorien, gruppert etter område, og "
        "kommunens egne krav. Et tilbud som ikke oppfyller et minstekrav, blir avvist. "
        "Bør-krav vurderes under tildelingskriteriene. Leverandøren svarer på hvert krav "
        "i kravskjemaet."
    )
    return Section("Krav til løsningen", (intro,), tuple(areas))


def _award_section(template: Template, calloff: CallOff | None) -> Section:
    criteria, source = award_criteria(
        calloff.award_criteria if calloff else None, template.award_criteria
    )
    blocks: list[Block] = [
        Paragraph(
            f"Kontrakten tildeles tilbudet med {labels.AWARD_BASIS[criteria.basis]} "
            f"(forskrift om offentlige anskaffelser § 18-1). {source}"
        )
    ]
    if criteria.criteria:
        rows = tuple(
            (
                c.name,
                labels.CRITERION_KIND[c.kind],
                percent(c.weight_percent),
                one_line(c.description) if c.description else "",
            )
            for c in criteria.criteria
        )
        total = sum(c.weight_percent or 0 for c in criteria.criteria)
        blocks.append(Table(("Kriterium", "Type", "Vekt", "Slik vurderes det"), rows))
        blocks.append(Paragraph(f"Vektene summerer til {percent(total)}."))
    blocks.append(Paragraph(_climate_sentence(criteria, calloff is not None)))
    return Section("Tildelingskriterier", tuple(blocks))


def _climate_sentence(criteria: AwardCriteria, filled: bool) -> str:
    """What the invitation promises about climate and environment (FOA § 7-9): the
    weight it gives them, or the exception and its justification."""
    rule = "forskrift om offentlige anskaffelser § 7-9"
    minimum = limits.CLIMATE_WEIGHT_PERCENT
    if criteria.climate_exception is not None:
        return (
            f"Klima- og miljøhensyn vektes ikke med minst {minimum} prosent, etter unntaket i "
            f"{rule} fjerde eller femte ledd. Begrunnelse: {one_line(criteria.climate_exception)}"
        )
    weight = sum(c.weight_percent or 0 for c in criteria.criteria if c.kind == "environment")
    if filled or weight:
        return (
            f"Klima- og miljøhensyn vektes {percent(weight)} av tildelingskriteriene "
            f"(minst {minimum} prosent, {rule})."
        )
    return f"Klima- og miljøhensyn skal vektes minst {minimum} prosent ({rule})."


def _contract_section(template: Template, agreement: reference.Entry, buyer: str | None) -> Section:
    blocks: list[Block] = [
        Paragraph(
            f"Kontrakten inngås på Statens standardavtale {agreement.id} ({agreement.name}) i "
            "gjeldende versjon, med kommunens utfylte bilag."
        )
    ]
    if agreement.id == template.agreement.id:
        blocks.append(Paragraph(one_line(template.agreement_note)))
    blocks.append(
        Paragraph(
            f"Kontrakten inngås mellom {fill(buyer, 'kommunens navn')} og leverandøren som "
            "får tildelingen. Markedsplassen er ikke part i kontrakten."
        )
    )
    return Section("Kontrakt og standardavtale", tuple(blocks))


def _template_section(category_id: str, links: tuple[Link, ...]) -> Section:
    generic = Bullets(
        (
            Link("Mal for risiko- og sårbarhetsanalyse (ROS)", template_stem(category_id, "ros")),
            Link(
                "Mal for vurdering av personvernkonsekvenser (DPIA)",
                template_stem(category_id, "dpia"),
            ),
            Link(
                "Forslag til gevinstrealisering", template_stem(category_id, "gevinstrealisering")
            ),
        )
    )
    blocks: list[Block] = [
        Paragraph(
            "Kommunen gjør ROS og DPIA lokalt før den bestemmer seg, med fagpersoner fra "
            "helse, IT, personvern og informasjonssikkerhet:"
        ),
        generic,
    ]
    if links:
        blocks += [
            Paragraph("Leverandørenes egne maler for løsningene i kategorien:"),
            Bullets(links),
        ]
    return Section("ROS, DPIA og gevinstrealisering", tuple(blocks))


def _standstill_sentence(calloff: CallOff | None) -> str:
    """The standstill choice: none is required under a DPS, but the buyer may
    choose one (`standstill_days`)."""
    days = calloff.standstill_days if calloff else None
    if days is not None:
        return (
            f"Tildelingen kunngjøres. Kommunen har valgt en karensperiode på {days} dager "
            "fra dagen etter at tildelingsbeslutningen er sendt; kontrakten signeres først "
            "når den er over."
        )
    if calloff is None:
        return (
            "Tildelingen kunngjøres. «Fyll inn: om kommunen velger en karensperiode (minst "
            "ti dager) før kontrakten signeres; i en dynamisk innkjøpsordning er den ikke "
            "påkrevd.»"
        )
    return (
        "Tildelingen kunngjøres. Kommunen har ikke karensperiode, som ikke er påkrevd i en "
        "dynamisk innkjøpsordning; kontrakten kan signeres når tildelingen er meddelt."
    )


def _questions_sentence(calloff: CallOff | None) -> str:
    when = (
        f"senest {long_date(periods.answer_due(calloff.tender_deadline))}"
        if calloff
        else f"senest {limits.QUESTION_ANSWER_DAYS} dager før tilbudsfristen"
    )
    return (
        "Spørsmål stilles skriftlig i kommunens konkurransegjennomføringsverktøy. Svarene "
        "gis likt til alle inviterte leverandører uten å si hvem som spurte, og publiseres "
        f"også på uttakets side i markedsplassen. Spørsmål som kommer i god tid, besvares {when}."
    )


def _rules_section(calloff: CallOff | None) -> Section:
    days = (calloff.tender_deadline - calloff.published).days if calloff else None
    period = f" (her {days} dager)" if days is not None else ""
    rules = Bullets(
        (
            "Uttaket er en konkurranse i en dynamisk innkjøpsordning (forskrift om offentlige "
            "anskaffelser §§ 26-4 til 26-7). Hele prosessen er elektronisk.",
            f"Tilbudsfristen er minst ti dager fra invitasjonen ble sendt{period}.",
            "Tilbud leveres bare i kommunens konkurransegjennomføringsverktøy (KGV), aldri "
            "i markedsplassen: alt som står der, er offentlig.",
            _questions_sentence(calloff),
            "Det er ikke adgang til å forhandle. Tilbudet som best oppfyller "
            "tildelingskriteriene, blir valgt.",
            "Kontrakten er mellom kommunen og leverandøren. Leverandøren har ansvaret for "
            "produkt- og leveransekvalitet, og kommunen for betalingen.",
            "Markedsplassen er bare tilrettelegger og tar ikke noe ansvar for økonomi eller "
            "leveranse.",
            _standstill_sentence(calloff),
        )
    )
    contents = Bullets(
        (
            "Svar på hvert krav i kravskjemaet.",
            "Utfylt prisskjema.",
            "Dokumentasjon av verifiseringen i markedsplassens sandkasse.",
            "Tilgjengelighetserklæring.",
            "Utkast til databehandleravtale med liste over underdatabehandlere.",
            "Beskrivelse av informasjonssikkerhet etter Normen.",
            "Klima- og miljøplan for leveransen.",
        )
    )
    return Section(
        "Regler for uttaket",
        (rules,),
        (Section("Tilbudet skal inneholde", (contents,)),),
    )


# ---------------------------------------------------------------- writing


def write(document: Document, out_dir: Path, stem: str) -> list[Path]:
    """Write `<stem>.md` and `<stem>.docx` in `out_dir`, each atomically; both are
    rendered before either is written."""
    if not identifiers.is_slug(stem):
        raise ValueError(f"«{stem}» er ikke et gyldig filnavn: små bokstaver, sifre og bindestrek")
    contents = {
        out_dir / f"{stem}.md": render_markdown(document).encode("utf-8"),
        out_dir / f"{stem}.docx": render_docx(document),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, data in contents.items():
        _replace(path, data)
    return list(contents)


def _replace(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
