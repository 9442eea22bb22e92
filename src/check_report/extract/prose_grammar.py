"""The shape of a block of report prose: sentences, clauses, bracketed groups, the subject before a figure and
the base after a percentage. Pure functions of the text; `prose_reader` puts them together.

Scope is explicit: a sentence ends at its full stop (also "kế hoạch.Giá trị", written without a space); a
clause at a `;` of its own bracket depth; a bracketed group `( … )` is read on its own, attached to the figure
before it. Each part knows what it may speak of, so a figure is never compared with one outside its scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from check_report.extract import prose_patterns as P
from check_report.extract.prose_scope import mentions as place_mentions, only_place
from check_report.identity import PLAN_QUALIFIER_STOP, normalise_name, plan_key  # noqa: F401 - re-exported

UPPER_VI = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
SUBJECT_WORDS_MAX = 18       # a longer "subject" is a clause that was not understood
QUOTE_TRIM = " \t,;:-–+*•\"“”'"


def bracket_depths(text: str) -> list[int]:
    """Depth of each character: inside one pair of brackets is 1 (the brackets themselves included)."""
    if "(" not in text:
        return [0] * len(text)
    depth, depths = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        depths.append(depth)
        if ch == ")" and depth:
            depth -= 1
    return depths


def sentence_spans(text: str, depths: list[int]) -> list[tuple[int, int]]:
    """Sentences of a block at bracket depth 0, as (start, end) with the full stop left out."""
    spans, start, skip_to = [], 0, -1
    for m in SENTENCE_MARK.finditer(text):
        i = m.start()
        if i < skip_to or (i < len(depths) and depths[i]) or not _ends_sentence(text, i):
            continue
        end, skip_to = i, m.end()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


SENTENCE_MARK = re.compile(r"[.!?…][.…]{0,3}")


def _ends_sentence(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1:i + 6]
    if text[i] == "." and before.isdigit() and after[:1].isdigit():
        return False                                   # "1.138.000"
    if text[i] == "." and P.ABBREVIATION.search(text, max(0, i - 4), i):
        return False                                   # "TP. Hồ Chí Minh"
    stripped = after.lstrip()
    if not stripped:
        return i + 1 + len(after) >= len(text) or not text[i + 1:].strip()
    nxt = stripped[0]
    if after[:1] not in (" ", "\u00a0", "\t", "\n") and text[i] == ".":
        # no space after the full stop: a sentence only when a letter or % meets a capital letter
        return (before.isalpha() or before in "%)") and nxt.isupper() and nxt.isalpha()
    return nxt.isupper() or nxt in "\"“(*-+•–" or nxt.isdigit()


def clause_spans(text: str, depths: list[int], start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """`;`-separated clauses of [start, end) at one bracket depth."""
    spans, cut = [], start
    for i in range(start, end):
        if text[i] == ";" and i < len(depths) and depths[i] == depth:
            if i > cut:
                spans.append((cut, i))
            cut = i + 1
    if cut < end:
        spans.append((cut, end))
    return spans


def groups_in(text: str, depths: list[int], start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """Bracketed groups one level below `depth` inside [start, end): (index of '(', index after ')')."""
    found, i = [], start
    while i < end:
        if text[i] == "(" and depths[i] == depth + 1:
            j = i + 1
            while j < len(text) and not (text[j] == ")" and depths[j] == depth + 1):
                j += 1
            found.append((i, min(j + 1, len(text))))
            i = j + 1
        else:
            i += 1
    return found


@dataclass(frozen=True)
class Lead:
    """What stands before a figure, since the previous one: a subject, a breakdown cue, the verb."""
    subject: str = ""            # the noun phrase as written, trimmed
    sure: bool = False           # it reads as a noun phrase naming an indicator
    generic: bool = False        # it only says where ("Toàn huyện có ...")
    cue: str | None = None       # "partial" (trong đó), "complete" (gồm) when the lead opens a breakdown
    action: bool = False         # an action verb before a count ("Tiếp nhận 416 hồ sơ")
    growth_rate: bool = False    # "tốc độ tăng (trưởng) ...": the figure is a growth rate
    plan: str | None = None      # "Dự toán thu ngân sách …": the figures are plans (the plan word)
    label: str | None = None     # "Cây ngô: diện tích …": the label a clause opens with
    issuer: str | None = None    # "… tỉnh giao 500.000, HĐND huyện giao 550.000": who set the plan that follows


ACTION_VERB = re.compile(r"^(?:tặng|trao|tiếp nhận|tiếp|cấp|cấp mới|cấp đổi|tổ chức|thành lập|phê duyệt|xử phạt|xử lý|"
                         r"phát hiện|kiểm tra|hỗ trợ|giải quyết|vận động|tuyên truyền|trang bị|đón|thu hút|chi trả|khen "
                         r"thưởng|ban hành|tạm giữ|bàn giao|thăm|trồng|đào tạo|giới thiệu|tuyển|tuyển sinh|khám|"
                         r"điều trị|tiêm|sửa chữa|làm mới|nâng cấp|cải tạo|mở|tiếp xúc|nộp|nộp phạt|thu giữ|bắt|"
                         r"triệt phá|khởi tố|hòa giải|chứng thực|đăng ký|thẩm định|giải ngân|ký|tạo việc làm cho|"
                         r"giải quyết việc làm cho|xảy ra|làm chết|làm bị thương|bị thương|cứu|hoàn thành|đạt chuẩn|xây dựng)\b",
                         re.IGNORECASE)


# a place before the verb of a count: "Toàn tỉnh xảy ra", "trên địa bàn huyện có", "huyện đã tổ chức"
GENERIC_PLACE = re.compile(r"^(?i:(?:trên )?địa bàn|toàn|cả)?\s{0,3}(?i:huyện|quận|tỉnh|xã|phường|thị trấn|thị xã|"
                           r"thành phố|nước|địa phương|đơn vị)?(?:\s{1,3}[A-ZĐ" + UPPER_VI + r"]\w{0,15}){0,3}"
                           r"\s{0,3}(?i:đã|đang)?\s{0,3}")


# who set a plan, written right before its figure: "tỉnh giao", "HĐND huyện giao", "Trung ương giao"
ISSUER = re.compile(r"(?:^|\s)((?:(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân|Thủ tướng(?: Chính phủ)?)\s{1,3})?"
                    r"(?:(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|Trung ương|TW|TƯ)\s{1,3})?"
                    r"(?:giao|thông qua|phê duyệt|quyết định giao))\s{0,3}:?$", re.IGNORECASE)
PLAN_SUBJECT = re.compile(r"^(dự toán|kế hoạch|chỉ tiêu|mục tiêu|KH)\s{1,3}(?:vốn\s{1,3}(?=đầu tư))?", re.IGNORECASE)
# "Nếu không kể thu tiền sử dụng đất, thu ngân sách …": another indicator than the one with it
EXCLUDING = re.compile(r"^\s{0,3}(?:nếu\s{1,3})?(không kể|không tính|loại trừ|trừ|ngoài)\s{1,3}([^,]{2,60}),\s{0,3}",
                       re.IGNORECASE)


def read_lead(text: str) -> Lead:
    """Read the words between the previous figure (or the clause start) and a figure."""
    lead = _read_lead(text)
    if lead.subject:
        issuer = ISSUER.search(lead.subject)
        subject = lead.subject
        if issuer and issuer.start(1) > 0:
            subject = lead.subject[:issuer.start(1)].strip(QUOTE_TRIM)     # "thu tiền sử dụng đất tỉnh giao"
        elif issuer:
            return Lead(cue=lead.cue, issuer=issuer.group(1))             # "HĐND huyện giao 550.000 …"
        plan = PLAN_SUBJECT.match(subject)
        if plan and len(subject[plan.end():].split()) >= 1:
            return replace(lead, subject=subject[plan.end():].strip(), plan=plan.group(1),
                           issuer=issuer.group(1) if issuer else None)
        if issuer:
            return replace(lead, subject=subject, issuer=issuer.group(1))
    return lead


def _read_lead(text: str) -> Lead:
    text = " ".join(text.split()).lstrip(" ,;:-–")
    excluding = EXCLUDING.match(text)
    if excluding:
        text = text[excluding.end():]
    lead = _plain_lead(text)
    if excluding and lead.subject:
        # "Nếu không kể thu tiền sử dụng đất, thu ngân sách …": a figure of its own, named with its exception
        return replace(lead, subject=f"{lead.subject} ({excluding.group(1).lower()} {excluding.group(2).strip()})")
    return lead


def _plain_lead(text: str) -> Lead:
    lead = _unlabelled_lead(text)
    head, colon, _ = text.rpartition(":")
    if colon and lead.subject and not text.rstrip().endswith(":"):
        label = strip_predicate(head.split(",")[-1]).strip(QUOTE_TRIM)
        if label and label != lead.subject and len(label.split()) <= 8:
            return replace(lead, label=label)
    return lead


# a subject that names an attribute, not whose: "diện tích", "năng suất", "sản lượng" of a crop named before
ATTRIBUTE = re.compile(r"^(?:tổng\s{1,3})?(?:diện tích|năng suất|sản lượng|số lượng|giá trị|số|tỷ lệ|tỉ lệ|mức|đơn giá|"
                       r"doanh thu|số tiền|kinh phí|tổng số|số hộ|số người|số lao động)"
                       r"(?:\s{1,3}(?:gieo trồng|gieo cấy|thu hoạch|bình quân|cả năm|hiện có|trồng mới|khai thác|"
                       r"nuôi trồng|ước|đạt|thực hiện|sơ bộ|dự kiến|ước tính))*$", re.IGNORECASE)


def is_attribute(subject: str) -> bool:
    return bool(ATTRIBUTE.match(subject.strip()))


def _unlabelled_lead(text: str) -> Lead:
    cue = None
    discourse = P.DISCOURSE.match(text)
    if discourse:
        words = discourse.group(0).lower()
        if "trong đó" in words or "trong số đó" in words:
            cue = "partial"
        elif P.SPLIT_BY.match(discourse.group(0)):
            cue = "complete"                       # "Phân theo nhóm ngành, A …; B …": the whole, split
        text = text[discourse.end():]
    complete = re.match(r"^\s{0,3}(?:bao\s{1,3})?gồm(?:\s{1,3}có)?\s{0,3}:?\s{0,3}", text, re.IGNORECASE)
    if complete:
        cue, text = "complete", text[complete.end():]
    if P.PREDICATE_ONLY.match(text) or BASE_FIRST.match(text):
        return Lead(cue=cue)         # "…, so với tháng trước tăng 1,1%": the base said first, no subject
    growth_rate = bool(P.GROWTH_RATE_SUBJECT.match(text))
    if growth_rate:
        text = P.GROWTH_RATE_SUBJECT.sub("", text, count=1)
    subject = _subject(text)
    if not subject:
        return Lead(cue=cue, growth_rate=growth_rate)
    place = GENERIC_PLACE.match(subject)
    done = re.search(r"\b(?:đã|đang|được)\s+(.+)$", subject, re.IGNORECASE)
    if ACTION_VERB.match(re.sub(r"^(?:đã|đang|sẽ)\s+", "", subject, flags=re.IGNORECASE)) or \
            place and ACTION_VERB.match(subject[place.end():]) or done and ACTION_VERB.match(done.group(1)):
        return Lead(subject=subject, cue=cue, action=True)   # "Toàn tỉnh xảy ra 152 vụ": a count of events
    if place and re.fullmatch(r"\s{0,3}(?:đã\s{1,3})?(?:có|còn)?\s{0,3}", subject[place.end():], re.IGNORECASE):
        return Lead(subject=subject, cue=cue, generic=True)  # "trên địa bàn tỉnh có 172 dự án"
    generic = bool(P.GENERIC_SUBJECT.fullmatch(subject))
    words = subject.split()
    sure = (not generic and len(words) <= SUBJECT_WORDS_MAX and not P.NOT_A_NOUN_PHRASE.search(subject)
            and not PREDICATE_FIRST.match(subject) and any(w.isalpha() and len(w) > 1 for w in words)
            # "… nhiều là Đắk Nông 1.845 ha, Lâm Đồng 1.707 ha": a place alone says whose figure, not of what
            and not only_place(subject)
            # "Philippines tăng … cả về lượng và kim ngạch, với 86.003 tấn": what was measured, not whose
            and not P.MEASURE_ONLY.fullmatch(subject)
            # "Hàn Quốc đứng vị trí thứ nhất với tổng vốn đầu tư là 7,62 tỷ USD": whose is the one ranked
            and not P.RANKED.search(text)
            # "sản xuất 87.676 tấn Alumin", "sản xuất 1.100 tấn đồng tấm": the product follows the figure
            and not P.BARE_WORK.fullmatch(subject)
            and not P.FUNCTION_ONLY.fullmatch(subject))
    # "Đầu tư xây dựng cơ bản, tính đến ngày 29-9, giải ngân vốn …": what is left of an "up to" adverbial once
    # its date is masked is no part of the name (how sure the subject is was judged with it)
    subject = UP_TO_BETWEEN_COMMAS.sub(", ", subject)
    return Lead(subject=subject, sure=sure, generic=generic, cue=cue, growth_rate=growth_rate)


def action_object(text: str) -> str:
    """What an action was done about: "Đã vận động mở lối thoát nạn thứ 2 cho" -> "mở lối thoát nạn thứ 2"."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:đã|đang|sẽ)\s+", "", text, flags=re.IGNORECASE)
    verb = ACTION_VERB.match(text)
    if verb:
        text = text[verb.end():]
    text = re.sub(r"^(?:và|còn|kế đến là|tiếp đến là)\s+", "", text.strip(QUOTE_TRIM), flags=re.IGNORECASE)
    return re.sub(r"\s+(?:cho|đối với|tới|đến|của|với|có)$", "", text, flags=re.IGNORECASE).strip()


