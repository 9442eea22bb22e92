"""Every regular expression the prose extractor uses, in one place, each with what it matches and why.

Like statcheck's R/regex.R: the rest of extract/prose*.py only refers to these names. Patterns run on
`Block.text` (markup already stripped, NFC) and are case-insensitive where Vietnamese capitalisation varies.
Examples in comments are real-world variants the tests exercise.
"""

from __future__ import annotations

import re

CI = re.IGNORECASE   # Vietnamese capitalisation varies ("Quý I", "QUÝ I", "quý I")

# --- numbers -------------------------------------------------------------------------------------------
# A written number: digits with '.'/',' groups or decimals ("1.138.000", "21,89", "140.7", "03").
# Not preceded by a letter, digit, '/' or a separator (so "H5N1", "24/2" tails and "1.2.3" parts are taken
# as a whole or not at all); a unit may follow without a space ("9.469.065.000đ", "470m2").
NUMBER = r"\d+(?:[.,]\d+)*"
FIGURE = re.compile(r"(?<![\w/.,])" + NUMBER + r"(?![\d/]|[.,]\d)")
# "a/b": two numbers around a slash, the shape of ratios ("1.245/1.320 hộ", "19/19 tiêu chí") and of
# dates ("27/2"); told apart by RATIO_CONTEXT / DATE_DAY_MONTH below.
SLASH_PAIR = re.compile(r"(?<![\w/.,])(" + NUMBER + r")\s*/\s*(" + NUMBER + r")(?![\w/]|[.,]\d)")

# --- what is NOT a figure (masked before figures are read; see prose.py for the coverage definition) ----
# Document codes: "03/CT-UBND", "32/2018/NQ-HĐND", "825/QĐ-TTg", "06-NQ/QU", "Đề án 06/CP", "/BC-UBND".
CITATION_CODE = re.compile(r"(?<![\w/])(?:\d+(?:[/-]\d+)*[/-]|/)[A-ZĐ][A-Za-zĐđ&]*(?:[-/][A-ZĐ][A-Za-zĐđ&]*)*"
                           r"(?=[\s,.;:)]|$)")
# Full dates: "17/01/2024", "8/3/2024", "01-10-1997", "3.2.1930", "ngày 05 tháng 12 năm 2022".
DATE_FULL = re.compile(r"\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}\b"
                       r"|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", CI)
# Day/month with a date word before: "ngày 27/2", "ngày 8/3", "Quốc tế phụ nữ 8/3".
DATE_DAY_MONTH = re.compile(r"\b(?:ngày|hôm|từ|đến)\s+\d{1,2}\s*/\s*\d{1,2}\b", CI)
# Month/year and quarter/year outside period phrases: "4/2024", "tháng 4/2024".
MONTH_YEAR = re.compile(r"\b\d{1,2}/(?:19|20)\d{2}\b")
# Year ranges: "2020-2025", "2023 - 2024", "2021–2025" (school years, terms, stages).
YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b")
# A year on its own: "năm 2024", "Giáp Thìn 2024"; a 4-digit 19xx/20xx not followed by a counting unit.
YEAR = re.compile(r"(?<![\d.,/])(?:19|20)\d{2}(?![\d.,/]\d)")
# Numbers that name rather than count: "lớp 9", "Bài 7", "lần thứ 15", "khóa VI", "mức độ 3", "ngã 5",
# "đợt 2", "Nghị quyết 04", "Nghị định 137", "tỷ lệ 1/500", "kỷ niệm 94 năm", "30 năm", "5 tuổi".
LABEL_BEFORE = re.compile(
    r"\b(?:lớp|bài|thứ|khóa|khoá|đợt|lần|mức độ|cấp độ|ngã|(?<!tổng\s)số|điều|khoản|chương|mục|phụ lục|tầng|"
    r"tổ dân phố|kỳ họp|nghị quyết|nghị định|quyết định|chỉ thị|thông tư|công văn|công điện|đề án|"
    r"phường|xã|khu|tỷ lệ|tỉ lệ bản đồ|covid|phiên bản|version|ngõ|ngách|hẻm)\s*[-:]?\s*$", CI)
