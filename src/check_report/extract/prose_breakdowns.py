"""Stated breakdowns: which facts are components of which total.

The shapes in Vietnamese reports, all turned into the `parent` / `complete` columns the rule packs check:
- inline: `416 hồ sơ (trong đó: 179 hồ sơ ...; 50 hồ sơ ...)` is partial (children <= total);
  `416 hồ sơ, gồm: ...` / `bao gồm` is complete (children = total). Outside brackets a "trong đó" runs to
  the end of its sentence over `;`-separated components of the same kind, and stops at a clause that names
  another indicator of the total's rank ("Thu ngân sách …, trong đó thu nội địa …; chi ngân sách …");
- a sentence opening with "Trong đó," breaks down the head figure of the sentence before.
Bullets, footnotes and exhaustive splits without a cue are linked in `prose_links`, with the helpers here.
Components without a period of their own take their total's (a value of "3 tháng" is split into values of
"3 tháng").
"""

from __future__ import annotations

import re

from check_report import facts as F
from check_report.extract import prose_grammar as G
from check_report.extract import prose_patterns as P
from check_report.extract.prose_model import Stated, Statement
from check_report.extract.prose_parts import addable
from check_report.partitions import disjoint, same_criterion, whole_partition

VALUE_MEASURES = (F.COUNT, F.AMOUNT, F.MONTH, F.CUMULATIVE)
# a total stated only as a rate ("GRDP tăng 6,5%, gồm: ...") and the rates of its components
RATE_MEASURES = (F.GROWTH, F.CONTRIBUTION, F.CONTRIBUTION_SHARE, F.SHARE)
# how far before "trong đó"/"gồm" the total may stand
PARENT_REACH = 90


def link_inline(text: str, depths: list[int], statements: list[Statement]) -> None:
    stated = sorted((s for st in statements for s in st.stated), key=lambda s: s.offset)
    sentences = G.sentence_spans(text, depths)
    cues = [(m, complete) for pattern, complete in ((P.PARTIAL, False), (P.COMPLETE, True))
            for m in pattern.finditer(text)]
    regions = _regions(text, depths, [m for m, _ in cues])
    # the last cue first: "Trong đó, vốn cấp tỉnh 3.344 tỷ, trong đó vốn cân đối 737 tỷ, …": a nested breakdown
    # takes its parts before the outer one looks, so the outer total never counts its grandchildren
    for m, complete in sorted(cues, key=lambda cue: -cue[0].start()):
        depth = depths[min(m.start(), len(depths) - 1)]
        parent = _parent_before(text, stated, m.start(), depth)
        across = parent is None
        if across:
            parent = _parent_of_sentence(text, sentences, statements, m.start(), depth)
        if parent is None or BALANCE.search(_statement_subject(statements, parent)):
            continue            # "Giá trị xuất siêu … Trong đó, kim ngạch xuất khẩu …": a balance has no parts
        end = regions[m.start()]
        if complete and NAMES_FIRST.match(text, m.end(), end):
            continue            # "5 xã đạt 14 tiêu chí gồm Thắng Quân, Minh Dân, …": names, not parts with figures
        children = _children(stated, statements, m.end(), end, depth, parent, text)
        if across and not _named_alike(statements, parent, stated, children) and \
                not whole_partition(_statement_subject(statements, parent),
                                    [_part_name(statements, stated, entity) for entity in children]):
            continue            # the sentence before may have been about something else
        if _listed_in_total(text[parent.figure.unit_end:m.start()], statements, stated, children):
            continue            # "người tham gia BHXH, BHYT, BHTN, trong đó: BHXH …; BHYT …": sets that overlap
        # "Trong đó, khách quốc tế …; khách lưu trú …": groups along another criterion than the first part's
        # overlap it; each is within the total, but only the first criterion's parts add up
        children = same_criterion([_part_name(statements, stated, entity) for entity in children], children)
        if _outer_fits(text, depths, regions, cues, stated, parent, children):
            continue
        _attach(stated, parent.entity, children, complete and len(children) >= 2)
        _parallel_shares(stated, parent, children, m.start())
        # "tháng 7 ước đạt 194,4 tỷ đồng; 7 tháng ước đạt 1.155,5 tỷ đồng, tăng 19,9%. Trong đó, …": the parts
        # are of the figure they follow (or the one its rate is of), whose period they take
        values = sorted(values_of(stated, parent.entity), key=lambda v: (v is not parent, v.period != parent.period,
                                                                          -v.offset))
        inherit_period(stated, values or [parent], children)


