"""Cleaning: each mapped column brought to the form the CRM stores, every change counted.

One function per field type, each over a whole polars column: a vectorised fast path for the
values most rows hold (trimmed text, an 11-digit mobile, a plain e-mail, a plain number, an ISO
date), and Python once per *distinct* value for the rest (``_distinct``). A value that cannot be
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

import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import polars as pl

from importers import phone
from importers.aliases import (
    AMOUNT_UNITS,
    BRACKET_CLOSE,
    BRACKET_OPEN,
    DATE_MARKS,
    DOMAIN_TYPOS,
    FALSE_WORDS,
    LIST_SEPARATORS,
    TRUE_WORDS,
)
from importers.nfkc import nfkc
from studio.bundle.model import SELECT_TYPES, FieldDef, FieldType

#: Problem codes a cleaner gives a value it cannot make valid (see ``validate.REASONS``).
NOT_PHONE = "not_phone"
NOT_EMAIL = "not_email"
NOT_NUMBER = "not_number"
NOT_DATE = "not_date"
NOT_DATETIME = "not_datetime"
NOT_BOOL = "not_bool"
NOT_OPTION = "not_option"
BAD_CREDIT_CODE = "bad_credit_code"
FORMULA_ERROR = "formula_error"

#: Kinds of change, counted per field and shown (``report.cleaning``).
TRIMMED = "trimmed"
WIDTH = "full_width"
MOBILE = "mobile_normalised"
LANDLINE = "landline_kept"
EMAIL_CASE = "email_lower_cased"
EMAIL_TYPO = "email_domain_typo"
AMOUNT = "amount_parsed"
DATE = "date_parsed"
OPTION = "option_matched"
COMPANY = "company_normalised"
CODE = "code_upper_cased"
BOOL = "yes_no_parsed"
SIMPLIFIED = "traditional_to_simplified"
EMAIL_UNWRAPPED = "email_unwrapped"

_EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})
_EMAIL_FAST = r"^[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}$"
_NUMBER_FAST = r"^[+\-]?\d+(?:\.\d+)?$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass
class Cleaned:
    """A cleaned column: the values, a problem code per row (null: fine), the changes made."""

    values: pl.Series
    problems: pl.Series
    changes: Counter[str] = field(default_factory=Counter)
    #: For phone fields: landlines moved out of a mobile-only field (kept, never dropped).
    landlines: pl.Series | None = None


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
    )
    changes: Counter[str] = Counter()
    changes[TRIMMED] = int(seen["changed"][0])
    # a formula's error cached as a value is no value: it is said, never imported as text
    is_error = (
        trimmed.is_in(list(_EXCEL_ERRORS))
        if seen["hash"][0]
        else pl.repeat(False, len(trimmed), dtype=pl.Boolean, eager=True)
    )
    cleaner = _CLEANERS.get(fd.type, _clean_text)
    if fd.type in SELECT_TYPES:
        cleaner = _clean_select
    elif fd.key == "credit_code" or "credit" in fd.key:
        cleaner = _clean_credit_code
    elif fd.key in ("company",) or fd.key.endswith("company"):
        cleaner = _clean_company
    elif is_name(fd):
        cleaner = _clean_name
    result = cleaner(fd, trimmed)
    result.changes.update({k: v for k, v in changes.items() if v})
    if is_error.any():
        result.problems = (
            pl.DataFrame({"e": is_error, "p": result.problems})
            .select(pl.when(pl.col("e")).then(pl.lit(FORMULA_ERROR)).otherwise(pl.col("p")))
            .to_series()
        )
    return result


def _count_changed(before: pl.Series, after: pl.Series) -> int:
    frame = pl.DataFrame({"a": before, "b": after})
    return int(
        frame.select(
            (pl.col("a").is_not_null() & (pl.col("a") != pl.col("b")).fill_null(True)).sum()
        ).item()
    )


def _none(n: int) -> pl.Series:
    return pl.Series("p", [None] * n, dtype=pl.String)


def _distinct(
    values: pl.Series, needs: pl.Series, fn: Callable[[str], tuple[str | None, str | None]]
) -> tuple[pl.Series, pl.Series]:
    """``fn`` (value -> (cleaned, problem)) once per distinct value where ``needs`` holds; the
    other rows keep their value and no problem."""
    todo = values.filter(needs & values.is_not_null()).unique()
    mapped = {v: fn(v) for v in todo.to_list()}
    if all(p is None for _, p in mapped.values()):
        # no problem anywhere (the usual case): only the values are looked up
        if all(c == v for v, (c, _) in mapped.items()):
            return values, _none(len(values))
        keys = pl.Series("k", list(mapped.keys()), dtype=pl.String)
        cleaned = pl.Series("v", [m[0] for m in mapped.values()], dtype=pl.String)
        out = pl.DataFrame({"v": values, "n": needs}).select(
            pl.when(pl.col("n"))
            .then(pl.col("v").replace_strict(keys, cleaned, default=None, return_dtype=pl.String))
            .otherwise(pl.col("v"))
            .alias("v")
        )
        return out["v"], _none(len(values))
    frame = pl.DataFrame({"v": values, "n": needs})
    cleaned = pl.Series("v", [m[0] for m in mapped.values()], dtype=pl.String)
    problem = pl.Series("p", [m[1] for m in mapped.values()], dtype=pl.String)
    keys = pl.Series("k", list(mapped.keys()), dtype=pl.String)
    out = frame.select(
        pl.when(pl.col("n"))
        .then(pl.col("v").replace_strict(keys, cleaned, default=None, return_dtype=pl.String))
        .otherwise(pl.col("v"))
        .alias("v"),
        pl.when(pl.col("n"))
        .then(pl.col("v").replace_strict(keys, problem, default=None, return_dtype=pl.String))
        .otherwise(None)
        .alias("p"),
    )
    return out["v"], out["p"]


def _nfkc(values: pl.Series, changes: Counter[str]) -> pl.Series:
    out = nfkc(values)
    changes[WIDTH] += _count_changed(values, out)
    return out


def _clean_text(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    return Cleaned(_nfkc(values, changes), _none(len(values)), changes)


def is_name(fd: FieldDef) -> bool:
    """A person's name: the field the linkage reads as one (``pipeline.roles``)."""
    return (fd.key == "name" or fd.key.endswith("_name")) and fd.type == FieldType.text


