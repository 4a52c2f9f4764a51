"""An audit entry's details in words, in the reader's language: "Sample content: yes" and
"示例内容：是", never "sample: true"."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.audit.details import details_words
from studio.i18n import set_language
from studio.workspace.connection import open_workspace
from widgets.audit.log_model import read_log


@pytest.fixture
def chinese():  # type: ignore[no-untyped-def]
    set_language("zh_CN")
    yield
    set_language(None)


def _created(path: Path) -> str:
    ws = open_workspace(str(path))
    try:
        rows = read_log(ws)
    finally:
        ws.close()
    return next(r[4] for r in rows if r[2] in ("workspace created", "创建工作区"))


def test_the_log_says_a_sample_workspace_in_words(sample_workspace_path: Path) -> None:
    set_language("en")
    try:
        text = _created(sample_workspace_path)
    finally:
        set_language(None)
    assert "Sample content: yes" in text
    assert "true" not in text and "sample:" not in text


def test_the_log_says_it_in_chinese(sample_workspace_path: Path, chinese: None) -> None:
    text = _created(sample_workspace_path)
    assert "示例内容：是" in text
    assert "true" not in text and "sample" not in text and "bundle_sha256" not in text


def test_values_in_words(chinese: None) -> None:
    text = str(
        details_words(
            {
                "kept_fields": ["customer.fax", "lead.wechat"],
                "comment": None,
                "replaced_altered_copy": False,
                "version": 3,
                "bundle_sha256": "a" * 64,
                "something_new": "x",
            }
        )
    )
    assert "保留（已停用并隐藏）的字段：customer.fax、lead.wechat" in text
    assert "意见：—" in text and "替换了被篡改的副本：否" in text and "版本：v3" in text
    assert "配置包：aaaaaaaaaaaa…" in text
    assert "something_new：x" in text  # a detail of a later version, as it is
    assert "；" in text and "; " not in text


def test_values_in_english() -> None:
    set_language("en")
    try:
        text = str(details_words({"replay": {"replayed": 120, "to_no_owner": 3}, "cells": 2}))
    finally:
        set_language(None)
    assert text == "Cells changed: 2; Impact replay: records replayed 120, to no owner 3"
