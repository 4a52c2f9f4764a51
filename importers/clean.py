"""Cleaning: each mapped column brought to the form the CRM stores, every change counted.

This module is the column driver: it trims, removes the control characters no one can see
(NUL, which a PostgreSQL server refuses and a search never matches), says a formula's error, and picks the cleaner of
the field (``importers.cleaners``, one per kind of field, each over a whole polars column); the
problem codes and kinds of change are in ``importers.clean_codes``. A value that cannot be
cleaned is left as it was and gets a problem code (``validate`` turns codes into reasons); nothing
is dropped. The result is text: ``records.to_json`` gives each value its JSON type.

Cleaning steps (DESIGN.md, issue 16): trim; full-width -> half-width (NFKC) for everything but a
company's brackets, which the registry writes full-width; mobiles to 11 digits (+86 / 86 / 0086,
spaces, dashes, brackets) with phonenumbers' prefixes; landlines kept as landlines; e-mails lower
case, common domain typos corrected and counted; dates in Chinese and ISO formats and Excel serial
numbers; amounts with 元 / ¥ / 万 and thousands separators; select values by option key or label;
统一社会信用代码 upper case, checked by python-stdnum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import polars as pl

from importers import clean_contact, cleaners
from importers.clean_codes import CONTROL, FORMULA_ERROR, TRIMMED, Cleaned
from studio.bundle.model import SELECT_TYPES, FieldDef, FieldType

#: The cleaner of each field type that has its own (``clean_column`` picks the others by key).
_BY_TYPE: dict[FieldType, Callable[[FieldDef, pl.Series], Cleaned]] = {
    FieldType.phone: clean_contact.clean_phone,
    FieldType.email: clean_contact.clean_email,
    FieldType.number: cleaners.clean_number,
    FieldType.money: cleaners.clean_number,
    FieldType.date: cleaners.clean_date,
    FieldType.datetime: cleaners.clean_date,
    FieldType.boolean: cleaners.clean_bool,
}

#: Control characters other than tab, line feed and carriage return (a cell's own line breaks).
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"

_EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})


def clean_column(fd: FieldDef, raw: pl.Series) -> Cleaned:
    """``raw`` (text, nulls for empty cells) cleaned as values of ``fd``."""
    frame = pl.DataFrame({"raw": raw})
    trimmed = frame.select(pl.col("raw").str.strip_chars().replace("", None).alias("t")).to_series()
    # what trimming changed, and whether any value could be a formula's error (they all start
    # with #), in one pass
    a, t = pl.col("a"), pl.col("t")
    seen = pl.DataFrame({"a": raw, "t": trimmed}).select(
        (a.is_not_null() & (a != t).fill_null(True)).sum().alias("changed"),
        t.str.starts_with("#").any().alias("hash"),
        t.str.contains(_CONTROL).any().alias("control"),
    )
    changes: Counter[str] = Counter()
    changes[TRIMMED] = int(seen["changed"][0])
    if seen["control"][0]:
        # rare: looked for in the pass above, removed only where there are any
        bare = trimmed.str.replace_all(_CONTROL, "").str.strip_chars().replace("", None)
        changes[CONTROL] = int(trimmed.ne_missing(bare).sum())
        trimmed = bare
    # a formula's error cached as a value is no value: it is said, never imported as text
    is_error = (
        trimmed.is_in(list(_EXCEL_ERRORS))
        if seen["hash"][0]
        else pl.repeat(False, len(trimmed), dtype=pl.Boolean, eager=True)
    )
    cleaner = _BY_TYPE.get(fd.type, cleaners.clean_text)
    if fd.type in SELECT_TYPES:
        cleaner = cleaners.clean_select
    elif fd.key == "credit_code" or "credit" in fd.key:
        cleaner = cleaners.clean_credit_code
    elif fd.key in ("company",) or fd.key.endswith("company"):
        cleaner = cleaners.clean_company
    elif is_name(fd):
        cleaner = cleaners.clean_name
    result = cleaner(fd, trimmed)
    result.changes.update({k: v for k, v in changes.items() if v})
    if is_error.any():
        result.problems = (
            pl.DataFrame({"e": is_error, "p": result.problems})
            .select(pl.when(pl.col("e")).then(pl.lit(FORMULA_ERROR)).otherwise(pl.col("p")))
            .to_series()
        )
    return result


def is_name(fd: FieldDef) -> bool:
    """A person's name: the field the linkage reads as one (``pipeline.roles``)."""
    return (fd.key == "name" or fd.key.endswith("_name")) and fd.type == FieldType.text
