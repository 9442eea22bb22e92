"""The coverage line's "not compared: identity uncertain" is counted without listing every pair of mentions
(one indicator stated N times has N²/2 pairs), and the count is exactly the number of pairs listed."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from check_report import facts as F
from check_report.checks import crossmention as C
from check_report.checks._pair_count import count_pairs
from check_report.extract import extract
from check_report.readers import read

STATEMENTS = ("L1.1", "L1.2", "L2.1", "L3.1", "L4.1", "L1.1@plan:tỉnh")
WHOLES = [None, math.nan, "L1.1", "L1.2", "L2.1", "L3.1"]
_ROW = st.fixed_dictionaries({
    F.ENTITY: st.sampled_from(STATEMENTS),
    F.PARENT: st.sampled_from(WHOLES),
    F.MEASURE: st.sampled_from([F.CUMULATIVE, F.AMOUNT, F.MONTH, F.PLAN, F.GROWTH, F.PCT_PREVIOUS]),
    F.UNIT: st.sampled_from(["triệu đồng", "tỷ đồng", "tấn", "%", None]),
    F.SCOPE: st.sampled_from([None, "", "Hải Phòng"]),
    F.CERTAIN: st.booleans(),
    F.PERIOD: st.sampled_from(["", "2024-Q1", "2024-03"]),
    F.DOUBT: st.sampled_from([None, "", "period not stated", "a figure of the period compared with"]),
    F.BASE: st.sampled_from([None, math.nan, "plan", "plan:tỉnh", "plan:huyện", "same-period", "same-period?"]),
})
_KEYS = st.sets(st.sampled_from(["thu ngân sách", "grdp", "vốn đầu tư"]), min_size=1)


# the same, only statements, parents and names varying: the parts of wholes named alike or not
_ALIKE = {F.MEASURE: F.AMOUNT, F.UNIT: "tấn", F.SCOPE: "", F.CERTAIN: False, F.PERIOD: "2024-Q1",
          F.DOUBT: "period not stated", F.BASE: None}
_PART = st.fixed_dictionaries({**{field: st.just(value) for field, value in _ALIKE.items()},
                               F.ENTITY: st.sampled_from(STATEMENTS), F.PARENT: st.sampled_from(WHOLES)})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_ROW | _PART, _KEYS), max_size=14),
       st.dictionaries(st.sampled_from(STATEMENTS[:4]), _KEYS), st.booleans())
def test_count_is_the_number_of_pairs_listed(mentions, names, repeat_a_label):
    rows = [(i, row, keys) for i, (row, keys) in enumerate(mentions)]
    if repeat_a_label and len(rows) > 2:
        rows[2] = (0, *rows[2][1:])
    listed = sum(1 for _ in C._unsure_pairs(rows, names))
    assert C._count_unsure(rows, names) == listed
    if not repeat_a_label:         # raises UnreadField when `_unsure` reads a field it does not declare
        assert count_pairs(rows, names, C._unsure, C.UNSURE_FIELDS, statement=C._statement,
                           family=lambda row: C.FAMILY[row[F.MEASURE]]) == listed


def test_parts_of_wholes_named_apart_are_no_pair():
    part = {F.MEASURE: F.AMOUNT, F.UNIT: "người", F.SCOPE: "", F.CERTAIN: False, F.PERIOD: "", F.DOUBT: None,
            F.BASE: None}
    names = {"L1.1": {"lượt khách"}, "L1.2": {"khách ngủ qua đêm"}, "L1.3": {"lượt khách"}}
    rows = [(0, {**part, F.ENTITY: "L2.1", F.PARENT: "L1.1"}, {"khách quốc tế"}),
            (1, {**part, F.ENTITY: "L2.2", F.PARENT: "L1.2"}, {"khách quốc tế"}),
            (2, {**part, F.ENTITY: "L2.3", F.PARENT: "L1.3"}, {"khách quốc tế"})]
    assert [(a[F.ENTITY], b[F.ENTITY]) for a, b in C._unsure_pairs(rows, names)] == [("L2.1", "L2.3")]
    assert C._count_unsure(rows, names) == 1


def test_one_indicator_stated_again_and_again(tmp_path):
    line = "Tổng thu ngân sách trên địa bàn huyện ước thực hiện 1.245 triệu đồng và tiếp tục tăng trưởng"
    path = tmp_path / "repeated.txt"
    path.write_text("\n".join([line] * 120) + "\n", encoding="utf-8")
    facts, _ = extract(read(str(path)))
    pairs = C.uncertain_pairs(facts)
    assert len(pairs) > 119 * 118 // 2 - 1000          # the mentions after the first are all alike, unsure
    assert C.uncertain_count(facts) == len(pairs)
