"""A report as text (terminal), JSON (CI and other tools) and Markdown (pull-request
comments and the site).

Everything in a report that comes from a resource or a file name is someone
else's text. In Markdown it is escaped character by character with numeric
entities, so it can never become HTML, a link or an image, neither in GitHub's
renderer (CommonMark) nor in Python-Markdown on the site; file names and FHIRPath
expressions go in code spans, which both renderers show literally."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.sandbox.report import (
    LEVEL_LABELS,
    STATUS_LABELS,
    Message,
    Report,
    Status,
    TestResult,
)

_MARKDOWN_SPECIAL = set("\\`*_{}[]#!|~<>&")
_QUOTED = re.compile(r"«([^«»]*)»")
_SPACE = re.compile(r"\s+")
_STRENGTH = {"error": "SKAL", "warning": "BØR"}
_ICONS = {Status.PASS: "✅", Status.FAIL: "❌", Status.SKIP: "➖"}


def verdict(report: Report) -> str:
    return "VERIFISERT" if report.verified else "IKKE VERIFISERT"


def counts(report: Report) -> str:
    return (
        f"{report.count(Status.PASS)} bestått, {report.count(Status.FAIL)} feilet, "
        f"{report.count(Status.SKIP)} hoppet over"
    )


def nothing_sent(report: Report) -> str:
    """What is missing when a declared sending capability had no Observation tried."""
    names = dict(report.capabilities)
    listed = ", ".join(f"{c} ({names.get(c, c)})" for c in report.unmeasured)
    return (
        f"Ingen måling (Observation) er prøvd for {listed}, så det er ikke vist at "
        "løsningen sender det. Legg ved minst én Observation for hver evne løsningen oppgir."
    )


def _capabilities(report: Report) -> str:
    return ", ".join(f"{cid} ({name})" for cid, name in report.capabilities)


def text(report: Report) -> str:
    lines = [
        f"Sandkasseverifisering av {report.subject}",
        f"Kravsett: {report.requirement_set} {report.requirement_set_version} "
        f"({report.requirement_set_title}); sandkassen {report.kit_version}",
        f"Strukturlag: {report.structural_layer}",
        f"Evner: {_capabilities(report)}",
        f"{len(report.files)} filer, {report.resources} ressurser.",
        "",
    ]
    for result in report.results:
        strength = _STRENGTH[result.requirement.severity]
        label = STATUS_LABELS[result.status]
        lines.append(f"[{label}] {result.requirement.id} ({strength}): {result.summary}")
        if result.status is Status.FAIL:
            lines.append(f"    Krav: {result.requirement.text}")
            if result.requirement.source:
                lines.append(f"    Kilde: {result.requirement.source}")
        for message in result.messages:
            where = " ".join(p for p in (message.position, message.expression) if p)
            lines.append(f"    {LEVEL_LABELS[message.level]}: {where}")
            lines.append(f"        {message.text}")
            lines.append(f"        Slik retter du: {message.hint}")
    if report.nothing_sent:
        lines += ["", nothing_sent(report)]
    lines += ["", f"Resultat: {verdict(report)} ({counts(report)})."]
    return "\n".join(lines) + "\n"


def _message_dict(message: Message) -> dict[str, Any]:
    return {
        "file": message.file,
        "line": message.line or None,
        "expression": message.expression,
        "requirement": message.requirement,
        "severity": str(message.level),
        "text": message.text,
        "hint": message.hint,
    }


def _result_dict(result: TestResult) -> dict[str, Any]:
    requirement = result.requirement
    return {
        "requirement": {
            "id": requirement.id,
            "text": requirement.text,
            "severity": requirement.severity,
            "capability": requirement.capability,
            "source": requirement.source,
        },
        "status": str(result.status),
        "summary": result.summary,
        "messages": [_message_dict(m) for m in result.messages],
        "omitted": result.omitted,
    }


def as_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON values (the site's API can publish this as is)."""
    return {
        "requirement_set": {
            "id": report.requirement_set,
            "version": report.requirement_set_version,
            "title": report.requirement_set_title,
        },
        "kit_version": report.kit_version,
        "structural_layer": report.structural_layer,
        "subject": report.subject,
        "capabilities": [{"id": cid, "name": name} for cid, name in report.capabilities],
        "verified": report.verified,
        "observations": report.observations,
        "unmeasured": list(report.unmeasured),
        "counts": {str(s): report.count(s) for s in Status},
        "files": list(report.files),
        "resources": report.resources,
        "results": [_result_dict(r) for r in report.results],
    }


def as_json(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def escape(value: str) -> str:
    """Text safe anywhere in a Markdown line: special characters as numeric entities,
    line breaks as spaces."""
    flat = _SPACE.sub(" ", value)
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SPECIAL else c for c in flat)


def code(value: str) -> str:
    """A code span that holds `value` literally: no backtick can close it early, and
    no pipe can end a table cell."""
    flat = " ".join(value.split()).replace("`", "'").replace("|", "¦")
    return f"`{flat}`" if flat else ""


def rich(value: str) -> str:
    """A message for Markdown: what stands in «…» (values from resources, element
    names, JSON to write) becomes a code span, the rest is escaped."""
    parts = _QUOTED.split(value)
    return "".join(
        escape(part) if index % 2 == 0 else code(part) for index, part in enumerate(parts)
    )


def markdown(report: Report, *, heading: int = 3) -> str:
    """The report as Markdown; `heading` is the level of its title (### by default)."""
    h = "#" * heading
    icon = "✅" if report.verified else "❌"
    lines = [
        f"{h} {icon} {verdict(report).capitalize()}: {escape(report.subject)}",
        "",
        f"Kravsett **{escape(report.requirement_set)} {escape(report.requirement_set_version)}** "
        f"({escape(report.requirement_set_title)}), sandkassen {escape(report.kit_version)}. "
        f"Evner: {escape(_capabilities(report))}. {len(report.files)} filer, "
        f"{report.resources} ressurser. {escape(counts(report))}.",
        "",
        f"Strukturlaget er {escape(report.structural_layer)}; invariantene prøves med "
        "fhirpathpy, VKP-reglene og personvernvakten av sandkassen selv.",
        "",
    ]
    if report.nothing_sent:
        lines += [f"**{escape(nothing_sent(report))}**", ""]
    lines += [
        "| Krav | Nivå | Resultat | Merknad |",
        "|---|---|---|---|",
    ]
    for result in report.results:
        requirement = result.requirement
        lines.append(
            f"| {code(requirement.id)} {escape(requirement.text)} | "
            f"{_STRENGTH[requirement.severity]} | {_ICONS[result.status]} "
            f"{STATUS_LABELS[result.status]} | {rich(result.summary)} |"
        )
    failed = [r for r in report.results if r.messages]
    if failed:
        lines += ["", f"{h}# Funn", ""]
    for result in failed:
        lines.append(f"**{code(result.requirement.id)}** {escape(result.requirement.text)}")
        if result.requirement.source:
            lines.append(f"Kilde i guiden: {code(result.requirement.source)}")
        lines.append("")
        for message in result.messages:
            where = " ".join(code(p) for p in (message.position, message.expression) if p)
            lines.append(
                f"- {LEVEL_LABELS[message.level]}: {where}: {rich(message.text)} "
                f"*Slik retter du:* {rich(message.hint)}"
            )
        if result.omitted:
            lines.append(f"- … og {result.omitted} funn til.")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


FORMATTERS = {"text": text, "json": as_json, "markdown": markdown}
