"""FHIR R4 core invariants that matter for vital signs, evaluated with fhirpathpy
and its R4 model (the model resolves choice types such as `value[x]`; without it
vs-2 gives wrong answers). Each expression is compiled once, here, when the
module is imported: re-parsing per call is about twenty times slower.

The expressions are HL7's own, from the R4 (4.0.1) Observation resource (obs-6,
obs-7) and vital-signs profile (vs-1 on `effective[x]`, vs-2).

fhirpathpy interprets: each evaluation costs 50–150 µs. So each invariant also
names, in Python, a condition without which it cannot fail (obs-6 cannot fail
without a dataAbsentReason, obs-7 not without components, …), and is evaluated
only when that holds. The condition only ever decides *whether* to ask
fhirpathpy, never the answer; tests/test_sandbox_invariants.py checks on varied
Observations that fhirpathpy says "holds" whenever the condition is false.

An invariant that reads only a few top-level elements (vs-1 reads `effective[x]`)
names them in `reads`; when their values are plain text, fhirpathpy's answer is
remembered for those values, so a batch of measurements taken at the same moment
asks fhirpathpy once. The answer is fhirpathpy's, for exactly the input it read."""

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
    reads: tuple[str, ...] = ()  # every top-level element the expression reads, if few

    def holds(self, observation: dict[str, Any]) -> bool:
        if not self.can_fail(observation):
            return True
        key = self._memo_key(observation)
        if key is None:
            return False not in self.evaluate(observation, {"resource": observation})
        answer = _MEMO.get(key)
        if answer is None:
            if len(_MEMO) >= MEMO_SIZE:
                _MEMO.clear()
            answer = _MEMO[key] = False not in self.evaluate(observation, {"resource": observation})
        return answer

    def _memo_key(self, observation: dict[str, Any]) -> tuple[Any, ...] | None:
        if not self.reads:
            return None
        read = tuple(
            (name, value)
            for name, value in observation.items()
            if name.lstrip("_").startswith(self.reads)
        )
        if not all(isinstance(value, str) for _, value in read):
            return None
        return (self.key, observation.get("resourceType"), read)


MEMO_SIZE = 4096
_MEMO: dict[tuple[Any, ...], bool] = {}


def _invariant(
    key: str,
    expression: str,
    loc: Loc,
    text: str,
    hint: str,
    can_fail: Callable[[dict[str, Any]], bool],
    reads: tuple[str, ...] = (),
) -> Invariant:
    compiled = compile_fhirpath(expression, R4)
    return Invariant(key, expression, loc, text, hint, can_fail, compiled, reads)


def _filled(value: Any) -> bool:
    """A list with at least one non-empty object: FHIRPath's `exists()` on it is true."""
    return isinstance(value, list) and any(isinstance(item, dict) and item for item in value)


def _has_value(observation: dict[str, Any]) -> bool:
    return any(key.startswith("value") for key in observation)


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
        reads=("effective",),
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


def check(observation: dict[str, Any]) -> list[Finding]:
    """Findings for the invariants one Observation breaks."""
    return [
        Finding(CHECK, invariant.loc, invariant.text, invariant.hint)
        for invariant in INVARIANTS
        if not invariant.holds(observation)
    ]
