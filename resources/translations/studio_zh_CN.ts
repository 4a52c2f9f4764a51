<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLog</name>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验日志链(&amp;V)</translation>
    </message>
    <message numerus="yes">
        <source>Intact: %n entry(ies) checked.</source>
        <translation>
            <numerusform>完整：已校验 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Broken at entry %1: the log was edited outside the studio.</source>
        <translation>第 %1 条记录处断裂：日志在本软件之外被修改过。</translation>
    </message>
</context>
<context>
    <name>ChangesPane</name>
    <message>
        <source>Draft fingerprint (sha256):</source>
        <translation>草稿指纹（sha256）：</translation>
    </message>
    <message>
        <source>Draft contents:</source>
        <translation>草稿内容：</translation>
    </message>
    <message>
        <source>Every change goes: edit the draft → check → submit → two approvals (a business lead and an IT admin) → signed push → live version. The diff against the live version, reviews, pushes and one-step rollback will show here.</source>
        <translation>每项变更都要经过：编辑草稿 → 检查 → 提交 → 两人审批（业务负责人和 IT 管理员各一）→ 签名推送 → 上线版本。与线上版本的差异、审批、推送和一键回滚将在这里显示。</translation>
    </message>
    <message>
        <source>%1 entities, %2 fields, %3 roles, %4 users</source>
        <translation>%1 个实体，%2 个字段，%3 个角色，%4 个用户</translation>
    </message>
</context>
<context>
    <name>EntitiesPane</name>
    <message>
        <source>No entities yet.</source>
        <translation>还没有实体。</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n field(s)</source>
        <translation>
            <numerusform>%1 — %n 个字段</numerusform>
        </translation>
    </message>
    <message>
        <source>Forms: %1</source>
        <translation>表单：%1</translation>
    </message>
</context>
<context>
    <name>FieldTable</name>
    <message>
        <source>Key</source>
        <translation>字段键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>唯一</translation>
    </message>
    <message>
        <source>Searchable</source>
        <translation>可搜索</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
</context>
<context>
    <name>HealthPane</name>
    <message>
        <source>The field-index health scanner will show here, per entity, how many fields and searchable fields it has, their average stored length, and a green / yellow / red status against the workspace&apos;s thresholds (30 fields, 15–25 searchable fields, 500 characters).</source>
        <translation>字段索引健康扫描将在这里显示：每个实体的字段数、可搜索字段数、平均存储长度，以及按工作区阈值（30 个字段、15–25 个可搜索字段、500 个字符）给出的绿 / 黄 / 红状态。</translation>
    </message>
</context>
<context>
    <name>ImportExportPane</name>
    <message>
        <source>Excel import and export will show here: column mapping, cleaning of names and +86 phone numbers, validation, duplicate review, and an error workbook for every rejected row. Nothing is written to the CRM before you confirm a dry run.</source>
        <translation>Excel 导入导出将在这里显示：列映射、姓名与 +86 手机号清洗、校验、重复项复核，以及每个被拒行的错误工作簿。确认试运行之前，不会向 CRM 写入任何数据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;team workspace (PostgreSQL)…</source>
        <translation>打开团队工作区（PostgreSQL）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Sign in as</source>
        <translation>切换登录用户(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CRM Config Studio</source>
        <translation>关于 CRM Config Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Signed in as: %1</source>
        <translation>当前用户：%1</translation>
    </message>
    <message>
        <source>Opening workspace…</source>
        <translation>正在打开工作区…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Studio workspaces (*.db *.sqlite);;All files (*)</source>
        <translation>工作区文件 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open team workspace</source>
        <translation>打开团队工作区</translation>
    </message>
    <message>
        <source>PostgreSQL URL (postgresql+psycopg://user@host/db):</source>
        <translation>PostgreSQL 地址（postgresql+psycopg://用户@主机/数据库）：</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Studio workspaces (*.db)</source>
        <translation>工作区文件 (*.db)</translation>
    </message>
    <message>
        <source>Start with the sample CRM configuration (customers, leads, opportunities, contracts and demo users)?</source>
        <translation>是否使用示例 CRM 配置（客户、线索、商机、合同和演示用户）？</translation>
    </message>
    <message>
        <source>Created a new workspace at %1.</source>
        <translation>已在 %1 创建新的工作区。</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>About CRM Config Studio</source>
        <translation>关于 CRM Config Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CRM Config Studio %1&lt;/h3&gt;&lt;p&gt;Configure your no-code CRM. Every change is checked, co-approved by a business lead and an IT admin, signed, and can be rolled back in one step.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CRM Config Studio %1&lt;/h3&gt;&lt;p&gt;配置您的无代码 CRM。每项变更都经过检查，由业务负责人和 IT 管理员共同审批并签名，并可一键回滚。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Entities &amp; Forms</source>
        <translation>实体与表单</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康检查</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Import/Export</source>
        <translation>导入/导出</translation>
    </message>
</context>
<context>
    <name>PermissionsPane</name>
    <message>
        <source>C = create, R = read, U = update, D = delete; · = not allowed. Field-level permissions and the permission health check come with the permission matrix editor.</source>
        <translation>C = 新建，R = 查看，U = 编辑，D = 删除；· = 不允许。字段级权限和权限健康检查将随权限矩阵编辑器提供。</translation>
    </message>
</context>
</TS>
