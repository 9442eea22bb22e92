"""Stage 2 of the pipeline: `Source`s in, fact tables out (see `check_report.facts` for the columns)."""

from __future__ import annotations

from check_report.readers.base import Source


def extract(source: Source, vocabulary=None, plans: list | None = None, release: bool = False):
    """All facts of one input: its tables (sheets, or tables inside a document) and its prose.

    Returns (facts DataFrame, notes) where notes are one-line remarks for the user: sheets skipped as
    having no indicator table, columns whose role could not be told from the header, readings chosen for
    ambiguous numbers. `plans`, a list, receives each table's column plan as records (sheet, table,
    column, header, what it is read as). `release`: the caller owns the source and needs no cells of it
    afterwards; each grid's cells are let go of as soon as its facts are read, and `source.grids` is emptied.
    """
    from check_report import facts as F
    from check_report.extract.table import grid_facts

    tables, notes = [], list(source.notes)
    grids = source.grids
    if release:
        source.grids = []
    for grid in grids:
        table, grid_notes = grid_facts(source.path, grid, vocabulary=vocabulary, plans=plans, release=release)
        tables.append(table)
        notes.extend(grid_notes)
    if source.document is not None:
        from check_report.extract.prose import document_facts

        table, prose_notes = document_facts(source.document)
        tables.append(table)
        notes.extend(prose_notes)
    return F.concat(tables), notes