_T2S_LOCK = threading.Lock()


@cache
def t2s() -> Any:
    """opencc's traditional -> simplified converter (its dictionaries read once a process)."""
    import opencc

    return opencc.OpenCC("t2s")


def simplified(values: pl.Series, changes: Counter[str]) -> pl.Series:
    """Traditional characters as simplified ones (opencc ``t2s``: 張偉 -> 张伟, 東方國際 -> 东方国际),
    counted; opencc runs once over the distinct values that hold hanzi, as one text."""
    distinct = values.filter(values.str.contains(r"[\u3400-\u9fff\uf900-\ufaff]")).unique()
    if distinct.len() == 0:
        return values
    texts = distinct.to_list()
    converter = t2s()
    # one call over the values joined by newlines (~1 us a name instead of ~3): a value that
    # holds a newline itself makes the counts differ, and then each value is converted alone
    with _T2S_LOCK:  # one converter, and columns are cleaned two at a time (``pipeline``)
        joined = converter.convert("\n".join(texts)).split("\n")
        if len(joined) != len(texts):
            joined = [converter.convert(t) for t in texts]
    moved = {t: c for t, c in zip(texts, joined, strict=True) if t != c}
    if not moved:
        return values
    out = values.replace(list(moved), list(moved.values()))
    changes[SIMPLIFIED] += int(values.is_in(list(moved)).sum())
    return out


