"""FHIR R4 core invariants that matter for vital signs, evaluated with fhirpathpy
and its R4 model (the model resolves choice types such as `value[x]`; without it
vs-2 gives wrong answers). Each expression is compiled once, here, when the
module is imported: re-parsing per call is about twenty times slower.

The expressions are HL7's own, from the R4 (4.0.1) Observation resource (obs-6,
obs-7) and vital-signs profile (vs-1 on `effective[x]`, vs-2, and vs-3 on each
`component`).

fhirpathpy interprets: each evaluation costs 50–150 µs. So each invariant also
names, in Python, a condition without which it cannot fail (obs-6 cannot fail
without a dataAbsentReason, obs-7 not without components, …), and is evaluated
only when that holds. The condition only ever decides *whether* to ask
fhirpathpy, never the answer; tests/test_sandbox_invariants.py checks on varied
Observations that fhirpathpy says "holds" whenever the condition is false.

An invariant that reads only a few top-level elements can also have its answer
remembered, keyed by what it reads, so that fhirpathpy is asked once per kind of
input rather than once per Observation. The answer is always fhirpathpy's:

* vs-1 reads only `effective[x]`: keyed by its exact text (a visit's
  measurements share one moment);
* vs-2 asks only whether `component`, `hasMember`, `dataAbsentReason` and
  `value[x]` exist: keyed by which of them are present, with their JSON type and
  whether they are empty (its answer cannot depend on their content). The
  test compares remembered and fresh answers on Observations that differ in
  exactly those ways."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fhirpathpy import compile as compile_fhirpath
from fhirpathpy.models import models

from generator.sandbox.findings import Finding, Loc

CHECK = "invariants"
R4 = models["r4"]


@dataclass(frozen=True, slots=True)
class Invariant:
    key: str
    expression: str  # HL7's FHIRPath, evaluated on the Observation
    loc: Loc  # the element the invariant is defined on (for the message's position)
    text: str  # Norwegian: what the invariant says
    hint: str  # Norwegian: what to change
    can_fail: Callable[[dict[str, Any]], bool]  # False: the invariant holds, no need to ask
    evaluate: Callable[..., list[Any]]
    # what the answer depends on, as a key to remember it by (None: ask every time)
    remember: Callable[[dict[str, Any]], tuple[Any, ...] | None] | None = None

    def holds(self, observation: dict[str, Any]) -> bool:
        if not self.can_fail(observation):
            return True
        key = self.remember(observation) if self.remember else None
        if key is None:
            return False not in self.evaluate(observation, {"resource": observation})
        key = (self.key, observation.get("resourceType"), key)
        answer = _MEMO.get(key)
        if answer is None:
            if len(_MEMO) >= MEMO_SIZE:
                _MEMO.clear()
            answer = _MEMO[key] = False not in self.evaluate(observation, {"resource": observation})
        return answer


MEMO_SIZE = 4096
_MEMO: dict[tuple[Any, ...], bool] = {}


def _read(observation: dict[str, Any], elements: tuple[str, ...]) -> list[tuple[str, Any]]:
    """The top-level elements (and their `_` extension siblings) named by `elements`."""
    return sorted(
        ((k, v) for k, v in observation.items() if k.lstrip("_").startswith(elements)),
        key=lambda item: item[0],
    )


def _exact_text(*elements: str) -> Callable[[dict[str, Any]], tuple[Any, ...] | None]:
    def key(observation: dict[str, Any]) -> tuple[Any, ...] | None:
        read = _read(observation, elements)
        return tuple(read) if all(isinstance(v, str) for _, v in read) else None

    return key


def _presence(*elements: str) -> Callable[[dict[str, Any]], tuple[Any, ...] | None]:
    def key(observation: dict[str, Any]) -> tuple[Any, ...] | None:
        return tuple((k, type(v).__name__, bool(v)) for k, v in _read(observation, elements))

    return key


def _invariant(
    key: str,
    expression: str,
    loc: Loc,
    text: str,
    hint: str,
    can_fail: Callable[[dict[str, Any]], bool],
    remember: Callable[[dict[str, Any]], tuple[Any, ...] | None] | None = None,
) -> Invariant:
    compiled = compile_fhirpath(expression, R4)
    return Invariant(key, expression, loc, text, hint, can_fail, compiled, remember)


def _filled(value: Any) -> bool:
    """A list with at least one non-empty object: FHIRPath's `exists()` on it is true."""
    return isinstance(value, list) and any(isinstance(item, dict) and item for item in value)


