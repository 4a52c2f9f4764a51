"""Every file the studio writes appears whole or not at all (``studio.atomic_file``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import atomic_file
from studio.errors import StudioError


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


def test_the_new_content_replaces_the_old_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    atomic_file.write_text(target, "新的内容")
    assert target.read_text(encoding="utf-8") == "新的内容"
    atomic_file.write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert _leftovers(tmp_path) == []


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "audit.xlsx"
    target.write_bytes(b"the previous export")
    with pytest.raises(RuntimeError), atomic_file.atomic_path(target) as tmp:
        tmp.write_bytes(b"half of a new ")
        raise RuntimeError("the writer crashed")
    assert target.read_bytes() == b"the previous export"
    assert _leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written_is_a_message_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "bundle.json"
    with pytest.raises(StudioError) as err:
        atomic_file.write_text(target, "{}")
    assert str(target) in str(err.value) and "Cannot write to" in str(err.value)
    assert not target.parent.exists()


def test_two_writers_of_one_target_use_their_own_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with atomic_file.atomic_path(target) as first, atomic_file.atomic_path(target) as second:
        assert first != second
        first.write_text("first", encoding="utf-8")
        second.write_text("second", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "first"  # the outer block finished last
    assert _leftovers(tmp_path) == []


def test_a_workbook_into_a_folder_that_is_not_there_is_a_message(tmp_path: Path) -> None:
    """xlsxwriter wraps the OSError in its own FileCreateError: ``studio template --out`` into
    a missing folder crashed ("an unexpected error") instead of saying so."""
    from importers.export import write_template
    from studio import i18n
    from studio.bundle.sample import sample_bundle

    target = tmp_path / "中文 目录" / "模板.xlsx"
    with pytest.raises(StudioError) as err:
        write_template(sample_bundle().entity("customer"), target, "zh_CN", version=None)
    assert str(err.value) == (
        f"Cannot write to {target}: the folder {target.parent} does not exist."
    )
    i18n.set_language("zh_CN")
    try:
        assert str(err.value) == f"无法写入 {target}：文件夹 {target.parent} 不存在。"
    finally:
        i18n.set_language("en")
