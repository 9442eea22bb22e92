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


def fold(text: object) -> str:
    """Lower case, no accents (đ -> d), punctuation other than % # * as spaces, single spaces.

    Word by word (whitespace parts a word's folding from its neighbours': the same words joined), each
    word's folding remembered: a table of 100k rows folds the same few hundred words again and again."""
    return " ".join([folded for folded in map(_fold_word, str(text).split()) if folded])


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    text = word.translate(_ACCENTS).lower()
    if "%" in text:
        text = _PERCENT_AFTER_DIGIT.sub(r"\1 %", text)
    return " ".join(_PUNCT.sub(" ", text).replace("_", " ").split())


def has_phrase(folded: str, phrase: str) -> bool:
    return f" {phrase} " in f" {folded} "
