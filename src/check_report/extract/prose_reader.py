"""One block of prose read clause by clause: each figure gets a measure and an identity with explicit scope.

    Tổng mức bán lẻ hàng hóa: tháng 03 ước thực hiện 1.138.000 triệu đồng, 3 tháng ước thực hiện
    3.581.134 triệu đồng, đạt 23,35% kế hoạch, tăng 23,4% so cùng kỳ.

gives month (2024-03), cumulative (2024-01..2024-03), pct_plan (base "plan") and growth (base
"same-period") of one statement whose subject is "Tổng mức bán lẻ hàng hóa". The scope rules:
- a statement is a subject and what is said of it; a new noun phrase before a figure starts a new one
  ("lạc 41/38 ha, tăng 7,9%; đậu tương 12/15 ha" are two), predicate words alone continue it;
- the period of a figure is the period phrase before its value, else the statement's, else the sentence's
  leading adverbial ("Tính chung 8 tháng, …"), else the last period the paragraph named, else the report's
  (given by `BlockContext`, which also says whether that default is sure);
- the base of a percentage is read from the words after it (whose plan, which period compared with); a
  growth without one takes the base its parallel in the paragraph had ("tăng 0,9% so với tháng trước và tăng
  7,7% so với cùng kỳ. … giảm 0,8% và tăng 9,5%"), else it is not sure;
- a bracketed group is read on its own and attached to the figure before it: "(cùng kỳ năm trước tăng 4,1%)"
  speaks of last year, "(trong đó …)" lists components, "(Quý I tăng 3,68%; quý II …)" other periods,
  "(74.150 triệu đồng)" after "dự toán" is the plan, "(đạt 104,11% dự toán tỉnh giao; …)" continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from check_report import facts as F
from check_report.extract import prose_grammar as G
from check_report.extract import prose_model as M
from check_report.extract import prose_patterns as P
from check_report.extract.prose_model import Stated, Statement
from check_report.extract.prose_periods import Period, PeriodMention
from check_report.extract.prose_scan import COUNT, MONEY, PERCENT, PLAIN, POINTS, Figure, Ratio, Scan

ABBREVIATION_AFTER = re.compile(r"\(\s{0,2}([A-ZĐ]{2,8})\s{0,2}\)")
# between "a/b" and the percentage that restates it: "đạt tỷ lệ : 95,9%", ", đạt 100%", "bằng"; never a growth
RATIO_TO_PERCENT = re.compile(r"[^;()%\d]{0,40}?(?:[,:]|\b(?:đạt|bằng|tương đương|tương ứng|tỷ lệ|tỉ lệ|là))\s{0,3}:?\s{0,3}",
                              re.IGNORECASE)
GROWTH_WORDS = re.compile(r"\b(?:tăng|giảm|tốc độ|tăng trưởng)\b", re.IGNORECASE)
# "chỉ tiêu thu ngân sách là": the indicator a plan is of, named after the plan word
PLAN_OF = re.compile(r"(?:kế hoạch|KH|dự toán|chỉ tiêu)\s{1,3}(?!năm\b|giao\b|được\b|cả\b)([^\d,;.()]{3,40}?)"
                     r"\s{0,3}(?:là|:)?\s{0,3}$", re.IGNORECASE)
# the words of a noun phrase after a count: up to a figure, a separator or a verb
NOUN_TAIL = re.compile(r"[^,;:()=.\d]{0,60}?(?=[,;:()=.\d]|\s(?:đạt|tăng(?! giá)|giảm(?! giá| nghèo)|bằng|chiếm|với|"
                       r"trong đó|gồm|là|được|so|và(?=\s{1,3}(?:khoảng |gần |hơn |trên )?\d))\b|$)"
                       r"|[^,;:()=.\d]{0,60}", re.IGNORECASE)   # no stop within 60 characters: those 60 (issue 11)
VALUES = (F.CUMULATIVE, F.MONTH, F.AMOUNT, F.COUNT)
CONTEXT = 48                 # how far before a figure its own words are looked for
ADVERBIAL_TAIL = 40          # "Tính chung 9 tháng năm 2025, …": the comma stands this close after the period
# an attribution before the sentence proper: "Thông tin từ UBND tỉnh cho biết,", "Báo cáo của Sở … cho thấy,"
ATTRIBUTION = re.compile(r"^[^,;:.]{3,80}?\b(?:cho biết|cho thấy|thông tin|báo cáo|công bố)\s{0,3}[,:]\s{0,3}",
                         re.IGNORECASE)
ADVERBIAL_WORDS = re.compile(r"^(?:trong|ước|ước tính|dự ước|tính chung|tính đến hết|tính đến|đến hết|đến|sang|"
                             r"sang đến|kết thúc|lũy kế|luỹ kế|cũng trong|riêng|về|cả|trong vòng|qua|theo đó|"
                             r"tính riêng|bước sang|sau)?\s{0,3}$", re.IGNORECASE)


@dataclass
class BlockContext:
    """What the paragraphs before say for this block: the period of figures with no period words."""
    report: Period | None
    default: Period | None = None
    default_sure: bool = False
    default_doubt: str = M.NO_PERIOD
    forward: bool = False                       # the block is in a section of plans for a later period
    base_pattern: list[str] = field(default_factory=list)   # bases of the last coordinated growth pair
    # sure growth rates stated so far in the section: (entity, lower, upper, period), what "Trong mức tăng
    # 8,4%" refers back to
    growth_said: list[tuple] = field(default_factory=list)


def base_unit(unit: str | None) -> str:
    """The unit without its scale word: "nghìn m3" is "m3", "tỷ đồng" is "đồng"."""
    words = [w for w in str(unit or "").lower().split() if w not in ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn")]
    return " ".join(words)


def same_unit(a: Figure, b: Figure) -> bool:
    """Two figures can be added or compared: the same unit up to its scale ("ngàn m3" and "m3")."""
    if a.kind != b.kind:
        return False
    return base_unit(a.unit) == base_unit(b.unit) or a.kind == MONEY


def slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")[:40] or "figure"


# "trên 30%", "dưới 5%": after a count of things, the bound of what was counted
THRESHOLD_HEDGES = frozenset({"trên", "dưới", "từ", "hơn"})


@dataclass
class _Clause:
    cursor: int
    stmt: Statement | None = None
    period_token: PeriodMention | None = None
    last_value: Stated | None = None
    last_count: Stated | None = None
    role: str = "main"
    lead_start: int = 0             # where the words before the current figure start
    label: str | None = None        # "Cây ngô: …": the label the clause opened with
    label_at: int = 0               # where that label stands
    after_plain: int | None = None  # the end of a number read as no figure, just before the current lead
    respective: int | None = None   # the end of the last figure of a list shared out in order ("lần lượt")
    counted: int | None = None      # the end of a count of things ("47/63 địa phương"), its figures being bounds
    own_count_end: int | None = None  # the end of a count that names its own things ("25 doanh nghiệp …")


class BlockReader:
    """Turns one block's scan into statements of Stated facts."""

    def __init__(self, block_index: int, text: str, scan: Scan, ctx: BlockContext, place: str):
        self.block, self.text, self.scan, self.ctx, self.place = block_index, text, scan, ctx, place
        self.depths = G.bracket_depths(text) or [0]
        self.statements: list[Statement] = []
        self.period, self.period_sure, self.period_doubt = ctx.default, ctx.default_sure, ctx.default_doubt
        self.last_period: Period | None = None       # the last period the block named itself
        self.tokens = sorted(scan.figures + scan.ratios + scan.periods, key=lambda t: t.start)
        self._blank = self._blank_mask()
        self._sub = 0
        self.sentence = 0
        self.forward_sentence = False
        self.unsure_owner = False
        self.owner_shift = False
        self.sentence_start = 0
        self.adverbial: PeriodMention | None = None   # "Tính chung 9 tháng, …" of the sentence being read
        self.frame: str | None = None                 # "Trong mức tăng 8,4%, …": the total the points split

    # --- structure ----------------------------------------------------------------------------------
    def read(self) -> list[Statement]:
        for k, (start, end) in enumerate(G.sentence_spans(self.text, self.depths)):
            self.sentence = k
            self._sentence(start, end)
        return self.statements

    def _sentence(self, start: int, end: int) -> None:
        self.sentence_start = start
        self.owner_shift = False
        self.forward_sentence = bool(P.FORWARD_WORDS.search(self.text, start, end))
        self.frame = None
        frame = P.FRAME_OPENING.match(self.text, start)
        if frame and self.ctx.growth_said:
            # "Trong mức tăng chung của toàn nền kinh tế, khu vực … đóng góp …": the growth stated last
            self.frame = self.ctx.growth_said[-1][0]
        adverbial = self._adverbial(start, end)
        skip = start
        self.adverbial = adverbial
        if adverbial is not None:
            self.period, self.period_sure, self.last_period = adverbial.period, True, adverbial.period
            skip = adverbial.end
        elif frame:
            skip = frame.end()
        for k, (cs, ce) in enumerate(G.clause_spans(self.text, self.depths, start, end, 0)):
            begin = max(cs, skip) if k == 0 else cs
            self._clause(begin, ce, 0, _Clause(begin))
        if self.last_period is not None:
            # the period the sentence named holds for the sentences after it, until another is named
            self.period, self.period_sure = self.last_period, True

    def _adverbial(self, start: int, end: int) -> PeriodMention | None:
        """A period phrase that opens the sentence and holds for it: "Tính chung 9 tháng, …", "Ước tháng 8,"."""
        mentions = [t for t in self.tokens if start <= t.start < end and self._depth(t.start) == 0]
        if not mentions or not isinstance(mentions[0], PeriodMention):
            return None
        first = mentions[0]
        if len(mentions) > 1 and isinstance(mentions[1], PeriodMention) and \
                not self.text[first.end:mentions[1].start].strip(" ,"):
            first = mentions[1]                        # "Tính chung 9 tháng": the months say more
        head = P.DISCOURSE.sub("", self.text[start:first.start]).strip(" ,:-–+*")
        # "Thông tin từ UBND tỉnh cho biết, trong tháng 5/2022, …": who said it comes first
        head = ATTRIBUTION.sub("", head).strip(" ,:-–+*")
        head = re.sub(r"\b(?:tính chung|lũy kế|luỹ kế)\b", "", head, flags=re.IGNORECASE).strip()
        if first.period is None or not ADVERBIAL_WORDS.match(head):
            return None
        tail = self.text[first.end:min(end, first.end + ADVERBIAL_TAIL)]
        comma = tail.find(",")
        if comma < 0 or any(c.isdigit() for c in tail[:comma]) or len(tail[:comma].split()) > 5:
            return None
        return PeriodMention(first.start, first.end + comma + 1, first.period)

    def _clause(self, start: int, end: int, depth: int, state: _Clause) -> None:
        tokens = [t for t in self.tokens if start <= t.start < end and self._depth(t.start) == depth]
        groups = G.groups_in(self.text, self.depths, start, end, depth)
        items = sorted([(t.start, t) for t in tokens] + [(g[0], g) for g in groups], key=lambda x: x[0])
        for position, item in items:
            if isinstance(item, tuple):
                self._group(item, depth + 1, state)
            elif position < state.cursor:
                continue                                  # inside a base phrase already read
            elif isinstance(item, PeriodMention):
                if item.period is not None and not P.COMPARED_PERIOD.search(self.text, max(start, position - 60),
                                                                            position):
                    state.period_token = item
            else:
                self._token(item, state, depth)
        if state.stmt is not None:
            self._close(state.stmt)

    # --- one figure ---------------------------------------------------------------------------------
    def _token(self, token, state: _Clause, depth: int) -> None:
        state.lead_start = state.cursor
        if state.respective is not None and P.LIST_GAP.match(self.text[state.respective:token.start]):
            state.respective = state.cursor = getattr(token, "unit_end", token.end)
            return                                       # the next figure of a list shared out in order
        state.respective = None
        lead = G.read_lead(self._lead_text(state.cursor, token.start))
        if state.after_plain is not None and state.after_plain == state.cursor and lead.subject:
            # "… có 138.139 DN thành lập mới, tăng 5,2%": the words read as a subject name the number before
            lead = replace(lead, sure=False)
        state.after_plain = None
        # "có 25 doanh nghiệp đăng ký tạm ngừng hoạt động, tăng 78,6%": a figure right after a count of things,
        # with no subject of its own, may be the count's as well as the sentence's: not sure whose
        self.unsure_owner = state.own_count_end == state.cursor and not lead.subject
        state.own_count_end = None
        if lead.subject:
            self.owner_shift = False
        elif self._owner_shift(state):
            # "trong đó, tôm 20.000 tấn, tăng 11,11%, lũy kế 7 tháng ước đạt 236.624 tấn": another period with
            # no subject after a component: the component's or its total's, not sure
            self.owner_shift = True
        if isinstance(token, Figure) and token.hedge in THRESHOLD_HEDGES and state.counted is not None and \
                not re.search(r"[,;:]", self.text[state.counted:token.start]):
            # "47/63 địa phương thu đạt trên 30% dự toán", "30 mặt hàng đạt kim ngạch trên 1 tỷ USD": the bound
            # that says which things were counted, not a figure of them
            state.cursor = token.unit_end
            return
        if lead.label:
            state.label, state.label_at = lead.label, state.cursor
        if state.last_count is not None and P.PAIR_LINK.match(self.text[state.last_count.figure.unit_end:token.start]):
            lead = G.Lead()                              # "469 doanh nghiệp với số vốn đăng ký là …": its amount
        abbreviation = ABBREVIATION_AFTER.search(self.text, state.cursor, token.start) if lead.subject else None
        if abbreviation and abbreviation.group(1) not in lead.subject:
            # "Tổng sản phẩm trên địa bàn (GRDP)": the name is written both ways, the short one used later
            lead = replace(lead, subject=f"{lead.subject} ({abbreviation.group(1)})")
        stmt = self._statement_for(state, lead, token, depth)
        before = self._lead_text(max(state.cursor, token.start - CONTEXT), token.start)
        if isinstance(token, Ratio):
            state.cursor = token.end
            self._ratio(stmt, token, state)
            state.counted = token.end
            return
        state.counted = token.unit_end if token.kind == COUNT and token.scale == 1.0 else None
        state.cursor = token.unit_end
        if token.kind == PERCENT:
            self._percent(stmt, token, before, lead, state)
        elif token.kind == POINTS:
            if P.CONTRIBUTION_WORD.search(before):
                self._add(stmt, token, F.CONTRIBUTION, self._pct_period(state), phrasing="đóng góp")
        elif token.kind == PLAIN:
            state.after_plain = token.unit_end       # the words after it may be its own noun, not a subject
            return
        elif token.unit == "lần":
            self._times(stmt, token, before, state)
        else:
            self._value(stmt, token, before, lead, state)

    @staticmethod
    def _owner_shift(state: _Clause) -> bool:
        stmt, token, last = state.stmt, state.period_token, state.last_value
        return stmt is not None and stmt.cue is not None and token is not None and token.start >= state.cursor \
            and last is not None

    def _statement_for(self, state: _Clause, lead: G.Lead, token, depth: int) -> Statement:
        stmt = self._statement_of(state, lead, token, depth)
        if lead.plan or (lead.cue and self._plan_before(stmt)):
            stmt.plan = lead.plan or self._plan_before(stmt)   # components of a plan are plans too
        if lead.issuer:
            stmt.issuer = lead.issuer
        return stmt

    def _owner(self, state: _Clause) -> str | None:
        """Whose an attribute is: the last thing named in the sentence ("vụ Đông Xuân 51.620 ha, năng suất …"),
        else the label the clause opened with ("Cây ngô: diện tích …, năng suất …")."""
        for stmt in reversed(self.statements):
            if stmt.sentence != self.sentence or stmt.start < state.label_at:
                break
            if stmt.subject and not stmt.attribute:
                return stmt.subject
        return state.label

    def _plan_before(self, stmt: Statement) -> str | None:
        before = [st for st in self.statements if st.sentence == self.sentence and st.index < stmt.index]
        return before[-1].plan if before else None

    def _statement_of(self, state: _Clause, lead: G.Lead, token, depth: int) -> Statement:
        attribute = bool(lead.subject and not lead.action and not lead.generic and G.is_attribute(lead.subject))
        if attribute:
            owner = self._owner(state) if not lead.label else lead.label
            # "Cây ngô: diện tích 12.150 ha, năng suất 48,6 tạ/ha": the attribute of the crop named before it
            lead = replace(lead, subject=f"{lead.subject} {owner}" if owner else lead.subject,
                           sure=lead.sure and bool(owner))
        if lead.subject and not lead.action and not lead.generic:
            lead_start = state.cursor
            state.stmt = self._new_statement(state, lead.subject, lead.sure, depth, lead.cue)
            state.stmt.attribute = attribute
            if state.period_token is not None and state.period_token.start < lead_start:
                state.period_token = None              # a period before this subject was another statement's
            state.last_value = None
            if state.period_token is not None and depth == 0 and state.role == "main":
                self.last_period = state.period_token.period    # "GDP 9 tháng năm 2020 tăng …" names its period
        elif state.stmt is None or lead.action or lead.generic:
            inherited = self._inherited() if not (lead.action or lead.generic) else None
            if inherited is not None and inherited.sentence == self.sentence and inherited.depth == depth:
                state.stmt = inherited                  # "…; tính chung 9 tháng ước đạt …": the same subject
                state.last_value = None
            else:
                subject, sure = (inherited.subject, False) if inherited is not None else ("", False)
                state.stmt = self._new_statement(state, subject, sure, depth, lead.cue)
                if not subject:
                    state.stmt.role = "unnamed"
        elif lead.cue and state.stmt is not None:
            state.stmt.cue = state.stmt.cue or lead.cue
        if lead.growth_rate:
            state.stmt.role = "growth-rate" if state.stmt.role == "main" else state.stmt.role
        return state.stmt

    def _inherited(self) -> Statement | None:
        """A statement with no subject of its own continues the previous one (sure only within the sentence)."""
        for stmt in reversed(self.statements):
            if stmt.subject and stmt.role in ("main", "growth-rate", "component"):
                return stmt
        return None

    def _new_statement(self, state: _Clause, subject: str, sure: bool, depth: int, cue: str | None) -> Statement:
        index = len(self.statements)
        role = "component" if state.role == "component" else state.role if state.role != "main" else "main"
        if state.stmt is not None and subject and subject == state.stmt.subject and state.role != "component":
            entity = state.stmt.entity
        else:
            entity = f"{self.place}.{self.sentence + 1}.{index + 1}:{slug(subject)}"
        stmt = Statement(index, self.sentence, state.cursor, state.cursor, depth, subject, entity, sure, role, cue)
        self.statements.append(stmt)
        return stmt

    def _close(self, stmt: Statement) -> None:
        self._resolve_elided_bases(stmt)

    # --- measures -----------------------------------------------------------------------------------
    def _percent(self, stmt: Statement, fig: Figure, before: str, lead: G.Lead, state: _Clause) -> None:
        period = self._pct_period(state)
        base = G.read_base(self.text, fig.unit_end, self._year(period))
        state.cursor = max(state.cursor, base.end)
        of_whom = P.OF_WHOM.match(self.text, state.cursor)
        if of_whom:
            state.cursor = of_whom.end()
        after = self.text[fig.unit_end:fig.unit_end + CONTEXT]
        up, down = P.GROWTH_UP.search(before), P.GROWTH_DOWN.search(before)
        reached = P.REACHED.search(before)
        word = reached.group(1).lower() if reached else None
        growth_rate = lead.growth_rate or stmt.role == "growth-rate"
        if base.kind == "none":
            first = P.BASE_BEFORE.search(before)
            if first:       # "so với tháng trước tăng 1,1%": the base said before the figure
                base = G.read_base(self.text, fig.start - len(before) + first.start(1), self._year(period))
                base = replace(base, end=state.cursor)
        about = P.ABOUT_WHAT.match(self.text, fig.unit_end)
        if about:
            # "tăng 3,8% về số doanh nghiệp và tăng 7,8% về vốn đăng ký": each of another attribute, said after
            self.unsure_owner = True
            state.cursor = max(state.cursor, about.end())
        if (up or down) and P.STRUCTURE_SHIFT.search(self.text, self.sentence_start, fig.start):
            return                        # "cơ cấu kinh tế chuyển dịch …, khu vực II tăng 0,69%": shares, in points
        if P.AVERAGE_RATE_BEFORE.search(before) or P.AVERAGE_RATE_AFTER.match(self.text, fig.unit_end):
            return                        # an average over years or a revision: not the period's own growth
        if growth_rate and (up or down) and any(s.entity == stmt.entity and s.measure in (F.GROWTH, F.GROWTH_MONTH)
                                                for s in stmt.stated):
            return                        # "Tốc độ tăng … đạt 11,01%, tăng 0,26% so với năm 2022": the rate's change
        if P.RESPECTIVELY.search(before) and not P.RATIO_TO_TOTAL_WORDS.search(before):
            # "A và B tăng … với mức tăng tương ứng là 11,70% và 8,10%", "bốn quý đạt lần lượt 6,82%, 6,73%,
            # …": whose each is, the order says; the list is not read
            state.respective = fig.unit_end
            return
        if P.GROWTH_FRAME.search(before):
            self._frame(stmt, fig, period)
        elif P.COMPARED_FIGURE.search(before):
            self._compared(stmt, fig)
        elif P.SHARE_WORD.search(before):
            self._add(stmt, fig, F.SHARE, period, phrasing="chiếm")
            whole = P.SHARE_OF.match(self.text, fig.unit_end)
            state.cursor = max(state.cursor, whole.end() if whole else fig.unit_end)
        elif P.CONTRIBUTION_WORD.search(before):
            self._add(stmt, fig, F.CONTRIBUTION_SHARE, period, phrasing="đóng góp")
        elif base.kind == "plan":
            if (up or down) and not reached:
                self._add(stmt, fig, F.PCT_PLAN, period, phrasing="tăng" if up else "giảm", base=base.key,
                          offset=100.0, sign=-1.0 if down else 1.0)
            else:
                self._add(stmt, fig, F.PCT_PLAN, period, phrasing=word, base=base.key,
                          offset=100.0 if word == "vượt" else 0.0)
        elif base.kind == "same-period":
            if up or down or growth_rate:
                measure = F.GROWTH_MONTH if self._is_month(state, period) else F.GROWTH
                self._add(stmt, fig, measure, period, phrasing="giảm" if down else "tăng", base=base.key,
                          sign=-1.0 if down else 1.0)
            else:
                measure = F.PCT_PREVIOUS_MONTH if self._is_month(state, period) else F.PCT_PREVIOUS
                self._add(stmt, fig, measure, period, phrasing=word, base=base.key)
        elif base.kind == "prior-period":
            if up or down:
                self._add(stmt, fig, F.GROWTH_PRIOR, period, phrasing="giảm" if down else "tăng", base=base.key,
                          sign=-1.0 if down else 1.0)
        elif base.kind == "none":
            if P.RATIO_WORD.search(before):
                self._add(stmt, fig, F.RATIO_PCT, None, own_entity=True, phrasing="tỷ lệ")
            elif (up or down or growth_rate) and not P.TO_THE_TOTAL.match(after):
                month = self._is_month(state, period)
                measure = F.GROWTH_MONTH if month else F.GROWTH
                # a growth of months to date, a quarter or a year without its base is on the same period
                # last year; a month's may be on the month before, and a pair may follow another's bases
                sure = period is not None and not month and "prior-period" not in self.ctx.base_pattern and \
                    (self.period_sure or period is not self.period)
                stated = self._add(stmt, fig, measure, period, phrasing="giảm" if down else "tăng",
                                   sign=-1.0 if down else 1.0, base="same-period" if sure else None)
                if not sure:
                    stated.doubt(M.NO_BASE)

    def _frame(self, stmt: Statement, fig: Figure, period: Period | None) -> None:
        """"Trong mức tăng 8,4%, khu vực … đóng góp 0,45 điểm phần trăm; …": the growth split by the points that
        follow is the one stated before with this value (the same figure, restated as a frame)."""
        for entity, low, high, said in reversed(self.ctx.growth_said):
            if low <= fig.upper and fig.lower <= high and (said is None or period is None or said == period):
                self.frame = entity
                return
        frame = self._add(stmt, fig, F.GROWTH, period, phrasing="tăng")
        frame.doubt(M.NO_SUBJECT)
        self.frame = frame.entity

    def _times(self, stmt: Statement, fig: Figure, before: str, state: _Clause) -> None:
        """"gấp 2,5 lần so cùng kỳ" is a ratio of 250%; "gấp 24,1 lần dự toán" a ratio to plan."""
        if not P.TIMES_WORD.search(before):
            return
        period = self._pct_period(state)
        base = G.read_base(self.text, fig.unit_end, self._year(period))
        state.cursor = max(state.cursor, base.end)
        if base.kind == "plan":
            self._add(stmt, fig, F.PCT_PLAN, period, phrasing="gấp", base=base.key, factor=100.0)
        elif base.kind == "same-period":
            self._add(stmt, fig, F.PCT_PREVIOUS, period, phrasing="gấp", base=base.key, factor=100.0)

    def _value(self, stmt: Statement, fig: Figure, before: str, lead: G.Lead, state: _Clause) -> None:
        token = state.period_token
        between = self.text[token.end:fig.start] if token is not None else ""
        if token is not None and P.PERIOD_TO_VALUE.match(self._blanked(token.end, fig.start)):
            measure = F.CUMULATIVE if token.period.cumulative else F.MONTH
            estimate = "ước" if re.search(r"\bước\b", between, re.I) else None   # an estimate, not an actual
            state.last_value = self._add(stmt, fig, measure, token.period, phrasing=estimate, explicit=True)
            state.last_count = state.last_value if fig.kind == COUNT else state.last_count
            state.period_token = None
            if state.role in ("main", "component") and stmt.depth == 0:
                self.last_period = token.period
            return
        if P.PLAN_RAISE.search(self._lead_text(state.lead_start, fig.start)):
            self._add(stmt, fig, F.PLAN_INCREASE, None)
            return
        if stmt.plan and fig.kind in (MONEY, COUNT):
            # "Dự toán thu ngân sách … tỉnh giao 500.000 triệu đồng, HĐND huyện giao 550.000 triệu đồng"
            self._add(stmt, fig, F.PLAN, None, base=G.plan_key(stmt.plan, stmt.issuer or ""))
            stmt.issuer = None
            return
        plan = P.PLAN_WORD.search(before)
        if plan and not P.CHANGE_WORD.search(before):
            key = G.plan_key(re.match(r"\w+(?:\s\w+)?", plan.group(0)).group(0), plan.group(0))
            stated = self._add(stmt, fig, F.PLAN, None, base=key)
            named = PLAN_OF.search(plan.group(0))
            if named:
                stated.indicator = named.group(1).strip()    # "giao chỉ tiêu thu ngân sách là …": of "thu ngân sách"
            return
        if P.PREVIOUS_WORD.search(before):
            self._add(stmt, fig, F.PREVIOUS, self._context_period())
            return
        change = P.CHANGE_WORD.search(before)
        if change and not P.CHANGE_TO.search(before) and self._takes_change(stmt, fig):
            base = G.read_base(self.text, fig.unit_end, self._year(self._last_period(stmt)))
            if base.kind not in ("same-period", "none"):
                state.cursor = max(state.cursor, base.end)
                return                   # "tăng 249,9 tỷ đồng so với năm 2015": a change over other years
            sign = -1.0 if change.group(1).lower() == "giảm" else 1.0
            self._add(stmt, fig, F.CHANGE, self._last_period(stmt), phrasing=change.group(1).lower(), sign=sign)
            return
        link = P.PAIR_LINK.match(self.text[state.last_count.figure.unit_end:fig.start]) \
            if state.last_count is not None else None
        if link and fig.kind == MONEY:
            pair = self._add(stmt, fig, F.AMOUNT, self._context_period(), entity=state.last_count.entity)
            pair.indicator = state.last_count.indicator
            return
        if link and "=" in link.group(0):
            state.last_count.linked = True           # "01 buổi = 03 lượt": one thing counted twice
        own = stmt.role == "unnamed" or lead.action or lead.generic or any(
            s.entity == stmt.entity and s.measure in (F.AMOUNT, F.COUNT, F.CUMULATIVE, F.MONTH) for s in stmt.stated)
        if not own and fig.kind == COUNT and (not stmt.subject or not lead.subject) and fig.scale == 1.0 and \
                str(fig.unit).lower() not in P.MEASURE_UNITS:
            own = True                           # "Trong 11 nhóm hàng hóa …": a count names its own things
        measure = F.AMOUNT if fig.kind == MONEY else F.COUNT
        if not own and token is not None and token.start >= stmt.start:
            # "GRDP quý I ước đạt 12.500 tỷ đồng", "tổng mức bán lẻ … trong tháng dự kiến đạt …"
            measure = F.CUMULATIVE if token.period.cumulative else F.MONTH
            state.last_value = self._add(stmt, fig, measure, token.period, explicit=True)
            state.last_count = state.last_value if fig.kind == COUNT else state.last_count
            state.period_token = None
            if state.role in ("main", "component") and stmt.depth == 0:
                self.last_period = token.period
            return
        if own:
            # "trong tháng 5/2022, toàn tỉnh có 82 doanh nghiệp …": the clause's period, else the context's
            period = token.period if token is not None and token.start < fig.start else self._context_period()
            stated = self._add(stmt, fig, measure, period, own_entity=True)
            if fig.kind == COUNT:
                state.cursor = max(state.cursor, self._count_tail_end(fig))
                state.last_count = stated
                state.own_count_end = state.cursor
        else:
            period = self._context_period()
            quantity = fig.kind == MONEY or str(fig.unit).lower() in P.MEASURE_UNITS or fig.scale != 1
            if period is not None and quantity and "/" not in str(fig.unit):
                # an amount or a quantity is the value of the statement's period (of the sentence's "Tính chung 8
                # tháng," or the report's); things counted stay counts ("1377 người = 9.469.065.000đ")
                measure = F.MONTH if self._is_month(state, period) else F.CUMULATIVE
            stated = self._add(stmt, fig, measure, period, explicit=self.adverbial is not None)
            state.last_value = stated
            if fig.kind == COUNT:
                state.last_count = stated

    @staticmethod
    def _takes_change(stmt: Statement, fig: Figure) -> bool:
        """"…, tăng 5,93% (tăng 32,63 ngàn m3)": the change of the statement's value, stated once and in the
        value's unit; the changes beside a list of counts ("12 vụ, làm chết 7 người; so với cùng kỳ giảm 3 vụ,
        giảm 2 người chết") are each their own."""
        own = [s for s in stmt.stated if s.entity == stmt.entity and s.named]
        values = [s for s in own if s.measure in (F.CUMULATIVE, F.MONTH, F.AMOUNT, F.COUNT)]
        return bool(values) and not any(s.measure == F.CHANGE for s in own) and \
            same_unit(values[-1].figure, fig)

    def _ratio(self, stmt: Statement, ratio: Ratio, state: _Clause) -> None:
        entity = self._new_entity("ratio")
        pct = None
        for s in stmt.stated:
            if s.figure.kind == PERCENT and s.figure.unit_end <= ratio.start and \
                    re.fullmatch(r"[^()]{0,60}\(\s*", self.text[s.figure.unit_end:ratio.start]) and self._depth(
                    ratio.start) > s.depth:
                pct = s                                  # "bằng 14,13% kế hoạch (12.450/88.100 triệu đồng)"
        if pct is None and state.last_value is not None and state.last_value.figure.kind == PERCENT:
            pct = None
        if pct is not None:
            pct.entity, pct.measure, pct.named, pct.base = entity, F.RATIO_PCT, False, None
            pct.value, pct.lower, pct.upper = pct.figure.value, pct.figure.lower, pct.figure.upper
        following = [t for t in self.tokens if t.start >= ratio.end and isinstance(t, Figure)][:1]
        for token in following:
            between = self.text[ratio.end:token.start]
            if pct is None and token.kind == PERCENT and RATIO_TO_PERCENT.fullmatch(between) and \
                    not self._new_subject(between):
                pct = self._add(stmt, token, F.RATIO_PCT, None, entity=entity, phrasing="tỷ lệ")
                state.cursor = max(state.cursor, token.unit_end)
        name = self._ratio_name(stmt, state.lead_start, ratio)
        for part, measure in ((ratio.numerator, F.NUMERATOR), (ratio.denominator, F.DENOMINATOR)):
            self._add(stmt, part, measure, None, entity=entity)
        for stated in stmt.stated:
            if stated.entity == entity:
                stated.indicator = name

    @staticmethod
    def _new_subject(between: str) -> bool:
        """"đạt 8.795/8.995 tỷ đồng, tốc độ tăng trưởng đạt 8,58%": a percentage said of something else."""
        if GROWTH_WORDS.search(between):
            return True
        _, comma, tail = between.rpartition(",")
        lead = G.read_lead(tail) if comma else None
        return bool(lead and lead.subject and not G.is_attribute(lead.subject))

    def _compared(self, stmt: Statement, fig: Figure) -> None:
        """"chỉ thấp hơn tốc độ tăng 6,58% của 6 tháng đầu năm 2022": the figure of another period."""
        after = [t for t in self.tokens if isinstance(t, PeriodMention) and 0 <= t.start - fig.unit_end <= 12]
        if after and after[0].period is not None:
            period = after[0].period
        elif P.OF_SAME_PERIOD.match(self.text, fig.unit_end):
            own = self.period
            period = Period(own.start, own.end, own.year - 1, own.cumulative) \
                if own is not None and own.year is not None else None
        else:
            return
        stated = self._add(stmt, fig, F.GROWTH, period, phrasing="tăng", base="same-period")
        stated.doubt(M.COMPARISON)

    # --- groups -------------------------------------------------------------------------------------
    def _group(self, span: tuple[int, int], depth: int, outer: _Clause) -> None:
        start, end = span[0] + 1, span[1] - 1
        if start >= end:
            return
        inner = self.text[start:end]
        anchor = outer.stmt
        first_token = next((t for t in self.tokens if start <= t.start < end and self._depth(t.start) == depth), None)
        if first_token is None:
            return
        lead = G.read_lead(self._lead_text(start, first_token.start))
        if anchor is None and not lead.subject:
            anchor = self._anchor_before(span[0], depth - 1, outer)
        if P.COMPARISON_GROUP.match(inner) and anchor is not None:
            self._comparison_group(start, end, depth, anchor, outer)
            return
        if isinstance(first_token, Figure) and first_token.kind == PERCENT and not lead.subject and \
                P.TARGET_BEFORE_GROUP.search(self.text, max(0, span[0] - 60), span[0] + 1) and \
                re.fullmatch(r"\s{0,3}\)", self.text[first_token.unit_end:span[1]]):
            return          # "vượt so với kế hoạch tỉnh đề ra (5,2%)": the target's rate, not the subject's
        if lead.cue == "partial" or lead.cue == "complete":
            for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
                state = _Clause(cs, role="component")
                self._clause(cs, ce, depth, state)
            return
        if isinstance(first_token, PeriodMention) and not lead.subject and anchor is not None:
            for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
                self._clause(cs, ce, depth, _Clause(cs, stmt=anchor, role="periods",
                                                    last_value=outer.last_value))
            return
        if anchor is not None and not (lead.subject and not lead.action and not lead.generic):
            if isinstance(first_token, Figure) and first_token.kind in (MONEY, COUNT) and not lead.subject:
                if self._group_plan_or_previous(first_token, anchor, outer):
                    return
            before = len(anchor.stated)
            since = anchor.stated[-1].figure.unit_end if anchor.stated else \
                max(outer.cursor, self.text.rfind(",", outer.cursor, span[0]))
            for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
                self._clause(cs, ce, depth, _Clause(cs, stmt=anchor, last_value=outer.last_value,
                                                    period_token=outer.period_token))
            if P.NOT_A_NOUN_PHRASE.search(self.text, since, span[0]):
                # "… giảm chủ yếu do ngành nông nghiệp (chiếm trên 75% …)": the brackets may speak of the
                # thing named last rather than of the subject
                for stated in anchor.stated[before:]:
                    stated.doubt(M.VAGUE_SUBJECT)
            return
        for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
            self._clause(cs, ce, depth, _Clause(cs, role="aside"))

    def _anchor_before(self, pos: int, depth: int, outer: _Clause) -> Statement | None:
        """"thu ngân sách đạt kết quả rất cao (đạt 95,3% kế hoạch, …)": the subject stands before the group,
        up to its first predicate word."""
        text = self._lead_text(outer.cursor, pos, depth)
        discourse = P.DISCOURSE.match(" ".join(text.split()).lstrip(" ,;:-–"))
        words = " ".join(text.split()).lstrip(" ,;:-–")[discourse.end() if discourse else 0:]
        for comma in reversed([i for i, ch in enumerate(words) if ch == ","]):
            if P.PREDICATE_START.search(words[:comma]):
                words = words[comma + 1:]
                break
        verb = P.PREDICATE_START.search(words)
        lead = G.read_lead(words[:verb.start()] if verb else words)
        if not lead.subject or lead.action or lead.generic:
            return None
        outer.stmt = self._new_statement(outer, lead.subject, lead.sure, depth, lead.cue)
        return outer.stmt

    def _group_plan_or_previous(self, fig: Figure, anchor: Statement, outer: _Clause) -> bool:
        """"bằng 63,2% dự toán (74.150 triệu đồng)": the value in brackets is the base of the percentage."""
        last = anchor.stated[-1] if anchor.stated else None
        if last is None or last.measure not in (F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.SHARE) or \
                not re.fullmatch(r"[^()]{0,70}\(\s*", self.text[last.figure.unit_end:fig.start]) or \
                not re.match(r"\s{0,3}\)", self.text[fig.unit_end:]):
            return False            # only a bracket of the figure alone: "(5 mặt hàng …, chiếm 59,8%)" is a clause
        if last.measure == F.PCT_PLAN:
            self._add(anchor, fig, F.PLAN, None, base=last.base)
        elif last.measure == F.SHARE:
            self._add(anchor, fig, F.WHOLE, last.period)     # "chiếm 18,42% lực lượng lao động (79.055 người)"
        elif last.measure in (F.PCT_PREVIOUS, F.GROWTH):
            self._add(anchor, fig, F.PREVIOUS, last.period)
        else:
            return False
        return True

    def _comparison_group(self, start: int, end: int, depth: int, anchor: Statement, outer: _Clause) -> None:
        """"(cùng kỳ năm trước tăng 4,1%)": the same indicator a year earlier; read, never compared with ours."""
        period = self._pct_period(outer)
        shifted = Period(period.start, period.end, period.year - 1, period.cumulative) \
            if period is not None and period.year is not None else None
        before = len(anchor.stated)
        saved = (self.period, self.period_sure)
        for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
            self._clause(cs, ce, depth, _Clause(cs, stmt=anchor, role="comparison"))
        self.period, self.period_sure = saved
        value = next((s for s in anchor.stated[:before] if s.entity == anchor.entity and s.measure in VALUES), None)
        for stated in anchor.stated[before:]:
            if value is not None and stated.measure in VALUES and same_unit(stated.figure, value.figure) and \
                    not any(s.measure == F.PREVIOUS and s.entity == anchor.entity for s in anchor.stated):
                # "(cùng kỳ năm 2023 thực hiện 357.640 triệu đồng)": last year's value of this indicator
                stated.entity, stated.measure, stated.period, stated.named = anchor.entity, F.PREVIOUS, value.period, True
                stated.indicator = anchor.subject
                continue
            stated.period = shifted
            stated.doubt(M.COMPARISON)

    # --- helpers ------------------------------------------------------------------------------------
    def _add(self, stmt: Statement, fig: Figure, measure: str, period: Period | None, *, phrasing=None,
             sign: float = 1.0, offset: float = 0.0, own_entity: bool = False, entity: str | None = None,
             factor: float = 1.0, base: str | None = None, explicit: bool = False) -> Stated:
        named = entity is None and not own_entity
        if entity is None:
            entity = self._new_entity(measure) if own_entity else stmt.entity
        if named and measure in (F.PCT_PLAN, F.PLAN) and self._base_clash(stmt, base):
            entity = f"{stmt.entity}@{base or 'plan'}"     # one actual against several plans: one per base
        scale = sign * factor
        lo, hi = sorted((scale * fig.lower + offset, scale * fig.upper + offset))
        if self._exact(fig) and factor == 1.0:
            lo = hi = sign * fig.value + offset
        stated = Stated(self.block, fig.start, self._depth(fig.start), stmt.index, entity, stmt.subject, measure,
                        fig, period, phrasing, scale * fig.value + offset, lo, hi, quote=self._quote(fig),
                        named=named, base=base, explicit=explicit)
        if own_entity:
            stated.indicator = self._name_of(fig) or stmt.subject
        self._judge_identity(stmt, stated, explicit)
        if self.unsure_owner and fig.kind in (PERCENT, POINTS) or self.owner_shift:
            stated.doubt(M.VAGUE_SUBJECT)      # a rate right after a count of things: the count's or the subject's
        stmt.stated.append(stated)
        if measure == F.GROWTH and named and stated.certain:
            self.ctx.growth_said.append((entity, lo, hi, period))
        if self.frame is not None and measure in (F.CONTRIBUTION, F.CONTRIBUTION_SHARE) and entity != self.frame:
            for s in stmt.stated:
                if s.entity == stmt.entity and s.parent is None:
                    s.parent = self.frame
        stmt.end = max(stmt.end, fig.unit_end)
        return stated

    def _judge_identity(self, stmt: Statement, stated: Stated, explicit: bool) -> None:
        if stated.named and not stmt.subject_sure:
            stated.doubt(M.NO_SUBJECT if not stmt.subject else M.VAGUE_SUBJECT)
        if not explicit and stated.measure not in (F.PLAN, F.NUMERATOR, F.DENOMINATOR, F.RATIO_PCT, F.PLAN_INCREASE):
            if stated.period is None:
                stated.doubt(M.NO_PERIOD)
            elif stated.period is self.period and not self.period_sure:
                stated.doubt(self.period_doubt)
        if self.ctx.forward or self.forward_sentence:
            stated.doubt(M.FORWARD)
        if stmt.role == "aside" and stated.named:
            stated.doubt(M.VAGUE_SUBJECT)

    def _base_clash(self, stmt: Statement, base: str | None) -> bool:
        others = {s.base for s in stmt.stated if s.measure in (F.PCT_PLAN, F.PLAN) and s.entity == stmt.entity}
        return bool(others) and base not in others

    def _resolve_elided_bases(self, stmt: Statement) -> None:
        growth = [s for s in stmt.stated if s.measure in (F.GROWTH, F.GROWTH_MONTH, F.GROWTH_PRIOR)
                  and s.entity == stmt.entity]
        explicit = [s.base for s in growth if s.base]
        if len(growth) >= 2 and len(explicit) == len(growth):
            self.ctx.base_pattern[:] = explicit                 # remembered for the parallel that follows
            return
        elided = [s for s in growth if not s.base]
        if len(growth) >= 2 and len(elided) == len(growth) and len(self.ctx.base_pattern) == len(growth):
            for stated, key in zip(growth, self.ctx.base_pattern):
                stated.base = key
                stated.doubts.remove(M.NO_BASE)
                if key == "prior-period":
                    stated.measure = F.GROWTH_PRIOR
        elif len(elided) == 1 and len(growth) == 2 and explicit == ["same-period"]:
            # "tăng 6,42% so với cùng kỳ, … tăng 3,9%": a second growth of one subject is of another kind
            elided[0].doubt(M.NO_BASE)
        for stated in growth:
            if stated.base is None and M.NO_BASE in stated.doubts:
                stated.base = "same-period?"

    def _pct_period(self, state: _Clause) -> Period | None:
        """What a percentage speaks of: the last value stated, or a period named after it with no value
        ("IIP tháng 9 tăng 8,9% so với cùng kỳ" is the month's growth)."""
        token, last = state.period_token, state.last_value
        if token is not None and (last is None or last.offset < token.start):
            return token.period
        if last is not None and last.period is not None:
            return last.period
        return self._context_period()

    def _is_month(self, state: _Clause, period: Period | None) -> bool:
        return period is not None and not period.cumulative and period.start == period.end

    def _context_period(self) -> Period | None:
        return self.period

    def _last_period(self, stmt: Statement) -> Period | None:
        for s in reversed(stmt.stated):
            if s.measure in (F.MONTH, F.CUMULATIVE, F.AMOUNT, F.COUNT):
                return s.period
        return self._context_period()

    @staticmethod
    def _year(period: Period | None) -> int | None:
        return period.year if period is not None else None

    def _exact(self, fig: Figure) -> bool:
        """Counts of things and amounts in whole đồng are exact, not rounded ("21 tập thể", "40.000.000 đồng"),
        unless the words around say they are approximate ("khoảng 1.200 người")."""
        if fig.hedge or fig.decimals != 0 or not (fig.kind == COUNT and fig.scale == 1.0 or
                                                  fig.kind == MONEY and fig.scale == 1.0):
            return False
        return not P.APPROXIMATE.search(self.text[max(0, fig.start - 12):fig.start])

    def _new_entity(self, what: str) -> str:
        self._sub += 1
        return f"{self.place}.{self.sentence + 1}#{self._sub}:{what}"

    def _name_of(self, fig: Figure) -> str:
        """A figure's own name: for a count its unit and the words after it ("hồ sơ cấp GCN lần đầu"), for an
        amount the words before it ("vốn ngân sách 30.700 triệu đồng")."""
        if fig.kind == MONEY:
            head = re.split(r"[,;:()=.+]|\bgồm\b|\btrong đó\b", self.text[max(0, fig.start - 80):fig.start])[-1]
            words = [w for w in head.split() if not P.HEDGE.search(w + " ")][-6:]
            if words:
                return " ".join(words)
        tail = " ".join(self.text[fig.unit_end:self._noun_tail_end(fig.unit_end)].split()[:9]).rstrip(" ,")
        return f"{fig.unit or ''}{'' if tail.startswith(',') else ' '}{tail}".strip()

    def _name_after(self, pos: int) -> str:
        return " ".join(self.text[pos:self._noun_tail_end(pos)].split()[:9]).strip(" ,")

    def _noun_tail_end(self, pos: int) -> int:
        """Where the noun phrase after a count or a ratio ends: at a figure, a verb or a bracket; across a comma
        only when what follows it names more of the same ("21 tập thể, cá nhân tiêu biểu (trong đó …)"), not a
        figure of its own ("66 biển quảng cáo các loại, 20 dụng cụ …")."""
        end = NOUN_TAIL.match(self.text, pos).end()
        while end < len(self.text) and self.text[end] == ",":
            stop = NOUN_TAIL.match(self.text, end + 1).end()
            words = self.text[end + 1:stop].strip()
            if not words or (stop < len(self.text) and self.text[stop] not in "(;.") or \
                    any(c.isdigit() for c in self.text[end + 1:min(len(self.text), stop + 1)]):
                break
            end = stop
        return end

    def _count_tail_end(self, fig: Figure) -> int:
        return self._noun_tail_end(fig.unit_end)

    def _ratio_name(self, stmt: Statement, lead_start: int, ratio: Ratio) -> str:
        """A ratio's indicator: the statement's subject, else what was done, to whom ("Đã vận động mở lối thoát
        nạn thứ 2 cho 27.690/27.731 hộ dân" -> "mở lối thoát nạn thứ 2 (hộ dân)"), never the verb alone."""
        if stmt.subject and stmt.subject_sure:
            return stmt.subject
        unit = str(ratio.unit or "").strip()
        after = self._name_after(ratio.end)
        if after:
            return f"{unit} {after}".strip()
        done = G.action_object(re.sub(r"\([^()]*\)", " ", self.text[lead_start:ratio.start]))
        return f"{done} ({unit})" if done and unit else done or unit or stmt.subject

    def _quote(self, fig: Figure) -> str:
        start = max(0, fig.start - 70)
        end = min(len(self.text), fig.unit_end + 50)
        return self.text[start:end].strip()

    def _depth(self, offset: int) -> int:
        return self.depths[min(offset, len(self.depths) - 1)]

    # --- lead text ------------------------------------------------------------------------------------
    def _blank_mask(self) -> list[tuple[int, int]]:
        """Spans a lead does not read: period phrases, dates, codes and other masked numbers."""
        spans = [(p.start, p.end) for p in self.scan.periods]
        spans += [(e.start, e.end) for e in self.scan.excluded]
        return sorted(spans)

    def _blanked(self, start: int, end: int) -> str:
        chars = list(self.text[start:end])
        for s, e in self._blank:
            if e <= start or s >= end:
                continue
            for i in range(max(s, start), min(e, end)):
                chars[i - start] = " "
        return "".join(chars)

    def _lead_text(self, start: int, end: int, depth: int | None = None) -> str:
        """The words in [start, end) at the bracket depth of `end`, without groups and masked spans."""
        if start >= end:
            return ""
        depth = self._depth(end) if depth is None else depth
        text = self._blanked(start, end)
        if depth == 0 and "(" not in text and ")" not in text:
            return text
        return "".join(ch if self.depths[start + i] == depth and ch not in "()" else " "
                       for i, ch in enumerate(text))


def statements_of(block_index: int, text: str, scan: Scan, ctx: BlockContext, place: str) -> list[Statement]:
    return BlockReader(block_index, text, scan, ctx, place).read()


def with_period(stated: Stated, period: Period | None) -> Stated:
    return replace(stated, period=period)
