"""The permission rules (issue 14): pure functions over the bundle, in ``studio check``, at submit,
on the server, and inline in the permission matrices.

They judge *effective* access (``studio.access.effective``), the same computation that answers
"What can this user do?", so a finding and the access view never disagree. The lock-out rules
compare with the live bundle: a change that leaves no active admin, or no registered approver for
a role the approval policy requires, is an error, and errors are refused at submit and by the
server whatever the approvals.
"""

from __future__ import annotations

from studio.access.effective import (
    hidden_from_every_role,
    policies,
    role_field_access,
    role_scopes,
)
from studio.bundle.access import ADMIN_ROLE, GENERIC_ACCOUNTS, access_of
from studio.bundle.model import Bundle
from studio.i18n import Message, language, name_list, tr
from studio.lint import DataStats, rule
from studio.lint.common import name, role_name
from studio.lint.findings import Finding, Fix, Severity

#: The codes of the permission rules (the Permissions pane shows their findings; other panes
#: show only the ones that block a submit).
CODES = frozenset(
    {
        "protected_delete",
        "sensitive_readers_unset",
        "sensitive_field_exposed",
        "too_many_admins",
        "generic_admin_account",
        "disabled_user_is_approver",
        "disabled_user_holds_records",
        "role_unused",
        "field_hidden_from_all",
        "team_scope_without_team",
        "lockout_no_admin",
        "lockout_no_approver",
    }
)


def _active_holders(bundle: Bundle, role: str) -> list[str]:
    return [u.user for u in bundle.users if u.role == role and not u.disabled]


