"""Chinese phone numbers: mobiles to their 11 digits, landlines kept as landlines.

Which prefixes make a mobile comes from phonenumbers' metadata (its CN mobile pattern), never a
hand-written regex that goes stale when 165/166/19x numbers appear: the pattern is used as a polars
regex over the whole column, so the common case costs no Python at all. Values the fast path does
not recognise go through ``phonenumbers.parse`` once per distinct value.
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from importers.aliases import EXTENSION_MARKS

#: Separators people put in numbers: spaces, dashes, dots, brackets (full-width ones are NFKC'd).
SEPARATORS = r"[\s\-\.\(\)/]"
#: The ways the country code is written before a mobile.
_COUNTRY = r"^(?:\+86|0086|86)"


@cache
def mobile_pattern() -> str:
    """phonenumbers' national pattern of CN mobiles, anchored (a polars/Rust regex)."""
    from phonenumbers import PhoneMetadata

    meta = PhoneMetadata.metadata_for_region("CN")
    desc = meta.mobile if meta is not None else None
    assert desc is not None and desc.national_number_pattern is not None
    return f"^(?:{desc.national_number_pattern})$"


@cache
def _mobile_re() -> re.Pattern[str]:
    return re.compile(mobile_pattern())


def compact(column: pl.Expr) -> pl.Expr:
    """The digits (and a leading +) of a phone value, without separators."""
    return column.str.normalize("NFKC").str.replace_all(SEPARATORS, "")


def mobile_expr(column: pl.Expr) -> pl.Expr:
    """The 11-digit mobile of a value, or null when it is not a CN mobile (fast path only)."""
    return _mobile_of(compact(column))


def _mobile_of(digits: pl.Expr) -> pl.Expr:
    national = (
        pl.when(digits.str.len_chars() > 11)
        .then(digits.str.replace(_COUNTRY, ""))
        .otherwise(digits)
    )
    return pl.when(national.str.contains(mobile_pattern())).then(national).otherwise(None)


@cache
def landline_pattern() -> str:
    """phonenumbers' national pattern of CN fixed lines, anchored (a polars/Rust regex)."""
    from phonenumbers import PhoneMetadata

    meta = PhoneMetadata.metadata_for_region("CN")
    desc = meta.fixed_line if meta is not None else None
    assert desc is not None and desc.national_number_pattern is not None
    return f"^(?:{desc.national_number_pattern})$"


#: Area codes of two digits after the trunk 0 (010 Beijing, 02x); every other one has three.
_TWO_DIGIT_AREA = r"^(?:10|2[0-57-9])"


def landline_expr(column: pl.Expr) -> pl.Expr:
    """A CN landline written with its trunk 0 and area code ("0571 8766 4834", "(021)69914008")
    as "0571-87664834", or null (fast path only: the rest goes through ``classify``). Valid by
    phonenumbers' own fixed-line pattern; written as ``classify`` writes it."""
    return _landline_of(compact(column))


def _landline_of(digits: pl.Expr) -> pl.Expr:
    national = digits.str.strip_prefix("0")
    area = pl.when(national.str.contains(_TWO_DIGIT_AREA)).then(2).otherwise(3)
    landline = pl.concat_str(
        pl.lit("0"), national.str.slice(0, area), pl.lit("-"), national.str.slice(area)
    )
    ok = (
        digits.str.contains(r"^0[1-9]\d{8,10}$")
        & national.str.contains(landline_pattern())
        & ~national.str.contains(mobile_pattern())
    )
    return pl.when(ok).then(landline).otherwise(None)


def fast_paths(values: pl.Series) -> pl.DataFrame:
    """``mobile`` and ``landline`` (``mobile_expr``, ``landline_expr``) of every value, with the
    separators taken out once (an expression used several times is evaluated each time)."""
    from importers.nfkc import nfkc

    digits = pl.DataFrame({"v": nfkc(values)}).select(
        pl.col("v").str.replace_all(SEPARATORS, "").alias("d")
    )
    found = digits.select(_mobile_of(pl.col("d")).alias("mobile"))
    # a landline starts with its trunk 0 (~3 % of the values): its patterns run on those only
    trunk = digits.select(pl.col("d").str.starts_with("0").fill_null(False)).to_series()
    landline = pl.Series("landline", [None] * digits.height, dtype=pl.String)
    if trunk.any():
        at = trunk.arg_true()
        some = digits.filter(trunk).select(_landline_of(pl.col("d"))).to_series()
        landline = landline.scatter(at, some)
    return found.with_columns(landline)


#: An extension after a landline (``EXTENSION_MARKS``), tried only when the whole value is no
#: number: "0571-8888" is no extension.
_EXTENSION = re.compile(
    rf"^(?P<head>.*\d)\s*(?:{EXTENSION_MARKS})\s*(?P<ext>\d{{1,6}})\s*$", re.IGNORECASE
)


def classify(value: str) -> tuple[str, str] | None:
    """``("mobile", 11 digits)`` or ``("landline", "0xx-xxxxxxxx")`` (with `` ext. N`` when an
    extension is written) for a value the fast path did not take; ``None`` when it is not a
    phone number at all. Python, once per distinct value."""
    found = _classify(value)
    if found is None:
        m = _EXTENSION.match(value.strip())
        head = _classify(m.group("head")) if m is not None else None
        if m is not None and head is not None and head[0] == "landline" and " ext. " not in head[1]:
            return "landline", f"{head[1]} ext. {m.group('ext')}"
    return found


def _classify(value: str) -> tuple[str, str] | None:
    import phonenumbers

    text = value.strip()
    if not text or len(text) > 40:
        return None
    # "+86 (0)21 ..." and "（021）..." are how people write a landline with its area code
    text = re.sub(r"\(0\)", "", text)
    # "13800138000.0": the number as a program that read the column as decimals wrote it back
    # (pandas, a CSV export); the digits are all there ("1.38001E+10" has lost some: refused)
    text = re.sub(r"^(\+?\d{7,15})\.0+$", r"\1", text)
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    national = str(parsed.national_number)
    if parsed.country_code == 86 and _mobile_re().fullmatch(national):
        return "mobile", national
    if not phonenumbers.is_valid_number(parsed):
        return None
    kind = phonenumbers.number_type(parsed)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return "mobile", national
    formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    if parsed.country_code != 86:
        formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return "foreign", formatted
    # "021 1234 5678" -> "021-12345678": area code, dash, subscriber number (and its extension)
    extension = parsed.extension
    if extension:
        parsed.extension = None
        formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    area, _, rest = formatted.partition(" ")
    number = f"{area}-{rest.replace(' ', '')}" if rest else formatted
    return "landline", f"{number} ext. {extension}" if extension else number
