"""Messages of opening, creating and migrating a workspace (``studio.workspace``)."""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "workspace",
    {
        # studio/workspace/connection.py
        "Workspace not found: {where}": "找不到工作区：{where}",
        "{where} is not a CRM Config Studio workspace (it is not an SQLite database).": (
            "{where} 不是 CRM Config Studio 工作区（它不是 SQLite 数据库）。"
        ),
        "{where} is an SQLite database, but not a CRM Config Studio workspace.": (
            "{where} 是 SQLite 数据库，但不是 CRM Config Studio 工作区。"
        ),
        (
            "{where} was made by a newer version of CRM Config Studio (schema {revision}). "
            "Please update the studio."
        ): ("{where} 由更新版本的 CRM Config Studio 创建（结构版本 {revision}）。请升级本软件。"),
        "Cannot write to {where}: the folder or file is read-only.": "无法写入 {where}：文件夹或文件为只读。",
        "The database server at {where} does not answer: {reason}": "数据库服务器 {where} 无响应：{reason}",
        "Could not open {where}: {reason}": "无法打开 {where}：{reason}",
        "Cannot read {where}: {reason}": "无法读取 {where}：{reason}",
        # studio/workspace/bootstrap.py
        "A workspace already exists at {where}.": "{where} 已存在工作区。",
    },
)
