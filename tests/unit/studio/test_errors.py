"""A project error carries a message key and its arguments; it reads in the language it is shown in."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.errors import StudioError, WorkspaceError
from studio.i18n import Message, set_language, tr
from studio.workspace.connection import open_workspace


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh_CN")
    try:
        yield
    finally:
        set_language("en")


def test_an_error_raised_in_chinese_reads_in_english_after_switching(
    tmp_path: Path, chinese: None
) -> None:
    missing = tmp_path / "nowhere.db"
    with pytest.raises(WorkspaceError) as err:
        open_workspace(str(missing))
    assert str(err.value).startswith("找不到工作区：")
    set_language("en")  # View › Language
    assert str(err.value).startswith("Workspace not found: ")
    assert err.value.key == "Workspace not found: {where}"
    assert str(missing) in str(err.value)


def test_an_error_raised_in_english_reads_in_chinese_after_switching(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as err:
        open_workspace(str(tmp_path / "nowhere.db"))
    assert str(err.value).startswith("Workspace not found: ")
    set_language("zh_CN")
    try:
        assert str(err.value).startswith("找不到工作区：")
    finally:
        set_language("en")


def test_a_message_argument_is_rendered_in_the_same_language(chinese: None) -> None:
    error = StudioError("The {what} key is empty.", what=Message("entity"))
    assert str(error) == "实体键不能为空。"
    assert error.render("en") == "The entity key is empty."


def test_tr_renders_now_and_a_message_when_shown(chinese: None) -> None:
    later = Message("Unknown user {user}.", user="wu")
    now = tr("Unknown user {user}.", user="wu")
    set_language("en")
    assert now == "未知用户 wu。"
    assert str(later) == "Unknown user wu." and f"{later}" == "Unknown user wu."


def test_an_error_survives_pickling_with_its_key_and_arguments() -> None:
    """As when it crosses a process boundary."""
    error = WorkspaceError("Workspace not found: {where}", where="/tmp/x.db")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is WorkspaceError and str(again) == str(error)
