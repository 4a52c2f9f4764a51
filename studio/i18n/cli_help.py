"""The ``studio`` command's help (``--help``): each command's and option's text in Chinese.

The English is what ``studio/cli/*.py`` declares (docstrings and ``help=``); ``studio.cli.help``
puts the Chinese in its place when the studio speaks Chinese. A test walks every command.
"""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "cli_help",
    {
        "CRM Config Studio: configure your CRM; every change is co-approved before it goes live.": (
            "CRM 配置工作室：配置您的 CRM；每项变更都须经双人审批后才会生效。"
        ),
        "Workspace: an SQLite file path or a postgresql+psycopg:// URL.": (
            "工作区：SQLite 文件路径或 postgresql+psycopg:// 地址。"
        ),
        "Who you are (a workspace user).": "您的身份（工作区中的用户）。",
        "Print the version and exit.": "显示版本号并退出。",
        "Show this message and exit.": "显示本帮助并退出。",
        # studio import / export / template (studio/cli/importing.py, transfer.py)
        "An import template for an entity, from the live configuration (else the draft).": (
            "某个实体的导入模板，按已上线的配置生成（尚无则按草稿）。"
        ),
        "Bulk import a workbook into an entity; exit 1 if any row was rejected.": (
            "把工作簿批量导入某个实体；有任何行被拒绝时退出码为 1。"
        ),
        "Check everything, write nothing to the server.": "检查全部内容，不向服务器写入任何数据。",
        "HEADER=FIELD (or HEADER= to skip a column); repeatable.": (
            "列标题=字段（或 列标题= 表示跳过该列）；可重复。"
        ),
        "The .xlsx file to write.": "要写入的 .xlsx 文件。",
        "The CRM server (default: STUDIO_SERVER_URL).": "CRM 服务器（默认：STUDIO_SERVER_URL）。",
        "The entity (customer, contact...).": "实体（customer、contact……）。",
        "The entity to import into (customer...).": "要导入的实体（customer……）。",
        "The row of column titles (default: found).": "列标题所在的行（默认：自动识别）。",
        "The server's records of an entity, to Excel (every cell safe against formula injection).": (
            "把服务器上某个实体的记录导出到 Excel（每个单元格都防公式注入）。"
        ),
        "The sheet's name or number (default: the first with the entity's columns).": (
            "工作表的名称或序号（默认：第一个含该实体各列的工作表）。"
        ),
        "The workbook (.xlsx .xlsm .xls .ods) or CSV file; or 'revert'.": (
            "工作簿（.xlsx .xlsm .xls .ods）或 CSV 文件；或 'revert'。"
        ),
        "With 'revert': the id of the import to undo.": "与 'revert' 一起使用：要撤销的导入的编号。",
        "Write the rejected rows, with reasons, to this .xlsx file.": (
            "把被拒绝的行及原因写入这个 .xlsx 文件。"
        ),
        "Write the report as JSON to this file.": "把报告以 JSON 写入这个文件。",
        # studio health (studio/cli/transfer.py)
        "Data health of the server's records of an entity; exit 1 if duplicates pass 8 %.": (
            "服务器上某个实体记录的数据健康报告（不写入任何数据）；按手机号的重复率超过 8% 红线时退出码为 1。"
        ),
        "Also write the report to this .xlsx file.": "同时把报告写入这个 .xlsx 文件。",
        # Typer's own words around the help (studio/cli/help.py TYPER_WORDS)
        "Arguments": "参数",
        "Options": "选项",
        "Commands": "命令",
        "Error": "错误",
        "[default: {}]": "[默认：{}]",
        "[env var: {}]": "[环境变量：{}]",
        "[required]": "[必填]",
        "Aborted.": "已中止。",
        "Try [blue]'{command_path} {help_option}'[/] for help.": (
            "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"
        ),
        "Create and migrate a workspace, optionally with the sample configuration.": (
            "创建工作区并升级到最新结构，可选载入示例配置。"
        ),
        "Load the sample CRM and demo users.": "载入示例 CRM 配置和演示用户。",
        "The workspace's name.": "工作区名称。",
        "Run all lints on the draft; exit 1 if any finding is an error.": (
            "对草稿运行全部检查；有任何错误时以状态码 1 退出。"
        ),
        "text for people, json for scripts.": "text 供人阅读，json 供脚本使用。",
        "Field-index health of a CRM database; exit 1 if any entity is red.": (
            "检查 CRM 数据库的字段与索引健康度；有任何实体为红色时以状态码 1 退出。"
        ),
        (
            "The CRM database: sqlite:///crm.db, postgresql+psycopg://user@host/crm, "
            "mysql+pymysql://user@host/crm (password from the keyring)."
        ): (
            "CRM 数据库：sqlite:///crm.db、postgresql+psycopg://user@host/crm、"
            "mysql+pymysql://user@host/crm（密码来自系统钥匙串）。"
        ),
        "Also write the report: .xlsx or .pdf.": "同时写出报告：.xlsx 或 .pdf。",
        "A JSON mapping of entities to tables and fields to columns.": (
            "JSON 映射文件：实体对应的表、字段对应的列。"
        ),
        "Statement timeout in seconds.": "单条语句的超时时间（秒）。",
        "Keep the scan in the workspace (for drift).": "在工作区中保留本次扫描（用于比较漂移）。",
        "Ask for the database user's password (hidden; from a script: its first line on stdin) and keep it in the keyring once the scan has signed in with it.": (
            "询问数据库用户的密码（输入时不显示；脚本中从标准输入读取第一行），扫描用它登录成功后保存到密钥环。"
        ),
        "Run the reference CRM server (releases, approvers, records).": (
            "运行参考 CRM 服务器（发布版本、审批人、记录）。"
        ),
        "Address to listen on.": "监听地址。",
        "Port to listen on.": "监听端口。",
        "Folder for the server's SQLite database (default: the studio's data folder).": (
            "服务器 SQLite 数据库所在文件夹（默认：工作室的数据文件夹）。"
        ),
        "Database URL instead of --data, e.g. postgresql+psycopg://…": (
            "用数据库地址代替 --data，例如 postgresql+psycopg://…"
        ),
        'First approver registry: JSON [{"user","role","key_id","public_key"}].': (
            '初始审批人名册：JSON [{"user","role","key_id","public_key"}]。'
        ),
        "TLS certificate (PEM).": "TLS 证书（PEM）。",
        "TLS private key (PEM).": "TLS 私钥（PEM）。",
        "Seconds a client has to send a request head.": "客户端发送请求头的时限（秒）。",
        "Seconds a client has to send a request body.": "客户端发送请求体的时限（秒）。",
        "Open connections at most (default: from the file limit).": (
            "最多同时打开的连接数（默认：按文件句柄上限计算）。"
        ),
        "The draft configuration as a bundle file.": "以配置包文件导出或导入草稿配置。",
        "Write the draft as a bundle (canonical JSON), or its fields and permission matrices as a workbook.": (
            "将草稿写成配置包（规范 JSON），或将其字段定义和权限矩阵写成工作簿。"
        ),
        "The bundle file to write (.json), or the fields and permission matrices (.xlsx).": (
            "要写出的配置包文件（.json），或字段定义和权限矩阵（.xlsx）。"
        ),
        "Also write the change to this Excel workbook (.xlsx), access diff included.": (
            "同时把该变更写入此 Excel 工作簿（.xlsx），含权限变化。"
        ),
        "Replace the draft with a bundle file (validated first; the draft is untouched on error),\n"
        "or apply the cells of edited fields and permission matrices to it, all or nothing.": (
            "用配置包文件替换草稿（先校验；出错时草稿保持不变），\n或把编辑过的字段定义和权限矩阵中的单元格应用到草稿，要么全部应用，要么都不应用。"
        ),
        "A bundle file (.json) to make the draft, or edited fields and permission matrices (.xlsx).": (
            "用作草稿的配置包文件（.json），或编辑过的字段定义和权限矩阵（.xlsx）。"
        ),
        "Only show the cells that would change (matrices).": "只显示将会改变的单元格（权限矩阵）。",
        "Write the workbook's problems to this workbook (.xlsx).": "把工作簿中的问题写入此工作簿（.xlsx）。",
        "Signing keys (private key in the OS keyring) and server tokens.": (
            "签名密钥（私钥保存在系统钥匙串中）和服务器令牌。"
        ),
        "Make your key pair; the private key is stored in the OS keyring under your passphrase.": (
            "生成您的密钥对；私钥以您的口令加密后保存在系统钥匙串中。"
        ),
        "Replace a lost or old key: the old one is revoked, a new one is made.": (
            "更换丢失或过旧的密钥：吊销旧密钥，生成新密钥。"
        ),
        "The public keys the workspace knows.": "工作区已知的公钥。",
        "text or json": "text 或 json",
        "The active public keys as a server's first approver registry.": (
            "将有效公钥导出为服务器的初始审批人名册。"
        ),
        "JSON file for 'studio serve --approvers'.": "供 'studio serve --approvers' 使用的 JSON 文件。",
        "Store the server's bearer token in the OS keyring (asked without echo).": (
            "将服务器的访问令牌保存到系统钥匙串（输入时不回显）。"
        ),
        "The server the token is for.": "令牌所属的服务器。",
        "Change requests: submit, approve, push, roll back.": "变更请求：提交、审批、推送、回滚。",
        (
            "Freeze the draft into a change request; prints its id.\n\nWith a server at hand, a "
            "field that becomes required is judged by the server's records that\nlack it; without "
            "one, as before. A change of automation rules is replayed over the server's\nrecords "
            "of the last 30 days first (``studio rules replay``)."
        ): (
            "将草稿冻结为变更请求，并输出其编号。\n\n可以连接服务器时，变为必填的字段按服务器上缺少该字段的"
            "记录来评估；\n无法连接时，照旧处理。修改自动化规则的变更会先用服务器上\n最近 30 天的记录回放"
            "（``studio rules replay``）。"
        ),
        (
            "Why to submit a rules change whose replay is above the block share (or could not "
            "run); the reviewers read it first."
        ): "规则变更的回放超过拦截比例（或无法运行）时仍要提交的理由；审批人会首先看到。",
        # studio/cli/rules.py (issue 18)
        "Automation rules: the impact replay of the draft's rules.": (
            "自动化规则：草稿中规则的影响回放。"
        ),
        "Replay recent records through the live rules and the draft's; print what would change.": (
            "用近期记录分别按线上规则和草稿规则回放，输出将发生的变化。"
        ),
        "The window of recent records: 30d, 12h, 2w.": "近期记录的时间范围：30d、12h、2w。",
        "A workbook of records instead of the server's.": "用工作簿中的记录代替服务器上的记录。",
        "A CRM database (read-only) instead of the server's records.": (
            "用 CRM 数据库（只读）代替服务器上的记录。"
        ),
        "The CRM server's URL.": "CRM 服务器地址。",
        "What the change does.": "变更的内容。",
        "Why.": "原因。",
        "Server whose record counts the rules use (default: the one pushed to).": (
            "检查规则使用其记录数的服务器（默认：上次推送到的服务器）。"
        ),
        "Sign an approval with your key, after checking the live version it is reviewed against.": (
            "核对审阅所依据的线上版本后，用您的密钥签署批准。"
        ),
        "Server whose current release the review is checked against.": (
            "审阅时用来核对当前线上版本的服务器。"
        ),
        "The change id (or its first 8 characters).": "变更编号（或其前 8 个字符）。",
        (
            "Sign a rejection (a comment is required) and send it to the server, which then "
            "refuses\nto apply this change whoever pushes it."
        ): ("签署驳回（必须填写意见）并发送给服务器；\n此后无论谁推送，服务器都拒绝应用这项变更。"),
        "Why (required).": "原因（必填）。",
        "Server to tell (else STUDIO_SERVER_URL or the last push).": (
            "要通知的服务器（否则使用 STUDIO_SERVER_URL 或上次推送的服务器）。"
        ),
        "Push an approved change to the server; the live version moves on its confirmation.": (
            "将已批准的变更推送到服务器；服务器确认后，线上版本随之更新。"
        ),
        "Server URL (else STUDIO_SERVER_URL).": "服务器地址（否则使用 STUDIO_SERVER_URL）。",
        "Record the releases the server has and this workspace lacks (pushed from elsewhere).": (
            "记录服务器上有而本工作区缺少的发布版本（从别处推送的）。"
        ),
        "A new change whose bundle is that release's; prints its id.": (
            "新建一项变更，其配置包即该发布版本的配置包；输出其编号。"
        ),
        "The release to go back to.": "要回到的发布版本。",
        "The change requests and their state, newest first.": "列出变更请求及其状态，最新的在前。",
        (
            "One change request: state, approvals, what blocks a push, the diff, impact and "
            "findings.\n\nThe impact counts the server's records that a newly required field would "
            "leave unsaveable;\nwhen the server cannot be asked, the count is unknown and the reason "
            "is printed."
        ): (
            "显示一项变更请求：状态、审批、阻止推送的原因、差异、影响和检查结果。\n\n影响是指服务器上因新增必填"
            "字段而无法保存的记录数；\n无法询问服务器时，记录数未知，并会输出原因。"
        ),
        "Server to count records on (else STUDIO_SERVER_URL or the last push).": (
            "统计记录数所用的服务器（否则使用 STUDIO_SERVER_URL 或上次推送的服务器）。"
        ),
        "The append-only, hash-chained audit log.": "只可追加、以哈希链相连的审计日志。",
        "Recompute the chain and check it against the server's heads; exit 1 if cut or altered.": (
            "重新计算哈希链并与服务器保存的锚点核对；日志被截断或改动时以状态码 1 退出。"
        ),
        (
            "Server whose anchored heads the log is checked against (else STUDIO_SERVER_URL or "
            "the last push)."
        ): ("用来核对日志锚点的服务器（默认为 STUDIO_SERVER_URL 或上次推送的服务器）。"),
        "Write the log to an Excel workbook (with the chain's verification).": (
            "将日志写入 Excel 工作簿（附哈希链校验结果）。"
        ),
        "The workbook to write (.xlsx).": "要写出的工作簿（.xlsx）。",
        # -- issue 14: studio access, studio leaver (studio/cli/access.py)
        (
            "What a user (or role) may do to an entity, action by action and field by field, "
            "with the\nreason for each."
        ): "某个用户（或角色）对某个实体能做什么：逐项操作、逐个字段，并给出每一项的原因。",
        "The entity key, e.g. contract.": "实体的键，例如 contract。",
        "Whose access (a workspace user).": "查看谁的权限（工作区中的用户）。",
        "A role instead of a user.": "查看某个角色（而非用户）。",
        (
            "Submit the leaver hand-over as one change: disable the user, revoke their approver "
            "key,\nrewrite teams and assignment rules to the colleague, and reassign their records "
            "when the\nrelease goes live. Prints the change id."
        ): (
            "将离职交接作为一项变更提交：停用该用户、吊销其审批密钥、把提到他/她的团队和分配规则改为接手的同事，"
            "并在版本上线时把其名下记录移交给同事。输出变更编号。"
        ),
        "Who is leaving.": "离职人员。",
        "The colleague who takes over their records.": "接手其记录的同事。",
        "Who submits the change.": "提交该变更的人。",
        "Write the permission health report (.xlsx) instead.": "改为写出权限健康报告（.xlsx）。",
    },
)
