"""Record models, one module per kind, and the events beside them."""

from generator.models.base import Record
from generator.models.calloff import CallOff
from generator.models.dps import Dps
from generator.models.events import Application, JoinRequest, Question
from generator.models.experience import Experience
from generator.models.municipality import Municipality
from generator.models.need import Need
from generator.models.solution import Solution
from generator.models.supplier import Supplier

__all__ = [
    "Application",
    "CallOff",
    "Dps",
    "Experience",
    "JoinRequest",
    "Municipality",
    "Need",
    "Question",
    "Record",
    "Solution",
    "Supplier",
]
