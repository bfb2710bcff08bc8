"""A solution with every registered property, what its users experienced (how
many, which areas, the latest), the needs it answers, where it can be bought (a
DPS in its category that has admitted its supplier) and where it was chosen."""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup

from generator.models import CallOff, Dps, Experience, Solution, reference
from generator.models.kinds import CALLOFF, DPS, EXPERIENCE, NEED
from generator.norway import labels
from generator.procurement.states import DPS_LABELS, dps_state
from generator.site import display, pictures
from generator.site.gather import Site
from generator.site.links import Linker, contact_line
from generator.site.text import free_text
from generator.site.views import verification
from generator.site.views.need import categories


def _joined(values: tuple[str, ...], names: dict[str, str]) -> str:
    return ", ".join(names[v] for v in values) or "–"


def needs_of(solution: Solution, site: Site) -> list[str]:
    """Needs linked either way: `addresses_needs`, and needs that list the solution."""
    return sorted({*solution.addresses_needs, *site.rel.needs_of_solution.get(solution.id, [])})


def buyable_through(solution: Solution, site: Site) -> list[Dps]:
    """DPS in one of the solution's categories in which its supplier is admitted."""
    return [
        dps
        for dps in site.all(DPS, Dps)
        if dps.category in solution.categories
        and solution.supplier in site.catalogue.admitted_on(dps.id, site.today)
    ]


def experience_summary(solution: Solution, site: Site, link: Linker) -> dict[str, Any]:
    experiences = [
        site.get(EXPERIENCE, i, Experience)
        for i in site.rel.experiences_of_solution.get(solution.id, [])
    ]
    experiences.sort(key=lambda e: (e.date, e.id), reverse=True)
    areas = Counter(e.area for e in experiences)
    names = reference.experience_areas()
    noun = "erfaring" if len(experiences) == 1 else "erfaringer"
    challenges = [c for e in experiences for c in e.challenges]
    most = max(areas.values(), default=0)
    return {
        "count": f"{len(experiences)} {noun} er delt",
        # the summary before the details: experiences per area as bars beside the
        # numbers, and what they report, counted
        "by_area": [
            [names[area].name, pictures.bar(count, most, small=True) + str(count)]
            for area, count in sorted(areas.items(), key=lambda item: (-item[1], item[0]))
        ],
        "reported": (
            f"Suksessfaktorer nevnt: {sum(len(e.success_factors) for e in experiences)}. "
            f"Utfordringer nevnt: {len(challenges)}, av dem løst: "
            f"{sum(1 for c in challenges if c.resolved)}."
        ),
        "areas": ", ".join(
            f"{names[area].name} ({count})" for area, count in sorted(areas.items())
        ),
        "latest": (
            {
                "link": link.record(EXPERIENCE, experiences[0].id),
                "date": display.day(experiences[0].date),
                "summary": experiences[0].summary,
            }
            if experiences
            else None
        ),
        "rows": [
            [
                link.record(EXPERIENCE, e.id),
                names[e.area].name,
                link.actor(e.author),
                display.short_day(e.date),
            ]
            for e in experiences
        ],
    }


def _how_to_buy(solution: Solution, site: Site, link: Linker) -> Markup:
    """Through which DPS a municipality can buy the solution with a call-off."""
    through = [link.record(DPS, d.id) for d in buyable_through(solution, site)]
    if not through:
        return Markup("Ikke i en dynamisk innkjøpsordning ennå.")
    return Markup("Med et uttak i {}, der leverandøren er tatt opp.").format(
        Markup(", ").join(through)
    )


def _facts(solution: Solution, site: Site, link: Linker) -> list[tuple[str, Any]]:
    life = solution.lifecycle
    agreement = reference.agreement_types()[solution.agreement.type]
    rows: list[tuple[str, Any]] = [
        ("Leverandør", link.actor(solution.supplier)),
        ("Kategorier", categories(solution.categories)),
        ("Språk", _joined(solution.languages, labels.LANGUAGE)),
        ("Avtale", f"{agreement.id}: {agreement.name}"),
        ("Sandkassen", verification.status_line(solution, site)),
        ("Slik kjøper du", _how_to_buy(solution, site, link)),
        ("Versjon", life.version or "–"),
        ("Gjeldende versjon kom", display.maybe_day(life.released)),
        ("Selges til og med", display.day(life.sales_until)),
        ("Støttes til og med", display.day(life.support_until)),
    ]
    if solution.website:
        rows.append(("Nettsted", link.external(solution.website)))
    if solution.contact:
        c = solution.contact
        rows.append(("Kontakt", contact_line(link, c.name, c.email, c.role)))
    return rows


def _maybe(text: str | None) -> Any:
    return free_text(text) if text else ""


