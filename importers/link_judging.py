"""Record linkage, the second step: the evidence per field and the decision ("merge", "review"
or none) of each candidate pair, all pairs at once in polars expressions; the rules are written
out in ``importers.link``'s docstring."""

from __future__ import annotations

import polars as pl

SAME = "same"
CLOSE = "close"
DIFFERENT = "different"
MISSING = "missing"


def _transposed(a: pl.Expr, b: pl.Expr, width: int = 11) -> pl.Expr:
    """Two numbers of ``width`` characters that differ by one swap of neighbouring digits."""
    same_len = (a.str.len_chars() == width) & (b.str.len_chars() == width) & (a != b)
    one_swap = pl.lit(False)
    for p in range(width - 1):
        one_swap = one_swap | (
            (a.str.slice(0, p) == b.str.slice(0, p))
            & (a.str.slice(p, 1) == b.str.slice(p + 1, 1))
            & (a.str.slice(p + 1, 1) == b.str.slice(p, 1))
            & (a.str.slice(p + 2) == b.str.slice(p + 2))
        )
    return (same_len & one_swap).fill_null(False)


#: Evidence and decisions as small integers while pairs are judged (comparing and choosing
#: among a million pairs costs a third of what the same on texts costs); as texts at the end.
_MISSING, _SAME, _CLOSE, _DIFFERENT = 0, 1, 2, 3
_EVIDENCE_TEXT = {_MISSING: MISSING, _SAME: SAME, _CLOSE: CLOSE, _DIFFERENT: DIFFERENT}
REVIEW, MERGE = 1, 2
_DECISION_TEXT = {REVIEW: "review", MERGE: "merge"}


def _code(value: int) -> pl.Expr:
    return pl.lit(value, dtype=pl.UInt8)


def _name_evidence(k1: pl.Expr, k2: pl.Expr, close: pl.Expr) -> pl.Expr:
    return (
        pl.when(k1.is_null() | k2.is_null())
        .then(_code(_MISSING))
        .when(k1 == k2)
        .then(_code(_SAME))
        .when(close)
        .then(_code(_CLOSE))
        .otherwise(_code(_DIFFERENT))
    )


def _same(x: pl.Expr, y: pl.Expr) -> pl.Expr:
    return (
        pl.when(x.is_null() | y.is_null())
        .then(_code(_MISSING))
        .when(x == y)
        .then(_code(_SAME))
        .otherwise(_code(_DIFFERENT))
    )


def _close_names(k1: list[str | None], k2: list[str | None]) -> list[bool]:
    """Names whose keys differ a little: one mistyped letter of pinyin, or one syllable more."""
    from rapidfuzz import fuzz

    a = [(x or "").replace(" ", "") for x in k1]
    b = [(y or "").replace(" ", "") for y in k2]
    # one call each (0.4 us): ``process.cpdist`` would import numpy (0.15 s) for a few thousand
    ratios = [fuzz.ratio(x, y) for x, y in zip(a, b, strict=True)]
    out = []
    for x, y, x1, y1, r in zip(a, b, k1, k2, ratios, strict=True):
        if not x1 or not y1 or x1 == y1:
            out.append(False)
            continue
        if min(len(x), len(y)) >= 5 and r >= 88:
            out.append(True)
            continue
        s1, s2 = set(x1.split()), set(y1.split())
        out.append(
            len(s1) >= 2 and len(s2) >= 2 and (s1 <= s2 or s2 <= s1) and abs(len(s1) - len(s2)) == 1
        )
    return out


EVIDENCE = ("name", "mobile", "email", "company", "credit_code", "landline")
#: The feature columns ``judge_pairs`` compares.
COMPARED = (
    "name_key",
    "mobile",
    "email",
    "local",
    "shared_mailbox",
    "company_key",
    "credit_code",
    "landline",
    "shared_line",
)


