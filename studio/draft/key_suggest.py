"""A key suggested from a label: the English label in snake_case, else the Chinese label in pinyin
(客户来源 -> ke_hu_lai_yuan), made unique among the keys already taken. The admin may still type
their own; the suggestion only saves inventing ASCII for a Chinese name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from studio.draft.edit_checks import KEY_MAX

_NOT_KEY = re.compile(r"[^a-z0-9]+")


def _snake(text: str) -> str:
    # Full-width letters and digits (Ａ１) fold to ASCII; accents drop (Café -> cafe).
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    ascii_only = folded.encode("ascii", "ignore").decode().lower()
    return _NOT_KEY.sub("_", ascii_only).strip("_")


def _pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    # Each Han character becomes a syllable; runs of other characters ("VIP", "2024") stay whole.
    return " ".join(lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=False))


def suggest_key(label_zh: str, label_en: str = "", taken: Collection[str] = ()) -> str:
    """A valid key for an item labelled ``label_zh`` / ``label_en``, not in ``taken``; ``""``
    when neither label gives any letter or digit."""
    base = _snake(label_en) or _snake(_pinyin(label_zh))
    if not base:
        return ""
    if not base[0].isalpha():
        base = f"f_{base}"  # keys start with a letter: 2024年合同 -> f_2024_nian_he_tong
    base = base[:KEY_MAX].rstrip("_")
    key, n = base, 2
    while key in taken:
        suffix = f"_{n}"
        key = base[: KEY_MAX - len(suffix)].rstrip("_") + suffix
        n += 1
    return key
