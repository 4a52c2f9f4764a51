"""Validation of cleaned columns against the target entity's configuration: required (the one
meaning of "empty"), type, options, length, pattern, range — as polars expressions, with Python
only over the distinct values a pattern polars cannot run needs.

A problem is a code per cell (null: fine); ``reason`` turns a code into a message in the user's
language, only for the rows that are rejected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import polars as pl

from importers import clean_codes, owners
from studio.bundle.model import NUMERIC_TYPES, Entity, FieldDef, FieldType
from studio.i18n import N_, Message

REQUIRED = "required"
TOO_LONG = "too_long"
PATTERN = "pattern"
BELOW_MIN = "below_min"
ABOVE_MAX = "above_max"

#: Types whose value is text, so that max_length and a pattern apply (as ``studio.bundle.values``).
_TEXTUAL = frozenset(
    {
        FieldType.text,
        FieldType.long_text,
        FieldType.phone,
        FieldType.email,
        FieldType.url,
        FieldType.address,
    }
)


def problems(entity: Entity, values: pl.DataFrame, found: Mapping[str, pl.Series]) -> pl.DataFrame:
    """One column of problem codes per field of ``entity`` (null where the value is fine).

    ``values`` holds the cleaned text of the mapped fields; a field that is not mapped is empty in
    every row. ``found`` holds the codes the cleaners gave (they come first: "not a date" says
    more than "does not match the pattern").
    """
    out: dict[str, pl.Series] = {}
    n = values.height
    for fd in entity.fields:
        if fd.deprecated:
            continue
        column = (
            values[fd.key] if fd.key in values.columns else pl.Series([None] * n, dtype=pl.String)
        )
        codes = found.get(fd.key)
        checks = pl.DataFrame(
            {
                "v": column,
                "c": codes if codes is not None else pl.Series([None] * n, dtype=pl.String),
            }
        )
        checks = checks.with_columns(_checks(fd, pl.col("v")).alias("own"))
        merged = checks.select(
            pl.when(pl.col("v").is_null() & pl.lit(fd.required))
            .then(pl.lit(REQUIRED))
            .otherwise(pl.coalesce("c", "own"))
        ).to_series()
        if fd.validation is not None and fd.validation.regex and fd.type in _TEXTUAL:
            merged = _pattern(fd.validation.regex, column, merged)
        if merged.null_count() < n:
            out[fd.key] = merged.alias(fd.key)
    return pl.DataFrame(out) if out else pl.DataFrame()


def _checks(fd: FieldDef, v: pl.Expr) -> pl.Expr:
    expr = pl.lit(None, dtype=pl.String)
    if fd.type in _TEXTUAL and fd.max_length is not None:
        expr = pl.when(v.str.len_chars() > fd.max_length).then(pl.lit(TOO_LONG)).otherwise(expr)
    if fd.type in NUMERIC_TYPES and fd.validation is not None:
        number = v.cast(pl.Float64, strict=False)
        if fd.validation.min is not None:
            expr = pl.when(number < fd.validation.min).then(pl.lit(BELOW_MIN)).otherwise(expr)
        if fd.validation.max is not None:
            expr = pl.when(number > fd.validation.max).then(pl.lit(ABOVE_MAX)).otherwise(expr)
    return expr


def _pattern(regex: str, column: pl.Series, codes: pl.Series) -> pl.Series:
    """Codes with PATTERN where a value (with no other problem) does not match ``regex``."""
    frame = pl.DataFrame({"v": column, "c": codes})
    try:
        matches = frame.select(pl.col("v").str.contains(_anchored(regex))).to_series()
    except Exception:  # a Python-only construct (look-around, back-reference): per distinct value
        try:
            rx = re.compile(regex)
        except re.error:
            return codes  # an invalid pattern is the designer's finding, not the data's fault
        distinct = column.drop_nulls().unique().to_list()
        ok = pl.Series([rx.search(d) is not None for d in distinct], dtype=pl.Boolean)
        matches = frame.select(
            pl.col("v").replace_strict(pl.Series(distinct, dtype=pl.String), ok, default=None)
        ).to_series()
    return (
        pl.DataFrame({"c": codes, "m": matches})
        .select(
            pl.when(pl.col("c").is_null() & (pl.col("m") == False))  # noqa: E712 (null stays null)
            .then(pl.lit(PATTERN))
            .otherwise(pl.col("c"))
        )
        .to_series()
    )


def _anchored(regex: str) -> str:
    # the configuration's regex is searched, as ``studio.bundle.values`` does with re.search
    return regex


def reason_text(fd: FieldDef, code: str, value: str | None, lang: str) -> str:
    """Why ``value`` of ``fd`` is refused (``code``), in ``lang``, naming the field by its label."""
    return _reason(fd, code, value, fd.label.text(lang)).render(lang)


#: The reason of each problem code that says only the field and its value (``_reason`` writes
#: out the others, which say more).
REASONS = {
    clean_codes.NOT_PHONE: N_("{field}: {value} is not a phone number."),
    clean_codes.NOT_EMAIL: N_("{field}: {value} is not a valid e-mail address."),
    clean_codes.NOT_NUMBER: N_("{field}: {value} is not an amount or a number."),
    clean_codes.NOT_DATE: N_("{field}: {value} is not a date (2024-03-05 or 2024/3/5)."),
    clean_codes.NOT_DATETIME: N_("{field}: {value} is not a date and time (2024-03-05 14:30)."),
    clean_codes.NOT_BOOL: N_("{field}: {value} is not yes or no."),
    clean_codes.BAD_CREDIT_CODE: N_(
        "{field}: {value} is not a valid unified social credit code (the check digit does not match)."
    ),
    clean_codes.FORMULA_ERROR: N_(
        "{field}: the cell holds the formula error {value}, not a value."
    ),
    owners.UNKNOWN: N_(
        "{field}: {value} is no user of the CRM (nobody, or more than one, by that name)."
    ),
    owners.LEFT: N_("{field}: {value} has left: the record needs a new owner."),
    PATTERN: N_("{field}: {value} does not have the required form."),
}


def _reason(fd: FieldDef, code: str, value: str | None, lang_label: str) -> Message:
    shown = _quote(value)
    if code in REASONS:
        return Message(REASONS[code], field=lang_label, value=shown)
    if code == REQUIRED:
        return Message("{field}: required, but empty.", field=lang_label)
    if code == clean_codes.NOT_OPTION:
        options = ", ".join(o.label.zh_CN + "/" + o.label.en for o in fd.options[:8])
        return Message(
            "{field}: {value} is not one of the options ({options}).",
            field=lang_label,
            value=shown,
            options=options,
        )
    if code == TOO_LONG:
        return Message(
            "{field}: {length} characters, more than the {max} allowed.",
            field=lang_label,
            length=len(value or ""),
            max=fd.max_length,
        )
    if code == BELOW_MIN:
        return Message(
            "{field}: {value} is below the minimum {min}.",
            field=lang_label,
            value=shown,
            min=fd.validation.min if fd.validation else "",
        )
    if code == ABOVE_MAX:
        return Message(
            "{field}: {value} is above the maximum {max}.",
            field=lang_label,
            value=shown,
            max=fd.validation.max if fd.validation else "",
        )
    return Message("{field}: {value} is not valid.", field=lang_label, value=shown)


def _quote(value: str | None) -> str:
    text = "" if value is None else str(value)
    return f'"{text[:39]}…"' if len(text) > 40 else f'"{text}"'
