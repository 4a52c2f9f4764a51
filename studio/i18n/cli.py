"""Messages of the ``studio`` command line (``studio.cli``): what each command prints."""

from __future__ import annotations

from studio.i18n.catalogue import Counted, feature

MESSAGES = feature(
    "cli",
    {
        # studio/cli/init.py
        "Created a new workspace at {where} with the sample CRM configuration.": (
            "已在 {where} 创建新的工作区，并载入示例 CRM 配置。"
        ),
        "Created an empty workspace at {where}.": "已在 {where} 创建空工作区。",
        # studio/cli/config.py
        "Exported the draft bundle to {where} (sha256 {sha}).": "已将草稿配置包导出到 {where}（sha256 {sha}）。",
        "Imported {where} as the new draft (sha256 {sha}).": "已将 {where} 导入为新草稿（sha256 {sha}）。",
        "{where} is not a valid bundle: {reason}": "{where} 不是有效的配置包：{reason}",
        "Unsupported file type {suffix}: use .json or .xlsx.": (
            "不支持的文件类型 {suffix}：请使用 .json 或 .xlsx。"
        ),
        "Exported the fields and permission matrices of the draft to {where}.": "已将草稿的字段定义和权限矩阵导出到 {where}。",
        "{n} cells differ from the draft.": Counted(
            one="{n} cell differs from the draft.", zh_CN="{n} 个单元格与草稿不同。"
        ),
        "Applied {n} changed cells of {where} to the draft.": (
            Counted(
                one="Applied {n} changed cell of {where} to the draft.",
                zh_CN="已将 {where} 中 {n} 个改动的单元格应用到草稿。",
            )
        ),
        # studio/cli/__init__.py
        "Unexpected error; the details are in {where}.": "发生意外错误；详细信息见 {where}。",
        # studio/cli/serve.py
        "Give both --ssl-certfile and --ssl-keyfile, or neither.": (
            "请同时提供 --ssl-certfile 和 --ssl-keyfile，或都不提供。"
        ),
        (
            "Refusing to listen on {host} without TLS: tokens and approvals would cross the "
            "network in clear. Use --ssl-certfile and --ssl-keyfile, or a loopback address."
        ): (
            "拒绝在 {host} 上以无 TLS 方式监听：令牌和审批签名将以明文经过网络。请使用 --ssl-certfile 和 "
            "--ssl-keyfile，或使用本机回环地址。"
        ),
        "No {env} set; this server's token (shown once): {token}": (
            "未设置 {env}；本服务器的令牌（仅显示这一次）： {token}"
        ),
        "Cannot open the server database: {reason}": "无法打开服务器数据库：{reason}",
        # studio/cli/check.py
        "{errors}, {warnings}, {info}.": "{errors}，{warnings}，{info}。",
        "{n} errors": Counted(one="{n} error", zh_CN="{n} 个错误"),
        "{n} warnings": Counted(one="{n} warning", zh_CN="{n} 个警告"),
        "{n} notes": Counted(one="{n} note", zh_CN="{n} 条提示"),
        "ERROR": "错误",
        "WARNING": "警告",
        "INFO": "提示",
        "No problems found.": "未发现问题。",
        "(whole configuration)": "（整体配置）",
        "Fix: {fix}": "修复：{fix}",
        # studio/cli/keys.py
        "revoked": "已吊销",
        "active": "有效",
        (
            "Key {key_id} of {user} ({role}) is in the keyring; its public key is in the draft's "
            "approvers: submit and approve a change to register it on the server."
        ): (
            "{user}（{role}）的密钥 {key_id} 已存入密钥环；公钥已加入草稿的审批人列表：提交并批准一个变更后即在服务器上登记。"
        ),
        "Wrote {n} approver keys to {where}.": Counted(
            one="Wrote {n} approver key to {where}.", zh_CN="已将 {n} 个审批人公钥写入 {where}。"
        ),
        "The token for {url} is stored in the keyring.": "{url} 的令牌已保存到密钥环。",
        "The token is empty.": "令牌为空。",
        "Token for {url}": "{url} 的令牌",
        # studio/cli/common.py
        "Passphrase for {user}'s key": "{user} 的密钥口令",
        "Say who you are with --user NAME (or STUDIO_USER).": "请用 --user 名称（或 STUDIO_USER）说明您是谁。",
        # studio/cli/change.py
        "Change {id}: {reasons}": "变更 {id}：{reasons}",
        "state: {state}; author: {author}; version {parent} -> {target}": (
            "状态：{state}；提交人：{author}；版本 {parent} -> {target}"
        ),
        "Change {id} is approved and can be pushed.": "变更 {id} 已批准，可以推送。",
        "Change {id} is rejected.": "变更 {id} 已被驳回。",
        "rollback to version {version}": "回滚到版本 {version}",
        "reason: {reason}": "原因：{reason}",
        "Version {version} is live on {url}.": "版本 {version} 已在 {url} 上线。",
        "In step with the server (version {version}); {n} releases recorded.": (
            Counted(
                one="In step with the server (version {version}); {n} release recorded.",
                zh_CN="已与服务器同步（版本 {version}）；记录了 {n} 个版本。",
            )
        ),
        # studio/cli/audit.py
        "The audit log is intact ({n} entries).": Counted(
            one="The audit log is intact ({n} entry).", zh_CN="审计日志完整（{n} 条）。"
        ),
        "Exported {n} audit entries to {where}.": Counted(
            one="Exported {n} audit entry to {where}.", zh_CN="已将 {n} 条审计记录导出到 {where}。"
        ),
        "The audit log is broken at entry {id}: it was altered or an entry was removed.": (
            "审计日志在第 {id} 条处断裂：有记录被修改或删除。"
        ),
        # studio/cli/common.py: a damaged workspace opened read-only by a command that reads
        "{damage} It is open read-only: what it still holds can be read, nothing can be changed.": (
            "{damage} 已以只读方式打开：仍可读取其中尚存的内容，但不能做任何修改。"
        ),
        # studio/cli/change_read.py: a change the list could not read
        "Change {id} cannot be read: {reason}": "变更 {id} 无法读取：{reason}",
    },
)
