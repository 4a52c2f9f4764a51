"""Record linkage, the first step: the keys each row is compared by (``features``) and the
candidate pairs from blocking keys (``candidate_pairs``), never every row with every other.
``importers.link_judging`` judges the pairs, ``importers.link`` groups them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from importers.aliases import COMPANY_FORMS, COMPANY_NOISE, SHARED_MAILBOXES
from importers.names import name_keys

#: Blocks bigger than this are not compared pair by pair: 60 rows behind one value is a
#: placeholder (13800000000, test@test.com), not one person.
MAX_BLOCK = 60
#: Fields the linkage reads, by role.
ROLES = ("name", "mobile", "email", "company", "credit_code", "landline")


def company_key(name: str) -> str:
    """A company's name without its legal form, brackets or spaces: 阿里巴巴（中国）有限公司 and
    阿里巴巴(中国)有限责任公司 are one company."""
    t = unicodedata.normalize("NFKC", name).lower()
    for long, short in COMPANY_FORMS:
        t = t.replace(long, short)
    t = re.sub(COMPANY_NOISE, "", t)
    for _long, short in COMPANY_FORMS:
        if t.endswith(short):
            t = t[: -len(short)]
    return t


@dataclass(frozen=True)
class KeyTables:
    """The name key of each distinct name and the company key of each distinct company
    (``key_tables``); any superset of a frame's names and companies links it the same way."""

    names: pl.Series
    name_keys: pl.Series
    companies: list[str]
    company_keys: list[str]


def key_tables(names: pl.Series | None, companies: pl.Series | None) -> KeyTables:
    """Keys once per distinct name (``names.name_keys``: Python once per character and word)
    and once per distinct company, never per row; ``None``: no such column."""
    empty = pl.Series([], dtype=pl.String)
    distinct = (names if names is not None else empty).drop_nulls().unique()
    firms = (companies if companies is not None else empty).drop_nulls().unique().to_list()
    return KeyTables(distinct, name_keys(distinct), firms, [company_key(c) for c in firms])


def features(frame: pl.DataFrame, keys: KeyTables | None = None) -> pl.DataFrame:
    """``frame`` (columns of ``ROLES``, missing ones null) with the keys the linkage compares;
    ``keys``: computed ahead (the pipeline does while other columns are cleaned)."""
    for role in ROLES:
        if role not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(role))
    if keys is None:
        keys = key_tables(frame["name"], frame["company"])
    return frame.with_columns(
        pl.col("name")
        .replace_strict(keys.names, keys.name_keys, default=None, return_dtype=pl.String)
        .replace("", None)
        .alias("name_key"),
        pl.col("company")
        .replace_strict(keys.companies, keys.company_keys, default=None, return_dtype=pl.String)
        .replace("", None)
        .alias("company_key"),
        pl.col("email").str.extract(r"^([^@]+)@", 1).alias("local"),
    ).with_columns(
        pl.col("local").is_in(sorted(SHARED_MAILBOXES)).fill_null(False).alias("shared_mailbox"),
    )


def candidate_pairs(feat: pl.DataFrame) -> pl.DataFrame:
    """Candidate pairs ``(a, b)``, ``a < b``, from every blocking key, each pair once.

    Every blocking key of every row becomes one 64-bit hash (seeded per kind of key) in one long
    column, and one self-join on it finds the pairs: a block of 2 to ``MAX_BLOCK`` rows. A hash
    collision can only add a pair, which ``judge_pairs`` then judges on the values themselves.
    One lazy query, collected once: polars shares the common parts and runs the two kinds of
    blocking side by side.
    """
    idx = feat.lazy().with_row_index("i")
    personal_email = pl.when(~pl.col("shared_mailbox")).then(pl.col("email"))
    kinds: list[list[pl.Expr]] = [
        [pl.col("mobile")],
        [personal_email],
        [pl.col("credit_code"), pl.col("name_key")],
        [pl.col("name_key"), pl.col("company_key")],
        [pl.col("name_key"), pl.col("landline")],
        [pl.col("name_key"), pl.col("local")],
    ]
    parts = []
    for seed, exprs in enumerate(kinds, start=1):
        keyed = idx.select("i", *(e.alias(f"k{j}") for j, e in enumerate(exprs))).drop_nulls()
        parts.append(
            keyed.select("i", pl.struct(pl.all().exclude("i")).hash(seed=seed).alias("key"))
        )
    frames = [_self_join(pl.concat(parts), "i")]
    # one transposed digit: two mobiles that agree once the same two neighbouring digits are
    # left out of both (a deletion neighbourhood: exact keys, no digit-multiset collisions),
    # only among rows whose name another row shares (a transposed digit with a different name
    # is no evidence anyway), over distinct mobiles: rows that share a mobile are paired above
    shared_name = pl.col("name_key").is_not_null() & (pl.len().over("name_key") > 1)
    numbers = (
        idx.filter(shared_name)
        .select("i", pl.col("mobile").str.to_integer(strict=False).alias("m"))
        .filter(pl.col("m").is_between(10**10, 10**11 - 1))
        .filter(pl.len().over("m") <= MAX_BLOCK)
        .collect()  # once: the seven deletions and both joins below read it
        .lazy()
    )
    distinct = numbers.select(pl.col("m").unique()).collect().lazy()
    deletions = []
    for pos in range(3, 10):  # the digits at pos and pos + 1 (0-based) of 11 left out
        high, low = 10 ** (11 - pos), 10 ** (9 - pos)
        without = (pl.col("m") // high) * low + pl.col("m") % low
        deletions.append(distinct.select("m", (without * 16 + pos).alias("key")))
    near = _self_join(pl.concat(deletions), "m").unique()
    frames.append(
        near.join(numbers, left_on="a", right_on="m")
        .join(numbers, left_on="b", right_on="m", suffix="_b")
        .select(
            pl.min_horizontal("i", "i_b").cast(pl.Int64).alias("a"),
            pl.max_horizontal("i", "i_b").cast(pl.Int64).alias("b"),
        )
    )
    # each pair once, in order: a pair as one integer is unique and sorted at half the cost
    packed = (
        pl.concat(frames)
        .select((pl.col("a") * _PACK + pl.col("b")).alias("p").unique().sort())
        .select((pl.col("p") // _PACK).alias("a"), (pl.col("p") % _PACK).alias("b"))
    )
    return packed.collect()


#: Pairs ``(a, b)`` of row indexes packed into one integer, ``a * _PACK + b``.
_PACK = 1 << 32


def _self_join(keyed: pl.LazyFrame, what: str) -> pl.LazyFrame:
    """Pairs ``(a, b)``, ``a < b``, of ``what`` that share a ``key`` in a block of 2 to
    ``MAX_BLOCK``."""
    keyed = keyed.filter(pl.len().over("key").is_between(2, MAX_BLOCK))
    return (
        keyed.join(keyed, on="key", suffix="_b")
        .filter(pl.col(what) < pl.col(f"{what}_b"))
        .select(
            pl.col(what).cast(pl.Int64).alias("a"), pl.col(f"{what}_b").cast(pl.Int64).alias("b")
        )
    )
