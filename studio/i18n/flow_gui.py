"""zh_CN messages of the studio's own local server, merged into studio.i18n.

Kept apart from the other catalogues so that helpers adding messages do not edit the same lines.
"""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    # studio/local_server.py
    "The local server refused the approver registry: {message}": (
        "本地服务器拒绝了审批人名单：{message}"
    ),
    "The local server did not start.": "本地服务器未能启动。",
    "The local server cannot use its database: {reason}": "本地服务器无法使用其数据库：{reason}",
}
