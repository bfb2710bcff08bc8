"""Word rendering of a document with python-docx: real headings, Norwegian bokmål
as the document language, header rows on tables, and a reproducible zip."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph

from generator.documents.model import Block, Bullets, Document, Link, Paragraph, Table

LANGUAGE = "nb-NO"
AUTHOR = "Markedsplassen"


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_docx(document: Document) -> bytes:
    word = docx.Document()
    _a4(word)
    _norwegian(word)
    _hyperlink_style(word)
    properties = word.core_properties
    moment = datetime(document.issued.year, document.issued.month, document.issued.day)
    properties.title = document.title
    properties.subject = document.subject
    properties.identifier = document.stem
    properties.language = LANGUAGE
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.comments = ""
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    styles = _Styles(word)
    styles.paragraph(document.title, "Title")
    for block in document.blocks:
        _word_block(word, block, styles)
    for level, section in document.walk():
        styles.paragraph(section.heading, f"Heading {level}")
        for block in section.blocks:
            _word_block(word, block, styles)
    buffer = io.BytesIO()
    word.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _a4(word: docx.document.Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)


def _child(parent: BaseOxmlElement, tag: str, index: int | None = None) -> BaseOxmlElement:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(index if index is not None else len(parent), found)
    return found  # type: ignore[no-any-return]


def _norwegian(word: docx.document.Document) -> None:
    """Norwegian bokmål as the language of every run that does not say otherwise."""
    defaults = _child(word.styles.element, "w:docDefaults", 0)
    run_defaults = _child(_child(defaults, "w:rPrDefault", 0), "w:rPr")
    _child(run_defaults, "w:lang").set(qn("w:val"), LANGUAGE)
    settings = word.settings.element
    _child(settings, "w:themeFontLang").set(qn("w:val"), LANGUAGE)
    for proofed in settings.findall(qn("w:proofState")):  # let Word spell-check in Norwegian
        settings.remove(proofed)


def _hyperlink_style(word: docx.document.Document) -> None:
    style = word.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True


class _Styles:
    """Paragraphs in a named style. python-docx looks a style name up among all the
    document's styles on every paragraph (most of the time a template took); here
    each name is looked up once per document. The XML written is the same."""

    def __init__(self, word: docx.document.Document) -> None:
        self._word = word
        self._ids: dict[str, str] = {}

    def paragraph(self, text: str, name: str) -> WordParagraph:
        if name not in self._ids:
            self._ids[name] = self._word.styles[name].style_id
        paragraph = self._word.add_paragraph(text)
        paragraph._p.style = self._ids[name]
        return paragraph


def _word_block(word: docx.document.Document, block: Block, styles: _Styles) -> None:
    if isinstance(block, Paragraph):
        word.add_paragraph(block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            if isinstance(item, Link):
                _hyperlink(styles.paragraph("", "List Bullet"), item)
            else:
                styles.paragraph(item, "List Bullet")
    else:
        table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = word.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, _widths(block), strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header.cells, block.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row, values in zip(table.rows[1:], block.rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text


def _widths(block: Table) -> list[Mm]:
    """Column widths across the 160 mm between the margins, by the longest text."""
    columns = zip(block.header, *block.rows, strict=True)
    weights = [min(max(len(text) for text in column), 60) + 4 for column in columns]
    return [Mm(160 * weight / sum(weights)) for weight in weights]


def _hyperlink(paragraph: WordParagraph, link: Link) -> None:
    target = link.target if link.external else f"{link.target}.docx"
    relation = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink", {qn("r:id"): relation})
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:rStyle", {qn("w:val"): "Hyperlink"}))
    text = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    text.text = link.text
    run.append(properties)
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _reproducible_zip(data: bytes) -> bytes:
    """The package again with sorted entries and fixed times and attributes, so the
    same document gives the same bytes ([Content_Types].xml sorts first)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return output.getvalue()
