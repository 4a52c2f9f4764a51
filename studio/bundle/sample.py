"""The sample CRM configuration of DESIGN.md: what a newcomer lands in, and what tests rely on."""

from __future__ import annotations

from typing import Any

from studio.bundle.access import AccessSection, FieldPolicy, Team, TeamLabel
from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldDef,
    FieldPermission,
    FieldType,
    Form,
    Label,
    Option,
    Placement,
    Role,
    Section,
    UserAssignment,
    Validation,
)

T = FieldType


def _l(zh: str, en: str) -> Label:
    return Label(zh_CN=zh, en=en)


def _f(key: str, zh: str, en: str, type_: FieldType, **kw: Any) -> FieldDef:
    return FieldDef(key=key, label=_l(zh, en), type=type_, **kw)


def _opts(*pairs: tuple[str, str, str]) -> tuple[Option, ...]:
    return tuple(Option(key=k, label=_l(zh, en)) for k, zh, en in pairs)


MOBILE_CN = Validation(
    regex=r"^1[3-9]\d{9}$",
    hint=Label(zh_CN="11 位手机号，以 1 开头", en="an 11-digit mobile number starting with 1"),
)
CREDIT_CODE = Validation(
    regex=r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    hint=Label(
        zh_CN="18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z）",
        en="an 18-character unified social credit code (digits and capital letters except I, O, S, V, Z)",
    ),
)


def _customer() -> Entity:
    fields = (
        _f("name", "客户名称", "Customer name", T.text, required=True, max_length=100),
        _f(
            "mobile",
            "手机号",
            "Mobile",
            T.phone,
            unique=True,
            searchable=True,
            validation=MOBILE_CN,
        ),
        _f("email", "邮箱", "Email", T.email, max_length=254),
        _f("company", "企业全称", "Company name", T.text, searchable=True, max_length=200),
        _f(
            "credit_code",
            "统一社会信用代码",
            "Unified social credit code",
            T.text,
            max_length=18,
            validation=CREDIT_CODE,
        ),
        _f("province", "省", "Province", T.address, address_part="province"),
        _f("city", "市", "City", T.address, address_part="city"),
        _f("district", "区", "District", T.address, address_part="district"),
        _f(
            "source",
            "来源渠道",
            "Source",
            T.select,
            default="website",
            options=_opts(
                ("website", "官网", "Website"),
                ("exhibition", "展会", "Exhibition"),
                ("referral", "转介绍", "Referral"),
                ("wechat", "微信", "WeChat"),
                ("cold_call", "电话开发", "Cold call"),
            ),
        ),
        _f(
            "industry",
            "行业",
            "Industry",
            T.select,
            options=_opts(
                ("manufacturing", "制造业", "Manufacturing"),
                ("saas", "软件服务", "SaaS"),
                ("education", "教育", "Education"),
                ("trade", "贸易", "Trade"),
                ("other", "其他", "Other"),
            ),
        ),
        _f("owner", "负责人", "Owner", T.reference, reference="user"),
        _f("budget", "预算", "Budget", T.money, validation=Validation(min=0)),
        _f("created_at", "创建时间", "Created at", T.datetime),
        _f("notes", "备注", "Notes", T.long_text, max_length=2000),
    )
    main = (
        "name",
        "mobile",
        "email",
        "company",
        "credit_code",
        "province",
        "city",
        "district",
        "source",
        "industry",
        "owner",
        "budget",
    )
    create = Form(
        key="create",
        kind="create",
        label=_l("新建客户", "New customer"),
        sections=(
            Section(
                key="basic",
                label=_l("基本信息", "Basics"),
                columns=2,
                placements=tuple(Placement(field=k, column=i % 2) for i, k in enumerate(main)),
            ),
            Section(key="more", label=_l("其他", "More"), placements=(Placement(field="notes"),)),
        ),
    )
    edit = Form(
        key="edit",
        kind="edit",
        label=_l("编辑客户", "Edit customer"),
        sections=(
            Section(
                key="basic",
                label=_l("基本信息", "Basics"),
                columns=2,
                placements=tuple(Placement(field=k, column=i % 2) for i, k in enumerate(main)),
            ),
            Section(
                key="system",
                label=_l("系统信息", "System"),
                placements=(
                    Placement(field="created_at", read_only=True),
                    Placement(field="notes"),
                ),
            ),
        ),
    )
    mobile = Form(
        key="mobile",
        kind="mobile",
        label=_l("移动端客户", "Customer (mobile)"),
        sections=(
            Section(
                key="basic",
                label=_l("基本信息", "Basics"),
                placements=(
                    Placement(field="name"),
                    Placement(field="mobile"),
                    Placement(field="company"),
                    Placement(field="source"),
                ),
            ),
        ),
    )
    return Entity(
        key="customer", label=_l("客户", "Customer"), fields=fields, forms=(create, edit, mobile)
    )


