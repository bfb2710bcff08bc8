"""The catalogue's commands: `check`, `build`, `serve` and `schema`, and the
checked catalogue every command that reads the records starts from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator import pipeline, site
from generator.catalogue.gather import Catalogue, NotACatalogue
from generator.cli.options import (
    EXIT_INVALID,
    EXIT_OK,
    ToolFailure,
    default_format,
    root_and_today,
)
from generator.diagnostics import FORMATTERS, Severity, has_errors
from generator.models import schema
from generator.site.serve import serve as serve_site


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        catalogue, diagnostics, _ = pipeline.run(Path(args.root), args.today)
    except NotACatalogue as exc:
        raise ToolFailure(str(exc)) from exc
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    if args.json_out:  # the same findings as JSON too, without checking twice
        Path(args.json_out).write_text(FORMATTERS["json"](diagnostics), encoding="utf-8")
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    records = sum(len(v) for v in catalogue.entries.values())
    sys.stderr.write(
        f"markedsplass check: {records} poster lest, {errors} feil, {warnings} advarsler.\n"
    )
    return EXIT_INVALID if has_errors(diagnostics, strict=args.strict) else EXIT_OK


def load(args: argparse.Namespace) -> Catalogue:
    """The checked catalogue for the commands that read it. Records that could not be
    read or validated are left out, and stderr says so: none is dropped silently."""
    try:
        catalogue, _, _ = pipeline.run(Path(args.root), args.today)
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


def _cmd_schema(args: argparse.Namespace) -> int:
    for path in schema.write(Path(args.out)):
        sys.stderr.write(f"skrev {path}\n")
    return EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="sjekk alle poster, referanser og regler",
        description="Sjekker alle poster, alle referanser mellom poster og alle "
        "regler. Avslutter med 0 når alt er gyldig, 1 ved ugyldige data og 2 "
        "ved feil i verktøyet.",
    )
    root_and_today(p)
    p.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default=default_format(),
        help="text, github (arbeidsflytmerknader) eller json",
    )
    p.add_argument("--strict", action="store_true", help="advarsler regnes som feil")
    p.add_argument(
        "--json-out",
        default=None,
        metavar="FIL",
        help="skriv funnene også som JSON til denne filen (samme kjøring)",
    )
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "build",
        help="sjekk katalogen og bygg nettstedet",
        description="Sjekker katalogen og bygger nettstedet (Material for MkDocs), med "
        "JSON-API og JSON Schema, til --out. Skriver ingenting når sjekken finner feil. "
        "Avslutter med 0 når nettstedet er bygget, 1 ved ugyldige data og 2 ved feil i "
        "verktøyet.",
    )
    root_and_today(p)
    p.add_argument(
        "--out", default=None, help="mappen nettstedet skrives til (standard: site/ i roten)"
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default=default_format(),
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
        "schema",
        help="skriv JSON Schema for hver posttype",
        description="Skriver et JSON Schema per posttype, med norske "
        "beskrivelser, til mappen --out.",
    )
    p.add_argument("--out", required=True, help="mappen skjemaene skrives til")
    p.set_defaults(func=_cmd_schema)