def _regions(text: str, depths: list[int], cues: list[re.Match]) -> dict[int, int]:
    """Where the breakdown each cue opens ends (by the cue's start): at the end of its sentence or bracket; at
    a later cue of the same depth, which opens a breakdown of its own ("đào tạo nghề cho 13.000 người, trong đó
    ngắn hạn 12.000 người, nâng tỷ lệ … 51%, trong đó …; giải quyết việc làm cho 16.350 lao động"); and, for a
    breakdown within a part of an earlier one, at the part's ";". One pass over the cues in order."""
    ends: dict[int, int] = {}
    reach: dict[int, int] = {}          # depth -> how far the earlier cues of that depth reach
    ordered = sorted(cues, key=lambda m: m.start())
    for k, m in enumerate(ordered):
        depth = _depth(depths, m)
        end = _region_end(text, depths, m.end(), depth)
        later = next((n.start() for n in ordered[k + 1:] if n.start() > m.start() and _depth(depths, n) == depth),
                     None)
        inner = reach.get(depth, -1) > m.start()
        reach[depth] = max(reach.get(depth, -1), end)
        if later is not None and later < end:
            end = later
        semicolon = text.find(";", m.end(), end)
        if inner and semicolon >= 0:
            end = semicolon             # a breakdown within a part ends with that part's clause
        ends[m.start()] = end
    return ends


def _parent_before(text: str, stated: list[Stated], pos: int, depth: int) -> Stated | None:
    for s in reversed([s for s in stated if s.offset < pos]):
        rate_total = s.measure == F.GROWTH and s.named
        if s.depth > depth or s.linked or not (s.measure in VALUE_MEASURES or rate_total):
            continue
        between = text[s.figure.unit_end:pos].rstrip()
        if NAMED_RATE.search(between):
            return None     # "… cho 12.000 người, nâng tỷ lệ … đạt trên 51%, trong đó …": another's rate between
        between = between[:-1] if between.endswith(";") else between   # "...28.500 lao động; trong đó ..."
        if len(between) > PARENT_REACH or ". " in between or ";" in between or _sentence_break(between):
            return None
        twins = [v for v in stated if v.entity == s.entity and v.measure in VALUE_MEASURES and v.offset <= s.offset
                 and ". " not in text[v.offset:s.offset]]
        return None if _unplaced_twin(twins) or _coordinated(text, stated, s) else s
    return None


def _coordinated(text: str, stated: list[Stated], total: Stated) -> bool:
    """The figure before the cue is the second of two joined by "và", in one unit ("đã giải quyết 274 đơn khiếu
    nại và 105 đơn tố cáo; trong đó …"): the parts may be of either, or of both."""
    for v in stated:
        if v.offset < total.offset and v.entity != total.entity and v.depth == total.depth and \
                v.measure in VALUE_MEASURES and str(v.figure.unit or "").lower() == str(total.figure.unit or "").lower() \
                and AND_BEFORE.fullmatch(text[v.figure.unit_end:total.figure.start]):
            return True
    return False


# the words after one figure and before the next when "và" joins them: "đơn khiếu nại và", "vụ và"
AND_BEFORE = re.compile(r"[^\d,;.:()]{0,40}\svà\s{1,3}", re.IGNORECASE)


