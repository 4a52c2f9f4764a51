"""Record linkage: which rows are one customer, which are perhaps one (for a person to decide),
and which are namesakes.

Candidate pairs come from blocking keys (polars ``group_by``: the same mobile; the same digits of a
mobile in any order, which finds one transposed digit; the same e-mail; the same credit code; the
same name with the same company, landline or mailbox name), never from comparing every row with
every other. Each candidate pair gets evidence per field and a score; the decision follows the
reports' rules (mobile the strong key, name and e-mail auxiliary), written out:

- merged automatically: the names agree (hanzi, traditional or pinyin in any order: ``names``) and
  the mobile is the same, or the personal (not shared) e-mail is the same, or the mobile differs by
  one transposed digit and something else agrees as well;
- left to a person (``review_pairs``): one mobile or personal e-mail behind different names (family
  members, a shared switchboard), a transposed digit alone, or the same name with only the
  company, landline or mailbox name in common;
- never merged: different names behind one number or mailbox; a shared mailbox (sales@, hr@) is
  no evidence of one person. A person who changed jobs (same name and mobile, new company) stays
  one person: a different company is no evidence against.

Automatic merges are joined transitively, but never into a group whose names disagree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from importers.aliases import COMPANY_FORMS, COMPANY_NOISE, SHARED_MAILBOXES
from importers.names import name_key
from importers.phone import one_transposition

#: Blocks bigger than this are not compared pair by pair: 60 rows behind one value is a
#: placeholder (13800000000, test@test.com), not one person.
MAX_BLOCK = 60
#: Fields the linkage reads, by role.
ROLES = ("name", "mobile", "email", "company", "credit_code", "landline")

SAME = "same"
CLOSE = "close"
DIFFERENT = "different"
MISSING = "missing"


@dataclass(frozen=True)
class Pair:
    """Two rows (indexes into the linked frame), their score in [0, 1] and per-field evidence."""

    a: int
    b: int
    score: float
    decision: str  # "merge" or "review"
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Linkage:
    """Groups of row indexes that are one record (size >= 2), and pairs left to a person."""

    groups: tuple[tuple[int, ...], ...]
    review: tuple[Pair, ...]
    merges: tuple[Pair, ...]


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


def features(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (columns of ``ROLES``, missing ones null) with the keys the linkage compares."""
    for role in ROLES:
        if role not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(role))
    # Python once per distinct name and company, never per row
    names = frame["name"].drop_nulls().unique().to_list()
    keys = [name_key(n) for n in names]
    companies = frame["company"].drop_nulls().unique().to_list()
    ckeys = [company_key(c) for c in companies]
    return frame.with_columns(
        pl.col("name")
        .replace_strict(names, keys, default=None, return_dtype=pl.String)
        .replace("", None)
        .alias("name_key"),
        pl.col("company")
        .replace_strict(companies, ckeys, default=None, return_dtype=pl.String)
        .replace("", None)
        .alias("company_key"),
        pl.col("email").str.extract(r"^([^@]+)@", 1).alias("local"),
    ).with_columns(
        pl.col("local").is_in(sorted(SHARED_MAILBOXES)).fill_null(False).alias("shared_mailbox"),
    )


def _pairs_on(idx: pl.DataFrame, exprs: list[pl.Expr]) -> pl.DataFrame:
    """Pairs ``(a, b)``, ``a < b``, of rows equal on every one of ``exprs`` (blocks of 2 to
    ``MAX_BLOCK`` rows), by a self-join in polars."""
    keyed = idx.select(pl.col("i"), *exprs).drop_nulls()
    names = [c for c in keyed.columns if c != "i"]
    sizes = keyed.group_by(names).len().filter(pl.col("len").is_between(2, MAX_BLOCK))
    keyed = keyed.join(sizes.select(names), on=names, how="semi")
    return (
        keyed.join(keyed, on=names, suffix="_b")
        .filter(pl.col("i") < pl.col("i_b"))
        .select(pl.col("i").alias("a"), pl.col("i_b").alias("b"))
    )


def candidate_pairs(feat: pl.DataFrame) -> pl.DataFrame:
    """Candidate pairs ``(a, b)`` from every blocking key, each pair once."""
    idx = feat.with_row_index("i").with_columns(pl.col("i").cast(pl.Int64))
    personal_email = pl.when(~pl.col("shared_mailbox")).then(pl.col("email"))
    frames = [
        _pairs_on(idx, [pl.col("mobile")]),
        _pairs_on(idx, [personal_email.alias("email_personal")]),
        _pairs_on(idx, [pl.col("credit_code"), pl.col("name_key")]),
        _pairs_on(idx, [pl.col("name_key"), pl.col("company_key")]),
        _pairs_on(idx, [pl.col("name_key"), pl.col("landline")]),
        _pairs_on(idx, [pl.col("name_key"), pl.col("local")]),
    ]
    # one transposed digit: two mobiles that agree once the same two neighbouring positions are
    # left out of both (a deletion neighbourhood: exact keys, no digit-multiset collisions)
    # only among rows whose name another row shares: a transposed digit with a different name is
    # no evidence anyway, and this keeps the exploded keys to the rows that may be duplicates
    shared_name = pl.col("name_key").is_not_null() & (pl.len().over("name_key") > 1)
    mobiles = idx.filter(shared_name).select("i", "mobile").drop_nulls()
    if mobiles.height:
        swapped = (
            mobiles.with_columns(pl.lit(list(range(3, 10))).alias("pos"))
            .explode("pos")
            .with_columns(
                (
                    pl.col("mobile").str.slice(0, pl.col("pos"))
                    + pl.col("mobile").str.slice(pl.col("pos") + 2)
                    + pl.col("pos").cast(pl.String)
                ).alias("without")
            )
        )
        frames.append(_pairs_on(swapped, [pl.col("without")]))
    return pl.concat(frames).unique().sort("a", "b")


