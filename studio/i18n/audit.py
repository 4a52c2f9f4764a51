"""Messages of the audit log's export and verification (``studio.audit``)."""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "audit",
    {
        # studio/audit/export.py
        "Unsupported file type {suffix}: use .xlsx.": "不支持的文件类型 {suffix}：请使用 .xlsx。",
        "Entries": "条目数",
        "Chain intact": "哈希链完整",
        "Audit log": "审计日志",
        "Verification": "校验",
        "First broken entry": "第一个损坏的条目",
        "Cannot write to {where}: the folder or file is read-only. ({reason})": (
            "无法写入 {where}：文件夹或文件为只读。 ({reason})"
        ),
    },
)