def _unplaced_twin(values: list[Stated]) -> bool:
    """The subject is stated twice and one of its figures has no period the reader could place: "dư nợ … đạt
    36.804 tỷ đồng, tăng 10,73% so với cuối năm 2015, ước đến cuối tháng 9 đạt 37.200 tỷ đồng. Trong đó, …"
    breaks down one of them, and which is not sure (when both have their periods, "tháng 7 ước đạt 194,4 tỷ
    đồng; 7 tháng ước đạt 1.155,5 tỷ đồng. Trong đó, …", the parts are of the last)."""
    return len(values) > 1 and any(v.period is None for v in values)


def _depth(depths: list[int], match: re.Match) -> int:
    return depths[min(match.start(), len(depths) - 1)]


# a rate with a name of its own: "tỷ lệ lao động qua đào tạo đạt trên 51%"
NAMED_RATE = re.compile(r"\b(?:tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|chỉ số)\b[^,;.%]{0,80}\d\s{0,2}%", re.IGNORECASE)


def _sentence_break(between: str) -> bool:
    return re.search(r"(?<=[^\W\d_%])\.(?=[A-ZĐ])", between) is not None


def _parent_of_sentence(text: str, sentences, statements: list[Statement], pos: int, depth: int) -> Stated | None:
    """"… đạt 4.071 tỷ đồng, tăng 18,89%. Trong đó, kinh tế nhà nước …": the head figure of the sentence
    before, when the cue opens its sentence."""
    if depth != 0:
        return None
    index = next((k for k, (s, e) in enumerate(sentences) if s <= pos < e), None)
    if not index or text[sentences[index][0]:pos].strip(" ,:-–+*"):
        return None
    previous = [st for st in statements if st.sentence == index - 1 and st.depth == 0 and st.role != "aside"]
    for st in reversed(previous):
        totals = [s for s in st.stated if s.entity == st.entity and s.named and
                  (s.measure in VALUE_MEASURES or s.measure == F.GROWTH)]
        values = [s for s in totals if s.measure in VALUE_MEASURES]
        if _unplaced_twin(values):
            return None
        if totals and st.subject_sure:
            return (values or totals)[-1]
    return None


def _region_end(text: str, depths: list[int], start: int, depth: int) -> int:
    for i in range(start, len(text)):
        if depths[i] < depth:
            return i
        if depth == 0 and text[i] == "." and (i + 1 == len(text) or text[i + 1] == " " or
                                              (text[i + 1].isupper() and i and text[i - 1].isalpha())):
            return i
    return len(text)


def _clause(text: str, offset: int, start: int = 0) -> str:
    """The words of text[start:offset] since the last comma, semicolon, colon or bracket."""
    return re.split(r"[,;:(]", text[start:offset])[-1]


# an average or a rate per something: its parts are averages of groups, never added up
AVERAGE = re.compile(r"\b(?:bình quân|trung bình|năng suất)\b", re.IGNORECASE)


def is_average(name: str | None, value: Stated | None) -> bool:
    return bool(AVERAGE.search(name or "")) or (value is not None and "/" in str(value.figure.unit or ""))


