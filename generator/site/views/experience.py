"""An experience: who shares it, about what, success factors, challenges with the
measures taken, and advice to others."""

from __future__ import annotations

from typing import Any

from generator.models import Experience, reference
from generator.models.kinds import CALLOFF, NEED, SOLUTION
from generator.site import display
from generator.site.gather import Site
from generator.site.links import Linker, contact_line
from generator.site.text import free_text


def context(experience: Experience, site: Site, link: Linker) -> dict[str, Any]:
    facts: list[tuple[str, Any]] = [
        ("Delt av", link.actor(experience.author, county=True)),
        ("Område", reference.experience_areas()[experience.area].name),
        ("Dato", display.day(experience.date)),
    ]
    for label, kind, target in (
        ("Løsning", SOLUTION, experience.solution),
        ("Behov", NEED, experience.need),
        ("Uttak", CALLOFF, experience.calloff),
    ):
        if target is not None:
            facts.append((label, link.record(kind, target)))
    if experience.usage_weeks is not None:
        facts.append(("Løsningen var i bruk", f"{experience.usage_weeks} uker"))
    if experience.contact:
        c = experience.contact
        facts.append(("Kontakt", contact_line(link, c.name, c.email, c.role)))
    return {
        "summary": experience.summary,
        "facts": facts,
        "description": free_text(experience.description) if experience.description else "",
        "success_factors": list(experience.success_factors),
        "challenges": [
            [
                free_text(c.challenge),
                free_text(c.measures) if c.measures else "–",
                display.yes_no(c.resolved),
            ]
            for c in experience.challenges
        ],
        "recommendation": (
            free_text(experience.recommendation) if experience.recommendation else ""
        ),
    }
