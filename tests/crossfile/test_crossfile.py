"""Cross-file checks on monthly reports and a quarterly report of one district."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from crossfile_fixtures import SHEET, expected_facts, monthly_rows, write_report, write_reports

from check_report import facts as F
from check_report.crossfile import (
    CUMULATIVE_ORDER, MONTHS_SUM, RULES, SAME_FIGURE, check_together, describe_rules, normalise_name,
)
from check_report.findings import Severity


def _by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_consistent_reports_give_no_finding(tmp_path):
    assert check_together(write_reports(tmp_path)) == []


def test_quarter_differing_from_the_months_points_into_all_four_files(tmp_path):
    inputs = write_reports(tmp_path, {"1": 360.0})
    found = _by_rule(check_together(inputs), MONTHS_SUM)
    assert len(found) == 1
    finding = found[0]
    assert finding.stated == (359.5, 360.5)
    assert finding.implied == pytest.approx((348.5, 351.5))  # three figures, each +-0.5
    places = {(loc.path.rsplit("/", 1)[-1], loc.sheet, loc.cell) for loc in finding.locations}
    # the quarter's cumulative (E4) and each month's figure, January and February from their own
    # reports (D4: the month column) and March from the March report, not from the quarterly one
    assert places == {("quy1.xlsx", SHEET, "E4"), ("thang01.xlsx", SHEET, "D4"),
                      ("thang02.xlsx", SHEET, "D4"), ("thang03.xlsx", SHEET, "D4")}
    assert finding.message == ("Giá trị sản xuất công nghiệp: cumulative months 1-3/2024 is 360 but the monthly "
                               "reports add up to 350 (month 1/2024: 100 + month 2/2024: 120 + month 3/2024: 130)")
    assert [f.role for f in finding.figures] == ["cumulative 2024-01..2024-03", "month 2024-01", "month 2024-02",
                                                 "month 2024-03"]
    assert finding.severity == Severity.ERROR


def test_the_same_discrepancy_is_also_a_disagreement_between_two_files(tmp_path):
    inputs = write_reports(tmp_path, {"1": 360.0})
    same = _by_rule(check_together(inputs), SAME_FIGURE)
    assert [(f.locations[0].path.rsplit("/", 1)[-1], f.locations[1].path.rsplit("/", 1)[-1])
            for f in same] == [("quy1.xlsx", "thang03.xlsx")]


def test_rounding_is_never_a_false_alarm(tmp_path):
    # months 40,5 + 35,25 + 50 state [40.45 + 35.245 + 49.5, 40.55 + 35.255 + 50.5] = [125.195, 126.305]
    inputs = write_reports(tmp_path, {"2": 126.3})
    assert _by_rule(check_together(inputs), MONTHS_SUM) == []
    inputs = write_reports(tmp_path, {"2": 126.4})
    found = _by_rule(check_together(inputs), MONTHS_SUM)
    assert len(found) == 1 and found[0].implied == pytest.approx((125.195, 126.305))


def test_a_later_cumulative_below_an_earlier_one(tmp_path):
    inputs = write_reports(tmp_path, {"3": 18.0})  # February's report already had 20 households
    order = _by_rule(check_together(inputs), CUMULATIVE_ORDER)
    assert len(order) == 1
    stated, earlier = order[0].figures
    assert stated.location.path.endswith("quy1.xlsx") and stated.location.cell == "E6"
    assert earlier.location.path.endswith("thang02.xlsx") and earlier.location.cell == "E6"
    assert order[0].implied == (19.5, 20.5)
    assert order[0].message.endswith("cumulative months 1-3/2024 (18) is below the earlier cumulative "
                                     "months 1-2/2024 (20) in " + earlier.location.path)


def test_percentages_are_not_flows(tmp_path):
    rows = [dict(r, unit="%") for r in monthly_rows(2)]
    early = expected_facts(tmp_path / "a.xlsx", 2, rows)
    rows3 = [dict(r, unit="%", cumulative=1.0) for r in monthly_rows(3)]
    late = expected_facts(tmp_path / "b.xlsx", 3, rows3)
    assert _by_rule(check_together([("a.xlsx", early), ("b.xlsx", late)]), CUMULATIVE_ORDER) == []


def test_indicators_match_by_normalised_name_and_not_across_years(tmp_path):
    rows = monthly_rows(3)
    renamed = [dict(r, name=r["name"].upper() + " (ước thực hiện):", cumulative=r["cumulative"] + 7)
               for r in rows]
    a = expected_facts(tmp_path / "a.xlsx", 3, rows)
    b = expected_facts(tmp_path / "b.xlsx", 3, renamed)
    assert len(_by_rule(check_together([("a", a), ("b", b)]), SAME_FIGURE)) == len(rows)
    b[F.YEAR] = 2023
    assert check_together([("a", a), ("b", b)]) == []


def test_bullets_do_not_identify_indicators_but_codes_do(tmp_path):
    rows = monthly_rows(3)
    a = expected_facts(tmp_path / "a.xlsx", 3, rows)
    b = expected_facts(tmp_path / "b.xlsx", 3, [dict(r, cumulative=r["cumulative"] + 7) for r in rows])
    b[F.CODE] = "9"      # same names, other positions in the hierarchy: other indicators
    assert check_together([("a", a), ("b", b)]) == []
    a[F.CODE] = "-"
    b[F.CODE] = "+"      # bullets only: the names decide
    assert len(check_together([("a", a), ("b", b)])) == len(rows)


def test_scale_is_normalised_before_comparing(tmp_path):
    rows = monthly_rows(3)
    a = expected_facts(tmp_path / "a.xlsx", 3, rows)
    b = expected_facts(tmp_path / "b.xlsx", 3, rows)
    b[F.UNIT] = "tỷ đồng"
    for col in (F.VALUE, F.LOWER, F.UPPER):
        b[col] = b[col] / 1000
    a[F.SCALE], b[F.SCALE] = 1e6, 1e9
    assert check_together([("a", a), ("b", b)]) == []
    b[F.SCALE] = 1e6     # the same numbers in a thousand times smaller unit disagree
    assert check_together([("a", a), ("b", b)]) != []
    b[F.UNIT], b[F.SCALE] = "người", 1.0   # a count against an amount: not comparable at all
    assert check_together([("a", a), ("b", b)]) == []


@dataclass
class _Rule:
    id: str
    severity: object


@dataclass
class _RuleSet:
    rules: list


def test_a_rule_set_selects_cross_rules_and_sets_their_severity(tmp_path):
    inputs = write_reports(tmp_path, {"1": 360.0})
    only_sum = check_together(inputs, _RuleSet([_Rule(MONTHS_SUM, "warning"), _Rule("other", "error")]))
    assert {f.rule for f in only_sum} == {MONTHS_SUM}
    assert {f.severity for f in only_sum} == {Severity.WARNING}
    everything = check_together(inputs, _RuleSet([_Rule("other", "error")]))
    assert {f.rule for f in everything} == {MONTHS_SUM, SAME_FIGURE}


def test_messages_in_vietnamese_use_vietnamese_numbers(tmp_path):
    inputs = write_reports(tmp_path, {"2": 127.0})
    finding = _by_rule(check_together(inputs, lang="vi"), MONTHS_SUM)[0]
    assert finding.message == ("Thu ngân sách trên địa bàn: số lũy kế tháng 1-3/2024 là 127 nhưng tổng các báo cáo "
                               "tháng là 125,75 (tháng 1/2024: 40,5 + tháng 2/2024: 35,25 + tháng 3/2024: 50)")


def test_rules_are_described_in_both_languages():
    for rule in RULES.values():
        assert rule.id.startswith("cross.")
        assert rule.description["en"] and rule.description["vi"]
        assert set(rule.doc) == {"what", "why", "fail", "pass"}
    assert {r["id"] for r in describe_rules("vi")} == set(RULES)


def test_normalise_name():
    assert normalise_name("Giá trị  sản xuất (ước):") == normalise_name("giá trị sản xuất")
    assert normalise_name("Giá trị sản xuất") != normalise_name("Gia tri san xuat")


def test_fixture_workbooks_hold_the_figures_where_the_facts_say(tmp_path):
    from openpyxl import load_workbook

    for path, table in write_reports(tmp_path):
        sheet = load_workbook(path)[SHEET]
        for row in table.to_dict("records"):
            assert sheet[row[F.CELL]].value == pytest.approx(row[F.VALUE])


def test_an_empty_input_is_ignored(tmp_path):
    path = write_report(tmp_path / "a.xlsx", 1, monthly_rows(1))
    assert check_together([(str(path), F.new_table()), (str(path), expected_facts(path, 1, monthly_rows(1)))]) == []


def _read(path):
    from check_report import extract, readers

    facts, _notes = extract.extract(readers.read(path))
    return facts


def test_end_to_end_through_the_workbook_reader_and_extractor(tmp_path):
    inputs = [(path, _read(path)) for path, _expected in write_reports(tmp_path, {"1": 360.0})]
    found = _by_rule(check_together(inputs), MONTHS_SUM)
    assert len(found) == 1
    places = {(loc.path.rsplit("/", 1)[-1], loc.cell) for loc in found[0].locations}
    assert places == {("quy1.xlsx", "E4"), ("thang01.xlsx", "D4"), ("thang02.xlsx", "D4"), ("thang03.xlsx", "D4")}


def test_the_expected_facts_are_what_the_extractor_reads(tmp_path):
    columns = [F.CELL, F.CODE, F.INDICATOR, F.MEASURE, F.PERIOD_START, F.PERIOD_END, F.YEAR, F.VALUE]
    for path, expected in write_reports(tmp_path):
        read = _read(path)
        key = [F.CELL]
        assert read[columns].sort_values(key).to_dict("records") == expected[columns].sort_values(key).to_dict("records")


def _report(folder, name, month, cumulative_households):
    """One indicator (households supported: 10 a month) as the report of `month` states it."""
    rows = [{"code": "3", "name": "Số hộ được hỗ trợ", "unit": "hộ", "month": 10.0,
             "cumulative": cumulative_households}]
    path = folder / name
    write_report(path, month, rows)
    return str(path), expected_facts(path, month, rows)


def test_a_half_year_figure_against_the_quarter_and_the_months_after_it(tmp_path):
    inputs = [_report(tmp_path, "quy1.xlsx", 3, 30.0), _report(tmp_path, "thang04.xlsx", 4, 40.0),
              _report(tmp_path, "thang05.xlsx", 5, 50.0), _report(tmp_path, "thang06.xlsx", 6, 60.0)]
    assert check_together(inputs) == []
    half_year = _report(tmp_path, "6thang.xlsx", 6, 65.0)     # typed 65 where the others give 60
    found = _by_rule(check_together(inputs[:3] + [half_year]), MONTHS_SUM)
    assert len(found) == 1
    roles = [(f.role, f.location.path.rsplit("/", 1)[-1]) for f in found[0].figures]
    # the latest earlier cumulative of another report, then the months after it
    assert roles == [("cumulative 2024-01..2024-06", "6thang.xlsx"), ("cumulative 2024-01..2024-05", "thang05.xlsx"),
                     ("month 2024-06", "6thang.xlsx")]
    assert found[0].implied == pytest.approx((59.0, 61.0))


def test_a_quarter_that_does_not_start_in_january_adds_its_own_months(tmp_path):
    months = [_report(tmp_path, f"thang{m:02d}.xlsx", m, 10.0 * m) for m in (4, 5, 6)]
    rows = [{"code": "3", "name": "Số hộ được hỗ trợ", "unit": "hộ", "month": 10.0, "cumulative": 35.0}]
    path = tmp_path / "quy2.xlsx"
    write_report(path, 6, rows)
    quarter = expected_facts(path, 6, rows)
    quarter.loc[quarter[F.MEASURE] == F.CUMULATIVE, F.PERIOD_START] = 4   # quý II: April to June
    found = _by_rule(check_together(months + [(str(path), quarter)]), MONTHS_SUM)
    assert len(found) == 1 and found[0].implied == pytest.approx((28.5, 31.5))
    assert [f.role for f in found[0].figures][1:] == ["month 2024-04", "month 2024-05", "month 2024-06"]
