"""Before Qt starts: can its window system load at all? If not, one line that says what to install.

When Qt's xcb platform plugin cannot load (a system library missing) or there is no display, Qt
prints a wall of text and aborts the process with a core dump. The studio asks first, the way the
dynamic loader would answer Qt, and turns the answer into one actionable line instead.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from studio.i18n import tr

#: The Debian/Ubuntu package that ships each library Qt's xcb plugin loads (requirements/apt-gui.txt).
DEBIAN_PACKAGE_OF = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
}

_MISSING_LIB = re.compile(r"(lib[^\s:/]+\.so[.\d]*)")


def xcb_plugin_path() -> Path | None:
    """Where PySide6 keeps Qt's xcb platform plugin, or None when it is not there."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def _load(path: Path) -> None:
    ctypes.CDLL(str(path))


def platform_problem(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Callable[[Path], None] = _load,
) -> str | None:
    """One line saying why Qt's window system cannot start and what to do, or None when it can.

    Only Linux's xcb plugin is probed: Windows and macOS ship what Qt needs, and an explicit other
    platform (offscreen, wayland, vnc) is the user's own choice.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    wanted = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if wanted and wanted != "xcb":
        return None
    if not wanted and env.get("WAYLAND_DISPLAY"):
        return None
    plugin = xcb_plugin_path()
    if plugin is not None:
        try:
            load(plugin)
        except OSError as exc:
            match = _MISSING_LIB.search(str(exc).replace(str(plugin), ""))
            library = match.group(1) if match else str(exc)
            package = DEBIAN_PACKAGE_OF.get(library)
            if package is None:
                return tr(
                    "The studio cannot open its window: Qt's window system needs the system "
                    "library {library}, which cannot be loaded. Install it with your package "
                    "manager, then start the studio again.",
                    library=library,
                )
            return tr(
                "The studio cannot open its window: the system library {library} is missing. "
                "Install it with: sudo apt-get install -y {package}",
                library=library,
                package=package,
            )
    if not env.get("DISPLAY"):
        return tr(
            "The studio cannot open its window: there is no display (DISPLAY is not set). "
            "Start it from a desktop session, or use the headless commands (studio --help)."
        )
    return None
