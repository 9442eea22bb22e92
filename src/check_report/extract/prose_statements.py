"""Indicator statements: a subject followed by its figures, each figure given a measure by its words.

    Tổng mức bán lẻ hàng hóa: tháng 03 ước thực hiện 1.138.000 triệu đồng, 3 tháng ước thực hiện
    3.581.134 triệu đồng, đạt 23,35% kế hoạch, tăng 23,4% so cùng kỳ.

gives month (2024-03), cumulative (2024-01..2024-03), pct_plan and growth of one entity. A statement is a
clause ending at `;` or a sentence end (outside brackets). Plain counts and amounts ("tạm giữ 66 biển") are
facts of their own entity; a count and its amount side by side ("900 suất = 450.000.000 đồng") share one.
Percentages bind to the period of the last value stated before them, else to the report's period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from check_report import facts as F
from check_report.extract import prose_patterns as P
from check_report.extract.prose_periods import Period
from check_report.extract.prose_scan import COUNT, MONEY, PERCENT, PLAIN, POINTS, Figure, Ratio, Scan

# measures that describe the statement's subject (one entity per statement)
SUBJECT_MEASURES = frozenset({F.MONTH, F.CUMULATIVE, F.PLAN, F.PREVIOUS, F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH,
                              F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH, F.CHANGE, F.SHARE, F.CONTRIBUTION})
# look this far around a figure for the words that give it meaning
CONTEXT = 48


@dataclass
class Stated:
    """One fact as read, before it becomes a fact-table row (keeps offsets for breakdowns and coverage)."""
    block: int
    offset: int
    depth: int                   # bracket depth at the figure
    segment: int
    entity: str
    indicator: str
    measure: str
    figure: Figure
    period: Period | None = None
    phrasing: str | None = None
    value: float | None = None   # when the stated number is not the value (vượt p% -> 100 + p; giảm -> -p)
    lower: float | None = None
    upper: float | None = None
    parent: str | None = None
    complete: bool = False
    quote: str = ""
    linked: bool = False          # the left side of "N x = M y" (the same thing counted twice)
    named: bool = False           # a fact of a statement with a subject (not a bare count, not a ratio)


@dataclass(frozen=True)
class _PeriodOnly:
    """A period phrase standing in for a value that is not stated (what a percentage then refers to)."""
    measure: str
    period: Period
    offset: int


@dataclass
class Segment:
    index: int
    start: int
    end: int
    subject: str
    entity: str
    stated: list[Stated] = field(default_factory=list)


def bracket_depths(text: str) -> list[int]:
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


def split_segments(text: str, depths: list[int]) -> list[tuple[int, int]]:
    """Clause spans ending at ';', a sentence end or a breakdown word ("gồm:", "trong đó:"), outside brackets:
    the components after "gồm:" are statements of their own."""
    cuts = [(m.start(), m.end()) for m in P.SENTENCE_END.finditer(text)]
    cuts += [(m.end(), m.end()) for pattern in (P.PARTIAL, P.COMPLETE) for m in pattern.finditer(text)]
    spans, start = [], 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start < len(depths) and depths[cut_start] == 0 and cut_start > start:
            spans.append((start, cut_start))
            start = cut_end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def subject_of(text: str) -> str:
    """The indicator named before the first figure or period of a statement: the words after a label's colon
    ("Đánh giá chung: thu ngân sách đạt"), else the label itself ("Phí, lệ phí: tháng 03 ...")."""
    colon = text.rfind(":")
    if colon > 0:
        after = _subject_words(text[colon + 1:], cut_at_comma=True)
        return after or _subject_words(text[:colon], cut_at_comma=False)
    return _subject_words(text, cut_at_comma=True)


def _subject_words(head: str, cut_at_comma: bool) -> str:
    if cut_at_comma:
        # cut after the last comma that closes an earlier clause (one with a verb or a number before it);
        # "khu vực nông, lâm nghiệp và thủy sản" keeps its comma
        for comma in reversed([i for i, ch in enumerate(head) if ch == ","]):
            if P.SUBJECT_STOP.search(head[:comma]):
                head = head[comma + 1:]
                break
    head = re.sub(r"\([^()]*\)?", " ", head)                 # "(do quận quản lý)"
    stop = P.SUBJECT_STOP.search(head)
    if stop:
        head = head[:stop.start()]
    head = P.SUBJECT_LEAD.sub("", head.strip())
    return " ".join(head.strip(" :,-+*•–").split())


def _end_of(token) -> int:
    return token.unit_end if isinstance(token, Figure) else token.end


def slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")[:40] or "figure"


class BlockReader:
    """Turns one block's scan into Stated facts, grouped by segment."""

    def __init__(self, block_index: int, text: str, scan: Scan, report: Period | None, place: str):
        self.block, self.text, self.scan, self.report, self.place = block_index, text, scan, report, place
        self.depths = bracket_depths(text) or [0]
        self.segments: list[Segment] = []
        self._sub = 0

    def read(self) -> list[Segment]:
        for index, (start, end) in enumerate(split_segments(self.text, self.depths)):
            self.segments.append(self._segment(index, start, end))
        return self.segments

    # --- one statement ----------------------------------------------------------------------------
    def _segment(self, index: int, start: int, end: int) -> Segment:
        tokens = sorted([t for t in self.scan.figures + self.scan.ratios + self.scan.periods
                         if start <= t.start < end], key=lambda t: t.start)
        seg = self._new_segment(index, start, end, tokens)
        period, last_value = None, None
        consumed: set[int] = set()
        for i, token in enumerate(tokens):
            before = self.text[max(start, _end_of(tokens[i - 1]) if i else start, token.start - CONTEXT):token.start]
            if isinstance(token, Ratio):
                self._ratio(seg, token, tokens[i + 1:], tokens[i - 1] if i else None, consumed)
            elif isinstance(token, Figure):
                if token.start in consumed:
                    continue
                last_value = self._figure(seg, token, before, period, last_value) or last_value
            else:
                period = token
        self._link_pairs(seg)
        return seg

    def _new_segment(self, index: int, start: int, end: int, tokens) -> Segment:
        first = tokens[0].start if tokens else end
        subject = subject_of(self.text[start:first])
        if not subject and tokens and not isinstance(tokens[0], (Figure, Ratio)):
            # "Tính chung 9 tháng, IIP tăng 9,2%": the subject follows the period words
            following = next((t.start for t in tokens if isinstance(t, (Figure, Ratio))), end)
            subject = subject_of(self.text[tokens[0].end:following])
        if not subject and tokens and self.segments:
            # "...tháng 9 ước đạt 1.205 triệu USD; tính chung 9 tháng ước đạt 10.830 triệu USD": same subject
            previous = self.segments[-1]
            return Segment(index, start, end, previous.subject, previous.entity)
        return Segment(index, start, end, subject, f"{self.place}.{index + 1}:{slug(subject)}")

    def _figure(self, seg: Segment, fig: Figure, before: str, period_token, last_value):
        after = self.text[fig.unit_end:fig.unit_end + CONTEXT]
        if fig.kind == PERCENT:
            self._percent(seg, fig, before, after, self._value_or_period(last_value, period_token))
            return None
        if fig.kind == POINTS:
            if P.CONTRIBUTION_WORD.search(before):
                self._add(seg, fig, F.CONTRIBUTION, self._period_of(last_value), phrasing="đóng góp")
            return None
        if fig.kind == PLAIN:
            return None
        if fig.unit == "lần" and P.TIMES_WORD.search(before) and P.OF_PREVIOUS.match(after):
            # "gấp 2,5 lần so cùng kỳ": a ratio of 250% (some writers mean +250%: cross-mention says so)
            self._add(seg, fig, F.PCT_PREVIOUS, self._period_of(last_value), phrasing="gấp", factor=100.0)
            return None
        return self._value(seg, fig, before, period_token)

    @staticmethod
    def _value_or_period(last_value, period_token):
        """What a percentage speaks of: the last value stated, or a period named after it with no value
        ("IIP tháng 9 tăng 8,9% so với cùng kỳ" is the month's growth)."""
        if period_token is not None and period_token.period is not None and \
                (last_value is None or last_value.offset < period_token.start):
            measure = F.CUMULATIVE if period_token.period.cumulative else F.MONTH
            return _PeriodOnly(measure, period_token.period, period_token.start)
        return last_value

    def _value(self, seg: Segment, fig: Figure, before: str, period_token) -> Stated:
        between = self.text[period_token.end:fig.start] if period_token is not None else ""
        if period_token is not None and period_token.period is not None and P.PERIOD_TO_VALUE.match(between):
            measure = F.CUMULATIVE if period_token.period.cumulative else F.MONTH
            estimate = "ước" if re.search(r"\bước\b", between, re.I) else None   # an estimate, not an actual
            return self._add(seg, fig, measure, period_token.period, phrasing=estimate)
        if P.PLAN_WORD.search(before):
            return self._add(seg, fig, F.PLAN, None)
        if P.PREVIOUS_WORD.search(before):
            return self._add(seg, fig, F.PREVIOUS, self._report_to_date())
        change = P.CHANGE_WORD.search(before)
        if change and self._has_subject_facts(seg):
            sign = -1.0 if change.group(1).lower() == "giảm" else 1.0
            return self._add(seg, fig, F.CHANGE, self._last_period(seg), phrasing=change.group(1).lower(),
                             sign=sign)
        measure = F.AMOUNT if fig.kind == MONEY else F.COUNT
        return self._add(seg, fig, measure, None, own_entity=True)

    def _percent(self, seg: Segment, fig: Figure, before: str, after: str, last_value) -> None:
        period = self._period_of(last_value)
        month = last_value is not None and last_value.measure == F.MONTH
        if P.SHARE_WORD.search(before):
            self._add(seg, fig, F.SHARE, period, phrasing="chiếm")
        elif P.CONTRIBUTION_WORD.search(before):
            self._add(seg, fig, F.CONTRIBUTION, period, phrasing="đóng góp")
        elif P.OF_PLAN.match(after):
            reached = P.REACHED.search(before)
            word = reached.group(1).lower() if reached else None
            self._add(seg, fig, F.PCT_PLAN, period, phrasing=word, offset=100.0 if word == "vượt" else 0.0)
        elif P.OF_PREVIOUS.match(after):
            up, down = P.GROWTH_UP.search(before), P.GROWTH_DOWN.search(before)
            if up or down:
                measure = F.GROWTH_MONTH if month else F.GROWTH
                self._add(seg, fig, measure, period, phrasing="tăng" if up else "giảm", sign=-1.0 if down else 1.0)
            else:
                reached = P.REACHED.search(before)
                measure = F.PCT_PREVIOUS_MONTH if month else F.PCT_PREVIOUS
                self._add(seg, fig, measure, period, phrasing=reached.group(1).lower() if reached else None)
        elif P.RATIO_WORD.search(before):
            self._add(seg, fig, F.RATIO_PCT, None, own_entity=True, phrasing="tỷ lệ")
        elif (P.GROWTH_UP.search(before) or P.GROWTH_DOWN.search(before)) and not P.OTHER_COMPARISON.match(after):
            # "khu vực dịch vụ tăng 6,0%, đóng góp ...": growth over the same period unless said otherwise
            down = P.GROWTH_DOWN.search(before)
            measure = F.GROWTH_MONTH if month else F.GROWTH
            self._add(seg, fig, measure, period, phrasing="giảm" if down else "tăng", sign=-1.0 if down else 1.0)

    def _ratio(self, seg: Segment, ratio: Ratio, following, previous, consumed: set[int]) -> None:
        entity = self._new_entity(seg, "ratio")
        pct = None
        if isinstance(previous, Figure) and previous.kind == PERCENT and \
                re.fullmatch(r"[^()]{0,60}\(\s*", self.text[previous.unit_end:ratio.start]):
            pct = previous                              # "bằng 14,13% kế hoạch (12.450/88.100 triệu đồng)"
            for s in seg.stated:
                if s.figure is previous:
                    s.entity, s.measure, s.indicator, s.named = entity, F.RATIO_PCT, seg.subject, False
        for token in following[:2]:
            if pct is None and isinstance(token, Figure) and token.kind == PERCENT and \
                    re.fullmatch(r"[^;()%]{0,60}", self.text[ratio.end:token.start]):
                pct = token                             # "1.245/1.320 hộ dân đạt tỷ lệ : 94,3%"
                consumed.add(token.start)
                self._add(seg, token, F.RATIO_PCT, None, entity=entity, phrasing="tỷ lệ")
        self._add(seg, ratio.numerator, F.NUMERATOR, None, entity=entity)
        self._add(seg, ratio.denominator, F.DENOMINATOR, None, entity=entity)

    # --- helpers ------------------------------------------------------------------------------------
    def _add(self, seg: Segment, fig: Figure, measure: str, period: Period | None, *, phrasing=None,
             sign: float = 1.0, offset: float = 0.0, own_entity: bool = False, entity: str | None = None,
             factor: float = 1.0) -> Stated:
        named = entity is None and not own_entity      # a figure of the statement's subject
        if entity is None:
            entity = self._new_entity(seg, measure) if own_entity else seg.entity
        indicator = None
        if measure in SUBJECT_MEASURES and any(s.entity == entity and s.measure == measure and s.period == period
                                               for s in seg.stated):
            # a second figure of one measure in one clause: "..., khu vực dịch vụ tăng 6,8%" names its own subject
            previous_end = max(s.figure.unit_end for s in seg.stated)
            indicator = subject_of(self.text[previous_end:fig.start]) or None
            entity = self._new_entity(seg, slug(indicator) if indicator else measure)
        sign *= factor
        lo, hi = sorted((sign * fig.lower + offset, sign * fig.upper + offset))
        if self._exact(fig) and factor == 1.0:
            lo = hi = sign * fig.value + offset
        stated = Stated(self.block, fig.start, self.depths[min(fig.start, len(self.depths) - 1)], seg.index,
                        entity, seg.subject, measure, fig, period, phrasing, sign * fig.value + offset, lo, hi,
                        quote=self._quote(seg, fig), named=named)
        if own_entity:
            stated.indicator = self._name_of(fig) or seg.subject
        elif indicator:
            stated.indicator = indicator
        seg.stated.append(stated)
        return stated

    def _exact(self, fig: Figure) -> bool:
        """Counts of things and amounts in whole đồng are exact, not rounded ("21 tập thể", "40.000.000 đồng"),
        unless the words around say they are approximate ("khoảng 1.200 người")."""
        if fig.decimals != 0 or not (fig.kind == COUNT or fig.kind == MONEY and fig.scale == 1.0):
            return False
        return not P.APPROXIMATE.search(self.text[max(0, fig.start - 12):fig.start])

    def _new_entity(self, seg: Segment, what: str) -> str:
        self._sub += 1
        return f"{self.place}.{seg.index + 1}#{self._sub}:{what}"

    def _name_of(self, fig: Figure) -> str:
        """A figure's own name: for a count its unit and the words after it ("hồ sơ cấp GCN lần đầu"), for an
        amount the words before it ("vốn ngân sách 30.700 triệu đồng")."""
        if fig.kind == MONEY:
            head = re.split(r"[,;:()=.+]|\bgồm\b|\btrong đó\b", self.text[max(0, fig.start - 80):fig.start])[-1]
            words = head.split()[-6:]
            if words:
                return " ".join(words)
        tail = re.split(r"[,;:()=.]|\d|\bvà\b", self.text[fig.unit_end:fig.unit_end + 60])[0]
        return ((fig.unit or "") + " " + " ".join(tail.split()[:6])).strip()

    def _quote(self, seg: Segment, fig: Figure) -> str:
        start = max(seg.start, fig.start - 70)
        end = min(seg.end, fig.unit_end + 50)
        return self.text[start:end].strip()

    def _has_subject_facts(self, seg: Segment) -> bool:
        return any(s.measure in SUBJECT_MEASURES or s.entity == seg.entity for s in seg.stated)

    def _last_period(self, seg: Segment) -> Period | None:
        for s in reversed(seg.stated):
            if s.measure in (F.MONTH, F.CUMULATIVE):
                return s.period
        return self._report_to_date()

    def _period_of(self, last_value: Stated | None) -> Period | None:
        if last_value is not None and last_value.period is not None:
            return last_value.period
        return self._report_to_date()

    def _report_to_date(self) -> Period | None:
        return self.report

    def _link_pairs(self, seg: Segment) -> None:
        """A count next to its amount shares an entity; "N x = M y" of two counts marks N as linked."""
        plain = [s for s in seg.stated if s.measure in (F.COUNT, F.AMOUNT)]
        for left, right in zip(plain, plain[1:]):
            between = self.text[left.figure.unit_end:right.figure.start]
            if not P.PAIR_LINK.match(between) or ";" in between or "(" in between:
                continue
            if left.measure == F.COUNT and right.measure == F.AMOUNT:
                right.entity, right.indicator = left.entity, left.indicator
            elif "=" in between:
                left.linked = True
        self._promote_subject_value(seg, plain)

    def _promote_subject_value(self, seg: Segment, plain: list[Stated]) -> None:
        """"Kết quả giải ngân ...: 12.450 triệu đồng, bằng 14,13% kế hoạch": the value is the subject's."""
        subject_facts = [s for s in seg.stated if s.entity == seg.entity]
        has_value = any(s.measure in (F.MONTH, F.CUMULATIVE) for s in subject_facts)
        if subject_facts and not has_value and plain and plain[0].offset < min(s.offset for s in subject_facts):
            moved = plain[0].entity
            for s in seg.stated:
                if s.entity == moved:
                    s.entity, s.indicator = seg.entity, seg.subject
