"""How one field's properties change: type-aware checks behind ``draft_edits.update_field``.

Only what the field's type allows is accepted (options for selects, a regex for text types,
min/max for numbers, a target for references); every refusal is an ``EditError`` naming the
property, so the designer can show it next to the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from studio.bundle.model import (
    NUMERIC_TYPES,
    SELECT_TYPES,
    Bundle,
    FieldDef,
    FieldType,
    Label,
    Option,
    Validation,
)
from studio.bundle.values import TEXTUAL_TYPES, check_value, describe, is_empty
from studio.draft.edit_base import (
    rebuild,
)
from studio.draft.edit_checks import (
    EditError,
    ReleasedKeyError,
    check_bound,
    check_hint,
    check_key,
    check_label,
    check_max_length,
    check_regex,
)
from studio.i18n import Message, clause_list, name_list

#: What ``update_field`` accepts.
FIELD_PROPS = frozenset(
    {
        "key",
        "label_zh",
        "label_en",
        "type",
        "required",
        "default",
        "backfill",
        "unique",
        "searchable",
        "sensitive",
        "max_length",
        "options",
        "regex",
        "hint_zh",
        "hint_en",
        "min",
        "max",
        "reference",
        "address_part",
        "deprecated",
        "hidden",
    }
)
#: The one type change that keeps a released field's stored values readable.
_TEXT_WIDENING = {FieldType.text, FieldType.long_text}
#: Changes after which the default and backfill value are checked again.
_CONSTRAINTS = frozenset({"type", "options", "regex", "min", "max", "max_length", "reference"})
FLAGS = ("required", "unique", "searchable", "sensitive", "deprecated", "hidden")
ADDRESS_PARTS = ("province", "city", "district", "street", "full")


def field_type(value: FieldType | str) -> FieldType:
    try:
        return FieldType(value)
    except ValueError:
        raise EditError("type", "Unknown field type {t}.", t=str(value)[:40]) from None


def check_reference(bundle: Bundle, target: object) -> str:
    known = [e.key for e in bundle.entities] + ["user", "team"]
    if not isinstance(target, str) or target not in known:
        raise EditError(
            "reference",
            "A reference field needs a target: one of {known}.",
            known=name_list(known),
        )
    return target


def _options(value: object) -> tuple[Option, ...]:
    """Options from ``Option``s, dicts or ``(key, zh, en)`` rows; keys checked and unique."""
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise EditError("options", "Options must be a list.")
    out: list[Option] = []
    for item in value:
        if isinstance(item, Option):
            out.append(item)
            continue
        if isinstance(item, Mapping):
            key, label = item.get("key"), item.get("label") or {}
            zh = label.get("zh_CN") if isinstance(label, Mapping) else None
            en = label.get("en") if isinstance(label, Mapping) else None
        elif isinstance(item, Sequence) and len(item) == 3:
            key, zh, en = item
        else:
            raise EditError(
                "options",
                "Each option needs a key, a Chinese and an English label.",
            )
        key = check_key(key, "option", prop="options")
        out.append(
            Option(
                key=key,
                label=Label(
                    zh_CN=check_label(zh, "zh_CN", prop="options"),
                    en=check_label(en, "en", prop="options"),
                ),
            )
        )
    keys = [o.key for o in out]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise EditError(
            "options",
            "Option keys must be unique: {keys} appears twice.",
            keys=name_list(twice),
        )
    return tuple(out)


def updated_field(
    bundle: Bundle, fd: FieldDef, changes: Mapping[str, Any], *, released: bool
) -> FieldDef:
    update: dict[str, Any] = {}
    if "label_zh" in changes or "label_en" in changes:
        update["label"] = Label(
            zh_CN=check_label(changes.get("label_zh", fd.label.zh_CN), "zh_CN"),
            en=check_label(changes.get("label_en", fd.label.en), "en"),
        )
    for flag in FLAGS:
        if flag in changes:
            update[flag] = bool(changes[flag])
    ftype = fd.type
    if "type" in changes:
        ftype = field_type(changes["type"])
        if released and ftype != fd.type and {ftype, fd.type} != _TEXT_WIDENING:
            raise ReleasedKeyError(
                "type",
                "{key} is live on the CRM server and its records hold {old} values; changing "
                "it to {new} would make them unreadable. Add a new field and deprecate this one.",
                key=fd.key,
                old=fd.type.value,
                new=ftype.value,
            )
        update["type"] = ftype
    # What each type allows; what it does not is dropped rather than left dangling.
    options = _options(changes["options"]) if "options" in changes else fd.options
    if ftype in SELECT_TYPES:
        update["options"] = options
    elif options and "options" in changes:
        raise EditError("options", "Only select fields have options.")
    else:
        update["options"] = ()
    if ftype == FieldType.reference:
        update["reference"] = check_reference(bundle, changes.get("reference", fd.reference))
    else:
        update["reference"] = None
    if ftype == FieldType.address:
        part = changes.get("address_part", fd.address_part)
        if part is not None and part not in ADDRESS_PARTS:
            raise EditError(
                "address_part",
                "The address part must be one of {parts}.",
                parts=name_list(ADDRESS_PARTS),
            )
        update["address_part"] = part
    else:
        update["address_part"] = None
    max_length = check_max_length(changes["max_length"]) if "max_length" in changes else None
    if ftype in TEXTUAL_TYPES:
        update["max_length"] = max_length if "max_length" in changes else fd.max_length
    else:
        update["max_length"] = None
    update["validation"] = _validation(fd, ftype, changes)
    candidate = rebuild(fd, "type", **update)
    type_changed = candidate.type != fd.type
    for prop in ("default", "backfill"):
        value = changes[prop] if prop in changes else getattr(fd, prop)
        if is_empty(value):
            value = None
        elif prop not in changes and type_changed and check_value(_optional(candidate), value):
            value = None  # an old default the new type cannot hold goes with the old type
        elif prop in changes or not _CONSTRAINTS.isdisjoint(changes):
            # A label edit is not refused over an old default that no longer fits: the rules
            # report that one, at the field, with a fix.
            _check_default(candidate, prop, value)
        update[prop] = value
    return rebuild(fd, "default", **update)


def _optional(fd: FieldDef) -> FieldDef:
    return fd.model_copy(update={"required": False})


def _check_default(fd: FieldDef, prop: str, value: Any) -> None:
    try:
        problems = check_value(_optional(fd), value)
    except Exception as exc:  # a value the checker cannot even look at is not a valid default
        problems = [str(exc) or type(exc).__name__]
    if problems:
        raise EditError(
            prop,
            "The {what} {value} does not fit {field}: {why}",
            what=Message("default") if prop == "default" else Message("backfill value"),
            value=describe(value),
            field=fd.key,
            why=clause_list(problems),
        )


def _validation(fd: FieldDef, ftype: FieldType, changes: Mapping[str, Any]) -> Validation | None:
    old = fd.validation or Validation()
    regex = check_regex(changes["regex"]) if "regex" in changes else old.regex
    low = check_bound(changes["min"], "min") if "min" in changes else old.min
    high = check_bound(changes["max"], "max") if "max" in changes else old.max
    if ftype not in TEXTUAL_TYPES:
        if "regex" in changes and regex is not None:
            raise EditError(
                "regex",
                "Only text fields (text, long text, phone, email, URL, address) have a pattern.",
            )
        regex = None
    if ftype not in NUMERIC_TYPES:
        if ("min" in changes and low is not None) or ("max" in changes and high is not None):
            raise EditError(
                "min" if low is not None else "max",
                "Only number and money fields have a minimum and maximum.",
            )
        low = high = None
    if low is not None and high is not None and low > high:
        raise EditError(
            "min",
            "The minimum ({low:g}) is greater than the maximum ({high:g}).",
            low=low,
            high=high,
        )
    hint = _hint(old.hint, changes)
    if regex is None:
        if hint is not None and ("hint_zh" in changes or "hint_en" in changes):
            raise EditError(
                "hint_zh" if "hint_zh" in changes else "hint_en",
                "A hint says in words what the pattern accepts: give the pattern first.",
            )
        hint = None  # the hint goes with the pattern it explains
    if regex is None and low is None and high is None:
        return None
    return Validation(regex=regex, min=low, max=high, hint=hint)


def _hint(old: Label | None, changes: Mapping[str, Any]) -> Label | None:
    """The pattern's hint for people: both languages, or none (both inputs empty)."""
    if "hint_zh" not in changes and "hint_en" not in changes:
        return old
    texts = {
        lang: changes.get(prop, getattr(old, lang) if old else "")
        for lang, prop in (("zh_CN", "hint_zh"), ("en", "hint_en"))
    }
    given = {lang: str(t).strip() if isinstance(t, str) else "" for lang, t in texts.items()}
    if not any(given.values()):
        return None
    missing = next((lang for lang, t in given.items() if not t), None)
    if missing is not None:
        raise EditError(
            "hint_zh" if missing == "zh_CN" else "hint_en",
            "The hint is shown in both languages: give it in {which} too.",
            which=Message("Chinese" if missing == "zh_CN" else "English"),
        )
    return Label(
        zh_CN=check_hint(given["zh_CN"], "zh_CN"),
        en=check_hint(given["en"], "en"),
    )
