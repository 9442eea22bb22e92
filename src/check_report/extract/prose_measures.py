"""The measure of each figure of a clause: a percentage against its base, a value and its period, a ratio
and its percentage, "gấp N lần", a figure compared with another period's."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace

from check_report import facts as F
from check_report.extract import prose_grammar as G
from check_report.extract import prose_model as M
from check_report.extract import prose_patterns as P
from check_report.extract.prose_clause import (BRACKET_CLOSES, CONTEXT, GROWTH_WORDS, PLAN_OF, RATIO_TO_BRACKETED,
                                               RATIO_TO_PERCENT, VALUES, ClauseState, ReaderCore, same_unit)
from check_report.extract.prose_model import Statement
from check_report.extract.prose_periods import Period, PeriodMention
from check_report.extract.prose_scan import COUNT, MONEY, PERCENT, Figure, Ratio


# a rate with its base, then the bracket a change stands in: "giảm 0,81% so tháng trước (giảm 633 tấn)"
RATE_THEN_BRACKET = re.compile(r"%\s{0,3}(so\s{1,3}[^()%;.]{1,50}?)\s{0,3}\(\s{0,3}(?:tăng|giảm)?\s{0,3}[-+−]?\s{0,2}$",
                               re.IGNORECASE)


class MeasureReader(ReaderCore):
    """A figure's measure, read from the words around it; mixed into `BlockReader`."""

    def _two_owners_before(self, fig: Figure) -> bool:
        """The last two statements of the sentence before `fig` are of two things, each with a value."""
        before = [st for st in self.statements if st.sentence == self.sentence and st.start < fig.start and
                  any(s.measure in VALUES for s in st.stated)]
        return len(before) >= 2 and before[-1].entity != before[-2].entity

    def _percent(self, stmt: Statement, fig: Figure, before: str, lead: G.Lead, state: ClauseState) -> None:
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
        if (up or down) and not lead.subject and stmt.stated and stmt.stated[-1].measure == F.SHARE and \
                stmt.stated[-1].entity == stmt.entity:
            return                        # "chiếm 17,36%, giảm 1,19%": how the share moved, in points
        if (up or down) and not lead.subject and stmt.stated and stmt.stated[-1].measure == F.RATIO_PCT:
            return                        # "đạt tỷ lệ 83,99%, tăng 0,56% so với năm 2020": how the rate moved
        if (up or down) and P.RATE_SUBJECT.match(stmt.subject or "") and not P.GROWTH_RATE_SUBJECT.match(stmt.subject):
            return                        # "tỷ lệ hộ nghèo giảm 1,82%": a rate moves by points, it has no growth
        if P.AVERAGE_RATE_BEFORE.search(before) or P.AVERAGE_RATE_AFTER.match(self.text, fig.unit_end):
            return                        # an average over years or a revision: not the period's own growth
        if growth_rate and (up or down) and any(s.entity == stmt.entity and s.measure in (F.GROWTH, F.GROWTH_MONTH)
                                                for s in stmt.stated):
            return                        # "Tốc độ tăng … đạt 11,01%, tăng 0,26% so với năm 2022": the rate's change
        if not lead.subject and P.RATE_PAIR_AFTER.match(self.text, fig.unit_end) and self._two_owners_before(fig):
            # "128 doanh nghiệp tạm ngừng hoạt động và 31 doanh nghiệp giải thể; tăng 15,3% và bằng 83,7% so với
            # cùng kỳ": two figures, then two rates without a subject: each the rate of one, in order
            state.respective = fig.unit_end
            return
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
                    (self.period_sure or period is not self.period) and \
                    not P.OTHER_BASE_SAID.search(self.text, stmt.start, fig.start)
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

    def _times(self, stmt: Statement, fig: Figure, before: str, state: ClauseState) -> None:
        """"gấp 2,5 lần so cùng kỳ" is a ratio of 250%; "gấp 24,1 lần dự toán" a ratio to plan."""
        if not P.TIMES_WORD.search(before):
            return
        period = self._pct_period(state)
        base = G.read_base(self.text, fig.unit_end, self._year(period))
        state.cursor = max(state.cursor, base.end)
        if base.kind == "plan":
            self._add(stmt, fig, F.PCT_PLAN, period, phrasing="gấp", base=base.key, factor=100.0)
        elif base.kind == "same-period":
            # "trong tháng 8 tăng gấp gần 3 lần so với cùng kỳ": the month's ratio, beside the 8 months' growth
            measure = F.PCT_PREVIOUS_MONTH if self._is_month(state, period) else F.PCT_PREVIOUS
            self._add(stmt, fig, measure, period, phrasing="gấp", base=base.key, factor=100.0)

    def _value(self, stmt: Statement, fig: Figure, before: str, lead: G.Lead, state: ClauseState) -> None:
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
        if P.DIFFERENCE_WORD.search(before):
            return           # "vượt 2.515 tỷ đồng dự toán": a difference from another figure, left unread
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
        if change and not P.CHANGE_TO.search(before):
            if not self._takes_change(stmt, fig):
                # "5.360/8.233 xã …, tăng 17 xã so với tháng 9/2021", "giảm 74 người bị thương (giảm 10,26%)",
                # "số tiền thu sau xử lý tăng 26,5 tỷ đồng, bằng …%": a change with no value of its own beside
                # it, never the count or amount of the period
                return
            base = G.read_base(self.text, fig.unit_end, self._year(self._last_period(stmt)))
            rate_base = RATE_THEN_BRACKET.search(self.text, max(0, fig.start - 90), fig.start)
            if rate_base and not P.SAME_PERIOD_BASE.match(rate_base.group(1)):
                return    # "giảm 0,81% so tháng trước (giảm 633 tấn)": the change over that other period
            if base.kind not in ("same-period", "none"):
                state.cursor = max(state.cursor, base.end)
                return                   # "tăng 249,9 tỷ đồng so với năm 2015": a change over other years
            sign = -1.0 if change.group(1).lower() == "giảm" else 1.0
            self._add(stmt, fig, F.CHANGE, self._last_period(stmt), phrasing=change.group(1).lower(), sign=sign)
            return
        link = P.PAIR_LINK.match(self.text[state.last_count.figure.unit_end:fig.start]) \
            if state.last_count is not None else None
        if link and fig.kind == MONEY:
            # "trong tháng 4/2019 đạt gần 35,7 nghìn tấn, trị giá 271,18 triệu USD": the value of that quantity,
            # of its period
            count = state.last_count
            pair = self._add(stmt, fig, F.AMOUNT, count.period or self._context_period(), entity=count.entity,
                             explicit=count.explicit)
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
            stated = self._add(stmt, fig, measure, period, explicit=self.adverbial is not None and self.period_sure)
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

    def _ratio(self, stmt: Statement, ratio: Ratio, state: ClauseState) -> None:
        entity = self._new_entity("ratio")
        pct = None
        for s in stmt.stated:
            if s.figure.kind == PERCENT and s.figure.unit_end <= ratio.start and \
                    s.measure not in (F.GROWTH, F.GROWTH_MONTH, F.GROWTH_PRIOR) and \
                    re.fullmatch(r"[^()%]{0,60}\(\s*", self.text[s.figure.unit_end:ratio.start]) and self._depth(
                    ratio.start) > s.depth and re.match(r"[^()]{0,20}\)", self.text[ratio.end:]):
                # "bằng 14,13% kế hoạch (12.450/88.100 triệu đồng)"; not "tăng 41% … (12/17 khoản thu đạt dự
                # toán)", a count of things said beside a growth
                pct = s
        if pct is None and state.last_value is not None and state.last_value.figure.kind == PERCENT:
            pct = None
        if pct is not None:
            pct.entity, pct.measure, pct.named, pct.base = entity, F.RATIO_PCT, False, None
            pct.value, pct.lower, pct.upper = pct.figure.value, pct.figure.lower, pct.figure.upper
        first = bisect.bisect_left(self.token_starts, ratio.end)
        following = next(([t] for t in itertools.islice(self.tokens, first, None) if isinstance(t, Figure)), [])
        for token in following:
            between = self.text[ratio.end:token.start]
            if pct is None and token.kind == PERCENT and (RATIO_TO_PERCENT.fullmatch(between) or (
                    RATIO_TO_BRACKETED.fullmatch(between) and BRACKET_CLOSES.match(self.text, token.unit_end))) and \
                    not self._new_subject(between) and not P.PERCENT_OF_OTHER.match(self.text, token.unit_end):
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
        after = [t for t in self._tokens_in(fig.unit_end, fig.unit_end + 13) if isinstance(t, PeriodMention)]
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
