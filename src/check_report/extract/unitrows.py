"""Consolidation tables: rows that are reporting units (xã, phường, đơn vị ...) and the row that totals them.

The most common table a district sends up has one row per commune, a row "Toàn huyện" / "Tổng cộng" /
"Cộng" / "Tổng số" (first or last) that is their total, and indicators across the columns. Rows are read
as units when the label column is headed as a list of units ("Tên đơn vị", "Xã, phường", "Địa phương")
or most labels name one ("Xã An Bình", "Phường 2", "Trường THCS ..."), and two or more do. The words are
data (`reporting_units`, `unit_list_headers`, `total_rows` in data/vocabulary.yaml).
"""

from __future__ import annotations

from check_report.extract.hierarchy import code_from_label
from check_report.extract.vocabulary import Vocabulary, fold, has_phrase

MIN_UNITS = 2


def is_total_label(label: str, vocab: Vocabulary) -> bool:
    """"Toàn huyện", "Tổng cộng", "Cộng", "Tổng số", "TỔNG CỘNG TOÀN TỈNH": the total of the units."""
    folded = fold(code_from_label(label)[1] if label else "")
    if not folded:
        return False
    for phrase in vocab.total_rows:
        if folded == phrase:
            return True
        if folded.startswith(phrase + " ") and (phrase.startswith("toan ") or phrase in ("tong cong", "cong chung",
                                                                                       "tong chung")):
            return True
    return False


def names_unit(label: str, vocab: Vocabulary) -> bool:
    """A label naming a reporting unit: a unit word followed by its name ("Xã An Bình", "Phường 3")."""
    folded = fold(code_from_label(label)[1] if label else "")
    return any(folded.startswith(word + " ") for word in vocab.reporting_units)


def rows_are_units(labels: list[str], label_header: str, vocab: Vocabulary) -> bool:
    """Whether a table's rows are reporting units, from its label header and its labels."""
    named = [label for label in labels if label and not is_total_label(label, vocab)]
    if len(named) < MIN_UNITS:
        return False
    header = fold(label_header)
    if any(has_phrase(header, phrase) for phrase in vocab.unit_list_headers) and \
            not any(has_phrase(header, p) for p in ("chi tieu", "noi dung", "indicator")):
        return True
    return sum(1 for label in named if names_unit(label, vocab)) * 10 >= len(named) * 6
