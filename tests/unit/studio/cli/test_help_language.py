"""``studio --help`` speaks the studio's language: every command's and option's help has its
Chinese, and a Chinese admin reads it whole (Typer's own words included)."""

from __future__ import annotations

import os
import subprocess
import sys

import typer.main

from studio.cli import app
from studio.cli.help import TYPER_WORDS, help_texts
from studio.i18n import entries


def test_every_help_text_has_its_chinese() -> None:
    chinese = {e.en for e in entries() if e.context == "cli_help"}
    texts = help_texts(typer.main.get_command(app))
    assert len(texts) > 50
    missing = sorted({t for t in texts if t not in chinese})
    assert missing == [], "add these to studio/i18n/cli_help.py"
    # and nothing stale: each entry is a help text, Typer's own words or the --help option's
    extra = {"Show this message and exit.", *TYPER_WORDS.values()}
    assert sorted(chinese - set(texts) - extra) == []


def _help(lang: str, *args: str) -> str:
    env = {**os.environ, "STUDIO_LANG": lang, "COLUMNS": "120"}
    done = subprocess.run(
        [sys.executable, "-m", "studio", *args, "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_help_in_chinese_and_in_english() -> None:
    zh = _help("zh_CN", "change", "submit")
    assert "将草稿冻结为变更请求" in zh and "变更的内容。" in zh
    assert "选项" in zh and "[必填]" in zh and "显示本帮助并退出。" in zh
    assert "Show this message" not in zh and "Freeze the draft" not in zh
    en = _help("en", "change", "submit")
    assert "Freeze the draft into a change request" in en and "Show this message and exit." in en
    assert "将草稿" not in en
    top = _help("zh_CN")
    assert "变更请求：提交、审批、推送、回滚。" in top and "命令" in top
