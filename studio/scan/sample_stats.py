"""Column figures from a bounded sample of rows: null and distinct ratios, average and 95th
percentile length. Pure Python over at most a few thousand values a column."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from studio.scan.model import ColumnStats


def kind_of(type_name: str) -> str:
    t = type_name.lower()
    if "json" in t:
        return "json"
    if any(s in t for s in ("blob", "bytea", "binary", "varbinary")):
        return "binary"
    if any(s in t for s in ("char", "text", "clob", "string", "enum")):
        return "text"
    return "other"


def length(value: Any) -> int:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return len(bytes(value))
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (dict, list)):
        return len(json.dumps(value, ensure_ascii=False))
    return len(str(value))


def percentile(sorted_values: Sequence[int], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(q * len(sorted_values)))
    return float(sorted_values[rank - 1])


def measure_values(column: ColumnStats, values: Sequence[Any], *, lengths: bool = True) -> None:
    """Fill ``column``'s ratios (and lengths, for text, JSON and binary) from sampled values."""
    n = len(values)
    if n == 0:
        return
    present = [v for v in values if v is not None]
    column.null_ratio = 1 - len(present) / n
    try:
        distinct = len({_hashable(v) for v in present})
    except TypeError:
        distinct = len(present)
    column.distinct_ratio = distinct / len(present) if present else 0.0
    if lengths and column.kind != "other" and present:
        sizes = sorted(length(v) for v in present)
        column.avg_length = sum(sizes) / len(sizes)
        column.p95_length = percentile(sizes, 0.95)
        column.max_length = sizes[-1]


def _hashable(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value
