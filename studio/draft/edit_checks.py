"""Checks on what a person types into the designers: keys, labels, regexes, defaults.

Each check raises ``EditError`` naming the property it is about (``prop``), so that the GUI can
show the message next to the input that caused it, in the user's language. Nothing here touches
a bundle; ``studio.draft.edits`` calls these before it builds a new one.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from studio.bundle.model import FieldDef, FieldType, Label
from studio.bundle.regex_errors import regex_problem
from studio.errors import EditError
from studio.i18n import Message

KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
KEY_MAX = 64
LABEL_MAX = 200


__all__ = ["EditError", "ReleasedKeyError"]


class ReleasedKeyError(EditError):
    """Renaming a key that is live on the CRM server: its records are stored under that key."""


# The kind of key, said in the message's language: "field" reads "字段" in Chinese.
_KINDS = {
    "field": Message("field"),
    "entity": Message("entity"),
    "form": Message("form"),
    "section": Message("section"),
    "role": Message("role"),
    "user": Message("user"),
}


def check_key(key: object, what: str = "field", prop: str = "key") -> str:
    """``key`` if it is ASCII snake_case (``a-z``, digits, ``_``; starting with a letter)."""
    what_said = _KINDS.get(what) or what
    if not isinstance(key, str) or not key.strip():
        raise EditError(prop, "The {what} key is empty.", what=what_said)
    if len(key) > KEY_MAX:
        raise EditError(
            prop,
            "The {what} key is longer than {n} characters.",
            what=what_said,
            n=KEY_MAX,
        )
    if not KEY_RE.match(key):
        raise EditError(
            prop,
            "The {what} key \u201c{key}\u201d must be ASCII snake_case: lower-case letters a-z, "
            "digits and _, starting with a letter (e.g. customs_code).",
            what=what_said,
            key=key[:80],
        )
    return key


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or cp in (0xFE0F, 0x200D, 0x20E3)
        or 0x1F1E6 <= cp <= 0x1F1FF
    )


def check_label(text: object, lang: str, prop: str | None = None) -> str:
    """A label, stripped, if a person can read it in every export and table.

    Refused: empty, longer than 200 characters, control characters, emoji (GBK exports and many
    CRM clients cannot store them) and right-to-left text or direction marks (they reorder the
    text around them in tables; a zh_CN/en label has no business holding them).
    """
    prop = prop or f"label_{'zh' if lang == 'zh_CN' else 'en'}"
    which = Message("Chinese" if lang == "zh_CN" else "English")
    if not isinstance(text, str) or not text.strip():
        raise EditError(
            prop,
            "The {which} label is empty.",
            which=which,
        )
    value = text.strip()
    if len(value) > LABEL_MAX:
        raise EditError(
            prop,
            "The {which} label has {n} characters; at most {max} are allowed.",
            which=which,
            n=len(value),
            max=LABEL_MAX,
        )
    for ch in value:
        cat = unicodedata.category(ch)
        if _is_emoji(ch):
            raise EditError(
                prop,
                "The {which} label contains an emoji ({ch}); exports to Excel/GBK and many CRM "
                "clients cannot store emoji. Please use words.",
                which=which,
                ch=ch,
            )
        if (
            unicodedata.bidirectional(ch)
            in ("R", "AL", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI")
            or cat == "Cf"
        ):
            raise EditError(
                prop,
                "The {which} label contains right-to-left text or an invisible direction mark "
                "(U+{cp:04X}); it would reorder the text in tables. Please remove it.",
                which=which,
                cp=ord(ch),
            )
        if cat.startswith("C"):
            raise EditError(
                prop,
                "The {which} label contains a control character (U+{cp:04X}).",
                which=which,
                cp=ord(ch),
            )
    return value


def checked_label(label_zh: object, label_en: object) -> Label:
    """A part's two labels, each checked as ``check_label`` checks it."""
    return Label(zh_CN=check_label(label_zh, "zh_CN"), en=check_label(label_en, "en"))


def check_hint(text: object, lang: str) -> str:
    """A pattern's hint for people: held to what a label is held to (it is shown as one)."""
    return check_label(text, lang, prop="hint_zh" if lang == "zh_CN" else "hint_en")


def check_regex(pattern: object) -> str | None:
    """The pattern if Python's ``re`` compiles it (``None``/blank: no regex)."""
    if pattern is None or (isinstance(pattern, str) and not pattern.strip()):
        return None
    if not isinstance(pattern, str):
        raise EditError("regex", "The pattern must be text.")
    if len(pattern) > 1000:
        raise EditError("regex", "The pattern is longer than 1000 characters.")
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise EditError(
            "regex",
            "The pattern \u201c{p}\u201d is not a valid regular expression: {why}.",
            p=pattern[:80],
            why=regex_problem(exc),
        ) from None
    return pattern


def check_bound(value: object, prop: str) -> float | None:
    """A finite number for ``min``/``max`` (``None``/blank: no bound)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise EditError(prop, "\u201c{v}\u201d is not a number.", v=str(value)[:40]) from None
    if not math.isfinite(number):
        raise EditError(prop, "The bound must be a finite number.")
    return number


def check_max_length(value: object) -> int | None:
    if value is None or value == "" or value == 0:
        return None
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        raise EditError("max_length", "The maximum length must be a whole number.") from None
    if not 1 <= n <= 1_000_000:
        raise EditError(
            "max_length",
            "The maximum length must be between 1 and 1,000,000.",
        )
    return n


def value_from_text(fd: FieldDef, text: str | None) -> Any:
    """What a person typed as a default, as the value the field stores.

    Blank means no value (``None``). Text that does not parse for the field's type is returned as
    typed, so that ``check_value`` reports it ("not a number") instead of this guessing.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    if fd.type in (FieldType.number, FieldType.money):
        try:
            number = float(raw.replace(",", ""))
        except ValueError:
            return raw
        if not math.isfinite(number):
            return raw
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if fd.type == FieldType.boolean:
        low = raw.lower()
        if low in ("true", "yes", "1", "是", "✓"):
            return True
        if low in ("false", "no", "0", "否"):
            return False
        return raw
    if fd.type == FieldType.multi_select:
        if raw.startswith("["):
            try:
                parsed = json.loads(raw)
            except ValueError:
                return raw
            return parsed
        return [part.strip() for part in re.split(r"[,，;；]", raw) if part.strip()]
    return text


def text_of_value(value: Any) -> str:
    """The inverse of ``value_from_text`` for showing a stored value in an input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