def _subject(text: str) -> str:
    """The noun phrase of a lead: the words after a label's colon, else the label; the last clause of a
    comma-separated lead whose earlier part has a verb; without the verb chain before the figure. Never a
    name without a word ("/" of "… triệu đồng/85.579 khách hàng, tăng …")."""
    subject = _noun_phrase(text)
    return subject if re.search(r"[^\W\d_]", subject) else ""


def _noun_phrase(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text).strip()
    # "Trong khu vực nông, lâm nghiệp và thủy sản, ngành thủy sản tăng …": the frame names the whole, not
    # whose; the subject starts after the comma that a head noun follows (a frame's own commas list parts)
    head, comma, rest = text.partition(",")
    if comma and rest.strip() and len(head.split()) <= 6 and any(at == 0 for at, _ in place_mentions(head.strip())):
        text = rest.strip()    # "TP. Đà Nẵng, tổng doanh thu du lịch …": the place is the scope, not the name
    example = list(EXAMPLES.finditer(text))
    if example and text[example[-1].end():].strip():
        # "một số ngành có mức tăng cao như thương nghiệp tăng 7,6%": the example named is whose the figure is
        text = text[example[-1].end():]
    if P.FRAME_START.match(text):
        head = next((m for m in P.FRAME_COMMA.finditer(text)), None)
        if head is not None:
            text = text[head.end():]
    if ":" in text:
        head, _, tail = text.rpartition(":")
        tail_subject = strip_predicate(tail)
        text = tail if tail_subject else head
    commas = [i for i, ch in enumerate(text) if ch == ","]
    for k in range(len(commas) - 1, -1, -1):
        comma = commas[k]
        if P.PREDICATE_START.search(text[:comma]) or P.NOT_A_NOUN_PHRASE.search(text[:comma]):
            if not strip_predicate(text[comma + 1:]) and not P.NOT_A_NOUN_PHRASE.search(text[:comma]):
                # "số vốn đăng ký … có sự chênh lệch đáng kể, là 1.986 tỉ đồng": the clause before the comma
                # names what the figure is, up to its own verb
                clause = text[commas[k - 1] + 1 if k else 0:comma]
                verb = P.PREDICATE_START.search(clause)
                if verb and clause[:verb.start()].strip() and P.PREDICATE_START.search(text[comma + 1:]):
                    text = clause[:verb.start()]
                    break
            text = text[comma + 1:]
            break
    text = re.sub(r"^\s{0,3}(?:tính\s{1,3})?(?:đến|tới)\s{1,3}(?:ngày|hết|cuối|nay)?\s{0,3}", "", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"^\s{0,3}(?:do|nên|vì vậy|vì thế|nhờ đó)\s", "", text, flags=re.IGNORECASE)
    # "Chỉ tính riêng trong 9 tháng, lượng khách …": a frame whose period was read, then the comma
    framed = re.match(r"^[^,]{0,40}\s,\s{0,3}(?=\S)", text)
    # never a season, which says which part of the year ("Vụ mùa năm 2017, toàn tỉnh gieo cấy …")
    if framed and len(text[:framed.end()].split()) <= 6 and not re.search(r"\bvụ\b", text[:framed.end()], re.I):
        text = text[framed.end():]
    # "6 tháng qua, chỉ số …", "Trong nửa đầu năm, GDP …": what is left of a period phrase before the comma
    text = re.sub(r"^\s{0,3}(?:(?:qua|vừa qua|nay|đầu|cuối|nửa đầu|nửa cuối|đầu năm|năm nay|cả năm|trong|của)\s{0,3})+,\s{0,3}", "",
                  text, flags=re.IGNORECASE)
    # "…, đưa tổng kim ngạch xuất khẩu lên 4,78 tỷ USD": what is brought up to the figure is the subject
    text = re.sub(r"^\s{0,3}(?:góp phần\s{1,3})?(?:đưa|nâng|giúp|kéo)\s{1,3}(?=\S)", "", text, flags=re.IGNORECASE)
    text = strip_predicate(BASE_LAST.sub("", text))   # "Chỉ số giá tháng 6 so với tháng trước tăng": the base
    inner = list(INNER_VERB.finditer(text))
    if inner and re.match(r"\s{0,3}từ\s{1,3}\d", text[inner[-1].end():]):
        # "Thu nhập bình quân đầu người tăng từ 1.630 USD năm 2015 lên": whose is before the verb; after it, the
        # value it rose from
        return strip_predicate(text[:inner[-1].start()])
    if inner and len(text[inner[-1].end():].split()) >= 1:
        # "Tổng gia súc cũng tăng so với kế hoạch … với đàn trâu": the noun phrase after the last verb
        after = strip_predicate(P.SUPERLATIVE_LEAD.sub("", text[inner[-1].end():]))
        if not P.MEASURE_WORDS.fullmatch(after):
            return after
        # "Ngành xây dựng đạt mức tăng", "ngành thủy sản có mức tăng cao nhất với", "chiếm tỷ trọng": the
        # words after the verb say which measure, the noun phrase before it whose
        text = strip_predicate(text[:inner[-1].start()])
    return strip_predicate(P.MEASURE_TAIL.sub("", text)) if P.MEASURE_WORDS.fullmatch(text) is None else ""


