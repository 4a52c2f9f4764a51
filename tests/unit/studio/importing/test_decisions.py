"""What the studio remembers between imports: the mapping a person confirmed for a workbook with
the same headers, and "not the same" decisions on review pairs."""

from __future__ import annotations

from pathlib import Path

from importers.link import fingerprint
from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from studio.importing.decisions import (
    not_same_pairs,
    remember_not_same,
    save_mapping,
    saved_mapping,
)
from studio.workspace.connection import open_workspace
from tests.helpers.workbooks import write_xlsx

CUSTOMER = sample_bundle().entity("customer")
ROWS = [
    ["客户名称", "联络号码", "邮箱"],
    ["李雷", "13700001111", "lilei@example.com"],
    ["韩梅梅", "137 0000 1111", "han@example.com"],
]


def test_a_confirmed_mapping_is_offered_again_for_the_same_headers(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    ws = open_workspace(str(sample_workspace_path))
    try:
        path = write_xlsx(tmp_path / "a.xlsx", ROWS)
        first = dry_run(path, CUSTOMER, saved=lambda h: saved_mapping(ws, "customer", h))
        assert first.mapping.field_of("联络号码") is None  # not a title it knows
        chosen = {**first.mapping.as_dict(), "联络号码": "mobile"}
        save_mapping(ws, "customer", first.table.headers, chosen)
        again = dry_run(
            write_xlsx(tmp_path / "b.xlsx", ROWS),
            CUSTOMER,
            saved=lambda h: saved_mapping(ws, "customer", h),
        )
        assert again.mapping.field_of("联络号码") == "mobile"
        assert saved_mapping(ws, "contact", first.table.headers) is None
    finally:
        ws.close()


def test_a_pair_said_not_the_same_is_not_asked_again(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    ws = open_workspace(str(sample_workspace_path))
    try:
        rows = [["客户名称", "手机", "邮箱"], *[[r[0], r[1], r[2]] for r in ROWS[1:]]]
        path = write_xlsx(tmp_path / "a.xlsx", rows)
        plan = dry_run(path, CUSTOMER, not_same=not_same_pairs(ws, "customer"))
        assert [p[:2] for p in plan.review_pairs] == [(2, 3)]
        remember_not_same(
            ws,
            "customer",
            fingerprint("李雷", "13700001111", "lilei@example.com"),
            fingerprint("韩梅梅", "13700001111", "han@example.com"),
        )
        again = dry_run(path, CUSTOMER, not_same=not_same_pairs(ws, "customer"))
        assert again.review_pairs == [] and again.imported == 2
    finally:
        ws.close()


def test_a_pair_said_apart_before_titles_were_left_out_stays_apart(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    """张三先生 and 张三 on one mobile now merge (a title is not the name). A person who said
    they are two people, when the studio still asked, stored the pair as the names were
    written; that decision still keeps them apart, and nothing is merged against it."""
    ws = open_workspace(str(sample_workspace_path))
    try:
        rows = [["客户名称", "手机"], ["张三先生", "13800138000"], ["张三", "138 0013 8000"]]
        path = write_xlsx(tmp_path / "a.xlsx", rows)
        assert dry_run(path, CUSTOMER).groups == [[2, 3]]
        # the fingerprints as the studio stored them then: the names' keys with the title
        remember_not_same(
            ws, "customer", "san sheng xian zhang|13800138000|", "san zhang|13800138000|"
        )
        apart = dry_run(path, CUSTOMER, not_same=not_same_pairs(ws, "customer"))
        assert apart.groups == [] and apart.review_pairs == [] and apart.imported == 2
        assert fingerprint("张三先生", "13800138000", None) == "san sheng xian zhang|13800138000|"
    finally:
        ws.close()
