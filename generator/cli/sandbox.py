"""The sandbox's commands: `verify` and `testdata`. The kit (FHIR models,
FHIRPath) is imported on first use, so the other commands never load it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.cli.options import EXIT_INVALID, EXIT_OK, ToolFailure


def _cmd_verify(args: argparse.Namespace) -> int:
    from generator.sandbox import formats, requirements, targets

    try:
        report = targets.verify_paths(
            args.paths,
            requirement_set=args.requirements,
            endpoint=args.endpoint,
            root=args.root,
            jobs=args.jobs,
            local_endpoint=args.local_endpoint,
        )
    except targets.VerifyError as exc:
        raise ToolFailure(str(exc)) from exc
    sys.stdout.write(formats.FORMATTERS[args.format](report))
    verdict = f"{formats.verdict(report)} ({formats.counts(report)})"
    sys.stderr.write(f"markedsplass verify: {verdict}.\n")
    newer = requirements.get(report.requirement_set).superseded_by
    if newer is not None:
        sys.stderr.write(
            f"markedsplass verify: advarsel: kravsettet {report.requirement_set} er erstattet "
            f"av {requirements.get(newer).label}, som følger de offisielle VKP-profilene; "
            f"prøv med `--requirements {newer}`.\n"
        )
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


def register(sub: Any) -> None:
    p = sub.add_parser(
        "verify",
        help="verifiser FHIR-ressurser eller en løsning i sandkassen",
        description="Prøver FHIR R4-ressurser (.json-filer eller mapper med dem) mot et "
        "kravsett, eller en løsning (catalogue/solutions/<id>.yaml) med eksemplene, "
        "kravsettet og testendepunktet den oppgir. Avslutter med 0 når alt er verifisert, "
        "1 når noe feilet og 2 ved feil i verktøyet.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".json-filer, mapper eller én løsning")
    p.add_argument(
        "--requirements",
        metavar="ID",
        help="kravsettet (standard: vkp-observation, som følger de offisielle VKP-profilene)",
    )
    p.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="rapportens form"
    )
    p.add_argument("--endpoint", metavar="URL", help="FHIR-testendepunkt for prøver over nett")
    p.add_argument(
        "--local-endpoint",
        action="store_true",
        help="tillat et testendepunkt på denne maskinen (http://127.0.0.1 eller [::1]), for "
        "å prøve en testserver lokalt; ellers kontaktes bare offentlige https-adresser",
    )
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
