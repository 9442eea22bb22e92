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
from dataclasses import replace

from check_report import facts as F
from check_report.extract import prose_grammar as G
from check_report.extract import prose_model as M
from check_report.extract import prose_patterns as P
from check_report.extract.prose_clause import (ABBREVIATION_AFTER, ADVERBIAL_TAIL, ADVERBIAL_WORDS, ATTRIBUTION,
                                               CONTEXT, THRESHOLD_HEDGES, ClauseState, BlockContext, slug)
from check_report.extract.prose_groups import GroupReader
from check_report.extract.prose_measures import MeasureReader
from check_report.extract.prose_model import Stated, Statement
from check_report.extract.prose_periods import Period, PeriodMention
from check_report.extract.prose_scan import COUNT, PERCENT, PLAIN, POINTS, Figure, Ratio, Scan


class BlockReader(MeasureReader, GroupReader):
    """Turns one block's scan into statements of Stated facts."""

    def __init__(self, block_index: int, text: str, scan: Scan, ctx: BlockContext, place: str):
        self.block, self.text, self.scan, self.ctx, self.place = block_index, text, scan, ctx, place
        self.depths = G.bracket_depths(text) or [0]
        self.statements: list[Statement] = []
        self.period, self.period_sure, self.period_doubt = ctx.default, ctx.default_sure, ctx.default_doubt
        self.last_period: Period | None = None       # the last period the block named itself
        self.tokens = sorted(scan.figures + scan.ratios + scan.periods, key=lambda t: t.start)
        self.token_starts = [t.start for t in self.tokens]
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
        self._doubt_before_named_period()
        return self.statements

    def _doubt_before_named_period(self) -> None:
        """"… trồng được 20,4 nghìn ha rừng. Lũy kế 11 tháng, … 220,7 nghìn ha": a sentence without period
        words before one that names the period to date is likely the month, not that period."""
        named = [(st.sentence, s.period) for st in self.statements for s in st.stated
                 if s.explicit and s.period is not None and s.period.cumulative and s.period.start != s.period.end]
        for st in self.statements:
            for s in st.stated:
                if not s.explicit and s.period is not None and \
                        any(period == s.period and sentence > st.sentence for sentence, period in named):
                    s.doubt(M.NO_PERIOD)

    def _sentence(self, start: int, end: int) -> None:
        self.sentence_start = start
        self.owner_shift = False
        # "Phấn đấu … đạt khoảng 7.765,9 tỷ đồng. … thu ngân sách đạt 42 tỷ đồng": once a sentence has stated a
        # target's figures, the block's figures after it are targets too
        self.forward_sentence = bool(P.FORWARD_WORDS.search(self.text, start, end)) or (
            self.forward_sentence and any(st.sentence == self.sentence - 1 and st.stated for st in self.statements))
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
            named = self.last_period
            self._clause(begin, ce, 0, ClauseState(begin))
            if self.last_period is not None and self.last_period is not named and self.period is not None and \
                    _other_months(self.last_period, self.period):
                # "Ước tính trong tháng Sáu, …; sản lượng thịt trâu 6 tháng đạt 49 nghìn tấn …; sản lượng thịt bò
                # đạt 187,5 nghìn tấn", "(a 9-month report) Tổng số khách … trong năm 2017 đạt 13 triệu lượt; khách
                # nội địa đạt 68 triệu lượt": after a clause naming other months of the year, the period the
                # sentence or the report opened with no longer holds for sure (a year before is a comparison)
                self.period_sure, self.period_doubt = False, M.NO_PERIOD
        if self.last_period is None:
            self._setting(start, end)
        if self.last_period is not None:
            # the period the sentence named holds for the sentences after it, until another is named
            self.period, self.period_sure = self.last_period, True

    def _setting(self, start: int, end: int) -> None:
        """"Nhờ …, trong năm 2018, tình hình kinh tế - xã hội của huyện có nhiều chuyển biến tích cực. Có
        13/14 chỉ tiêu …": a sentence without figures that names one period sets it for the sentences after."""
        tokens = self._tokens_in(start, end, 0)
        periods = [t for t in tokens if isinstance(t, PeriodMention)]
        if len(periods) == len(tokens) == 1 and periods[0].period is not None and \
                periods[0].period.year is not None and \
                not P.COMPARED_PERIOD.search(self.text, max(start, periods[0].start - 60), periods[0].start) and \
                not P.FORWARD_WORDS.search(self.text, start, end):
            self.last_period = periods[0].period

    def _adverbial(self, start: int, end: int) -> PeriodMention | None:
        """A period phrase that opens the sentence and holds for it: "Tính chung 9 tháng, …", "Ước tháng 8,"."""
        mentions = self._tokens_in(start, end, 0)
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

    def _clause(self, start: int, end: int, depth: int, state: ClauseState) -> None:
        tokens = self._tokens_in(start, end, depth)
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
    def _token(self, token, state: ClauseState, depth: int) -> None:
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
            word = P.CONTRIBUTION_WORD.search(before)
            if word:        # "làm giảm 0,06 điểm phần trăm": a contribution below zero
                sign = -1.0 if "giảm" in word.group(0).lower() else 1.0
                self._add(stmt, token, F.CONTRIBUTION, self._pct_period(state), phrasing="đóng góp", sign=sign)
        elif token.kind == PLAIN:
            state.after_plain = token.unit_end       # the words after it may be its own noun, not a subject
            return
        elif token.unit == "lần":
            self._times(stmt, token, before, state)
        else:
            self._value(stmt, token, before, lead, state)

    @staticmethod
    def _owner_shift(state: ClauseState) -> bool:
        stmt, token, last = state.stmt, state.period_token, state.last_value
        return stmt is not None and stmt.cue is not None and token is not None and token.start >= state.cursor \
            and last is not None

    def _statement_for(self, state: ClauseState, lead: G.Lead, token, depth: int) -> Statement:
        stmt = self._statement_of(state, lead, token, depth)
        if lead.plan or (lead.cue and self._plan_before(stmt)):
            stmt.plan = lead.plan or self._plan_before(stmt)   # components of a plan are plans too
        if lead.issuer:
            stmt.issuer = lead.issuer
        return stmt

    def _owner(self, state: ClauseState) -> str | None:
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

    def _statement_of(self, state: ClauseState, lead: G.Lead, token, depth: int) -> Statement:
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

    def _new_statement(self, state: ClauseState, subject: str, sure: bool, depth: int, cue: str | None) -> Statement:
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

def statements_of(block_index: int, text: str, scan: Scan, ctx: BlockContext, place: str) -> list[Statement]:
    return BlockReader(block_index, text, scan, ctx, place).read()


def with_period(stated: Stated, period: Period | None) -> Stated:
    return replace(stated, period=period)


def _other_months(a: Period, b: Period) -> bool:
    """Other months of the same year (a year left unsaid is the same)."""
    return (a.start, a.end, a.cumulative, a.day) != (b.start, b.end, b.cumulative, b.day) and \
        (a.year is None or b.year is None or a.year == b.year)