def _name_evidence(k1: pl.Expr, k2: pl.Expr, close: pl.Expr) -> pl.Expr:
    return (
        pl.when(k1.is_null() | k2.is_null())
        .then(pl.lit(MISSING))
        .when(k1 == k2)
        .then(pl.lit(SAME))
        .when(close)
        .then(pl.lit(CLOSE))
        .otherwise(pl.lit(DIFFERENT))
    )


def _same(x: pl.Expr, y: pl.Expr) -> pl.Expr:
    return (
        pl.when(x.is_null() | y.is_null())
        .then(pl.lit(MISSING))
        .when(x == y)
        .then(pl.lit(SAME))
        .otherwise(pl.lit(DIFFERENT))
    )


def _close_names(k1: list[str | None], k2: list[str | None]) -> list[bool]:
    """Names whose keys differ a little: one mistyped letter of pinyin, or one syllable more."""
    from rapidfuzz import fuzz, process

    a = [(x or "").replace(" ", "") for x in k1]
    b = [(y or "").replace(" ", "") for y in k2]
    ratios = list(process.cpdist(a, b, scorer=fuzz.ratio)) if a else []
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


def judge_pairs(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """Decide aligned pairs of feature rows, all at once (polars expressions).

    Returns ``decision`` ("merge", "review" or null), ``score`` in [0, 1] and one evidence column
    per field of ``EVIDENCE`` (same / close / different / missing), row for row.
    """
    cols = [
        "name_key",
        "mobile",
        "email",
        "local",
        "shared_mailbox",
        "company_key",
        "credit_code",
        "landline",
    ]
    frame = pl.concat(
        [left.select(cols), right.select(cols).rename({c: f"{c}_b" for c in cols})],
        how="horizontal",
    )
    differs = frame.select(
        (pl.col("name_key") != pl.col("name_key_b")).fill_null(False)
    ).to_series()
    maybe = frame.filter(differs)
    close_flags = _close_names(maybe["name_key"].to_list(), maybe["name_key_b"].to_list())
    close = pl.Series([False] * frame.height, dtype=pl.Boolean)
    if close_flags:
        close = close.scatter(differs.arg_true(), close_flags)
    diff_mobile = frame.select(
        (pl.col("mobile") != pl.col("mobile_b")).fill_null(False)
    ).to_series()
    both = frame.filter(diff_mobile)
    swapped = [
        one_transposition(x, y) for x, y in zip(both["mobile"], both["mobile_b"], strict=True)
    ]
    transposed = pl.Series([False] * frame.height, dtype=pl.Boolean)
    if swapped:
        transposed = transposed.scatter(diff_mobile.arg_true(), swapped)
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
        .then(pl.lit(CLOSE))
        .otherwise(_same(pl.col("mobile"), pl.col("mobile_b")))
        .alias("mobile"),
        pl.when((pl.col("email") != pl.col("email_b")).fill_null(False) & local_same)
        .then(pl.lit(CLOSE))
        .otherwise(_same(pl.col("email"), pl.col("email_b")))
        .alias("email"),
        _same(pl.col("company_key"), pl.col("company_key_b")).alias("company"),
        _same(pl.col("credit_code"), pl.col("credit_code_b")).alias("credit_code"),
        _same(pl.col("landline"), pl.col("landline_b")).alias("landline"),
        shared.alias("shared"),
    )
    name, mobile, email = pl.col("name"), pl.col("mobile"), pl.col("email")
    name_ok = name.is_in([SAME, CLOSE])
    name_strong = name == SAME
    clash = name == DIFFERENT
    no_name = name == MISSING
    mobile_same = mobile == SAME
    transposed_e = pl.col("transposed")
    email_personal = (email == SAME) & ~pl.col("shared")
    support = (
        (email.is_in([SAME, CLOSE]) & ~pl.col("shared")).cast(pl.Int8)
        + (pl.col("company") == SAME).cast(pl.Int8)
        + (pl.col("credit_code") == SAME).cast(pl.Int8)
        + (pl.col("landline") == SAME).cast(pl.Int8)
    )
    weights = (
        name.replace_strict({SAME: 4.0, CLOSE: 2.0, DIFFERENT: -6.0}, default=0.0)
        + mobile.replace_strict({SAME: 5.0, CLOSE: 3.0, DIFFERENT: -1.5}, default=0.0)
        + pl.when(email == SAME)
        .then(pl.when(pl.col("shared")).then(0.5).otherwise(4.0))
        .otherwise(email.replace_strict({CLOSE: 1.5, DIFFERENT: -0.5}, default=0.0))
        + (pl.col("company") == SAME).cast(pl.Float64)
        + (pl.col("credit_code") == SAME).cast(pl.Float64)
        + (pl.col("landline") == SAME).cast(pl.Float64) * 1.5
    )
    decision = (
        pl.when(
            (name_strong & (mobile_same | email_personal))
            | (name_ok & mobile_same & email_personal)
            | (name_strong & transposed_e & (support >= 1))
            | (no_name & mobile_same & email_personal)
        )
        .then(pl.lit("merge"))
        .when(
            (name_ok & (mobile_same | email_personal | transposed_e))
            | (clash & (mobile_same | email_personal))  # one number or mailbox, two names
            | (no_name & (mobile_same | email_personal))
            | (
                name_strong
                & ((pl.col("company") == SAME) | (pl.col("landline") == SAME) | (email == CLOSE))
                & (mobile != DIFFERENT)
            )
        )
        .then(pl.lit("review"))
        .otherwise(None)
    )
    return frame.select(
        decision.alias("decision"),
        ((weights + 6.0) / 20.0).clip(0.0, 1.0).round(3).alias("score"),
        *EVIDENCE,
    )


