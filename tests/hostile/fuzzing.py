"""Property-based hostile inputs (hypothesis): generated texts, CSVs, workbooks and rule files, each
checked the way the CLI checks a file, in a worker process with a time and memory limit.

The property: whatever the bytes, checking them ends in a result (read, or refused with one line naming
the file) within the limits; never an internal error, a crash, a hang, or a modified input. Used by
tests/hostile/test_fuzz.py (a few dozen examples per kind, in CI) and benchmarks/fuzz.py (as long as
you give it).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from corpus import _inline, _xlsx_members

SECONDS = 10
MEMORY_MB = 512

WORDS = ["Tổng thu", "ngân sách", "tháng 03", "ước thực hiện", "3 tháng", "đạt", "kế hoạch", "tăng", "giảm",
         "so cùng kỳ", "triệu đồng", "tỷ đồng", "trong đó", "gồm", "Quyết định số 12/QĐ-UBND", "ngày",
         "năm 2024", "%", "hay", "/", "-", "+", "(", ")", ":", ";", ",", ".", "**", "*", "_", "<sup>1</sup>",
         "[^2]", "|", "\\", "#", "- ", "\u00a0", "\t", "Ỷ", "¸", "Vieät"]
NUMBERS = st.one_of(st.integers(-10**12, 10**12).map(str),
                    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: f"{f:.3f}".replace(".", ",")),
                    st.from_regex(r"[0-9]{1,3}(\.[0-9]{3}){0,4}(,[0-9]{1,4})?", fullmatch=True))
PIECE = st.one_of(st.sampled_from(WORDS), NUMBERS, st.text(max_size=6),
                  st.sampled_from(WORDS).map(lambda w: w * 50))
LINE = st.lists(PIECE, max_size=30).map(" ".join)
TEXTS = st.lists(st.one_of(LINE, st.just(""), st.sampled_from(WORDS).map(lambda w: w * 300)), max_size=40).map(
    "\n".join)


@st.composite
def csv_files(draw) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = draw(st.lists(st.lists(st.one_of(PIECE, NUMBERS, st.just('"')), max_size=12), max_size=30))
    text = "\n".join(delimiter.join(cell for cell in row) for row in rows)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1258"])), errors="replace")


REFS = st.tuples(st.from_regex(r"[A-Z]{1,3}", fullmatch=True), st.integers(1, 1_100_000))


@st.composite
def xlsx_files(draw) -> bytes:
    """A small package whose sheet holds generated cells at generated places (some far, some without r),
    merged ranges and a declared dimension, zipped stored or deflated."""
    cells, row = [], 0
    for _ in range(draw(st.integers(0, 30))):
        letters, number = draw(REFS)
        value = draw(st.one_of(NUMBERS, st.sampled_from(WORDS)))
        if draw(st.booleans()):
            cells.append(f'<row r="{number}">{_inline(f"{letters}{number}", value)}</row>')
        else:
            row += 1
            cells.append(f"<row><c><v>{draw(NUMBERS)}</v></c>{'<c/>' * draw(st.integers(0, 50))}</row>")
    merges = "".join(f'<mergeCell ref="{a}{m}:{b}{n}"/>' for (a, m), (b, n) in draw(st.lists(st.tuples(REFS, REFS),
                                                                                            max_size=5)))
    first, last = draw(REFS), draw(REFS)
    sheet = (f'<dimension ref="{first[0]}{first[1]}:{last[0]}{last[1]}"/><sheetData>{"".join(cells)}</sheetData>'
             + (f"<mergeCells>{merges}</mergeCells>" if merges else ""))
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in _xlsx_members(sheet).items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 3))):             # a few damaged bytes, anywhere
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    return bytes(data)


EXPR_TOKENS = ["plan", "cumulative", "month", "pct_plan", "parent.plan", "sum(children.plan)", "abs(", "min(",
               "max(", "(", ")", "+", "-", "*", "/", "<=", "==", ">", "and", "or", "not", "1.5", "100", ",",
               "sum_months(month)", "complete", "@", "1,5", "{m}"]


@st.composite
def rule_files(draw) -> bytes:
    expr = " ".join(draw(st.lists(st.sampled_from(EXPR_TOKENS), min_size=1, max_size=400)))
    when = " ".join(draw(st.lists(st.sampled_from(EXPR_TOKENS), max_size=20)))
    extra = draw(st.sampled_from(["", "    tolerance: {abs: 1}\n", "    foreach: {m: [plan, month]}\n",
                                  "    subsumed_by: [x.r]\n", "    gx: expect_column_values_to_be_in_set\n"]))
    text = f"pack: x\nrules:\n  - id: r\n    expr: \"{expr}\"\n" + (f"    when: \"{when}\"\n" if when else "") + extra
    return text.encode("utf-8")


def check_file(folder: Path, name: str, data: bytes, rules: str | None = None) -> str | None:
    """Write `data` as `folder/name`, check it in a worker with the limits; None when all is well, else
    what went wrong (an internal error, a crash, a time or memory overrun, a modified input)."""
    from check_report.pipeline import Settings, load_ruleset
    from check_report.readers.limits import Limits
    from check_report.workers import run

    path = folder / name
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    settings = Settings(limits=Limits(seconds=SECONDS, memory_mb=MEMORY_MB), rules=(rules,) if rules else ("default",))
    if rules:
        from check_report.engine import RuleError

        try:
            load_ruleset(settings.rules, (), (), (), ())
        except RuleError as exc:
            message = str(exc)
            return None if "\n" not in message and rules in message else f"rule error not one line: {message}"
    (outcome,) = run([str(path)], settings, 1)
    result = outcome.result
    if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        return "the input was modified"
    if result.status == "ok":
        return None
    error = result.error or ""
    if "\n" in error or str(path) not in error:
        return f"error not one line naming the file: {error!r}"
    if "internal error" in error or "process checking it" in error or "limits.seconds" in error \
            or "out of memory" in error:
        return error
    return None