# what is left of a period adverbial between commas once its period is masked ("…, tính đến ngày , …",
# "…, trong , …", "…, , …"), or an "up to" date as written
UP_TO_BETWEEN_COMMAS = re.compile(r",\s{0,3}(?:(?:(?:tính\s{1,3})?(?:đến|tới)(?:\s{1,3}(?:ngày|hết|cuối|tháng)){0,2}"
                                  r"(?:\s{1,3}\d{1,2}(?:[/.-]\d{1,2}){0,2})?|trong(?:\s{1,3}vòng)?|tính chung|lũy kế|luỹ kế)"
                                  r"\s{0,3})?,\s{0,3}", re.IGNORECASE)


EXAMPLES = re.compile(r"(?<!cũng )\b(?:như|điển hình là|nổi bật là|tiêu biểu là|đặc biệt là|nhất là)\b(?:\s{1,3}(?:là|sau))?\s{0,3}:?\s{0,3}",
                      re.IGNORECASE)


BASE_FIRST = re.compile(r"^\s{0,3}so\s{1,3}(?:với\s{1,3})?(?:tháng|quý|kỳ|cùng kỳ|năm|kế hoạch|dự toán|chỉ tiêu)\b",
                        re.IGNORECASE)


BASE_LAST = re.compile(r"\s{1,3}so\s{1,3}(?:với\s{1,3})?(?:tháng|quý|kỳ|cùng kỳ|năm|kế hoạch|dự toán|chỉ tiêu)\b"
                       r"[^,;:%\d]{0,30}?(?=\s{1,3}(?:tăng|giảm|đạt|bằng)\b[^,;:]{0,20}$)", re.IGNORECASE)


