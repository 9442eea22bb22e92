"""Columns that would read as the same figure of a row, told apart by what their headers add.

Under a group header that names a measure ("Thực hiện 9 tháng" over "Tổng số | Trong đó: Nữ | Chia ra:
Trong tỉnh | Ngoài tỉnh"), or with one measure word and different qualifiers ("Dự toán tỉnh giao | Dự toán
HĐND huyện giao"), several columns would be read as the same measure and period of the row's indicator:
one figure stated several times with different values, which core.duplicate-figure would report in a
clean table. The words under the header they share tell them apart. The whole ("Tổng số", or nothing
more) keeps the measure for the row's indicator; each other column becomes an indicator of its own with
the same measure, a part of the whole when its words say so ("Trong đó: Nữ" within it, "Chia ra: ..."
adding up to it). Without one whole, each is an indicator of its own, and only the relations the table
writes ("(5)=(3)/(1)") are checked on them. Columns headed word for word alike are left as they are: the
same figure written twice.
"""

from __future__ import annotations

from collections import defaultdict


def separate(ctx, plans: list) -> None:
    """Give each column of a group read as one figure of the row its own indicator (see the module)."""
    from check_report.extract.columns import indicator_name, is_whole, part_cue

    columns, vocab = ctx.layout.columns, ctx.vocab
    alike = defaultdict(list)
    for plan in plans:
        if plan.group is None and plan.whole is None:
            alike[(plan.measure, plan.period, plan.year)].append(plan)
    for same in alike.values():
        if len(same) < 2:
            continue
        texts = [columns[p.col].texts for p in same]
        shared = _common_prefix(texts)
        own = {p.col: columns[p.col].texts[shared:] for p in same}
        if len(set(own.values())) < len(same):
            continue
        wholes = [p for p in same if not own[p.col] or (is_whole(own[p.col], vocab) and not part_cue(own[p.col], vocab))]
        if not wholes and any(part_cue(own[p.col], vocab) for p in same):
            # "Tổng chi | Trong đó: chi từ nguồn tỉnh bổ sung": beside a part, a total named by what it adds
            # up ("Tổng chi", "Tổng vốn") is the whole as "Tổng số" is
            wholes = [p for p in same if _total_of(own[p.col]) and not part_cue(own[p.col], vocab)]
        whole = wholes[0] if len(wholes) == 1 else None
        for plan in same:
            if plan is whole:
                continue
            plan.group = plan.col
            plan.name = indicator_name(own[plan.col], vocab) or plan.header
            if whole is not None and part_cue(own[plan.col], vocab):
                plan.whole = whole.col


def _total_of(texts: tuple[str, ...]) -> bool:
    from check_report.extract.vocabulary import fold

    words = fold(texts[-1]).split() if texts else []
    return len(words) >= 2 and words[0] in ("tong", "total")


def _common_prefix(texts: list[tuple[str, ...]]) -> int:
    n = 0
    while all(len(t) > n for t in texts) and len({t[n] for t in texts}) == 1:
        n += 1
    return n
