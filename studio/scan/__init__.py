"""The live field-index health scan of a CRM database (issue 15).

- ``connect``: a read-only connection (read-only transactions, a statement timeout) to SQLite,
  PostgreSQL or MySQL/MariaDB, with messages that never hold a password;
- ``measure``: per dialect, what the tables, columns and indexes look like, from the planner's
  statistics (PostgreSQL), ``information_schema`` (MySQL) and bounded samples;
- ``model``: what a scan found (``DatabaseScan``), said as estimated or exact;
- ``limits``: the database's own hard limits and the budget left;
- ``mapping``: tables and columns to the bundle's entities and fields;
- ``report``: findings, per-entity status, the JSON of ``studio scan``;
- ``run``: ``scan_database`` ties them together.
"""
