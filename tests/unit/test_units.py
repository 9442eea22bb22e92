"""check_report.units: one unit table for tables, prose and the engine."""

from __future__ import annotations

import pytest

from check_report.units import AREA, MASS, MONEY, RATE, measured_scale, parse_unit


@pytest.mark.parametrize("text, dimension, scale", [
    ("kg", MASS, 1.0), ("tạ", MASS, 100.0), ("Tấn", MASS, 1000.0), ("nghìn tấn", MASS, 1e6),
    ("Ngàn tấn", MASS, 1e6), ("đồng", MONEY, 1.0), ("nghìn đồng", MONEY, 1e3), ("Triệu đồng", MONEY, 1e6),
    ("Tr.đồng", MONEY, 1e6), ("trđ", MONEY, 1e6), ("tỷ đồng", MONEY, 1e9), ("Tỷ", MONEY, 1e9),
    ("nghìn tỷ đồng", MONEY, 1e12), ("m2", AREA, 1.0), ("m²", AREA, 1.0), ("ha", AREA, 1e4),
    ("km2", AREA, 1e6), ("%", RATE, 1.0), ("tạ/ha", RATE, 1.0), ("triệu đồng/người", RATE, 1.0),
    ("người", None, 1.0), ("nghìn người", None, 1e3), ("hộ", None, 1.0), (None, None, 1.0), ("", None, 1.0),
])
def test_dimension_and_scale(text, dimension, scale):
    unit = parse_unit(text)
    assert (unit.dimension, unit.scale) == (dimension, scale)


def test_kg_and_tan_differ_by_a_thousand():
    assert parse_unit("tấn").scale / parse_unit("kg").scale == 1000
    assert parse_unit("nghìn tấn").scale / parse_unit("tấn").scale == 1000


@pytest.mark.parametrize("text, scale", [
    ("nghìn tấn", 1e6), ("tấn", 1e3), ("vạn tấn", 1e7), ("ha", 1e4), ("triệu kWh", 1e6), ("m3", 1e3),
    ("hộ", None), ("triệu đồng", None), ("tạ/ha", None), ("biển", None),
])
def test_measured_scale(text, scale):
    assert measured_scale(text) == scale


def test_prose_reads_nghin_tan_as_a_mass_with_its_scale(tmp_path):
    from check_report import readers
    from check_report.extract import extract

    path = tmp_path / "r.txt"
    path.write_text("BÁO CÁO QUÝ I NĂM 2024\n\nSản lượng lương thực quý I năm 2024 ước đạt 12,5 nghìn tấn, "
                    "tăng 2% so cùng kỳ.\n", encoding="utf-8")
    facts, _ = extract(readers.read(str(path)))
    row = facts[facts["raw"] == "12,5"].iloc[0]
    assert (row["unit"], row["scale"]) == ("nghìn tấn", 1e6)
