"""The `markedsplass` command line. Exit codes: 0 valid, 1 invalid data, 2 tool
failure. Bad data never raises; an exception here is a broken tool, reported once
without a traceback (set MARKEDSPLASS_DEBUG=1 to see it)."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator import __version__, check, config, deadlines, invitation, ocds, schema, site
from generator.catalogue import Catalogue, NotACatalogue
from generator.cli_github import GitHubFailure, register_github
from generator.diagnostics import FORMATTERS, Severity, has_errors
from generator.kinds import CALLOFF, DPS
from generator.models import CallOff, Dps
from generator.site.serve import serve as serve_site

EXIT_OK, EXIT_INVALID, EXIT_TOOL = 0, 1, 2


class ToolFailure(Exception):
    pass


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD") from None


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        catalogue, diagnostics = check.run(Path(args.root), args.today)
    except NotACatalogue as exc:
        raise ToolFailure(str(exc)) from exc
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    records = sum(len(v) for v in catalogue.entries.values())
    sys.stderr.write(
        f"markedsplass check: {records} poster lest, {errors} feil, {warnings} advarsler.\n"
    )
    return EXIT_INVALID if has_errors(diagnostics, strict=args.strict) else EXIT_OK


def _load(args: argparse.Namespace) -> Catalogue:
    """The checked catalogue for the commands that read it. Records that could not be
    read or validated are left out, and stderr says so: none is dropped silently."""
    try:
        catalogue, _ = check.run(Path(args.root), args.today)
    except NotACatalogue as exc:
        raise ToolFailure(str(exc)) from exc
    dropped = sum(len(ids) for ids in catalogue.broken.values())
    if dropped:
        sys.stderr.write(
            f"markedsplass: {dropped} poster kunne ikke leses og er utelatt. Kjør "
            "`markedsplass check` for detaljer.\n"
        )
    return catalogue


def _cmd_build(args: argparse.Namespace) -> int:
    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        report = site.build(root, out, args.today, strict=args.strict)
    except (NotACatalogue, site.BuildError) as exc:
        raise ToolFailure(str(exc)) from exc
    sys.stdout.write(FORMATTERS[args.format](report.diagnostics))
    if not report.built:
        errors = sum(d.severity is Severity.ERROR for d in report.diagnostics)
        warnings = len(report.diagnostics) - errors
        sys.stderr.write(
            f"markedsplass build: {errors} feil, {warnings} advarsler. Nettstedet er ikke "
            f"bygget, og {out} er ikke endret.\n"
        )
        return EXIT_INVALID
    sys.stderr.write(
        f"markedsplass build: {report.records} poster og {report.pages} sider bygget til "
        f"{out} på {report.seconds:.1f} s.\n"
    )
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        serve_site(root, out, port=args.port)
    except (NotACatalogue, site.BuildError) as exc:
        raise ToolFailure(str(exc)) from exc
    except OSError as exc:  # the port is taken, or the address cannot be used
        raise ToolFailure(f"kan ikke servere på 127.0.0.1:{args.port}: {exc}") from exc
    except KeyboardInterrupt:  # Ctrl+C during the first build
        sys.stderr.write("markedsplass serve: stoppet.\n")
    return EXIT_OK


def _cmd_deadlines(args: argparse.Namespace) -> int:
    catalogue = _load(args)
    items = deadlines.collect(catalogue, args.today, args.within)
    sys.stdout.write(deadlines.FORMATTERS[args.format](items, args.today))
    return EXIT_INVALID if deadlines.legal_overdue(items) else EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    catalogue = _load(args)
    settings, problems = config.load(Path(args.root))
    if problems:
        raise ToolFailure(f"{config.FILE} er ugyldig; kjør `markedsplass check`.")
    try:
        package = ocds.release_package(
            catalogue,
            ocid_prefix=settings.ocds.ocid_prefix,
            publisher_name=settings.ocds.publisher_name,
            published=args.today,
            uri=settings.ocds.uri,
        )
    except ocds.ExportError as exc:
        raise ToolFailure(str(exc)) from exc
    ocds.write(Path(args.out), package)
    sys.stderr.write(f"skrev {args.out} ({len(package['releases'])} prosesser)\n")
    return EXIT_OK


def _cmd_invitation(args: argparse.Namespace) -> int:
    catalogue = _load(args)
    try:
        document = invitation.invitation(catalogue, args.calloff)
    except invitation.InvitationError as exc:
        raise ToolFailure(str(exc)) from exc
    calloff = catalogue.get(CALLOFF, args.calloff)
    dps = catalogue.get(DPS, calloff.dps) if isinstance(calloff, CallOff) else None
    documents = [(document, document.stem)]
    if isinstance(dps, Dps):  # the ROS, DPIA and benefit templates the invitation links to
        documents += [(d, d.stem) for d in invitation.category_templates(dps.category)[1:]]
    for doc, stem in documents:
        for path in invitation.write(doc, Path(args.out), stem):
            sys.stderr.write(f"skrev {path}\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    for path in schema.write(Path(args.out)):
        sys.stderr.write(f"skrev {path}\n")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from generator.sandbox import command, formats

    try:
        report = command.verify_paths(
            args.paths,
            requirement_set=args.requirements,
            endpoint=args.endpoint,
            root=args.root,
            jobs=args.jobs,
        )
    except command.VerifyError as exc:
        raise ToolFailure(str(exc)) from exc
    sys.stdout.write(formats.FORMATTERS[args.format](report))
    verdict = f"{formats.verdict(report)} ({formats.counts(report)})"
    sys.stderr.write(f"markedsplass verify: {verdict}.\n")
    return EXIT_OK if report.verified else EXIT_INVALID


def _cmd_testdata(args: argparse.Namespace) -> int:
    from generator.sandbox import testdata

    try:
        paths = testdata.write_testdata(Path(args.out), args.patients, args.seed, args.days)
    except testdata.TestDataError as exc:
        raise ToolFailure(str(exc)) from exc
    sys.stderr.write(
        f"skrev {len(paths)} filer til {args.out} ({args.patients} pasienter, {args.days} dager)\n"
    )
    return EXIT_OK


def _root_and_today(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=".", help="roten av katalogen (standard: .)")
    p.add_argument(
        "--today",
        type=_today,
        default=None,
        help="datoen tidsfrister regnes fra (ÅÅÅÅ-MM-DD; standard: i dag)",
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="markedsplass", description="Markedsplassen: sjekk katalogen, bygg nettstedet og mer."
    )
    top.add_argument("--version", action="version", version=f"markedsplass {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = sub.add_parser(
        "check",
        help="sjekk alle poster, referanser og regler",
        description="Sjekker alle poster, alle referanser mellom poster og alle "
        "regler. Avslutter med 0 når alt er gyldig, 1 ved ugyldige data og 2 "
        "ved feil i verktøyet.",
    )
    _root_and_today(p)
    p.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default=_default_format(),
        help="text, github (arbeidsflytmerknader) eller json",
    )
    p.add_argument("--strict", action="store_true", help="advarsler regnes som feil")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "build",
        help="sjekk katalogen og bygg nettstedet",
        description="Sjekker katalogen og bygger nettstedet (Material for MkDocs), med "
        "JSON-API og JSON Schema, til --out. Skriver ingenting når sjekken finner feil. "
        "Avslutter med 0 når nettstedet er bygget, 1 ved ugyldige data og 2 ved feil i "
        "verktøyet.",
    )
    _root_and_today(p)
    p.add_argument(
        "--out", default=None, help="mappen nettstedet skrives til (standard: site/ i roten)"
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default=_default_format(),
        help="hvordan funn fra sjekken skrives: text, github eller json",
    )
    p.add_argument("--strict", action="store_true", help="advarsler stopper også bygget")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "serve",
        help="bygg nettstedet, server det lokalt og bygg på nytt ved endringer",
        description="Bygger nettstedet til --out, serverer det på http://127.0.0.1:PORT/ og "
        "bygger det på nytt når en post, mkdocs.yml eller markedsplassen.yaml endres. Har "
        "dataene feil, skrives funnene ut, og forrige versjon av nettstedet blir stående. "
        "Ctrl+C stopper.",
    )
    p.add_argument("--root", default=".", help="roten av katalogen (standard: .)")
    p.add_argument(
        "--out", default=None, help="mappen nettstedet skrives til (standard: site/ i roten)"
    )
    p.add_argument("--port", type=int, default=8000, help="porten på 127.0.0.1 (standard: 8000)")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser(
        "deadlines",
        help="frister og milepæler som nærmer seg eller er passert",
        description="Viser frister og milepæler som er passert eller kommer innen "
        "--within dager. Avslutter med 1 når en lovpålagt frist er overskredet.",
    )
    _root_and_today(p)
    p.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAGER",
        help="hvor mange dager fram (standard: 30)",
    )
    p.add_argument(
        "--format",
        choices=sorted(deadlines.FORMATTERS),
        default="text",
        help="text, json eller ics (iCalendar)",
    )
    p.set_defaults(func=_cmd_deadlines)

    p = sub.add_parser(
        "export",
        help="eksporter ordninger og uttak som OCDS",
        description="Skriver de dynamiske innkjøpsordningene og uttakene som en OCDS "
        "1.1.5 release package (med techniques-utvidelsen). Prefikset for ocid står i "
        "markedsplassen.yaml.",
    )
    p.add_argument("format", choices=["ocds"], help="formatet (i dag bare ocds)")
    _root_and_today(p)
    p.add_argument("--out", required=True, help="filen som skrives")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "invitation",
        help="skriv en forhåndsutfylt tilbudsinvitasjon for et uttak",
        description="Skriver tilbudsinvitasjonen for uttaket som Markdown og Word, fylt ut "
        "med ordningen, kommunens opplysninger og kategoriens krav, sammen med malene for "
        "ROS, DPIA og gevinstrealisering.",
    )
    p.add_argument("calloff", metavar="CALLOFF_ID", help="id-en til uttaket")
    _root_and_today(p)
    p.add_argument("--out", required=True, help="mappen dokumentene skrives til")
    p.set_defaults(func=_cmd_invitation)

    p = sub.add_parser(
        "schema",
        help="skriv JSON Schema for hver posttype",
        description="Skriver et JSON Schema per posttype, med norske "
        "beskrivelser, til mappen --out.",
    )
    p.add_argument("--out", required=True, help="mappen skjemaene skrives til")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "verify",
        help="verifiser FHIR-ressurser eller en løsning i sandkassen",
        description="Prøver FHIR R4-ressurser (.json-filer eller mapper med dem) mot et "
        "kravsett, eller en løsning (catalogue/solutions/<id>.yaml) med eksemplene, "
        "kravsettet og testendepunktet den oppgir. Avslutter med 0 når alt er verifisert, "
        "1 når noe feilet og 2 ved feil i verktøyet.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".json-filer, mapper eller én løsning")
    p.add_argument("--requirements", metavar="ID", help="kravsettet (standard: vkp-vitals-1)")
    p.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="rapportens form"
    )
    p.add_argument("--endpoint", metavar="URL", help="FHIR-testendepunkt for prøver over nett")
    p.add_argument("--root", default=None, help="roten av katalogen (standard: finnes selv)")
    p.add_argument(
        "--jobs", type=int, default=None, help="antall prosesser (standard: etter mengden data)"
    )
    p.set_defaults(func=_cmd_verify)

    p = sub.add_parser(
        "testdata",
        help="skriv syntetiske testdata for hjemmetjenesten",
        description="Skriver syntetiske FHIR R4-testdata: per pasient en Patient og en "
        "batch-Bundle med vitale målinger, med syntetiske fødselsnumre (måned + 80). "
        "Samme --seed gir de samme filene.",
    )
    p.add_argument("--patients", type=int, required=True, metavar="N", help="antall pasienter")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="frøet for tilfeldighet")
    p.add_argument("--out", required=True, metavar="DIR", help="mappen filene skrives til")
    p.add_argument("--days", type=int, default=7, help="antall dager med målinger (standard: 7)")
    p.set_defaults(func=_cmd_testdata)

    register_github(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if hasattr(args, "today") and args.today is None:
        args.today = date.today()
    try:
        code: int = args.func(args)
    except (ToolFailure, GitHubFailure) as exc:
        sys.stderr.write(f"markedsplass: {exc}\n")
        return EXIT_TOOL
    except Exception as exc:  # a broken tool, never bad data
        if os.environ.get("MARKEDSPLASS_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            f"markedsplass: verktøyfeil ({type(exc).__name__}: {exc}). Dette er en "
            "feil i verktøyet, ikke i dataene: meld den fra som et issue.\n"
        )
        return EXIT_TOOL
    return code


if __name__ == "__main__":
    sys.exit(main())
