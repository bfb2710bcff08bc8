"""The pre-filled documents (tender invitation, ROS, DPIA, benefit realisation)
as plain data, with no I/O: a
document is a title and sections, each with a heading, paragraphs, bullet lists and
tables. `generator.documents.invitation` fills in the values and writes one model both as
Markdown and as Word.

Also here: the shape of the category templates (generator/data/invitation-templates.yaml),
the shape of the wording around them (generator/data/document-prose.yaml), and the
three generic documents built from one category's template and that wording: ROS,
DPIA and benefit realisation. The tender invitation is built in `generator.documents.invitation`."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from generator.models import reference
from generator.models.base import AgreementType, CategoryId, IsoDate, Line, Markdown, Model, Slug
from generator.models.calloff import AwardCriteria, Requirement
from generator.norway import identifiers
from generator.norway.formatting import long_date

# ---------------------------------------------------------------- the document model


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a web page (`https://…`) or to another generated document, named by
    its stem; each writer adds its own extension (`.md`, `.docx`)."""

    text: str
    target: str
    kind: ClassVar[str] = "link"

    def __post_init__(self) -> None:
        if not (self.target.startswith("https://") or identifiers.is_slug(self.target)):
            raise ValueError(f"lenkemålet {self.target!r} er verken https eller et dokumentnavn")

    @property
    def external(self) -> bool:
        return self.target.startswith("https://")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str | Link, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True, slots=True)
class Table:
    """The first row is the header row (repeated on each page in Word)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError(f"tabellen {self.header} har rader med feil antall celler")


Block = Paragraph | Bullets | Table


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()


MAX_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Document:
    """`stem` names the document for links between documents; `issued` is the date
    it stands for (fixed from the data, so output is reproducible)."""

    stem: str
    title: str
    subject: str
    issued: date
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[tuple[int, Section]]:
        """Every section in reading order with its level: 1, 2 or 3."""

        def visit(sections: tuple[Section, ...], level: int) -> Iterator[tuple[int, Section]]:
            for section in sections:
                if level > MAX_DEPTH:
                    raise ValueError(f"«{section.heading}» ligger dypere enn {MAX_DEPTH} nivåer")
                yield level, section
                yield from visit(section.sections, level + 1)

        return visit(self.sections, 1)


# ---------------------------------------------------------------- values as text

_BULLET = re.compile(r"[-*+] +")


def fill(value: str | None, what: str) -> str:
    """The value, or a marked place for the municipality to fill in."""
    return value if value is not None else f"«Fyll inn: {what}»"


def one_line(text: str) -> str:
    return " ".join(text.split())


def text_blocks(text: str) -> tuple[Block, ...]:
    """A contributor's free text as paragraphs and simple bullet lists; all other
    Markdown stays literal text (the writers escape it)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if _BULLET.match(lines[0]):
            items: list[str] = []
            for line in lines:
                marker = _BULLET.match(line)
                if marker:
                    items.append(line[marker.end() :])
                else:
                    items[-1] += " " + line
            blocks.append(Bullets(tuple(one_line(item) for item in items)))
        else:
            blocks.append(Paragraph(one_line(" ".join(lines))))
    return tuple(blocks)


# ---------------------------------------------------------------- category templates

TEMPLATE_KINDS = ("tilbudsinvitasjon", "ros", "dpia", "gevinstrealisering")


def template_stem(category_id: str, kind: str) -> str:
    """The file stem of one of a category's four templates, e.g. `sarbehandling-ros`."""
    if kind not in TEMPLATE_KINDS:
        raise ValueError(f"ukjent maltype {kind!r}")
    return f"{category_id}-{kind}"


class Area(Model):
    id: Slug = Field(description="Kravområdets id.")
    name: Line = Field(description="Navnet på kravområdet.")


class Risk(Model):
    event: Line = Field(description="Den uønskede hendelsen.")
    cause: Markdown = Field(description="Mulige årsaker.")
    measures: Markdown = Field(description="Foreslåtte tiltak.")


class Benefit(Model):
    benefit: Line = Field(description="Gevinsten.")
    kind: Literal["quality", "time", "money"] = Field(description="Kvalitet, tid eller økonomi.")
    indicator: Line = Field(description="Hva som måles.")
    measurement: Markdown = Field(description="Hvordan og når det måles.")


