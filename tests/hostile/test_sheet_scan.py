"""The screen's pass over sheet XML (readers.xlsx_scan): the extent of a sheet from its cells' places, in
every form a writer may use, and the styles the fast reader needs."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from check_report.readers.base import InputError
from check_report.readers.limits import Limits
from check_report.readers.xlsx_scan import _greater, column_letters, column_number, scan_parts

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import _inline  # noqa: E402

PART = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def scan(tmp_path, sheet_data: str, limits: Limits = Limits(), prefix: str = ""):
    root = f"{prefix}:worksheet xmlns:{prefix}" if prefix else "worksheet xmlns"
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PART, f'<{root}="{NS}">{sheet_data}</{root.split()[0]}>')
    with zipfile.ZipFile(path) as archive:
        return scan_parts(str(path), archive, [PART], limits)[PART]


def styled(scan_, rows: int = 10, columns: int = 5) -> dict:
    """(row, col) -> style id of the styled cells among the first rows and columns."""
    found = {(r, c): scan_.styles.get(r, c) for r in range(rows) for c in range(columns)}
    return {place: style for place, style in found.items() if style >= 0}


def test_the_forms_writers_use(tmp_path):
    plain = scan(tmp_path, '<sheetData><row r="1"><c r="A1" s="2" t="n"><v>1</v></c></row>'
                           '<row r="7"><c r="C7" s="5"><v>2</v></c></row></sheetData>')
    assert plain.rows == 7 and plain.columns >= 3 and styled(plain) == {(0, 0): 2, (6, 2): 5}
    other = scan(tmp_path, '<sheetData><row spans="1:3" r="1"><c t="n" s="4" r="B1"><v>1</v></c></row>'
                           '<row><c s="6" r="B2"><v>1</v></c></row></sheetData>')
    assert other.rows == 2 and styled(other) == {(0, 1): 4, (1, 1): 6}


def test_every_way_of_writing_a_styled_cell_is_found(tmp_path):
    found = scan(tmp_path, '<sheetData><row r="1" spans="1:3" s="4" customFormat="1"><c r="A1" s="1"><v>1</v></c>'
                           '<c r="B1"><v>2</v></c><c s="2" r="C1"><v>3</v></c></row>'
                           '<row r="2"><c r="A2" t="n" s="3"><v>1</v></c><c r="B2"\ts="5"><v>1</v></c>'
                           '<x:c r="C2" s="6"><v>1</v></x:c><c r="D2" s="7"/></row></sheetData>')
    assert styled(found) == {(0, 0): 1, (0, 2): 2, (1, 0): 3, (1, 1): 5, (1, 2): 6, (1, 3): 7}


def test_styled_cells_as_excel_writes_them_are_read_in_one_go(tmp_path):
    """Every cell `<c r=".." s="..">` (the scan parses them as one text): columns of one to three letters,
    a style id of several digits, a cell given twice keeping its last style."""
    places = [("A", 1, 3), ("Z", 2, 12), ("AA", 3, 0), ("AZ", 4, 7), ("BA", 5, 123456789), ("ZZ", 6, 2),
              ("AAA", 7, 5), ("XFD", 8, 1), ("B", 2, 4), ("B", 2, 9)]
    rows = {}
    for letters, row, style in places:
        rows.setdefault(row, []).append(f'<c r="{letters}{row}" s="{style}"><v>1</v></c>')
    found = scan(tmp_path, "<sheetData>" + "".join(f'<row r="{r}">{"".join(cells)}</row>'
                                                   for r, cells in sorted(rows.items())) + "</sheetData>")
    assert {(r - 1, column_number(letters) - 1): found.styles.get(r - 1, column_number(letters) - 1)
            for letters, r, _style in places} == \
        {(r - 1, column_number(letters) - 1): style for letters, r, style in places}


def test_a_sheet_with_a_namespace_prefix_or_cells_without_places_is_walked_exactly(tmp_path):
    prefixed = scan(tmp_path, '<x:sheetData><x:row r="3"><x:c r="D3"><x:v>1</x:v></x:c></x:row></x:sheetData>',
                    prefix="x")
    assert prefixed.rows == 3 and prefixed.columns == 4
    bare = scan(tmp_path, '<sheetData><row r="2"><c><v>1</v></c><c><v>2</v></c><c r="F2"><v>3</v></c><c><v>4</v>'
                          '</c></row><row><c><v>5</v></c></row></sheetData>')
    assert (bare.rows, bare.columns) == (3, 7)
    far = '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="900000">' + \
        "<x:c><x:v>1</x:v></x:c>" * 20 + "</x:row></x:sheetData>"
    with pytest.raises(InputError, match="limits.cells"):
        scan(tmp_path, far, prefix="x")


@pytest.mark.parametrize("cells, fragment", [
    (_inline("A1", "x") + "</row><row r=\"1048576\">" + '<c r="XFD1048576"><v>1</v></c>', "limits.cells"),
    ('<c r="A1"><v>1</v></c><c r="A2000000"><v>1</v></c>', "limits.rows"),        # a cell below its row
    ('<c r="AAAA1"><v>1</v></c>', "limits.columns"),
])
def test_cells_beyond_the_limits_are_refused(tmp_path, cells, fragment):
    with pytest.raises(InputError, match=re.escape(fragment)):
        scan(tmp_path, f'<sheetData><row r="1">{cells}</row></sheetData>')


def test_wide_but_short_and_long_but_narrow_sheets_pass(tmp_path):
    wide = "".join(f'<c r="{column_letters(c)}1"><v>1</v></c>' for c in range(1, 2001))
    assert scan(tmp_path, f'<sheetData><row r="1">{wide}</row></sheetData>').rows == 1
    small = Limits(cells=1_000)
    tall = "".join(f'<row r="{r}"><c r="B{r}"><v>1</v></c></row>' for r in range(1, 400))
    assert scan(tmp_path, f"<sheetData>{tall}</sheetData>", small).rows == 399      # 399 x 2 cells, under 1,000
    with pytest.raises(InputError, match="limits.cells"):
        scan(tmp_path, f'<sheetData>{tall}<row r="400"><c r="C400"><v>1</v></c></row></sheetData>', small)


def test_a_declared_dimension_beyond_the_limits_is_refused(tmp_path):
    with pytest.raises(InputError, match="<dimension>"):
        scan(tmp_path, '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                       '</sheetData>')


def test_the_merged_area_is_bounded_in_total(tmp_path):
    merges = "".join(f'<mergeCell ref="A{i * 10 + 1}:J{i * 10 + 10}"/>' for i in range(20))      # 20 x 100 cells
    sheet = f'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>{merges}</mergeCells>'
    assert scan(tmp_path, sheet).merged_cells == 2_000
    with pytest.raises(InputError, match="merged ranges cover 2,000 cells"):
        scan(tmp_path, sheet, Limits(merged_cells=1_999))


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_greater_than_a_number(a, b):
    assert bool(re.fullmatch(_greater(str(a), "0123456789"), str(b).encode())) == (b > a)


@given(st.integers(1, 20_000), st.integers(1, 20_000))
def test_greater_than_a_column(a, b):
    pattern = _greater(column_letters(a), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert bool(re.fullmatch(pattern, column_letters(b).encode())) == (b > a)
    assert column_number(column_letters(b)) == b


def test_counts_by_stems_are_the_tag_counts():
    """The scan counts `<row` and `<c` tags by their stems when no prefixed tag is in a chunk: the counts
    must be those of every form (`<row r=`, `<row>`, `<c `, `<c>`, `<c/>`, prefixed ones), whatever else
    starts alike (`<cols>`, `<col `, `<cfRule`, `<rowBreaks`)."""
    import random

    from check_report.readers.xlsx_scan import _ROW_NUMBER, _ROW_PLAIN, _Bounds, _count

    pieces = ['<row r="7">', "<row>", '<row spans="1:2">', "</row>", '<c r="B7">', "<c>", "<c/>", '<c t="s">',
              "<cols>", '<col min="1"/>', "<cfRule/>", "<rowBreaks/>", '<x:row r="8">', "<x:c>", '<x:c r="C8"/>',
              "<x:cols>", ":", "text: 5", "<v>1</v>", "</c>"]
    rng = random.Random(5)
    for _ in range(3000):
        data = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))).encode()
        bounds = _Bounds()
        bounds.chunk(data, len(data), type("Scan", (), {"uncalculated": 0})(), notes=False)
        rows = _count(data, len(data), b":row", (b"<row ", b"<row>"), (b":row ", b":row>"))
        numbered = len(_ROW_PLAIN.findall(data))
        if numbered != rows:
            numbered = len(_ROW_NUMBER.findall(data))
        assert bounds.rows_bare == max(0, rows - numbered), data
        assert bounds.cells == _count(data, len(data), b":c", (b"<c ", b"<c>", b"<c/>"), (b":c ", b":c>", b":c/>")), data
