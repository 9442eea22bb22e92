"""How every format words a finding's likely wrong figure, its suggested correction and the other
relations the same mistake breaks (check_report.localise), from the report record only.

Kept apart from the formats' own wording so that each format adds one call: the terminal, SARIF, the
GitHub annotations, Markdown and both annotated copies say it the same way, in English or Vietnamese.
"""

from __future__ import annotations

TEXTS = {
    "likely": {"en": "likely wrong", "vi": "nhiều khả năng sai"},
    "suggested": {"en": "suggested", "vi": "đề xuất"},
    "open": {"en": "the relations do not determine its value", "vi": "các quan hệ chưa xác định được giá trị đúng"},
    "and": {"en": "with", "vi": "kèm theo"},
    "also": {"en": "also breaks", "vi": "cũng vi phạm"},
    "grouped": {"en": "({grouped} of the failed checks shown within the finding of the same mistake)",
                "vi": "({grouped} lượt không đạt được nêu chung trong phát hiện của cùng một lỗi)"},
    "located": {"en": "{located} of {findings} findings name the likely wrong figure",
                "vi": "{located}/{findings} phát hiện chỉ ra số liệu nhiều khả năng sai"},
    "fix": {"en": "{place}: {stated} → {suggested}", "vi": "{place}: {stated} → {suggested}"},
}

# the typo patterns (check_report.localise.typos) as a Vietnamese reviewer calls them; JSON keeps English
PATTERNS_VI = {
    "swapped digits": "đảo hai chữ số", "digit doubled": "thừa một chữ số lặp", "digit dropped": "thiếu một chữ số",
    "digit off by one": "lệch một đơn vị ở một chữ số", "wrong digit": "gõ nhầm một chữ số",
    "separator slip": "nhầm dấu phân cách", "unit slip ×1000": "nhầm đơn vị (×1000)", "sign": "nhầm dấu âm/dương",
    "'tăng p%' written for 'bằng p%'": "viết 'tăng p%' thay cho 'bằng p%'",
    "'bằng p%' written for 'tăng p%'": "viết 'bằng p%' thay cho 'tăng p%'",
}


def text(key: str, lang: str, **values) -> str:
    template = TEXTS[key].get(lang) or TEXTS[key]["en"]
    return template.format(**values) if values else template


def pattern_name(pattern: str | None, lang: str) -> str:
    if not pattern:
        return ""
    return PATTERNS_VI.get(pattern, pattern) if lang == "vi" else pattern


def place_of(location: dict) -> str:
    return location.get("short") or location.get("where") or location.get("path") or ""


def suspect_text(suspect: dict, lang: str, *, with_place: bool = True) -> str:
    """`Bieu 01!H16 = 1.297.400, suggested 1.279.400 (swapped digits)`; without a determined value,
    says so."""
    head = f"{place_of(suspect['location'])} = {suspect['stated']}" if with_place else suspect["stated"]
    if suspect.get("suggested"):
        pattern = pattern_name(suspect.get("pattern"), lang)
        tail = f", {text('suggested', lang)} {suspect['suggested']}" + (f" ({pattern})" if pattern else "")
    else:
        tail = f" ({text('open', lang)})"
    return head + tail


def suspects_line(finding: dict, lang: str) -> str:
    """`likely wrong: H16 = 1.297.400, suggested 1.279.400 (swapped digits)`, '' when there is none."""
    suspects = finding.get("suspects") or []
    if not suspects:
        return ""
    first = suspect_text(suspects[0], lang)
    rest = "; ".join(suspect_text(s, lang) for s in suspects[1:])
    return f"{text('likely', lang)}: {first}" + (f"; {text('and', lang)} {rest}" if rest else "")


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
        lines.append(text("grouped", lang, grouped=summary["grouped"]))
    if summary.get("located"):
        lines.append(text("located", lang, located=summary["located"], findings=summary.get("findings", 0)))
    return lines