Requirements = dict[Slug, tuple[Requirement, ...]]


class Common(Model):
    requirements: Requirements = Field(description="Krav i alle kategorier, per kravområde.")
    risks: tuple[Risk, ...] = Field(description="Hendelser i alle ROS-analyser.")
    privacy_risks: tuple[Risk, ...] = Field(min_length=1, description="Risikoer i alle DPIA-er.")


class CategoryTemplate(Model):
    category: CategoryId = Field(description="Kategorien.")
    agreement_type: AgreementType = Field(description="Anbefalt standardavtale.")
    agreement_note: Markdown = Field(description="Hvorfor avtalen passer.")
    requirements: Requirements = Field(description="Kategoriens egne krav, per kravområde.")
    award_criteria: AwardCriteria = Field(description="Standard tildelingskriterier.")
    risks: tuple[Risk, ...] = Field(min_length=1, description="Typiske uønskede hendelser.")
    personal_data: tuple[Line, ...] = Field(min_length=1, description="Personopplysningene.")
    data_subjects: tuple[Line, ...] = Field(min_length=1, description="De registrerte.")
    privacy_note: Markdown = Field(description="Det DPIA-en særlig må vurdere.")
    benefits: tuple[Benefit, ...] = Field(min_length=1, description="Forventede gevinster.")


@dataclass(frozen=True, slots=True)
class Template:
    """One category's template with the common parts merged in, in area order."""

    version: str
    issued: date
    category: reference.Entry
    agreement: reference.Entry
    agreement_note: str
    requirements: tuple[tuple[Area, tuple[Requirement, ...]], ...]
    award_criteria: AwardCriteria
    risks: tuple[Risk, ...]
    privacy_risks: tuple[Risk, ...]
    personal_data: tuple[str, ...]
    data_subjects: tuple[str, ...]
    privacy_note: str
    benefits: tuple[Benefit, ...]


class TemplateSet(Model):
    """The whole file. Broken content is a tool failure: the validators raise."""

    version: Line
    issued: IsoDate
    areas: tuple[Area, ...] = Field(min_length=1)
    common: Common
    categories: tuple[CategoryTemplate, ...]

    @model_validator(mode="after")
    def _consistent(self) -> TemplateSet:
        areas = [area.id for area in self.areas]
        if len(set(areas)) != len(areas):
            raise ValueError("et kravområde står to ganger i «areas»")
        ids = [template.category for template in self.categories]
        if len(set(ids)) != len(ids) or set(ids) != set(reference.categories()):
            raise ValueError("hver kategori i categories.yaml skal ha nøyaktig én mal")
        for template in self.categories:
            groups = [self.common.requirements, template.requirements]
            if unknown := {key for group in groups for key in group} - set(areas):
                raise ValueError(f"{template.category}: ukjent kravområde {sorted(unknown)}")
            seen = [r.id for group in groups for rs in group.values() for r in rs]
            if len(set(seen)) != len(seen):
                raise ValueError(f"{template.category}: samme krav-id står to ganger")
            criteria = template.award_criteria.criteria
            if sum(c.weight_percent or 0 for c in criteria) != 100:
                raise ValueError(f"{template.category}: vektene summerer ikke til 100")
            if sum(c.weight_percent or 0 for c in criteria if c.kind == "environment") < 30:
                raise ValueError(f"{template.category}: klima og miljø skal vektes minst 30 %")
        return self

    def template(self, category_id: str) -> Template:
        """Raises KeyError for a category with no template."""
        own = {template.category: template for template in self.categories}[category_id]
        groups = (self.common.requirements, own.requirements)
        requirements = tuple(
            (area, tuple(r for group in groups for r in group.get(area.id, ())))
            for area in self.areas
        )
        return Template(
            version=self.version,
            issued=self.issued,
            category=reference.categories()[own.category],
            agreement=reference.agreement_types()[own.agreement_type],
            agreement_note=own.agreement_note,
            requirements=tuple((area, rs) for area, rs in requirements if rs),
            award_criteria=own.award_criteria,
            risks=own.risks + self.common.risks,
            privacy_risks=self.common.privacy_risks,
            personal_data=own.personal_data,
            data_subjects=own.data_subjects,
            privacy_note=own.privacy_note,
            benefits=own.benefits,
        )


