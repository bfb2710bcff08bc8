"""JSON Schema for every record kind and every event kind, with the Norwegian field
descriptions, so an editor can complete and check fields (`# yaml-language-server: $schema=…`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.models.kinds import EVENT_KINDS, KINDS, EventKind, Kind

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: Kind[Any] | EventKind[Any]) -> dict[str, Any]:
    body = kind.model.model_json_schema(mode="validation")
    if isinstance(kind, EventKind):
        name = f"<{kind.who}>-<ÅÅÅÅ-MM-DD>" if kind.who else "<nnn>"
        where = f"{kind.parent.folder}/<{kind.parent.name}>/{kind.folder}/{name}.yaml"
    else:
        where = f"{kind.folder}/<id>.yaml"
    return {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        **body,
        "title": f"Markedsplassen: {kind.label}",
        "description": f"Én {kind.label} i {where}.",
    }


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    kinds: tuple[Kind[Any] | EventKind[Any], ...] = (*KINDS, *EVENT_KINDS)
    for kind in kinds:
        path = out / f"{kind.name}.schema.json"
        text = json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
