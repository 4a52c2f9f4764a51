"""The bundle's published JSON Schema (``resources/bundle.schema.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from studio import atomic_file
from studio.bundle.model import json_schema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "resources" / "bundle.schema.json"


def render() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(path: Path = SCHEMA_PATH) -> Path:
    atomic_file.write_text(path, render())
    return path


if __name__ == "__main__":
    print(write())
