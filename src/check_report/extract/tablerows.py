"""A table's rows read a block at a time: labels and codes from the block's prefetched columns."""

from __future__ import annotations

from check_report.extract.hierarchy import clean_code, code_from_label, code_rank
from check_report.extract.unitrows import is_total_label


def read_plain(ctx, start: int, end: int, figures: list[bool], make) -> list:
    """What `_TableContext._read_row` gives (`make`: its row class) for each row of [start, end) of a
    table with a label column and at most an STT column (no verdicts, group or extra codes), read from
    the block's prefetched columns: a 100k-row table spent its time in the calls of the cell-by-cell
    reading, not in what they do. A merged label cell is read cell by cell."""
    label_col, code_col, merged = ctx.layout.label_col, ctx.layout.code_col, ctx.merges.origin
    labels = ctx._near[label_col]
    codes = ctx._near[code_col] if code_col is not None else None
    units_mode, vocab = ctx.units_mode, ctx.vocab
    reads: list = []
    for i, row in enumerate(range(start, end)):
        if merged and (row, label_col) in merged:
            reads.append(ctx._read_row(row, figures[i], ""))
            continue
        raw = labels[i]
        label = " ".join(str(raw).split()) if raw is not None else ""
        code = clean_code(codes[i]) if codes is not None else None
        if code is None and label:
            code, label = code_from_label(label)
        elif code is not None and not label and code_rank(code) is None:
            code, label = None, code
        if not label and not code and not figures[i]:
            reads.append(None)
            continue
        label, code = own(label), own(code)
        reads.append(make(row, label, code, (code,) if code else (), None,
                          units_mode and is_total_label(label, vocab), ""))
    return reads


def own(text: str | None) -> str | None:
    """A string of its own with the same text. A label or code kept as the reader made it would pin the
    allocator's block of the sheet's cells around it: after the sheet is released, a 100k-row sheet's
    ~70 MB of cells could not go back to the system while the facts live."""
    return None if text is None else "".join((text, ""))


def words(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""
