"""The reference CRM server (``studio serve``): releases, approver registry, records, statistics.

Qt-free. ``verify`` holds the pure release check; ``storage`` the server's own tables; ``app``
the FastAPI application. DESIGN.md's wire contract is what any server and any client rely on.
"""
