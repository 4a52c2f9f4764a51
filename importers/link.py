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
    names = frame["name"].unique().drop_nulls().to_list()
    keys = pl.Series([name_key(n) for n in names], dtype=pl.String)
    companies = frame["company"].unique().drop_nulls().to_list()
    ckeys = pl.Series([company_key(c) for c in companies], dtype=pl.String)
    return frame.with_columns(
        pl.col("name")
        .replace_strict(pl.Series(names, dtype=pl.String), keys, default=None)
        .replace("", None)
        .alias("name_key"),
        pl.col("company")
        .replace_strict(pl.Series(companies, dtype=pl.String), ckeys, default=None)
        .replace("", None)
        .alias("company_key"),
        pl.col("email").str.extract(r"^([^@]+)@", 1).alias("local"),
        pl.col("mobile").str.split("").list.sort().list.join("").alias("mobile_digits"),
    ).with_columns(
        pl.col("local").is_in(sorted(SHARED_MAILBOXES)).fill_null(False).alias("shared_mailbox"),
    )


def _blocks(feat: pl.DataFrame) -> set[tuple[int, int]]:
    """Candidate pairs (i < j) from every blocking key."""
    idx = feat.with_row_index("i")
    personal_email = pl.when(~pl.col("shared_mailbox")).then(pl.col("email"))
    keys: list[list[pl.Expr]] = [
        [pl.col("mobile")],
        [pl.col("mobile_digits")],
        [personal_email.alias("email_personal")],
        [pl.col("email")],
        [pl.col("credit_code"), pl.col("name_key")],
        [pl.col("name_key"), pl.col("company_key")],
        [pl.col("name_key"), pl.col("landline")],
        [pl.col("name_key"), pl.col("local")],
    ]
    pairs: set[tuple[int, int]] = set()
    for exprs in keys:
        grouped = (
            idx.select(pl.col("i"), *exprs)
            .drop_nulls()
            .group_by(pl.exclude("i"))
            .agg(pl.col("i"))
            .filter(pl.col("i").list.len().is_between(2, MAX_BLOCK))
        )
        for members in grouped["i"].to_list():
            members = sorted(members)
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    return pairs


def _names_agree(k1: str | None, k2: str | None) -> str:
    if not k1 or not k2:
        return MISSING
    if k1 == k2:
        return SAME
    from rapidfuzz import fuzz

    # one mistyped letter in pinyin, or a syllable missing from one of them
    a, b = k1.replace(" ", ""), k2.replace(" ", "")
    if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 88:
        return CLOSE
    s1, s2 = set(k1.split()), set(k2.split())
    if len(s1) >= 2 and len(s2) >= 2 and (s1 <= s2 or s2 <= s1) and abs(len(s1) - len(s2)) == 1:
        return CLOSE
    return DIFFERENT


def _same(x: object, y: object) -> str:
    if x is None or y is None:
        return MISSING
    return SAME if x == y else DIFFERENT


