"""Requirement sets: versioned data files in `generator/data/requirements/`, read
with the project's strict YAML loader and validated here. Each requirement has an
id, a Norwegian text, a severity, the capability it belongs to and the name of the
kit's test (`check`) that tries it. A broken requirement file is a tool failure."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.loading import yaml_files

FOLDER = "requirements"

# The kit's tests, by the name a requirement's `check` gives. A requirement set
# may use each at most once; the kit implements every one of them.
CheckName = Literal[
    "structure",
    "invariants",
    "effective",
    "category",
    "codes",
    "units",
    "blood-pressure",
    "subject-identifier",
    "subject-display",
    "performer",
    "batch-bundle",
    "privacy",
    "capability-statement",
    "endpoint-metadata",
    "endpoint-create",
    "endpoint-read",
    "endpoint-search",
    "endpoint-rejects-invalid",
]
LIVE_CHECKS = frozenset(
    {
        "endpoint-metadata",
        "endpoint-create",
        "endpoint-read",
        "endpoint-search",
        "endpoint-rejects-invalid",
    }
)


class RequirementSetError(RuntimeError):
    """A requirement file in the package is broken, or an unknown set was asked for."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Capability(_Data):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    description: str
    endpoint: bool = False  # tried against the solution's FHIR test endpoint


