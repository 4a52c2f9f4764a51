"""Messages of the approvers' signing keys and the OS keyring (``studio.changes.keys``,
``studio.changes.keystore``).
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "keys",
    {
        # studio/changes/keys.py
        "Unknown user {user}.": "未知用户 {user}。",
        "{user} has no signing key yet: run 'studio keys create --user {user}'.": (
            "{user} 还没有签名密钥：请运行“studio keys create --user {user}”。"
        ),
        "The keyring's key {key_id} does not match the workspace.": "密钥环中的密钥 {key_id} 与工作区记录不符。",
        "{user} already has a key; use 'studio keys rotate --user {user}' to replace it.": (
            "{user} 已有密钥；如需更换请使用“studio keys rotate --user {user}”。"
        ),
        # studio/changes/keystore.py
        (
            "No secure OS keyring is available (found {backend}). Private keys are only stored "
            "in the system keyring (GNOME Keyring/KWallet, macOS Keychain, Windows Credential "
            "Manager); start or unlock it and try again."
        ): (
            "没有可用的安全系统密钥环（检测到 {backend}）。私钥只保存在系统密钥环中（GNOME 密钥环/KWallet、macOS 钥匙串、Windows "
            "凭据管理器）；请启动或解锁后重试。"
        ),
        "The passphrase must have at least {n} characters.": "口令至少需要 {n} 个字符。",
        (
            "The private key {key_id} of {user} is not in this computer's keyring. If it is "
            "lost, make a new one with 'studio keys rotate --user {user}'."
        ): (
            "本机密钥环中没有 {user} 的私钥 {key_id}。如已丢失，请用“studio keys rotate --user {user}”生成新密钥。"
        ),
        "The keyring entry {key_id} is not an Ed25519 key.": "密钥环条目 {key_id} 不是 Ed25519 密钥。",
        "The OS keyring refused to store the secret: {reason}": "系统密钥环拒绝保存密钥：{reason}",
        "The OS keyring could not be read: {reason}": "无法读取系统密钥环：{reason}",
        "Wrong passphrase for the key of {user}.": "{user} 的密钥口令错误。",
    },
)
