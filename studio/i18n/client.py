"""Messages of talking to the CRM server: push, sync, HTTP and the studio's own local server
(``studio.client``).
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "client",
    {
        # studio/client/local_server.py
        "Cannot create the data folder {where}: {reason}": "无法创建数据文件夹 {where}：{reason}",
        "The local server refused the approver registry: {message}": "本地服务器拒绝了审批人名单：{message}",
        "The local server did not start.": "本地服务器未能启动。",
        "The local server cannot use its database: {reason}": "本地服务器无法使用其数据库：{reason}",
        # studio/client/http.py
        (
            "The server at {url} refused the token (HTTP {status}: {message}). Set a valid token "
            "in STUDIO_SERVER_TOKEN or with 'studio keys token --server {url}'."
        ): (
            "服务器 {url} 拒绝了令牌（HTTP {status}：{message}）。请在 STUDIO_SERVER_TOKEN 中设置有效令牌，或使用“studio "
            "keys token --server {url}”。"
        ),
        "The server refused the release (HTTP {status}, {code}): {message}": (
            "服务器拒绝了该版本（HTTP {status}，{code}）：{message}"
        ),
        "Not a server URL: {url}": "不是服务器地址：{url}",
        (
            "Refusing plain HTTP to {host}: use https:// (plain HTTP is allowed only to "
            "127.0.0.1, ::1 or localhost)."
        ): (
            "拒绝以明文 HTTP 连接 {host}：请使用 https://（明文 HTTP 仅允许用于 127.0.0.1、::1 或 localhost）。"
        ),
        "Put the server token in the keyring, not in the URL.": "请把服务器令牌放在密钥环中，而不是地址里。",
        (
            "The server kept failing (HTTP {status}) after {n} attempts; nothing was marked "
            "live. Try the push again later."
        ): (
            "服务器在 {n} 次尝试后仍然失败（HTTP {status}）；没有版本被标记为上线。请稍后重新推送。"
        ),
        (
            "The server at {url} did not answer after {n} attempts ({reason}); nothing was "
            "marked live. Try the push again later."
        ): (
            "服务器 {url} 在 {n} 次尝试后仍无响应（{reason}）；没有版本被标记为上线。请稍后重新推送。"
        ),
        "Retrying ({n}/{total})…": "正在重试（{n}/{total}）…",
        # studio/client/push.py
        "Checking the approvals…": "正在检查审批…",
        "Sending version {version} to {url}…": "正在把版本 {version} 发送到 {url}…",
        "Server confirmed version {version}.": "服务器已确认版本 {version}。",
        "Version {version} is live.": "版本 {version} 已上线。",
        "No server configured: pass --server URL or set STUDIO_SERVER_URL.": (
            "未配置服务器：请使用 --server 地址或设置 STUDIO_SERVER_URL。"
        ),
        (
            "This workspace already holds a different version {version}; the server's answer was "
            "not recorded."
        ): ("本工作区已有不同的版本 {version}；未记录服务器的答复。"),
        "Unexpected answer from the server: HTTP {status}.": "服务器返回了意外的答复：HTTP {status}。",
        # studio/client/http.py, studio/client/sync.py
        "The server answered HTTP {status}: {message}": "服务器返回 HTTP {status}：{message}",
        # studio/client/push.py, studio/client/sync.py
        (
            "No token for {url}: set STUDIO_SERVER_TOKEN or store one with 'studio keys token "
            "--server {url}'."
        ): (
            "没有 {url} 的令牌：请设置 STUDIO_SERVER_TOKEN，或用“studio keys token --server {url}”保存。"
        ),
        # studio/client/sync.py
        (
            "The server's release {version} does not match its own sha256; nothing was recorded "
            "from it."
        ): ("服务器的版本 {version} 与其自身的 sha256 不符；未记录其任何内容。"),
    },
)
