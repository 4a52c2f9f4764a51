"""The column of a table read from a sheet that holds each row's own number in the sheet (the
header is row 1 when it is the sheet's first row): ``read.Table`` and ``read_parts`` share it."""

from __future__ import annotations

ROW = "__row"
