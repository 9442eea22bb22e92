"""Bracketed groups, read on their own and attached to the figure before them: "(cùng kỳ năm trước tăng
4,1%)" speaks of last year, "(trong đó …)" lists components, "(74.150 triệu đồng)" after "dự toán" is the
plan, "(đạt 104,11% dự toán tỉnh giao; …)" continues the statement."""

from __future__ import annotations

import re

from check_report import facts as F
from check_report.extract import prose_grammar as G
from check_report.extract import prose_model as M
from check_report.extract import prose_patterns as P
from check_report.extract.prose_clause import VALUES, same_unit, ClauseState, ReaderCore
from check_report.extract.prose_model import Statement
from check_report.extract.prose_periods import Period, PeriodMention
from check_report.extract.prose_scan import COUNT, MONEY, PERCENT, Figure

# "(-1,94 tạ/ha)", "(+154 ha)": nothing but a sign before the figure
SIGN_ONLY = re.compile(r"\s{0,3}([+\-−])\s{0,2}")


# words between a rate and a bracket that name another thing the bracket's figure is of
OTHER_THING = re.compile(r"[–—]|\s-\s|\b(?:chủ yếu|từ|tại|sang|nhất là|đặc biệt|như)\b", re.IGNORECASE)


class GroupReader(ReaderCore):
    """Bracketed groups; mixed into `BlockReader`."""

    def _group(self, span: tuple[int, int], depth: int, outer: ClauseState) -> None:
        start, end = span[0] + 1, span[1] - 1
        if start >= end:
            return
        inner = self.text[start:end]
        anchor = outer.stmt
        first_token = next(iter(self._tokens_in(start, end, depth)), None)
        if first_token is None:
            return
        lead = G.read_lead(self._lead_text(start, first_token.start))
        if anchor is None and not lead.subject:
            anchor = self._anchor_before(span[0], depth - 1, outer)
        if isinstance(first_token, Figure) and anchor is not None and P.PREVIOUS_GROUP.match(inner) and \
                self._previous_of_last(first_token, anchor):
            return
        if P.COMPARISON_GROUP.match(inner) and anchor is not None:
            self._comparison_group(start, end, depth, anchor, outer)
            return
        if isinstance(first_token, Figure) and anchor is not None and self._signed_change(first_token, anchor, start, end):
            return
        if isinstance(first_token, Figure) and first_token.kind == PERCENT and P.PLAN_OPENING.match(inner):
            return          # "tăng 9,65% (KH cả năm 8,3%)": the plan's rate, not a second growth
        if isinstance(first_token, Figure) and first_token.kind == PERCENT and anchor is not None and \
                anchor.stated and anchor.stated[-1].measure == F.SHARE and not lead.subject:
            return          # "chiếm 26,38% (-0,99% so với năm 2022)": how the share moved, in points
        if isinstance(first_token, Figure) and first_token.kind == PERCENT and not lead.subject and \
                P.TARGET_BEFORE_GROUP.search(self.text, max(0, span[0] - 60), span[0] + 1) and \
                re.fullmatch(r"\s{0,3}\)", self.text[first_token.unit_end:span[1]]):
            return          # "vượt so với kế hoạch tỉnh đề ra (5,2%)": the target's rate, not the subject's
        if lead.cue == "partial" or lead.cue == "complete":
            for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
                state = ClauseState(cs, role="component")
                self._clause(cs, ce, depth, state)
            return
        if isinstance(first_token, PeriodMention) and not lead.subject and anchor is not None:
            for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
                self._clause(cs, ce, depth, ClauseState(cs, stmt=anchor, role="periods",
                                                    last_value=outer.last_value))
            return
        if anchor is not None and not (lead.subject and not lead.action and not lead.generic):
            if isinstance(first_token, Figure) and first_token.kind in (MONEY, COUNT) and not lead.subject:
                if self._group_plan_or_previous(first_token, anchor, outer):
                    return
                if P.COMPARED_BEFORE_GROUP.search(self.text, max(0, span[0] - 50), span[0] + 1) and \
                        re.fullmatch(r"\s{0,3}\)", self.text[first_token.unit_end:span[1]]):
                    return      # "tăng 46,6% so với năm 2015 (21.588.970 triệu đồng)": the other year's figure
            before = len(anchor.stated)
            since = anchor.stated[-1].figure.unit_end if anchor.stated else \
                max(outer.cursor, self.text.rfind(",", outer.cursor, span[0]))
            for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
                self._clause(cs, ce, depth, ClauseState(cs, stmt=anchor, last_value=outer.last_value,
                                                    period_token=outer.period_token))
            if self._named_just_before(span[0], anchor):
                # "nhập từ Hàn Quốc (15,9 tỷ USD) và Trung Quốc (7,1 tỷ USD)": of the name the bracket follows
                for stated in anchor.stated[before:]:
                    stated.doubt(M.VAGUE_SUBJECT)
            elif P.NOT_A_NOUN_PHRASE.search(self.text, since, span[0]):
                # "… giảm chủ yếu do ngành nông nghiệp (chiếm trên 75% …)": the brackets may speak of the
                # thing named last rather than of the subject
                for stated in anchor.stated[before:]:
                    stated.doubt(M.VAGUE_SUBJECT)
            return
        for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
            self._clause(cs, ce, depth, ClauseState(cs, role="aside"))

    def _signed_change(self, fig: Figure, anchor: Statement, start: int, end: int) -> bool:
        """"ngô đạt 58,79 tạ/ha, giảm 3,19% (-1,94 tạ/ha)": a signed figure alone in brackets right after a
        growth is the change it amounts to, in the value's unit; never a count of its own."""
        sign = SIGN_ONLY.fullmatch(self.text, start, fig.start)
        if sign is None or fig.kind not in (MONEY, COUNT) or self.text[fig.unit_end:end].strip() or \
                not anchor.stated or anchor.stated[-1].measure != F.GROWTH or \
                not self._takes_change(anchor, fig):
            return False
        growth = anchor.stated[-1]
        self._add(anchor, fig, F.CHANGE, growth.period, phrasing=sign.group(1),
                  sign=-1.0 if sign.group(1) in "-−" else 1.0)
        return True

    def _named_just_before(self, pos: int, anchor: Statement) -> bool:
        """A proper name (capitalised words) stands right before the bracket, and it is not the subject's."""
        words = self.text[max(0, pos - 40):pos].split()[-3:]
        named = []
        for word in reversed(words):
            if not word[:1].isupper() or not word.strip(",.;:").isalpha():
                break
            named.insert(0, word)
        return bool(named) and " ".join(named).lower() not in (anchor.subject or "").lower()

    def _anchor_before(self, pos: int, depth: int, outer: ClauseState) -> Statement | None:
        """"thu ngân sách đạt kết quả rất cao (đạt 62,4% kế hoạch, …)": the subject stands before the group,
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

    def _group_plan_or_previous(self, fig: Figure, anchor: Statement, outer: ClauseState) -> bool:
        """"bằng 63,2% dự toán (74.150 triệu đồng)": the value in brackets is the base of the percentage."""
        last = anchor.stated[-1] if anchor.stated else None
        between = self.text[last.figure.unit_end:fig.start] if last is not None else ""
        worded = re.search(r"\(\s{0,3}(tăng|giảm)\s{1,3}$", between, re.IGNORECASE)
        if worded and last is not None and last.measure in (F.PCT_PREVIOUS, F.GROWTH):
            # "tăng 2,81% so với cùng kỳ (tăng 13.165 tấn)": the change, said as one; kept when it goes the
            # rate's way and the rate is against the same period (the change of another period is not ours)
            growth = last.value - 100.0 if last.measure == F.PCT_PREVIOUS else last.value
            if last.base == "same-period" and (growth < 0) == (worded.group(1).lower() == "giảm") and \
                    re.fullmatch(r"[^()]{0,70}", between[:worded.start()]) and not OTHER_THING.search(between) and \
                    re.match(r"\s{0,3}\)", self.text[fig.unit_end:]):
                self._change_in_brackets(fig, anchor, last, said=True)
            return True
        if last is None or last.measure not in (F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.SHARE) or \
                not re.fullmatch(r"[^()]{0,70}\(\s*", between) or OTHER_THING.search(between) or \
                not re.match(r"\s{0,3}\)", self.text[fig.unit_end:]):
            # only a bracket of the figure alone: "(5 mặt hàng …, chiếm 59,8%)" is a clause; "tăng hơn 13% – chủ
            # yếu được nhập từ Hàn Quốc (15,9 tỷ USD)" is the figure of what was named in between
            return False
        if last.measure == F.PCT_PLAN:
            self._add(anchor, fig, F.PLAN, None, base=last.base)
        elif last.measure == F.SHARE:
            self._add(anchor, fig, F.WHOLE, last.period)     # "chiếm 18,42% lực lượng lao động (79.055 người)"
        elif last.measure in (F.PCT_PREVIOUS, F.GROWTH):
            if self._change_in_brackets(fig, anchor, last):
                return True
            self._add(anchor, fig, F.PREVIOUS, last.period)
        else:
            return False
        return True

    def _change_in_brackets(self, fig: Figure, anchor: Statement, rate, said: bool = False) -> bool:
        """"383.538 tấn, giảm 0,04% (151 tấn)", "tăng 3,19% (+654ha)": the size of the change, not last year's
        level: signed (`said`: "(tăng 13.165 tấn)"), or too small beside the figure for a year's earlier value
        under a rate below 50%."""
        value = next((s for s in reversed(anchor.stated) if s.measure in VALUES and s.entity == rate.entity and
                      same_unit(s.figure, fig)), None)
        growth = rate.value - 100.0 if rate.measure == F.PCT_PREVIOUS else rate.value
        signed = said or re.search(r"[-+−]\s{0,2}$", self.text[max(0, fig.start - 3):fig.start]) is not None
        small = value is not None and abs(growth) < 50 and fig.value * fig.scale < 0.5 * value.figure.value * \
            value.figure.scale
        if not (signed or small):
            return False
        if value is not None and abs(growth) > 0:
            sign = -1.0 if growth < 0 else 1.0      # "giảm 0,04%" is stated below zero already
            self._add(anchor, fig, F.CHANGE, value.period, phrasing="giảm" if sign < 0 else "tăng", sign=sign)
        return True

    def _previous_of_last(self, fig: Figure, anchor: Statement) -> bool:
        """"nhóm công ty cổ phần 1.071 tỉ đồng (so với 79 tỉ đồng cùng kỳ năm trước)": last year's value of the
        figure the bracket follows."""
        value = anchor.stated[-1] if anchor.stated else None
        if value is None or value.measure not in VALUES or not same_unit(value.figure, fig) or \
                any(s.measure == F.PREVIOUS and s.entity == value.entity for s in anchor.stated):
            return False
        self._add(anchor, fig, F.PREVIOUS, value.period)
        return True

    def _comparison_group(self, start: int, end: int, depth: int, anchor: Statement, outer: ClauseState) -> None:
        """"(cùng kỳ năm trước tăng 4,1%)": the same indicator a year earlier; read, never compared with ours."""
        period = self._pct_period(outer)
        shifted = Period(period.start, period.end, period.year - 1, period.cumulative) \
            if period is not None and period.year is not None else None
        before = len(anchor.stated)
        saved = (self.period, self.period_sure)
        for cs, ce in G.clause_spans(self.text, self.depths, start, end, depth):
            self._clause(cs, ce, depth, ClauseState(cs, stmt=anchor, role="comparison"))
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
