"""The cleaners of contact fields: phones (mobiles to 11 digits with phonenumbers' prefixes,
landlines kept as landlines, also beside a mobile-only field) and e-mails (lower case, common
domain typos corrected and counted, an address unwrapped from a mail program's form).
``clean.clean_column`` picks them; the shared column helpers are ``importers.cleaners``'."""

from __future__ import annotations

import re
from collections import Counter

import polars as pl

from importers import phone
from importers.aliases import DOMAIN_TYPOS, IDEOGRAPHIC_FULL_STOP
from importers.clean_codes import (
    EMAIL_CASE,
    EMAIL_TYPO,
    EMAIL_UNWRAPPED,
    LANDLINE,
    MOBILE,
    NOT_EMAIL,
    NOT_PHONE,
    Cleaned,
)
from importers.cleaners import count_changed, per_distinct
from importers.nfkc import nfkc
from studio.bundle.model import FieldDef

_EMAIL_FAST = r"^[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}$"


def clean_phone(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    found_fast = phone.fast_paths(values)
    fast, land = found_fast["mobile"], found_fast["landline"]
    # phonenumbers (~150 us a value) only for what neither pattern took, once per distinct value
    needs = fast.is_null() & land.is_null() & values.is_not_null()
    every = {v: phone.numbers(v) for v in values.filter(needs).unique().to_list()}
    found = {v: phone.chosen(f) for v, f in every.items()}
    # "13800138000/0571-88881234": the mobile is the field's, the landline is kept beside it
    beside = {v: b for v, f in every.items() if (b := phone.beside(f)) is not None}
    keys = pl.Series(list(found), dtype=pl.String)
    kinds = pl.Series([f[0] if f else None for f in found.values()], dtype=pl.String)
    nums = pl.Series([f[1] if f else None for f in found.values()], dtype=pl.String)
    slow = pl.DataFrame({"v": values, "n": needs, "land": land}).select(
        pl.when(pl.col("land").is_not_null())
        .then(pl.lit("landline"))
        .when(pl.col("n"))
        .then(pl.col("v").replace_strict(keys, kinds, default=None, return_dtype=pl.String))
        .alias("kind"),
        pl.when(pl.col("land").is_not_null())
        .then(pl.col("land"))
        .when(pl.col("n"))
        .then(pl.col("v").replace_strict(keys, nums, default=None, return_dtype=pl.String))
        .alias("num"),
    )
    mobile_only = _mobile_only(fd)
    kind = slow["kind"]
    is_mobile = fast.is_not_null() | (kind == "mobile").fill_null(False)
    is_other = (kind.is_in(["landline", "foreign"])).fill_null(False)
    mobiles = (
        pl.DataFrame({"f": fast, "s": slow["num"], "m": is_mobile})
        .select(pl.when(pl.col("f").is_not_null()).then(pl.col("f")).otherwise(pl.col("s")))
        .to_series()
    )
    landlines = None
    if mobile_only:
        # a landline in a mobile-only field is kept, beside the record, never dropped
        out = (
            pl.DataFrame({"m": mobiles, "ok": is_mobile})
            .select(pl.when(pl.col("ok")).then(pl.col("m")).otherwise(None))
            .to_series()
        )
        landlines = (
            pl.DataFrame({"m": mobiles, "o": is_other})
            .select(pl.when(pl.col("o")).then(pl.col("m")).otherwise(None))
            .to_series()
        )
        changes[LANDLINE] += int(is_other.sum())
        if beside:
            extra = values.replace_strict(
                pl.Series(list(beside), dtype=pl.String),
                pl.Series(list(beside.values()), dtype=pl.String),
                default=None,
                return_dtype=pl.String,
            )
            landlines = landlines.fill_null(extra)
            changes[LANDLINE] += int(extra.is_not_null().sum())
    else:
        out = (
            pl.DataFrame({"m": mobiles, "ok": is_mobile | is_other})
            .select(pl.when(pl.col("ok")).then(pl.col("m")).otherwise(None))
            .to_series()
        )
    bad = values.is_not_null() & ~is_mobile & ~is_other
    out = (
        pl.DataFrame({"o": out, "v": values, "b": bad})
        .select(pl.when(pl.col("b")).then(pl.col("v")).otherwise(pl.col("o")))
        .to_series()
    )
    changes[MOBILE] += count_changed(values.filter(is_mobile), out.filter(is_mobile))
    problems = (
        pl.DataFrame({"b": bad})
        .select(pl.when(pl.col("b")).then(pl.lit(NOT_PHONE)).otherwise(None))
        .to_series()
    )
    return Cleaned(out, problems, changes, landlines)


def _mobile_only(fd: FieldDef) -> bool:
    """A field whose own validation admits only mobiles (the sample's ``^1[3-9]\\d{9}$``)."""
    rx = fd.validation.regex if fd.validation else None
    if not rx:
        return fd.key == "mobile"
    try:
        return (
            re.fullmatch(rx, "02112345678") is None and re.fullmatch(rx, "13800138000") is not None
        )
    except re.error:
        return False


def clean_email(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    # the dot a Chinese input method types (NFKC leaves it; the full-width at sign it makes "@")
    lower = (
        nfkc(values)
        .str.to_lowercase()
        .str.replace_all(r"\s", "")
        .str.replace_all(IDEOGRAPHIC_FULL_STOP, ".", literal=True)
    )
    changes[EMAIL_CASE] += count_changed(values, lower)
    # a known typo of a mail domain, corrected and counted (never silent): qq.con -> qq.com
    typo_keys = pl.Series(list(DOMAIN_TYPOS), dtype=pl.String)
    typo_vals = pl.Series(list(DOMAIN_TYPOS.values()), dtype=pl.String)
    domain = pl.col("e").str.extract(r"@([^@]*)$", 1)
    # a comma for a dot in the domain ("qq,com"): no domain has one
    dotted = domain.str.replace_all(",", ".")
    typo = pl.DataFrame({"e": lower}).with_columns(
        dotted.replace_strict(typo_keys, typo_vals, default=None)
        .fill_null(pl.when(dotted != domain).then(dotted))
        .alias("fix"),
        domain.str.len_chars().cast(pl.Int64).alias("n"),
    )
    fixed = typo.select(
        pl.when(pl.col("fix").is_not_null()).then(
            pl.col("e").str.head(-pl.col("n")) + pl.col("fix")
        )
    ).to_series()
    changes[EMAIL_TYPO] += int(fixed.is_not_null().sum())
    out = pl.DataFrame({"f": fixed, "l": lower}).select(pl.coalesce("f", "l")).to_series()
    fast = pl.DataFrame({"o": out}).select(pl.col("o").str.contains(_EMAIL_FAST)).to_series()

    def check(v: str) -> tuple[str | None, str | None]:
        from email_validator import EmailNotValidError, validate_email

        if len(v) > 320:
            return v, NOT_EMAIL
        v = _unwrapped(v)
        try:
            ok = validate_email(v, check_deliverability=False)
        except EmailNotValidError:
            return v, NOT_EMAIL
        return ok.normalized.lower(), None

    slow = ~fast.fill_null(False)
    before = out
    out, problems = per_distinct(out, slow, check)
    # an address copied from a mail program ("mailto:a@b.cn", "张三<a@b.cn>"): taken out and
    # counted; only the few values the fast pattern refused are looked at
    if slow.any():
        odd = pl.DataFrame({"v": before, "s": slow, "p": problems}).filter(
            pl.col("s") & pl.col("p").is_null()
        )
        changes[EMAIL_UNWRAPPED] += int(odd["v"].str.contains(_EMAIL_WRAPPED).sum())
    return Cleaned(out, problems, changes)


#: How an address copied from a mail program is wrapped: a mailto: link, or a name and <address>.
_EMAIL_WRAPPED = r"^mailto:|<[^<>@]+@[^<>]+>"


def _unwrapped(value: str) -> str:
    """``mailto:a@b.cn`` and ``Zhang San <a@b.cn>`` -> ``a@b.cn`` (other values as they are)."""
    found = re.search(r"<([^<>@]+@[^<>]+)>", value)
    if found is not None:
        value = found.group(1)
    return value.removeprefix("mailto:")
