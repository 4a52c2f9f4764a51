"""A rule's name or message in both languages from the two inputs of an editor."""

from __future__ import annotations


def label_of(zh: str, en: str, fallback: str) -> dict[str, str] | None:
    """``{"zh_CN", "en"}`` from what was typed (one language fills in for the other), or ``None``
    when neither was typed."""
    zh, en = zh.strip(), en.strip()
    if not zh and not en:
        return None
    return {"zh_CN": zh or en or fallback, "en": en or zh or fallback}
