"""fold() word by word (with its per-word memory) gives what folding the whole text at once gives."""

from __future__ import annotations

import random

from check_report.folding import _ACCENTS, _PERCENT_AFTER_DIGIT, _PUNCT, fold, fold_many


def _whole(text: object) -> str:
    text = str(text).translate(_ACCENTS).lower()
    if "%" in text:
        text = _PERCENT_AFTER_DIGIT.sub(r"\1 %", text)
    return " ".join(_PUNCT.sub(" ", text).replace("_", " ").split())


ALPHABET = list("aĐđƯưỡẴắỆệiİΣσςAz09%#*_-:;,.()/ ") + ["\t", "\n", "\u00a0", "\u2003", "\x1c", "\u0301",
                                                            "\u0323", "ß", "ﬁ", "Ω", "²"]


def test_folding_word_by_word_is_folding_the_whole_text():
    alphabet = ALPHABET
    rng = random.Random(11)
    texts = ["Tổng thu, trong đó:", "Tăng 5 % so cùng kỳ", "ΣΑΣ ΟΔΟΣ", "Quý I/2024", "  ", "", 1500, None, 2.5]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    for text in texts:
        assert fold(text) == _whole(text), repr(text)


def test_folding_many_at_once_is_folding_each():
    """fold_many folds a table's labels in one pass over them joined by line breaks: a digit ending one label
    and a % opening the next must not meet, nor must a sigma's form depend on a neighbour."""
    rng = random.Random(12)
    no_breaks = [c for c in ALPHABET if c != "\n"]
    for size in (0, 1, 2, 7, 200):
        for _ in range(60):
            pool = ALPHABET if rng.random() < 0.2 else no_breaks     # some lists hold a line break
            texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(size)]
            assert fold_many(texts) == [fold(t) for t in texts], texts
    edges = ["Năm 2024 tăng 5", "% so cùng kỳ", "ΟΔΟΣ", "Σ", "", "  ", "a_b", "Tổng thu, gồm:"]
    assert fold_many(edges) == [fold(t) for t in edges]


def test_folding_a_long_list_at_once_is_folding_each():
    """A long list's accents come off by one array lookup of all its characters (`_without_accents`): the
    same folding, for every kind of character (marks alone, characters past the table, a lone surrogate)."""
    rng = random.Random(13)
    pool = [c for c in ALPHABET if c != "\n"] + ["\u0301", "\u0323", "ǅ", "𝒜", "😀", "ﬁ"]
    for size in (300, 2_000):
        for _ in range(5):
            texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(size)]
            assert fold_many(texts) == [fold(t) for t in texts]
    labels = [f"Thành phần {i}.{i % 7} (lượt)" for i in range(1_000)] + ["\ud800 lẻ"]
    assert fold_many(labels) == [fold(t) for t in labels]
