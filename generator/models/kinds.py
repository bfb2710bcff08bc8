"""The six record kinds: where their files live and which model reads them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import CallOff, Dps, Experience, Need, Record, Solution, Supplier


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    folder: str
    model: type[Record]
    label: str
    plural: str
    article: str  # "en" or "et": «en leverandør», «et behov»


SUPPLIER = Kind("supplier", "catalogue/suppliers", Supplier, "leverandør", "leverandører", "en")
SOLUTION = Kind("solution", "catalogue/solutions", Solution, "løsning", "løsninger", "en")
NEED = Kind("need", "needs", Need, "behov", "behov", "et")
EXPERIENCE = Kind("experience", "experiences", Experience, "erfaring", "erfaringer", "en")
DPS = Kind(
    "dps", "tenders/dps", Dps, "dynamisk innkjøpsordning", "dynamiske innkjøpsordninger", "en"
)
CALLOFF = Kind("calloff", "tenders/calloffs", CallOff, "uttak", "uttak", "et")

KINDS: tuple[Kind, ...] = (SUPPLIER, SOLUTION, NEED, EXPERIENCE, DPS, CALLOFF)
BY_NAME = {kind.name: kind for kind in KINDS}
