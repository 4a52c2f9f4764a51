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
        "{where} is empty (0 bytes): it is not a CRM Config Studio workspace. Restore it from a backup, or delete it to start a new workspace.": "{where} 是空文件（0 字节），不是 CRM Config Studio 工作区。请从备份恢复，或删除它以新建工作区。",
        "The workspace {where} is damaged ({reason}); nothing was written to it. Restore it from the backup at {backup}.": "工作区 {where} 已损坏（{reason}），未向其写入任何内容。请从备份 {backup} 恢复。",
        "The workspace {where} is damaged ({reason}); nothing was written to it. Restore it from your last copy of the file.": "工作区 {where} 已损坏（{reason}），未向其写入任何内容。请用您最近保存的文件副本恢复。",
        "The workspace {where} is damaged ({reason}); nothing was written to it. Restore the database from its last backup.": "工作区 {where} 已损坏（{reason}），未向其写入任何内容。请用数据库最近的备份恢复。",
        # studio/workspace/integrity.py: why a workspace is damaged
        "table {table} is missing": "缺少数据表 {table}",
        "{column} of {table} {row} cannot be read (not the text the studio wrote)": "{table} {row} 的 {column} 无法读取（不是本软件写入的文本）",
        # studio/workspace/team.py
        "Enter the database server's host name or address.": "请输入数据库服务器的主机名或地址。",
        "Enter the database name.": "请输入数据库名称。",
        "Enter the database user.": "请输入数据库用户名。",
        "The port must be a number from 1 to 65535.": "端口必须是 1 到 65535 之间的数字。",
    },
)
