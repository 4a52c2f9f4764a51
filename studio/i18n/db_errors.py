"""Messages of a database driver's error said in words (``studio.db_errors``)."""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "db_errors",
    {
        "the server refused the user name or password": "服务器拒绝了用户名或密码",
        "there is no such database on the server": "服务器上没有这个数据库",
        "the server refused the connection (is it running, at this host and port?)": (
            "服务器拒绝连接（请确认它正在运行，且主机和端口正确）"
        ),
        "no server of that name can be found": "找不到这个名称的服务器",
        "the database did not answer in time": "数据库未在规定时间内响应",
        "the database file cannot be found or opened": "找不到或无法打开数据库文件",
        "the database answered with an error": "数据库返回了错误",
        "it is not a database URL": "这不是数据库 URL",
        "{cause} (the driver said: {detail})": "{cause}（驱动程序原文：{detail}）",
    },
)