# a lead that starts with a verb is a predicate whose subject came before: "đã khởi sắc hơn quý I với …"
PREDICATE_FIRST = re.compile(r"^(?:đã|đang|sẽ|được|cũng|vẫn|đều|tiếp tục|khởi sắc)\b", re.IGNORECASE)


# verbs that never stand inside an indicator's name
INNER_VERB = re.compile(r"\b(?:(?<!tốc độ )(?<!giá trị )tăng(?! trưởng)|giảm|đạt(?! chuẩn)|bằng|chiếm|ước|với|là|còn|thuộc về)\b", re.IGNORECASE)
PREPOSITIONS = re.compile(r"^(?:(?:ở|tại|trong|của|cho|với|về|từ|đến|so với|và)\s{1,3})+|(?:\s{1,3}(?:ở|tại|trong|của|cho|"
                          r"với|về|từ|đến|và))+$", re.IGNORECASE)


# "dự toán giao", "kế hoạch năm", "cùng kỳ năm trước là": words that say which figure follows, not whose
PLAN_OR_PREVIOUS_TAIL = re.compile(r"(?:^|\s)(?:(?:kế hoạch|KH|dự toán|chỉ tiêu)(?:\s{1,3}(?:năm|giao|được giao|cả năm|"
                                   r"thành phố giao|tỉnh giao|huyện giao|điều chỉnh))*|cùng kỳ(?:\s{1,3}năm\s{1,3}"
                                   r"(?:trước|ngoái))?)\s{0,3}(?:là|:)?\s{0,3}$", re.IGNORECASE)


