"""The rows of one table, read, become entities: parents, complete breakdowns, declared relations.

Indicator tables: an entity per row (and per "Trong đó" sub-column), parents from the STT codes; "gồm" /
"chia ra" make a breakdown complete, "trong đó" partial. Consolidation tables: an entity per unit row and
indicator column, the total row's column as the parent of the top-level units (complete: total = Σ
units); rates have no parent (never summed).

Missing components, one way: a component that states none of a total's figures (a row of "-") leaves the
breakdown as stated incomplete, so its equality is not judged (the parts that are stated are still held
within the total by core.children-within-parent); a component lacking only some figures leaves those
measures' sums unknown to the engine. The same table gives the same verdict whatever else a row holds.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from check_report import facts as F
from check_report.extract.columns import Plan
from check_report.extract.hierarchy import Hierarchy, code_from_label
from check_report.extract.relations import column_relations, places, row_relations
from check_report.extract.sink import FactSink, letters
from check_report.extract.vocabulary import fold
from check_report.units import is_count


class Emitter:
    """Facts of a table's rows as they are read (nothing held per figure), then, once the table has ended,
    its parents, complete breakdowns and relations (`finish`)."""

    def __init__(self, ctx, sink: FactSink):
        self.ctx, self.sink = ctx, sink
        plans = ctx.plan.plans
        self.groups = sorted({p.group for p in plans if p.group is not None})
        self.rate_groups = {p.group for p in plans if p.rate and p.group is not None}
        # amounts that are rates or averages (not percentages, which the rules never sum) keep units apart
        self.no_parent_rows = ctx.units_mode and any(p.rate and not p.percent for p in plans if p.group is None)
        self.plain = not self.groups and ctx.plan.assessment is None   # one entity per row: the hot path
        self.verdicts = Plan(ctx.plan.assessment or 0, "", F.ASSESSMENT, year=ctx.year)
        self.scale_of = ctx.vocab.scale_of
        # plain rows: which columns a row fills matters to its unit only when a header writes a unit
        self.header_units = any(p.unit and not p.percent for p in plans)
        self._units: dict = {}                               # unit -> (scale, a count of things)
        self.sheet = ctx.grid.name
        self.picked: list[tuple[int, int, int, bool]] = []    # plain rows waiting for flush
        self.waiting = 0                                       # their figures

    def key(self, sheet_row: int, group) -> str:
        sheet = self.ctx.grid.name
        return f"{sheet}!{sheet_row + 1}" if group is None else f"{sheet}!{sheet_row + 1}:{letters(group)}"

    def add(self, taken: list[tuple], block) -> None:
        """Rows of a `extract.figures.FigureBlock`, (row read, its position in the block) in order, into the
        sink, an entity per indicator each states. A plain table's figures wait for `flush`, which adds the
        block's rows at once."""
        if self.plain:
            self._add_plain(taken, block)
            return
        ctx, sink = self.ctx, self.sink
        for r, i in taken:
            r.has_figures = block.any[i]
            r.entities = []
            figures = block.row(i)
            grouped: dict = defaultdict(list)
            for plan, figure in figures:
                grouped[plan.group].append((plan, figure))
            if r.verdict is not None:
                grouped.setdefault(None, [])
            unit_col = ctx.layout.unit_col
            for group, members in grouped.items():
                unit = ctx.unit_of(r.row) if group is None and unit_col is not None else \
                    _unit(ctx, r.row, members, group)
                if group is None and r.verdict is not None:
                    members = [*members, (self.verdicts, r.verdict)]
                values = (self.key(r.row, group), r.code, _name(ctx, r, members, group), None, unit,
                          self.scale_of(unit), r.label)
                # a count of things is exact whatever the row's other columns hold (51 firms beside a % of
                # plan); the sink keeps rates, percentages and columns of another unit out of it, figure by figure
                counted = is_count(unit)
                start = sink.add_row(ctx.path, ctx.grid, r.row, values, members, counted)
                r.entities.append((group, len(sink.rows[F.ENTITY]) - 1, start))

    def _add_plain(self, taken: list[tuple], block) -> None:
        """One entity for each row that states figures; which figures it states (a unit written in the
        header of some) is asked of the block only when the table has such columns. One loop with what it
        reads bound once: a 100k-row table spent its time in the calls."""
        ctx, sink, stated, counts = self.ctx, self.sink, block.any, block.counts
        by_header = self.header_units and ctx.layout.unit_col is None
        unit_of, name_of, units, picked = ctx.unit_of, ctx.indicator_name, self._units, self.picked.append
        sheet, entities, added = self.sheet, [], sink.entities()
        first = len(sink) + self.waiting          # the figures of a plain row come at flush, after these
        for r, i in taken:
            if not stated[i]:
                r.has_figures, r.entities = False, []
                continue
            r.has_figures = True
            unit = _unit(ctx, r.row, self._members(block, i), None) if by_header else unit_of(r.row)
            of_unit = units.get(unit)
            if of_unit is None:   # a table has a few units over thousands of rows
                of_unit = units[unit] = (self.scale_of(unit), is_count(unit))
            entities.append((f"{sheet}!{r.row + 1}", r.code, name_of(r.label, r.folded), None, unit, of_unit[0],
                             r.label))
            r.entities = [(None, added, first)]
            # as in `add`: a count of things is exact; the sink keeps rates and other units out, per column
            picked((i, r.row, added, of_unit[1]))
            added += 1
            first += counts[i]
        sink.add_entities(ctx.path, ctx.grid, entities)
        self.waiting = first - len(sink)

    @staticmethod
    def _members(block, i: int) -> list[tuple]:
        """(plan, None) for each figure row i of the block states."""
        return [(plan, None) for plan, c in zip(block.plans, block.columns) if c.present[i]]

    def flush(self, block) -> None:
        """The figures of the block's plain rows, added at once."""
        self.sink.add_figures(self.ctx.grid, block, self.picked)
        self.picked, self.waiting = [], 0

    def finish(self, rows: list) -> None:
        """Parents, complete breakdowns and the relations a table declares, once all its rows are read."""
        ctx, sink = self.ctx, self.sink
        parent_of, complete = (_unit_parents if ctx.units_mode else _code_parents)(ctx, rows)
        # a complete total whose component states none of a group's figures: that equality is not judged
        withdrawn: set[tuple[int, object]] = set()
        for i, parent in enumerate(parent_of):
            if parent is not None and complete.get(parent):
                stated = {group for group, *_ in rows[i].entities}
                withdrawn.update((parent, group) for group in (None, *self.groups) if group not in stated)
        parents = sink.rows[F.PARENT]
        for i, parent in enumerate(parent_of):
            if parent is None and not complete.get(i):
                continue                           # most rows of a long table: neither a part nor whole
            for group, sink_row, _start in rows[i].entities:
                if parent is not None and group not in self.rate_groups and \
                        not (group is None and self.no_parent_rows):
                    parents[sink_row] = self.key(rows[parent].row, group)
                if complete.get(i) and (i, group) not in withdrawn:
                    sink.complete_rows.add(sink_row)
        formulas = [(i, f) for i, r in enumerate(rows) if r.has_figures and (f := ctx.row_formula(r.label))]
        if ctx.grid.origin == "sheet" and (formulas or any(p.formula is not None for p in ctx.plan.plans)):
            place = places(rows, sink)
            column_relations(ctx, rows, place, sink)
            row_relations(ctx, rows, parent_of, place, sink, formulas)