def judge_pairs(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """Decide aligned pairs of feature rows, all at once (polars expressions).

    Returns ``decision`` ("merge", "review" or null), ``score`` in [0, 1] and one evidence column
    per field of ``EVIDENCE`` (same / close / different / missing), row for row.
    """
    return as_text(judge_codes(left, right))


def as_text(judged: pl.DataFrame) -> pl.DataFrame:
    """``judge_codes``'s codes as ``judge_pairs`` says them."""
    return judged.with_columns(
        pl.col("decision").replace_strict(_DECISION_TEXT, default=None, return_dtype=pl.String),
        *(
            pl.col(e).replace_strict(_EVIDENCE_TEXT, return_dtype=pl.String).alias(e)
            for e in EVIDENCE
        ),
    )


def judge_codes(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """``judge_pairs`` with the decision (``MERGE``, ``REVIEW`` or null) and the evidence as
    codes (``_SAME``...)."""
    cols = list(COMPARED)
    frame = pl.concat(
        [left.select(cols), right.select(cols).rename({c: f"{c}_b" for c in cols})],
        how="horizontal",
    )
    differs = frame.select(
        (pl.col("name_key") != pl.col("name_key_b")).fill_null(False)
    ).to_series()
    # names that differ are few (a few thousand of 90,000 pairs): rapidfuzz over those only
    maybe = frame.filter(differs)
    close_flags = _close_names(maybe["name_key"].to_list(), maybe["name_key_b"].to_list())
    close = pl.Series([False] * frame.height, dtype=pl.Boolean)
    if close_flags:
        close = close.scatter(differs.arg_true(), close_flags)
    # a transposed digit needs two different mobiles of 11 characters whose difference, as
    # numbers, is a multiple of 9 (xy - yx = 9 (x - y)): a few thousand pairs of 90,000, and the
    # exact test (ten positions, four slices each) is the dearest expression here
    m1 = pl.col("mobile").str.to_integer(strict=False)
    m2 = pl.col("mobile_b").str.to_integer(strict=False)
    maybe_swapped = frame.select(
        (
            (pl.col("mobile").str.len_chars() == 11)
            & (pl.col("mobile_b").str.len_chars() == 11)
            & (pl.col("mobile") != pl.col("mobile_b"))
            & ((m1 - m2) % 9 == 0).fill_null(True)
        ).fill_null(False)
    ).to_series()
    transposed = pl.Series([False] * frame.height, dtype=pl.Boolean)
    if maybe_swapped.any():
        swapped = (
            frame.filter(maybe_swapped)
            .select(_transposed(pl.col("mobile"), pl.col("mobile_b")))
            .to_series()
        )
        transposed = transposed.scatter(maybe_swapped.arg_true(), swapped)
    frame = frame.with_columns(close.alias("close"), transposed.alias("transposed"))
    shared = pl.col("shared_mailbox") | pl.col("shared_mailbox_b")
    local_same = (
        (pl.col("local") == pl.col("local_b")).fill_null(False)
        & ~shared
        & (pl.col("local").str.len_chars() >= 4).fill_null(False)
    )
    frame = frame.with_columns(
        _name_evidence(pl.col("name_key"), pl.col("name_key_b"), pl.col("close")).alias("name"),
        pl.when(pl.col("transposed"))
        .then(_code(_CLOSE))
        .otherwise(_same(pl.col("mobile"), pl.col("mobile_b")))
        .alias("mobile"),
        pl.when((pl.col("email") != pl.col("email_b")).fill_null(False) & local_same)
        .then(_code(_CLOSE))
        .otherwise(_same(pl.col("email"), pl.col("email_b")))
        .alias("email"),
        _same(pl.col("company_key"), pl.col("company_key_b")).alias("company"),
        _same(pl.col("credit_code"), pl.col("credit_code_b")).alias("credit_code"),
        _same(pl.col("landline"), pl.col("landline_b")).alias("landline"),
        shared.alias("shared"),
        pl.col("landline")
        .str.contains(" ext. ", literal=True)
        .fill_null(False)
        .alias("landline_ext"),
    )
    name, mobile, email = pl.col("name"), pl.col("mobile"), pl.col("email")
    name_ok = (name == _SAME) | (name == _CLOSE)
    name_strong = name == _SAME
    clash = name == _DIFFERENT
    no_name = name == _MISSING
    mobile_same = mobile == _SAME
    transposed_e = pl.col("transposed")
    email_personal = (email == _SAME) & ~pl.col("shared")
    support = (
        (((email == _SAME) | (email == _CLOSE)) & ~pl.col("shared")).cast(pl.Int8)
        + (pl.col("company") == _SAME).cast(pl.Int8)
        + (pl.col("credit_code") == _SAME).cast(pl.Int8)
        + (pl.col("landline") == _SAME).cast(pl.Int8)
    )

    def weight(code: pl.Expr, same: float, close: float, different: float) -> pl.Expr:
        return (
            pl.when(code == _SAME)
            .then(same)
            .when(code == _CLOSE)
            .then(close)
            .when(code == _DIFFERENT)
            .then(different)
            .otherwise(0.0)
        )

    weights = (
        weight(name, 4.0, 2.0, -6.0)
        + weight(mobile, 5.0, 3.0, -1.5)
        + pl.when(email == _SAME)
        .then(pl.when(pl.col("shared")).then(0.5).otherwise(4.0))
        .otherwise(weight(email, 0.0, 1.5, -0.5))
        + (pl.col("company") == _SAME).cast(pl.Float64)
        + (pl.col("credit_code") == _SAME).cast(pl.Float64)
        + (pl.col("landline") == _SAME).cast(pl.Float64) * 1.5
    )
    # nothing that two records of one person would not say: another personal mailbox, another
    # mobile, another credit code
    no_conflict = ((email != _DIFFERENT) | pl.col("shared")) & (pl.col("credit_code") != _DIFFERENT)
    landline_same = pl.col("landline") == _SAME
    # a switchboard is shared by colleagues, two 张伟 among them: the same landline says one
    # person with the same extension, or where no other name is written with it in the file
    own_line = pl.col("landline_ext") | ~(pl.col("shared_line") | pl.col("shared_line_b"))
    decision = (
        pl.when(
            (name_strong & (mobile_same | email_personal))
            | (name_ok & mobile_same & email_personal)
            | (name_strong & transposed_e & (support >= 1))
            | (name_strong & landline_same & own_line & (mobile != _DIFFERENT) & no_conflict)
            | (no_name & mobile_same & email_personal)
        )
        .then(_code(MERGE))
        .when(
            (name_ok & (mobile_same | email_personal | transposed_e))
            | (clash & (mobile_same | email_personal))  # one number or mailbox, two names
            | (no_name & (mobile_same | email_personal))
            | (
                name_strong
                & ((pl.col("company") == _SAME) | (pl.col("landline") == _SAME) | (email == _CLOSE))
                & (mobile != _DIFFERENT)
            )
        )
        .then(_code(REVIEW))
        .otherwise(None)
    )
    return frame.select(
        decision.alias("decision"),
        ((weights + 6.0) / 20.0).clip(0.0, 1.0).round(3).alias("score"),
        *EVIDENCE,
    )


def names_agree(k1: str | None, k2: str | None) -> str:
    if not k1 or not k2:
        return MISSING
    if k1 == k2:
        return SAME
    return CLOSE if _close_names([k1], [k2])[0] else DIFFERENT
