"""How large an input may be before any reader touches it: the numbers the screen (`readers.safety`,
`readers.xlsx_scan`, the .ods reader) refuses beyond, and how a user raises them.

Every default sits far above a real report (a 100k-row indicator workbook is 8 MB on disk, 1.2M cells,
a few thousand merged cells) and far below what would hurt the machine running the check. A file past a
limit is refused with one line naming the file, the limit and the configuration key that raises it:

    # .check-report.yaml (or [tool.check-report.limits] in pyproject.toml)
    limits:
      file-mb: 512          # an input file on disk
      cells: 20000000       # a sheet's used area, rows x columns from A1
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_mb: int = 256               # an input file's size on disk
    part_mb: int = 512               # one part of a zip container (.xlsx .ods .docx), inflated
    inflated_mb: int = 1024          # all the parts of a container together, inflated
    parts: int = 10_000              # parts in a container
    document_mb: int = 64            # an XML part parsed whole into memory (a .docx's text and footnotes)
    rows: int = 1_048_576            # rows of a sheet (Excel's own limit)
    columns: int = 16_384            # columns of a sheet (Excel's own limit)
    cells: int = 5_000_000           # rows x columns of a sheet's used area, counted from A1 (~40 bytes each)
    merged_cells: int = 1_000_000    # cells inside merged ranges, all ranges of a sheet together
    memory_mb: int = 0               # memory a file may take in its worker, beyond the warm start (0: no limit)
    seconds: int = 0                 # wall time for one file (0: no limit)

    def check_table(self, where: str, rows: int, columns: int) -> None:
        """Refuse a table (a sheet, or a table inside a document) of more rows, columns or cells than
        allowed; `where` names the file and the table."""
        from check_report.readers.base import InputError

        if rows > self.rows:
            raise InputError(f"{where}: " + self.refusal("rows", f"{rows:,} rows"))
        if columns > self.columns:
            raise InputError(f"{where}: " + self.refusal("columns", f"{columns:,} columns"))
        if rows * columns > self.cells:
            raise InputError(f"{where}: " + self.refusal("cells", f"{rows:,} rows x {columns:,} columns"))

    def refusal(self, key: str, what: str) -> str:
        """The tail of a refusal: what was found, the limit, and how to raise it."""
        unit = " MB" if key.endswith("_mb") else " s" if key == "seconds" else ""
        return (f"refused: {what} (limit {getattr(self, key):,}{unit}; raise limits.{key.replace('_', '-')} "
                f"in the configuration if the file is genuine)")


DEFAULT = Limits()
KEYS = tuple(f.name.replace("_", "-") for f in fields(Limits))


def from_mapping(raw, origin: str, error) -> Limits:
    """Limits from a configuration's `limits:` table; `error(message)` builds the exception to raise."""
    if raw is None:
        return DEFAULT
    if not isinstance(raw, dict):
        raise error(f"{origin}: limits: expected a mapping of limit to a whole number ({', '.join(KEYS)})")
    values = {}
    for key, value in raw.items():
        name = str(key).replace("_", "-")
        if name not in KEYS:
            raise error(f"{origin}: unknown key 'limits.{key}' (known: {', '.join(KEYS)})")
        least = 0 if name in ("memory-mb", "seconds") else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise error(f"{origin}: limits.{name}: expected a whole number >= {least}, got {value!r}")
        values[name.replace("-", "_")] = value
    return Limits(**values)
