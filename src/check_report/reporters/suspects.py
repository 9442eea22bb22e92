"""How every format words a finding's likely wrong figure, its suggested correction and the other
relations the same mistake breaks (check_report.localise), from the report record only.

Kept apart from the formats' own wording so that each format adds one call: the terminal, SARIF, the
GitHub annotations, Markdown and both annotated copies say it the same way, in the reader's language
(the words are in the catalogue, `suspect.*`).
"""

from __future__ import annotations

from check_report.i18n import t

# the typo patterns of check_report.localise.typos (the JSON keeps these English names) -> catalogue keys
PATTERN_KEYS = {
    "swapped digits": "swapped", "digit doubled": "doubled", "digit dropped": "dropped",
    "digit off by one": "off_by_one", "wrong digit": "wrong_digit", "separator slip": "separator",
    "unit slip ×1000": "unit_slip", "sign": "sign",
    "'tăng p%' written for 'bằng p%'": "growth_for_level", "'bằng p%' written for 'tăng p%'": "level_for_growth",
}


def text(key: str, lang: str, **values) -> str:
    return t(f"suspect.{key}", lang, **values)


def pattern_name(pattern: str | None, lang: str) -> str:
    if not pattern:
        return ""
    key = PATTERN_KEYS.get(pattern)
    return t(f"suspect.pattern.{key}", lang) if key else pattern


def place_of(location: dict) -> str:
    """The place as the finding's figure lines name it, in the reader's language (`đoạn 12`)."""
    return location.get("label") or location.get("short") or location.get("where") or location.get("path") or ""


def suspect_text(suspect: dict, lang: str, *, with_place: bool = True) -> str:
    """`Bieu 01!H16 = 1,297,400, suggested 1,279,400 (swapped digits)` in the reader's number style, as
    the finding's other figures are; without a determined value, says so."""
    stated = _shown(suspect, "value", "decimals", suspect["stated"], lang)
    head = f"{place_of(suspect['location'])} = {stated}" if with_place else stated
    if suspect.get("suggested"):
        pattern = pattern_name(suspect.get("pattern"), lang)
        suggested = _shown(suspect, "suggested_value", "suggested_decimals", suspect["suggested"], lang)
        tail = f", {text('suggested', lang)} {suggested}" + (f" ({pattern})" if pattern else "")
    else:
        pattern = pattern_name(suspect.get("pattern"), lang)      # the slip is known, its digit is not
        tail = f" ({pattern}; {text('open', lang)})" if pattern else f" ({text('open', lang)})"
    return head + tail


def _shown(suspect: dict, value_key: str, decimals_key: str, written: str, lang: str) -> str:
    from check_report.wording import number_text

    value = suspect.get(value_key)
    if value is None:       # a record without the numbers (an older JSON report): as the report wrote it
        return written
    return number_text(value, int(suspect.get(decimals_key) or 0), lang, suspect.get("unit") or "")


def suspects_line(finding: dict, lang: str) -> str:
    """`likely wrong: H16 = 1.297.400, suggested 1.279.400 (swapped digits)`, '' when there is none."""
    suspects = finding.get("suspects") or []
    if not suspects:
        return ""
    first = suspect_text(suspects[0], lang)
    rest = "; ".join(suspect_text(s, lang) for s in suspects[1:])
    return f"{text('likely', lang)}: {first}" + (f"; {text('with', lang)} {rest}" if rest else "")


def related_lines(finding: dict, lang: str) -> list[str]:
    """`also breaks core.pct-of-plan: <message>` for each other relation the mistake breaks."""
    return [f"{text('also', lang)} {r['rule']}: {r['message']}" for r in finding.get("relations") or []]


def fix_text(suspect: dict, lang: str) -> str:
    pattern = pattern_name(suspect.get("pattern"), lang)
    line = text("fix", lang, place=place_of(suspect["location"]), stated=suspect["stated"],
                suggested=suspect["suggested"])
    return f"{line} ({pattern})" if pattern else line


def summary_lines(summary: dict, lang: str) -> list[str]:
    lines = []
    if summary.get("grouped"):
        lines.append(text("grouped", lang, count=summary["grouped"]))
    if summary.get("located"):
        lines.append(text("located", lang, located=summary["located"], findings=summary.get("findings", 0)))
    return lines
