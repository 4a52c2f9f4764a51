"""Bulk import runs against a workspace and its CRM server (issue 16): which configuration an
import is checked against, writing the plan to the server's records API in idempotent batches,
the journal that makes a run resumable and revertable, the audit entries.

The Qt-free pipeline itself (read, map, clean, validate, link, error workbook) is ``importers``.
"""
