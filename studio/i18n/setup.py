"""Messages of starting the studio: Qt's system libraries, the display, the crash log
(``studio.qt_preflight``, ``widgets.app``).
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "setup",
    {
        # studio/qt_preflight.py
        (
            "The studio cannot open its window: Qt's window system needs the system library "
            "{library}, which cannot be loaded. Install it with your package manager, then start "
            "the studio again."
        ): (
            "无法打开本软件窗口：Qt 的窗口系统需要系统库 {library}，但无法加载。请用系统的包管理器安装它，然后重新启动。"
        ),
        (
            "The studio cannot open its window: the system library {library} is missing. Install "
            "it with: sudo apt-get install -y {package}"
        ): (
            "无法打开本软件窗口：缺少系统库 {library}。安装命令：sudo apt-get install -y {package}"
        ),
        (
            "The studio cannot open its window: there is no display (DISPLAY is not set). Start "
            "it from a desktop session, or use the headless commands (studio --help)."
        ): (
            "无法打开本软件窗口：没有显示器（未设置 DISPLAY）。请在桌面会话中启动，或使用命令行（studio --help）。"
        ),
        # widgets/app.py
        "Backed up the workspace to {where} before upgrading it.": "升级前已将工作区备份到 {where}。",
    },
)
