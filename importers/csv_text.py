"""A CSV file as text columns. Its encoding is found first: a BOM, else UTF-8 if it decodes, else
GB18030 (what Chinese Excel writes, as GBK, which it contains), else what charset-normalizer
finds. The separator is a tab or a comma, by the first line; every cell is text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import polars as pl

from importers.errors import ImportFileError, short_reason


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: a BOM, else UTF-8 if it decodes, else
    what charset-normalizer finds (GBK is read as GB18030, its superset)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed(data)
    from charset_normalizer import from_bytes

    # GB18030 is tried first: it is what Chinese Excel writes (as GBK, which it contains), and a
    # short GBK file can look like several legacy encodings to a detector.
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise ImportFileError(
            "The file's text encoding cannot be recognised; save it as UTF-8 CSV or as .xlsx."
        )
    encoding = "gb18030" if best.encoding.lower() in ("gbk", "gb2312", "cp936") else best.encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise ImportFileError(
            "The file's text encoding cannot be recognised; save it as UTF-8 CSV or as .xlsx."
        ) from None


#: A Chinese character written in UTF-8 (U+4E00..U+9FFF: three bytes, E4..E9 and two more).
_UTF8_HANZI = re.compile(rb"[\xe4-\xe9][\x80-\xbf][\x80-\xbf]")


def _refuse_mixed(data: bytes) -> None:
    """A file that is not UTF-8 as a whole but has lines of Chinese in UTF-8 mixes two encodings
    (two exports pasted together): read as one, the other's lines would become other characters,
    silently. Refused, naming a line of each (GBK text is almost never valid UTF-8 holding hanzi).
    """
    utf8 = other = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other = other or number
        else:
            if _UTF8_HANZI.search(line):
                utf8 = utf8 or number
        if utf8 and other:
            raise ImportFileError(
                "The file mixes two text encodings: line {utf8} is UTF-8, line {other} is "
                "not (GBK?). Save it again as one: UTF-8 CSV or .xlsx.",
                utf8=utf8,
                other=other,
            )


def _looks_like_text(text: str) -> bool:
    """No control characters beyond tab/newline: a wrong decoding usually produces some."""
    sample = text[:100_000]
    bad = sum(
        1 for ch in sample if (ord(ch) < 0x20 and ch not in "\t\r\n") or 0xE000 <= ord(ch) <= 0xF8FF
    )
    return bad <= len(sample) // 1000


def csv_grid(path: Path, max_columns: int) -> tuple[pl.DataFrame, str]:
    """The cells of the CSV file ``path`` as text columns ``cN`` (N: 0 for the first), empty
    cells null, and the encoding it was in. A file wider than five times ``max_columns`` is
    refused here already (the reader bounds the columns with data to ``max_columns``)."""
    text, encoding = decode_csv(path.read_bytes())
    first = text.split("\n", 1)[0]
    separator = "\t" if first.count("\t") > first.count(",") else ","
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            has_header=False,
            infer_schema=False,
            separator=separator,
            truncate_ragged_lines=True,
        )
    except Exception as exc:
        raise ImportFileError(
            "{path} is not a readable CSV file ({reason}).",
            path=path.name,
            reason=short_reason(exc),
        ) from None
    if frame.width > 5 * max_columns:
        raise ImportFileError(
            "{path}: the sheet {sheet} has {n} columns with data; at most {limit} can be imported.",
            path=path.name,
            sheet=path.stem,
            n=frame.width,
            limit=max_columns,
        )
    frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
    # polars reads an empty field as null or "": one meaning of empty for the rest of the pipeline
    return frame.with_columns(pl.all().replace("", None)), encoding