def _children(stated: list[Stated], statements: list[Statement], start: int, end: int, depth: int,
              parent: Stated, text: str = "") -> list[str]:
    """The components of `parent` in [start, end): values in the total's unit (a crop's area under a total
    area, never its yield in tạ/ha or its output in tấn), and rates of a total stated as a rate."""
    entities: list[str] = []
    first_kind = first_verb = None
    first_done = False
    total = next((s for s in stated if s.entity == parent.entity and s.measure in VALUE_MEASURES), None)
    parent_name = _statement_subject(statements, parent)
    if is_average(parent_name, total):
        return []       # "số ngày lưu trú bình quân 1,75 ngày/lượt; trong đó khách quốc tế 2,27 …": averages
    current = None
    # what the total's clause says of it, when its subject is only the thing counted ("đã giải quyết và trả
    # kết quả gần 27.000 hồ sơ"): a part said of another state ("đang giải quyết 1.207 hồ sơ") is none of it
    said = _clause(text, total.offset) if text and total is not None else ""
    assigned = bool(ASSIGNED.search(said))      # the total is a target as an authority set it
    for s in stated:
        if not (start <= s.offset < end and s.depth == depth):
            continue
        if s.statement != current:
            current = s.statement
            stmt = statements[s.statement]
            if entities and depth == 0 and _ends_breakdown(stmt, parent_name, first_kind) or \
                    disjoint(parent_name or "", stmt.subject or s.indicator or "") or \
                    said and disjoint(said, _clause(text, s.offset, start)):
                break
            if entities and DONE.search(stmt.subject or s.indicator or "") and not first_done:
                break       # "trong đó 7.581 việc có điều kiện thi hành, đã thi hành xong 6.367 việc": a stage of
                #             the part before (or of the whole), not a part beside it
        component = s.measure in VALUE_MEASURES and (total is None or addable(total, s)) or \
            s.measure in RATE_MEASURES and s.named
        if component and not s.linked and s.parent is None and s.entity != parent.entity and \
                s.entity not in entities:
            clause = _clause(text, s.offset, start) if text else ""
            if assigned and ASSIGNED.search(clause):
                break       # "… được Bộ Tài chính giao là 1.470 tỷ đồng, trong đó thu nội địa …; Hội đồng nhân
                #             dân tỉnh giao là 1.915 tỷ đồng": the whole as another authority set it, no part
            if WITH_QUALIFIER.search(clause):
                continue    # "6.037 cơ sở do công an quản lý với 1.856 cơ sở có nguy hiểm cháy, nổ": of those
            verb = _activity(clause or statements[s.statement].subject or s.indicator)
            if verb and first_verb and verb != first_verb:
                return []   # "trồng cây gỗ lớn 1.900 ha; … chăm sóc rừng trồng 29.000 ha": not parts of one whole
            if not entities:
                first_done = bool(DONE.search(stmt.subject or s.indicator or ""))
            entities.append(s.entity)
            first_kind, first_verb = first_kind or s.figure.kind, first_verb or verb
    return entities


# work done on what was counted before it: "đã thi hành xong", "giải quyết xong", "đã giải quyết"
DONE = re.compile(r"\bxong\b|^\s*đã\s{1,3}(?:giải quyết|xử lý|thi hành|hoàn thành)\b", re.IGNORECASE)
# a figure said with "với" after another in its clause qualifies that one: a group of it, not a part beside it
WITH_QUALIFIER = re.compile(r"\d[^,;:]*\bvới\s{0,3}$")
# a list whose first member has no figure: names ("gồm Thắng Quân, Minh Dân (Hàm Yên); …")
NAMES_FIRST = re.compile(r"\s{0,3}:?\s{0,3}[^\d,;]{1,60}?[,;]")
def _activity(name: str | None) -> str | None:
    """The work on land or assets a part's name opens with ("trồng", "chăm sóc"), if any: parts of one total
    share it."""
    verb = ACTIVITY.match(" ".join(str(name or "").lower().split()))
    return verb.group(1) if verb else None


# "diện tích chăm sóc lúa lần 1": the area a work was done on opens with the word for area
ACTIVITY = re.compile(r"(?:diện tích\s)?(trồng(?!\s+trọt)|chăm sóc|khoanh nuôi|bảo vệ|chuyển hóa|chuyển hoá|cải tạo|tu bổ|"
                      r"làm mới|nâng cấp|sửa chữa|khai thác|gieo|thu hoạch|xây mới)\b")


# a figure that is a difference of two others, never the sum of its "trong đó"
BALANCE = re.compile(r"\b(?:xuất siêu|nhập siêu|cán cân|chênh lệch|bội chi|thặng dư|kết dư|thâm hụt)\b", re.IGNORECASE)
# words every indicator name may carry: sharing only these says nothing
_COMMON_WORDS = frozenset({"tổng", "số", "giá", "trị", "các", "của", "và", "trên", "địa", "bàn", "toàn", "chung",
                           "cả", "ước", "đạt", "trong", "đó", "từ", "cho", "năm", "tháng"})


