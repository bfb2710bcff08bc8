"""What every command shares: the exit codes, the tool failure that becomes exit 2,
and the options `--root`, `--today` and `--format`."""

from __future__ import annotations

import argparse
import os
from datetime import date

EXIT_OK, EXIT_INVALID, EXIT_TOOL = 0, 1, 2


class ToolFailure(Exception):
    """A broken tool or a missing folder: exit 2, never bad data. The message is
    Norwegian and says what to do."""


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD") from None


def default_format() -> str:
    """Annotations when running in GitHub Actions (as yamllint does), text otherwise."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def root_and_today(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=".", help="roten av katalogen (standard: .)")
    p.add_argument(
        "--today",
        type=_today,
        default=None,
        help="datoen tidsfrister regnes fra (ÅÅÅÅ-MM-DD; standard: i dag)",
    )
