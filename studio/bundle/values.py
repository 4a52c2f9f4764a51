"""What a value of a field may be: one meaning of "empty", one check of a value against its field.

The rules (a default or backfill must fit its field), the designer's live preview (type, press
Save, see the messages) and, later, imports all ask the same two questions, so they are answered
once here. Both functions take anything (a JSON value from a bundle, text typed into a preview,
garbage from a fuzzer) and never raise: the outage this module exists for was a validator that
crashed on an empty value instead of saying what was missing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from studio.bundle.model import SELECT_TYPES, Entity, FieldDef, FieldType
from studio.bundle.regex_errors import regex_problem
from studio.i18n import N_, language, name_list, tr

#: The msgid of the "required" message, for callers that want to recognise it.
MSG_REQUIRED = N_("This field is required.")

#: Types whose values are text, so that max_length and a validation regex apply to them.
TEXTUAL_TYPES = frozenset(
    {
        FieldType.text,
        FieldType.long_text,
        FieldType.phone,
        FieldType.email,
        FieldType.url,
        FieldType.address,
    }
)

# Fast paths: most real values match these, so the slower libraries run only on the rest
# (phonenumbers and email-validator cost 30-40 us a call; a compiled regex well under 1 us).
_CN_MOBILE = re.compile(r"(?:\+?86[ -]?)?1[3-9]\d{9}")
_CN_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
_SIMPLE_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")

#: How much of a value a message quotes: a 10,000-character value must not flood the screen.
_QUOTE_LIMIT = 40


def is_empty(value: object) -> bool:
    """True for ``None``, ``""``, whitespace-only text and empty collections; for every type.

    Empty collections count because a multi-select with nothing chosen is "nothing entered".
    Never raises.
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | dict):
        return len(value) == 0
    return False


def check_value(field: FieldDef, value: object) -> list[str]:
    """The problems of ``value`` as a value of ``field``, as messages in the user's language.

    An empty value (see ``is_empty``) is a problem only when the field is required. Otherwise the
    value is checked against the field's type, options, ``max_length`` and ``validation`` (regex
    for text, min/max for numbers). An invalid regex in the field's validation is reported as a
    message, never raised. ``[]`` means the value is fine.
    """
    try:
        if is_empty(value):
            return [tr(MSG_REQUIRED)] if field.required else []
        return _problems(field, value)
    except Exception as exc:  # never let a value crash the caller (the outage of issue 3)
        return [tr("The value could not be checked: {reason}", reason=_quote(repr(exc)))]