def _listed_in_total(words: str, statements: list[Statement], stated: list[Stated], children: list[str]) -> bool:
    """The total's words list its parts ("2.995.949 người tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm
    thất nghiệp, trong đó: …"): people counted once in the total may be in several parts, so the parts need
    not add up."""
    total = " ".join(words.lower().split())
    if "," not in total and " và " not in total:
        return False
    named = 0
    for entity in children:
        part = next((s for s in stated if s.entity == entity), None)
        name = G.normalise_name(part.indicator or _statement_subject(statements, part)).lower() if part else ""
        named += bool(name) and name in total
    return named >= 2


def _named_alike(statements: list[Statement], parent: Stated, stated: list[Stated], children: list[str]) -> bool:
    """A sentence-opening "Trong đó," breaks down the sentence before only when its components are named like
    its total ("Tổng thu ngân sách …. Trong đó, thu nội địa …"): a word of the total's name in each."""
    words = set(G.normalise_name(_statement_subject(statements, parent)).split()) - _COMMON_WORDS
    if not words or not children:
        return False
    for entity in children:
        name = G.normalise_name(_part_name(statements, stated, entity))
        if not words & set(name.split()):
            return False
    return True


def _part_name(statements: list[Statement], stated: list[Stated], entity: str) -> str:
    part = next((s for s in stated if s.entity == entity), None)
    return (part.indicator or _statement_subject(statements, part)) if part else ""


def _statement_subject(statements: list[Statement], s: Stated) -> str:
    return statements[s.statement].subject if s.statement < len(statements) else ""


def _ends_breakdown(stmt: Statement, parent_name: str, first_kind: str | None) -> bool:
    """A clause after the components that names another indicator of the total's rank ends the breakdown."""
    subject = G.normalise_name(stmt.subject) if stmt.subject else ""
    if re.match(r"^\s*(?:tổng|toàn)\b", stmt.subject or "", re.IGNORECASE):
        return True
    kinds = {s.figure.kind for s in stmt.stated if s.entity == stmt.entity and s.measure in VALUE_MEASURES}
    if first_kind and kinds and first_kind not in kinds:
        return True
    parent = G.normalise_name(parent_name)
    if subject and parent:
        a, b = subject.split(), parent.split()
        if len(a) >= 2 and len(b) >= 2 and a[-2:] == b[-2:] and a[0] != b[0] and f" {subject}" not in f" {parent}":
            # "chi ngân sách" after "thu ngân sách"; not "doanh thu dịch vụ" under "tổng mức bán lẻ hàng hóa
            # và doanh thu dịch vụ", which names it as a part
            return True
    return False


# a target as an authority set it: the words before the figure end with the verb ("Hội đồng nhân dân tỉnh
# giao là", "Bộ Tài chính giao:")
ASSIGNED = re.compile(r"\bgiao(?:\s{1,3}là)?\s{0,3}:?\s{0,3}$", re.IGNORECASE)


def _parallel_shares(stated: list[Stated], parent: Stated, children: list[str], cue: int) -> None:
    """"thu hoạch được 780,1 nghìn ha, chiếm 68,8% diện tích gieo cấy …, trong đó vùng Đồng bằng sông Hồng thu
    hoạch 367,3 nghìn ha, chiếm 68,6% diện tích gieo cấy": when the total states a share of a whole of its own,
    its parts' shares are of theirs, not of the total; they are kept off the parts' rows."""
    if not any(s.measure == F.SHARE and s.depth == parent.depth and parent.offset < s.offset < cue for s in stated):
        return
    for s in stated:
        if s.entity in children and s.measure == F.SHARE:
            s.entity = f"{s.entity}@share"