# the number after such a word: "9", "1/500", "2,4" (a list of classes), never a percentage
LABEL_VALUE = re.compile(r"\d+(?:\s*/\s*\d+)?(?:\s*,\s*\d+)*(?!\d)(?!\s*%)(?![.,]\d)")
# where a number starts (the label test runs only there, which keeps it cheap)
NUMBER_START = re.compile(r"(?<![\w.,/])\d")
DURATION = re.compile(r"(?<![\w.,])\d+\s+(?:năm|tuổi)\b", CI)
# Enumerators at the start of a block: "1.", "2)", "II.", "a)", "- 1." (list numbering, not figures).
ENUMERATOR = re.compile(r"^\s*(?:[-+•–]\s*)?(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]\s", CI)

# --- periods -------------------------------------------------------------------------------------------
# A month: "tháng 03", "tháng 3", "tháng 3/2024", "tháng 3 năm 2024" (not "3 tháng", a cumulative).
PERIOD_MONTH = re.compile(r"\btháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*((?:19|20)\d{2}))?\b", CI)
# Months since January: "3 tháng", "03 tháng", "6 tháng đầu năm", "9 tháng năm 2024", "12 tháng".
PERIOD_MONTHS = re.compile(r"(?<![\w.,/])(\d{1,2})\s+tháng(?:\s+đầu\s+năm)?(?:\s*(?:/|năm)\s*((?:19|20)\d{2}))?"
                           r"(?!\s+(?:tiếp|tới|cuối|sau))", CI)
# A quarter: "quý I", "Quý 1/2024", "quý IV năm 2023".
PERIOD_QUARTER = re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm)\s*((?:19|20)\d{2}))?", CI)
# Periods ahead, in plans: "9 tháng tiếp theo", "6 tháng cuối năm", "3 tháng tới" (no figure of the report).
PERIOD_AHEAD = re.compile(r"(?<![\w.,/])\d{1,2}\s+tháng\s+(?:tiếp theo|tới|cuối năm|còn lại|sau)", CI)
# Cumulative without a number: "lũy kế", "luỹ kế", "tính chung", "từ đầu năm".
PERIOD_TO_DATE = re.compile(r"\b(?:lũy kế|luỹ kế|lũy tiến|tính chung|từ đầu năm)\b", CI)
ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4}

# --- what surrounds a figure ---------------------------------------------------------------------------
# Percent sign after a figure, with or without a space (or a no-break space): "21,89%", "17,15 %".
PERCENT_SIGN = re.compile(r"\s{0,2}%")
# Percentage points: "2,5 điểm %", "1,2 điểm phần trăm".
POINTS_UNIT = re.compile(r"\s*điểm\s*(?:%|phần trăm)", CI)
# Money: "triệu đồng", "tỷ đồng", "tỉ đồng", "nghìn tỷ đồng", "đồng", "000đ", "triệu USD", "tỷ" alone.
MONEY_UNIT = re.compile(r"\s*(nghìn tỷ|ngàn tỷ|nghìn tỉ|nghìn|ngàn|triệu|tỷ|tỉ)?\s*(đồng|đ|vnđ|vnd|usd)(?!\w)"
                        r"|\s*(nghìn tỷ|nghìn tỉ|triệu|tỷ|tỉ)(?!\w)", CI)