def _unit(ctx, row: int, members, group) -> str | None:
    """The row's unit (ĐVT column, "Đơn vị tính: ..." above the table), unless the header writes one for
    the indicator column ("Số hộ nghèo (hộ)") or for all the row's amounts alike ("KH (tỷ đồng)")."""
    written = {p.unit for p, _ in members if p.unit and not p.percent}
    if group is not None and written:
        return next(iter(written)) if len(written) == 1 else ctx.unit_of(row)
    if group is not None:
        percent = next((p.unit for p, _ in members if p.unit), None)
        return percent or ctx.unit_of(row)
    if ctx.layout.unit_col is None and len(written) == 1:
        return next(iter(written))
    return ctx.unit_of(row)


def _name(ctx, r, members, group) -> str:
    base = ctx.indicator_name(r.label, r.folded)
    if group is None:
        return base
    plan = next((p for p, _ in members if p.col == group), members[0][0] if members else None)
    named = (plan.name or plan.header) if plan is not None else ""
    return f"{named} – {base}" if named and base else (named or base)


def _code_parents(ctx, rows, words: bool = True) -> tuple[list, dict]:
    """Parents from the STT codes; "gồm"/"chia ra" after a label make it complete, "trong đó" partial.

    With `words` (indicator tables), the words also place rows the codes cannot: a total without STT that
    says "chia ra:" (on its label or on a row of its own under it) is the parent of the coded parts that
    follow, and "Trong đó: - Cá" followed by "- Tôm" are parts of the row right above them, unless that row
    has other parts too (then "trong đó" may be of the whole, or overlap them: not guessed)."""
    vocab = ctx.vocab
    hierarchy = Hierarchy()           # the rows' entities are their indices
    parent_of: list[int | None] = []
    complete: dict[int, bool] = {}
    last = opened = None
    led: dict[int, tuple[int, str, bool]] = {}     # row -> (parent, code, complete) of a "Trong đó: - Cá" group
    partial, whole = tuple(vocab.breakdown_partial), tuple(vocab.breakdown_complete)   # (once per table)
    ends, phrases = _edge_words(partial, whole, -1), _phrase_sets(partial, whole)
    partial_starts = _edge_words(partial, (), 0)
    for i, r in enumerate(rows):
        folded = r.folded
        if not r.has_figures and r.code is None and r.verdict is None:
            parent_of.append(None)
            _cue(vocab, complete, last, folded, ends, phrases)   # "Chia ra:", "Trong đó:" under the parent row
            if words and last is not None and rows[last].code is None and last in complete:
                opened = last
            continue
        lead = _lead(vocab, r.label) if words and r.code is None and last == i - 1 else None
        if lead is not None:
            led[i] = (last, lead[1], lead[0])
            parent = hierarchy.add_under(i, last, lead[1], r.label)
        elif opened is not None and r.code is not None:
            parent = hierarchy.add_under(i, opened, r.code, r.label)
        else:
            if words and r.code is None:
                hierarchy.close()
            parent = hierarchy.add(i, r.code, r.label)
        opened = None
        parent_of.append(parent)
        if lead is None and i - 1 in led and parent == led[i - 1][0] and r.code == led[i - 1][1]:
            led[i] = led[i - 1]
        if parent is not None and lead is None and folded.partition(" ")[0] in partial_starts and \
                any(_starts(folded, p) for p in vocab.breakdown_partial):
            complete[parent] = False
        if folded.rpartition(" ")[2] in ends:      # (what _cue asks first, asked here: most rows end no cue)
            _cue(vocab, complete, i, folded, ends, phrases)
        if words and r.code is None and i in complete and lead is None:
            opened = i                            # "TỔNG THU, chia ra:"
        last = i
    _settle_led(led, parent_of, complete)
    return parent_of, complete


