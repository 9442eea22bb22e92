"""One report record exercising every shape a format must handle, built through the real record builder:
a workbook finding on a cell, a text finding on a line, a .docx finding in a paragraph, a cross-file
finding pointing into two files, a finding without locations, an unreadable file, and characters that
need escaping in every format (| , : % newline < & ")."""

from __future__ import annotations

from dataclasses import dataclass, field

from check_report.findings import Figure, FileResult, Finding, Location, RuleStats, Severity
from check_report.reporters.records import build_report

BOOK = "reports/q1.xlsx"
TEXT = "reports/q1 báo cáo.md"
DOCX = "reports/q1.docx"
BROKEN = "reports/broken.xlsx"
MONTH = "reports/thang03.xlsx"


@dataclass
class Rule:
    id: str
    severity: Severity
    description: dict
    pack: str = "core"
    doc: dict = field(default_factory=dict)


RULESET_RULES = [
    Rule("core.sum-children", Severity.ERROR, {"en": "Children add up to their parent",
                                               "vi": "Tổng các chỉ tiêu con bằng chỉ tiêu cha"},
         doc={"what": {"en": "Parts against their total.", "vi": "Các phần so với tổng."},
              "why": {"en": "A total that does not add up."}}),
    Rule("core.pct-plan", Severity.WARNING, {"en": "Attainment equals cumulative / plan",
                                             "vi": "Tỷ lệ đạt bằng lũy kế / kế hoạch"}),
    Rule("text.growth", Severity.INFO, {"en": "Growth rate agrees with the values", "vi": "Tốc độ tăng khớp"}),
    Rule("cross.same-figure", Severity.ERROR, {"en": "The same indicator and period agrees across files",
                                               "vi": "Cùng chỉ tiêu, cùng kỳ phải khớp"}, pack="cross"),
]


@dataclass
class RuleSet:
    rules: list


def _figure(role, value, decimals, raw, location):
    half = 0.5 * 10 ** -decimals
    return Figure(role=role, value=value, lower=value - half, upper=value + half, raw=raw, location=location,
                  decimals=decimals, unit="%" if role == "pct_plan" else "")


def build(lang: str = "en") -> dict:
    total = Location(BOOK, sheet="Biểu 01", cell="E9", text="Tổng giá trị sản xuất")
    part1 = Location(BOOK, sheet="Biểu 01", cell="E10", text="Công nghiệp")
    part2 = Location(BOOK, sheet="Biểu 01", cell="E11", text="Nông nghiệp, lâm nghiệp | thủy sản")
    book = FileResult(BOOK, facts=12, stats=RuleStats(4, 3, 1, 0),
                      per_rule={"core.sum-children": RuleStats(2, 1, 1, 0), "core.pct-plan": RuleStats(2, 2, 0, 0)})
    book.findings = [
        Finding("core.sum-children", Severity.ERROR, "Tổng giá trị sản xuất: children add up to 1.100,5, stated 1.138",
                indicator="Tổng giá trị sản xuất",
                figures=(_figure("total", 1138.0, 0, "1.138", total), _figure("children[0]", 600.25, 2, "600,25", part1),
                         _figure("children[1]", 500.25, 2, "500,25", part2)),
                stated=(1137.5, 1138.5), implied=(1100.49, 1100.51), values=(1138.0, 1100.5), decimals=1),
    ]
    line = Location(TEXT, line=37, text="đạt 21,89% kế hoạch, tăng 9,1% so cùng kỳ")
    text = FileResult(TEXT, facts=30, stats=RuleStats(5, 4, 1, 0),
                      per_rule={"core.pct-plan": RuleStats(3, 2, 1, 0), "text.growth": RuleStats(2, 2, 0, 0)})
    text.findings = [
        Finding("core.pct-plan", Severity.WARNING, "Thu ngân sách: 21,89% of plan stated, 100% = 50%\nsecond line",
                indicator="Thu ngân sách", figures=(_figure("pct_plan", 21.89, 2, "21,89", line),),
                stated=(21.885, 21.895), implied=(24.5, 25.5), values=(21.89, 25.0), decimals=2),
        Finding("text.growth", Severity.INFO, "Growth <tăng> & \"bằng\" wording differ", indicator="Vốn đầu tư"),
    ]
    para = Location(DOCX, where="paragraph 12", text="tăng 744%")
    docx = FileResult(DOCX, facts=3, stats=RuleStats(1, 0, 1, 0), per_rule={"text.growth": RuleStats(1, 0, 1, 0)})
    docx.findings = [Finding("text.growth", Severity.INFO, "744% growth stated as 844% elsewhere",
                             figures=(_figure("growth", 744.0, 0, "744", para),))]
    broken = FileResult(BROKEN, status="error", error=f"{BROKEN}: not a zip file (is it really .xlsx?)")
    cross = Finding("cross.same-figure", Severity.ERROR, "Giá trị sản xuất: cumulative 01..03 is 360 here but 350 in "
                    + MONTH, indicator="Giá trị sản xuất",
                    figures=(_figure("cumulative 01..03", 360.0, 0, "360", Location(BOOK, "Biểu 01", "E4")),
                             _figure("cumulative in " + MONTH, 350.0, 0, "350", Location(MONTH, "Biểu 01", "E4"))),
                    stated=(359.5, 360.5), implied=(349.5, 350.5))
    return build_report([book, text, docx, broken], lang=lang, tool_version="0.1.0",
                        ruleset=RuleSet(RULESET_RULES), extra_findings=[cross])
