"""Where the repository is and which day the tests treat as today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

ROOT = Path(__file__).parents[2]
"""The repository root: the example catalogue the tests check and build."""

TODAY = date(2026, 11, 28)
"""The fixed day the example catalogue is checked and built on, so states,
deadlines and reminders do not change with the calendar."""
