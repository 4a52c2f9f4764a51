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

from importers.aliases import SURNAME_READINGS

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z]+")


@cache
def _char_pinyin(ch: str) -> str:
    """The toneless pinyin of one hanzi: its first (most common) reading in pypinyin's table.

    The table is read directly: ``pypinyin.lazy_pinyin`` would load its phrase dictionary and
    segmenter (seconds), which names, read one character at a time, do not need."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(ch))
    return _strip_tones(readings.split(",")[0]) if readings else ""


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, from pypinyin's own dictionary."""
    from pypinyin.pinyin_dict import pinyin_dict

    # ~1,500 distinct readings among 40,000 characters: tones stripped once per reading
    readings = set(",".join(pinyin_dict.values()).split(","))
    found = {_strip_tones(r) for r in readings}
    found.discard("")
    return frozenset(s for s in found if s.isascii() and s.isalpha())


@cache
def _strip_tones(text: str) -> str:
    # ü in any tone (ǖǘǚǜ) is written v, as pypinyin writes it
    decomposed = unicodedata.normalize("NFKD", text.lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("u:", "v")


@cache
def _split_pinyin(word: str) -> tuple[str, ...] | None:
    """``word`` as the fewest pinyin syllables, or ``None`` when it is not pinyin."""
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
    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        return ""
    if _HAN.search(text):
        first = SURNAME_READINGS.get(text[0])
        syllables = [first] if first else []
        syllables += [p for p in (_char_pinyin(c) for c in text[1 if first else 0 :]) if p]
        latin = _LATIN_WORD.findall(_strip_tones(_HAN.sub(" ", text)))
        return " ".join(sorted([*syllables, *latin]))
    words = _LATIN_WORD.findall(_strip_tones(text))
    syllables = []
    for w in words:
        split = _split_pinyin(w)
        if split is None:  # an English name: compared as its words
            syllables.append(w)
        else:
            syllables.extend(split)
    return " ".join(sorted(syllables))


def is_hanzi(name: str) -> bool:
    return bool(_HAN.search(name))
