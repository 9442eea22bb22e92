"""fold() word by word (with its per-word memory) gives what folding the whole text at once gives."""

from __future__ import annotations

import random

from check_report.folding import _ACCENTS, _PERCENT_AFTER_DIGIT, _PUNCT, fold


def _whole(text: object) -> str:
    text = str(text).translate(_ACCENTS).lower()
    if "%" in text:
        text = _PERCENT_AFTER_DIGIT.sub(r"\1 %", text)
    return " ".join(_PUNCT.sub(" ", text).replace("_", " ").split())


def test_folding_word_by_word_is_folding_the_whole_text():
    alphabet = list("aĐđƯưỡẴắỆệiİΣσςAz09%#*_-:;,.()/ ") + ["\t", "\n", "\u00a0", "\u2003", "\x1c", "\u0301",
                                                                 "\u0323", "ß", "ﬁ", "Ω", "²"]
    rng = random.Random(11)
    texts = ["Tổng thu, trong đó:", "Tăng 5 % so cùng kỳ", "ΣΑΣ ΟΔΟΣ", "Quý I/2024", "  ", "", 1500, None, 2.5]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    for text in texts:
        assert fold(text) == _whole(text), repr(text)
