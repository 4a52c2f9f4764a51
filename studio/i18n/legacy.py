"""zh_CN messages not yet split by feature (transitional)."""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    "Workspace not found: {where}": "找不到工作区：{where}",
    "{where} is not a CRM Config Studio workspace (it is not an SQLite database).": (
        "{where} 不是 CRM Config Studio 工作区（它不是 SQLite 数据库）。"
    ),
    "{where} is an SQLite database, but not a CRM Config Studio workspace.": (
        "{where} 是 SQLite 数据库，但不是 CRM Config Studio 工作区。"
    ),
    "{where} was made by a newer version of CRM Config Studio (schema {revision}). "
    "Please update the studio.": (
        "{where} 由更新版本的 CRM Config Studio 创建（结构版本 {revision}）。请升级本软件。"
    ),
    "Cannot write to {where}: the folder or file is read-only.": (
        "无法写入 {where}：文件夹或文件为只读。"
    ),
    "The database server at {where} does not answer: {reason}": (
        "数据库服务器 {where} 无响应：{reason}"
    ),
    "A workspace already exists at {where}.": "{where} 已存在工作区。",
    "Could not open {where}: {reason}": "无法打开 {where}：{reason}",
    "Created a new workspace at {where} with the sample CRM configuration.": (
        "已在 {where} 创建新的工作区，并载入示例 CRM 配置。"
    ),
    "Created an empty workspace at {where}.": "已在 {where} 创建空工作区。",
    "Exported the draft bundle to {where} (sha256 {sha}).": (
        "已将草稿配置包导出到 {where}（sha256 {sha}）。"
    ),
    "Imported {where} as the new draft (sha256 {sha}).": (
        "已将 {where} 导入为新草稿（sha256 {sha}）。"
    ),
    "{where} is not a valid bundle: {reason}": "{where} 不是有效的配置包：{reason}",
    "Cannot read {where}: {reason}": "无法读取 {where}：{reason}",
    "Unsupported file type {suffix}: use .json.": "不支持的文件类型 {suffix}：请使用 .json。",
    "Unknown user {user}.": "未知用户 {user}。",
    "The studio cannot open its window: Qt's window system needs the system library {library}, "
    "which cannot be loaded. Install it with your package manager, then start the studio again.": (
        "无法打开本软件窗口：Qt 的窗口系统需要系统库 {library}，但无法加载。请用系统的包管理器安装它，然后重新启动。"
    ),
    "The studio cannot open its window: the system library {library} is missing. "
    "Install it with: sudo apt-get install -y {package}": (
        "无法打开本软件窗口：缺少系统库 {library}。安装命令：sudo apt-get install -y {package}"
    ),
    "The studio cannot open its window: there is no display (DISPLAY is not set). "
    "Start it from a desktop session, or use the headless commands (studio --help).": (
        "无法打开本软件窗口：没有显示器（未设置 DISPLAY）。请在桌面会话中启动，或使用命令行（studio --help）。"
    ),
    "Unexpected error; the details are in {where}.": "发生意外错误；详细信息见 {where}。",
    "Backed up the workspace to {where} before upgrading it.": ("升级前已将工作区备份到 {where}。"),
    "Give both --ssl-certfile and --ssl-keyfile, or neither.": (
        "请同时提供 --ssl-certfile 和 --ssl-keyfile，或都不提供。"
    ),
    "Refusing to listen on {host} without TLS: tokens and approvals would cross the "
    "network in clear. Use --ssl-certfile and --ssl-keyfile, or a loopback address.": (
        "拒绝在 {host} 上以无 TLS 方式监听：令牌和审批签名将以明文经过网络。"
        "请使用 --ssl-certfile 和 --ssl-keyfile，或使用本机回环地址。"
    ),
    "Cannot create the data folder {where}: {reason}": "无法创建数据文件夹 {where}：{reason}",
    "No {env} set; this server's token (shown once): {token}": (
        "未设置 {env}；本服务器的令牌（仅显示这一次）： {token}"
    ),
    "Cannot open the server database: {reason}": "无法打开服务器数据库：{reason}",
}
