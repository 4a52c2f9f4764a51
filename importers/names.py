"""Person names compared across scripts: 张三, 張三, Zhang San, San Zhang, ZHANGSAN, Zhāng Sān.

A name's key is its pinyin syllables, without tones, sorted: the same for hanzi (simplified or
traditional: pypinyin reads both) and for pinyin written surname first or last, with or without
spaces, capitals or tone marks. Latin text without spaces is split into pinyin syllables (the
fewest syllables that spell it). Pinyin of hanzi is cached per character (DESIGN.md), and keys are
computed once per distinct name, so a column of 100,000 names costs little Python.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import polars as pl

from importers.aliases import NAME_TITLES, NOTE_CLOSE, NOTE_OPEN, SURNAME_READINGS
from importers.nfkc import nfkc

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z]+")
# What a sheet writes beside a name and is not the name (after NFKC, so full-width brackets are
# ASCII): a bracketed note (张三(经理), Zhang San (张三)); an English title before the name (Mr.
# Zhang San); a title after a Chinese name of two characters or more (张三先生). 王先生 is all
# a sheet says of Mr Wang: it keeps its title, so that it stays apart from 王五. Each pattern
# is read by Python's re (``name_key``) and by polars (``name_keys``) alike.
_TITLES = "|".join(NAME_TITLES)
_BRACKETED = rf"\s*[(\[{NOTE_OPEN}][^)\]{NOTE_CLOSE}]*[)\]{NOTE_CLOSE}]"
_TITLE_BEFORE = r"(?i)^(?:mr|mrs|ms|miss|dr|prof)(?:\.\s*|\s+)"
#: A cheap test for a text that might have any of them.
_MAYBE_TITLED = rf"[(\[{NOTE_OPEN}]|^(?i:mr|ms|miss|dr|prof)|(?:{_TITLES})$"
_TITLE_AFTER = rf"^([\u3400-\u9fff\uf900-\ufaff]{{2,}}?)(?:{_TITLES})$"


@cache
def _pinyin_table() -> dict[int, str]:
    """pypinyin's table of readings per character (code point -> "zhāng,zhàng").

    Its JSON file is read directly: importing ``pypinyin`` (even ``pypinyin.pinyin_dict``) loads
    the phrase dictionary and the segmenter too, ~0.2 s and ~55 MB that names, read one
    character at a time, do not need."""
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")  # finds the package without running it
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    table = json.loads((folder / "pinyin_dict.json").read_text(encoding="utf-8"))
    return {int(k): v for k, v in table.items()}


@cache
def _char_pinyin(ch: str) -> str:
    """The toneless pinyin of one hanzi: its first (most common) reading in pypinyin's table."""
    readings = _pinyin_table().get(ord(ch))
    return _strip_tones(readings.split(",")[0]) if readings else ""


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, from pypinyin's own dictionary."""
    # ~1,500 distinct readings among 40,000 characters: tones stripped once per reading
    readings = set(",".join(_pinyin_table().values()).split(","))
    found = {_strip_tones(r) for r in readings}
    found.discard("")
    return frozenset(s for s in found if s.isascii() and s.isalpha())


