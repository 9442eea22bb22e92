"""Every regular expression the prose extractor uses, in one place, each with what it matches and why.

Like statcheck's R/regex.R: the rest of extract/prose*.py only refers to these names. Patterns run on
`Block.text` (markup already stripped, NFC) and are case-insensitive where Vietnamese capitalisation varies.
Quantifiers are bounded and no repeat nests inside another, so each pattern runs in time linear in the text.
Examples in comments are real-world variants the tests exercise.
"""

from __future__ import annotations

import re

CI = re.IGNORECASE   # Vietnamese capitalisation varies ("Quý I", "QUÝ I", "quý I")

# --- numbers -------------------------------------------------------------------------------------------
# A written number: digits with '.'/',' groups or decimals ("1.138.000", "21,89", "140.7", "03").
# Not preceded by a letter, digit, '/' or a separator (so "H5N1", "24/2" tails and "1.2.3" parts are taken
# as a whole or not at all); a unit may follow without a space ("9.469.065.000đ", "470m2").
NUMBER = r"\d{1,15}(?:[.,]\d{1,15}){0,6}"
FIGURE = re.compile(r"(?<![\w/.,])" + NUMBER + r"(?![\d/]|[.,]\d)")
# "a/b": two numbers around a slash, the shape of ratios ("1.245/1.320 hộ", "19/19 tiêu chí") and of
# dates ("27/2"); told apart by the unit after and DATE_DAY_MONTH. A scale word may follow the numerator
# ("220 triệu/254 triệu 700 nghìn đồng").
SLASH_PAIR = re.compile(r"(?<![\w/.,])(" + NUMBER + r")(?:\s{0,2}(triệu|tỷ|tỉ|nghìn|ngàn))?\s{0,2}/\s{0,2}("
                        + NUMBER + r")(?![\d/]|[.,]\d)", CI)
# An amount written the way it is spoken: "147 triệu 700 nghìn đồng", "16 tỷ 434 triệu đồng",
# "1 tỷ 500 triệu", "96 triệu 500 nghìn", "3.579 tỷ 654 triệu đồng". Read as one figure in its first scale
# (147,7 triệu).
SPOKEN_AMOUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d{1,4})\s{1,3}(tỷ|tỉ|triệu)\s{1,3}(\d{1,3})\s{1,3}(triệu|nghìn|ngàn)"
                           r"(?:\s{1,3}(\d{1,3})\s{1,3}(nghìn|ngàn|đồng))?(?!\w)", CI)
SPOKEN_SCALE = {"tỷ": 1e9, "tỉ": 1e9, "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3, "đồng": 1.0}

# --- what is NOT a figure (masked before figures are read; see prose.py for the coverage definition) ----
# Document codes: "03/CT-UBND", "32/2018/NQ-HĐND", "825/QĐ-TTg", "06-NQ/QU", "Đề án 06/CP", "/BC-UBND".
CITATION_CODE = re.compile(r"(?<![\w/])(?:\d{1,6}(?:[/-]\d{1,6}){0,3}[/-]|/)[A-ZĐ][A-Za-zĐđ&]{0,12}"
                           r"(?:[-/][A-ZĐ][A-Za-zĐđ&]{0,12}){0,4}(?=[\s,.;:)]|$)")
# Full dates: "17/01/2024", "8/3/2024", "01-10-1997", "3.2.1930", "ngày 05 tháng 12 năm 2022".
DATE_FULL = re.compile(r"\b\d{1,2}\s{0,2}[/.\-]\s{0,2}\d{1,2}\s{0,2}[/.\-]\s{0,2}(?:19|20)\d{2}\b"
                       r"|\bngày\s{1,3}\d{1,2}\s{1,3}tháng\s{1,3}\d{1,2}(?:\s{1,3}năm\s{1,3}\d{4})?", CI)
# Day/month with a date word before: "ngày 27/2", "ngày 8/3", "từ 15/12", "đến 14/3".
# Newspapers write them with a hyphen ("Ước đến 30-9 đạt …", "hết 31-12,"); a range is not one ("từ 18-20%", "đến
# 5-7 ngày"): a valid day and month, then a clause's end or its verb.
DATE_DAY_MONTH = re.compile(r"\b(?:ngày|hôm|từ|đến|tới|hết)\s{1,3}\d{1,2}\s{0,2}/\s{0,2}\d{1,2}\b"
                            r"|\b(?:ngày|hôm|đến|tới|hết)\s{1,3}(?:[12]\d|3[01]|0?[1-9])-(?:1[0-2]|0?[1-9])\b"
                            r"(?=\s{0,3}(?:[,;)]|\.(?!\d)|$)|\s{1,3}(?:đạt|là|có|thì|vừa|năm|và|tại|trên)\b)", CI)
# Month/year and quarter/year outside period phrases: "4/2024", "tháng 4/2024".
MONTH_YEAR = re.compile(r"(?<!tháng )(?<!tháng  )\b\d{1,2}/(?:19|20)\d{2}\b", CI)
# Year ranges: "2020-2025", "2023 - 2024", "2021–2025" (school years, terms, stages).
YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s{0,2}[-–]\s{0,2}(?:19|20)\d{2}\b")
# A year on its own: "năm 2024", "Giáp Thìn 2024"; a 4-digit 19xx/20xx not followed by a counting unit.
YEAR = re.compile(r"(?<![\d.,/])(?:19|20)\d{2}(?![\d.,/]\d)")
# Numbers that name rather than count: "lớp 9", "Bài 7", "lần thứ 15", "khóa VI", "mức độ 3", "ngã 5",
# "đợt 2", "Nghị quyết 04", "Nghị định 137", "tỷ lệ 1/500", "kỷ niệm 94 năm", "30 năm", "5 tuổi",
# "xếp thứ 4", "đạt 3 sao", "hạng 2", "giờ 15".
LABEL_BEFORE = re.compile(
    r"\b(?:lớp|bài|thứ|khóa|khoá|đợt|lần|mức độ|cấp độ|ngã|(?<!tổng\s)số|điều|khoản|chương|mục|phụ lục|tầng|"
    r"tổ dân phố|kỳ họp|nghị quyết|nghị định|quyết định|chỉ thị|thông tư|công văn|công điện|đề án|"
    r"phường|xã|khu|tỷ lệ|tỉ lệ bản đồ|covid|phiên bản|version|ngõ|ngách|hẻm|hạng|top|nhóm|"
    r"đường dây nóng|hotline|điện thoại|page|trang|biểu đồ|sơ đồ|bảng|hình|biểu|phụ biểu|mẫu|"
    # a title or a club's name: "đạt danh hiệu CLB 02 tấn" (the rubber growers' 2-tonne club)
    r"danh hiệu|clb|câu lạc bộ)\s{0,2}[-:]?\s{0,2}$",
    CI)
# the number after such a word: "9", "1/500", "2,4" (a list of classes), never a percentage
LABEL_VALUE = re.compile(r"\d{1,6}(?:\s{0,2}/\s{0,2}\d{1,6})?(?:\s{0,2},\s{0,2}\d{1,4}){0,6}(?!\d)(?!\s*%)(?![.,]\d)"
                         r"(?!\s{1,3}(?:tháng|qu[ýí]|năm)\b)")
# where a number starts (the label test runs only there, which keeps it cheap)
NUMBER_START = re.compile(r"(?<![\w.,/])\d")
DURATION = re.compile(r"(?<![\w.,])(?<!tháng )(?<!quý )(?<!quí )\d{1,4}\s{1,3}(?:năm|tuổi|giờ|phút|ngày đêm)\b"
                      r"(?!\s{1,3}(?:19|20)\d{2}\b)", CI)
# What a figure is per: "giá trị sản xuất trên 1 ha đất nông nghiệp", "trên 01 ha", "mỗi 1 km2"
PER_ONE = re.compile(r"(?<=\s)(?:trên|mỗi|/)\s{0,2}(?:1|01)\s{0,2}(?:ha|héc-?ta|hecta|km2|km²|m2|m²)\b", CI)
# A rate per hundred or thousand of something: "đạt xấp xỉ 100 thuê bao/100 dân", "12 bác sĩ/1 vạn dân"
PER_HUNDRED = re.compile(r"(?<![\w.,])\d[\d.,]*\s{1,3}[^\W\d_]+(?:\s[^\W\d_]+)?\s{0,2}/\s{0,2}"
                         r"(?:100|1\.000|1000|10\.000|100\.000|1 vạn|vạn)\s{1,3}[^\W\d_]+", CI)
# Grades and ranks: "3 sao", "4 sao", "hạng 1": the number names a class, it counts nothing.
GRADE = re.compile(r"(?<![\w.,])\d{1,2}\s{1,3}sao\b", CI)
# Enumerators at the start of a block: "1.", "2)", "II.", "a)", "- 1." (list numbering, not figures).
ENUMERATOR = re.compile(r"^\s{0,8}(?:[-+•–]\s{0,3})?(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVXLC]{1,6}|[a-zđ])[.)]\s", CI)
# Phone numbers and page stamps: "0866.59.4498".
PHONE = re.compile(r"(?<![\w.,])0\d{2,4}[. ]\d{2,4}[. ]\d{2,5}(?![\w.,])")

# --- periods -------------------------------------------------------------------------------------------
_SPELLED = r"một|hai|ba|bốn|sáu|bảy|tám|chín|mười(?:\s+một|\s+hai)?"
SPELLED_MONTHS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
                  "mười một": 11, "mười hai": 12}
