"""Text folding for matching words whatever their accents and case: "Đơn vị tính" == "don vi tinh".

Shared by the header vocabulary, the unit table and the check kinds that match words in labels.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCT = re.compile(r"[^\w%#*]+")


_PERCENT_AFTER_DIGIT = re.compile(r"(\d)\s*%")


def _accent_table() -> dict[int, str]:
    """Latin letters with diacritics (all of Vietnamese) -> their base letter; combining marks -> ''."""
    table: dict[int, str] = {0x0111: "d", 0x0110: "d"}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        base = "".join(ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch))
        if base and base != chr(code) and base.isascii():
            table[code] = base
    for code in range(0x0300, 0x0370):
        table[code] = ""
    return table


_ACCENTS = _accent_table()
# the same table as a tuple indexed by code point (past its end a character stays): str.translate reads a
# tuple without hashing, twice as fast on Vietnamese text as the dict
_ACCENT_TABLE = tuple(_ACCENTS.get(code, chr(code)) or None for code in range(max(_ACCENTS) + 1))
assert all(ch is None or len(ch) == 1 for ch in _ACCENT_TABLE)       # (`_without_accents` relies on it)


def fold(text: object) -> str:
    """Lower case, no accents (đ -> d), punctuation other than % # * as spaces, single spaces.

    Word by word (whitespace parts a word's folding from its neighbours': the same words joined), each
    word's folding remembered: a table of 100k rows folds the same few hundred words again and again."""
    return " ".join([folded for folded in map(_fold_word, str(text).split()) if folded])


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    text = word.translate(_ACCENT_TABLE).lower()
    if "%" in text:
        text = _PERCENT_AFTER_DIGIT.sub(r"\1 %", text)
    return " ".join(_PUNCT.sub(" ", text).replace("_", " ").split())


def fold_words(words: list[str]) -> list[str]:
    """Each word (a part of text.split()) folded: fold(" ".join(words[i:j])) is " ".join of the non-empty
    ones among them, for a caller that folds several runs of the same words."""
    return list(map(_fold_word, words))


_PUNCT_LINES = re.compile(r"[^\w%#*\s]+")        # whitespace is left for split(): line breaks part texts
_PERCENT_IN_WORD = re.compile(r"(\d)%")
# what _PUNCT_LINES and the "_" after it make a space of, among ASCII characters
_ASCII_MARKS = {code: " " for code in range(128) if _PUNCT_LINES.fullmatch(chr(code)) or chr(code) == "_"}


def fold_many(texts: list[str]) -> list[str]:
    """[fold(t) for t in texts], the folding done once over all of them joined by line breaks: a table's
    100k labels are folded in a few passes over one string instead of word by word. The same text: every
    step works on characters, or on what lies between whitespace (a digit before % within one word), so a
    word is folded alike alone or among others. Texts holding a line break are folded one by one."""
    if not texts:
        return []
    joined = "\n".join(map(str, texts))
    if joined.count("\n") != len(texts) - 1:
        return [fold(t) for t in texts]
    joined = _without_accents(joined).lower()
    if "%" in joined:
        joined = _PERCENT_IN_WORD.sub(r"\1 %", joined)
    if joined.isascii():     # Vietnamese once folded: each mark a space by one table (runs of them end alike)
        joined = joined.translate(_ASCII_MARKS)
    else:
        joined = _PUNCT_LINES.sub(" ", joined).replace("_", " ")
    return [" ".join(line.split()) for line in joined.split("\n")]


def _without_accents(text: str) -> str:
    """text.translate(_ACCENT_TABLE), for a long text by one lookup of all its code points in an array of
    the table (translate asks the table for each character in turn: a 100k-row table's labels cost more
    than all the rest of their folding). Each entry of the table is one character or none."""
    if len(text) < 4096 or text.isascii():
        return text.translate(_ACCENT_TABLE)
    import numpy as np

    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:     # a lone surrogate
        return text.translate(_ACCENT_TABLE)
    table = _accent_codes()
    beyond = codes >= len(table)   # characters past the table's end stay
    if beyond.any():
        mapped = codes.copy()
        mapped[~beyond] = table[codes[~beyond]]
    else:
        mapped = table[codes]
    dropped = mapped == _DROPPED
    if dropped.any():
        mapped = mapped[~dropped]
    return mapped.tobytes().decode("utf-32-le")


_DROPPED = 0xFFFFFFFF          # a combining mark's entry: no character


@functools.lru_cache(maxsize=1)
def _accent_codes():
    import numpy as np

    return np.array([_DROPPED if ch is None else ord(ch) for ch in _ACCENT_TABLE], dtype=np.uint32)


def has_phrase(folded: str, phrase: str) -> bool:
    return f" {phrase} " in f" {folded} "
