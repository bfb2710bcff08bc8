"""The `markedsplass` command line, one module per command group, each parser
beside its handler. Exit codes: 0 valid, 1 invalid data, 2 tool failure. Bad data
never raises; an exception here is a broken tool, reported once without a
traceback (set MARKEDSPLASS_DEBUG=1 to see it)."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import date

from generator import __version__
from generator.cli import catalogue, github, procurement, sandbox
from generator.cli.options import EXIT_TOOL, ToolFailure


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="markedsplass", description="Markedsplassen: sjekk katalogen, bygg nettstedet og mer."
    )
    top.add_argument("--version", action="version", version=f"markedsplass {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    catalogue.register(sub)
    procurement.register(sub)
    sandbox.register(sub)
    github.register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if hasattr(args, "today") and args.today is None:
        args.today = date.today()
    try:
        code: int = args.func(args)
    except (ToolFailure, github.GitHubFailure) as exc:
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
