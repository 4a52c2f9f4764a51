"""Excel/CSV import and export for bulk migrations (issue 16), Qt-free.

The pipeline is columnar (DESIGN.md, "How the import pipeline is built"): ``read`` gives every
cell as text in a polars frame, ``mapping`` names the entity field of each column, ``clean`` and
``validate`` are polars expressions (Python runs only over distinct values a fast check rejects),
``link`` finds the rows that are one customer, ``pipeline`` puts them together into a report whose
accounting always holds, ``error_workbook`` writes the rejected rows back with their reasons.
"""
