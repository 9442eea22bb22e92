"""Everything the CLI itself says, in English and Vietnamese (rule messages come from the rule sets).

One catalogue, keyed by short names; `t(key, lang, **values)` fills `str.format` fields. A key missing
in one language falls back to English, so a forgotten translation never crashes a run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("en", "vi")

MESSAGES: dict[str, dict[str, str]] = {
    # report headings and labels
    "summary": {"en": "Summary", "vi": "Tổng hợp"},
    "notes": {"en": "Notes", "vi": "Ghi chú"},
    "files": {"en": "Files", "vi": "Tệp"},
    "no_file": {"en": "(several files)", "vi": "(nhiều tệp)"},
    "sheet": {"en": "sheet {name}", "vi": "trang tính {name}"},
    "stated": {"en": "stated", "vi": "số báo cáo"},
    "implied": {"en": "implied", "vi": "số suy ra"},
    "indicator": {"en": "indicator", "vi": "chỉ tiêu"},
    "no_findings": {"en": "No discrepancies found.", "vi": "Không phát hiện sai lệch."},
    "col_file": {"en": "File", "vi": "Tệp"},
    "col_status": {"en": "Status", "vi": "Trạng thái"},
    "col_facts": {"en": "Facts", "vi": "Số liệu"},
    "col_errors": {"en": "Errors", "vi": "Lỗi"},
    "col_warnings": {"en": "Warnings", "vi": "Cảnh báo"},
    "col_infos": {"en": "Info", "vi": "Thông tin"},
    "status_ok": {"en": "ok", "vi": "đã kiểm tra"},
    "status_error": {"en": "error", "vi": "lỗi"},
    "severity_error": {"en": "error", "vi": "lỗi"},
    "severity_warning": {"en": "warning", "vi": "cảnh báo"},
    "severity_info": {"en": "info", "vi": "thông tin"},
    "summary_facts": {
        "en": "{files} file(s) checked, {facts} facts read, {rules} rules evaluated",
        "vi": "đã kiểm tra {files} tệp, đọc {facts} số liệu, áp dụng {rules} quy tắc",
    },
    "summary_checks": {
        "en": "{evaluated} checks: {passed} passed, {failed} failed, {not_evaluated} not evaluated",
        "vi": "{evaluated} lượt kiểm tra: {passed} đạt, {failed} không đạt, {not_evaluated} không đánh giá được",
    },
    "summary_subsumed": {
        "en": "({subsumed} of the failed checks shown within a stronger rule's finding)",
        "vi": "({subsumed} lượt không đạt được nêu trong phát hiện của một quy tắc bao trùm hơn)",
    },
    "counts_line": {
        "en": "{errors} error(s), {warnings} warning(s), {infos} info",
        "vi": "{errors} lỗi, {warnings} cảnh báo, {infos} thông tin",
    },
    "coverage_line": {
        "en": "{path}: {numbers} numbers in the text, {read} read, {checked} checked",
        "vi": "{path}: {numbers} con số trong văn bản, đọc được {read}, đã kiểm tra {checked}",
    },
    "coverage_uncertain": {"en": ", {uncertain} pair(s) not compared: identity uncertain",
                           "vi": ", {uncertain} cặp không so sánh: chưa chắc cùng một chỉ tiêu"},
    "no_facts": {"en": "{path}: no figures were read, so nothing in it was checked",
                 "vi": "{path}: không đọc được số liệu nào nên chưa kiểm tra được gì"},
    "more_notes": {"en": "{path}: {count} more notes (all of them in --format json)",
                   "vi": "{path}: còn {count} ghi chú nữa (xem đủ với --format json)"},
    "unchecked": {"en": "Numbers not checked", "vi": "Con số chưa được kiểm tra"},
    "checking": {"en": "Checking", "vi": "Đang kiểm tra"},
    # rules and explain
    "rules_pack": {"en": "pack {pack}", "vi": "bộ quy tắc {pack}"},
    "rules_count": {"en": "{count} rule(s)", "vi": "{count} quy tắc"},
    "explain_what": {"en": "What it checks", "vi": "Kiểm tra gì"},
    "explain_why": {"en": "Why it matters", "vi": "Vì sao quan trọng"},
    "explain_fail": {"en": "Failing example", "vi": "Ví dụ vi phạm"},
    "explain_pass": {"en": "Passing example", "vi": "Ví dụ đạt"},
    "explain_severity": {"en": "Severity", "vi": "Mức độ"},
    "explain_expr": {"en": "Expression", "vi": "Biểu thức"},
    "explain_when": {"en": "Applies when", "vi": "Áp dụng khi"},
    "explain_check": {"en": "Check kind", "vi": "Loại kiểm tra"},
    "explain_defined": {"en": "Defined in", "vi": "Định nghĩa tại"},
    "explain_none": {"en": "(not documented)", "vi": "(chưa có mô tả)"},
    # errors (one line each; the caller prefixes the file when there is one)
    "err_unknown_rule": {"en": "unknown rule {rule!r}{hint}", "vi": "không có quy tắc {rule!r}{hint}"},
    "did_you_mean": {"en": " (did you mean {name!r}?)", "vi": " (có phải {name!r}?)"},
    "err_no_inputs": {"en": "no input files given (try: check-report --help)",
                      "vi": "chưa chỉ định tệp đầu vào (xem: check-report --help)"},
    "err_jobs": {"en": "--jobs must be at least 1", "vi": "--jobs phải từ 1 trở lên"},
    "err_severity": {"en": "--severity {value!r}: expected ID=error|warning|info",
                     "vi": "--severity {value!r}: cần dạng ID=error|warning|info"},
    "err_output_input": {"en": "{path}: --output would overwrite an input file; choose another name",
                         "vi": "{path}: --output sẽ ghi đè lên tệp đầu vào; hãy chọn tên khác"},
    "err_overwrite": {"en": "{path}: --annotate would overwrite an input file; choose another name",
                      "vi": "{path}: --annotate sẽ ghi đè lên tệp đầu vào; hãy chọn tên khác"},
    "err_no_match": {"en": "{pattern}: no such file, and no supported file matches",
                     "vi": "{pattern}: không có tệp này, cũng không có tệp được hỗ trợ nào khớp"},
    "err_empty_dir": {"en": "{path}: directory holds no supported file",
                      "vi": "{path}: thư mục không có tệp được hỗ trợ"},
    "err_internal": {"en": "{path}: internal error: {error}", "vi": "{path}: lỗi nội bộ: {error}"},
    "err_write": {"en": "{path}: cannot write: {error}", "vi": "{path}: không ghi được: {error}"},
    "err_vocabulary": {"en": "{path}: vocabulary file not found", "vi": "{path}: không có tệp từ vựng"},
    "err_unavailable": {"en": "{option} is not available in this build ({module} is missing)",
                        "vi": "{option} chưa có trong bản này (thiếu {module})"},
    "debug_hint": {"en": "(run with --debug for the traceback)", "vi": "(chạy với --debug để xem chi tiết)"},
    "annotated": {"en": "annotated copy: {path}", "vi": "bản có chú thích: {path}"},
}


def t(key: str, lang: str = "en", **values) -> str:
    texts = MESSAGES[key]
    template = texts.get(lang) or texts["en"]
    return template.format(**values) if values else template


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """Vietnamese when the locale says so (LC_ALL, LC_MESSAGES or LANG starting with "vi"), else English.
    "C" and "POSIX" name no language (containers set LC_ALL=C.UTF-8 globally), so the next one decides."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").split(".")[0]
        if value and value.upper() not in ("C", "POSIX"):
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def severity_label(severity: str, lang: str) -> str:
    return t(f"severity_{severity}", lang)