@rule
def delete_on_protected(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """Only admin deletes records of a protected entity; everyone else archives them."""
    findings: list[Finding] = []
    for key in access_of(bundle).protected:
        entity = bundle.entity(key)
        if entity is None:
            continue
        for role in bundle.roles:
            if role.key == ADMIN_ROLE or "delete" not in role_scopes(bundle, role.key, key):
                continue
            findings.append(
                Finding(
                    Severity.error,
                    "protected_delete",
                    tr(
                        "Role {role} may delete {entity} records, which are protected: only "
                        "admin deletes them. Let the role archive them instead (hidden, history "
                        "kept).",
                        role=role_name(bundle, role.key),
                        entity=name(entity),
                    ),
                    entity=key,
                    role=role.key,
                    fix=Fix(
                        "archive_instead",
                        tr(
                            "Archive instead of delete for {role}", role=role_name(bundle, role.key)
                        ),
                        {"role": role.key, "entity": key},
                    ),
                )
            )
    return findings


@rule
def sensitive_field_readers(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """A sensitive field is read only by its readers; without named readers, a warning says who
    reads it."""
    findings: list[Finding] = []
    known = policies(bundle)
    for entity in bundle.entities:
        sensitive = [f for f in entity.fields if f.sensitive]
        if not sensitive:
            continue
        levels = {r.key: role_field_access(bundle, r.key, entity.key) for r in bundle.roles}
        for fd in sensitive:
            policy = known.get((entity.key, fd.key))
            readers = policy.readers if policy is not None else None
            seeing = [r for r, lv in levels.items() if lv.get(fd.key) in ("read", "edit")]
            if readers is None:
                others = [r for r in seeing if r != ADMIN_ROLE]
                if others:
                    findings.append(
                        Finding(
                            Severity.warning,
                            "sensitive_readers_unset",
                            tr(
                                "Sensitive field {field} names no readers, so roles {roles} "
                                "see it. Name the roles that may read it.",
                                field=name(fd),
                                roles=name_list(others[:10]),
                            ),
                            entity=entity.key,
                            field=fd.key,
                        )
                    )
                continue
            for role in seeing:
                if role in readers:
                    continue
                findings.append(
                    Finding(
                        Severity.error,
                        "sensitive_field_exposed",
                        tr(
                            "Role {role} can {access} sensitive field {field}, but is not one of "
                            "its readers ({readers}). Mask it for that role.",
                            role=role_name(bundle, role),
                            access=tr("edit") if levels[role][fd.key] == "edit" else tr("read"),
                            field=name(fd),
                            readers=name_list(readers) or "—",
                        ),
                        entity=entity.key,
                        field=fd.key,
                        role=role,
                        fix=Fix(
                            "mask_field",
                            tr(
                                "Mask {field} for {role}",
                                field=name(fd),
                                role=role_name(bundle, role),
                            ),
                            {"role": role, "entity": entity.key, "field": fd.key},
                        ),
                    )
                )
    return findings


@rule
def admin_accounts(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    """Few admins, and none of them a shared account (where leavers kept logging in)."""
    findings: list[Finding] = []
    admins = [u for u in bundle.users if u.role == ADMIN_ROLE and not u.disabled]
    limit = access_of(bundle).max_admins
    if len(admins) > limit:
        findings.append(
            Finding(
                Severity.warning,
                "too_many_admins",
                tr(
                    "{count} users hold admin ({users}); at most {limit} should.",
                    count=len(admins),
                    users=name_list(u.user for u in admins[:10]),
                    limit=limit,
                ),
                role=ADMIN_ROLE,
            )
        )
    for u in admins:
        names = {u.user.casefold(), *(w.casefold() for w in u.display_name.split())}
        if names & GENERIC_ACCOUNTS:
            findings.append(
                Finding(
                    Severity.warning,
                    "generic_admin_account",
                    tr(
                        "Admin is held by {user}, a generic account name: a shared account "
                        "outlives the people who know its password. Give admin to a named "
                        "person.",
                        user=u.user,
                    ),
                    role=ADMIN_ROLE,
                )
            )
    return findings


@rule
def disabled_users(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    """A leaver holds no records (they were handed over) and approves nothing."""
    findings: list[Finding] = []
    handed = {h.user for h in access_of(bundle).handovers}
    owners = (stats.extra.get("owners") if stats is not None else None) or {}
    approvers = {a.user for a in bundle.approvers or ()}
    for u in bundle.users:
        if not u.disabled:
            continue
        if u.user in approvers:
            findings.append(
                Finding(
                    Severity.error,
                    "disabled_user_is_approver",
                    tr(
                        "{user} is disabled but still an approver: revoke their approver key.",
                        user=u.user,
                    ),
                    role=u.role,
                )
            )
        held = owners.get(u.user)
        if u.user in handed or held == 0:
            continue
        if held:
            text = tr(
                "{user} is disabled and {n} records still name them as owner: hand them "
                "over to a colleague.",
                user=u.user,
                n=held,
            )
        else:
            text = tr(
                "{user} is disabled and no hand-over of their records is part of the "
                "configuration: records may still name them as owner.",
                user=u.user,
            )
        findings.append(
            Finding(
                Severity.error if held else Severity.warning,
                "disabled_user_holds_records",
                text,
                role=u.role,
            )
        )
    return findings


@rule
def roles_and_fields_unused(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """Roles nobody holds, and fields no role can see."""
    findings: list[Finding] = []
    held = {u.role for u in bundle.users if not u.disabled}
    if bundle.users:
        for role in bundle.roles:
            if role.key not in held:
                findings.append(
                    Finding(
                        Severity.info,
                        "role_unused",
                        tr("No active user holds role {role}.", role=role_name(bundle, role.key)),
                        role=role.key,
                    )
                )
    if not bundle.roles:
        return findings
    lang = language()  # asked once: an entity hidden from every role words thousands of these
    for entity in bundle.entities:
        unseen = hidden_from_every_role(bundle, entity.key)
        if not unseen:
            continue
        for fd in entity.fields:
            if fd.key in unseen and not fd.hidden and not fd.deprecated:
                findings.append(
                    Finding(
                        Severity.warning,
                        "field_hidden_from_all",
                        Message(
                            "Field {field} is hidden from every role.", field=name(fd, lang)
                        ).render(lang),
                        entity=entity.key,
                        field=fd.key,
                    )
                )
    return findings


@rule
def team_scope_needs_teams(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """A ``team`` scope means nothing for a user who is in no team."""
    section = access_of(bundle)
    in_team = {m for t in section.teams for m in (*t.members, *((t.leader,) if t.leader else ()))}
    findings: list[Finding] = []
    for role in bundle.roles:
        if not any(
            "team" in role_scopes(bundle, role.key, e.key).values() for e in bundle.entities
        ):
            continue
        alone = [u for u in _active_holders(bundle, role.key) if u not in in_team]
        if alone:
            findings.append(
                Finding(
                    Severity.warning,
                    "team_scope_without_team",
                    tr(
                        "Role {role} has team scope, but {users} are in no team: they see only "
                        "their own records.",
                        role=role_name(bundle, role.key),
                        users=name_list(alone[:10]),
                    ),
                    role=role.key,
                )
            )
    return findings


def _approver_roles(bundle: Bundle, registry: Bundle) -> set[str]:
    """The policy roles that still have an approver whose user is active in ``bundle``."""
    disabled = {u.user for u in bundle.users if u.disabled}
    return {a.role for a in registry.approvers or () if a.user not in disabled}


@rule
def lockout(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    """A change must not lock the company out: an active admin, and an approver for every role
    the approval policy requires, must remain (compared with what is live)."""
    findings: list[Finding] = []
    had_admin = (
        bool(_active_holders(live, ADMIN_ROLE)) if live is not None else bundle.access is not None
    )
    if had_admin and not _active_holders(bundle, ADMIN_ROLE):
        findings.append(
            Finding(
                Severity.error,
                "lockout_no_admin",
                tr(
                    "No active user would hold admin: nobody could change permissions any "
                    "more. Keep at least one active admin."
                ),
                role=ADMIN_ROLE,
            )
        )
    if live is not None and live.approvers:
        registry = bundle if bundle.approvers is not None else live
        before = _approver_roles(live, live)
        after = _approver_roles(bundle, registry)
        for role in bundle.policy.required_roles:
            if role in before and role not in after:
                findings.append(
                    Finding(
                        Severity.error,
                        "lockout_no_approver",
                        tr(
                            "No active approver would be left for role {role}, which the "
                            "approval policy requires: no later change could be approved.",
                            role=role_name(bundle, role),
                        ),
                        role=role,
                    )
                )
    return findings


def permission_findings(
    bundle: Bundle, live: Bundle | None = None, stats: DataStats | None = None
) -> list[Finding]:
    """The permission rules' findings alone (the matrices show them inline), errors first;
    ``stats``: what the server counted (the records leavers still own)."""
    rules = (
        delete_on_protected,
        sensitive_field_readers,
        admin_accounts,
        disabled_users,
        roles_and_fields_unused,
        team_scope_needs_teams,
        lockout,
    )
    found = [f for fn in rules for f in fn(bundle, stats, live)]
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    return sorted(found, key=lambda f: order[f.severity])
