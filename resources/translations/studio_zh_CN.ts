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
    <name>DesignerDocument</name>
    <message>
        <source>Loading the draft…</source>
        <translation>正在载入草稿…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>All edits saved to the draft.</source>
        <translation>所有修改已保存到草稿。</translation>
    </message>
    <message>
        <source>Could not save the draft: %1</source>
        <translation>无法保存草稿：%1</translation>
    </message>
</context>
<context>
    <name>EntitiesPane</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>New &amp;entity…</source>
        <translation>新建实体(&amp;E)…</translation>
    </message>
    <message>
        <source>Reload the draft</source>
        <translation>重新载入草稿</translation>
    </message>
    <message>
        <source>Show the draft as saved by the other person; your unsaved edits are dropped</source>
        <translation>显示对方保存的草稿；您未保存的修改将被放弃</translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation>字段(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;orms</source>
        <translation>表单(&amp;O)</translation>
    </message>
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
        <source>Add entity %1</source>
        <translation>新增实体 %1</translation>
    </message>
    <message>
        <source>New entity</source>
        <translation>新建实体</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Label (中文)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>名称（英文）</translation>
    </message>
</context>
<context>
    <name>FieldDesigner</name>
    <message>
        <source>&amp;Add field…</source>
        <translation>新增字段(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a field to this entity (Ctrl+Shift+N)</source>
        <translation>为此实体新增字段（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the field up (Alt+Up)</source>
        <translation>上移字段（Alt+↑）</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Move the field down (Alt+Down)</source>
        <translation>下移字段（Alt+↓）</translation>
    </message>
    <message>
        <source>De&amp;precate</source>
        <translation>弃用(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>隐藏(&amp;H)</translation>
    </message>
    <message>
        <source>Un&amp;deprecate</source>
        <translation>取消弃用(&amp;D)</translation>
    </message>
    <message>
        <source>Un&amp;hide</source>
        <translation>取消隐藏(&amp;H)</translation>
    </message>
    <message>
        <source>Edit %1.%2</source>
        <translation>编辑 %1.%2</translation>
    </message>
    <message>
        <source>Move field %1</source>
        <translation>移动字段 %1</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>新建字段</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
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
        <source>Refers to (reference fields)</source>
        <translation>引用目标（引用字段）</translation>
    </message>
    <message>
        <source>Add field %1</source>
        <translation>新增字段 %1</translation>
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
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>已弃用</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>&amp;Fix</source>
        <translation>修复(&amp;F)</translation>
    </message>
    <message>
        <source>Apply the selected finding&apos;s fix (undoable)</source>
        <translation>应用所选问题的修复（可撤销）</translation>
    </message>
    <message>
        <source>No findings: the draft passes every check.</source>
        <translation>没有发现问题：草稿通过了所有检查。</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s); errors block submitting the change.</source>
        <translation>%1 个错误，%2 个警告；有错误时不能提交变更。</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
</context>
<context>
    <name>FormDesigner</name>
    <message>
        <source>New &amp;form…</source>
        <translation>新建表单(&amp;F)…</translation>
    </message>
    <message>
        <source>New &amp;section…</source>
        <translation>新建分区(&amp;S)…</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>表单：</translation>
    </message>
    <message>
        <source>&amp;Remove from form</source>
        <translation>从表单移除(&amp;R)</translation>
    </message>
    <message>
        <source>Take the selected field off this form (Del)</source>
        <translation>把所选字段从此表单移除（Del）</translation>
    </message>
    <message>
        <source>Toggle &amp;read-only</source>
        <translation>切换只读(&amp;R)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Fields (drag onto the form)</source>
        <translation>字段（拖到表单上）</translation>
    </message>
    <message>
        <source>Form layout</source>
        <translation>表单布局</translation>
    </message>
    <message>
        <source>Live preview</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <source>create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>移动端</translation>
    </message>
    <message>
        <source>Place %1 on the form</source>
        <translation>把 %1 放到表单上</translation>
    </message>
    <message>
        <source>Remove %1 from the form</source>
        <translation>把 %1 从表单移除</translation>
    </message>
    <message>
        <source>Mark %1 read-only</source>
        <translation>将 %1 设为只读</translation>
    </message>
    <message>
        <source>Make %1 editable</source>
        <translation>将 %1 设为可编辑</translation>
    </message>
    <message>
        <source>Move %1 to column %2</source>
        <translation>把 %1 移到第 %2 列</translation>
    </message>
    <message>
        <source>Add form %1</source>
        <translation>新增表单 %1</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>新建表单</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用于</translation>
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
        <source>Add section %1</source>
        <translation>新增分区 %1</translation>
    </message>
    <message>
        <source>New section</source>
        <translation>新建分区</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <source>Already on this form</source>
        <translation>已在此表单上</translation>
    </message>
    <message>
        <source>Drag onto a section of the form</source>
        <translation>拖到表单的某个分区上</translation>
    </message>
    <message>
        <source>Section / field</source>
        <translation>分区 / 字段</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n 列</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormPreview</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <source>No form to preview: add one with “New form…”.</source>
        <translation>没有可预览的表单：请用“新建表单…”添加一个。</translation>
    </message>
    <message>
        <source>Saving will always fail: required field(s) %1 cannot be filled in on this form and have no default.</source>
        <translation>保存总会失败：必填字段 %1 无法在此表单上填写，且没有默认值。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标记的字段。</translation>
    </message>
    <message>
        <source>Saved (preview only: nothing is stored).</source>
        <translation>已保存（仅预览：不会存储任何数据）。</translation>
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
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Nothing to undo here</source>
        <translation>此处没有可撤销的操作</translation>
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
    <name>OptionsEditor</name>
    <message>
        <source>Key</source>
        <extracomment>the rows as (key, 中文, English), when Apply is pressed</extracomment>
        <translation>键</translation>
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
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply options</source>
        <translation>应用选项</translation>
    </message>
</context>
<context>
    <name>PermissionsPane</name>
    <message>
        <source>C = create, R = read, U = update, D = delete; · = not allowed. Field-level permissions and the permission health check come with the permission matrix editor.</source>
        <translation>C = 新建，R = 查看，U = 编辑，D = 删除；· = 不允许。字段级权限和权限健康检查将随权限矩阵编辑器提供。</translation>
    </message>
</context>
<context>
    <name>PropertyEditor</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
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
        <source>Refers to</source>
        <translation>引用目标</translation>
    </message>
    <message>
        <source>(any part)</source>
        <translation>（任意部分）</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Full address</source>
        <translation>完整地址</translation>
    </message>
    <message>
        <source>Address part</source>
        <translation>地址部分</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
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
        <source>Deprecated</source>
        <translation>已弃用</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>empty = no default</source>
        <translation>留空 = 无默认值</translation>
    </message>
    <message>
        <source>Backfill for existing records</source>
        <translation>现有记录的回填值</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Pattern (regex)</source>
        <translation>格式（正则表达式）</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Select a field to edit its properties.</source>
        <translation>选择一个字段以编辑其属性。</translation>
    </message>
    <message>
        <source>Field %1</source>
        <translation>字段 %1</translation>
    </message>
    <message>
        <source> — live on the server: its key cannot change</source>
        <translation> — 已在服务器上发布：其键不能更改</translation>
    </message>
    <message>
        <source>option keys, comma-separated: %1</source>
        <translation>选项键，用逗号分隔：%1</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>a number, e.g. 0</source>
        <translation>数字，例如 0</translation>
    </message>
    <message>
        <source>an amount, e.g. 0.00</source>
        <translation>金额，例如 0.00</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS</source>
        <translation>YYYY-MM-DD HH:MM:SS</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
</context>
</TS>