def judge(r1: dict[str, object], r2: dict[str, object]) -> tuple[str | None, float, dict[str, str]]:
    """(decision or ``None``, score in [0, 1], evidence per field) for two feature rows."""
    ev: dict[str, str] = {}
    ev["name"] = _names_agree(r1["name_key"], r2["name_key"])  # type: ignore[arg-type]
    m1, m2 = r1["mobile"], r2["mobile"]
    ev["mobile"] = _same(m1, m2)
    transposed = (
        ev["mobile"] == DIFFERENT
        and isinstance(m1, str)
        and isinstance(m2, str)
        and one_transposition(m1, m2)
    )
    if transposed:
        ev["mobile"] = CLOSE
    ev["email"] = _same(r1["email"], r2["email"])
    shared_mailbox = bool(r1["shared_mailbox"]) or bool(r2["shared_mailbox"])
    local_same = (
        r1["local"] is not None
        and r1["local"] == r2["local"]
        and not shared_mailbox
        and len(str(r1["local"])) >= 4
    )
    if ev["email"] == DIFFERENT and local_same:
        ev["email"] = CLOSE
    ev["company"] = _same(r1["company_key"], r2["company_key"])
    ev["credit_code"] = _same(r1["credit_code"], r2["credit_code"])
    ev["landline"] = _same(r1["landline"], r2["landline"])

    name_ok = ev["name"] in (SAME, CLOSE)
    name_strong = ev["name"] == SAME
    names_clash = ev["name"] == DIFFERENT
    mobile_same = ev["mobile"] == SAME
    email_personal = ev["email"] == SAME and not shared_mailbox
    support = sum(
        (
            ev["email"] in (SAME, CLOSE) and not shared_mailbox,
            ev["company"] == SAME,
            ev["credit_code"] == SAME,
            ev["landline"] == SAME,
        )
    )
    weights = {
        "name": {SAME: 4.0, CLOSE: 2.0, DIFFERENT: -6.0},
        "mobile": {SAME: 5.0, CLOSE: 3.0, DIFFERENT: -1.5},
        "email": {SAME: 0.5 if shared_mailbox else 4.0, CLOSE: 1.5, DIFFERENT: -0.5},
        "company": {SAME: 1.0},
        "credit_code": {SAME: 1.0},
        "landline": {SAME: 1.5},
    }
    raw = sum(weights[f].get(v, 0.0) for f, v in ev.items())
    score = round(max(0.0, min(1.0, (raw + 6.0) / 20.0)), 3)

    decision: str | None = None
    if (
        (name_strong and (mobile_same or email_personal))
        or (name_ok and mobile_same and email_personal)
        or (name_strong and transposed and support >= 1)
    ):
        decision = "merge"
    elif name_ok and (mobile_same or email_personal or transposed):
        decision = "review"
    elif names_clash and (mobile_same or email_personal):
        decision = "review"  # one number or mailbox, two names: a person decides
    elif ev["name"] == MISSING and (mobile_same and email_personal):
        decision = "merge"
    elif (ev["name"] == MISSING and (mobile_same or email_personal)) or (
        name_strong
        and (ev["company"] == SAME or ev["landline"] == SAME or ev["email"] == CLOSE)
        and ev["mobile"] != DIFFERENT
    ):
        decision = "review"
    return decision, score, ev


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
    pairs = _blocks(feat)
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
    data = feat.select(cols).to_dict(as_series=False)
    rejected = {frozenset(p) for p in not_same}
    merges: list[Pair] = []
    review: list[Pair] = []
    for a, b in sorted(pairs):
        if fingerprints is not None and frozenset((fingerprints[a], fingerprints[b])) in rejected:
            continue
        r1 = {c: data[c][a] for c in cols}
        r2 = {c: data[c][b] for c in cols}
        decision, score, ev = judge(r1, r2)
        if decision == "merge":
            merges.append(Pair(a, b, score, decision, ev))
        elif decision == "review":
            review.append(Pair(a, b, score, decision, ev))

    # union-find over automatic merges, strongest first, never joining disagreeing names
    parent = list(range(feat.height))
    names_of: dict[int, set[str]] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys = data["name_key"]
    kept: list[Pair] = []
    for pair in sorted(merges, key=lambda p: (-p.score, p.a, p.b)):
        ra, rb = find(pair.a), find(pair.b)
        if ra == rb:
            kept.append(pair)
            continue
        na = names_of.get(ra, {keys[ra]} if keys[ra] else set())
        nb = names_of.get(rb, {keys[rb]} if keys[rb] else set())
        if any(_names_agree(x, y) == DIFFERENT for x in na for y in nb):
            review.append(Pair(pair.a, pair.b, pair.score, "review", pair.evidence))
            continue
        parent[rb] = ra
        names_of[ra] = na | nb
        names_of.pop(rb, None)
        kept.append(pair)
    members: dict[int, list[int]] = {}
    for i in range(feat.height):
        members.setdefault(find(i), []).append(i)
    groups = tuple(sorted(tuple(sorted(m)) for m in members.values() if len(m) > 1))
    # a pair whose rows ended up in one group needs no decision any more
    open_review = tuple(
        sorted(
            (p for p in review if find(p.a) != find(p.b)),
            key=lambda p: (-p.score, p.a, p.b),
        )
    )
    return Linkage(groups=groups, review=open_review, merges=tuple(kept))


def fingerprint(name: str | None, mobile: str | None, email: str | None) -> str:
    """What a "not the same" decision is remembered by: the person as the linkage saw them."""
    return "|".join((name_key(name) if name else "", mobile or "", email or ""))
