"""zh_CN messages of the change flow (diff, policy, keys, push, audit), merged into studio.i18n.

Kept apart from the main catalogue so that helpers adding messages do not edit the same lines.
"""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    # diff
    "No changes against the live version.": "与线上版本相比没有变更。",
    "yes": "是",
    "no": "否",
    "Permissions:": "权限：",
    "Roles:": "角色：",
    "Users:": "用户：",
    "Approvers:": "审批人：",
    "Thresholds:": "阈值：",
    "Approval policy:": "审批策略：",
    "Automation rules changed.": "自动化规则有变更。",
    "+ entity {name}": "+ 新增实体 {name}",
    "- entity {name}": "- 删除实体 {name}",
    "~ entity {name}": "~ 实体 {name}",
    "    label: {before} -> {after}": "    名称：{before} -> {after}",
    "    + field {name} [{type}]": "    + 新增字段 {name} [{type}]",
    "    - field {name}": "    - 删除字段 {name}",
    "    ~ field {key}": "    ~ 修改字段 {key}",
    "    field order changed": "    字段顺序已调整",
    "    form {key}: {status}": "    表单 {key}：{status}",
    "        placed: {fields}": "        加入表单：{fields}",
    "        removed from form: {fields}": "        移出表单：{fields}",
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "create": "新建",
    "read": "查看",
    "update": "编辑",
    "delete": "删除",
    "hidden": "隐藏",
    "edit": "可编辑",
    "none": "无",
    # states and decisions
    "open": "待审批",
    "approved": "已批准",
    "rejected": "已驳回",
    "superseded": "已被取代",
    "pushed": "已上线",
    "outdated": "已过期",
    "approve": "批准",
    "reject": "驳回",
    "revoked": "已吊销",
    "active": "有效",
    # policy
    "Rejected by {users}.": "已被 {users} 驳回。",
    "{count} more approval(s) needed ({have} of {need}).": (
        "还需要 {count} 个批准（已有 {have} 个，共需 {need} 个）。"
    ),
    "Still needs an approval by: {roles}.": "仍需以下角色批准：{roles}。",
    # keys and keyring
    "No secure OS keyring is available (found {backend}). Private keys are only stored in the "
    "system keyring (GNOME Keyring/KWallet, macOS Keychain, Windows Credential Manager); start "
    "or unlock it and try again.": (
        "没有可用的安全系统密钥环（检测到 {backend}）。私钥只保存在系统密钥环中"
        "（GNOME 密钥环/KWallet、macOS 钥匙串、Windows 凭据管理器）；请启动或解锁后重试。"
    ),
    "The passphrase must have at least {n} characters.": "口令至少需要 {n} 个字符。",
    "The private key {key_id} of {user} is not in this computer's keyring. If it is lost, make "
    "a new one with 'studio keys rotate --user {user}'.": (
        "本机密钥环中没有 {user} 的私钥 {key_id}。如已丢失，请用"
        "“studio keys rotate --user {user}”生成新密钥。"
    ),
    "The keyring entry {key_id} is not an Ed25519 key.": "密钥环条目 {key_id} 不是 Ed25519 密钥。",
    "The OS keyring refused to store the secret: {reason}": "系统密钥环拒绝保存密钥：{reason}",
    "The OS keyring could not be read: {reason}": "无法读取系统密钥环：{reason}",
    "Wrong passphrase for the key of {user}.": "{user} 的密钥口令错误。",
    "{user} has no signing key yet: run 'studio keys create --user {user}'.": (
        "{user} 还没有签名密钥：请运行“studio keys create --user {user}”。"
    ),
    "The keyring's key {key_id} does not match the workspace.": (
        "密钥环中的密钥 {key_id} 与工作区记录不符。"
    ),
    "{user} already has a key; use 'studio keys rotate --user {user}' to replace it.": (
        "{user} 已有密钥；如需更换请使用“studio keys rotate --user {user}”。"
    ),
    "Passphrase for {user}'s key": "{user} 的密钥口令",
    "Say who you are with --user NAME (or STUDIO_USER).": (
        "请用 --user 名称（或 STUDIO_USER）说明您是谁。"
    ),
    "Key {key_id} of {user} ({role}) is in the keyring; its public key is in the draft's "
    "approvers: submit and approve a change to register it on the server.": (
        "{user}（{role}）的密钥 {key_id} 已存入密钥环；公钥已加入草稿的审批人列表："
        "提交并批准一个变更后即在服务器上登记。"
    ),
    "Wrote {n} approver key(s) to {where}.": "已将 {n} 个审批人公钥写入 {where}。",
    "The token for {url} is stored in the keyring.": "{url} 的令牌已保存到密钥环。",
    "The token is empty.": "令牌为空。",
    "Token for {url}": "{url} 的令牌",
    # change flow
    "No change request {id}.": "没有变更请求 {id}。",
    "A change needs a title.": "变更需要标题。",
    "The title is longer than {n} characters.": "标题超过 {n} 个字符。",
    "Cannot submit: {count} error finding(s), first: {message}": (
        "无法提交：有 {count} 个错误级检查结果，第一个：{message}"
    ),
    "The draft equals the live version: nothing to submit.": "草稿与线上版本相同：没有可提交的内容。",
    "A rejection needs a comment saying why.": "驳回需要填写原因。",
    "There is no release {version} to roll back to.": "没有可回滚的版本 {version}。",
    "Version {version} is already live.": "版本 {version} 已经在线上。",
    "Change {id} is {state}: it can no longer be decided.": "变更 {id} {state}：不能再审批。",
    "The author of a change cannot approve or reject it.": "变更的提交人不能批准或驳回自己的变更。",
    "{user} has already decided on change {id}.": "{user} 已审批过变更 {id}。",
    "The key {key_id} of {user} is not registered on the server yet: a change that adds it "
    "must go live first.": (
        "{user} 的密钥 {key_id} 尚未在服务器登记：需先让添加该密钥的变更上线。"
    ),
    "Change {id} is already live.": "变更 {id} 已经上线。",
    "Change {id} was superseded by a newer submission.": "变更 {id} 已被更新的提交取代。",
    "Change {id} was made on version {parent}, but version {live} is live now: submit again.": (
        "变更 {id} 基于版本 {parent}，但线上已是版本 {live}：请重新提交。"
    ),
    "Someone else saved the draft at the same time; reload it and edit again.": (
        "其他人同时保存了草稿；请重新载入后再编辑。"
    ),
    "Change {id}: {reasons}": "变更 {id}：{reasons}",
    "state: {state}; author: {author}; version {parent} -> {target}": (
        "状态：{state}；提交人：{author}；版本 {parent} -> {target}"
    ),
    "Change {id} is approved and can be pushed.": "变更 {id} 已批准，可以推送。",
    "Change {id} is rejected.": "变更 {id} 已被驳回。",
    "rollback to version {version}": "回滚到版本 {version}",
    "reason: {reason}": "原因：{reason}",
    "filled by default/backfill": "由默认值/回填值填充",
    "existing records stay empty": "现有记录将为空",
    "  becomes required: {entity}.{field} ({note})": "  变为必填：{entity}.{field}（{note}）",
    "  {role} loses {what} on {entity}": "  {role} 失去 {entity} 的{what}权限",
    # push
    "The server at {url} refused the token (HTTP {status}: {message}). Set a valid token in "
    "STUDIO_SERVER_TOKEN or with 'studio keys token --server {url}'.": (
        "服务器 {url} 拒绝了令牌（HTTP {status}：{message}）。请在 STUDIO_SERVER_TOKEN 中设置"
        "有效令牌，或使用“studio keys token --server {url}”。"
    ),
    "Checking the approvals…": "正在检查审批…",
    "Sending version {version} to {url}…": "正在把版本 {version} 发送到 {url}…",
    "Server confirmed version {version}.": "服务器已确认版本 {version}。",
    "Version {version} is live.": "版本 {version} 已上线。",
    "Version {version} is live on {url}.": "版本 {version} 已在 {url} 上线。",
    "The server refused the release (HTTP {status}, {code}): {message}": (
        "服务器拒绝了该版本（HTTP {status}，{code}）：{message}"
    ),
    "Not a server URL: {url}": "不是服务器地址：{url}",
    "Refusing plain HTTP to {host}: use https:// (plain HTTP is allowed only to 127.0.0.1, ::1 "
    "or localhost).": (
        "拒绝以明文 HTTP 连接 {host}：请使用 https://（明文 HTTP 仅允许用于 127.0.0.1、::1 或 "
        "localhost）。"
    ),
    "Put the server token in the keyring, not in the URL.": "请把服务器令牌放在密钥环中，而不是地址里。",
    "No server configured: pass --server URL or set STUDIO_SERVER_URL.": (
        "未配置服务器：请使用 --server 地址或设置 STUDIO_SERVER_URL。"
    ),
    "The server answered HTTP {status}: {message}": "服务器返回 HTTP {status}：{message}",
    "No token for {url}: set STUDIO_SERVER_TOKEN or store one with 'studio keys token --server "
    "{url}'.": (
        "没有 {url} 的令牌：请设置 STUDIO_SERVER_TOKEN，或用“studio keys token --server {url}”保存。"
    ),
    "The server kept failing (HTTP {status}) after {n} attempts; nothing was marked live. Try "
    "the push again later.": (
        "服务器在 {n} 次尝试后仍然失败（HTTP {status}）；没有版本被标记为上线。请稍后重新推送。"
    ),
    "The server at {url} did not answer after {n} attempts ({reason}); nothing was marked live. "
    "Try the push again later.": (
        "服务器 {url} 在 {n} 次尝试后仍无响应（{reason}）；没有版本被标记为上线。请稍后重新推送。"
    ),
    "This workspace already holds a different version {version}; the server's answer was not "
    "recorded.": "本工作区已有不同的版本 {version}；未记录服务器的答复。",
    "Retrying ({n}/{total})…": "正在重试（{n}/{total}）…",
    "Unexpected answer from the server: HTTP {status}.": "服务器返回了意外的答复：HTTP {status}。",
    "The server's release {version} does not match its own sha256; nothing was recorded from "
    "it.": "服务器的版本 {version} 与其自身的 sha256 不符；未记录其任何内容。",
    "In step with the server (version {version}); {n} release(s) recorded.": (
        "已与服务器同步（版本 {version}）；记录了 {n} 个版本。"
    ),
    # audit
    "Unsupported file type {suffix}: use .xlsx.": "不支持的文件类型 {suffix}：请使用 .xlsx。",
    "Entries": "条目数",
    "Chain intact": "哈希链完整",
    "Audit log": "审计日志",
    "Verification": "校验",
    "First broken entry": "第一个损坏的条目",
    "The audit log is intact ({n} entries).": "审计日志完整（{n} 条）。",
    "Exported {n} audit entries to {where}.": "已将 {n} 条审计记录导出到 {where}。",
    "The audit log is broken at entry {id}: it was altered or an entry was removed.": (
        "审计日志在第 {id} 条处断裂：有记录被修改或删除。"
    ),
    # releases (studio/changes/releases.py)
    "Release v{version} in this workspace cannot be read ({reason}). It may come "
    "from a newer version of CRM Config Studio: update the studio.": (
        "本工作区中的版本 v{version} 无法读取（{reason}）。它可能来自更新版本的 CRM Config Studio：请升级本软件。"
    ),
}