def check_record(
    entity: Entity, record: Mapping[str, object], fields: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """The problems of a whole record, by field key (only fields with problems are listed).

    ``fields`` limits the check to some keys (a form's placements, for the designer's preview);
    a key missing from ``record`` is an empty value, so a required field reports "required".
    Unknown keys in ``fields`` are ignored. Never raises.
    """
    wanted = None if fields is None else set(fields)
    problems: dict[str, list[str]] = {}
    for fd in entity.fields:
        if wanted is not None and fd.key not in wanted:
            continue
        found = check_value(fd, record.get(fd.key))
        if found:
            problems[fd.key] = found
    return problems


def regex_error(pattern: str) -> str | None:
    """Why ``pattern`` is not a valid regular expression (in the user's language), or ``None``
    if it is."""
    try:
        _compiled(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        return str(regex_problem(exc))
    return None


def describe(value: object) -> str:
    """A short quotation of a value for a message (truncated, JSON-like)."""
    return _quote(value if isinstance(value, str) else repr(value), quoted=isinstance(value, str))


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    # Cached: the rules check thousands of fields and most share a handful of patterns.
    return re.compile(pattern)


def _quote(text: str, quoted: bool = False) -> str:
    short = text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"
    return f'"{short}"' if quoted else short


def _problems(field: FieldDef, value: Any) -> list[str]:
    kind = field.type
    problems: list[str] = []
    if kind in NUMERIC:
        number = _as_number(value)
        if number is None:
            return [tr("{value} is not a number.", value=describe(value))]
        problems += _range_problems(field, number)
    elif kind == FieldType.date:
        if not _is_date(value):
            return [tr("{value} is not a date (use YYYY-MM-DD).", value=describe(value))]
    elif kind == FieldType.datetime:
        if not _is_datetime(value):
            return [
                tr(
                    "{value} is not a date and time (use YYYY-MM-DD HH:MM:SS).",
                    value=describe(value),
                )
            ]
    elif kind == FieldType.boolean:
        if not isinstance(value, bool):
            return [tr("{value} is not yes/no (true or false).", value=describe(value))]
    elif kind in SELECT_TYPES:
        problems += _option_problems(field, value)
    elif kind == FieldType.reference:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return [tr("{value} is not a record reference.", value=describe(value))]
    else:
        if not isinstance(value, str):
            return [tr("{value} is not text.", value=describe(value))]
        problems += _format_problems(kind, value.strip())
        if problems:  # a malformed phone/email/url: the pattern would only say it again
            return problems
    if kind in TEXTUAL_TYPES and isinstance(value, str):
        problems += _text_problems(field, value)
    return problems


NUMERIC = frozenset({FieldType.number, FieldType.money})


def _as_number(value: Any) -> float | None:
    """A finite number from a JSON number or numeric text ("1,234.50" too); else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        try:
            number = float(value)
        except (OverflowError, ValueError):
            return None
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if len(text) > 100:  # no real amount is that long; keeps Decimal's work bounded
            return None
        try:
            parsed = Decimal(text)
        except (InvalidOperation, ValueError):
            return None
        if not parsed.is_finite():
            return None
        number = float(parsed)
        return number if math.isfinite(number) else None
    return None


def _range_problems(field: FieldDef, number: float) -> list[str]:
    rules = field.validation
    if rules is None:
        return []
    if rules.min is not None and number < rules.min:
        return [tr("The value must be at least {min}.", min=_num(rules.min))]
    if rules.max is not None and number > rules.max:
        return [tr("The value must be at most {max}.", max=_num(rules.max))]
    return []


def _num(x: float) -> str:
    return str(int(x)) if x.is_integer() else str(x)


def _is_date(value: Any) -> bool:
    if isinstance(value, date) and not isinstance(value, datetime):
        return True
    if isinstance(value, str):
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return False
        return True
    return False


def _is_datetime(value: Any) -> bool:
    if isinstance(value, datetime):
        return True
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value.strip())
        except ValueError:
            return False
        return True
    return False


def _option_problems(field: FieldDef, value: Any) -> list[str]:
    keys = {o.key for o in field.options}
    if field.type == FieldType.select:
        if not isinstance(value, str):
            return [tr("{value} is not one of the options.", value=describe(value))]
        chosen = [value]
    else:
        if isinstance(value, str):
            chosen = [value]  # one choice typed as text is still a valid multi-selection
        elif isinstance(value, list | tuple):
            chosen = list(value)
        else:
            return [tr("{value} is not a list of options.", value=describe(value))]
    unknown = [c for c in chosen if not isinstance(c, str) or c not in keys]
    if unknown:
        if not keys:
            return [tr("The field has no options to choose from.")]
        return [
            tr(
                "{value} is not one of the options ({options}).",
                value=name_list(describe(u) for u in unknown[:3]),
                options=name_list(sorted(keys)[:10]),
            )
        ]
    if len(set(chosen)) != len(chosen):
        return [tr("An option is chosen twice.")]
    return []


def _format_problems(kind: FieldType, text: str) -> list[str]:
    if kind == FieldType.phone and not _is_phone(text):
        return [tr("{value} is not a valid phone number.", value=describe(text))]
    if kind == FieldType.email and not _is_email(text):
        return [tr("{value} is not a valid email address.", value=describe(text))]
    if kind == FieldType.url and not _is_url(text):
        return [tr("{value} is not a web address (http:// or https://).", value=describe(text))]
    return []


def _is_phone(text: str) -> bool:
    compact = text.replace(" ", "").replace("-", "")
    if _CN_MOBILE.fullmatch(compact) or _CN_LANDLINE.fullmatch(text):
        return True
    if len(text) > 40:
        return False
    import phonenumbers  # late: the common case above never needs it

    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(parsed))


def _is_email(text: str) -> bool:
    if _SIMPLE_EMAIL.fullmatch(text):
        return True
    if len(text) > 320:
        return False
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _is_url(text: str) -> bool:
    if any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _text_problems(field: FieldDef, value: str) -> list[str]:
    problems: list[str] = []
    if field.max_length is not None and len(value) > field.max_length:
        problems.append(
            tr(
                "The text is {length} characters long; at most {max} are allowed.",
                length=len(value),
                max=field.max_length,
            )
        )
    pattern = field.validation.regex if field.validation else None
    if pattern:
        error = regex_error(pattern)
        if error is not None:
            problems.append(
                tr(
                    "The field's validation pattern is invalid ({reason}); fix it in the designer.",
                    reason=error,
                )
            )
        elif _compiled(pattern).search(value) is None:
            hint = field.validation.hint if field.validation else None
            # People read the hint ("an 11-digit mobile number…"), not the regex, where one is set.
            problems.append(
                tr(
                    "{value} is not in the expected form: {hint}",
                    value=describe(value),
                    hint=hint.text(language()),
                )
                if hint is not None
                else tr(
                    "{value} does not match the pattern {pattern}.",
                    value=describe(value),
                    pattern=_quote(pattern),
                )
            )
    return problems
