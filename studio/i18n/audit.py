"""Messages of the audit log's export and verification (``studio.audit``)."""

from __future__ import annotations

from studio.i18n import Message
from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "audit",
    {
        # actions, looked up by action_name below ("approved", "rejected" and "superseded" are
        # the change flow's words)
        "workspace created": "创建工作区",
        "draft edited": "编辑草稿",
        "configuration imported": "导入配置",
        "exported": "导出",
        "change submitted": "提交变更",
        "rollback requested": "申请回滚",
        "pushed live": "发布上线",
        "release synced": "同步发布记录",
        "signing key created": "创建签名密钥",
        "signing key rotated": "更换签名密钥",
        "signing key revoked": "吊销签名密钥",
        # studio/audit/details.py: an entry's details in words (the log view)
        "{name}: {value}": "{name}：{value}",
        "{name} {value}": "{name} {value}",
        "What": "内容",
        "the permission matrices": "权限矩阵",
        "the permission matrices and fields": "权限矩阵和字段",
        "Sample content": "示例内容",
        "Version": "版本",
        "Back to version": "回滚到版本",
        "Draft revision": "草稿修订号",
        "Rows written": "写入的行",
        "Comment": "意见",
        "Key": "密钥",
        "Replaces key": "替换的密钥",
        "Keys revoked": "吊销的密钥",
        "Server": "服务器",
        "Attempts": "尝试次数",
        "Sent again (already applied)": "重复发送（此前已应用）",
        "Cells changed": "修改的单元格数",
        "Source": "来源",
        "Rows read": "读取行数",
        "Imported": "已导入",
        "Merged": "已合并",
        "Rejected": "已拒绝",
        "Removed": "已删除",
        "Restored": "已恢复",
        "Live approvers kept": "保留的线上审批人",
        "Fields kept (deprecated and hidden)": "保留（已停用并隐藏）的字段",
        "Replaced an altered copy": "替换了被篡改的副本",
        "Impact replay": "影响回放",
        "Identity proven": "身份已验证",
        "Bundle": "配置包",
        "Signature": "签名",
        "ran": "已运行",
        "records replayed": "回放记录数",
        "outcome changed": "结果变化",
        "to the default": "落入默认",
        "to no owner": "无负责人",
        "share to the default or no owner": "落入默认或无负责人的比例",
        "level": "级别",
        "problem": "问题",
        "acknowledgement": "确认理由",
        # studio/audit/export.py
        "Unsupported file type {suffix}: use .xlsx.": "不支持的文件类型 {suffix}：请使用 .xlsx。",
        "Entries": "条目数",
        "Chain intact": "哈希链完整",
        "Audit log": "审计日志",
        "Verification": "校验",
        "First broken entry": "第一个损坏的条目",
        # the export's header row (English: the column names, as scripts read them)
        "id": "编号",
        "at": "时间（UTC）",
        "actor": "操作人",
        "subject": "对象",
        "details": "详情",
        "prev_hash": "前一条哈希",
        "hash": "哈希",
        "Cannot write to {where}: the folder or file is read-only. ({reason})": (
            "无法写入 {where}：文件夹或文件为只读。 ({reason})"
        ),
        "Cannot write to {where}: the folder {folder} does not exist.": (
            "无法写入 {where}：文件夹 {folder} 不存在。"
        ),
        "Entry {id} was altered, inserted or follows a removed entry.": "第 {id} 条被修改、插入，或其前面有记录被删除。",
        "Entry {id} is a decision whose signature does not verify with the signer's registered key: it was rewritten.": "第 {id} 条是一项审批决定，但其签名无法用签名人登记的密钥验证：它被改写过。",
        "{n} entries of the audit log cannot be vouched for:": Counted(
            one="{n} entry of the audit log cannot be vouched for:",
            zh_CN="审计日志中有 {n} 条记录无法确认其真实性：",
        ),
        # studio/audit/anchors.py: the log against the heads the server keeps (issue 20)
        (
            "Entries {first} to {last} were anchored on the server but are missing from this "
            "log: it was truncated."
        ): ("第 {first} 至 {last} 条已在服务器上锚定，但本日志中已不存在：日志被截断了。"),
        (
            "Entry {seq} is not the entry the server anchored at that position: the log up to "
            "it was rewritten."
        ): ("第 {seq} 条与服务器在该位置锚定的条目不同：截至该条的日志被改写过。"),
        "The server holds no head of this log: it vouches for no entry.": (
            "服务器上没有本日志的任何锚点：它无法为任何条目作证。"
        ),
        "The server vouches for entries 1 to {last}.": "服务器可为第 1 至 {last} 条作证。",
        (
            "The head the server keeps at entry {seq} (signed as {user}) does not verify with a "
            "key this workspace knows: it vouches for nothing."
        ): (
            "服务器在第 {seq} 条保存的锚点（署名 {user}）无法用本工作区已知的密钥验证：它不能为任何条目作证。"
        ),
        "The server cannot vouch for entries {first} to {last}.": (
            "服务器无法为第 {first} 至 {last} 条作证。"
        ),
        (
            "Entries {first} to {last} are not anchored on the server yet (the next push anchors "
            "them): it cannot vouch for them."
        ): ("第 {first} 至 {last} 条尚未在服务器上锚定（下次推送时锚定）：服务器无法为它们作证。"),
        # studio/client/push.py, studio/cli/change.py
        (
            "The audit log's head was not left with the server: it is signed by the pusher, "
            "and no passphrase was given. The next signed push anchors it."
        ): "审计日志的链头未交给服务器保存：链头须由推送人签名，而未提供口令。下次签名推送时会锚定它。",
        (
            "{user} has no signing key here: the audit log's head left with the server is "
            "signed by the pusher, so this push does not anchor the log."
        ): "{user} 在此没有签名密钥：交给服务器保存的审计日志链头须由推送人签名，因此本次推送不会锚定日志。",
        # studio/cli/audit.py
        (
            "No server configured: truncation and a recomputed chain cannot be detected without "
            "the heads a server keeps (pass --server URL)."
        ): (
            "未配置服务器：没有服务器保存的锚点，就无法发现截断或重算过的哈希链（请传入 --server URL）。"
        ),
        "No token for {url}: the server's heads were not read.": "没有 {url} 的令牌：未读取服务器的锚点。",
        "The server's heads could not be read: {reason}": "无法读取服务器的锚点：{reason}",
    },
)

_ACTIONS = {
    "init": Message("workspace created"),
    "edit": Message("draft edited"),
    "import": Message("configuration imported"),
    "export": Message("exported"),
    "submit": Message("change submitted"),
    "rollback": Message("rollback requested"),
    "approve": Message("approved"),
    "reject": Message("rejected"),
    "supersede": Message("superseded"),
    "push": Message("pushed live"),
    "sync": Message("release synced"),
    "key_create": Message("signing key created"),
    "key_rotate": Message("signing key rotated"),
    "key_revoke": Message("signing key revoked"),
}


def action_name(action: str) -> str:
    """An audit action (``push``, ``approve``...) in the current language; an unknown one as
    it is (the log keeps the key, which exports and ``studio audit`` show)."""
    message = _ACTIONS.get(action)
    return str(message) if message is not None else action