def _outer_fits(text: str, depths: list[int], regions: dict, cues: list, stated: list[Stated], parent: Stated,
                children: list[str]) -> bool:
    """A list after a figure that is itself a part of an outer breakdown ("Trong đó, diện tích cây hàng năm …;
    diện tích cây lâu năm 256.673,8 ha, bao gồm 14.969,7 ha lúa, … cà phê, …"): when the outer total has other
    parts stated before it, and the list adds up to more than that figure but fits the outer total, it may
    re-split the outer total (lúa is no perennial), so whose it is is not sure, and it is left unattached."""
    outer = [m for m, _ in cues if m.start() < parent.offset < regions[m.start()] and
             depths[min(m.start(), len(depths) - 1)] == parent.depth]
    if not outer:
        return False
    whole = _parent_before(text, stated, outer[-1].start(), parent.depth)
    if whole is None:
        return False
    own, total = (next((s for s in stated if s.entity == who.entity and s.measure in VALUE_MEASURES), None)
                  for who in (parent, whole))
    if own is None or total is None:
        return False
    siblings = [s for s in stated if outer[-1].start() < s.offset < parent.offset and s.depth == parent.depth and
                s.measure in VALUE_MEASURES and s.entity not in (parent.entity, whole.entity) and addable(total, s)]
    if not siblings:
        return False    # the part is the outer total's only one: the list can be nobody else's
    parts = [next((s for s in stated if s.entity == entity and s.measure in VALUE_MEASURES and addable(own, s)), None)
             for entity in children]
    if not parts or None in parts or not all(addable(total, s) for s in parts):
        return False
    least = sum(s.lower for s in parts)
    return own.upper < least <= total.upper


def _attach(stated: list[Stated], parent: str, children: list[str], complete: bool) -> None:
    for s in stated:
        if s.entity in children and s.parent is None:
            s.parent = parent
        if complete and s.entity == parent:
            s.complete = True


def inherit_period(stated: list[Stated], totals: list[Stated], children: list[str]) -> None:
    """"3 tháng ước thực hiện 250 tỷ đồng, trong đó thu nội địa 200 tỷ đồng": a component whose period is not
    written is a value of its total's period and measure, matched by kind: the parts of "1.520 suất quà, tổng
    số tiền 760 triệu đồng (trong đó: nguồn ngân sách 900 suất = 450 triệu đồng …)" are counts under the count
    and amounts under the amount."""
    for s in stated:
        if s.entity not in children:
            continue
        total = next((t for t in totals if t.figure.kind == s.figure.kind), None)
        if s.measure in VALUE_MEASURES and total is not None and total.measure in VALUE_MEASURES and not s.explicit:
            if total.measure in (F.MONTH, F.CUMULATIVE):
                s.measure = total.measure
            elif s.measure in (F.MONTH, F.CUMULATIVE):
                s.measure = F.AMOUNT if s.figure.kind == "money" else F.COUNT
            if s.period != total.period:
                _move_rates(stated, s, total.period)
            s.period = total.period
        elif s.period is None and totals and totals[0].period is not None:
            s.period = totals[0].period
        if any(t.certain for t in totals):
            for reason in ("period not stated", "period taken from an earlier paragraph"):
                if reason in s.doubts:
                    s.doubts.remove(reason)


def _move_rates(stated: list[Stated], value: Stated, period) -> None:
    """"trong đó, tôm 20.000 tấn, tăng 11,11%": the component's growth speaks of the period its value was
    given from its total, not of the one assumed while reading."""
    after = [s.offset for s in stated if s.entity == value.entity and s.offset > value.offset and
             s.measure in VALUE_MEASURES]
    until = min(after, default=float("inf"))
    for s in stated:
        if s.entity == value.entity and value.offset < s.offset < until and s.period == value.period and \
                not s.explicit and \
                s.measure in (F.GROWTH, F.GROWTH_MONTH, F.PCT_PLAN):
            if s.measure != F.PCT_PLAN and period is not None:
                s.measure = F.GROWTH if period.cumulative or period.start != period.end else F.GROWTH_MONTH
            s.period = period


def values_of(stated, entity: str) -> list[Stated]:
    return [s for s in stated if s.entity == entity and s.measure in VALUE_MEASURES]
