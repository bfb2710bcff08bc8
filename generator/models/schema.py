"""JSON Schema for every record kind, with the Norwegian field descriptions, so an
editor can complete and check fields (`# yaml-language-server: $schema=…`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.models.kinds import KINDS, Kind

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: Kind[Any]) -> dict[str, Any]:
    body = kind.model.model_json_schema(mode="validation")
    return {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        **body,
        "title": f"Markedsplassen: {kind.label}",
        "description": f"Én {kind.label} i {kind.folder}/<id>.yaml.",
    }


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out / f"{kind.name}.schema.json"
        text = json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
