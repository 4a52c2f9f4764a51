"""Record linkage: which rows are one customer, which are perhaps one (for a person to decide),
and which are namesakes.

Candidate pairs come from blocking keys (polars ``group_by``: the same mobile; the same digits of a
mobile in any order, which finds one transposed digit; the same e-mail; the same credit code; the
same name with the same company, landline or mailbox name), never from comparing every row with
every other. Each candidate pair gets evidence per field and a score; the decision follows the
reports' rules (mobile the strong key, name and e-mail auxiliary), written out:

- merged automatically: the names agree (hanzi, traditional or pinyin in any order: ``names``) and
  the mobile is the same, or the personal (not shared) e-mail is the same, or the mobile differs by
  one transposed digit and something else agrees as well, or the landline is the same and is no
  switchboard (no other name is written with it in the file) or the extension is the same, and
  no other mailbox, mobile or credit code says otherwise;
- left to a person (``review_pairs``): one mobile or personal e-mail behind different names (family
  members, a shared switchboard), a transposed digit alone, or the same name with only the
  company, landline or mailbox name in common;
- never merged: different names behind one number or mailbox; a shared mailbox (sales@, hr@) is
  no evidence of one person. A person who changed jobs (same name and mobile, new company) stays
  one person: a different company is no evidence against.

Automatic merges are joined transitively, but never into a group whose names disagree. The
review list asks once about two records (their strongest pair), not once per pair of their rows.

The steps live in their own modules: ``importers.link_blocking`` (the keys and the candidate
pairs), ``importers.link_judging`` (the evidence and decision per pair); this module groups the
decided pairs and lists those left to a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from importers.link_blocking import KeyTables, candidate_pairs, features
from importers.link_judging import (
    COMPARED,
    DIFFERENT,
    EVIDENCE,
    MERGE,
    REVIEW,
    as_text,
    judge_codes,
    names_agree,
)
from importers.names import written_key


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
    said_apart = pairs.clear()
    if rejected and fingerprints is not None:
        keep = pl.Series(
            [
                frozenset((fingerprints[a], fingerprints[b])) not in rejected
                for a, b in zip(pairs["a"], pairs["b"], strict=True)
            ],
            dtype=pl.Boolean,
        )
        said_apart = pairs.filter(~keep)
        pairs = pairs.filter(keep)
    compared = feat.select(COMPARED)  # the rows of each pair: only what is compared
    judged = judge_codes(compared[pairs["a"]], compared[pairs["b"]])
    decided = pl.concat([pairs, judged], how="horizontal").filter(pl.col("decision").is_not_null())
    merges = decided.filter(pl.col("decision") == MERGE).select("a", "b", "score")
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
        inside = label.gather(merges["a"]).is_in(mixed.implode())
        strongest_first = merges.filter(inside).sort(
            ["score", "a", "b"], descending=[True, False, False]
        )
        group: dict[int, int | None] = {}
        refused = _replay_merges(strongest_first.select("a", "b"), name_key, group)
        # only the rows of those components change (no Python list of every row)
        final = label.clone().scatter(
            pl.Series(list(group), dtype=pl.Int64),
            pl.Series(list(group.values()), dtype=pl.Int64),
        )
    # each group's rows ascending (a group keeps the order of its rows), the groups in order of
    # their first row: disjoint groups sorted so are sorted as tuples are
    groups = (
        pl.LazyFrame({"x": pl.int_range(final.len(), eager=True), "g": final})
        .drop_nulls("g")
        .group_by("g")
        .agg("x")
        .filter(pl.col("x").list.len() > 1)
        .sort(pl.col("x").list.first())
        .select("x")
        .collect()
    )
    # review pairs (and merges refused above) whose rows did not end up in one group
    to_review = decided.filter(pl.col("decision") == REVIEW)
    if refused:
        again = pl.DataFrame(refused, schema={"a": pl.Int64, "b": pl.Int64}, orient="row")
        to_review = pl.concat(
            [to_review, decided.join(again, on=["a", "b"], how="semi")], how="vertical"
        )
    ga, gb = final.gather(to_review["a"]), final.gather(to_review["b"])
    apart = (ga.is_null() | gb.is_null() | (ga != gb)).fill_null(True)
    to_review = to_review.filter(apart).sort(["score", "a", "b"], descending=[True, False, False])
    to_review = _one_per_two_records(to_review, final, said_apart)
    review = as_text(to_review).select("a", "b", "score", *EVIDENCE)
    return LinkedFrames(groups=groups, review=review)


def _one_per_two_records(
    review: pl.DataFrame, group: pl.Series, said_apart: pl.DataFrame
) -> pl.DataFrame:
    """The strongest pair (``review`` is sorted so) between each two records: a person decides
    whether two records are one person once, not once per pair of their rows (a family behind
    one mobile, written three times each, is one question, not nine). Records of which a person
    said a pair of rows are not the same are not asked about again."""
    if review.height == 0:
        return review
    rows = pl.int_range(group.len(), eager=True, dtype=pl.Int64)
    record = pl.coalesce(group, rows)  # a row in no group is its own record

    def records(pairs: pl.DataFrame) -> pl.DataFrame:
        ra = record.gather(pairs["a"])
        rb = record.gather(pairs["b"])
        return pl.DataFrame(
            {
                "ra": pl.select(pl.min_horizontal(ra, rb)).to_series(),
                "rb": pl.select(pl.max_horizontal(ra, rb)).to_series(),
            }
        )

    keyed = pl.concat([review, records(review)], how="horizontal")
    if said_apart.height:
        keyed = keyed.join(records(said_apart).unique(), on=["ra", "rb"], how="anti")
    return keyed.unique(["ra", "rb"], keep="first", maintain_order=True).drop("ra", "rb")


def _components(edges: pl.DataFrame, n: int) -> pl.Series:
    """The connected component of each of ``n`` rows under ``edges`` (``a``, ``b``): the
    smallest row index in it, null for a row in no edge.

    Rounds of hooking and contracting, on one column of parents indexed by row (gathers and a
    scatter, no joins): each row is hooked to its smallest neighbour below it, the parents are
    followed to their roots (pointer jumping), and the edges are carried over to the roots,
    those inside one tree dropped. A root is never hooked to a larger row, so a component's
    root is its smallest row. Components are small (2 to 4 rows mostly), so a round or two
    leave no edge: ~3x cheaper at a million rows than spreading the labels along every edge
    until nothing changes."""
    out = pl.Series("label", [None] * n, dtype=pl.Int64)
    if edges.height == 0:
        return out
    a, b = edges["a"].cast(pl.Int64), edges["b"].cast(pl.Int64)
    parent = pl.int_range(n, eager=True, dtype=pl.Int64)
    pending = pl.DataFrame({"x": a, "y": b})
    while True:
        pending = (
            pending.filter(pl.col("x") != pl.col("y"))
            .select(pl.min_horizontal("x", "y").alias("a"), pl.max_horizontal("x", "y").alias("b"))
            .unique()
        )
        if pending.height == 0:
            break
        hooks = pending.group_by("b").agg(pl.col("a").min())
        parent = parent.scatter(hooks["b"], hooks["a"])  # b is a root: its tree moves with it
        while True:
            jumped = parent.gather(parent)
            if jumped.equals(parent):
                break
            parent = jumped
        pending = pl.DataFrame({"x": parent.gather(pending["a"]), "y": parent.gather(pending["b"])})
    nodes = pl.concat([a, b]).unique()
    return out.scatter(nodes, parent.gather(nodes))


def _replay_merges(
    merges: pl.DataFrame, keys: pl.Series, group: dict[int, int | None]
) -> list[tuple[int, int]]:
    """Union-find over ``merges`` (strongest first), never joining groups whose names disagree;
    writes the group (its root, or none) of each row of ``merges`` into ``group`` and returns
    the merges it refused."""
    rows = pl.concat([merges["a"], merges["b"]]).unique()
    name = dict(zip(rows.to_list(), keys.gather(rows).to_list(), strict=True))
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
        if na != nb and any(names_agree(x, y) == DIFFERENT for x in na for y in nb if x != y):
            refused.append((a, b))
            continue
        parent[rb] = ra
        parent.setdefault(ra, ra)
        names_of[ra] = na | nb
        names_of.pop(rb, None)
    for x in name:
        root = find(x)
        group[x] = root if root != x or x in parent else None
    return refused


def fingerprint(name: str | None, mobile: str | None, email: str | None) -> str:
    """What a "not the same" decision is remembered by: the person as the linkage saw them
    (the name by ``written_key``: decisions stored before titles were left out still hold)."""
    return "|".join((written_key(name) if name else "", mobile or "", email or ""))
