"""Index verdicts that are safe to act on.

An index backing a primary key, unique or foreign-key constraint is never "unused" nor
"duplicate": dropping it breaks the constraint or makes every delete of a parent scan the child.
"Unused" is said only where the database keeps usage statistics, and always with their window.
"Duplicate": a plain index whose columns lead another index of the same table.
"""

from __future__ import annotations

from studio.scan.model import DatabaseScan


def judge_indexes(scan: DatabaseScan) -> None:
    for table in scan.tables:
        for idx in table.indexes:
            idx.verdict, idx.duplicate_of = None, None
            if idx.constraint or idx.primary or idx.unique:
                continue
            cover = next(
                (
                    other
                    for other in table.indexes
                    if other is not idx
                    and len(other.columns) >= len(idx.columns)
                    and [c.lower() for c in other.columns[: len(idx.columns)]]
                    == [c.lower() for c in idx.columns]
                    and (
                        len(other.columns) > len(idx.columns)
                        or other.name < idx.name
                        or other.unique
                    )
                ),
                None,
            )
            if cover is not None:
                idx.verdict, idx.duplicate_of = "duplicate", cover.name
            elif idx.scans == 0 and scan.usage_since is not None:
                idx.verdict = "unused"
