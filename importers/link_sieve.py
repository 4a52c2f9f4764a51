"""Record linkage, between blocking and judging: which candidate pairs can get a decision at all.

Blocking on a name with a company, landline or mailbox name pairs many rows that are plainly two
people (the same name and company, two different mobiles): at a million rows ~60 % of the
candidate pairs end with no decision. Judging compares texts, gathered pair by pair; this sieve
compares one 64-bit hash per row and field, gathered as integers, and keeps every pair whose
decision may not be null. Two different hashes are two different values, so a pair it drops has
no decision; a pair it keeps on equal hashes is judged on the values themselves (a collision
only keeps a pair, as in blocking).
"""

from __future__ import annotations

import polars as pl


def decidable(feat: pl.DataFrame, a: pl.Series, b: pl.Series) -> pl.Series:
    """Per pair (rows ``a`` and ``b`` of ``feat``, ``link_blocking.features``): whether
    ``link_judging.judge_codes`` can decide it, a superset of those it decides.

    A decision needs one of: the same mobile; the same personal e-mail; a transposed digit; or the
    same name with the same company, landline or mailbox name and no different mobile (the
    rules in ``judge_codes``, read as what each of them requires)."""
    personal = ~pl.col("shared_mailbox")
    mobile = pl.col("mobile")
    number = mobile.str.to_integer(strict=False)
    # no nulls (0 for none) and row numbers as polars' own index type: gathering a million
    # pairs costs a third of what it costs with validity masks and 64-bit indexes
    rows = (
        feat.lazy()
        .select(
            _hash(mobile).alias("m"),
            _hash(pl.when(personal).then(pl.col("email"))).alias("e"),
            _hash(pl.col("name_key")).alias("n"),
            _hash(pl.col("company_key")).alias("c"),
            _hash(pl.col("landline")).alias("l"),
            # a mailbox name makes e-mails close only when not shared and of 4 characters or more
            _hash(
                pl.when(personal & (pl.col("local").str.len_chars() >= 4)).then(pl.col("local"))
            ).alias("o"),
            (mobile.str.len_chars() == 11).fill_null(False).alias("m11"),
            # 11 characters read as a number of 11 digits are 11 digits (no sign, no leading zero)
            pl.when(number.is_between(10**10, 10**11 - 1)).then(number).otherwise(0).alias("num"),
        )
        .collect()
    )
    both = rows.lazy().select(
        pl.all().gather(a.cast(pl.UInt32)), pl.all().gather(b.cast(pl.UInt32)).name.suffix("_b")
    )

    def same(c: str) -> pl.Expr:
        return (pl.col(c) == pl.col(f"{c}_b")) & (pl.col(c) != 0)

    numbers = (pl.col("num") != 0) & (pl.col("num_b") != 0)
    # two 11-character mobiles: of two 11-digit numbers, only those a swap of two digits apart
    transposed = (
        pl.col("m11")
        & pl.col("m11_b")
        & (~numbers | swap_step((pl.col("num") - pl.col("num_b")).abs()))
    )
    mobile_not_different = (pl.col("m") == 0) | (pl.col("m_b") == 0) | same("m") | transposed
    keep = (
        same("m")
        | same("e")
        | transposed
        | (same("n") & (same("c") | same("l") | same("o")) & mobile_not_different)
    )
    return both.select(keep.alias("keep")).collect().to_series()


#: |a - b| / 9 of two numbers that differ by one swap of neighbouring digits x, y at 10^k and
#: 10^(k + 1): a - b = 9 (x - y) 10^k.
_SWAP_STEPS = sorted(c * 10**k for c in range(1, 10) for k in range(11))


def swap_step(d: pl.Expr) -> pl.Expr:
    """Whether the difference ``d`` of two numbers is one swap of neighbouring digits."""
    return (d % 9 == 0) & (d // 9).is_in(_SWAP_STEPS)


def _hash(value: pl.Expr) -> pl.Expr:
    """The value's 64-bit hash made odd, 0 for null: no value is taken for none (an odd hash
    collides twice as often as a hash, which only keeps a pair more)."""
    return pl.when(value.is_not_null()).then(value.hash(seed=7) | 1).otherwise(0)