def strip_predicate(text: str) -> str:
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = P.VALUE_VERBS.sub("", text)
        text = re.sub(r"\s{0,3}\b(?:khoảng|gần|hơn|trên|xấp xỉ|chừng|tầm|ít nhất|bằng|tăng|giảm|chiếm|vượt|gấp|"
                      r"tăng gấp|đóng góp|làm tăng|làm giảm|tương đương|tương ứng|cao|thấp|trong đó|gồm|bao gồm|"
                      r"tổng cộng|cộng|tổng số là|thu về|thu được|mới|thêm)\s{0,3}:?\s{0,3}$", "", text,
                      flags=re.IGNORECASE)
        text = re.sub(r"(?:\s{0,3}\b(?:" + P.PERIOD_FILLER.pattern + r"))+\s{0,3}$", "", text, flags=re.IGNORECASE)
        text = PLAN_OR_PREVIOUS_TAIL.sub("", text)
        text = PREPOSITIONS.sub("", text.strip()).strip(QUOTE_TRIM)
    return text


@dataclass(frozen=True)
class Base:
    """What a percentage is measured against, read from the words after it."""
    kind: str                 # "plan" | "same-period" | "prior-period" | "other" | "none"
    key: str | None           # the identity key ("plan", "plan:tỉnh", "same-period" ...)
    end: int                  # offset after the base words
    named_year: int | None = None
    months: int | None = None   # "so với 6 tháng đầu năm 2021": the months of the compared period