class Requirement(_Data):
    """One requirement; `capability` and `also` name the capabilities it belongs to."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    capability: str
    also: tuple[str, ...] = ()  # more capabilities the requirement applies to
    severity: Literal["error", "warning"]
    check: CheckName
    text: str
    # the profile element or invariant the requirement comes from, to look up in
    # the guide, e.g. «vkp-Observation-Bloodpressure: component[DiastolicBP]…»
    source: str | None = None

    @property
    def live(self) -> bool:
        return self.check in LIVE_CHECKS

    @property
    def capabilities(self) -> tuple[str, ...]:
        return (self.capability, *self.also)


class Systems(_Data):
    category: str
    loinc: str
    snomed: str
    ucum: str
    npu: str | None = None  # NPU/NLK, the Norwegian laboratory code system


class IdentifierSystem(_Data):
    system: str
    kind: Literal["fnr", "dnr", "fhn", "orgnr", "resh"]
    name: str
    type: str | None = None  # the resource type a performer with this system is


class Measure(_Data):
    """What one measurement is coded as and measured in (a profile or a component)."""

    id: str
    name: str  # Norwegian, for messages and `code.text`
    display: str  # LOINC's (or SNOMED CT's) display name
    loinc: str | None = None  # None: the profile is known by its SNOMED CT code
    snomed: str | None = None
    # the SNOMED CT slice: `error` when the code must be there; `warning` when the
    # profile makes the slice optional (0..*, Must Support: «bør»). A wrong code in
    # the slice is always an error: the profile fixes it.
    snomed_severity: Literal["error", "warning"] = "error"
    # the LOINC slice likewise (the glucose profile's GLUCOSELOINC is 0..* MS); the
    # measurement is then known by its SNOMED CT or NPU code when LOINC is missing
    loinc_severity: Literal["error", "warning"] = "error"
    npu: str | None = None  # an NPU/NLK code the profile may carry (bør)
    units: tuple[str, ...] = ()  # empty: the profile does not constrain the value
    example_unit: str | None = None
    # where the rules come from, for a vendor to look up: the profile's canonical
    # URL and the element, e.g. «component[DiastolicBP].code.coding[DBPSCTCode]»
    source: str | None = None


class Profile(Measure):
    components: tuple[Measure, ...] = ()
    # the category the profile requires; None for those that require none (scores)
    category: str | None = "vital-signs"
    # the capability a solution declares to send this measurement
    capability: str = "send-vital-signs"
    # required bindings to SNOMED CT value sets (blood pressure): the codes allowed
    body_sites: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    # the resource types a performer may be (blood pressure: Practitioner only)
    performer_types: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _known_by_a_code(self) -> Profile:
        if self.loinc is None and self.snomed is None:
            raise ValueError(f"profilen {self.id} har verken LOINC- eller SNOMED CT-kode")
        return self


class BundleRules(_Data):
    """What a batch Bundle to Pasientens måledata must be (PmdBundleObservation)."""

    methods: tuple[str, ...] = ("POST",)  # request.method, a required binding
    full_url: Literal["urn-uuid", "unique"] = "urn-uuid"  # urn:uuid, or any unique URI
    # the answer (pmd-Bundle-Response): a batch-response whose entries each carry the
    # request's fullUrl and a response; None: a batch-response is not tried
    responses: bool = False
    source: str | None = None


class Guide(_Data):
    """The implementation guide a requirement set is derived from."""

    name: str
    canonical: str
    version: str
    package: str


class RequirementSet(_Data):
    id: str
    version: str
    title: str
    fhir_version: str
    source: str
    description: str
    capabilities: tuple[Capability, ...] = Field(min_length=1)
    requirements: tuple[Requirement, ...] = Field(min_length=1)
    systems: Systems
    subject_identifier_systems: tuple[IdentifierSystem, ...]
    performer_identifier_systems: tuple[IdentifierSystem, ...]
    profiles: tuple[Profile, ...]
    bundle: BundleRules = BundleRules()
    guide: Guide | None = None
    # a newer set that should be used instead; this one stays readable for the
    # reports and declarations that name it
    superseded_by: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> RequirementSet:
        capabilities = {c.id for c in self.capabilities}
        ids = [r.id for r in self.requirements]
        checks = [r.check for r in self.requirements]
        if len(set(ids)) != len(ids) or len(set(checks)) != len(checks):
            raise ValueError("krav-id og check må være unike i et kravsett")
        unknown = [r.id for r in self.requirements if not set(r.capabilities) <= capabilities]
        if unknown:
            raise ValueError(f"krav med ukjent evne: {unknown}")
        return self

    def sending(self) -> tuple[str, ...]:
        """The capabilities that send measurements (not tried against an endpoint)."""
        return tuple(c.id for c in self.capabilities if not c.endpoint)

    def capability(self, capability_id: str) -> Capability | None:
        return next((c for c in self.capabilities if c.id == capability_id), None)

    def requirements_for(self, capabilities: tuple[str, ...]) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if set(r.capabilities) & set(capabilities))

    @property
    def label(self) -> str:
        return f"{self.id} {self.version}"


def _files() -> dict[str, bytes]:
    folder = resources.files("generator").joinpath("data", FOLDER)
    return {
        entry.name.removesuffix(".yaml"): entry.read_bytes()
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }


@cache
def requirement_sets() -> dict[str, RequirementSet]:
    """Every requirement set shipped with the tool, by id."""
    found: dict[str, RequirementSet] = {}
    for stem, data in sorted(_files().items()):
        path = f"generator/data/{FOLDER}/{stem}.yaml"
        document, diagnostics = yaml_files.parse(data, path)
        if document is None or diagnostics:
            raise RequirementSetError(f"{path}: {[d.text() for d in diagnostics]}")
        try:
            loaded = RequirementSet.model_validate(document.value)
        except ValidationError as exc:
            raise RequirementSetError(f"{path}: {exc}") from exc
        if loaded.id != stem:
            raise RequirementSetError(f"{path}: id {loaded.id} er ikke lik filnavnet")
        found[loaded.id] = loaded
    return found


def get(set_id: str) -> RequirementSet:
    """The requirement set `set_id`; RequirementSetError names the known ones."""
    sets = requirement_sets()
    if set_id not in sets:
        known = ", ".join(sorted(sets))
        raise RequirementSetError(f"Kravsettet «{set_id}» finnes ikke. Kjente kravsett: {known}.")
    return sets[set_id]


# the newest set that follows the official VKP profiles: `verify`'s default
DEFAULT = "vkp-observation"