def _clean_name(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    return Cleaned(simplified(_nfkc(values, changes), changes), _none(len(values)), changes)


def _clean_company(fd: FieldDef, values: pl.Series) -> Cleaned:
    """NFKC, then brackets full-width as the registry writes a company's name: （中国）;
    traditional characters as simplified ones."""
    changes: Counter[str] = Counter()
    half = simplified(nfkc(values), changes)
    out = (
        pl.DataFrame({"v": half})
        .select(
            pl.col("v")
            .str.replace_all(r"\s*\(\s*", BRACKET_OPEN)
            .str.replace_all(r"\s*\)\s*", BRACKET_CLOSE)
            .str.replace_all(r"\s+", " ")
        )
        .to_series()
    )
    changes[COMPANY] += _count_changed(values, out)
    return Cleaned(out, _none(len(values)), changes)


def _clean_credit_code(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    up = nfkc(values).str.replace_all(r"[\s\-]", "").str.to_uppercase()
    changes[CODE] += _count_changed(values, up)

    def check(v: str) -> tuple[str | None, str | None]:
        from stdnum.cn import uscc

        return v, None if uscc.is_valid(v) else BAD_CREDIT_CODE

    # python-stdnum over distinct values: credit codes are few per company, so this is cheap
    out, problems = _distinct(up, up.is_not_null(), check)
    return Cleaned(out, problems, changes)


def _clean_phone(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    found_fast = phone.fast_paths(values)
    fast, land = found_fast["mobile"], found_fast["landline"]
    # phonenumbers (~150 us a value) only for what neither pattern took, once per distinct value
    needs = fast.is_null() & land.is_null() & values.is_not_null()
    found: dict[str, tuple[str, str] | None] = {
        v: phone.classify(v) for v in values.filter(needs).unique().to_list()
    }
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
    changes[MOBILE] += _count_changed(values.filter(is_mobile), out.filter(is_mobile))
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


def _clean_email(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    lower = nfkc(values).str.to_lowercase().str.replace_all(r"\s", "")
    changes[EMAIL_CASE] += _count_changed(values, lower)
    # a known typo of a mail domain, corrected and counted (never silent): qq.con -> qq.com
    typo_keys = pl.Series(list(DOMAIN_TYPOS), dtype=pl.String)
    typo_vals = pl.Series(list(DOMAIN_TYPOS.values()), dtype=pl.String)
    domain = pl.col("e").str.extract(r"@([^@]*)$", 1)
    typo = pl.DataFrame({"e": lower}).with_columns(
        domain.replace_strict(typo_keys, typo_vals, default=None).alias("fix"),
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
    out, problems = _distinct(out, slow, check)
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


def _clean_number(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    half = nfkc(values)
    fast = pl.DataFrame({"v": half}).select(pl.col("v").str.contains(_NUMBER_FAST)).to_series()
    out, problems = _distinct(half, ~fast.fill_null(False), _amount)
    changes[AMOUNT] += _count_changed(
        values.filter(~fast.fill_null(False)), out.filter(~fast.fill_null(False))
    )
    return Cleaned(out, problems, changes)


def _amount(value: str) -> tuple[str | None, str | None]:
    """ "1,234.5 元", "¥12,000", "3.5万" -> a plain decimal text; else a problem."""
    from decimal import Decimal, InvalidOperation

    text = value.strip().lower().replace(",", "").replace(" ", "")
    factor = 1
    for unit, mult in sorted(AMOUNT_UNITS.items(), key=lambda kv: -len(kv[0])):
        if text.endswith(unit):
            text, factor = text[: -len(unit)], factor * mult
        if text.startswith(unit):
            text, factor = text[len(unit) :], factor * mult
    if not text or len(text) > 40:
        return value, NOT_NUMBER
    try:
        number = Decimal(text) * factor
    except (InvalidOperation, ValueError):
        return value, NOT_NUMBER
    if not number.is_finite():
        return value, NOT_NUMBER
    normal = number.normalize()
    shown = format(normal, "f")
    return shown, None


def _clean_date(fd: FieldDef, values: pl.Series) -> Cleaned:
    with_time = fd.type == FieldType.datetime
    changes: Counter[str] = Counter()
    half = nfkc(values)
    pattern = _ISO_DATETIME if with_time else _ISO_DATE
    fast = pl.DataFrame({"v": half}).select(pl.col("v").str.contains(pattern)).to_series()
    if with_time:
        # an ISO date alone is a valid datetime at midnight: kept as the person wrote it
        fast = fast.fill_null(False) | pl.DataFrame({"v": half}).select(
            pl.col("v").str.contains(_ISO_DATE)
        ).to_series().fill_null(False)
    out, problems = _distinct(half, ~fast.fill_null(False), lambda v: _date(v, with_time))
    changes[DATE] += _count_changed(
        values.filter(~fast.fill_null(False)), out.filter(~fast.fill_null(False))
    )
    return Cleaned(out, problems, changes)


def _date(value: str, with_time: bool) -> tuple[str | None, str | None]:
    problem = NOT_DATETIME if with_time else NOT_DATE
    text = value.strip()
    # an Excel serial number (a date cell read as text): days since 1899-12-30
    if re.fullmatch(r"\d{4,5}(?:\.\d+)?", text):
        serial = float(text)
        if 1 <= serial < 2_958_466:
            moment = datetime.combine(_EXCEL_EPOCH, datetime.min.time()) + timedelta(days=serial)
            if with_time:
                return moment.strftime("%Y-%m-%d %H:%M:%S"), None
            return moment.date().isoformat(), None
        return value, problem
    for mark, repl in DATE_MARKS:
        text = text.replace(mark, repl)
    text = re.sub(r"\s+", " ", text).strip(" -")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", text)
    if m is None:  # 05/03/2024 is refused too: March or May depends on who wrote it
        return value, problem
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    try:
        day = date(y, mo, d)
    except ValueError:
        return value, problem
    if m[4] is None:
        return (f"{day.isoformat()} 00:00:00" if with_time else day.isoformat()), None
    try:
        moment = datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6] or 0))
    except ValueError:
        return value, problem
    return (moment.strftime("%Y-%m-%d %H:%M:%S") if with_time else day.isoformat()), None


def _clean_bool(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()

    def parse(v: str) -> tuple[str | None, str | None]:
        t = v.strip().lower()
        if t in TRUE_WORDS:
            return "true", None
        if t in FALSE_WORDS:
            return "false", None
        return v, NOT_BOOL

    out, problems = _distinct(values, values.is_not_null(), parse)
    changes[BOOL] += _count_changed(values, out)
    return Cleaned(out, problems, changes)


def _clean_select(fd: FieldDef, values: pl.Series) -> Cleaned:
    """An option by its key or either label (case and width ignored) -> the option's key;
    several options (multi-select) separated by , ， 、 ; ；."""
    changes: Counter[str] = Counter()
    lookup: dict[str, str] = {}
    for o in fd.options:
        for name in (o.key, o.label.zh_CN, o.label.en):
            lookup.setdefault(_fold(name), o.key)

    def match(v: str) -> tuple[str | None, str | None]:
        if fd.type == FieldType.multi_select:
            parts = [p for p in re.split(LIST_SEPARATORS, v) if p.strip()]
        else:
            parts = [v]
        keys = [lookup.get(_fold(p)) for p in parts]
        if not parts or any(k is None for k in keys):
            return v, NOT_OPTION
        return ",".join(dict.fromkeys(k for k in keys if k)), None

    out, problems = _distinct(values, values.is_not_null(), match)
    changes[OPTION] += _count_changed(values, out)
    return Cleaned(out, problems, changes)


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")


_CLEANERS: dict[FieldType, Callable[[FieldDef, pl.Series], Cleaned]] = {
    FieldType.phone: _clean_phone,
    FieldType.email: _clean_email,
    FieldType.number: _clean_number,
    FieldType.money: _clean_number,
    FieldType.date: _clean_date,
    FieldType.datetime: _clean_date,
    FieldType.boolean: _clean_bool,
}
