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
        _shared_line(),
    )


def _shared_line() -> pl.Expr:
    """Whether a row's landline (its extension aside) is written with two names in the frame:
    a switchboard, which says nothing about who answers it."""
    line = pl.col("landline").str.replace(r" ext\. .*$", "")
    key = pl.col("name_key")
    names = key.filter(key.is_not_null()).n_unique().over(line)
    return (line.is_not_null() & (names > 1)).fill_null(False).alias("shared_line")


def candidate_pairs(feat: pl.DataFrame, *, sieve: bool = True) -> pl.DataFrame:
    """Candidate pairs ``(a, b)``, ``a < b``, from every blocking key, each pair once.

    Every blocking key of every row becomes one 64-bit hash (seeded per kind of key) in one long
    column, and one self-join on it finds the pairs: a block of 2 to ``MAX_BLOCK`` rows. A hash
    collision can only add a pair, which ``judge_pairs`` then judges on the values themselves.
    One lazy query, collected once: polars shares the common parts and runs the two kinds of
    blocking side by side.

    ``sieve``: leave out the pairs that cannot get a decision (``_decidable``); ``False`` gives
    every pair (what the tests compare with).
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
    pairs = packed.collect()
    return pairs.filter(_decidable(feat, pairs)) if sieve else pairs


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


def _decidable(feat: pl.DataFrame, pairs: pl.DataFrame) -> pl.Series:
    """Per pair, whether it can get a decision (``link_judging.judge_codes``): a superset of
    the pairs it decides. Every decision needs the same mobile or personal e-mail, a transposed
    digit, or no different mobile (the same name with the same company, landline or mailbox
    name): a pair with two different mobiles and no same personal e-mail has none. At a million
    rows that is ~60 % of the candidate pairs (the same name and company, two people).

    Judging compares texts, gathered pair by pair; this compares three integers per row, one
    64-bit hash (0 for none) of the mobile and of the personal e-mail, and the mobile as a
    number. Two different hashes are two different values, so a pair it leaves out has no
    decision; a pair it keeps on equal hashes is judged on the values themselves (a collision
    keeps a pair more, as in blocking)."""
    mobile = pl.col("mobile")
    number = mobile.str.to_integer(strict=False)
    rows = feat.lazy().select(
        _hash(mobile).alias("m"),
        _hash(pl.when(~pl.col("shared_mailbox")).then(pl.col("email"))).alias("e"),
        # for a transposed digit: the mobile's number if it is 11 digits (11 characters read as
        # a number of 11 digits are: no sign, no leading zero), 1 for other 11 characters
        pl.when(number.is_between(10**10, 10**11 - 1))
        .then(number)
        .when(mobile.str.len_chars() == 11)
        .then(1)
        .otherwise(0)
        .alias("t"),
    )
    # no nulls and row numbers as polars' own index type: gathering costs a third of what it
    # costs with validity masks and 64-bit indexes
    both = rows.select(
        pl.all().gather(pairs["a"].cast(pl.UInt32)),
        pl.all().gather(pairs["b"].cast(pl.UInt32)).name.suffix("_b"),
    )
    t, t_b = pl.col("t"), pl.col("t_b")
    # two 11-digit numbers a swap of neighbouring digits x, y apart differ by 9 (x - y) 10^k
    d = (t - t_b).abs()
    swap = (d % 9 == 0) & (d // 9).is_in(_SWAP_STEPS)
    transposed = (t != 0) & (t_b != 0) & ((t == 1) | (t_b == 1) | swap)
    m, m_b, e = pl.col("m"), pl.col("m_b"), pl.col("e")
    mobile_not_different = (m == 0) | (m_b == 0) | (m == m_b) | transposed
    keep = ((e == pl.col("e_b")) & (e != 0)) | mobile_not_different
    return both.select(keep).collect().to_series()


#: (x - y) 10^k for digits x > y and k = 0..10 (``_decidable``).
_SWAP_STEPS = sorted(c * 10**k for c in range(1, 10) for k in range(11))


def _hash(value: pl.Expr) -> pl.Expr:
    """The value's 64-bit hash made odd, 0 for null: no value is taken for none (an odd hash
    collides twice as often, which only keeps a pair more)."""
    return pl.when(value.is_not_null()).then(value.hash(seed=7) | 1).otherwise(0)
