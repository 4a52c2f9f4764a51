"""Refresh the UI translations: lupdate (sources -> .ts), then lrelease (.ts -> .qm).

Translators edit resources/translations/studio_zh_CN.ts (Qt Linguist works well); run this script
afterwards and commit both files. tests/unit/widgets/test_translations.py checks they are current.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """A Qt tool of the PySide6 this Python runs (the project's .venv), whatever PATH says."""
    import shutil
    import sys

    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "widgets").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    return qm


def main() -> int:
    for lang in LANGUAGES:
        ts = TS_DIR / f"studio_{lang}.ts"
        lupdate(ts)
        print(lrelease(ts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