def context(solution: Solution, site: Site, link: Linker) -> dict[str, Any]:
    money = solution.financial_terms
    tech = solution.technical_terms
    safety = solution.patient_safety
    security = solution.information_security
    privacy = solution.privacy
    templates = solution.templates
    return {
        "summary": solution.summary,
        "facts": _facts(solution, site, link),
        "verification": verification.solution_context(solution, site, link),
        "description": free_text(solution.description),
        "experiences": experience_summary(solution, site, link),
        "buyable": [
            [link.record(DPS, d.id), DPS_LABELS[dps_state(d, site.today)]]
            for d in buyable_through(solution, site)
        ],
        "chosen": [
            [
                link.record(CALLOFF, c.id),
                display.municipality_name(c.buyer),
                display.day(c.award.decided if c.award else c.published),
            ]
            for c in (
                site.get(CALLOFF, i, CallOff)
                for i in site.rel.calloffs_awarding_solution.get(solution.id, [])
            )
        ],
        "needs": [link.record(NEED, i) for i in needs_of(solution, site)],
        "functional_needs": [
            [f.need, labels.COVERAGE[f.coverage], _maybe(f.note)] for f in solution.functional_needs
        ],
        "roadmap": [
            [
                r.title,
                labels.ROADMAP_KIND[r.kind],
                display.short_day(r.expected),
                display.yes_no(r.committed),
                _maybe(r.description),
            ]
            for r in solution.roadmap
        ],
        "money": [
            ("Prismodell", labels.PRICING_MODEL[money.pricing_model]),
            ("Listepris", display.kroner(money.list_price_nok) if money.list_price_nok else "–"),
            (
                "Etableringskostnad",
                display.kroner(money.establishment_fee_nok)
                if money.establishment_fee_nok is not None
                else "–",
            ),
            ("Minste avtaleperiode", _months(money.minimum_term_months)),
            ("Oppsigelsestid", _months(money.notice_period_months)),
            ("Betalingsbetingelser", money.payment_terms or "–"),
        ],
        "price_description": free_text(money.price_description),
        "tech": [
            ("Leveransemodell", labels.DELIVERY_MODEL[tech.delivery_model]),
            ("Plattformer", _joined(tech.platforms, labels.PLATFORM)),
            ("Datalagring", labels.DATA_LOCATION[tech.data_location]),
            ("Innlogging", _joined(tech.authentication, labels.AUTHENTICATION)),
            ("Standarder", ", ".join(tech.standards) or "–"),
            (
                "Avtalt oppetid",
                display.percent(tech.availability_percent)
                if tech.availability_percent is not None
                else "–",
            ),
        ],
        "tech_requirements": _maybe(tech.requirements),
        "options": [
            [o.title, _maybe(o.description), o.price_description or "–"]
            for o in solution.agreement.options
        ],
        "agreement_description": _maybe(solution.agreement.description),
        "implementation": {
            "services": list(solution.implementation.services),
            "weeks": (
                f"{solution.implementation.typical_weeks} uker"
                if solution.implementation.typical_weeks is not None
                else ""
            ),
            "description": _maybe(solution.implementation.description),
        },
        "training": {
            "formats": _joined(solution.training.formats, labels.TRAINING_FORMAT),
            "included": display.yes_no(solution.training.included),
            "description": _maybe(solution.training.description),
        },
        "integrations": [
            [
                i.system,
                i.standard or "–",
                labels.DIRECTION[i.direction],
                labels.INTEGRATION_STATUS[i.status],
                _maybe(i.description),
            ]
            for i in solution.integrations
        ],
        "safety": {
            "facts": [
                ("Klassifisering", labels.DEVICE_CLASS[safety.medical_device_class]),
                ("CE-merket", display.yes_no(safety.ce_marked)),
            ],
            "description": free_text(safety.description),
        },
        "security": {
            "facts": [
                ("Følger Normen", display.yes_no(security.normen)),
                ("Sertifiseringer", ", ".join(security.certifications) or "–"),
                ("Siste sikkerhetstest", display.maybe_day(security.last_penetration_test)),
            ],
            "description": free_text(security.description),
        },
        "privacy": {
            "facts": [
                ("Databehandleravtale", display.yes_no(privacy.data_processor_agreement)),
                ("Personopplysninger", ", ".join(privacy.personal_data) or "–"),
            ],
            "description": free_text(privacy.description),
        },
        "templates": [
            link.external(url, label)
            for label, url in (
                (
                    "Mal for gevinstrealisering",
                    templates.benefit_realisation if templates else None,
                ),
                ("Mal for ROS-analyse", templates.ros if templates else None),
                ("Mal for DPIA", templates.dpia if templates else None),
            )
            if url
        ],
    }


def _months(value: int | None) -> str:
    return f"{value} måneder" if value is not None else "–"
