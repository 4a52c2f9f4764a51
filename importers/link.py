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
from importers.names import name_key, name_keys

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


@dataclass(frozen=True)
class LinkedFrames:
    """``Linkage`` as frames, as the pipeline reads it (no Python object per group or pair):
    ``groups`` one list column ``x`` of row indexes, each ascending, groups in order of their
    first row; ``review`` the pairs ``a``, ``b``, ``score`` and one column per ``EVIDENCE``,
    strongest first."""

    groups: pl.DataFrame
    review: pl.DataFrame

    def linkage(self) -> Linkage:
        review = tuple(
            Pair(a, b, score, "review", dict(zip(EVIDENCE, ev, strict=True)))
            for a, b, score, *ev in self.review.iter_rows()
        )
        return Linkage(groups=tuple(tuple(g) for g in self.groups["x"].to_list()), review=review)


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
_REVIEW, _MERGE = 1, 2
_DECISION_TEXT = {_REVIEW: "review", _MERGE: "merge"}


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
)


def judge_pairs(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """Decide aligned pairs of feature rows, all at once (polars expressions).

    Returns ``decision`` ("merge", "review" or null), ``score`` in [0, 1] and one evidence column
    per field of ``EVIDENCE`` (same / close / different / missing), row for row.
    """
    return _as_text(_judge(left, right))


def _as_text(judged: pl.DataFrame) -> pl.DataFrame:
    """``_judge``'s codes as ``judge_pairs`` says them."""
    return judged.with_columns(
        pl.col("decision").replace_strict(_DECISION_TEXT, default=None, return_dtype=pl.String),
        *(
            pl.col(e).replace_strict(_EVIDENCE_TEXT, return_dtype=pl.String).alias(e)
            for e in EVIDENCE
        ),
    )


def _judge(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """``judge_pairs`` with the decision (``_MERGE``, ``_REVIEW`` or null) and the evidence as
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
    decision = (
        pl.when(
            (name_strong & (mobile_same | email_personal))
            | (name_ok & mobile_same & email_personal)
            | (name_strong & transposed_e & (support >= 1))
            | (no_name & mobile_same & email_personal)
        )
        .then(_code(_MERGE))
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
        .then(_code(_REVIEW))
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
    return link_frames(frame, not_same=not_same, fingerprints=fingerprints).linkage()


def link_frames(
    frame: pl.DataFrame,
    *,
    not_same: Iterable[tuple[str, str]] = (),
    fingerprints: Sequence[str] | None = None,
    keys: KeyTables | None = None,
) -> LinkedFrames:
    """``link``, its answer as frames (``LinkedFrames``); ``keys``: see ``features``."""
    feat = features(frame, keys)
    pairs = candidate_pairs(feat)
    rejected = {frozenset(p) for p in not_same}
    if rejected and fingerprints is not None:
        keep = [
            frozenset((fingerprints[a], fingerprints[b])) not in rejected
            for a, b in zip(pairs["a"], pairs["b"], strict=True)
        ]
        pairs = pairs.filter(pl.Series(keep, dtype=pl.Boolean))
    compared = feat.select(COMPARED)  # the rows of each pair: only what is compared
    judged = _judge(compared[pairs["a"]], compared[pairs["b"]])
    decided = pl.concat([pairs, judged], how="horizontal").filter(pl.col("decision").is_not_null())
    merges = decided.filter(pl.col("decision") == _MERGE).select("a", "b", "score")
    label = _components(merges, feat.height)
    # A component whose rows all carry one name (or none) is one group as it stands. Only where
    # names differ inside a component are its merges replayed one by one, strongest first,
    # never joining groups whose names disagree (two 张伟 linked through a shared mailbox).
    name_key = feat["name_key"]
    names_per = (
        pl.DataFrame({"label": label, "key": name_key})
        .drop_nulls()
        .group_by("label")
        .agg(pl.col("key").n_unique().alias("n"))
    )
    mixed = names_per.filter(pl.col("n") > 1)["label"]
    final = label
    refused: list[tuple[int, int]] = []
    if mixed.len():
        group = label.to_list()
        inside = label.gather(merges["a"]).is_in(mixed.implode())
        strongest_first = merges.filter(inside).sort(
            ["score", "a", "b"], descending=[True, False, False]
        )
        refused = _replay_merges(strongest_first.select("a", "b"), name_key, group)
        final = pl.Series("label", group, dtype=pl.Int64)
    # each group's rows ascending (a group keeps the order of its rows), the groups in order of
    # their first row: disjoint groups sorted so are sorted as tuples are
    groups = (
        pl.DataFrame({"x": pl.int_range(final.len(), eager=True), "g": final})
        .drop_nulls("g")
        .group_by("g")
        .agg("x")
        .filter(pl.col("x").list.len() > 1)
        .sort(pl.col("x").list.first())
        .select("x")
    )
    # review pairs (and merges refused above) whose rows did not end up in one group
    to_review = decided.filter(pl.col("decision") == _REVIEW)
    if refused:
        again = pl.DataFrame(refused, schema={"a": pl.Int64, "b": pl.Int64}, orient="row")
        to_review = pl.concat(
            [to_review, decided.join(again, on=["a", "b"], how="semi")], how="vertical"
        )
    ga, gb = final.gather(to_review["a"]), final.gather(to_review["b"])
    apart = (ga.is_null() | gb.is_null() | (ga != gb)).fill_null(True)
    to_review = to_review.filter(apart).sort(["score", "a", "b"], descending=[True, False, False])
    review = _as_text(to_review).select("a", "b", "score", *EVIDENCE)
    return LinkedFrames(groups=groups, review=review)


def _components(edges: pl.DataFrame, n: int) -> pl.Series:
    """The connected component of each of ``n`` rows under ``edges`` (``a``, ``b``): the
    smallest row index in it, null for a row in no edge. Minimum labels are spread along the
    edges and then along the labels themselves (pointer jumping) until nothing changes; the
    labels are one column indexed by row (gathers and a scatter, no joins)."""
    out = pl.Series("label", [None] * n, dtype=pl.Int64)
    if edges.height == 0:
        return out
    a, b = edges["a"].cast(pl.Int64), edges["b"].cast(pl.Int64)
    ends = pl.concat([a, b])
    # the ends sorted once, with the edge of each: grouping sorted keys is ~3x cheaper
    order = ends.arg_sort()
    sorted_ends = ends.gather(order).set_sorted()
    edge_of = order % a.len()
    labels = pl.int_range(n, eager=True, dtype=pl.Int64)
    while True:
        m = (
            pl.DataFrame({"x": labels.gather(a), "y": labels.gather(b)})
            .select(pl.min_horizontal("x", "y"))
            .to_series()
        )
        lowest = (
            pl.LazyFrame({"n": sorted_ends, "m": m.gather(edge_of)})
            .group_by("n")
            .agg(pl.col("m").min())
            .collect()
        )
        here = labels.gather(lowest["n"])
        lower = pl.DataFrame({"l": here, "m": lowest["m"]}).select(pl.min_horizontal("l", "m"))
        moved = labels.clone().scatter(lowest["n"], lower.to_series())  # scatter is in place
        moved = moved.gather(moved)  # a label's own label is no larger: jump to it
        if moved.equals(labels):
            break
        labels = moved
    nodes = ends.unique()
    return out.scatter(nodes, labels.gather(nodes))


def _replay_merges(
    merges: pl.DataFrame, keys: pl.Series, group: list[int | None]
) -> list[tuple[int, int]]:
    """Union-find over ``merges`` (strongest first), never joining groups whose names disagree;
    writes each row's group (its root) into ``group`` and returns the merges it refused."""
    name = keys.to_list()
    parent: dict[int, int] = {}
    names_of: dict[int, set[str]] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    refused = []
    for a, b in merges.iter_rows():
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        na = names_of.get(ra, {name[ra]} if name[ra] else set())
        nb = names_of.get(rb, {name[rb]} if name[rb] else set())
        if na != nb and any(_names_agree(x, y) == DIFFERENT for x in na for y in nb if x != y):
            refused.append((a, b))
            continue
        parent[rb] = ra
        parent.setdefault(ra, ra)
        names_of[ra] = na | nb
        names_of.pop(rb, None)
    for x in {x for pair in merges.iter_rows() for x in pair}:
        root = find(x)
        group[x] = root if root != x or x in parent else None
    return refused


def fingerprint(name: str | None, mobile: str | None, email: str | None) -> str:
    """What a "not the same" decision is remembered by: the person as the linkage saw them."""
    return "|".join((name_key(name) if name else "", mobile or "", email or ""))
