"""Pre-filled documents: the tender invitation for a call-off in the shipped
catalogue, as Markdown and as Word; the four templates of every category; escaping
of contributor text; byte-identical output."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import jinja2
import markdown
import pytest
from jinja2 import nodes

from generator import pipeline
from generator.catalogue.gather import Catalogue, Entry
from generator.documents import invitation
from generator.documents import markdown as document_markdown
from generator.documents.markdown import markdown_escape
from generator.documents.model import Document, Link, Paragraph, Table, template_stem, text_blocks
from generator.models import CallOff, Dps, Supplier, reference
from generator.models.calloff import AwardCriteria
from generator.models.kinds import CALLOFF, DPS, SUPPLIER
from generator.norway.formatting import long_date
from tests.support.paths import ROOT, TODAY
from tests.support.shipped import unexpected

ASKOY = "askoy-app-for-sarprosedyrer-2026"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INJECTION = "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue, diagnostics, _ = pipeline.run(ROOT, TODAY)
    assert unexpected(diagnostics) == []
    return catalogue


def _calloff(catalogue: Catalogue, calloff_id: str = ASKOY) -> CallOff:
    record = catalogue.get(CALLOFF, calloff_id)
    assert isinstance(record, CallOff)
    return record


def _with(catalogue: Catalogue, record: CallOff) -> Catalogue:
    """A copy of the catalogue with one more call-off, built in the test."""
    by_id = {kind: dict(entries) for kind, entries in catalogue.by_id.items()}
    by_id[CALLOFF.name][record.id] = Entry(CALLOFF, f"{CALLOFF.folder}/{record.id}.yaml", record)
    return dataclasses.replace(catalogue, by_id=by_id)


def _write(document: Document, out_dir: Path) -> tuple[str, docx.document.Document, Path]:
    markdown_path, word_path = invitation.write(document, out_dir, document.stem)
    assert (markdown_path.name, word_path.name) == (
        f"{document.stem}.md",
        f"{document.stem}.docx",
    )
    return markdown_path.read_text("utf-8"), docx.Document(str(word_path)), word_path


# ---------------------------------------------------------------- the filled invitation


def test_markdown_has_the_call_off_the_dps_and_the_suppliers(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    calloff = _calloff(catalogue)
    dps = catalogue.get(DPS, calloff.dps)
    assert isinstance(dps, Dps)
    text, _, _ = _write(invitation.invitation(catalogue, ASKOY), tmp_path)

    assert "Askøy kommune" in text and "| Kommunenummer | 4627 |" in text
    assert dps.title in text and dps.id in text and "SSA-L" in text
    assert f"| Tilbudsfrist | {markdown_escape(long_date(calloff.tender_deadline))} |" in text
    assert "4\\. desember 2026" in text
    for supplier_id in calloff.invited:
        supplier = catalogue.get(SUPPLIER, supplier_id)
        assert isinstance(supplier, Supplier)
        assert f"| {supplier.name} | {supplier.orgnr} |" in text
    for requirement in calloff.requirements:
        assert f"| {requirement.id} | {markdown_escape(requirement.text)} |" in text
    assert "| helseid | Innlogging skal skje med HelseID. | Minstekrav (skal), erstatter" in text
    # the call-off's own criteria win over the category's default
    assert "| Pris | Pris | 40\u00a0% |" in text
    assert "| Kvalitet og brukervennlighet | Kvalitet | 30\u00a0% |" in text
    assert "| Klima og miljø | Miljø | 30\u00a0% |" in text
    assert "Funksjonalitet og faglig kvalitet" not in text
    assert "Vektene summerer til 100\u00a0%." in text
    # the generic requirements of footnote 4, in order, and the rules of a DPS call-off
    headings = re.findall(r"^### (.+)$", text, re.M)
    assert headings[:8] == [
        "Funksjonalitet",
        "Kompatibilitet",
        "Tekniske egenskaper",
        "Integrasjoner",
        "Informasjonssikkerhet",
        "Personvern",
        "Drift og vedlikehold",
        "Pris",
    ]
    assert "Kommunens egne krav" in headings
    assert "| normen |" in text and "| databehandleravtale |" in text
    assert "Det er ikke adgang til å forhandle." in text
    assert "minst ti dager fra invitasjonen ble sendt (her 14 dager)" in text
    assert "Markedsplassen er bare tilrettelegger og tar ikke noe ansvar" in text
    assert "Kontrakten inngås mellom Askøy kommune og leverandøren" in text
    assert "[Mal for risiko- og sårbarhetsanalyse (ROS)](sarbehandling-ros.md)" in text
    assert "(sarbehandling-dpia.md)" in text and "(sarbehandling-gevinstrealisering.md)" in text


def test_every_call_off_in_the_shipped_catalogue_gives_an_invitation(
    catalogue: Catalogue,
) -> None:
    for entry in catalogue.records(CALLOFF):
        document = invitation.invitation(catalogue, entry.record.id)
        assert document.stem == entry.record.id
        assert document_markdown.render_markdown(document).startswith("# Tilbudsinvitasjon: ")


def test_a_call_off_with_only_a_basis_gets_the_category_criteria(catalogue: Catalogue) -> None:
    calloff = _calloff(catalogue)
    bare = calloff.model_copy(
        update={
            "id": "askoy-uten-kriterier",
            "award_criteria": AwardCriteria(basis="best-price-quality-ratio"),
        }
    )
    text = document_markdown.render_markdown(invitation.invitation(_with(catalogue, bare), bare.id))
    assert "| Funksjonalitet og faglig kvalitet | Kvalitet | 25\u00a0% |" in text
    assert "Kommunen bruker markedsplassens standardkriterier" in text

    cheapest = calloff.model_copy(
        update={"id": "askoy-laveste-pris", "award_criteria": AwardCriteria(basis="lowest-price")}
    )
    document = invitation.invitation(_with(catalogue, cheapest), cheapest.id)
    text = document_markdown.render_markdown(document)
    assert "tilbudet med laveste pris" in text and "| Kriterium |" not in text


def test_unknown_call_off_raises_with_a_suggestion(catalogue: Catalogue) -> None:
    with pytest.raises(invitation.UnknownCallOff) as raised:
        invitation.invitation(catalogue, "askoy-app-for-sarprosedyrer-2025")
    assert isinstance(raised.value, KeyError)
    assert raised.value.calloff_id == "askoy-app-for-sarprosedyrer-2025"
    assert str(raised.value) == (
        "Uttaket «askoy-app-for-sarprosedyrer-2025» finnes ikke i tenders/calloffs/. "
        f"Mente du «{ASKOY}»?"
    )


def test_a_dangling_reference_is_a_tool_failure(catalogue: Catalogue) -> None:
    broken = _calloff(catalogue).model_copy(
        update={"id": "askoy-ukjent-ordning", "dps": "finnes-ikke"}
    )
    with pytest.raises(invitation.InvitationError, match="markedsplass check"):
        invitation.invitation(_with(catalogue, broken), broken.id)


# ---------------------------------------------------------------- Word


def test_word_document_has_headings_properties_language_and_header_rows(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    _, word, path = _write(invitation.invitation(catalogue, ASKOY), tmp_path)
    styles = [p.style.name for p in word.paragraphs if p.style is not None]
    assert styles[0] == "Title"
    assert {"Heading 1", "Heading 2", "List Bullet"} <= set(styles)
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[:4] == [
        "Om uttaket",
        "Kommunens behov",
        "Inviterte leverandører",
        "Krav til løsningen",
    ]

    properties = word.core_properties
    assert properties.title.startswith("Tilbudsinvitasjon: Askøy kommune")
    assert properties.language == "nb-NO"
    assert properties.created is not None and properties.created.date() == date(2026, 11, 20)
    assert properties.modified == properties.created
    assert properties.author == "Markedsplassen"

    with zipfile.ZipFile(path) as package:
        styles_xml = package.read("word/styles.xml").decode()
    assert re.search(
        r"<w:docDefaults><w:rPrDefault><w:rPr>.*<w:lang w:val=\"nb-NO\"", styles_xml, re.S
    )
    language = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language is not None and language.get(f"{W}val") == "nb-NO"

    assert word.tables
    for table in word.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row._tr.find(f"{W}trPr/{W}tblHeader") is None for row in table.rows[1:])
    suppliers = next(t for t in word.tables if t.rows[0].cells[0].text == "Leverandør")
    assert [row.cells[0].text for row in suppliers.rows[1:]] == [
        "Sårfag AS",
        "Omsorgsdata Norge AS",
        "Epitel Helseteknologi AS",
    ]
    links = {r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")}
    assert "sarbehandling-ros.docx" in links and "sarbehandling-dpia.docx" in links


def test_two_writes_are_byte_identical(catalogue: Catalogue, tmp_path: Path) -> None:
    document = invitation.invitation(catalogue, ASKOY)
    first = invitation.write(document, tmp_path / "a", "uttak")
    again = invitation.write(document, tmp_path / "a", "uttak")
    other = invitation.write(invitation.invitation(catalogue, ASKOY), tmp_path / "b", "uttak")
    for one, two, three in zip(first, again, other, strict=True):
        assert one.read_bytes() == two.read_bytes() == three.read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["uttak.docx", "uttak.md"]
    with zipfile.ZipFile(first[1]) as package:
        infos = package.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_write_refuses_a_stem_that_is_not_a_file_name(tmp_path: Path) -> None:
    document = invitation.category_templates("sarbehandling")[1]
    with pytest.raises(ValueError, match="filnavn"):
        invitation.write(document, tmp_path, "../utenfor")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- escaping


def test_contributor_text_cannot_inject_markdown_html_or_template_code(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    data = _calloff(catalogue).model_dump(mode="json", exclude_none=True)
    data["id"] = "askoy-injeksjon"
    data["title"] = "Uttak | med <b>fet</b> tittel"
    data["description"] = f"{INJECTION}\n\n# Overskrift\n\n1. liste\n\n- punkt med `kode`"
    data["requirements"] = [{"id": "injeksjon", "text": INJECTION + " | celle", "mandatory": True}]
    data["contact"]["name"] = "Ola <img src=x onerror=alert(1)> Nordmann"
    calloff = CallOff.model_validate(data)
    document = invitation.invitation(_with(catalogue, calloff), calloff.id)
    text, word, _ = _write(document, tmp_path)

    for raw in ("<script>", "<b>", "<img", "[x](javascript:", "{{", "}}"):
        assert raw not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\[x\\](javascript:alert(1))" in text
    assert "\\{\\{ 7\\*7 \\}\\}" in text
    assert "\\# Overskrift" in text and "1\\. liste" in text
    assert "- punkt med \\`kode\\`" in text  # a simple list stays a list
    assert "| injeksjon | &lt;script&gt;" in text and "&#124; celle |" in text

    html = markdown.markdown(text, extensions=["tables"])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("https://") or h.endswith(".md") for h in hrefs)
    assert "{{ 7*7 }}" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    rows = re.findall(r"<tr>\s*<td>injeksjon</td>\s*<td>(.*?)</td>\s*<td>", html, re.S)
    assert len(rows) == 1 and rows[0].endswith("&#124; celle")

    # Word has no markup to inject into: the text is kept as written
    texts = [p.text for p in word.paragraphs]
    assert INJECTION in texts
    assert word.core_properties.title == "Tilbudsinvitasjon: Uttak | med <b>fet</b> tittel"


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("{{ 7*7 }}", "\\{\\{ 7\\*7 \\}\\}"),
        ("a | b & c", "a &#124; b &amp; c"),
        ("~~gjennomstreket~~ $x$", "&#126;&#126;gjennomstreket&#126;&#126; &#36;x&#36;"),
        ("_kursiv_ **fet** `kode`", "\\_kursiv\\_ \\*\\*fet\\*\\* \\`kode\\`"),
        ("# ikke overskrift", "\\# ikke overskrift"),
        ("- ikke liste", "\\- ikke liste"),
        ("+ ikke liste", "\\+ ikke liste"),
        ("12. ikke nummerert", "12\\. ikke nummerert"),
        ("3) ikke nummerert", "3\\) ikke nummerert"),
        ("!!! note", "\\!!! note"),
        ("??? note", "&#63;?? note"),
        ("tre\n\nlinjer\n    kode", "tre linjer kode"),
        ("slutt med \\", "slutt med \\\\"),
        ("Askøy kommune - app (ny)", "Askøy kommune - app (ny)"),
        ("4627", "4627"),
    ],
)
def test_markdown_escape(value: str, escaped: str) -> None:
    assert markdown_escape(value) == escaped


def test_every_value_in_the_template_goes_through_an_escaping_filter() -> None:
    environment = document_markdown._environment()
    assert environment.undefined is jinja2.StrictUndefined
    loader = environment.loader
    assert loader is not None
    source = loader.get_source(environment, "document.md.j2")[0]
    outputs = [
        node
        for output in environment.parse(source).find_all(nodes.Output)
        for node in output.nodes
        if not isinstance(node, nodes.TemplateData)
    ]
    assert outputs
    for node in outputs:
        filtered = isinstance(node, nodes.Filter) and node.name in {"md", "md_href"}
        macro = isinstance(node, nodes.Call) and getattr(node.node, "name", None) == "render"
        assert filtered or macro, f"linje {node.lineno}: verdi uten escaping"


# ---------------------------------------------------------------- the category templates


@pytest.mark.parametrize("category_id", sorted(reference.categories()))
def test_every_category_has_four_templates(category_id: str, tmp_path: Path) -> None:
    documents = invitation.category_templates(category_id)
    assert [d.stem for d in documents] == [
        template_stem(category_id, kind)
        for kind in ("tilbudsinvitasjon", "ros", "dpia", "gevinstrealisering")
    ]
    template = invitation.templates().template(category_id)
    weights = [c.weight_percent for c in template.award_criteria.criteria]
    assert sum(w or 0 for w in weights) == 100 and None not in weights
    environment = [c for c in template.award_criteria.criteria if c.kind == "environment"]
    assert [c.weight_percent for c in environment] == [30]
    assert template.agreement.id in reference.agreement_types()
    areas = [area.id for area, _ in template.requirements]
    assert areas == [
        "funksjonalitet",
        "kompatibilitet",
        "tekniske-egenskaper",
        "integrasjoner",
        "informasjonssikkerhet",
        "personvern",
        "drift-og-vedlikehold",
        "pris",
    ]
    ids = [r.id for _, rs in template.requirements for r in rs]
    assert len(ids) == len(set(ids))
    assert {"helseid", "normen", "eos", "databehandleravtale", "universell-utforming"} <= set(ids)
    assert any(r.mandatory for _, rs in template.requirements for r in rs)
    assert any(not r.mandatory for _, rs in template.requirements for r in rs)

    invitation_template = documents[0]
    text = document_markdown.render_markdown(invitation_template)
    assert "«Fyll inn: kommunens navn»" in text
    assert f"| Standardavtale | {template.agreement.id}: " in text
    for document in documents:
        text, word, _ = _write(document, tmp_path)
        assert text.startswith(f"# {markdown_escape(document.title)}\n")
        assert word.core_properties.title == document.title
        assert word.core_properties.language == "nb-NO"
        assert word.core_properties.created is not None
        assert word.core_properties.created.date() == template.issued


def test_shipped_dps_agreement_types_match_their_category_templates(
    catalogue: Catalogue,
) -> None:
    for entry in catalogue.records(DPS):
        dps = entry.record
        assert isinstance(dps, Dps)
        assert invitation.templates().template(dps.category).agreement.id == dps.agreement_type


def test_unknown_category_raises() -> None:
    with pytest.raises(
        invitation.UnknownCategory, match="«sarbehandlingg» har ingen mal"
    ) as raised:
        invitation.category_templates("sarbehandlingg")
    assert isinstance(raised.value, KeyError) and "sarbehandling" in str(raised.value)


# ---------------------------------------------------------------- the document model


def test_free_text_becomes_paragraphs_and_simple_lists() -> None:
    blocks = text_blocks("Første avsnitt\nfortsetter her.\n\n- ett\n- to\n  fortsatt\n\nSiste.")
    assert [b.kind for b in blocks] == ["paragraph", "bullets", "paragraph"]
    assert blocks[0] == Paragraph("Første avsnitt fortsetter her.")
    assert blocks[1].items == ("ett", "to fortsatt")  # type: ignore[union-attr]


def test_links_are_https_or_document_names() -> None:
    Link("ok", "https://www.example.no/side")
    Link("ok", "sarbehandling-ros")
    for bad in ("javascript:alert(1)", "http://example.no", "../fil", "Mal ROS"):
        with pytest.raises(ValueError, match="er verken https eller et dokumentnavn"):
            Link("nei", bad)


def test_table_rows_must_match_the_header() -> None:
    with pytest.raises(ValueError, match="har rader med feil antall celler"):
        Table(("a", "b"), (("1",),))


def test_invitation_command_writes_the_invitation_and_its_templates(tmp_path: Path) -> None:
    from generator import cli

    calloff = sorted((ROOT / "tenders/calloffs").glob("*.yaml"))[0].stem
    assert cli.main(["invitation", calloff, "--root", str(ROOT), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert f"{calloff}.md" in names and f"{calloff}.docx" in names
    assert len([n for n in names if n.endswith(("-ros.docx", "-dpia.docx"))]) == 2
    assert (
        cli.main(["invitation", "finnes-ikke", "--root", str(ROOT), "--out", str(tmp_path / "x")])
        == 2
    )
    assert not (tmp_path / "x").exists()


# ---------------------------------------------------------------- the rules it promises


def _text(document: Document) -> str:
    return document_markdown.render_markdown(document)


def test_the_invitation_states_its_climate_weight_or_its_exception(catalogue: Catalogue) -> None:
    calloff = _calloff(catalogue)
    text = _text(invitation.invitation(catalogue, ASKOY))
    assert "Klima- og miljøhensyn vektes 30\u00a0% av tildelingskriteriene" in text
    excepted = calloff.model_copy(
        update={
            "id": "uttak-unntak",
            "award_criteria": calloff.award_criteria.model_copy(
                update={"climate_exception": "Kravspesifikasjonen stiller strengere krav."}
            ),
        }
    )
    text = _text(invitation.invitation(_with(catalogue, excepted), "uttak-unntak"))
    assert "vektes ikke med minst 30 prosent" in text
    assert "Begrunnelse: Kravspesifikasjonen stiller strengere krav." in text


def test_the_invitation_states_the_standstill_choice_and_where_to_ask(
    catalogue: Catalogue,
) -> None:
    calloff = _calloff(catalogue)
    text = _text(invitation.invitation(catalogue, ASKOY))
    assert "Kommunen har ikke karensperiode" in text
    # questions in good time are answered by 28 November, six days before 4 December
    assert "besvares senest 28. november 2026" in text
    assert "Tilbud leveres bare i kommunens konkurransegjennomføringsverktøy" in text
    chosen = calloff.model_copy(update={"id": "uttak-karens", "standstill_days": 10})
    text = _text(invitation.invitation(_with(catalogue, chosen), "uttak-karens"))
    assert "Kommunen har valgt en karensperiode på 10 dager" in text
