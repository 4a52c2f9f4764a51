"""Hostile files through the real ``studio import`` (not a dry run) into a live server: each one
is a clear message and exit 1, never a traceback, and nothing reaches the server or the import
journal (no partial write). The command runs with its address space capped at 1.5 GB, so that a
file that makes the reader inflate, expand or allocate without bound fails the test instead of
the machine (bounded memory, checked by the kernel rather than a clock)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from importers.column_letters import column_name
from studio.importing.run import imports
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import open_workspace
from tests.helpers.server import LiveServer, run_server
from tests.helpers.workbooks import LAUGHS, edit_part, write_xlsx

MEMORY_CAP = 1536 * 1024 * 1024
COMMAND = (sys.executable, "-m", "studio", "import")
ROWS = [["客户名称", "手机"], ["张三", "13800138000"], ["李四", "13912345678"]]


def _zip_bomb(tmp: Path) -> Path:
    bomb = tmp / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh,
    ):
        for _ in range(300):  # 300 MB of zeros, a few hundred KB packed
            fh.write(b"\0" * (1 << 20))
    return bomb


def _xml_bomb(tmp: Path) -> Path:
    import re

    small = write_xlsx(tmp / "s.xlsx", ROWS)
    return edit_part(
        small,
        tmp / "laughs.xlsx",
        "xl/sharedStrings.xml",
        lambda d: LAUGHS + re.sub(rb"^<\?xml[^>]*\?>", b"", d).replace("张三".encode(), b"&lol9;"),
    )


def _encrypted(tmp: Path) -> Path:
    ole = tmp / "locked.xlsx"  # what Excel writes for a password-protected workbook: OLE
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return ole


def _corrupt(tmp: Path) -> Path:
    garbage = tmp / "corrupt.xlsx"
    garbage.write_bytes(b"PK\x03\x04" + os.urandom(2048))
    return garbage


def _wide(tmp: Path) -> Path:
    return write_xlsx(tmp / "wide.xlsx", [[f"c{i}" for i in range(5000)], ["x"] * 5000])


def _noise_csv(tmp: Path) -> Path:
    noise = tmp / "noise.csv"
    noise.write_bytes(bytes(range(256)) * 40)
    return noise


def _truncated(tmp: Path) -> Path:
    whole = write_xlsx(tmp / "whole.xlsx", ROWS * 200)
    cut = tmp / "truncated.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return cut


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip bomb": (_zip_bomb, "zip bomb"),
    "XML bomb": (_xml_bomb, "XML bomb"),
    "encrypted": (_encrypted, "password"),
    "corrupt": (_corrupt, "not a readable workbook"),
    "truncated download": (_truncated, "not a readable workbook"),
    "5,000 columns": (_wide, "columns"),
    "unknown encoding": (_noise_csv, "encoding cannot be recognised"),
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_server(data_dir=tmp_path / "server", approvers=None) as live:
        yield live


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_one_clear_line_and_writes_nothing(
    tmp_path: Path, server: LiveServer, name: str
) -> None:
    make, said = HOSTILE[name]
    path = make(tmp_path)
    ws = init_workspace(tmp_path / "w.db", sample=True)
    target = ws.target
    ws.close()
    env = {
        **os.environ,
        "STUDIO_SERVER_URL": server.base_url,
        "STUDIO_SERVER_TOKEN": server.token,
        "STUDIO_LANG": "en",
    }
    errors = ("--errors", str(tmp_path / "errors.xlsx"))
    result = subprocess.run(
        [*COMMAND, str(path), "--entity", "customer", "-w", target, "--user", "lin", *errors],
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard only: the test is about the answer, not the time
        env=env,
        preexec_fn=_cap_memory,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert said in result.stderr, result.stderr
    with server.client() as c:
        assert c.get("/api/v1/records/customer").json()["records"] == []
    ws = open_workspace(target)
    try:
        assert imports(ws) == []  # no journal: nothing to resume or revert
    finally:
        ws.close()
    assert not (tmp_path / "errors.xlsx").exists()  # no half-written error workbook


def _formatted_sheet(tmp: Path) -> Path:
    """A whole sheet formatted: a row element for each of 1,048,576 rows, a styled empty cell in
    each of 5,000 columns; and a dimension tag claiming A1:XFD1048576."""
    import re

    small = write_xlsx(tmp / "s.xlsx", ROWS)
    letters = [column_name(i) for i in range(2, 5000)]
    styled = "".join(f'<c r="{col}3" s="0"/>' for col in letters).encode()
    empty_rows = b"".join(b'<row r="%d" s="0" customFormat="1"/>' % r for r in range(4, 1048577))

    def formatted(sheet: bytes) -> bytes:
        sheet = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
        sheet = sheet.replace(b"</c></row></sheetData>", b"</c>" + styled + b"</row></sheetData>")
        return sheet.replace(b"</sheetData>", empty_rows + b"</sheetData>")

    return edit_part(small, tmp / "formatted.xlsx", "xl/worksheets/sheet1.xml", formatted)


GOOD = {"plain": lambda tmp: write_xlsx(tmp / "good.xlsx", ROWS), "formatted": _formatted_sheet}


@pytest.mark.parametrize("name", list(GOOD))
def test_good_rows_in_a_hostile_layout_import_under_the_cap(
    tmp_path: Path, server: LiveServer, name: str
) -> None:
    """The cap is no trap of its own: a good workbook imports under it, and so do its two rows
    in a sheet formatted to the last row and column with a bogus dimension tag."""
    path = GOOD[name](tmp_path)
    ws = init_workspace(tmp_path / "w.db", sample=True)
    target = ws.target
    ws.close()
    env = {**os.environ, "STUDIO_SERVER_URL": server.base_url, "STUDIO_SERVER_TOKEN": server.token}
    result = subprocess.run(
        [*COMMAND, str(path), "--entity", "customer", "-w", target, "--user", "lin"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        preexec_fn=_cap_memory,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    with server.client() as c:
        records = c.get("/api/v1/records/customer").json()["records"]
    assert sorted(r["name"] for r in records) == ["张三", "李四"]


def test_an_error_workbook_into_a_missing_folder_is_said_before_anything_is_written(
    tmp_path: Path, server: LiveServer
) -> None:
    """It was found only after the import had written every record: exit 1 and the records
    in, with no error workbook."""
    ws = init_workspace(tmp_path / "w.db", sample=True)
    target = ws.target
    ws.close()
    env = {
        **os.environ,
        "STUDIO_SERVER_URL": server.base_url,
        "STUDIO_SERVER_TOKEN": server.token,
        "STUDIO_LANG": "zh_CN",
    }
    errors = tmp_path / "没有 这个目录" / "errors.xlsx"
    source = write_xlsx(tmp_path / "good.xlsx", ROWS)
    args = ["--entity", "customer", "-w", target, "--user", "lin", "--errors", str(errors)]
    result = subprocess.run(
        [*COMMAND, str(source), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"文件夹 {errors.parent} 不存在" in result.stderr, result.stderr
    with server.client() as c:
        assert c.get("/api/v1/records/customer").json()["records"] == []
