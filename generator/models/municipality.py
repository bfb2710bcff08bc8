"""A municipality taking part in the marketplace (`catalogue/municipalities/<nr>.yaml`):
the GitHub logins who may act in its name: own a need, ask to join one, share an
experience. Registering a municipality is the team's decision; its maintainers
(the key person, and whom they add) keep the list."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.models import reference
from generator.models.base import GitHubLogin, Kommunenummer, Line, Record


class Municipality(Record):
    id: Kommunenummer = Field(description="Kommunenummeret (fire sifre); lik filnavnet.")
    name: Line = Field(description="Kommunens navn, som i SSBs liste.")
    maintainers: tuple[GitHubLogin, ...] = Field(
        min_length=1, description="GitHub-brukere som kan handle på vegne av kommunen."
    )

    @field_validator("name")
    @classmethod
    def _name_of_the_number(cls, name: str, info: ValidationInfo) -> str:
        number = info.data.get("id")
        known = reference.municipalities()[number].name if number else name
        if name != known:
            raise PydanticCustomError(
                "municipality_name",
                "Kommune {number} heter «{known}» i SSBs liste. Skriv `name: {known}`.",
                {"number": number, "known": known},
            )
        return name
