"""What the condition builder offers for a field: the operators valid for its type, and the value
a person typed as the value the rule holds. Pure functions, so the builder stays thin and the
lint (``studio.lint.automation_rules``) and the builder agree on what fits a field.
"""

from __future__ import annotations

from typing import Any

from studio.automation.regex_safety import regex_problem
from studio.bundle.model import NUMERIC_TYPES, SELECT_TYPES, FieldDef, FieldType
from studio.bundle.rules import LIST_OPS, UNARY_OPS
from studio.draft.edit_checks import value_from_text
from studio.errors import EditError

#: The comma a Chinese keyboard types: lists may use it as well as the ASCII one.
FULL_WIDTH_COMMA = chr(0xFF0C)
_BASE = ("eq", "ne", "in", "not_in", "empty", "not_empty")
_TEXT = ("prefix", "contains", "regex")
_ORDER = ("gt", "gte", "lt", "lte", "between")


def ops_for(fd: FieldDef) -> list[str]:
    """The operators that make sense on ``fd``, the most common first."""
    t = fd.type
    if t in NUMERIC_TYPES or t in (FieldType.date, FieldType.datetime):
        return [*_ORDER, "eq", "ne", "in", "not_in", "empty", "not_empty"]
    if t == FieldType.boolean:
        return ["eq", "ne", "empty", "not_empty"]
    if t in SELECT_TYPES:
        return ["in", "not_in", "eq", "ne", "contains", "empty", "not_empty"]
    return ["not_empty", "empty", *_BASE[:4], *_TEXT]


def _one(fd: FieldDef, text: str) -> Any:
    text = text.strip()
    if fd.type in SELECT_TYPES:
        by_label = {o.label.zh_CN: o.key for o in fd.options} | {
            o.label.en: o.key for o in fd.options
        }
        text = by_label.get(text, text)
        if text not in {o.key for o in fd.options}:
            raise EditError("value", "{value} is not one of the options.", value=text)
        return text
    # One reading of typed numbers and yes/no for defaults and rules alike.
    value = value_from_text(
        fd.model_copy(update={"type": FieldType.text})
        if fd.type
        not in (
            *NUMERIC_TYPES,
            FieldType.boolean,
        )
        else fd,
        text,
    )
    if fd.type in NUMERIC_TYPES and not isinstance(value, int | float):
        raise EditError("value", "{value} is not a number.", value=text)
    if fd.type == FieldType.boolean and not isinstance(value, bool):
        raise EditError("value", "{value} is not yes/no (true or false).", value=text)
    return value


def parse_value(fd: FieldDef, op: str, text: str) -> Any:
    """The rule's value for ``op`` on ``fd`` from what a person typed (lists: comma-separated,
    either the ASCII or the Chinese comma). Raises ``EditError`` with a message for the input."""
    if op in UNARY_OPS:
        return None
    if op in LIST_OPS or op == "between":
        parts = [p for p in text.replace(FULL_WIDTH_COMMA, ",").split(",") if p.strip()]
        values = [_one(fd, p) for p in parts]
        if op == "between" and len(values) != 2:
            raise EditError("value", "Between needs two values: low, high.")
        if not values:
            raise EditError("value", "Enter at least one value.")
        return values
    if not text.strip():
        raise EditError("value", "Enter a value.")
    if op in ("prefix", "contains", "regex"):
        if op == "regex":
            problem = regex_problem(text)
            if problem is not None:
                raise EditError("value", "The pattern cannot be used: {reason}.", reason=problem)
        return text
    return _one(fd, text)


def value_text(value: Any) -> str:
    """A rule's value as the builder shows it for editing."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
