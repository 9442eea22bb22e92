"""Figures in a finding are the report's own: what the parts add up to is the sum of the parts as
written (not the middle of their hedged intervals), and an amount written in words is shown as written."""

from __future__ import annotations

import json

from cli_helpers import run_cli

HEDGED = ("BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2024\n\n"
          "Tổng vốn đầu tư toàn xã hội 6 tháng đạt gần 10.000 tỷ đồng; khu vực ngoài nhà nước hơn 3.900 tỷ đồng, "
          "khu vực nhà nước khoảng 2.900 tỷ đồng, khu vực có vốn đầu tư nước ngoài gần 664 tỷ đồng.\n")


def test_hedged_parts_add_up_as_written(tmp_path):
    (tmp_path / "r.md").write_text(HEDGED, encoding="utf-8")
    done = run_cli("r.md", "--format", "json", "--no-config", cwd=tmp_path)
    finding = next(f for f in json.loads(done.stdout)["findings"] if f["rule"] == "text.partition-sum")
    assert finding["implied_value"] == 3900 + 2900 + 664
    shown = run_cli("r.md", "--lang", "vi", "--no-config", cwd=tmp_path).stdout
    assert "cộng lại được 7.464 tỷ đồng" in shown and "số suy ra 7.464 tỷ đồng" in shown, shown
    assert "chênh lệch 2.536 tỷ đồng" in shown


RAISED = ("BÁO CÁO KẾT QUẢ THU NGÂN SÁCH 9 THÁNG NĂM 2024\n\n"
          "Năm 2024, xã được giao chỉ tiêu thu ngân sách là 312 triệu 500 nghìn đồng. Tháng 6, giao tăng thêm thu "
          "ngân sách đối với xã là 50 triệu đồng. Đến hết tháng 9, thu ngân sách của xã đạt 300 triệu/390 triệu "
          "500 nghìn đồng, bằng 76,8%.\n")


def test_an_amount_written_in_words_is_shown_as_written(tmp_path):
    (tmp_path / "r.md").write_text(RAISED, encoding="utf-8")
    shown = run_cli("r.md", "--lang", "vi", "--no-config", cwd=tmp_path).stdout
    assert "text.target-raised" in shown, shown
    assert "= 312 triệu 500 nghìn" in shown and "= 390 triệu 500 nghìn" in shown, shown
    assert "312,500" not in shown