# A month: "tháng 03", "tháng 3", "tháng 3/2024", "tháng 3 năm 2024" (not "3 tháng", a cumulative).
# "tháng 6/2024", "tháng 6 năm 2024", "tháng 6.2024", "tháng 6-2024"
PERIOD_MONTH = re.compile(r"\btháng\s{1,3}(\d{1,2})(?:\s{0,2}(?:/|năm)\s{0,2}((?:19|20)\d{2})|[.-]((?:19|20)\d{2}))?\b", CI)
# Months since January: "3 tháng", "03 tháng", "6 tháng đầu năm", "9 tháng năm 2024", "bảy tháng".
PERIOD_MONTHS = re.compile(r"(?<![\w.,/])(\d{1,2}|" + _SPELLED + r")\s{1,3}tháng(?:\s{1,3}đầu\s{1,3}năm(?:\s{1,3}((?:19|20)\d{2}))?"
                           r"|\s{0,2}(?:/|năm)\s{0,2}((?:19|20)\d{2}))?(?!\s{1,3}(?:tiếp|tới|cuối|sau|còn|qua\s+năm))", CI)
# A quarter: "quý I", "Quý 1/2024", "quý IV năm 2023", "quý II-2016".
PERIOD_QUARTER = re.compile(r"\bqu[ýí]\s{1,3}(IV|I{1,3}|[1-4])\b(?:\s{0,2}(?:/|-|năm)\s{0,2}((?:19|20)\d{2}))?", CI)
# A whole year as the period: "năm 2023", "cả năm 2023", "trong năm 2022".
PERIOD_YEAR = re.compile(r"\b(?:cả\s{1,3}|trong\s{1,3})?năm\s{1,3}((?:19|20)\d{2})\b(?!\s{0,2}[-–]\s{0,2}\d)", CI)
# The report's own month without its number: "trong tháng", "tháng này", "tháng báo cáo".
PERIOD_THIS_MONTH = re.compile(r"\b(?:trong tháng|tháng này|tháng báo cáo)\b(?!\s{0,3}\d)", CI)
# "Đến ngày 31/8/2024", "tính đến hết ngày 15/10": the months since January up to a day
AS_OF_DAY = re.compile(r"\b(?:tính\s{1,3})?(?:đến|tới)\s{1,3}(?:hết\s{1,3})?ngày\s{1,3}(\d{1,2})\s{0,2}/\s{0,2}(\d{1,2})"
                       r"(?:\s{0,2}/\s{0,2}((?:19|20)\d{2}))?\b", CI)
# "tính đến hết tháng 9", "đến cuối tháng 7/2018": the months since January up to that month
UP_TO_MONTH = re.compile(r"\b(?:(?:đến|tới)\s{1,3}(?:hết|cuối)|tính\s{1,3}(?:đến|tới)(?:\s{1,3}(?:hết|cuối))?)\s{1,3}$", CI)
# Periods ahead, in plans: "9 tháng tiếp theo", "6 tháng cuối năm", "3 tháng tới" (no figure of the report).
PERIOD_AHEAD = re.compile(r"(?<![\w.,/])\d{1,2}\s{1,3}tháng\s{1,3}(?:tiếp theo|tới|cuối năm|còn lại|sau)", CI)
# Cumulative without a number: "lũy kế", "luỹ kế", "tính chung", "từ đầu năm".
PERIOD_TO_DATE = re.compile(r"\b(?:lũy kế|luỹ kế|lũy tiến|tính chung|từ đầu năm)\b", CI)
ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4}

# --- what surrounds a figure ---------------------------------------------------------------------------
# Percent sign after a figure, with or without a space (or a no-break space): "21,89%", "17,15 %".
PERCENT_SIGN = re.compile(r"\s{0,2}%")
# Percentage points: "2,5 điểm %", "1,2 điểm phần trăm".
POINTS_UNIT = re.compile(r"\s{0,2}điểm\s{0,2}(?:%|phần trăm)", CI)
# Money: "triệu đồng", "tỷ đồng", "tỉ đồng", "nghìn tỷ đồng", "đồng", "000đ", "triệu USD", "tỷ" alone.
MONEY_UNIT = re.compile(r"\s{0,3}(nghìn tỷ|ngàn tỷ|nghìn tỉ|triệu tỷ|triệu tỉ|nghìn|ngàn|triệu|tỷ|tỉ)?\s{0,3}"
                        r"(đồng|đ|vnđ|vnd|usd|đô la mỹ)(?!\w)"
                        r"|\s{0,3}(nghìn tỷ|nghìn tỉ|triệu tỷ|triệu tỉ|triệu|tỷ|tỉ)(?!\w)(?!\s{1,3}(?:lượt|người|khách|"
                        r"tấn|ha|m3|m2|con|cây|kWh|lít|sản phẩm|hộ|lao động))", CI)
