"""A supplier: its solutions, its qualification in each DPS, the call-offs it was
invited to or won, the needs it takes part in, its experiences, and what it put
forward for qualification."""

from __future__ import annotations

from typing import Any

from generator.models import CallOff, Solution, Supplier
from generator.models.kinds import CALLOFF, DPS, EXPERIENCE, NEED, SOLUTION
from generator.norway import labels
from generator.site import display
from generator.site.gather import Site
from generator.site.links import Linker, contact_line
from generator.site.text import free_text
from generator.site.views.need import categories


def _qualification(supplier: Supplier) -> dict[str, Any] | None:
    q = supplier.qualification
    if q is None:
        return None
    return {
        "facts": [
            ("Firmaattest datert", display.maybe_day(q.company_certificate)),
            ("Skatteattest datert", display.maybe_day(q.tax_certificate)),
            (
                "Siste årsregnskap",
                str(q.annual_accounts_year) if q.annual_accounts_year else "–",
            ),
            ("Oppstartsselskap", display.yes_no(q.startup)),
            ("Kvalitetssikring", q.quality_management or "–"),
            ("Informasjonssikkerhet", q.information_security_management or "–"),
            ("Miljøledelse", q.environmental_management or "–"),
        ],
        "texts": [
            (heading, free_text(text))
            for heading, text in (
                ("Kompetanse", q.competence),
                ("Kapasitet", q.capacity),
                ("Utviklingsplaner", q.development_plans),
                ("Opplæring", q.training),
            )
            if text
        ],
        "deliveries": [
            [d.customer, str(d.year), free_text(d.description)] for d in q.previous_deliveries
        ],
    }


def context(supplier: Supplier, site: Site, link: Linker) -> dict[str, Any]:
    contact = supplier.contact
    facts: list[tuple[str, Any]] = [
        ("Organisasjonsnummer", supplier.orgnr),
        ("Kontakt", contact_line(link, contact.name, contact.email, contact.role)),
    ]
    if supplier.website:
        facts.append(("Nettsted", link.external(supplier.website)))
    if supplier.terms:
        facts.append(
            (
                "Vilkår for deltakelse",
                f"versjon {supplier.terms.version}, godtatt {display.day(supplier.terms.accepted)}",
            )
        )
    calloffs = sorted(
        {
            *site.rel.calloffs_inviting.get(supplier.id, []),
            *site.rel.calloffs_awarding_supplier.get(supplier.id, []),
        }
    )
    return {
        "facts": facts,
        "description": free_text(supplier.description) if supplier.description else "",
        "solutions": [
            [link.record(SOLUTION, s.id), categories(s.categories), s.summary]
            for s in (
                site.get(SOLUTION, i, Solution)
                for i in site.rel.solutions_of_supplier.get(supplier.id, [])
            )
        ],
        "applications": [
            [
                link.record(DPS, dps_id),
                display.short_day(a.received),
                labels.DECISION[a.decision],
                display.maybe_day(a.decided),
            ]
            for dps_id, a in site.rel.applications_of_supplier.get(supplier.id, [])
        ],
        "calloffs": [
            [
                link.record(CALLOFF, c.id),
                display.municipality_name(c.buyer),
                display.yes_no(supplier.id in c.invited),
                "Ja" if c.award and c.award.supplier == supplier.id else "Nei",
            ]
            for c in (site.get(CALLOFF, i, CallOff) for i in calloffs)
        ],
        "needs": [link.record(NEED, i) for i in site.rel.needs_of_supplier.get(supplier.id, [])],
        "experiences": [
            link.record(EXPERIENCE, i)
            for i in site.rel.experiences_of_supplier.get(supplier.id, [])
        ],
        "qualification": _qualification(supplier),
    }
