"""Record models, one module per kind."""

from generator.models.base import Record
from generator.models.calloff import CallOff
from generator.models.dps import Dps
from generator.models.experience import Experience
from generator.models.need import Need
from generator.models.solution import Solution
from generator.models.supplier import Supplier

__all__ = ["CallOff", "Dps", "Experience", "Need", "Record", "Solution", "Supplier"]