SCALE_WORDS = {"nghìn tỷ": 1e12, "ngàn tỷ": 1e12, "nghìn tỉ": 1e12, "triệu tỷ": 1e15, "triệu tỉ": 1e15,
               "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "vạn": 1e4}
# A count or quantity in a scale: "583,07 ngàn m3", "63 vạn tấn", "2,3 triệu lượt khách", "220 nghìn tấn".
SCALED_QUANTITY = re.compile(r"\s{0,3}(nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s{1,3}(tấn|ha|m3|m³|m2|m²|km|lượt khách|lượt|"
                             r"khách|người|con|cây|kWh|lít|sản phẩm|hộ|lao động|việc làm|USD|đồng)(?!\w)", CI)
# Things counted in a scale that no list names: "158,5 triệu thuê bao", "1,2 triệu trái cây", "3,1 nghìn học
# sinh" (the scale word alone is money: "đạt 520 tỷ, tăng 8%"). The noun is a lower-case word that is not one of
# the words that follow an amount of money (a verb, a preposition, "tỷ lệ"), with the syllable after it
_AFTER_MONEY = (r"(?:lệ|trọng|đồng|đ|usd|vnđ|vnd|đô|so|với|và|đến|tới|đạt|tăng|giảm|bằng|chiếm|trong|là|của|từ|"
                r"cho|được|trên|dưới|hơn|năm|tháng|quý|vốn|nay|này|thì|mà|nhưng|còn|đã|sẽ|đang|ước|dự|kế|vượt|"
                r"bình|do|nhờ|tương|trở|gần|khoảng|hay|hoặc|cùng|chỉ|cả|lên|xuống|nên|vào|ra|tại|theo|để|"
                r"thu|chi|nộp|giải|ngân)(?!\w)")
_LOWER = r"[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
SCALED_NOUN = re.compile(r"\s{0,3}(nghìn|ngàn|triệu)\s{1,3}(?!" + _AFTER_MONEY + r")(" + _LOWER + r"{1,8}"
                         r"(?:\s(?!" + _AFTER_MONEY + r")" + _LOWER + r"{1,8})?)(?!\w)")
# Counting units written after a count; longest first so "hồ sơ" wins over "hồ". Any other lower-case
# word after a number is taken as its unit too ("66 biển quảng cáo" -> "biển").
COUNT_UNIT = re.compile(
    r"\s{0,3}(hồ sơ|vụ việc|lượt người|lượt khách|lượt|người|hộ dân|hộ|suất|vụ|cơ sở|doanh nghiệp|lao động|tổ|đơn|"
    r"trường hợp|giấy phép|giấy chứng nhận|ha|tấn|tạ|kg|km|m3|m³|m2|m²|con|cái|chiếc|tập thể|cá nhân|giáo viên|"
    r"học sinh|trường|lớp|phường|xã|thôn|dự án|công trình|buổi|cuộc|chuyên đề|giải|bệnh nhân|ca|"
    r"tiêu chí|lô|nhà|căn|thửa|biển|điểm|đoàn|lần|sản phẩm|nhóm|chỉ tiêu|mô hình|DN|HTX|THT|"
    r"thuê bao|khách hàng|hành khách|hội viên|đảng viên|bị can|đối tượng|học viên|sinh viên|trẻ em|phương tiện|"
    r"sáng kiến)(?!\w)"
    r"|\s{0,3}([a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]{1,12})", re.UNICODE)
# "/ha", "/người", "/năm" after a unit: a rate (yield, income per head), never added up
PER_UNIT = re.compile(r"\s{0,2}/\s{0,2}(ha|người|năm|tháng|kg|tấn|m2|m²|hộ|lao động|con|ngày|khẩu|sào|km)(?!\w)", CI)
# Units of measure (a quantity, not a count of things): a figure in one of these, stated after its
# subject, is the subject's value; a count of things ("66 biển") names its own indicator.
MEASURE_UNITS = frozenset({"ha", "tấn", "tạ", "kg", "km", "m3", "m³", "m2", "m²", "lít", "kwh"})

# A hedge before a figure widens its interval instead of dropping it: "hơn 3.900", "gần 664", "khoảng 2.900".
HEDGE = re.compile(r"\b(khoảng|gần|hơn|trên|xấp xỉ|chừng|tầm|ít nhất|tối thiểu|dưới|chưa đến|chưa tới|"
                   r"không đến|không dưới|không quá)\s{1,3}$", CI)
HEDGE_UP = frozenset({"hơn", "trên", "ít nhất", "tối thiểu", "không dưới"})
HEDGE_DOWN = frozenset({"gần", "dưới", "chưa đến", "chưa tới", "không đến", "không quá"})
# Words that make a count approximate: "khoảng 1.200 người", "gần 300 hộ", "hơn 50 lượt", "trên 20 vụ".
APPROXIMATE = re.compile(r"\b(?:khoảng|gần|hơn|trên|xấp xỉ|ước|chừng|tầm)\s{0,3}$", CI)

# Words before a percentage that say what it is.
# "tăng 6,2%", and the measure said in words: "đạt mức tăng 10,52%", "có mức tăng cao nhất với 5,08%", "tăng
# khá ở mức 2,01%", "tăng trưởng khá với tốc độ 8,50%", "với mức tăng tương ứng là 11,70%"
GROWTH_UP = re.compile(r"\btăng(?:\s{1,3}trưởng)?(?:\s{1,3}(?:thêm|cao|mạnh|nhẹ|khá|chậm|nhanh|cao nhất|thấp nhất|khá tốt|"
                       r"tốt|tương ứng|bình quân))*(?:\s{1,3}(?:ở\s{1,3}mức|với\s{1,3}(?:tốc độ|mức)|với|là|đạt))?"
                       r"\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$",
                       CI)
GROWTH_DOWN = re.compile(r"\bgiảm(?:\s{1,3}(?:thêm|mạnh|nhẹ))?\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$", CI)
REACHED = re.compile(r"\b(đạt|bằng|vượt|ước đạt|tương đương|ước tính đạt|ước bằng)\s{0,3}(?:khoảng|gần|hơn|trên)?"
                     r"\s{0,3}:?\s{0,3}$", CI)
TIMES_WORD = re.compile(r"\b(?:gấp|bằng|tăng gấp|tăng)\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$", CI)  # "gấp 2,5 lần"
SHARE_WORD = re.compile(r"\bchiếm\s{0,3}(?:khoảng|gần|hơn|trên|tỷ trọng|tỉ trọng|tỷ lệ|tỉ lệ)?\s{0,3}$", CI)
# what a share is of: "chiếm 85,78% tổng mức", "chiếm 34% GRDP", "chiếm tỷ lệ 3,14% (tổng số hộ)"
SHARE_OF = re.compile(r"\s{0,3}(?:của\s{1,3})?(?:tổng|toàn|trong|so với|cơ cấu)?[^,;.()\d]{0,40}?(?=\s{0,3}(?:[,;.(]|$|\bvà\b|"
                      r"\btăng\b|\bgiảm\b|\bđạt\b))", CI)
CONTRIBUTION_WORD = re.compile(r"\b(?:đóng góp(?:\s{1,3}(?:tăng|giảm))?|làm tăng|làm giảm)\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$",
                               CI)
RATIO_WORD = re.compile(r"\b(?:tỷ lệ|tỉ lệ|tương đương|tương ứng)\s{0,3}(?:đạt|là|bằng)?\s{0,3}:?\s{0,3}$", CI)
# "tốc độ tăng (trưởng) ... đạt 6,2%", "tăng trưởng kinh tế ước đạt 6,2%": a growth rate, not a ratio
GROWTH_RATE_SUBJECT = re.compile(r"^\s{0,3}(?:tốc độ\s{1,3}tăng(?:\s{1,3}trưởng)?|tăng\s{1,3}trưởng)\s{0,3}(?:của\s)?", CI)
# "nếu loại trừ yếu tố giá thì tăng 6,1%": growth at constant prices, another figure than the nominal one
REAL_TERMS = re.compile(r"loại trừ yếu tố giá|theo giá so sánh|giá so sánh", CI)
# A judgement next to a ratio to plan: "vượt kế hoạch", "không đạt chỉ tiêu", "đạt kế hoạch", "hoàn thành".
JUDGEMENT = re.compile(r"\b(không đạt|chưa đạt|vượt|đạt|hoàn thành(?:\s{1,3}vượt)?|chưa hoàn thành|không hoàn thành)"
                       r"\s{1,3}(?:mức\s{1,3})?(kế hoạch|chỉ tiêu|dự toán|mục tiêu|nghị quyết)\b(?!\s{0,3}\d)", CI)

# --- bases: what a percentage is measured against (read from the words after it) -------------------------
# The plan: "kế hoạch", "KH", "dự toán", "chỉ tiêu", "nghị quyết" and who set it ("tỉnh giao", "HĐND huyện").
PLAN_BASE = re.compile(r"^\s{0,3}(?:so\s{1,3})?(?:với\s{1,3})?(kế hoạch|KH\b|dự toán|chỉ tiêu|mục tiêu|nghị quyết)"
                       r"([^,;.()%\d]{0,70})", CI)
# The same period last year: "so cùng kỳ", "so với cùng kỳ năm trước", "so với cùng kỳ năm 2024".
SAME_PERIOD_BASE = re.compile(r"^\s{0,3}(?:so\s{1,3}(?:với\s{1,3})?|với\s{1,3})?(?:cùng kỳ|cùng thời điểm|cùng thời gian)"
                              r"(?:\s{1,3}năm\s{1,3}(trước|ngoái|(?:19|20)\d{2}))?", CI)
# "so với năm trước", "so với năm ngoái", "so với năm 2023", "so với 6 tháng đầu năm 2021", "so với quý I/2023"
NAMED_BASE = re.compile(r"^\s{0,3}(?:so\s{1,3}(?:với\s{1,3})?|với\s{1,3})(?:(\d{1,2})\s{1,3}tháng(?:\s{1,3}đầu)?\s{1,3})?"
                        r"(?:(qu[ýí]\s{1,3}(?:IV|I{1,3}|[1-4]))\s{0,3}(?:/|-|năm)?\s{0,3})?"
                        r"(?:năm\s{1,3})?(trước|ngoái|cũ|(?:19|20)\d{2})\b", CI)
# The period just before: "so với tháng trước", "so tháng trước", "so với quý trước", "so với kỳ trước".
PRIOR_BASE = re.compile(r"^\s{0,3}(?:so\s{1,3}(?:với\s{1,3})?|với\s{1,3})(?:tháng|qu[ýí]|kỳ)\s{1,3}(?:trước|liền kề)", CI)
# Any other comparison: "so với đầu năm", "so với tháng 12/2023", "so với 4,3% năm cũ".
OTHER_BASE = re.compile(r"^\s{0,3}(?:so\s{1,3}(?:với\s{1,3})?|với\s{1,3})(?!cùng kỳ|cùng thời)", CI)
# A comparison with a moment rather than a period ("tăng 331 tỷ đồng so với đầu năm, tỷ lệ tăng 10,3%"): a
# growth of the statement said after it without a base is likely on that moment, not on last year's period.
# Likewise after a change from one value to another ("tăng từ 1.630 USD năm 2015 lên 2.504 USD năm 2020, tăng
# 63,6%"): the growth is on the value it rose from.
OTHER_BASE_SAID = re.compile(r"\bso\s{1,3}(?:với\s{1,3})?(?:đầu năm|cuối năm|thời điểm|ngày\s{1,3}\d|"
                             r"31/12|tháng\s{1,3}12\s{0,3}/)|\btừ\s{1,3}\d[^;]{0,80}?\b(?:lên|xuống|đến|tới|còn)"
                             r"\s{1,3}(?:mức\s{1,3})?\d", CI)
# A change said from one value to another: "tăng từ 1.630 USD năm 2015 lên 2.504 USD năm 2020", "giảm từ 5,2%
# xuống 3,1%". The first is a figure of the earlier time; the second's period is often said after it.
FROM_VALUE = re.compile(r"\btừ\s{1,3}$", CI)
FROM_TO_AFTER = re.compile(r"[^,;.]{0,40}?\b(?:lên|xuống|đến|tới|còn)\s{1,3}(?:mức\s{1,3})?\d", CI)
FROM_TO_BEFORE = re.compile(r"\btừ\s{1,3}\d[\d.,]*[^,;]{0,40}?\b(?:lên|xuống|đến|tới|còn)\s{1,3}(?:mức\s{1,3})?$", CI)
# A comparison figure after a growth: "chỉ thấp hơn tốc độ tăng 6,58% của 6 tháng đầu năm 2022",
# "cao hơn mức tăng 7,0% của quý I năm 2019", "tương đương mức tăng 10,50% của cùng kỳ năm trước": the
# figure after belongs to another period (a level compared with needs the words "mức tăng" / "tốc độ tăng").
COMPARED_FIGURE = re.compile(r"(?:\b(?:cao|thấp)\s{1,3}hơn\s{1,3}(?:(?:nhiều|khá nhiều|rất nhiều|đáng kể|một chút|chút ít)"
                             r"\s{1,3})?(?:so\s{1,3}(?:với\s{1,3})?)?(?:tốc độ\s{1,3}tăng|mức\s{1,3}tăng|"
                             r"mức|tốc độ)?|\b(?:tương đương|ngang|xấp xỉ|gần bằng)\s{1,3}(?:với\s{1,3})?"
                             r"(?:tốc độ\s{1,3}tăng|mức\s{1,3}tăng))(?:\s{1,3}(?:trưởng|bình quân))?\s{0,3}$", CI)
# "với mức tăng tương ứng là 11,70% và 8,10%": figures shared out over subjects named before, in order
RESPECTIVELY = re.compile(r"\b(?:tương\s{1,3}ứng|lần\s{1,3}lượt)\s{1,3}(?:là|với|đạt|bằng|tăng|giảm)?\s{0,3}(?:khoảng|gần|hơn|"
                          r"trên)?\s{0,3}:?\s{0,3}$", CI)
# Rates that are not the growth of the period: an average over years ("bình quân tăng 20,1%/năm", "tăng bình
# quân 6,5% mỗi năm") and a revision of an estimate ("điều chỉnh tăng 0,47%")
AVERAGE_RATE_BEFORE = re.compile(r"\b(?:bình quân|trung bình)(?:\s{1,3}(?:mỗi|hằng|hàng)\s{1,3}năm)?\s{1,3}(?:tăng|giảm)"
                                 r"(?:\s{1,3}trưởng)?\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$|\b(?:tăng|giảm)(?:\s{1,3}trưởng)?"
                                 r"\s{1,3}(?:bình quân|trung bình)\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$|"
                                 r"\bđiều chỉnh\s{1,3}(?:tăng|giảm)\s{0,3}$", CI)
AVERAGE_RATE_AFTER = re.compile(r"^\s{0,2}/\s{0,2}năm|^\s{0,3}(?:mỗi|hằng|hàng|một)\s{1,3}năm\b", CI)
# a shift of structure: the rises and falls after it are of shares, in points ("Cơ cấu kinh tế chuyển dịch theo
# hướng tích cực, khu vực I giảm 1,62%, khu vực II tăng 0,69% …")
# after a percentage, words that make it a share of other things or a bound, not a ratio restated: "13/14 tổ
# dân phố …, 100% cơ quan, đơn vị đạt …", "4/14 chỉ tiêu đạt 100% trở lên"
PERCENT_OF_OTHER = re.compile(r"\s{0,3}(?:trở lên|trở xuống|(?!so\b|kế\b|KH\b|dự\b|chỉ\b|cùng\b|tổng\b|số\b|của\b|"
                              r"trên\b|và\b|với\b|theo\b|năm\b|tháng\b|quý\b|kỳ\b)(?:các\s{1,3})?[^\W\d_]{2,}\s{1,3}"
                              r"[^\W\d_]{2,})", CI)
# a subject that is itself a rate or a share: its "tăng/giảm N%" is a move in points
RATE_SUBJECT = re.compile(r"^\s{0,3}(?:tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|cơ cấu)\b", CI)
STRUCTURE_SHIFT = re.compile(r"\b(?:cơ cấu|tỷ trọng|tỉ trọng)\b[^.;]{0,60}\bchuyển dịch\b|\bchuyển dịch\s{1,3}cơ cấu\b", CI)
# the base said before the figure: "so với tháng trước tăng 1,1%", "so cùng kỳ giảm 2,3%"
BASE_BEFORE = re.compile(r"(?:^|[,;]\s{0,3}|\s)(so\s{1,3}(?:với\s{1,3})?[^,;%\d]{2,40}?)\s{1,3}(?:tăng|giảm|đạt|bằng)\s{0,3}"
                         r"(?:khoảng|gần|hơn|trên)?\s{0,3}$", CI)
# "tăng 3,8% về số doanh nghiệp": what grew, said after the figure
ABOUT_WHAT = re.compile(r"\s{1,3}về\s{1,3}[^\d,;.()%]{2,40}?(?=\s{0,3}(?:so\s|và\s|,|;|\.|\(|\)|$))", CI)
# a bracket right after the words naming a target or an earlier period holds that one's figure:
# "vượt so với kế hoạch tỉnh đề ra (5,2%)", "cao hơn cùng kỳ năm trước (4,1%)"
_TARGET_WORDS = r"(?:kế hoạch|KH|dự toán|chỉ tiêu|mục tiêu|nghị quyết)"
TARGET_BEFORE_GROUP = re.compile(r"\b(?:" + _TARGET_WORDS + r"|cùng kỳ|năm trước|năm ngoái)\b[^()\d%;.]{0,40}\($", CI)
# a bracket that opens with a plan's words: "(KH cả năm 8,3%)", "(kế hoạch năm: 7%)"
PLAN_OPENING = re.compile(r"\s{0,3}" + _TARGET_WORDS + r"\b[^\d()]{0,30}\d", CI)
# between the figures of one list: "6,82%, 6,73%, 7,48% và 6,97%"
# a rate followed by another joined with "và": "tăng 15,3% và bằng 83,7% so với cùng kỳ"
RATE_PAIR_AFTER = re.compile(r"\s{0,3}(?:so\s{1,3}với[^,;%\d]{0,30})?\s{0,3}và\s{1,3}(?:tăng|giảm|bằng|đạt)?\s{0,3}"
                             r"(?:khoảng|gần|hơn|trên)?\s{0,3}\d[\d.,]*\s{0,3}%", CI)
LIST_GAP = re.compile(r"^\s{0,3}(?:[,;]|và|,\s{0,3}và)\s{0,3}(?:(?:tăng|giảm|bằng|đạt)\s{0,3})?$", CI)
# "tương ứng với tỷ lệ 95,2%": a ratio said with its number, not figures shared out
RATIO_TO_TOTAL_WORDS = re.compile(r"\b(?:tỷ lệ|tỉ lệ)\s{1,3}\S*\s{0,3}$", CI)
# The words before a period that is compared with, not reported: "so với cùng kỳ năm 2015 và năm 2016",
# "cao hơn 6 tháng năm 2019", "10,50% của 6 tháng năm 2016"; such a period is never the clause's own.
COMPARED_PERIOD = re.compile(r"(?:\bcùng\s{1,3}kỳ|\bso(?:\s{1,3}với)?|\bhơn|%\s{0,3}của)\s{0,3}(?:các\s{1,3}năm\s{1,3})?"
                             r"(?:(?:năm\s{1,3})?(?:19|20)\d{2}\s{0,3}(?:và|,)\s{0,3})*$", CI)
# "... 10,50% của cùng kỳ năm trước": the compared figure is the same period a year earlier
OF_SAME_PERIOD = re.compile(r"^\s{0,3}(?:của\s{1,3})?cùng\s{1,3}kỳ(?:\s{1,3}năm\s{1,3}(?:trước|ngoái))?\b", CI)
# "(cùng kỳ năm trước tăng 4,1%)", "(cùng kỳ năm 2024 giảm 6,9%)", "(cơ cấu tương ứng của cùng kỳ năm 2023 là".
COMPARISON_GROUP = re.compile(r"^\s{0,3}(?!so\b|với\b)(?:(?:cơ cấu|tỷ trọng|tỉ trọng|tốc độ tăng|mức tăng|chỉ số)"
                              r"[\w ]{0,20}?\s)?(?:của\s{1,3})?cùng kỳ(?:\s{1,3}năm\s{1,3}(?:trước|ngoái|(?:19|20)\d{2}))?\b",
                              CI)
# a base phrase that names another period, just before a bracket: "so với năm 2015 (…)", "so với cùng kỳ ("
COMPARED_BEFORE_GROUP = re.compile(r"\bso\s{1,3}với\s{1,3}(?:cùng kỳ|năm|tháng|quý|kỳ|giai đoạn|đầu năm|cuối năm)"
                                   r"[^()%\d]{0,25}(?:\d{4})?\s{0,3}\($", CI)
# "(so với 79 tỉ đồng cùng kỳ năm trước)" after a figure: that figure a year earlier (a year named is left alone)
PREVIOUS_GROUP = re.compile(r"^\s{0,3}so\s{1,3}với\s{1,3}(?:mức\s{1,3})?\d[\d.,]*\s{0,3}[^\d();%]{0,25}?\s"
                            r"(?:của\s{1,3})?cùng kỳ(?:\s{1,3}năm\s{1,3}(?:trước|ngoái))?\s{0,3}$", CI)

# --- values and their words ----------------------------------------------------------------------------
# Between a period phrase and its value: "tháng 03 ước thực hiện", "3 tháng ước đạt", "quý I:", "lũy kế đạt".
PERIOD_TO_VALUE = re.compile(r"^\s{0,3}[:,]?\s{0,3}(?:đã\s{1,3})?(?:\(?(?:ước|dự kiến|dự ước|dự tính)\)?\s{0,3})?(?:tính\s{0,3})?"
                             r"(?:thực hiện|đạt|được|là|ước đạt)?\s{0,3}(?:được\s{0,3})?[:]?\s{0,3}"
                             r"(?:khoảng|gần|hơn|trên|xấp xỉ)?\s{0,3}$", CI)
# The plan itself: "kế hoạch năm 2024 là 836.000 triệu đồng", "dự toán giao 311.299 triệu đồng",
# "được giao chỉ tiêu thu ngân sách là 147 triệu 700 nghìn đồng".
PLAN_WORD = re.compile(r"\b(?:kế hoạch|KH|dự toán|chỉ tiêu)(?:\s{1,3}(?:năm|giao|được giao|cả năm|thành phố giao|"
                       r"tỉnh giao|huyện giao))*(?:\s{1,3}[^\d,;.()]{0,30}?)?\s{0,3}(?:là|:)?\s{0,3}$", CI)
PREVIOUS_WORD = re.compile(r"\bcùng kỳ(?:\s{1,3}năm\s{1,3}(?:trước|ngoái))?\s{0,3}(?:là|:)?\s{0,3}$", CI)
# "giao tăng thêm 40 triệu đồng": an increase of a plan, not a change of the value
PLAN_RAISE = re.compile(r"\bgiao\s{1,3}(?:tăng\s{1,3}thêm|bổ sung|thêm)\s{0,3}(?:[^\d,;.()]{0,40}?\s)?(?:là\s{1,3})?$", CI)
# An absolute change stated beside a growth rate: "tăng 9,1% hay tăng 15.210 triệu đồng",
# "tăng 9,1%, tương ứng tăng 15.210". The change figure is the one after CHANGE_WORD.
CHANGE_WORD = re.compile(r"\b(tăng|giảm)\s{0,3}(?:thêm)?\s{0,3}(?:khoảng|gần|hơn|trên)?\s{0,3}$", CI)
# "vượt 2.515 tỷ đồng so với dự toán", "hụt 40 tỷ đồng", "thấp hơn 12 tỷ đồng": how far the figure stands from
# another (a plan, a threshold, another figure), never a figure of its own indicator
DIFFERENCE_WORD = re.compile(r"\b(?:vượt|hụt|thấp hơn|cao hơn|nhiều hơn|ít hơn|chênh lệch)\s{0,3}"
                             r"(?:mức\s{1,3}|khoảng\s{1,3}|gần\s{1,3}|hơn\s{1,3}|trên\s{1,3})?$", CI)
# "giảm còn 3,1%", "tăng lên 45 tỷ": the level reached, not the change
CHANGE_TO = re.compile(r"\b(?:tăng|giảm)\s{1,3}(?:còn|lên|xuống)\s{0,3}$", CI)

# --- stated relations ----------------------------------------------------------------------------------
# Partial breakdown: "(trong đó: ...)", "trong đó", "Trong đó:", "trong đó,".
PARTIAL = re.compile(r"\btrong\s{1,3}(?:số\s{1,3})?đó\b\s{0,3}[:,]?", CI)
# Complete breakdown: "gồm", "bao gồm", "gồm có" right after the total.
COMPLETE = re.compile(r"\b(?:bao\s{1,3})?gồm(?:\s{1,3}có)?\b\s{0,3}:?", CI)
# A count and its amount side by side: "900 suất = 450.000.000 đồng", "12 trường hợp với số tiền
# 06 triệu đồng", "1.520 suất quà, tổng số tiền 760.000.000 đồng", "5 dự án với tổng vốn đăng ký 1.200 tỷ".
PAIR_LINK = re.compile(r"^\s{0,3}(?:[\w ,]{0,24}?)\s{0,3}(?:=|tương\s{1,3}ứng|(?:với\s{1,3})?(?:tổng\s{1,3})?(?:số\s{1,3}tiền|"
                       r"số\s{1,3}vốn|vốn(?:\s{1,3}đăng\s{1,3}ký)?(?:\s{1,3}đầu\s{1,3}tư)?|kinh\s{1,3}phí|trị\s{1,3}giá|"
                       r"giá\s{1,3}trị))\s{0,3}(?:là|:)?\s{0,3}$", CI)
# A standalone "Trong đó:" line that announces the `+` items below.
BREAKDOWN_HEADER = re.compile(r"^\s{0,3}(?:\*\s{0,3})?trong\s{1,3}đó\s{0,3}:?\s{0,3}$", CI)
# A footnote that opens with "Trong đó:" breaks down the figure its mark follows.
BREAKDOWN_OPENING = re.compile(r"^\s{0,3}(?:\*\s{0,3})?trong\s{1,3}đó\s{0,3}[:,]", CI)
BULLET_CHILD = re.compile(r"^\s{0,8}\+\s")
BULLET_PARENT = re.compile(r"^\s{0,8}[-–•]\s")
# "Trong (tổng) mức tăng 8,4% ...", "Đóng góp trong tổng mức tăng 10,2%", "vào mức tăng chung".
GROWTH_FRAME = re.compile(r"\b(?:trong|đóng góp trong|đóng góp vào)\s{1,3}(?:tổng\s{1,3})?mức\s{1,3}tăng(?:\s{1,3}trưởng)?"
                          r"(?:\s{1,3}chung)?\s{0,3}$", CI)
# "Trong mức tăng chung của toàn nền kinh tế, …" opening a sentence: the growth split by what follows
FRAME_OPENING = re.compile(r"\s{0,3}(?:trong|đóng góp (?:vào|trong))\s{1,3}(?:tổng\s{1,3})?mức\s{1,3}tăng(?:\s{1,3}trưởng)?"
                           r"(?:\s{1,3}chung)?(?:\s{1,3}(?:của|toàn)\s[^,\d%]{0,50})?\s{0,3},", CI)
TO_THE_TOTAL = re.compile(r"^\s{0,3}(?:vào|trong)\s{1,3}(?:tổng\s{1,3})?mức\s{1,3}tăng(?:\s{1,3}chung)?", CI)

# --- sentences, clauses and subjects ---------------------------------------------------------------------
# A sentence ends at '.', '!' or '?' before a space and a capital (or a bullet, quote, bracket), at the end
# of the block, or at a '.' written with no space before a capital after a letter ("kế hoạch.Giá trị").
SENTENCE_END = re.compile(r"(?<![.\d])\.(?=\s{1,4}[A-ZĐ\u00c0-\u1ef9\"“(*\-+•–\d])|\.(?=\s{0,4}$)|[!?](?=\s)"
                          r"|(?<=[^\W\d_])\.(?=[A-ZĐÀ-Ỹ][^\W\d_])|(?<=%)\.(?=[A-ZĐÀ-Ỹ])|\.{2,3}(?=\s{1,4}[A-ZĐÀ-Ỹ])"
                          r"|…(?=\s{1,4}[A-ZĐÀ-Ỹ])")
# Abbreviations whose '.' does not end a sentence: "TP. Hồ Chí Minh", "ThS. Nguyễn", "v.v. Các".
ABBREVIATION = re.compile(r"(?:\b(?:TP|Tp|TX|TT|ThS|TS|PGS|GS|BS|Q|P|H|X|St|Mr|Dr|Ths)|v\.v)$")
# Headline dash between clauses: "tăng 6,42% - chỉ thấp hơn ...".
CLAUSE_DASH = re.compile(r"\s[-–]\s")
# Discourse words before a subject: "Trong đó,", "Theo đó,", "Cụ thể,", "đặc biệt", "riêng", "còn".
# (an opening of open length, "theo Tổng cục Thống kê", ends at its comma or colon: never inside the subject)
DISCOURSE = re.compile(r"^\s{0,3}(?:\([^()]{1,15}\)\s{0,3}[-–]\s{1,3})?(?:(?:[-+•–*:…]|\.{3})\s{0,3})*(?:(?:(?:trong đó|theo đó|cụ thể|đặc biệt|riêng|còn|và|nhất là|"
                       r"bên cạnh đó|ngoài ra|đồng thời|tuy nhiên|mặt khác|minh chứng là|nhìn chung|đánh giá chung|tóm lại|như vậy|"
                       r"trong số đó|đến nay|hiện nay|hiện|tính đến nay|tính)\s{0,3}[:,]?|"
                       r"(?:điều |một điểm )?đáng (?:chú ý|nói)(?: là)?\s{0,3}[:,]|(?:qua|nhờ|do|từ) đó\s{0,3},|vì vậy\s{0,3},|"
                       # "Theo Sở Văn hóa, Thể thao và Du lịch tỉnh X, …": a name's own commas go on with a capital
                       r"(?:(?:cũng theo|theo|thông tin từ|số liệu của|số liệu từ) [^,:]{1,60}"
                       r"(?:,\s{0,3}(?-i:[A-ZĐ])[^,:]{0,40})*|số liệu [^,:]{1,80} cho thấy|"
                       r"phân theo [^,:]{1,50}|xét theo [^,:]{1,50})\s{0,3}[:,])\s{0,3})+", CI)
# "Phân theo nhóm ngành kinh doanh, doanh thu bán lẻ …; doanh thu dịch vụ …": the whole, split by a criterion
SPLIT_BY = re.compile(r"^\s{0,3}phân theo [^,]{1,50},", CI)
# A sentence that sets targets, not results: "đặt chỉ tiêu …", "phấn đấu …", "mục tiêu …".
# The targets of a period still to come are named too: "các mục tiêu chủ yếu trong 6 tháng cuối năm như: …",
# "Bên cạnh đó là các chỉ tiêu: GDP tăng khoảng 6,8%", "nhiệm vụ những tháng cuối năm", "năm tới".
FORWARD_WORDS = re.compile(r"\b(?:phấn đấu|(?:đặt|đề) (?:ra )?(?:chỉ tiêu|mục tiêu)|đặt mục tiêu|mục tiêu (?:là|đến|năm)|"
                           r"dự kiến (?:cả năm|năm \d{4})|kế hoạch năm \d{4} (?:là|:)|chỉ tiêu năm \d{4}|"
                           r"(?:các|những) (?:mục tiêu|chỉ tiêu)(?: chủ yếu| chính| cơ bản)?\s{0,3}(?:như|là|sau)?\s{0,3}:|"
                           r"(?:các|những) mục tiêu|(?:6|sáu|06) tháng cuối năm|(?:những|các) tháng cuối năm|"
                           r"năm tới|thời gian tới|giai đoạn tới|nhiệm vụ (?:trọng tâm|chủ yếu) (?:năm|trong))", CI)
# After a percentage, who it is of: "tăng 10,2% của toàn tỉnh".
OF_WHOM = re.compile(r"\s{0,3}của\s{1,3}[^,;.()\d%]{1,30}?(?=\s{0,3}[,;.(]|$)", CI)
# Words that end a subject and start its predicate (the verb of the statement).
VALUE_VERBS = re.compile(r"(?:\s{0,3}\b(?:đã|sẽ|ước|ước tính|tính|dự kiến|dự ước|dự tính|thực hiện|ước thực hiện|đạt|đạt được|"
                         r"được|là|còn|ở mức|vào khoảng|với|lũy kế|luỹ kế|có|chỉ|lên|xuống|tới)\b\s{0,3}[:]?){1,6}"
                         r"\s{0,3}$", CI)
PREDICATE_START = re.compile(r"\b(?:ước|ước tính|dự kiến|dự tính|đạt|bằng|tăng|giảm|chiếm|là|gồm|bao gồm|trong đó|thực hiện|"
                             r"được|có|vượt|gấp|đóng góp|làm tăng|làm giảm|xếp thứ|tương đương|tương ứng|với)\b|\d", CI)
# A statement has no subject of its own when nothing but these stands before its figure.
PREDICATE_ONLY = re.compile(r"^[\s,:;–\-]{0,6}(?:(?:và|hay|hoặc|nhưng|song|,|đã|sẽ|ước|tính|ước tính|dự kiến|dự tính|thực hiện|"
                            r"đạt|được|là|bằng|tăng|giảm|chiếm|vượt|gấp|đóng góp|làm tăng|làm giảm|tương đương|"
                            r"tương ứng|khoảng|gần|hơn|trên|xấp xỉ|còn|lên|xuống|ở mức|mức|với|cao|thấp|nhẹ|mạnh|"
                            r"thêm|chỉ|trưởng|so|cùng kỳ|tăng trưởng|bình quân|lũy kế|luỹ kế|tính chung|trong|"
                            r"đầu năm|năm nay|qua|trong kỳ|nay|cả năm|riêng|dự ước|ước đạt|ước bằng|ước tăng|ước giảm)"
                            r"\s{0,3}[,:]?\s{0,3}){0,12}$", CI)
# Subjects that only say where (a count follows as its own indicator): "Toàn huyện có", "huyện", "Quận".
GENERIC_SUBJECT = re.compile(r"^(?i:toàn|cả|trên địa bàn|địa bàn|toàn bộ)?\s{0,3}(?i:huyện|quận|tỉnh|xã|phường|thị trấn|"
                             r"thị xã|thành phố|nước|địa phương|đơn vị|ngành|thôn|bản|tổ|làng|vùng)?"
                             r"(?:\s{1,3}[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]\w{0,15})"
                             r"{0,4}$")
# A subject that reads like a clause, not a noun phrase: a cause, a concession, a verb of action.
NOT_A_NOUN_PHRASE = re.compile(r"\b(?:do|nên|bởi|vì|nhưng|mặc dù|tuy|song|nhờ|để|khi|nếu|thì|cho thấy|gặp|"
                               r"tiếp tục|triển khai|tổ chức|chỉ đạo|cho biết|công bố|báo cáo)\b|"
                               # "các nhà đầu tư đầu tư vào 153 dự án": a verb's object follows, no subject
                               r"\s(?:vào|tới)$", CI)
# Words around a period inside a subject, dropped with it ("trong vòng 6 tháng qua", "trong tháng", "năm nay").
PERIOD_FILLER = re.compile(r"\b(?:trong vòng|trong|của|qua|đầu năm|năm nay|nay|đầu|cuối|trong tháng|trong kỳ|"
                           r"trong năm|bảy tháng)\b", CI)


# --- words that make a subject unsure or say whose a figure is (read by prose_grammar) -----------
BARE_WORK = re.compile(r"(?:đã\s{1,3})?(?:sản xuất|tiêu thụ|khai thác|chế biến|bán|mua|vận chuyển|thu mua|cung cấp)"
                       r"(?:\s{1,3}(?:được|ra))?", re.IGNORECASE)

_RANK = r"\b(?:đứng|xếp)\s{1,3}(?:ở\s{1,3})?"      # "đứng thứ", "xếp ở vị trí", "đứng đầu"
RANKED = re.compile(_RANK + r"(?:vị trí\s{1,3}|hàng\s{1,3})?(?:thứ|đầu)\b|\bdẫn đầu\b", re.IGNORECASE)

# a figure ranked right after it is stated: "tăng 81,3%, đứng thứ 4 cả nước", "867,1%, đứng đầu cả nước"
RANKED_AFTER = re.compile(r"[^;.()]{0,25}?(?:" + _RANK + r"(?:vị trí\s{1,3}|hạng\s{1,3})?(?:thứ\s{1,3}\w+|đầu|cuối)\b"
                          r"|\bdẫn đầu\b)", re.IGNORECASE)

# a subject that names only a measure of trade or output, never whose it is
MEASURE_ONLY = re.compile(r"(?:cả\s{1,3})?(?:về\s{1,3})?(?:thị phần|kim ngạch|lượng|giá trị|trị giá|sản lượng|số lượng)"
                          r"(?:\s{1,3}(?:và|lẫn)\s{1,3}(?:thị phần|kim ngạch|lượng|giá trị|trị giá))?", re.IGNORECASE)

# a subject of function words (and a date) alone: "… so với tháng trước, từ 303 tỷ đồng", "Ước đến 30-9 đạt …"
FUNCTION_ONLY = re.compile(r"(?:(?:từ|đến|tới|hết|đạt|là|với|và|của|trong|có|còn|được|ước|xuống|lên|mức|khoảng|"
                           r"ngày|\d{1,2}[-/.]\d{1,2})(?:[\s,]{1,3}|$)){1,5}", re.IGNORECASE)

# "vốn tăng mạnh nhất thuộc nhóm công ty cổ phần": how much, then whose, after the verb
SUPERLATIVE_LEAD = re.compile(r"^\s{0,3}(?:(?:mạnh|cao|nhiều|lớn|nhanh)\s{1,3}nhất\s{1,3})?(?:thuộc(?:\s{1,3}về)?|là|ở|tại)"
                              r"\s{1,3}(?=\S)|^\s{0,3}(?:mạnh|cao|nhiều|lớn|nhanh)\s{1,3}nhất\s{1,3}(?=\S)", re.IGNORECASE)

# words that say which measure a figure is, never whose: a subject made only of them is no subject
MEASURE_WORDS = re.compile(r"(?:(?:có|đạt|ở|với|là)\s{1,3})?(?:(?:mức|tốc độ|tỷ trọng|tỉ trọng|tỷ lệ|tỉ lệ|chỉ số)"
                           r"(?:\s{1,3}(?:tăng|giảm))?(?:\s{1,3}trưởng)?)?(?:\s{0,3}\b(?:cao nhất|thấp nhất|cao|thấp|khá|"
                           r"mạnh|nhẹ|chậm|nhanh|tương ứng|chung|bình quân|tốt|khá tốt|%))*", re.IGNORECASE)

# the same words at the end of a subject: "ngành thủy sản có mức", "Khu vực dịch vụ tăng trưởng"
MEASURE_TAIL = re.compile(r"(?:\s{1,3}(?:có|đạt|ở|với|là))?\s{1,3}(?:mức|tốc độ|tỷ trọng|tỉ trọng|tăng trưởng)"
                          r"(?:\s{1,3}(?:tăng|giảm|trưởng|cao nhất|thấp nhất|khá|cao|thấp))*\s{0,3}$", re.IGNORECASE)

FRAME_START = re.compile(r"^(?:trong|về|đối với|riêng)\s{1,3}(?!đó\b|số\s{1,3}đó\b)", re.IGNORECASE)

FRAME_COMMA = re.compile(r",\s{0,3}(?=(?:khu vực|ngành|lĩnh vực|nhóm|tổng|giá trị|chỉ số|kim ngạch|doanh thu|thu|chi|vốn|"
                         r"số|tỷ lệ|tỉ lệ|sản lượng|diện tích|năng suất|mặt hàng|hàng|sản phẩm|lượng|khách|đàn|các|toàn)\b)",
                         re.IGNORECASE)
