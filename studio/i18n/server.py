"""Messages the reference server prints when it starts (``studio.server.app``); its wire
answers stay English (they are a contract).
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "server",
    {
        # studio/server/app.py
        "The approvers file is not valid: {reason}": "审批人文件无效：{reason}",
        (
            "The server's approver registry is already set and differs from --approvers: the "
            "registry changes only through an approved release."
        ): (
            "服务器的审批人名单已设置，且与 --approvers 不同：审批人名单只能通过已批准的发布来修改。"
        ),
    },
)
