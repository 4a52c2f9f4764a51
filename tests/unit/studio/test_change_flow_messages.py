"""Every message of the change flow has its Chinese translation (the CLI speaks both)."""

from __future__ import annotations

import ast
from pathlib import Path

from studio.i18n import catalogue

ROOT = Path(__file__).resolve().parents[3]
MODULES = [
    "studio/diff.py",
    "studio/policy.py",
    "studio/keystore.py",
    "studio/keys.py",
    "studio/push_client.py",
    "studio/server_http.py",
    "studio/release_sync.py",
    "studio/impact.py",
    "studio/impact_stats.py",
    "studio/releases.py",
    "studio/audit_export.py",
    *(str(p.relative_to(ROOT)) for p in (ROOT / "studio/changes").glob("*.py")),
    "studio/commands/common.py",
    "studio/commands/keys.py",
    "studio/commands/change.py",
    "studio/commands/audit_cmd.py",
]


def test_every_literal_message_has_a_zh_cn_entry() -> None:
    known = catalogue()
    missing = []
    for module in MODULES:
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value not in known
            ):
                missing.append(f"{module}: {node.args[0].value!r}")
    assert not missing, missing