def _simple_form(entity: str, zh: str, en: str, keys: list[str]) -> Form:
    return Form(
        key="create",
        kind="create",
        label=_l(f"新建{zh}", f"New {en.lower()}"),
        sections=(
            Section(
                key="basic",
                label=_l("基本信息", "Basics"),
                columns=2,
                placements=tuple(Placement(field=k, column=i % 2) for i, k in enumerate(keys)),
            ),
        ),
    )


def _contact() -> Entity:
    fields = (
        _f("name", "姓名", "Name", T.text, required=True, max_length=50),
        _f("customer", "所属客户", "Customer", T.reference, reference="customer"),
        _f("title", "职务", "Job title", T.text, max_length=50),
        _f("mobile", "手机号", "Mobile", T.phone, searchable=True, validation=MOBILE_CN),
        _f("email", "邮箱", "Email", T.email),
        _f("wechat", "微信号", "WeChat ID", T.text, max_length=50),
    )
    return Entity(
        key="contact",
        label=_l("联系人", "Contact"),
        fields=fields,
        forms=(_simple_form("contact", "联系人", "Contact", [f.key for f in fields]),),
    )


def _lead() -> Entity:
    fields = (
        _f("name", "姓名", "Name", T.text, required=True, max_length=50),
        _f("mobile", "手机号", "Mobile", T.phone, searchable=True, validation=MOBILE_CN),
        _f("company", "公司", "Company", T.text, max_length=200),
        _f("province", "省", "Province", T.address, address_part="province"),
        _f("city", "市", "City", T.address, address_part="city"),
        _f("district", "区", "District", T.address, address_part="district"),
        _f(
            "source",
            "来源渠道",
            "Source",
            T.select,
            default="website",
            options=_opts(
                ("website", "官网", "Website"),
                ("exhibition", "展会", "Exhibition"),
                ("ads", "广告投放", "Ads"),
                ("referral", "转介绍", "Referral"),
            ),
        ),
        _f(
            "status",
            "状态",
            "Status",
            T.select,
            required=True,
            default="new",
            options=_opts(
                ("new", "新线索", "New"),
                ("contacted", "已联系", "Contacted"),
                ("qualified", "已确认", "Qualified"),
                ("lost", "无效", "Lost"),
            ),
        ),
        _f("owner", "负责人", "Owner", T.reference, reference="user"),
    )
    return Entity(
        key="lead",
        label=_l("线索", "Lead"),
        fields=fields,
        forms=(_simple_form("lead", "线索", "Lead", [f.key for f in fields]),),
    )


def _opportunity() -> Entity:
    fields = (
        _f("name", "商机名称", "Opportunity", T.text, required=True, max_length=100),
        _f("customer", "客户", "Customer", T.reference, reference="customer"),
        _f(
            "stage",
            "阶段",
            "Stage",
            T.select,
            required=True,
            default="discovery",
            options=_opts(
                ("discovery", "需求确认", "Discovery"),
                ("proposal", "方案报价", "Proposal"),
                ("negotiation", "商务谈判", "Negotiation"),
                ("won", "赢单", "Won"),
                ("lost", "输单", "Lost"),
            ),
        ),
        _f("amount", "金额", "Amount", T.money, validation=Validation(min=0)),
        _f("expected_close", "预计成交日期", "Expected close", T.date),
        _f("owner", "负责人", "Owner", T.reference, reference="user"),
    )
    return Entity(
        key="opportunity",
        label=_l("商机", "Opportunity"),
        fields=fields,
        forms=(_simple_form("opportunity", "商机", "Opportunity", [f.key for f in fields]),),
    )


