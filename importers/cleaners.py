"""The cleaners, one per kind of field, each over a whole polars column (``clean.clean_column``
picks one and runs it on the trimmed values).

A vectorised fast path for the values most rows hold (trimmed text, a plain number, an ISO
date), and Python once per *distinct* value for the rest (``per_distinct``, which the contact
cleaners in ``importers.clean_contact`` use too). A value that cannot be cleaned is left as it
was and gets a problem code (``clean_codes``; ``validate`` turns codes into reasons); nothing is
dropped.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import polars as pl

from importers.aliases import (
    AMOUNT_UNITS,
    BRACKET_CLOSE,
    BRACKET_OPEN,
    DATE_MARKS,
    FALSE_WORDS,
    LIST_SEPARATORS,
    TRUE_WORDS,
)
from importers.clean_codes import (
    AMOUNT,
    BAD_CREDIT_CODE,
    BOOL,
    CODE,
    COMPANY,
    DATE,
    NOT_BOOL,
    NOT_DATE,
    NOT_DATETIME,
    NOT_NUMBER,
    NOT_OPTION,
    OPTION,
    SIMPLIFIED,
    WIDTH,
    Cleaned,
)
from importers.nfkc import nfkc
from studio.bundle.model import FieldDef, FieldType

_NUMBER_FAST = r"^[+\-]?\d+(?:\.\d+)?$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"
_EXCEL_EPOCH = date(1899, 12, 30)


def count_changed(before: pl.Series, after: pl.Series) -> int:
    frame = pl.DataFrame({"a": before, "b": after})
    return int(
        frame.select(
            (pl.col("a").is_not_null() & (pl.col("a") != pl.col("b")).fill_null(True)).sum()
        ).item()
    )


def no_problems(n: int) -> pl.Series:
    return pl.Series("p", [None] * n, dtype=pl.String)


def per_distinct(
    values: pl.Series, needs: pl.Series, fn: Callable[[str], tuple[str | None, str | None]]
) -> tuple[pl.Series, pl.Series]:
    """``fn`` (value -> (cleaned, problem)) once per distinct value where ``needs`` holds; the
    other rows keep their value and no problem."""
    todo = values.filter(needs & values.is_not_null()).unique()
    mapped = {v: fn(v) for v in todo.to_list()}
    if all(p is None for _, p in mapped.values()):
        # no problem anywhere (the usual case): only the values are looked up
        if all(c == v for v, (c, _) in mapped.items()):
            return values, no_problems(len(values))
        keys = pl.Series("k", list(mapped.keys()), dtype=pl.String)
        cleaned = pl.Series("v", [m[0] for m in mapped.values()], dtype=pl.String)
        out = pl.DataFrame({"v": values, "n": needs}).select(
            pl.when(pl.col("n"))
            .then(pl.col("v").replace_strict(keys, cleaned, default=None, return_dtype=pl.String))
            .otherwise(pl.col("v"))
            .alias("v")
        )
        return out["v"], no_problems(len(values))
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


def nfkc_counted(values: pl.Series, changes: Counter[str]) -> pl.Series:
    out = nfkc(values)
    changes[WIDTH] += count_changed(values, out)
    return out


def clean_text(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    return Cleaned(nfkc_counted(values, changes), no_problems(len(values)), changes)


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


def clean_name(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    return Cleaned(
        simplified(nfkc_counted(values, changes), changes), no_problems(len(values)), changes
    )


def clean_company(fd: FieldDef, values: pl.Series) -> Cleaned:
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
    changes[COMPANY] += count_changed(values, out)
    return Cleaned(out, no_problems(len(values)), changes)


def clean_credit_code(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    up = nfkc(values).str.replace_all(r"[\s\-]", "").str.to_uppercase()
    changes[CODE] += count_changed(values, up)

    def check(v: str) -> tuple[str | None, str | None]:
        from stdnum.cn import uscc

        return v, None if uscc.is_valid(v) else BAD_CREDIT_CODE

    # python-stdnum over distinct values: credit codes are few per company, so this is cheap
    out, problems = per_distinct(up, up.is_not_null(), check)
    return Cleaned(out, problems, changes)


def clean_number(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()
    half = nfkc(values)
    fast = pl.DataFrame({"v": half}).select(pl.col("v").str.contains(_NUMBER_FAST)).to_series()
    out, problems = per_distinct(half, ~fast.fill_null(False), _amount)
    changes[AMOUNT] += count_changed(
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


def clean_date(fd: FieldDef, values: pl.Series) -> Cleaned:
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
    out, problems = per_distinct(half, ~fast.fill_null(False), lambda v: _date(v, with_time))
    changes[DATE] += count_changed(
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


def clean_bool(fd: FieldDef, values: pl.Series) -> Cleaned:
    changes: Counter[str] = Counter()

    def parse(v: str) -> tuple[str | None, str | None]:
        t = v.strip().lower()
        if t in TRUE_WORDS:
            return "true", None
        if t in FALSE_WORDS:
            return "false", None
        return v, NOT_BOOL

    out, problems = per_distinct(values, values.is_not_null(), parse)
    changes[BOOL] += count_changed(values, out)
    return Cleaned(out, problems, changes)


def clean_select(fd: FieldDef, values: pl.Series) -> Cleaned:
    """An option by its key or either label (case and width ignored) -> the option's key;
    several options (multi-select) separated by , ， 、 ; ；."""
    changes: Counter[str] = Counter()
    lookup: dict[str, str] = {}
    for o in fd.options:
        for name in (o.key, o.label.zh_CN, o.label.en):
            lookup.setdefault(_fold(name), o.key)

    # an option written as its key or exactly as one of its labels is the option as the person
    # wrote it: storing its key changes nothing they would see (the CRM shows the label), so it
    # is neither a change nor a problem; only a name matched by ignoring case, width or spaces
    # (or a repeated option dropped) is a change, counted as OPTION
    exact_names: dict[str, str] = {}
    for o in fd.options:
        for name in (o.key, o.label.zh_CN, o.label.en):
            exact_names.setdefault(name.strip(), o.key)
    as_written: set[str] = set()

    def match(v: str) -> tuple[str | None, str | None]:
        if fd.type == FieldType.multi_select:
            parts = [p for p in re.split(LIST_SEPARATORS, v) if p.strip()]
        else:
            parts = [v]
        keys = [lookup.get(_fold(p)) for p in parts]
        if not parts or any(k is None for k in keys):
            return v, NOT_OPTION
        unique = list(dict.fromkeys(k for k in keys if k))
        if len(unique) == len(parts) and all(
            exact_names.get(p.strip()) == k for p, k in zip(parts, keys, strict=True)
        ):
            as_written.add(v)
        return ",".join(unique), None

    out, problems = per_distinct(values, values.is_not_null(), match)
    translated = values.is_in(list(as_written)).fill_null(False)
    changes[OPTION] += count_changed(values.filter(~translated), out.filter(~translated))
    return Cleaned(out, problems, changes)


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