def _names_agree(k1: str | None, k2: str | None) -> str:
    if not k1 or not k2:
        return MISSING
    if k1 == k2:
        return SAME
    return CLOSE if _close_names([k1], [k2])[0] else DIFFERENT


def link(
    frame: pl.DataFrame,
    *,
    not_same: Iterable[tuple[str, str]] = (),
    fingerprints: Sequence[str] | None = None,
) -> Linkage:
    """Link the rows of ``frame`` (columns named by ``ROLES``; indexes are row positions).

    ``not_same`` holds pairs of fingerprints a person said are different records; those pairs are
    neither merged nor asked again. ``fingerprints`` gives each row's (see ``fingerprint``).
    """
    feat = features(frame)
    pairs = candidate_pairs(feat)
    rejected = {frozenset(p) for p in not_same}
    if rejected and fingerprints is not None:
        keep = [
            frozenset((fingerprints[a], fingerprints[b])) not in rejected
            for a, b in zip(pairs["a"], pairs["b"], strict=True)
        ]
        pairs = pairs.filter(pl.Series(keep, dtype=pl.Boolean))
    judged = judge_pairs(
        feat[pairs["a"].to_list()] if pairs.height else feat.head(0),
        feat[pairs["b"].to_list()] if pairs.height else feat.head(0),
    )
    decided = (
        pl.concat([pairs, judged], how="horizontal")
        .filter(pl.col("decision").is_not_null())
        .sort(["score", "a", "b"], descending=[True, False, False])
    )
    is_merge = (decided["decision"] == "merge").to_list()
    a_s, b_s, scores = decided["a"].to_list(), decided["b"].to_list(), decided["score"].to_list()
    evidence = decided.select(EVIDENCE).rows()

    def pair(k: int, decision: str) -> Pair:
        return Pair(
            a_s[k], b_s[k], scores[k], decision, dict(zip(EVIDENCE, evidence[k], strict=True))
        )

    # union-find over automatic merges, strongest first, never joining disagreeing names
    parent: dict[int, int] = {}
    names_of: dict[int, set[str]] = {}
    keys = feat["name_key"].to_list()

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    kept: list[Pair] = []
    review_at: list[int] = [k for k, m in enumerate(is_merge) if not m]
    for k, merge in enumerate(is_merge):
        if not merge:
            continue
        ra, rb = find(a_s[k]), find(b_s[k])
        if ra == rb:
            kept.append(pair(k, "merge"))
            continue
        na = names_of.get(ra, {keys[ra]} if keys[ra] else set())
        nb = names_of.get(rb, {keys[rb]} if keys[rb] else set())
        if na != nb and any(_names_agree(x, y) == DIFFERENT for x in na for y in nb if x != y):
            review_at.append(k)
            continue
        parent[rb] = ra
        parent.setdefault(ra, ra)
        names_of[ra] = na | nb
        names_of.pop(rb, None)
        kept.append(pair(k, "merge"))
    members: dict[int, list[int]] = {}
    for x in list(parent):
        members.setdefault(find(x), []).append(x)
    groups = tuple(sorted(tuple(sorted(m)) for m in members.values() if len(m) > 1))
    # a pair whose rows ended up in one group needs no decision any more
    open_review = tuple(
        sorted(
            (pair(k, "review") for k in review_at if find(a_s[k]) != find(b_s[k])),
            key=lambda p: (-p.score, p.a, p.b),
        )
    )
    return Linkage(groups=groups, review=open_review, merges=tuple(kept))


def fingerprint(name: str | None, mobile: str | None, email: str | None) -> str:
    """What a "not the same" decision is remembered by: the person as the linkage saw them."""
    return "|".join((name_key(name) if name else "", mobile or "", email or ""))