# ---------------------------------------------------------------- the documents' wording


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        raise ValueError(
            f"«{text}» har en krøllparentes uten make; skriv {{{{ og }}}} for en krøllparentes"
        ) from None


def _wording(*allowed: str) -> AfterValidator:
    """Text whose `{name}` places are filled in by the tool: only these names."""

    def check(text: str) -> str:
        if unknown := _fields(text) - set(allowed):
            known = ", ".join(f"{{{name}}}" for name in allowed) or "ingen"
            raise ValueError(
                f"«{text}» har ukjent innfyllingsfelt {sorted(unknown)}; tillatt her: {known}"
            )
        return text

    return AfterValidator(check)


_BENEFIT_KINDS = ("quality", "time", "money")

# The wording exactly as written in the data: not stripped, on one line or more.
Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
Plain = Annotated[Text, _wording()]
Texts = tuple[Plain, ...]


def _columns(count: int) -> Any:
    return Field(min_length=count, max_length=count)


class TableWording(Model):
    """A table written out in full: the header row and the rows under it."""

    header: Texts = Field(min_length=1)
    rows: tuple[Texts, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rectangular(self) -> TableWording:
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError(f"tabellen {list(self.header)} har rader med feil antall celler")
        return self


class AboutWording(Model):
    """An «Om …» section: a table of things the municipality fills in."""

    heading: Plain
    rows: Texts = Field(min_length=1)


class CommonWording(Model):
    blank: Plain
    about_header: Texts = _columns(2)
    preface: Annotated[Text, _wording("category", "version", "issued", "what")]
    benefit_kinds: dict[Literal["quality", "time", "money"], Plain]

    @model_validator(mode="after")
    def _every_kind(self) -> CommonWording:
        if len(self.benefit_kinds) != len(_BENEFIT_KINDS):
            raise ValueError(
                f"benefit_kinds skal ha alle gevinsttypene: {', '.join(_BENEFIT_KINDS)}"
            )
        return self


Title = Annotated[Text, _wording("category")]


class MethodWording(Model):
    heading: Plain
    text: Plain
    scale: TableWording
    levels: TableWording


class EventsWording(Model):
    heading: Plain
    text: Plain
    header: Texts = _columns(7)


class MeasuresWording(Model):
    heading: Plain
    header: Texts = Field(min_length=1)


class HeadedText(Model):
    heading: Plain
    text: Plain


class RosWording(Model):
    title: Title
    subject: Plain
    preface: Plain
    about: AboutWording
    method: MethodWording
    events: EventsWording
    measures: MeasuresWording
    residual: HeadedText


class ProcessingWording(Model):
    heading: Plain
    purpose: Annotated[Text, _wording("purpose")]
    personal_data: Plain
    data_subjects: Plain
    data_flow: Plain


class LegalBasisWording(Model):
    heading: Plain
    bullets: Texts = Field(min_length=1)
    text: Plain


class HeadedBullets(Model):
    heading: Plain
    bullets: Texts = Field(min_length=1)


class PrivacyRisksWording(Model):
    heading: Plain
    header: Texts = _columns(5)


class ConclusionWording(Model):
    heading: Plain
    paragraphs: Texts = Field(min_length=1)


class DpiaWording(Model):
    title: Title
    subject: Plain
    preface: Plain
    about: AboutWording
    processing: ProcessingWording
    legal_basis: LegalBasisWording
    necessity: HeadedBullets
    risks: PrivacyRisksWording
    conclusion: ConclusionWording


class BenefitsWording(Model):
    heading: Plain
    header: Texts = _columns(6)


class CostsWording(Model):
    heading: Plain
    header: Texts = _columns(2)
    rows: Texts = Field(min_length=1)


class BenefitRealisationWording(Model):
    title: Title
    subject: Plain
    preface: Plain
    about: AboutWording
    benefits: BenefitsWording
    assumptions: HeadedBullets
    costs: CostsWording
    follow_up: HeadedBullets


class DocumentWording(Model):
    """The wording of the ROS, DPIA and benefit realisation templates
    (generator/data/document-prose.yaml); the code below shapes the documents.
    Broken content is a tool failure: the loader raises."""

    common: CommonWording
    ros: RosWording
    dpia: DpiaWording
    benefit_realisation: BenefitRealisationWording


# ---------------------------------------------------------------- ROS, DPIA, benefits


def _preface(template: Template, wording: DocumentWording, what: str) -> Paragraph:
    return Paragraph(
        wording.common.preface.format(
            category=template.category.name,
            version=template.version,
            issued=long_date(template.issued),
            what=what,
        )
    )


def _about(
    wording: DocumentWording, rows: tuple[str, ...], header: tuple[str, ...] | None = None
) -> Table:
    blank = wording.common.blank
    return Table(header or wording.common.about_header, tuple((row, blank) for row in rows))


def _table(table: TableWording) -> Table:
    return Table(table.header, table.rows)


def ros(template: Template, wording: DocumentWording) -> Document:
    """Risiko- og sårbarhetsanalyse: the frame, the scales and the typical events."""
    text = wording.ros
    events = tuple(
        (str(n), r.event, one_line(r.cause), one_line(r.measures), "", "", "")
        for n, r in enumerate(template.risks, 1)
    )
    blanks = (wording.common.blank,) * len(text.measures.header)
    return Document(
        stem=template_stem(template.category.id, "ros"),
        title=text.title.format(category=template.category.name),
        subject=text.subject,
        issued=template.issued,
        blocks=(_preface(template, wording, text.preface),),
        sections=(
            Section(text.about.heading, (_about(wording, text.about.rows),)),
            Section(
                text.method.heading,
                (
                    Paragraph(text.method.text),
                    _table(text.method.scale),
                    _table(text.method.levels),
                ),
            ),
            Section(
                text.events.heading,
                (Paragraph(text.events.text), Table(text.events.header, events)),
            ),
            Section(text.measures.heading, (Table(text.measures.header, (blanks,)),)),
            Section(text.residual.heading, (Paragraph(text.residual.text),)),
        ),
    )


def dpia(template: Template, wording: DocumentWording) -> Document:
    """Vurdering av personvernkonsekvenser (personvernforordningen artikkel 35)."""
    text = wording.dpia
    risks = tuple(
        (str(n), r.event, one_line(r.cause), one_line(r.measures), "")
        for n, r in enumerate(template.privacy_risks, 1)
    )
    processing = text.processing
    return Document(
        stem=template_stem(template.category.id, "dpia"),
        title=text.title.format(category=template.category.name),
        subject=text.subject,
        issued=template.issued,
        blocks=(_preface(template, wording, text.preface),),
        sections=(
            Section(text.about.heading, (_about(wording, text.about.rows),)),
            Section(
                processing.heading,
                (
                    Paragraph(processing.purpose.format(purpose=template.category.description)),
                    Paragraph(processing.personal_data),
                    Bullets(template.personal_data),
                    Paragraph(processing.data_subjects),
                    Bullets(template.data_subjects),
                    Paragraph(processing.data_flow),
                ),
            ),
            Section(
                text.legal_basis.heading,
                (Bullets(text.legal_basis.bullets), Paragraph(text.legal_basis.text)),
            ),
            Section(
                text.necessity.heading,
                (Paragraph(one_line(template.privacy_note)), Bullets(text.necessity.bullets)),
            ),
            Section(text.risks.heading, (Table(text.risks.header, risks),)),
            Section(
                text.conclusion.heading,
                tuple(Paragraph(paragraph) for paragraph in text.conclusion.paragraphs),
            ),
        ),
    )


def benefit_realisation(template: Template, wording: DocumentWording) -> Document:
    """Gevinstrealisering: expected benefits with indicators, to measure from day one."""
    text = wording.benefit_realisation
    blank = wording.common.blank
    kinds = wording.common.benefit_kinds
    benefits = tuple(
        (b.benefit, kinds[b.kind], b.indicator, one_line(b.measurement), blank, blank)
        for b in template.benefits
    )
    return Document(
        stem=template_stem(template.category.id, "gevinstrealisering"),
        title=text.title.format(category=template.category.name),
        subject=text.subject,
        issued=template.issued,
        blocks=(_preface(template, wording, text.preface),),
        sections=(
            Section(text.about.heading, (_about(wording, text.about.rows),)),
            Section(text.benefits.heading, (Table(text.benefits.header, benefits),)),
            Section(text.assumptions.heading, (Bullets(text.assumptions.bullets),)),
            Section(
                text.costs.heading, (_about(wording, text.costs.rows, header=text.costs.header),)
            ),
            Section(text.follow_up.heading, (Bullets(text.follow_up.bullets),)),
        ),
    )