SCALE_WORDS = {"nghìn tỷ": 1e12, "ngàn tỷ": 1e12, "nghìn tỉ": 1e12, "nghìn": 1e3, "ngàn": 1e3,
               "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
# Counting units written after a count; longest first so "hồ sơ" wins over "hồ". Any other lower-case
# word after a number is taken as its unit too ("66 biển quảng cáo" -> "biển").
COUNT_UNIT = re.compile(
    r"\s*(hồ sơ|vụ việc|lượt người|lượt|người|hộ dân|hộ|suất|vụ|cơ sở|doanh nghiệp|lao động|tổ|đơn|"
    r"trường hợp|giấy phép|giấy chứng nhận|ha|tấn|km|m2|m²|con|cái|chiếc|tập thể|cá nhân|giáo viên|"
    r"học sinh|trường|lớp|phường|xã|thôn|dự án|công trình|buổi|cuộc|chuyên đề|giải|bệnh nhân|ca|"
    r"tiêu chí|lô|nhà|căn|thửa|biển|điểm|đoàn)(?!\w)"
    r"|\s*([a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+)", re.UNICODE)

# Words that make a count approximate: "khoảng 1.200 người", "gần 300 hộ", "hơn 50 lượt", "trên 20 vụ".
APPROXIMATE = re.compile(r"\b(?:khoảng|gần|hơn|trên|xấp xỉ|ước|chừng|tầm)\s*$", CI)

# Words before a percentage that say what it is.
GROWTH_UP = re.compile(r"\btăng(?:\s+trưởng)?\s*(?:khoảng|gần|hơn|trên)?\s*$", CI)
GROWTH_DOWN = re.compile(r"\bgiảm\s*(?:khoảng|gần|hơn|trên)?\s*$", CI)
REACHED = re.compile(r"\b(đạt|bằng|vượt|ước đạt|tương đương)\s*(?:khoảng|gần|hơn|trên)?\s*:?\s*$", CI)
TIMES_WORD = re.compile(r"\b(?:gấp|bằng|tăng gấp)\s*(?:khoảng|gần|hơn|trên)?\s*$", CI)   # "gấp 2,5 lần"
SHARE_WORD = re.compile(r"\bchiếm\s*(?:khoảng|gần|hơn|trên|tỷ trọng|tỉ trọng)?\s*$", CI)
CONTRIBUTION_WORD = re.compile(r"\bđóng góp\s*(?:khoảng|gần|hơn|trên)?\s*$", CI)
RATIO_WORD = re.compile(r"\b(?:tỷ lệ|tỉ lệ|tương đương|tương ứng)\s*(?:đạt|là|bằng)?\s*:?\s*$", CI)
# Words after a percentage: the plan ("kế hoạch", "KH", "dự toán", "chỉ tiêu", "nghị quyết", "so kế hoạch
# năm") or the same period last year ("so cùng kỳ", "so với cùng kỳ năm trước", "so với năm trước").
OF_PLAN = re.compile(r"^\s*(?:so\s+)?(?:với\s+)?(?:kế hoạch|KH\b|dự toán|chỉ tiêu|nghị quyết|mục tiêu)", CI)
OF_PREVIOUS = re.compile(r"^\s*(?:so\s+)?(?:với\s+)?(?:cùng kỳ|cùng thời điểm|năm trước|năm ngoái)", CI)
# Any other comparison after "tăng p%": "so với tháng trước", "so với đầu năm", "so với kế hoạch" (then the
# percentage is not growth over the same period).
OTHER_COMPARISON = re.compile(r"^\s*(?:so\s+(?:với\s+)?|với\s+)(?!cùng kỳ|cùng thời điểm|năm trước|năm ngoái)", CI)
# An absolute change stated beside a growth rate: "tăng 9,1% hay tăng 15.210 triệu đồng",
# "tăng 9,1%, tương ứng tăng 15.210". The change figure is the one after CHANGE_WORD.
CHANGE_WORD = re.compile(r"\b(tăng|giảm)\s*(?:thêm)?\s*$", CI)
# Between a period phrase and its value: "tháng 03 ước thực hiện", "3 tháng ước đạt", "quý I:", "lũy kế đạt".
PERIOD_TO_VALUE = re.compile(r"^\s*[:,]?\s*(?:\(?ước\)?\s*)?(?:tính\s*)?(?:thực hiện|đạt|được|là|ước đạt)?"
                             r"\s*(?:được\s*)?[:]?\s*$", CI)
# The plan itself: "kế hoạch năm 2024 là 836.000 triệu đồng", "dự toán giao 311.299 triệu đồng".
PLAN_WORD = re.compile(r"\b(?:kế hoạch|KH|dự toán|chỉ tiêu)(?:\s+(?:năm|giao|được giao|cả năm|thành phố giao))*"
                       r"\s*(?:là|:)?\s*$", CI)
PREVIOUS_WORD = re.compile(r"\bcùng kỳ(?:\s+năm\s+(?:trước|ngoái))?\s*(?:là|:)?\s*$", CI)

# --- stated relations ----------------------------------------------------------------------------------
# Partial breakdown: "(trong đó: ...)", "trong đó", "Trong đó:", "riêng".
PARTIAL = re.compile(r"\btrong\s+đó\b\s*:?", CI)
# Complete breakdown: "gồm", "bao gồm", "gồm có" right after the total.
COMPLETE = re.compile(r"\b(?:bao\s+)?gồm(?:\s+có)?\b\s*:?", CI)
# A count and its amount side by side: "900 suất = 450.000.000 đồng", "12 trường hợp với số tiền
# 06 triệu đồng", "1.520 suất quà, tổng số tiền 760.000.000 đồng", "5 dự án với tổng vốn đăng ký 1.200 tỷ".
PAIR_LINK = re.compile(r"^\s*(?:[\w ,]{0,24}?)\s*(?:=|tương\s+ứng|(?:với\s+)?(?:tổng\s+)?(?:số\s+tiền|số\s+vốn|"
                       r"vốn(?:\s+đăng\s+ký|\s+đầu\s+tư)?|kinh\s+phí|trị\s+giá|giá\s+trị))\s*(?:là|:)?\s*$", CI)
# A standalone "Trong đó:" line that announces the `+` items below.
BREAKDOWN_HEADER = re.compile(r"^\s*(?:\*\s*)?trong\s+đó\s*:?\s*$", CI)
BULLET_CHILD = re.compile(r"^\s*\+\s")
BULLET_PARENT = re.compile(r"^\s*[-–•]\s")

# --- statements ----------------------------------------------------------------------------------------
# Clause boundaries for statements: ';' and a sentence end ('.' followed by a space and a capital or end).
SENTENCE_END = re.compile(r";\s*|\.(?=\s+[A-ZĐ\u00c0-\u1ef9\"“(*])\s*|\.\s*$")
# Where a subject stops: the first verb or period word of the statement.
SUBJECT_STOP = re.compile(r"\b(?:ước|đạt|bằng|tăng|giảm|chiếm|là|gồm|bao gồm|trong đó|tháng|quý|lũy kế|luỹ kế|"
                          r"thực hiện|được|có|dự toán|kế hoạch|KH|cùng kỳ)\b|\d", CI)
# Discourse words before a subject: "đặc biệt thu ngân sách", "riêng thu ...", "trong đó".
SUBJECT_LEAD = re.compile(r"^(?:[-+•–*]\s*)?(?:đặc biệt|riêng|còn|và|trong đó|nhất là|cụ thể)?\s*[:,]?\s*", CI)
# Words dropped when indicators are compared across mentions ("Tổng thu ngân sách nhà nước trên địa bàn"
# and "thu ngân sách" are the same indicator).
NAME_FILLER = re.compile(r"\b(?:tổng|nhà nước|trên địa bàn(?: quận| huyện| tỉnh| thành phố)?|ước thực hiện|"
                         r"kết quả|giá trị|toàn quận|toàn huyện|toàn tỉnh|toàn thành phố|các|của)\b", CI)
