"""When Qt's window system cannot load, the studio says so in one line with the fix, and exits 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio import i18n
from studio.qt_preflight import platform_problem, xcb_plugin_path

LINUX_DESKTOP = {"DISPLAY": ":0"}


def _missing(library: str):
    def load(path: Path) -> None:
        raise OSError(f"{library}: cannot open shared object file: No such file or directory")

    return load


def test_a_missing_xcb_library_names_the_package_to_install() -> None:
    message = platform_problem(LINUX_DESKTOP, "linux", _missing("libxcb-cursor.so.0"))
    assert message is not None
    assert "\n" not in message
    assert "libxcb-cursor.so.0" in message
    assert message.endswith("sudo apt-get install -y libxcb-cursor0")


def test_an_unknown_missing_library_is_still_named_in_one_line() -> None:
    message = platform_problem(LINUX_DESKTOP, "linux", _missing("libfancy-gpu.so.7"))
    assert message is not None and "\n" not in message
    assert "libfancy-gpu.so.7" in message


def test_no_display_is_one_line_in_the_users_language() -> None:
    i18n.set_language("zh_CN")
    message = platform_problem({}, "linux", lambda path: None)
    assert message is not None and "\n" not in message
    assert "DISPLAY" in message and "显示器" in message


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
    ],
)
def test_other_platforms_are_left_to_qt(env: dict[str, str], platform: str) -> None:
    assert platform_problem(env, platform, _missing("libxcb-cursor.so.0")) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
def test_this_machine_can_load_the_xcb_plugin() -> None:
    """scripts/test installs requirements/apt-gui.txt, so the real probe finds nothing missing."""
    assert xcb_plugin_path() is not None
    assert platform_problem(LINUX_DESKTOP, "linux") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
def test_the_studio_prints_one_line_instead_of_a_qt_core_dump(tmp_path: Path) -> None:
    """A broken libxcb-cursor first on the loader's path: without the probe, Qt aborts (core dump)."""
    fake = tmp_path / "lib"
    fake.mkdir()
    (fake / "libxcb-cursor.so.0").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=":99", LD_LIBRARY_PATH=str(fake), STUDIO_LANG="en")
    done = subprocess.run(
        [sys.executable, "-m", "studio", "--workspace", str(tmp_path / "w.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "The studio cannot open its window: the system library libxcb-cursor.so.0 is missing. "
        "Install it with: sudo apt-get install -y libxcb-cursor0"
    ]
    assert not (tmp_path / "w.db").exists()