def _settle_led(led: dict, parent_of: list, complete: dict) -> None:
    """Keep a "Trong đó: - Cá / - Tôm" group under the row above only when it is that row's only parts and
    more than one row long (a lone "Trong đó: - X" may be of the whole table)."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i, (parent, _code, _whole) in led.items():
        groups[parent].append(i)
    for parent, members in groups.items():
        others = any(p == parent and i not in led for i, p in enumerate(parent_of))
        if others or len(members) < 2:
            for i in members:
                parent_of[i] = None
        else:
            complete[parent] = complete.get(parent, True) and led[members[0]][2]


def _lead(vocab, label: str) -> tuple[bool, str | None] | None:
    """(complete, code of the part) of a label that opens with its breakdown's words: "Trong đó: - Cá"
    (partial, "-"), "Chia ra: Thóc" (complete, no code); None for any other label."""
    head, colon, rest = label.partition(":")
    if not colon or not rest.strip() or len(head.split()) > 3:
        return None
    folded = fold(head)
    if folded in vocab.breakdown_partial:
        whole = False
    elif folded in vocab.breakdown_complete:
        whole = True
    else:
        return None
    code = code_from_label(rest.strip())[0]
    return (whole, code) if code else None


def _unit_parents(ctx, rows) -> tuple[list, dict]:
    """Units under their total: the total row first or last; nested units by their codes."""
    vocab = ctx.vocab
    totals = [i for i, r in enumerate(rows) if r.total]
    content = [i for i, r in enumerate(rows) if r.has_figures]
    root = None
    if totals and content:
        if totals[0] <= content[0]:
            root = totals[0]
        elif totals[-1] >= content[-1]:
            root = totals[-1]
    parent_of, complete = _code_parents(ctx, [r if not r.total else _Bare(r) for r in rows], words=False)
    complete = {i: False for i in complete}             # nested groups of units: parts, never judged whole
    for i, r in enumerate(rows):
        if r.total:
            parent_of[i] = None
        elif parent_of[i] is None and root is not None and r.has_figures:
            parent_of[i] = root
            if any(_starts(fold(r.label), p) for p in vocab.breakdown_partial):
                complete[root] = False                 # "Trong đó: khu vực thành thị": a part, not a unit
    if root is not None:
        complete.setdefault(root, True)
    return parent_of, complete


class _Bare:
    """A total row seen by the code hierarchy as a row without a code (it never parents units by code)."""

    def __init__(self, row):
        self.label, self.code, self.has_figures, self.verdict = row.label, None, row.has_figures, row.verdict
        self.folded = row.folded


def _cue(vocab, complete: dict, index, folded: str, ends: frozenset, phrases=None) -> None:
    """ends: see _edge_words; phrases: see _phrase_sets."""
    if index is None or folded.rpartition(" ")[2] not in ends:
        return
    if phrases is not None:
        words = folded.split(" ")
        endings = {" ".join(words[-n:]) for n in range(1, min(phrases[2], len(words)) + 1)}
        if not endings.isdisjoint(phrases[0]):
            complete[index] = False
        elif not endings.isdisjoint(phrases[1]):
            complete.setdefault(index, True)
        return
    if any(_ends(folded, p) for p in vocab.breakdown_partial):
        complete[index] = False
    elif any(_ends(folded, p) for p in vocab.breakdown_complete):
        complete.setdefault(index, True)


@functools.lru_cache(maxsize=8)
def _phrase_sets(partial: tuple, complete: tuple) -> tuple[frozenset, frozenset, int] | None:
    """The breakdown phrases as sets, and their most words: a label ends with a phrase (`_ends`) when the
    text after one of its last spaces, or all of it, is the phrase; a set lookup per ending instead of a
    call per phrase (a table of 100k rows asks it of every row). None when a phrase is not words apart
    by single spaces (an ending of another number of words could be it)."""
    if any(not p or p != " ".join(p.split()) for p in (*partial, *complete)):
        return None
    return frozenset(partial), frozenset(complete), max(len(p.split()) for p in (*partial, *complete))


@functools.lru_cache(maxsize=8)
def _edge_words(partial: tuple, complete: tuple, edge: int) -> frozenset:
    """The first (edge 0) or last (edge -1) words of the breakdown phrases: a quick test before the phrases."""
    return frozenset(p.split()[edge] for p in (*partial, *complete) if p.split())


def _ends(folded: str, phrase: str) -> bool:
    return folded == phrase or folded.endswith(" " + phrase)


def _starts(folded: str, phrase: str) -> bool:
    return folded == phrase or folded.startswith(phrase + " ")
