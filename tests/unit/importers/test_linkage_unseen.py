"""Issue 16's linkage targets on a workbook generated independently of the linkage
(``tests/helpers/unseen_customers.py``, written without reading importers/link*.py, names.py,
clean*.py or phone.py): several salespeople's habits (pinyin in every order and case, traditional
characters from a Hong Kong or Taiwan CRM, 张\u3000三 padded with a full-width space, "+86"/"0086"/
"（86）"/full-width digits, mobiles kept as Excel numbers, "13800138000 微信同号"), landline-only rows
with extensions, domain typos, short and full company names, valid credit codes, job changes, and
the traps: namesakes, a family behind one mobile, shared sales@/hr@ mailboxes, a shared
switchboard, consecutive company-issued mobiles, 张三 beside 张三丰.

What the truth leaves out, because a careful person could dispute it from the sheet alone: a row
whose mobile has a mistyped last digit (not the transposition the issue tolerates) with nothing
else tying it to its person, "张总"/"Tony Zhang" for 张三, a mobile written only in the 座机
column (the customer entity has no field for it), and a row sharing no contact with the rest of
its person's rows. Their pairs are neither rewarded nor punished; ``score(...).debatable`` counts
what became of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.unseen_customers import Unseen, generate, score
from tests.helpers.workbooks import accounting_holds, write_xlsx

SEEDS = [1, 2, 3]


def _report(tmp_path: Path, unseen: Unseen) -> dict:
    path = write_xlsx(tmp_path / "unseen.xlsx", unseen.rows)
    return dry_run(path, sample_bundle().entity("customer")).report("en")


@pytest.mark.parametrize("seed", SEEDS)
def test_linkage_meets_the_targets_on_an_unseen_workbook(tmp_path: Path, seed: int) -> None:
    unseen = generate(1500, seed=seed)
    assert all(unseen.traps.values())  # every kind of trap is in the data
    report = _report(tmp_path, unseen)
    assert accounting_holds(report)
    found = score(unseen, report)
    assert found.traps_merged == 0, found
    assert found.precision >= 0.99, found
    assert found.recall >= 0.95, found
    assert found.recall_with_review >= 0.97, found
    assert found.review_share < 0.10, found


@pytest.mark.parametrize("seed", SEEDS)
def test_every_row_a_person_can_read_is_kept(tmp_path: Path, seed: int) -> None:
    """Nothing in the workbook is unreadable to a person ("13800138000 微信同号", a mobile and a
    landline in one cell, "0571-8888 1234 转 801"): no row is rejected, since a row with only a
    phone is never dropped."""
    unseen = generate(1500, seed=seed)
    report = _report(tmp_path, unseen)
    assert accounting_holds(report)
    assert report["rejections"] == [], report["rejections"][:10]


@pytest.mark.parametrize("seed", SEEDS)
def test_people_behind_one_mobile_are_asked_about(tmp_path: Path, seed: int) -> None:
    """Two people writing one mobile stay two and appear in the review list."""
    unseen = generate(1500, seed=seed)
    assert unseen.families
    found = score(unseen, _report(tmp_path, unseen))
    assert found.traps_by_kind.get("shared_mobile", 0) == 0, found
    assert found.families_in_review == 1.0, found


# What the unseen workbook found, each as the smallest sheet that shows it.


def _plan(tmp_path: Path, rows: list[list[str | None]]) -> Any:
    path = write_xlsx(tmp_path / "small.xlsx", [["客户姓名", "手机", "邮箱"], *rows])
    return dry_run(path, sample_bundle().entity("customer"))


def test_a_number_with_a_note_beside_it_is_that_number(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000 微信同号", None],
            ["张三", "138-0013-8000（微信同号）", None],
            ["李四", "13900139000/0571-8888 1234 转 801", None],
        ],
    )
    assert plan.rejected == 0 and plan.groups == [[2, 3]]
    assert plan.values["mobile"].to_list() == ["13800138000", "13800138000", "13900139000"]
    assert plan.landlines == {4: "0571-88881234 ext. 801"}  # kept beside the mobile


def test_mail_typed_with_a_chinese_input_method_is_read(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["陈秀云", None, "xiuyun。chen@shengzhong.cn"],
            ["陈秀云", None, "XIUYUN.CHEN@SHENGZHONG.CN"],
            ["赵六", None, "zhaoliu@qq,com"],
            ["赵六", None, "zhaoliu@qq.com"],
        ],
    )
    assert plan.rejected == 0 and plan.groups == [[2, 3], [4, 5]]
    assert plan.cleaning["email"]["email_domain_typo"] == 1


def test_a_passport_spelling_of_u_is_the_same_name(tmp_path: Path) -> None:
    plan = _plan(tmp_path, [["吕斌", "13800138000", None], ["LYU Bin", "+86 138 0013 8000", None]])
    assert plan.groups == [[2, 3]]


def test_the_same_name_on_a_direct_line_merges_and_on_a_switchboard_is_asked(
    tmp_path: Path,
) -> None:
    """A landline written with one name only is that person's line: the same name on it is one
    person. A landline written with two names is a switchboard: two 张伟 on it are asked about
    (one question), unless their extensions agree."""
    plan = _plan(
        tmp_path,
        [
            ["阎红霞", "0574-6512 7568", None],
            ["閻紅霞", "(0574)65127568", None],
            ["张伟", "0571-8888 1234", None],
            ["张伟", "0571-88881234", None],
            ["李娜", "057188881234", None],
            ["王芳", "0571-8888 1234 转 801", None],
            ["王芳", "0571-88881234-801", None],
        ],
    )
    assert plan.groups == [[2, 3], [7, 8]]
    assert [p[:2] for p in plan.review_pairs] == [(4, 5)]


def test_two_records_are_one_question(tmp_path: Path) -> None:
    """A family behind one mobile, each written three times: one pair to review, not nine."""
    rows: list[list[str | None]] = [
        ["刘强", "13812345678", "liuqiang@163.com"],
        ["Liu Qiang", "138 1234 5678", None],
        ["劉強", "+86 13812345678", None],
        ["王丽", "13812345678", "wangli@qq.com"],
        ["王丽", "138-1234-5678", None],
        ["Wang Li", "13812345678", None],
    ]
    plan = _plan(tmp_path, rows)
    assert plan.groups == [[2, 3, 4], [5, 6, 7]]
    assert len(plan.review_pairs) == 1
    a, b, _score = plan.review_pairs[0]
    assert {a in (2, 3, 4), b in (5, 6, 7)} == {True}


def test_two_records_said_apart_are_not_asked_again_through_other_rows() -> None:
    """The one question between two records is answered for both: "not the same" said of the
    pair shown keeps the records apart, and no other pair of their rows is asked next time."""
    import polars as pl

    from importers.link import fingerprint, link

    frame = pl.DataFrame(
        {
            "name": ["刘强", "Liu Qiang", "王丽", "王丽"],
            "mobile": ["13812345678"] * 4,
            "email": ["liuqiang@163.com", None, "wangli@qq.com", None],
        }
    )
    prints = [fingerprint(n, m, e) for n, m, e in frame.iter_rows()]
    first = link(frame)
    assert first.groups == ((0, 1), (2, 3)) and len(first.review) == 1
    shown = first.review[0]
    again = link(frame, not_same=[(prints[shown.a], prints[shown.b])], fingerprints=prints)
    assert again.groups == ((0, 1), (2, 3)) and again.review == ()