def read_base(text: str, pos: int, year: int | None) -> Base:
    """The base of a percentage whose unit ends at `pos`."""
    rest = text[pos:pos + 120]
    m = P.PLAN_BASE.match(rest)
    if m:
        qualifier = m.group(2)
        stop = PLAN_QUALIFIER_STOP.search(qualifier)
        if stop:
            qualifier = qualifier[:stop.start()]
        end = pos + m.start(2) + len(qualifier.rstrip())
        return Base("plan", plan_key(m.group(1), qualifier), end)
    m = P.SAME_PERIOD_BASE.match(rest)
    if m:
        named = m.group(1)
        if named and named.isdigit() and year is not None and int(named) != year - 1:
            return Base("other", None, pos + m.end())
        return Base("same-period", "same-period", pos + m.end(), int(named) if named and named.isdigit() else None)
    m = P.PRIOR_BASE.match(rest)
    if m:
        return Base("prior-period", "prior-period", pos + m.end())
    m = P.NAMED_BASE.match(rest)
    if m:
        named, months = m.group(3).lower(), m.group(1)
        if named in ("trước", "ngoái") or named.isdigit() and year is not None and int(named) == year - 1:
            if m.group(2) and named.isdigit():
                return Base("other", None, pos + m.end())      # "so với quý I/2023": a quarter, maybe not ours
            return Base("same-period", "same-period", pos + m.end(), int(named) if named.isdigit() else None,
                        int(months) if months else None)
        return Base("other", None, pos + m.end())
    m = P.OTHER_BASE.match(rest)
    if m:
        tail = re.match(r"[^,;.()%]{0,60}", rest[m.end():])
        return Base("other", None, pos + m.end() + (tail.end() if tail else 0))
    return Base("none", None, pos)
