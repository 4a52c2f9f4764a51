"""The shortcuts the speed work took give what the long way gives: NFKC of only the values that
may change, the connected components of the automatic merges by gathers instead of joins, and
the transposed-digit test on only the pairs that can hold one."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import polars as pl

from importers import link, link_blocking, link_judging
from importers.nfkc import MAY_CHANGE, nfkc


def test_every_character_the_shortcut_leaves_alone_is_its_own_nfkc() -> None:
    may_change = re.compile(MAY_CHANGE)
    kept = [chr(c) for c in range(sys.maxunicode + 1) if not may_change.match(chr(c))]
    assert len(kept) > 27_000  # ASCII and the CJK unified ideographs
    for ch in kept:
        assert unicodedata.normalize("NFKC", ch) == ch, hex(ord(ch))
        assert unicodedata.combining(ch) == 0, hex(ord(ch))


def test_nfkc_of_a_column_is_polars_nfkc_of_every_value() -> None:
    values = pl.Series(
        [
            "张三",
            "ＡＢＣ１２３",
            "abc",
            None,
            "张\u3000三",
            "㈱",
            "e\u0301",
            "１３８ ００１３",
            "",
            "張偉",
        ],
        dtype=pl.String,
    )
    assert nfkc(values).to_list() == values.str.normalize("NFKC").to_list()
    ascii_only = pl.Series(["abc", None, "13800138000"], dtype=pl.String)
    assert nfkc(ascii_only).to_list() == ascii_only.to_list()


def _union_find(edges: list[tuple[int, int]], n: int) -> list[int | None]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)  # the root is the smallest row of the component
    touched = {x for e in edges for x in e}
    return [find(x) if x in touched else None for x in range(n)]


def test_components_are_those_of_a_union_find() -> None:
    rnd = random.Random(4)
    for n, m in [(10, 0), (10, 4), (200, 150), (2_000, 1_900), (500, 2_000)]:
        edges = [tuple(sorted(rnd.sample(range(n), 2))) for _ in range(m)]
        # a chain in descending order needs the labels to travel the whole way
        edges += [(n - i - 2, n - i - 1) for i in range(min(30, n - 1))]
        frame = pl.DataFrame(edges, schema={"a": pl.Int64, "b": pl.Int64}, orient="row")
        assert link._components(frame, n).to_list() == _union_find(edges, n)


def test_transposed_digits_are_found_among_pairs_of_any_kind() -> None:
    left = ["13800138000", "13800138000", "13800138000", "13800138000", "1380013800", None]
    right = ["13800130800", "13800138000", "13800139000", "13800138009", "1380013080", "138"]
    left.append("+1380013800")
    right.append("+1380013080")
    feats = [
        link_blocking.features(pl.DataFrame({"name": ["张三"] * len(side), "mobile": side}))
        for side in (left, right)
    ]
    judged = link_judging.judge_pairs(feats[0], feats[1])
    # swapped 8 and 0 / the same / one digit changed / 9 apart, no swap / 10 digits / missing /
    # 11 characters with a + (not a mobile, but the test is on the characters)
    assert judged["mobile"].to_list() == [
        "close",
        "same",
        "different",
        "different",
        "different",
        "missing",
        "close",
    ]


def test_the_landline_patterns_on_values_with_a_trunk_zero_find_every_landline() -> None:
    from importers import phone

    values = pl.Series(
        [
            "13800138000",
            "0571 8766 4834",
            "(021)69914008",
            None,
            "+86 138 0013 8000",
            "010-80002668",  # not a number phonenumbers' fixed-line pattern admits
            "0086-13800138000",
            "not a number",
            "",
            "02112345678",
            "０５７１－８７６６４８３４",
        ],
        dtype=pl.String,
    )
    digits = pl.DataFrame({"d": values.str.normalize("NFKC").str.replace_all(phone.SEPARATORS, "")})
    every_value = digits.select(
        phone._mobile_of(pl.col("d")).alias("mobile"),
        phone._landline_of(pl.col("d")).alias("landline"),
    )
    assert phone.fast_paths(values).equals(every_value)
    assert phone.fast_paths(values)["landline"].drop_nulls().to_list() == [
        "0571-87664834",
        "021-69914008",
        "021-12345678",
        "0571-87664834",
    ]


def _link_frame() -> pl.DataFrame:
    """Rows of a messy workbook as the linkage reads them (raw values: the shortcuts must hold
    for any text), with namesakes in one company, mobiles of 11 characters that are no numbers,
    transposed digits, a shared mailbox and one mailbox name at two domains added."""
    from tests.helpers.messy_customers import generate

    rows = generate(400, seed=9).rows[1:]
    names = [r[0] for r in rows]
    mobiles = [r[1] for r in rows]
    emails = [r[2] for r in rows]
    companies = [r[3] for r in rows]
    extra = [
        ("张伟", "13800138000", "zhangwei@qq.com", "阿里巴巴"),
        ("张伟", "13800130800", "zw@163.com", "阿里巴巴"),  # transposed, other mailbox
        ("张伟", "13900139000", "zhangwei@163.com", "阿里巴巴"),  # mailbox name at another domain
        ("张伟", None, "sales@abc.com", "阿里巴巴"),
        ("张伟", "+1380013800", "sales@abc.com", "阿里巴巴"),  # shared mailbox
        ("张伟", "+1380013080", None, "阿里巴巴"),
        ("張偉", "1380013800x", None, "阿里巴巴"),
        ("Zhang Wei", "13800138000", None, None),
    ]
    for n, m, e, c in extra:
        names.append(n)
        mobiles.append(m)
        emails.append(e)
        companies.append(c)
    landlines = [("0571-8766483" + str(i % 3)) if i % 7 == 0 else None for i in range(len(names))]
    return pl.DataFrame(
        {
            "name": names,
            "mobile": mobiles,
            "email": emails,
            "company": companies,
            "credit_code": [None] * len(names),
            "landline": landlines,
        },
        schema={r: pl.String for r in link_blocking.ROLES},
    )


def test_the_sieve_leaves_out_only_pairs_that_get_no_decision() -> None:
    feat = link_blocking.features(_link_frame())

    def decided(pairs: pl.DataFrame) -> pl.DataFrame:
        judged = link_judging.judge_pairs(feat[pairs["a"]], feat[pairs["b"]])
        return pl.concat([pairs, judged], how="horizontal").filter(pl.col("decision").is_not_null())

    every = link_blocking.candidate_pairs(feat, sieve=False)
    sieved = link_blocking.candidate_pairs(feat)
    assert sieved.height < every.height  # it does leave pairs out (one name, two mobiles)
    assert sieved.join(every, on=["a", "b"], how="anti").height == 0
    assert decided(sieved).height > 0
    assert decided(sieved).equals(decided(every))