@cache
def _strip_tones(text: str) -> str:
    # ü in any tone (ǖǘǚǜ) is written v, as pypinyin writes it
    decomposed = unicodedata.normalize("NFKD", text.lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("u:", "v")


#: ü as passports write it (吕 LYU, 女 NYU, since 2012): the syllables pypinyin writes lv, nv.
_PASSPORT_U = {"lyu": "lv", "nyu": "nv"}


@cache
def _split_pinyin(word: str) -> tuple[str, ...] | None:
    """``word`` as the fewest pinyin syllables, or ``None`` when it is not pinyin."""
    if word in _PASSPORT_U:
        return (_PASSPORT_U[word],)
    syl = _syllables()
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        current = best[i]
        if current is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = word[i:j]
            if piece in syl:
                cand = [*current, piece]
                existing = best[j]
                if existing is None or len(cand) < len(existing):
                    best[j] = cand
    found = best[n]
    return None if found is None else tuple(found)


@cache
def name_key(name: str) -> str:
    """The comparison key of a person's name: sorted toneless pinyin syllables ("san zhang"),
    or the folded text itself for a name that is neither hanzi nor pinyin."""
    return _key(without_titles(unicodedata.normalize("NFKC", name).strip()), one_script=True)


@cache
def written_key(name: str) -> str:
    """``name_key`` of the name with its title or note, and a name in both scripts as two:
    the key the studio compared names by before it left those out. Remembered decisions are
    stored by it (``link.fingerprint``), so that a pair a person said apart stays apart."""
    return _key(unicodedata.normalize("NFKC", name).strip(), one_script=False)


def _key(text: str, *, one_script: bool) -> str:
    if not text:
        return ""
    if _HAN.search(text):
        first = SURNAME_READINGS.get(text[0])
        syllables = [first] if first else []
        syllables += [p for p in (_char_pinyin(c) for c in text[1 if first else 0 :]) if p]
        latin = _LATIN_WORD.findall(_strip_tones(_HAN.sub(" ", text)))
        if one_script and latin and sorted(_spelled(latin)) == sorted(syllables):
            return " ".join(sorted(syllables))  # one name in both scripts: 张三 Zhang San
        return " ".join(sorted([*syllables, *latin]))
    return " ".join(sorted(_spelled(_LATIN_WORD.findall(_strip_tones(text)))))


def _spelled(words: list[str]) -> list[str]:
    """The pinyin syllables of Latin ``words``; a word that is not pinyin (an English name) is
    compared as itself."""
    syllables = []
    for w in words:
        split = _split_pinyin(w)
        if split is None:
            syllables.append(w)
        else:
            syllables.extend(split)
    return syllables


def without_titles(text: str) -> str:
    """``text`` (NFKC, stripped) without a bracketed note or a title (``_BRACKETED``, ...);
    as it was where nothing else would be left."""
    text = re.sub(_BRACKETED, "", text).strip() or text
    text = re.sub(_TITLE_BEFORE, "", text) or text
    return re.sub(_TITLE_AFTER, r"\1", text)


def _without_titles(texts: pl.Series) -> pl.Series:
    """``without_titles`` of each of ``texts``: the patterns run over the few that might have
    a title or a note (one cheap test over all)."""
    maybe = texts.str.contains(_MAYBE_TITLED).fill_null(False)
    if not maybe.any():
        return texts
    at = maybe.arg_true()
    t = pl.col("t")
    bare = t.str.replace_all(_BRACKETED, "").str.strip_chars()
    untitled = pl.when(bare != "").then(bare).otherwise(t)
    plain = untitled.str.replace(_TITLE_BEFORE, "")
    untitled = pl.when(plain != "").then(plain).otherwise(untitled)
    done = pl.DataFrame({"t": texts.gather(at)}).select(untitled.str.replace(_TITLE_AFTER, "${1}"))
    return texts.scatter(at, done.to_series())


def name_keys(names: pl.Series) -> pl.Series:
    """``name_key`` of every value of ``names`` (null stays null), as polars expressions: Python
    runs once per distinct character and word, never per name (30,000 distinct names in a
    100,000-row workbook share a few thousand characters and words)."""
    stripped = nfkc(names.cast(pl.String)).str.strip_chars()
    frame = pl.DataFrame({"t": _without_titles(stripped.alias("t"))})
    folded = (
        pl.col("t")
        .str.to_lowercase()
        .str.normalize("NFKD")
        .str.replace_all("u\u0308", "v", literal=True)
        .str.replace_all(r"\p{Mn}", "")
        .str.replace_all("u:", "v", literal=True)
    )
    frame = frame.with_columns(
        pl.col("t").str.contains(_HAN.pattern).alias("han"),
        # a run of Latin letters is a word; any other character stands alone
        folded.str.extract_all(r"[a-z]+|[^a-z\s]").alias("tokens"),
        pl.col("t").str.slice(0, 1).alias("first"),
    )
    tokens = frame["tokens"].explode().drop_nulls().unique().to_list()
    in_han: dict[str, str] = {}
    in_latin: dict[str, str] = {}
    for tok in tokens:
        if _LATIN_WORD.fullmatch(tok):
            in_han[tok] = tok
            split = _split_pinyin(tok)
            in_latin[tok] = tok if split is None else " ".join(split)
        else:
            in_han[tok] = _char_pinyin(tok)
            in_latin[tok] = ""
    keys, han_v, latin_v = list(in_han), list(in_han.values()), [in_latin[k] for k in in_han]
    flat = (
        frame.with_row_index("i")
        .select("i", "han", "first", "tokens")
        .explode("tokens")
        .drop_nulls("tokens")
    )
    surname = pl.col("first").replace_strict(SURNAME_READINGS, default=None, return_dtype=pl.String)
    as_han = pl.col("tokens").replace_strict(keys, han_v, default="", return_dtype=pl.String)
    as_latin = pl.col("tokens").replace_strict(keys, latin_v, default="", return_dtype=pl.String)
    # a surname with its own reading (曾 Zeng) replaces the first character's usual one
    as_hanzi = (
        pl.when((pl.col("i") != pl.col("i").shift(1)).fill_null(True) & surname.is_not_null())
        .then(surname)
        .otherwise(as_han)
    )
    syllables = (
        flat.select(
            "i",
            pl.when(~pl.col("han")).then(as_latin).otherwise(as_hanzi).str.split(" ").alias("s"),
        )
        .explode("s")
        .filter(pl.col("s") != "")
        .group_by("i")
        .agg(pl.col("s"))
        .select("i", pl.col("s").list.sort().list.join(" "))
    )
    # one name in both scripts (张三 Zhang San): where the words spell the hanzi's syllables,
    # the hanzi's alone (rows with hanzi and Latin words only: few)
    word = pl.col("tokens").str.contains("^[a-z]+$")
    # (a letter folds to a-z only from ASCII or Latin with marks: NFKC has been applied)
    latin = pl.col("t").str.contains(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
    mixed = frame.with_row_index("i").filter(pl.col("han") & latin)["i"]
    if mixed.len():
        both = (
            flat.filter(pl.col("i").is_in(mixed.implode()))
            .select(
                "i",
                word.alias("w"),
                pl.when(word).then(as_latin).otherwise(as_hanzi).str.split(" ").alias("s"),
            )
            .explode("s")
            .filter(pl.col("s") != "")
            .group_by("i", "w")
            .agg(pl.col("s").sort().str.join(" "))
            .group_by("i")
            .agg(
                pl.col("s").filter(~pl.col("w")).first().alias("h"),
                pl.col("s").filter(pl.col("w")).first().alias("l"),
            )
            .filter(pl.col("h") == pl.col("l"))
        )
        syllables = syllables.join(both.select("i", "h"), on="i", how="left").select(
            "i", pl.coalesce("h", "s").alias("s")
        )
    out = (
        frame.with_row_index("i")
        .join(syllables, on="i", how="left")
        .sort("i")
        .select(
            pl.when(pl.col("t").is_null())
            .then(None)
            .otherwise(pl.col("s").fill_null(""))
            .alias(names.name)
        )
    )
    return out.to_series()


def warm_up() -> None:
    """Read pypinyin's table and its syllables now (``pipeline.warm_up``)."""
    _syllables()


def is_hanzi(name: str) -> bool:
    return bool(_HAN.search(name))
