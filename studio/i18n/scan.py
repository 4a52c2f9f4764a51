"""Messages of the field-index health check: the bundle's red lines (``studio.lint.field_index``),
the live scan (``studio.scan``), ``studio scan`` and its reports."""

from __future__ import annotations

from studio.i18n.catalogue import feature

MESSAGES = feature(
    "scan",
    {
        # studio/lint/field_index.py
        "Turn search off on {n} field(s) of {entity}, longest first: {fields}": (
            "关闭 {entity} 中 {n} 个字段的搜索（从最长的开始）：{fields}"
        ),
        " and {n} more": " 等另外 {n} 个",
        "{entity} has {count} fields, {over} over the line of {line}: every field is a column of a table that grows slower to change and to index. Deprecate fields nobody fills in, or raise the entity's threshold by an approved change.": (
            "{entity} 有 {count} 个字段，超出红线 {line} 个 {over} 个：每个字段都是表中的一列，表越宽，修改和建索引越慢。请弃用没人填写的字段，或通过审批的变更提高该实体的阈值。"
        ),
        "{entity} has {count} searchable fields, {over} over the line of {line} (warning above {warn}, error above {limit}): each one grows the full-text index, and 47 of them took a CRM down for 72 hours.": (
            "{entity} 有 {count} 个可搜索字段，超出红线 {line} 个 {over} 个（超过 {warn} 个为警告，超过 {limit} 个为错误）：每个可搜索字段都会让全文索引变大，曾有 47 个这样的字段让一套 CRM 停机 72 小时。"
        ),
        "{entity} has {count} searchable long-text field(s) ({fields}): free text in the full-text index grows it with every note written. Search people by short fields (name, mobile, company) instead.": (
            "{entity} 有 {count} 个可搜索的长文本字段（{fields}）：全文索引中的自由文本会随每条备注不断变大。请改用短字段（名称、手机号、公司）搜索。"
        ),
        "{field} is unique and searchable and may hold {length} characters: two indexes on one long column, and MySQL refuses a unique index beyond {max} characters. Give it a max length of at most {max}, or turn search off.": (
            "{field} 既唯一又可搜索，最多可存 {length} 个字符：同一长列上有两个索引，而 MySQL 不允许超过 {max} 个字符的唯一索引。请将最大长度设为不超过 {max}，或关闭搜索。"
        ),
        "unlimited": "不限",
        # studio/scan/connect.py, run.py, measure.py
        "Cannot reach {url}: {reason}": "无法连接 {url}：{reason}",
        "The scan does not support {dialect} databases; it reads SQLite, PostgreSQL and MySQL/MariaDB.": (
            "扫描不支持 {dialect} 数据库；支持 SQLite、PostgreSQL 和 MySQL/MariaDB。"
        ),
        "{url} refused the sign-in of {user}: check the user and the password in the keyring.": (
            "{url} 拒绝了 {user} 的登录：请检查用户名和钥匙串中的密码。"
        ),
        "{url}: there is no such database.": "{url}：没有这个数据库。",
        "Cannot open {url}: {reason}": "无法打开 {url}：{reason}",
        "An SQLite scan needs a file: sqlite:///path/to/crm.db.": (
            "扫描 SQLite 需要一个文件：sqlite:///path/to/crm.db。"
        ),
        "Cannot open {url}: there is no such file.": "无法打开 {url}：文件不存在。",
        "Not a database URL: {url} (for example sqlite:///crm.db, postgresql+psycopg://user@host/crm, mysql+pymysql://user@host/crm).": (
            "不是数据库地址：{url}（例如 sqlite:///crm.db、postgresql+psycopg://user@host/crm、mysql+pymysql://user@host/crm）。"
        ),
        "No driver for {url} is installed.": "没有安装 {url} 的数据库驱动。",
        "Connecting": "正在连接",
        "Scan done": "扫描完成",
        "Scan cancelled.": "扫描已取消。",
        "Scanning {table}": "正在扫描 {table}",
        "Reading the planner's statistics": "正在读取查询规划器的统计信息",
        "Reading information_schema": "正在读取 information_schema",
        "SQLite keeps no index usage statistics: no index is called unused.": (
            "SQLite 不记录索引使用统计：不会判定任何索引为未使用。"
        ),
        "MySQL/MariaDB: row counts are InnoDB's estimates; ratios and lengths come from the first {n} rows of each table; index usage is not read, so no index is called unused.": (
            "MySQL/MariaDB：行数为 InnoDB 的估算值；比例和长度来自每张表的前 {n} 行；未读取索引使用情况，因此不会判定任何索引为未使用。"
        ),
        "not scanned: the scan ran out of time": "未扫描：扫描时间已用完",
        "the statement timeout stopped the measurement": "语句超时中断了测量",
        "Reading {table} failed: {reason}": "读取 {table} 失败：{reason}",
        "None of the {n} tables of {url} matches an entity of the configuration ({entities}): save a mapping that names their tables.": (
            "{url} 的 {n} 张表中没有一张与配置中的实体（{entities}）对应：请保存一个指明其表名的映射。"
        ),
        # studio/scan/report.py
        "Table {table} uses {used} of the database's {limit} {what}: {left} left before an ALTER fails.": (
            "表 {table} 已用数据库上限 {limit} 中的 {used}（{what}）：只剩 {left}，用完后 ALTER 将失败。"
        ),
        "bytes per row": "每行字节数",
        "indexes": "个索引",
        "columns (dropped ones count)": "列（已删除的列也计入）",
        "Average length of {table}.{column} is {avg} characters (95 % up to {p95}), {over} over the line of {line}: long text in a CRM field slows every search and index rebuild. Keep long text (material descriptions, logs) out of it and find what writes it.": (
            "{table}.{column} 的平均长度为 {avg} 个字符（95% 不超过 {p95}），超出红线 {line} 共 {over} 个字符：CRM 字段中的长文本会拖慢每次搜索和索引重建。请勿在其中存放长文本（物料描述、日志），并查明是谁在写入。"
        ),
        "Table {table} was measured only in part ({reason}): its figures are incomplete.": (
            "表 {table} 只测量了一部分（{reason}）：其数据不完整。"
        ),
        "No table of the database matches {entity}: give the mapping its table to measure it.": (
            "数据库中没有与 {entity} 对应的表：请在映射中指明其表名以便测量。"
        ),
        "Index {index} on {table} ({columns}) was not used since {since} (when the statistics were last reset); it backs no constraint.": (
            "表 {table} 上的索引 {index}（{columns}）自 {since}（统计信息上次重置）以来未被使用；它不支撑任何约束。"
        ),
        "Index {index} on {table} ({columns}) is covered by {other}: every write updates both.": (
            "表 {table} 上的索引 {index}（{columns}）已被 {other} 覆盖：每次写入都要更新两者。"
        ),
        # studio/scan/text.py, studio/cli/scan.py
        "green": "绿",
        "yellow": "黄",
        "RED": "红",
        "{url} ({dialect} {version}): {tables} tables in {seconds} s": (
            "{url}（{dialect} {version}）：{tables} 张表，用时 {seconds} 秒"
        ),
        "PARTIAL: some tables were not measured in full (see below).": (
            "部分结果：有些表没有完整测量（见下文）。"
        ),
        "{status:7} {entity}: {fields} fields, {searchable} searchable, table {table}": (
            "{status:7} {entity}：{fields} 个字段，{searchable} 个可搜索，表 {table}"
        ),
        "Red (frozen): {entities}": "红色（已冻结）：{entities}",
        "--format is text or json.": "--format 只能是 text 或 json。",
        "--out must end in .xlsx or .pdf.": "--out 必须以 .xlsx 或 .pdf 结尾。",
        "Cannot read the mapping {path}: {reason}": "无法读取映射 {path}：{reason}",
    },
)
