"""SQLAlchemy 2 models of a workspace.

The relational tables (entities, fields, forms, roles, permissions, users) *are* the workspace's one
draft, so that two editors of a shared workspace conflict per row (``version_id_col``) rather than
per bundle. Frozen things (change requests, releases) keep the bundle's canonical JSON as text,
because that text is what was hashed and signed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# A naming convention keeps constraint names identical on SQLite and PostgreSQL, so that
# migrations written once apply to both.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True)}


class WorkspaceMeta(Base):
    """Key/value facts about the workspace itself (its name, who created it, with what)."""

    __tablename__ = "workspace_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Draft(Base):
    """The one draft of the workspace: its revision and the bundle parts that are not rows."""

    __tablename__ = "draft"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int | None] = mapped_column(Integer)
    thresholds: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    policy: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    rules: Mapped[dict[str, object] | None] = mapped_column(JSON)
    approvers: Mapped[list[dict[str, object]] | None] = mapped_column(JSON)
    #: The bundle's access section (issue 14): teams, field policies, hand-overs.
    access: Mapped[dict[str, object] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    __mapper_args__ = {"version_id_col": revision}


class EntityRow(Base):
    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    label_zh: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    row_version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[list[FieldRow]] = relationship(
        back_populates="entity", order_by="FieldRow.position", cascade="all, delete-orphan"
    )
    forms: Mapped[list[FormRow]] = relationship(
        back_populates="entity", order_by="FormRow.position", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": row_version}


class FieldRow(Base):
    __tablename__ = "fields"
    __table_args__ = (UniqueConstraint("entity_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    label_zh: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    unique: Mapped[bool] = mapped_column(Boolean, default=False)
    searchable: Mapped[bool] = mapped_column(Boolean, default=False)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    deprecated: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    max_length: Mapped[int | None] = mapped_column(Integer)
    # JSON columns keep the typed values (a default may be a number, a list, a bool...).
    default: Mapped[object | None] = mapped_column(JSON)
    backfill: Mapped[object | None] = mapped_column(JSON)
    options: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    validation: Mapped[dict[str, object] | None] = mapped_column(JSON)
    reference: Mapped[str | None] = mapped_column(String(64))
    address_part: Mapped[str | None] = mapped_column(String(16))
    row_version: Mapped[int] = mapped_column(Integer)
    entity: Mapped[EntityRow] = relationship(back_populates="fields")
    __mapper_args__ = {"version_id_col": row_version}


class FormRow(Base):
    __tablename__ = "forms"
    __table_args__ = (UniqueConstraint("entity_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    label_zh: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    row_version: Mapped[int] = mapped_column(Integer)
    entity: Mapped[EntityRow] = relationship(back_populates="forms")
    sections: Mapped[list[FormSectionRow]] = relationship(
        back_populates="form", order_by="FormSectionRow.position", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": row_version}


class FormSectionRow(Base):
    __tablename__ = "form_sections"
    __table_args__ = (UniqueConstraint("form_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    label_zh: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    columns: Mapped[int] = mapped_column(Integer, default=1)
    form: Mapped[FormRow] = relationship(back_populates="sections")
    placements: Mapped[list[FormPlacementRow]] = relationship(
        back_populates="section",
        order_by="FormPlacementRow.position",
        cascade="all, delete-orphan",
    )


class FormPlacementRow(Base):
    __tablename__ = "form_placements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("form_sections.id", ondelete="CASCADE"))
    field_key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    column: Mapped[int] = mapped_column(Integer, default=0)
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    section: Mapped[FormSectionRow] = relationship(back_populates="placements")


class RoleRow(Base):
    __tablename__ = "roles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    label_zh: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    row_version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": row_version}


class EntityPermissionRow(Base):
    __tablename__ = "entity_permissions"
    __table_args__ = (UniqueConstraint("role_id", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    can_create: Mapped[bool] = mapped_column(Boolean, default=False)
    can_read: Mapped[bool] = mapped_column(Boolean, default=False)
    can_update: Mapped[bool] = mapped_column(Boolean, default=False)
    can_delete: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Each granted action with its scope (issue 14); ``None``: the flags, scope ``all``.
    scopes: Mapped[dict[str, str] | None] = mapped_column(JSON)
    row_version: Mapped[int] = mapped_column(Integer)
    role: Mapped[RoleRow] = relationship()
    entity: Mapped[EntityRow] = relationship()
    __mapper_args__ = {"version_id_col": row_version}


class FieldPermissionRow(Base):
    __tablename__ = "field_permissions"
    __table_args__ = (UniqueConstraint("role_id", "field_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"))
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    access: Mapped[str] = mapped_column(String(8))
    row_version: Mapped[int] = mapped_column(Integer)
    role: Mapped[RoleRow] = relationship()
    field: Mapped[FieldRow] = relationship()
    __mapper_args__ = {"version_id_col": row_version}


class UserRow(Base):
    """A person; one role each (shared accounts and role piles are how leavers kept access)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"))
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    row_version: Mapped[int] = mapped_column(Integer)
    role: Mapped[RoleRow] = relationship()
    __mapper_args__ = {"version_id_col": row_version}


class PublicKeyRow(Base):
    """An approver's Ed25519 public key; the private half never leaves the OS keyring."""

    __tablename__ = "public_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), unique=True)
    user_name: Mapped[str] = mapped_column(String(64), index=True)
    public_key: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()


class ChangeRequestRow(Base):
    __tablename__ = "change_requests"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), index=True)
    bundle_json: Mapped[str] = mapped_column(Text)
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    parent_version: Mapped[int | None] = mapped_column(Integer)
    target_version: Mapped[int] = mapped_column(Integer)
    diff: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    findings: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    rollback_of: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approvals: Mapped[list[ApprovalRow]] = relationship(
        back_populates="change", order_by="ApprovalRow.id", cascade="all, delete-orphan"
    )


class ApprovalRow(Base):
    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("change_requests.id", ondelete="CASCADE"))
    user_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(8))
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    change: Mapped[ChangeRequestRow] = relationship(back_populates="approvals")


class ReleaseRow(Base):
    """A version the server confirmed live; ``document`` is the release as the server accepted it."""

    __tablename__ = "releases"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(36))
    author: Mapped[str] = mapped_column(String(64))
    bundle_json: Mapped[str] = mapped_column(Text)
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditRow(Base):
    """One action; ``hash`` = sha256(prev_hash + canonical entry), so any edit breaks the chain."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: position in the chain (1, 2, ...): unique, so two appends can never share a predecessor
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class ScanRow(Base):
    """One field-index health scan of a CRM database, kept for drift and trends (issue 15).

    ``database`` is the URL with its password hidden; ``scan`` is the measurement
    (``studio.scan.model.DatabaseScan``), ``entities`` the per-entity health for the trend chart.
    """

    __tablename__ = "scans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    database: Mapped[str] = mapped_column(String(500), index=True)
    dialect: Mapped[str] = mapped_column(String(32))
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    scan: Mapped[dict[str, object]] = mapped_column(JSON)
    entities: Mapped[list[dict[str, object]]] = mapped_column(JSON)


class ScanMappingRow(Base):
    """The admin's mapping of a database's tables and columns to entities and fields."""

    __tablename__ = "scan_mappings"
    database: Mapped[str] = mapped_column(String(500), primary_key=True)
    mapping: Mapped[dict[str, object]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
