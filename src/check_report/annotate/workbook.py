"""The annotated workbook: fills and comments on exactly the cells of the findings.

.xlsx/.xlsm are opened with openpyxl and keep their formatting (openpyxl drops charts and images it cannot
round-trip; the copy is for reviewing, the original stays as it was). .xls, .ods and .csv have no openpyxl
writer, so their cells are copied value by value from the reader's grids into a new .xlsx at the same
addresses, which is where the findings point.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from check_report.annotate import same_file
from check_report.annotate.common import FILLS, explanation
from check_report.findings import FileResult, Finding, Severity
from check_report.readers.base import InputError

COMMENT_AUTHOR = "check-report"


def annotated_workbook(result: FileResult, source_path: str, lang: str):
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = _open(source_path)
    suspects = suspect_cells(result, source_path)
    for (sheet_name, address), findings in sorted(cell_findings(result, source_path).items()):
        if sheet_name not in book.sheetnames:
            continue  # a finding on a sheet that is not in the file: nothing to mark
        cell = book[sheet_name][address]
        worst = max(Severity(f.severity) for f in findings)
        cell.fill = PatternFill(fill_type="solid", start_color=FILLS[worst], end_color=FILLS[worst])
        text = "\n\n".join(explanation(f, lang) for f in findings)
        if (sheet_name, address) in suspects:
            text = mark_suspect(cell, suspects[(sheet_name, address)], lang) + "\n\n" + text
        if cell.comment is not None and cell.comment.author != COMMENT_AUTHOR:
            text = f"{cell.comment.text}\n\n---\n{text}"  # keep the reviewer's own note
        comment = Comment(text, COMMENT_AUTHOR)
        comment.width, comment.height = 360, min(60 + 18 * text.count("\n") + len(text) // 2, 600)
        cell.comment = comment
    return book


def cell_findings(result: FileResult, source_path: str) -> dict[tuple[str, str], list[Finding]]:
    """(sheet, A1 address) -> the findings that involve the cell, each once, in the result's order."""
    cells: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        for location in finding.locations:
            if not location.cell or not same_file(location.path, result.path, source_path):
                continue
            key = (location.sheet or "", location.cell.replace("$", "").upper())
            if finding not in cells[key]:
                cells[key].append(finding)
    return dict(cells)


def suspect_cells(result: FileResult, source_path: str) -> dict[tuple[str, str], object]:
    """(sheet, A1 address) -> the Suspect named there (check_report.localise), the first one wins."""
    cells: dict = {}
    for finding in result.findings:
        for suspect in finding.suspects:
            location = suspect.location
            if location.cell and same_file(location.path, result.path, source_path):
                cells.setdefault((location.sheet or "", location.cell.replace("$", "").upper()), suspect)
    return cells


def mark_suspect(cell, suspect, lang: str) -> str:
    """Set the likely wrong cell apart from the other cells of its finding (a thick dark-red frame, bold
    figure) and return the comment's first lines: what it says, what it should probably say."""
    from openpyxl.styles import Border, Font, Side

    from check_report.annotate.common import SUSPECT_BORDER
    from check_report.i18n import t
    from check_report.reporters.records import suspect_record
    from check_report.reporters.suspects import suspect_text

    side = Side(style="thick", color=SUSPECT_BORDER)
    cell.border = Border(left=side, right=side, top=side, bottom=side)
    font = cell.font
    cell.font = Font(name=font.name, size=font.size, italic=font.italic, underline=font.underline, bold=True,
                     color=SUSPECT_BORDER)
    return f"{t('annotate.likely', lang)}: {suspect_text(suspect_record(suspect), lang, with_place=False)}"


def _open(source_path: str):
    suffix = Path(source_path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            return load_workbook(source_path, keep_vba=suffix == ".xlsm", rich_text=True)
        except Exception as exc:  # openpyxl raises many kinds; the user needs one line
            raise InputError(f"{source_path}: cannot open for annotation: {_one_line(exc)}") from None
    return _copy_of_grids(source_path)


def _copy_of_grids(source_path: str):
    from openpyxl import Workbook

    from check_report import readers

    source = readers.read(source_path)
    book = Workbook()
    book.remove(book.active)
    for grid in source.grids:
        sheet = book.create_sheet(title=grid.name[:31] or "Sheet")
        for r, row in enumerate(grid.rows, start=1):
            for c, cell in enumerate(row, start=1):
                if cell.value is not None:
                    target = sheet.cell(r, c, cell.value)
                    if cell.number_format:
                        target.number_format = cell.number_format
    if not book.sheetnames:
        book.create_sheet("Sheet")
    return book


def _one_line(exc: Exception) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())
