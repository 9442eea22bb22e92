"""How a finding reads to a person, shared by the engine's messages and every human-facing format (terminal,
Markdown, GitHub, SARIF messages, annotated copies): places in the reader's language, quotes cut around the figure, the
stated and implied figures in one number style with the rounding allowance as a detail.
"""

from __future__ import annotations

import math
import re

from check_report.i18n import place_name, t
from check_report.numbers import format_number

QUOTE_WIDTH = 70


def place_label(location: dict, lang: str, owner: str = "") -> str:
    """Where a figure is, for a reader: `Bieu 01!H9`, `report.md:37`, `đoạn 12` / `paragraph 12`; the file
    is named only when it is not `owner` (the file the finding is listed under)."""
    path = location.get("path") or ""
    if location.get("cell"):
        sheet = _sheet_name(location.get("sheet") or "", lang)
        here = f"{sheet}!{location['cell']}" if sheet else location["cell"]
    elif location.get("line") is not None:
        here = f"{path}:{location['line']}" if path else t("place.line", lang, n=location["line"])
        return "" if here == owner else here
    else:
        here = place_name(location.get("where"), lang) or ""
    if path and owner and path != owner:
        return f"{path} {here}".strip()
    return here if here or path == owner else path


def place_in_file(location: dict, lang: str) -> str:
    """The place inside its file, for formats that name the file apart: `Bieu 01!H9`, `line 37` /
    `dòng 37`, `paragraph 12` / `đoạn 12`."""
    if location.get("line") is not None and not location.get("cell"):
        return t("place.line", lang, n=location["line"])
    return place_label({**location, "path": ""}, lang)


def _sheet_name(sheet: str, lang: str) -> str:
    """A table inside a document is a grid named "table 2": said in the reader's language."""
    m = re.fullmatch(r"table (\d+)", sheet)
    return t("place.table", lang, n=m.group(1)) if m else sheet


def quote_around(text: str, raw: str = "", width: int = QUOTE_WIDTH) -> str:
    """The quoted context cut at word boundaries to about `width` characters, always holding the figure."""
    text = " ".join((text or "").split())
    if raw and text.startswith(f"{raw} — ") and _find(text[len(raw) + 3:], raw) >= 0:
        text = text[len(raw) + 3:]        # the fact's quote repeats the figure before its context
    if len(text) <= width:
        return text
    at = _find(text, raw) if raw else 0
    at = max(at, 0)
    size = len(raw) if raw and at >= 0 else 0
    start = max(0, min(at - (width - size) // 2, len(text) - width))
    end = min(len(text), max(start + width, at + size))
    if start > 0:
        space = text.find(" ", start, at + 1)
        start = space + 1 if space != -1 else start
        while start > 0 and not text[start - 1].isspace() and start > at:
            start -= 1
    if end < len(text):
        space = text.rfind(" ", at + size, end)
        end = space if space != -1 else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _find(text: str, raw: str) -> int:
    """The first place `raw` stands as a whole number (9,1 in 'tăng 9,1%', not inside 109,1)."""
    if not raw:
        return -1
    m = re.search(r"(?<![\d.,])" + re.escape(raw) + r"(?![\d]|[.,]\d)", text)
    return m.start() if m else text.find(raw)


# --- the figures of a finding -----------------------------------------------------------------------

def style(lang: str) -> str:
    return "vi" if lang == "vi" else "en"


def number_text(value: float | None, decimals: int, lang: str, unit: str = "") -> str:
    """A figure in the reader's number style, with its unit: "27,50%", "1.297.400 triệu đồng"."""
    if value is None or not math.isfinite(value):
        return "?"
    text = format_number(value, decimals, style(lang))
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def difference_text(value: float | None, decimals: int, lang: str, unit: str = "") -> str:
    """A difference in the figures' unit; between percentages, in percentage points."""
    if unit in ("%", "‰"):
        return t("finding.points", lang, value=number_text(value, decimals, lang))
    return number_text(value, decimals, lang, unit)


def figure_value_text(figure: dict, lang: str) -> str:
    """A figure as written, in the reader's number style: the digits and precision of the report. A word
    read as a figure (a verdict "Đạt" in an assessment column) is shown as the word."""
    raw = str(figure.get("raw") or "")
    if raw and not any(ch.isdigit() for ch in raw):
        return raw
    if lang == "vi" and any(ch.isalpha() for ch in raw):
        return raw      # "147 triệu 700 nghìn": in words and digits, as the report spoke it (not "147,700")
    return number_text(figure.get("value"), int(figure.get("decimals") or 0), lang)


def comparison_texts(finding: dict, lang: str) -> dict | None:
    """stated, implied, difference and rounding allowance of a record, written in `lang`'s style; None when
    the finding compares no figures."""
    if finding.get("stated_value") is None or finding.get("implied_value") is None:
        return None
    decimals, unit = int(finding.get("decimals") or 0), finding.get("unit") or ""
    stated, implied = finding["stated_value"], finding["implied_value"]
    difference = difference_text(abs(stated - implied), decimals, lang, unit)
    return {"stated": number_text(stated, decimals, lang, unit), "implied": number_text(implied, decimals, lang, unit),
            "difference": difference, "rounding": t("report.rounding", lang,
                                                    tolerance=tolerance_text(finding.get("tolerance"), lang))}


def comparison_line(finding: dict, lang: str) -> str:
    texts = comparison_texts(finding, lang)
    if texts is None:
        return ""
    # a check comparing two derived figures (the total's implied plan with its parts') names them; the
    # default words would call a figure nobody wrote "stated"
    key = f"report.comparison_{finding['compared']}" if finding.get("compared") else "report.comparison"
    line = t(key, lang, **{k: texts[k] for k in ("stated", "implied", "difference")})
    return f"{line} · {texts['rounding']}" if finding.get("tolerance") else line


def tolerance_text(tolerance: float | None, lang: str) -> str:
    """The rounding allowance with two significant digits: ±0,32; ±0,005; ±1,5; ±2."""
    if tolerance is None or not math.isfinite(tolerance) or tolerance <= 0:
        return format_number(0, 0, style(lang))
    decimals = max(0, min(6, 1 - math.floor(math.log10(tolerance))))
    text = format_number(tolerance, decimals, style(lang))
    mark = "," if style(lang) == "vi" else "."
    return text.rstrip("0").rstrip(mark) if mark in text else text
