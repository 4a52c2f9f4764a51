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
        "Entry {id} was altered, inserted or follows a removed entry.": "第 {id} 条被修改、插入，或其前面有记录被删除。",
        "Entry {id} is a decision whose signature does not verify with the signer's registered key: it was rewritten.": "第 {id} 条是一项审批决定，但其签名无法用签名人登记的密钥验证：它被改写过。",
        "{n} entries of the audit log cannot be vouched for:": "审计日志中有 {n} 条记录无法确认其真实性：",
    },
)
