"""What the prose reader's parts share: the context a block is read in, one clause's state, and the
helpers every part uses (adding a figure to a statement, its period, its name, the words before it)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from check_report import facts as F
from check_report.extract import prose_grammar as G
from check_report.extract import prose_model as M
from check_report.extract import prose_patterns as P
from check_report.extract.prose_model import Stated, Statement
from check_report.extract.prose_periods import Period, PeriodMention
from check_report.extract.prose_scan import COUNT, MONEY, PERCENT, POINTS, Figure, Ratio

ABBREVIATION_AFTER = re.compile(r"\(\s{0,2}([A-ZĐ]{2,8})\s{0,2}\)")
# between "a/b" and the percentage that restates it: "đạt tỷ lệ : 95,9%", ", đạt 100%", "bằng"; never a growth
RATIO_TO_PERCENT = re.compile(r"[^;()%\d]{0,40}?(?:[,:]|\b(?:đạt|bằng|tương đương|tương ứng|tỷ lệ|tỉ lệ|là))\s{0,3}:?\s{0,3}",
                              re.IGNORECASE)
# "30.685/36.382 căn nhà đạt chuẩn (đạt 84,3%)", "(84,3%)": the ratio's percentage alone in the brackets right
# after it ("(tỷ lệ 84,3%)" is read as a rate of its own there, and stays unlinked)
RATIO_TO_BRACKETED = re.compile(r"[^;()%\d]{0,40}?\(\s{0,3}(?:(?:đạt|bằng)\s{1,3})?", re.IGNORECASE)
BRACKET_CLOSES = re.compile(r"\s{0,3}\)")
GROWTH_WORDS = re.compile(r"\b(?:tăng|giảm|tốc độ|tăng trưởng)\b", re.IGNORECASE)
# "chỉ tiêu thu ngân sách là": the indicator a plan is of, named after the plan word
PLAN_OF = re.compile(r"(?:kế hoạch|KH|dự toán|chỉ tiêu)\s{1,3}(?!năm\b|giao\b|được\b|cả\b)([^\d,;.()]{3,40}?)"
                     r"\s{0,3}(?:là|:)?\s{0,3}$", re.IGNORECASE)
# the words of a noun phrase after a count: up to a figure, a separator or a verb ("đạt chuẩn" qualifies
# the things counted: "190 trường đạt chuẩn quốc gia")
NOUN_TAIL = re.compile(r"[^,;:()=.\d]{0,60}?(?=[,;:()=.\d]|\s(?:đạt(?!\s{1,3}chuẩn)|tăng(?! giá)|giảm(?! giá| nghèo)|bằng|chiếm|với|"
                       r"trong đó|gồm|là|được|so|và(?=\s{1,3}(?:khoảng |gần |hơn |trên )?\d))\b|$)"
                       r"|[^,;:()=.\d]{0,60}", re.IGNORECASE)   # no stop within 60 characters: those 60 (issue 11)
# a clause of its own after a count's comma ("Với 3 cụm …, huyện đã đề nghị …"), not more of what is counted
CLAUSE_AFTER_COMMA = re.compile(r"\b(?:đã|đang|sẽ|cần|phải|đề nghị|tiếp tục)\b", re.IGNORECASE)
VALUES = (F.CUMULATIVE, F.MONTH, F.AMOUNT, F.COUNT)
CONTEXT = 48                 # how far before a figure its own words are looked for
ADVERBIAL_TAIL = 40          # "Tính chung 9 tháng năm 2025, …": the comma stands this close after the period
# an attribution before the sentence proper: "Thông tin từ UBND tỉnh cho biết,", "Báo cáo của Sở … cho thấy,"
ATTRIBUTION = re.compile(r"^[^,;:.]{3,80}?\b(?:cho biết|cho thấy|thông tin|báo cáo|công bố)\s{0,3}[,:]\s{0,3}",
                         re.IGNORECASE)
ADVERBIAL_WORDS = re.compile(r"^(?:trong|ước|ước tính|dự ước|dự tính|tính chung|tính đến hết|tính đến|đến hết|đến|sang|"
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


# "153 dự án mới (": the things counted just before a bracket
COUNTED_BEFORE_BRACKET = re.compile(r"(?<![\w.,])\d[\d.]*\s{1,3}([^\W\d][^\d(),;:]{1,60}?)\s{0,3}\(\s{0,3}$")


@dataclass
class ClauseState:
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



class ReaderCore:
    """The state and helpers of one block's reading; `BlockReader` sets the state, its parts read."""

    # --- helpers ------------------------------------------------------------------------------------
    def _tokens_in(self, start: int, end: int, depth: int | None = None) -> list:
        """The block's tokens starting in [start, end), at `depth` when given: a slice of the sorted tokens,
        never a pass over all of them (a block read clause by clause would be quadratic in its tokens)."""
        found = self.tokens[bisect.bisect_left(self.token_starts, start):bisect.bisect_left(self.token_starts, end)]
        return found if depth is None else [t for t in found if self._depth(t.start) == depth]

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
            # an amount with no words of its own is the value of what the statement is about
            own_name = self._name_of(fig)
            stated.indicator = own_name or (f"{stmt.subject} (trị giá)" if fig.kind == MONEY and
                                            stmt.subject else stmt.subject)
            if not own_name and not stmt.subject_sure:
                stated.doubt(M.VAGUE_SUBJECT)      # named only by a subject that is itself not sure
        self._judge_identity(stmt, stated, explicit)
        if self.unsure_owner and fig.kind in (PERCENT, POINTS) or self.owner_shift:
            stated.doubt(M.VAGUE_SUBJECT)      # a rate right after a count of things: the count's or the subject's
        if P.FROM_VALUE.search(self.text, max(0, fig.start - 8), fig.start) and \
                P.FROM_TO_AFTER.match(self.text, fig.unit_end):
            stated.doubt(M.COMPARISON)      # "tăng từ 1.630 USD năm 2015 lên 2.504 USD": the starting value
        elif P.FROM_TO_BEFORE.search(self.text, max(0, fig.start - 90), fig.start):
            # "… từ 1.630 USD năm 2015 lên 2.504 USD năm 2020": the value reached, its period said after it
            stated.doubt(M.REACHED)
        if P.RANKED_AFTER.match(self.text, fig.unit_end):
            # "… 11 tháng tăng 81,3%, đứng thứ 4 cả nước": ranked among places, so one place's figure, whichever
            stated.doubt(M.VAGUE_SUBJECT)
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

    def _pct_period(self, state: ClauseState) -> Period | None:
        """What a percentage speaks of: the last value stated, or a period named after it with no value
        ("IIP tháng 9 tăng 8,9% so với cùng kỳ" is the month's growth)."""
        token, last = state.period_token, state.last_value
        if token is not None and (last is None or last.offset < token.start):
            return token.period
        if last is not None and last.period is not None:
            return last.period
        return self._context_period()

    def _is_month(self, state: ClauseState, period: Period | None) -> bool:
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
            if P.FROM_TO_BEFORE.search(self.text, max(0, fig.start - 90), fig.start):
                return ""   # "tăng từ 1.630 USD năm 2015 lên 2.504 USD": the value its subject reached
            head = re.split(r"[,;:()=.+]|\bgồm\b|\btrong đó\b", self.text[max(0, fig.start - 80):fig.start])[-1]
            words = [w for w in head.split() if not P.HEDGE.search(w + " ")][-6:]
            name = G.strip_predicate(" ".join(words))   # "cả nước đến ngày 31/8 là": not "… là"
            if name:
                return name
            counted = COUNTED_BEFORE_BRACKET.search(self.text, max(0, fig.start - 80), fig.start)
            if counted:     # "153 dự án mới (646 triệu USD)": the amount of the things counted
                return f"{' '.join(counted.group(1).split())} (số tiền)"
            return ""       # "mủ cao su 36 tấn, tương đương 0,05 triệu USD": never named by its unit
        end = self._noun_tail_end(fig.unit_end)
        tail = " ".join(self.text[fig.unit_end:end].split()[:9]).rstrip(" ,")
        grade = P.GRADE.match(self.text, end)
        if grade:
            tail = f"{tail} {' '.join(grade.group(0).split())}".strip()   # "02 khách sạn 03 sao": of that grade
        counted = f"{fig.unit or ''}{'' if tail.startswith(',') else ' '}{tail}".strip()
        # "đào tạo nghề cho 13.000 người", "cấp thuốc điều trị ngoại trú cho 121.705 lượt bệnh nhân": whom a work
        # was done for, named by the work, never by the unit or the people alone
        window = max(0, fig.start - 80)
        if window and self.text[window - 1].isalnum():
            window = self.text.find(" ", window, fig.start) + 1 or window    # never a word the window cuts
        head = re.split(r"[,;:()=.+]|\btrong đó\b", self.text[window:fig.start])[-1]
        head = " ".join(w for w in head.split() if not P.HEDGE.search(w + " "))
        if re.search(r"\s(?:cho|đối với)$", head):
            done = re.sub(r"\s+(?:cho|đối với)$", "", head.strip(), flags=re.IGNORECASE)
            place = G.GENERIC_PLACE.match(done)
            done = G.strip_predicate(done[place.end():] if place else done)
            # with words of their own after the unit, the things are named by a work only when it has no
            # figure in it ("700 phụ nữ có kinh tế khá giúp … cho"): a figure there is another statement's
            if len(done.split()) >= 2 and not (tail.strip(" ,") and any(c.isdigit() for c in done)):
                return f"{done} ({counted})"
        return counted

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
                    any(c.isdigit() for c in self.text[end + 1:min(len(self.text), stop + 1)]) or \
                    CLAUSE_AFTER_COMMA.search(words):
                break
            end = stop
        return end

    def _count_tail_end(self, fig: Figure) -> int:
        return self._noun_tail_end(fig.unit_end)

    def _ratio_name(self, stmt: Statement, lead_start: int, ratio: Ratio) -> str:
        """A ratio's indicator: the statement's subject, else what was done, to whom ("Đã vận động lắp bình chữa
        cháy cho 1.250/1.300 hộ dân" -> "lắp bình chữa cháy (hộ dân)"), never the verb alone."""
        if stmt.subject and stmt.subject_sure:
            return stmt.subject
        unit = str(ratio.unit or "").strip()
        after = self._name_after(ratio.end)
        lead = G.UP_TO_BETWEEN_COMMAS.sub(", ", re.sub(r"\([^()]*\)", " ", self.text[lead_start:ratio.start]))
        done = G.action_object(lead)
        if after:
            # "cấp THPT với 15/23 trường đạt chuẩn": the things, and whose they are when a short noun phrase
            # before says (not a label and its verb: "Công tác phòng cháy, chữa cháy: Đã vận động")
            whose = done and len(done.split()) <= 4 and not re.search(r"[,:;]|^đã\b", done, re.IGNORECASE) and \
                done not in after
            return f"{unit} {after} ({done})".strip() if whose else f"{unit} {after}".strip()
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
