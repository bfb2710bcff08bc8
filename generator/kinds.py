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


SUPPLIER = Kind("supplier", "catalogue/suppliers", Supplier, "leverandør", "leverandører")
SOLUTION = Kind("solution", "catalogue/solutions", Solution, "løsning", "løsninger")
NEED = Kind("need", "needs", Need, "behov", "behov")
EXPERIENCE = Kind("experience", "experiences", Experience, "erfaring", "erfaringer")
DPS = Kind("dps", "tenders/dps", Dps, "dynamisk innkjøpsordning", "dynamiske innkjøpsordninger")
CALLOFF = Kind("calloff", "tenders/calloffs", CallOff, "uttak", "uttak")

KINDS: tuple[Kind, ...] = (SUPPLIER, SOLUTION, NEED, EXPERIENCE, DPS, CALLOFF)
BY_NAME = {kind.name: kind for kind in KINDS}