def _has_value(observation: dict[str, Any]) -> bool:
    """Whether value[x] can exist: a primitive's `_` sibling alone makes it exist."""
    return any(key.lstrip("_").startswith("value") for key in observation)


INVARIANTS: tuple[Invariant, ...] = (
    _invariant(
        "vs-1",
        # HL7's `($this as dateTime).toString().length() >= 8`, defined on
        # Observation.effective[x], applied to each effective[x] from the resource
        "effective.where(($this as dateTime).toString().length() < 8).empty()",
        ("effectiveDateTime",),
        "vs-1: når tidspunktet er en dateTime, skal det være angitt minst til dag.",
        "Skriv hele datoen, gjerne med klokkeslett: 2026-05-04T08:30:00+02:00.",
        # only a dateTime is cast by `as dateTime`; a Period or an instant passes
        lambda o: "effectiveDateTime" in o,
        remember=_exact_text("effective"),
    ),
    _invariant(
        "vs-2",
        "(component.empty() and hasMember.empty()) implies "
        "(dataAbsentReason.exists() or value.exists())",
        (),
        "vs-2: uten komponenter eller hasMember skal målingen ha en verdi (value[x]) eller "
        "en dataAbsentReason.",
        "Legg til målt verdi i valueQuantity, eller dataAbsentReason når verdien mangler.",
        # with a component or hasMember the premise is false and the implication holds
        lambda o: not _filled(o.get("component")) and not _filled(o.get("hasMember")),
        remember=_presence("component", "hasMember", "dataAbsentReason", "value"),
    ),
    _invariant(
        "obs-6",
        "dataAbsentReason.empty() or value.empty()",
        ("dataAbsentReason",),
        "obs-6: dataAbsentReason kan bare stå når målingen ikke har en verdi.",
        "Fjern dataAbsentReason når verdien er der, eller fjern verdien.",
        lambda o: "dataAbsentReason" in o,
    ),
    _invariant(
        "obs-7",
        "value.empty() or component.code.where(coding.intersect(%resource.code.coding)"
        ".exists()).empty()",
        ("code",),
        "obs-7: når en komponent har samme kode som målingen, kan målingen ikke ha egen verdi.",
        "Gi komponenten sin egen kode, eller fjern verdien på selve målingen.",
        lambda o: "component" in o and _has_value(o),
    ),
)


# vs-3, defined on Observation.component: "value.exists() or dataAbsentReason.exists()".
# Asked of the whole resource, it names the components that break it.
VS3 = compile_fhirpath("component.where(value.empty() and dataAbsentReason.empty())", R4)


def _vs3_can_fail(observation: dict[str, Any]) -> bool:
    components = observation.get("component")
    return isinstance(components, list) and any(
        isinstance(c, dict)
        and not any(k.lstrip("_").startswith("value") for k in c)
        and "dataAbsentReason" not in c
        for c in components
    )


def _vs3(observation: dict[str, Any]) -> list[Finding]:
    if not _vs3_can_fail(observation):
        return []
    broken = VS3(observation, {"resource": observation})
    components = observation["component"]
    return [
        Finding(
            CHECK,
            ("component", index),
            "vs-3: hver komponent skal ha en verdi (value[x]) eller en dataAbsentReason.",
            "Legg til den målte verdien i komponentens valueQuantity, eller "
            "dataAbsentReason når verdien mangler.",
        )
        for index, component in enumerate(components)
        if component in broken
    ]


def check(observation: dict[str, Any]) -> list[Finding]:
    """Findings for the invariants one Observation breaks."""
    found = [
        Finding(CHECK, invariant.loc, invariant.text, invariant.hint)
        for invariant in INVARIANTS
        if not invariant.holds(observation)
    ]
    return found + _vs3(observation)