def _contract() -> Entity:
    fields = (
        _f(
            "number",
            "合同编号",
            "Contract number",
            T.text,
            required=True,
            unique=True,
            max_length=40,
        ),
        _f("customer", "客户", "Customer", T.reference, reference="customer"),
        _f(
            "contract_amount",
            "合同金额",
            "Contract amount",
            T.money,
            sensitive=True,
            validation=Validation(min=0),
        ),
        _f("signed_on", "签约日期", "Signed on", T.date),
        _f("signed", "已盖章", "Sealed", T.boolean, default=False),
        _f("owner", "负责人", "Owner", T.reference, reference="user"),
    )
    return Entity(
        key="contract",
        label=_l("合同", "Contract"),
        fields=fields,
        forms=(_simple_form("contract", "合同", "Contract", [f.key for f in fields]),),
    )


ROLES = (
    ("admin", "系统管理员", "Administrator"),
    ("it_admin", "IT 管理员", "IT admin"),
    ("business_lead", "业务负责人", "Business lead"),
    ("sales_director", "销售总监", "Sales director"),
    ("sales", "销售", "Sales"),
    ("finance", "财务", "Finance"),
    ("service", "客服", "Customer service"),
    ("hr", "人事", "HR"),
    ("intern", "实习生", "Intern"),
)

DEMO_USERS = (
    ("lin", "林晓 Lin Xiao", "it_admin"),
    ("chen", "陈建国 Chen Jianguo", "it_admin"),
    ("zhou", "周敏 Zhou Min", "business_lead"),
    ("wu", "吴磊 Wu Lei", "sales"),
    ("zhao", "赵婷 Zhao Ting", "intern"),
    ("admin", "管理员 Admin", "admin"),
)

#: role -> (create, read, update, delete) on every entity; the sample keeps delete with admin.
_CRUD = {
    "admin": (True, True, True, True),
    "it_admin": (True, True, True, False),
    "business_lead": (True, True, True, False),
    "sales_director": (True, True, True, False),
    "sales": (True, True, True, False),
    "finance": (False, True, False, False),
    "service": (False, True, True, False),
    "hr": (False, False, False, False),
    "intern": (False, True, False, False),
}

#: Roles that may see the sensitive contract amount.
_SENSITIVE_READERS = {"admin", "business_lead", "sales_director", "finance"}


def sample_bundle() -> Bundle:
    """The sample configuration: five entities, nine roles, six demo users."""
    entities = (_customer(), _contact(), _lead(), _opportunity(), _contract())
    entity_permissions = tuple(
        EntityPermission(role=role, entity=e.key, create=c, read=r, update=u, delete=d)
        for role, (c, r, u, d) in _CRUD.items()
        for e in entities
    )
    entity_permissions = tuple(
        _SALES_ON_CUSTOMER if (p.role, p.entity) == ("sales", "customer") else p
        for p in entity_permissions
    )
    # Everyone outside the readers sees a grey "restricted" placeholder, never the amount.
    field_permissions = tuple(
        FieldPermission(
            role=role,
            entity="contract",
            field="contract_amount",
            access=("edit" if role in {"admin", "finance"} else "read")
            if role in _SENSITIVE_READERS
            else "masked",
        )
        for role, _zh, _en in ROLES
    )
    return Bundle(
        entities=entities,
        roles=tuple(Role(key=k, label=_l(zh, en)) for k, zh, en in ROLES),
        entity_permissions=entity_permissions,
        field_permissions=field_permissions,
        users=tuple(UserAssignment(user=u, display_name=n, role=r) for u, n, r in DEMO_USERS),
        access=_ACCESS,
    )


#: Sales edit and archive their own customers and see their team's; only admin deletes (the
#: salesperson who deleted a customer the day after a video call with him).
_SALES_ON_CUSTOMER = EntityPermission(
    role="sales",
    entity="customer",
    create=True,
    read=True,
    update=True,
    delete=False,
    scopes={"create": "all", "read": "team", "edit": "own", "archive": "own"},
)

_ACCESS = AccessSection(
    protected=("customer", "contract"),
    teams=(
        Team(
            key="east_sales",
            label=TeamLabel(zh_CN="华东销售组", en="East China sales"),
            leader="zhou",
            members=("wu",),
        ),
    ),
    fields=(
        FieldPolicy(
            entity="contract", field="contract_amount", readers=tuple(sorted(_SENSITIVE_READERS))
        ),
        FieldPolicy(entity="customer", field="mobile", mask="last4"),
    ),
)
