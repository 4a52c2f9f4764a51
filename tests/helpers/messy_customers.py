"""Messy customer workbooks with known truth (Faker ``zh_CN``), for linkage scores and benchmarks.

Each generated person writes one or more rows the way hand-kept sheets hold them: hanzi,
traditional characters, pinyin in either order, with or without spaces, capitals or tone marks;
mobiles in seven formats, sometimes with two neighbouring digits swapped; e-mails in any case,
with domain typos or missing; landline-only rows; a person who changed jobs (new company and
e-mail, same mobile). Traps: namesakes (张伟 and 张伟, different people), two people behind one
mobile (a family, a switchboard), colleagues behind one company mailbox (sales@).

``generate(n_people, seed)`` returns the rows (header first) and, per data row, the person it
belongs to; ``score(...)`` turns an import report into precision and recall.

``generate(..., harder=True)`` dresses the same rows up further, from a random stream of its own
(so that the default output, the benchmark's workbook, stays as it is): pinyin as "ZHANG San" /
"San ZHANG" / "Zhang, San", mobiles in full-width digits or with "(0086)" / "（+86）", landlines
with extensions ("-8001", "转8001"), company names in traditional characters, and a 统一社会信用代码
column whose codes are valid except for a few with a bad checksum (those rows are rejected).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

HEADER = [
    "客户名称",
    "手机",
    "邮箱",
    "企业全称",
    "省",
    "市",
    "来源渠道",
    "行业",
    "预算",
    "创建时间",
    "备注",
    "职务",
    "负责人",
    "统一社会信用代码",
    "区",
    "电话",
    "微信",
    "QQ",
    "地址",
    "生日",
]

# simplified -> traditional for the characters Faker's names use most
TRADITIONAL = dict(
    zip(
        "张陈刘杨黄赵吴孙马罗郑谢许韩冯邓肖董蒋苏叶吕卢钟谭陆范贾韦邹闫龙贺顾龚万钱严汤伟华丽军静强艳杰涛刚红玲辉鹏飞凯帅宁欢阳国兰凤云颖东晓诗轩泽娟勇",
        "張陳劉楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭董蔣蘇葉呂盧鍾譚陸範賈韋鄒閆龍賀顧龔萬錢嚴湯偉華麗軍靜強艷傑濤剛紅玲輝鵬飛凱帥寧歡陽國蘭鳳雲穎東曉詩軒澤娟勇",
        strict=True,
    )
)
COMMON_NAMES = ["张伟", "王芳", "李娜", "刘洋", "王静", "李强", "张敏", "王磊", "陈静", "刘杰"]
MOBILE_PREFIXES = [
    *(f"13{d}" for d in range(10)),
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "177",
    "180",
    "181",
    "182",
    "183",
    "186",
    "187",
    "188",
    "189",
    "198",
    "199",
]
DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "sina.com", "foxmail.com"]
TYPOS = {
    "qq.com": "qq.con",
    "163.com": "163.cm",
    "126.com": "126.con",
    "gmail.com": "gmial.com",
    "sina.com": "sina.con",
    "foxmail.com": "foxmail.con",
}
SOURCES = ["官网", "展会", "转介绍", "微信", "电话开发", "Website", "exhibition"]
INDUSTRIES = ["制造业", "软件服务", "教育", "贸易", "其他"]


@dataclass
class Person:
    id: int
    name: str
    mobile: str | None
    email: str | None
    company: str
    province: str
    city: str
    landline: str | None = None


@dataclass(frozen=True)
class Messy:
    rows: list[list[Any]]  # header first
    truth: list[int]  # person id per data row (row i+2 of the sheet)
    traps: set[tuple[int, int]]  # sheet-row pairs that must never merge automatically


def _pinyin(name: str) -> list[str]:
    """How the person spells their name: a surname such as 曾 is Zeng, not ceng."""
    from pypinyin import Style, lazy_pinyin

    from importers.aliases import SURNAME_READINGS

    syllables = lazy_pinyin(name, style=Style.NORMAL)
    if name[:1] in SURNAME_READINGS:
        syllables[0] = SURNAME_READINGS[name[0]]
    return syllables


def _tones(name: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(name, style=Style.TONE)


def _name_variant(rnd: random.Random, name: str) -> str:
    syl = _pinyin(name)
    surname, given = syl[0], "".join(syl[1:])
    kind = rnd.random()
    if kind < 0.45:
        return name
    if kind < 0.55:
        return "".join(TRADITIONAL.get(c, c) for c in name)
    if kind < 0.68:
        return f"{surname.title()} {given.title()}"
    if kind < 0.78:
        return f"{given.title()} {surname.title()}"
    if kind < 0.84:
        return f"{surname.upper()} {given.upper()}"
    if kind < 0.90:
        return (surname + given).lower()
    if kind < 0.95:
        tones = _tones(name)
        return f"{tones[0].title()} {''.join(tones[1:])}"
    return f"{surname.title()}-{given.title()}"


def _phone_variant(rnd: random.Random, mobile: str, transpose: float) -> str:
    if rnd.random() < transpose:
        i = rnd.randrange(3, 10)
        digits = list(mobile)
        if digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            mobile = "".join(digits)
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    return rnd.choice(
        [
            mobile,
            mobile,
            f"{a}-{b}-{c}",
            f"+86 {a} {b} {c}",
            f"(+86){mobile}",
            f"0086-{mobile}",
            f"86 {mobile}",
            f"{a} {b} {c}",
        ]
    )


def _email_variant(rnd: random.Random, email: str | None) -> str | None:
    if email is None or rnd.random() < 0.15:
        return None
    local, domain = email.split("@")
    r = rnd.random()
    if r < 0.08 and domain in TYPOS:
        domain = TYPOS[domain]
    if rnd.random() < 0.3:
        return f"{local.title()}@{domain.upper() if rnd.random() < 0.5 else domain}"
    return f"{local}@{domain}"


_FULL_WIDTH = str.maketrans("0123456789-()+ ", "０１２３４５６７８９－（）＋　")


def _hard_name(hr: random.Random, name: str) -> str:
    syl = _pinyin(name)
    surname, given = syl[0], "".join(syl[1:])
    return hr.choice(
        [
            f"{surname.upper()} {given.title()}",
            f"{given.title()} {surname.upper()}",
            f"{surname.title()}, {given.title()}",
            f"{surname.lower()} {given.lower()}",
        ]
    )


def _hard_mobile(hr: random.Random, mobile: str) -> str:
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    return hr.choice(
        [
            mobile.translate(_FULL_WIDTH),
            f"{a}-{b}-{c}".translate(_FULL_WIDTH),
            f"(0086){a}-{b}-{c}",
            f"（+86）{a} {b} {c}",
            f"+86({a}){b}{c}",
        ]
    )


def _credit_code(hr: random.Random) -> str:
    from stdnum.cn import uscc

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = (
        "91"
        + f"{hr.randrange(110000, 659000):06d}"
        + "".join(hr.choice(alphabet) for _ in range(9))
    )
    return body + uscc.calc_check_digit(body)


def _bad_checksum(code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return code[:-1] + alphabet[(alphabet.index(code[-1]) + 1) % len(alphabet)]


def _harden(messy: Messy, seed: int) -> Messy:
    """``messy`` with harder spellings (see the module's docstring); the truth is unchanged."""
    import opencc

    hr = random.Random(seed * 7919 + 1)
    s2t = opencc.OpenCC("s2t")
    name_at, phone_at, company_at, code_at = (
        HEADER.index(h) for h in ("客户名称", "手机", "企业全称", "统一社会信用代码")
    )
    codes: dict[str, str] = {}  # company -> its code
    first: dict[int, str] = {}  # person -> their name as first written
    rows = [list(r) for r in messy.rows[1:]]
    for row, pid in zip(rows, messy.truth, strict=True):
        seen = pid in first
        first.setdefault(pid, row[name_at])
        if seen and hr.random() < 0.3 and all("\u4e00" <= ch <= "\u9fff" for ch in first[pid]):
            row[name_at] = _hard_name(hr, first[pid])
        phone = row[phone_at]
        if isinstance(phone, str):
            digits = "".join(ch for ch in phone if ch.isdigit())
            if phone.startswith("0") and "-" in phone and len(digits) <= 12:
                if hr.random() < 0.5:  # a landline: an extension, written two ways
                    row[phone_at] = phone + hr.choice(["-8001", "转8001", "-12", " 转 305"])
            elif len(digits) >= 11 and hr.random() < 0.2:
                row[phone_at] = _hard_mobile(hr, digits[-11:])
        company = row[company_at]
        if isinstance(company, str):
            # the company's code (one per company), on half of its rows; a few mistyped
            code = codes.setdefault(company, _credit_code(hr))
            if hr.random() < 0.5:
                row[code_at] = _bad_checksum(code) if hr.random() < 0.02 else code
            if seen and hr.random() < 0.25:
                row[company_at] = s2t.convert(company)
    return Messy([HEADER, *rows], messy.truth, messy.traps)


def generate(
    n_people: int, seed: int = 7, *, dup_share: float = 0.35, harder: bool = False
) -> Messy:
    from faker import Faker

    rnd = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    used_mobiles: set[str] = set()

    def mobile() -> str:
        while True:
            m = rnd.choice(MOBILE_PREFIXES) + f"{rnd.randrange(10**8):08d}"
            if m not in used_mobiles:
                used_mobiles.add(m)
                return m

    used_mails: set[str] = set()
    people: list[Person] = []
    companies = [fake.company() for _ in range(max(n_people // 8, 5))]
    for pid in range(n_people):
        name = rnd.choice(COMMON_NAMES) if rnd.random() < 0.04 else fake.name()
        local = "".join(_pinyin(name)) + (
            str(rnd.randrange(100, 9999)) if rnd.random() < 0.6 else ""
        )
        mail = f"{local}@{rnd.choice(DOMAINS)}"
        while mail in used_mails:  # a mailbox has one owner (shared ones are the traps below)
            mail = f"{local}{rnd.randrange(10, 99999)}@{rnd.choice(DOMAINS)}"
        used_mails.add(mail)
        company = rnd.choice(companies)
        province = fake.province()
        people.append(Person(pid, name, mobile(), mail, company, province, fake.city_name()))
    traps: list[tuple[int, int]] = []  # person pairs
    # two people behind one mobile (a family, a switchboard)
    for k in range(0, n_people // 50):
        a, b = people[2 * k], people[2 * k + 1]
        b.mobile = a.mobile
        traps.append((a.id, b.id))
    # colleagues behind one company mailbox
    for k in range(n_people // 50, n_people // 50 + n_people // 60):
        a, b = people[2 * k], people[2 * k + 1]
        box = f"{rnd.choice(['sales', 'hr', 'info', 'service'])}@{a.id}corp.com"
        a.email = b.email = box
        b.company = a.company
        traps.append((a.id, b.id))
    # landline-only people
    for p in rnd.sample(people, max(n_people // 40, 1)):
        p.landline = (
            f"0{rnd.choice(['21', '10', '571', '755', '20'])}-{rnd.randrange(2 * 10**7, 9 * 10**7)}"
        )
        p.mobile = None

    rows: list[list[Any]] = []
    truth: list[int] = []
    for p in people:
        copies = 1
        if rnd.random() < dup_share:
            copies += 1 + (rnd.random() < 0.35) + (rnd.random() < 0.15)
        job_change = copies > 1 and rnd.random() < 0.1
        for c in range(copies):
            company, email = p.company, p.email
            if job_change and c == copies - 1:
                company = rnd.choice([x for x in companies if x != p.company] or [p.company])
                email = None if email is None else "".join(_pinyin(p.name)) + "@newjob.cn"
            name = p.name if c == 0 else _name_variant(rnd, p.name)
            phone = None
            if p.mobile is not None:
                phone = p.mobile if c == 0 else _phone_variant(rnd, p.mobile, 0.05)
                if c > 0 and rnd.random() < 0.06 and email is not None:
                    phone = None  # a duplicate row without the mobile
            elif p.landline is not None:
                phone = p.landline
            rows.append(
                [
                    name,
                    phone,
                    email if c == 0 else _email_variant(rnd, email),
                    company if rnd.random() < 0.8 else None,
                    p.province,
                    p.city,
                    rnd.choice(SOURCES),
                    rnd.choice(INDUSTRIES),
                    rnd.choice([None, "5000", "1.2万", "¥30,000", "80000元"]),
                    f"2024-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}",
                    rnd.choice([None, "老客户", "需回访", "=SUM(A1:A2)", "VIP"]),
                    rnd.choice([None, "经理", "总监", "采购"]),
                    None,
                    None,
                    None,
                    p.landline,
                    None,
                    None,
                    fake.street_address() if rnd.random() < 0.5 else None,
                    None,
                ]
            )
            truth.append(p.id)
    order = list(range(len(rows)))
    rnd.shuffle(order)
    rows = [rows[i] for i in order]
    truth = [truth[i] for i in order]
    rows_of: dict[int, list[int]] = {}
    for i, pid in enumerate(truth):
        rows_of.setdefault(pid, []).append(i + 2)
    trap_rows = {(min(x, y), max(x, y)) for a, b in traps for x in rows_of[a] for y in rows_of[b]}
    messy = Messy([HEADER, *rows], truth, trap_rows)
    return _harden(messy, seed) if harder else messy


def _pairs(groups: Iterable[Sequence[int]]) -> set[tuple[int, int]]:
    out = set()
    for g in groups:
        g = sorted(g)
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                out.add((g[i], g[j]))
    return out


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    recall_with_review: float
    review_share: float
    traps_merged: int


def score(messy: Messy, report: dict[str, Any]) -> Scores:
    """Precision and recall of the report's automatic merges over the truth's pairs (among the
    accepted rows), recall once a person accepted the right review pairs, and the traps merged."""
    rejected = {r["row"] for r in report["rejections"]}
    by_person: dict[int, list[int]] = {}
    for i, pid in enumerate(messy.truth):
        if i + 2 not in rejected:
            by_person.setdefault(pid, []).append(i + 2)
    true_pairs = _pairs(by_person.values())
    merged = _pairs(report["duplicate_groups"])
    tp = len(merged & true_pairs)
    precision = tp / len(merged) if merged else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0
    person_of = {i + 2: pid for i, pid in enumerate(messy.truth)}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for g in report["duplicate_groups"]:
        for r in g[1:]:
            parent[find(r)] = find(g[0])
    for a, b, _s in report["review_pairs"]:
        if person_of[a] == person_of[b]:
            parent[find(b)] = find(a)
    clusters: dict[int, list[int]] = {}
    for rows in by_person.values():
        for r in rows:
            clusters.setdefault(find(r), []).append(r)
    with_review = len(_pairs(clusters.values()) & true_pairs)
    return Scores(
        precision=precision,
        recall=recall,
        recall_with_review=with_review / len(true_pairs) if true_pairs else 1.0,
        review_share=len(report["review_pairs"]) / max(report["rows_read"], 1),
        traps_merged=len(merged & messy.traps),
    )
