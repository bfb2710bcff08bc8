"""The procurement commands: `deadlines`, `export ocds` and `invitation`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.catalogue import config
from generator.cli.catalogue import load
from generator.cli.options import EXIT_INVALID, EXIT_OK, ToolFailure, root_and_today
from generator.documents import invitation
from generator.models import CallOff, Dps
from generator.models.kinds import CALLOFF, DPS
from generator.procurement import deadlines, ocds


def _cmd_deadlines(args: argparse.Namespace) -> int:
    catalogue = load(args)
    items = deadlines.collect(catalogue, args.today, args.within)
    sys.stdout.write(deadlines.FORMATTERS[args.format](items, args.today))
    return EXIT_INVALID if deadlines.legal_overdue(items) else EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    catalogue = load(args)
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
    catalogue = load(args)
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


def register(sub: Any) -> None:
    p = sub.add_parser(
        "deadlines",
        help="frister og milepæler som nærmer seg eller er passert",
        description="Viser frister og milepæler som er passert eller kommer innen "
        "--within dager. Avslutter med 1 når en lovpålagt frist er overskredet.",
    )
    root_and_today(p)
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
    root_and_today(p)
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
    root_and_today(p)
    p.add_argument("--out", required=True, help="mappen dokumentene skrives til")
    p.set_defaults(func=_cmd_invitation)
