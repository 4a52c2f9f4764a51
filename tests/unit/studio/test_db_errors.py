"""A database driver's refusal said in words of the person's language, the driver's English
only as a detail, never a password: real drivers (psycopg, pymysql, sqlite3) against a closed
port on loopback or a missing file."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pymysql
import pytest

from studio.db_errors import driver_cause, driver_detail, driver_reason
from studio.errors import StudioError
from studio.i18n import Message, set_language
from studio.scan.connect import ScanError, open_readonly
from studio.workspace.connection import open_workspace

SECRET = "s3cret-Pa55"


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh_CN")
    yield
    set_language(None)


def test_a_local_postgresql_that_is_not_running_is_not_called_a_missing_file(
    tmp_path: Path,
) -> None:
    """psycopg says the socket file is missing ("No such file or directory"): that is a server
    not running, not a database file to look for."""
    with pytest.raises(ScanError) as caught:
        open_readonly(f"postgresql+psycopg://crm:{SECRET}@/crm?host={tmp_path}")
    text = str(caught.value)
    assert "refused the connection" in text and "file" not in text.split("(the driver")[0]
    assert SECRET not in text


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "mysql+pymysql"])
def test_a_refused_connection_is_said_in_chinese(
    closed_port: int, chinese: None, scheme: str
) -> None:
    with pytest.raises(ScanError) as caught:
        open_readonly(f"{scheme}://crm:{SECRET}@127.0.0.1:{closed_port}/crm")
    text = str(caught.value)
    assert text.startswith("无法连接")
    assert "服务器拒绝连接" in text and "驱动程序原文：" in text
    # The driver's English comes after the words, as their detail only.
    assert text.index("服务器拒绝连接") < text.index("驱动程序原文")
    assert SECRET not in text


def test_a_team_workspace_that_does_not_answer_is_said_in_chinese(
    closed_port: int, chinese: None
) -> None:
    with pytest.raises(StudioError) as caught:
        open_workspace(f"postgresql+psycopg://studio:{SECRET}@127.0.0.1:{closed_port}/ws")
    text = str(caught.value)
    assert "服务器拒绝连接" in text and SECRET not in text


def test_the_common_causes_of_real_driver_errors() -> None:
    def cause(exc: BaseException) -> str:
        found = driver_cause(exc)
        return found.render("zh_CN") if found is not None else ""

    assert cause(
        psycopg.OperationalError('FATAL:  password authentication failed for user "crm"')
    ) == ("服务器拒绝了用户名或密码")
    assert cause(pymysql.err.OperationalError(1045, "Access denied for user 'crm'@'x'")) == (
        "服务器拒绝了用户名或密码"
    )
    assert cause(psycopg.OperationalError('FATAL:  database "crm2" does not exist')) == (
        "服务器上没有这个数据库"
    )
    assert cause(pymysql.err.OperationalError(1049, "Unknown database 'crm2'")) == (
        "服务器上没有这个数据库"
    )
    # A missing table is not a missing database.
    assert cause(psycopg.errors.UndefinedTable('relation "lead" does not exist')) == ""
    assert cause(psycopg.OperationalError("connection timeout expired")) == (
        "数据库未在规定时间内响应"
    )
    assert cause(pymysql.err.OperationalError(3024, "Query execution was interrupted")) == (
        "数据库未在规定时间内响应"
    )
    with pytest.raises(sqlite3.OperationalError) as missing:
        sqlite3.connect(f"file:{Path('/nonexistent/dir/crm.db')}?mode=ro", uri=True)
    assert cause(missing.value) == "找不到或无法打开数据库文件"


def test_a_password_in_the_drivers_text_is_never_repeated() -> None:
    exc = psycopg.OperationalError(
        f"invalid dsn: host=db password={SECRET} dbname=crm; url postgresql://crm:{SECRET}@db/crm"
    )
    detail = driver_detail(exc)
    assert SECRET not in detail and "password=***" in detail and "crm:***@db" in detail
    reason = driver_reason(exc)
    assert SECRET not in reason.render("en") and SECRET not in reason.render("zh_CN")
    assert reason.render("en").startswith("the database answered with an error (the driver said:")
    assert isinstance(reason, Message)
