#!/usr/bin/env python3
"""Recompute every relation built into the clean red-team texts.

Each figure is declared as F(snippet, value, decimals): the snippet must occur verbatim in the file
(so the text and this script cannot drift apart), and the value written Vietnamese-style with the given
decimals must occur inside the snippet. Relations are then checked with the rounding a careful reader
would apply: a stated percentage with d decimals must equal the recomputed ratio rounded half-up to d
decimals; sums of parts must equal totals exactly (all figures here are exact at their precision).

Usage: python3 verify.py            # check the clean files
       python3 verify.py --mutants  # run the same relations on the *.mutant.md copies, list what breaks
"""
import datetime
import re
import sys
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

HERE = Path(__file__).resolve().parent


def vn(value, decimals):
    """Format a number the Vietnamese way: 1.234.567,89"""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    q = abs(q)
    intpart, _, frac = f"{q:f}".partition(".")
    groups = []
    while len(intpart) > 3:
        groups.insert(0, intpart[-3:])
        intpart = intpart[:-3]
    groups.insert(0, intpart)
    s = ".".join(groups)
    if decimals:
        s += "," + frac
    return sign + s


class F:
    """A stated figure: snippet in the text, its value, its number of decimals."""

    def __init__(self, snippet, value, decimals=0, shown=None):
        self.snippet, self.value, self.decimals = snippet, Decimal(str(value)), decimals
        self.shown = shown or vn(value, decimals)  # how the number is written (e.g. '1,512' for 1.512 tỷ)
        self.line = None

    def bind(self, lines, fname):
        for i, line in enumerate(lines, 1):
            if self.snippet in line:
                self.line = i
                break
        if self.line is None and MUTANT_MODE:
            self._rebind_changed(lines, fname)
        if self.line is None:
            raise AssertionError(f"{fname}: snippet not found: {self.snippet!r}")
        if self.shown not in self.snippet:
            raise AssertionError(f"{fname}: {self.shown!r} not in snippet {self.snippet!r}")
        return self

    def _rebind_changed(self, lines, fname):
        """Mutant mode: the snippet may carry a changed number. A mutant differs from its clean file
        by one number only, so look on the line where the clean snippet sits, match the snippet with
        its numbers made generic, keep the match whose numbers differ least from the clean ones, and
        re-read the figure's own number."""
        clean = (HERE / fname.replace(".mutant.md", ".md")).read_text(encoding="utf-8").splitlines()
        n = next(k for k, l in enumerate(clean, 1) if self.snippet in l)
        num = r"\d[\d.,]*\d|\d"
        i = self.snippet.find(self.shown)
        before, after = self.snippet[:i], self.snippet[i + len(self.shown):]

        def generic(t):
            out, last = "", 0
            for m in re.finditer(num, t):
                out += re.escape(t[last:m.start()]) + "(?:" + num + ")"
                last = m.end()
            return out + re.escape(t[last:])

        pat = re.compile(generic(before) + "(" + generic(self.shown) + ")" + generic(after))
        old_nums = re.findall(num, self.snippet)
        best = None
        for m in pat.finditer(lines[n - 1]):
            new_nums = re.findall(num, m.group(0))
            d = sum(a != b for a, b in zip(old_nums, new_nums))
            if best is None or d < best[0]:
                best = (d, m)
        if best:
            m = best[1]
            scale = self.value / parse_vn(self.shown)
            self.shown, self.snippet, self.line = m.group(1), m.group(0), n
            self.value = parse_vn(self.shown) * scale
            print(f"   (mutant) {fname} L{n}: re-read {self.shown!r}")

    def __repr__(self):
        return f"{self.shown}@L{self.line}"


MUTANT_MODE = "--mutants" in sys.argv
WORDNUM = re.compile(r"tỷ|triệu|nghìn")


def parse_vn(t):
    """'1.074.385' -> 1074385, '47,75' -> 47.75, '8 tỷ 946 triệu 320 nghìn' -> 8946.32 (triệu)"""
    if WORDNUM.search(t):
        unit = {"tỷ": Decimal(1000), "triệu": Decimal(1), "nghìn": Decimal("0.001")}
        return sum(Decimal(n) * unit[u] for n, u in re.findall(r"(\d+)\s*(tỷ|triệu|nghìn)", t))
    t = t.split("/")[0]
    return Decimal(t.replace(".", "").replace(",", "."))


def rnd(x, d):
    return Decimal(x).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)


def half(f):
    return Decimal(5).scaleb(-f.decimals - 1)


# ---- relation kinds -------------------------------------------------------------------------------
def pct(a, b, p, scale=1):
    """p% = a / b (b scaled by `scale` to a's unit)"""
    got = rnd(a.value / (b.value * scale) * 100, p.decimals)
    return got == p.value, f"{a}/{b} = {got}% vs stated {p}"


def growth(y, prev, g, negative=False):
    got = rnd((y.value / prev.value - 1) * 100, g.decimals)
    want = -g.value if negative else g.value
    return got == want, f"({y}/{prev}-1) = {got}% vs stated {'-' if negative else ''}{g}"


def ratio_pct(y, prev, p):
    got = rnd(y.value / prev.value * 100, p.decimals)
    return got == p.value, f"{y}/{prev} = {got}% vs stated {p}"


def total(parts, tot):
    s = sum(p.value for p in parts)
    return s == tot.value, f"sum{parts} = {s} vs total {tot}"


def partial(parts, tot):
    s = sum(p.value for p in parts)
    return s <= tot.value, f"sum{parts} = {s} <= total {tot}"


def le(a, b):
    return a.value <= b.value, f"{a} <= {b}"


def diff(a, b, c):
    d = a.value - b.value
    return d == c.value, f"{a} - {b} = {d} vs stated {c}"


def same(*figs):
    return len({f.value for f in figs}) == 1, f"restated {figs}"


def shares100(shares):
    s = sum(f.value for f in shares)
    return s == 100, f"shares {shares} add to {s}"


def product(area, yld, prod, d=0):
    got = rnd(area.value * yld.value / 10, d)  # ha * tạ/ha = tạ; /10 = tấn
    return got == prod.value, f"{area} ha x {yld} tạ/ha = {got} tấn vs stated {prod}"


def avg_yield(prod, area, yld):
    got = rnd(prod.value / area.value * 10, yld.decimals)
    return got == yld.value, f"{prod}/{area}*10 = {got} tạ/ha vs stated {yld}"


def implied_sum(parts, tot, kind):
    """Interval check of derived quantities: plan = Y/p (kind 'plan') or prev = Y/(1+g) (kind 'prev').
    The sum of the parts' implied intervals must overlap the total's implied interval."""

    def interval(y, r):
        lo_r, hi_r = r.value - half(r), r.value + half(r)
        if kind == "plan":
            return y.value * 100 / hi_r, y.value * 100 / lo_r
        return y.value / (1 + hi_r / 100), y.value / (1 + lo_r / 100)

    ivs = [interval(y, r) for y, r in parts]
    lo, hi = sum(i[0] for i in ivs), sum(i[1] for i in ivs)
    tlo, thi = interval(*tot)
    ok = lo <= thi and tlo <= hi
    return ok, f"implied {kind}: parts [{lo:.0f}, {hi:.0f}] vs total [{tlo:.0f}, {thi:.0f}]"


def between(x, lo, hi):
    return lo.value <= x.value <= hi.value, f"{lo} <= {x} <= {hi}"


def count(n, items):
    return n.value == len(items), f"count {n} vs {len(items)} listed"


def truth(ok, msg):
    return ok, msg


def date_ok(d, m, y):
    try:
        datetime.date(y, m, d)
        return True, f"{d:02d}/{m:02d}/{y} exists"
    except ValueError:
        return False, f"{d}/{m}/{y} does not exist"


def years(n, start, end):
    return end - start == n, f"{n} năm = {end} - {start}"


# ---- the files --------------------------------------------------------------------------------------
def rel_01():
    s = {}
    s["ind_m"] = F("tháng 6 ước thực hiện 186.420 triệu", 186420)
    s["ind"] = F("6 tháng ước thực hiện 1.074.385 triệu", 1074385)
    s["agr_m"] = F("tháng 6 ước thực hiện 38.780 triệu", 38780)
    s["agr"] = F("6 tháng ước thực hiện 239.955 triệu", 239955)
    s["agr_p"] = F("đạt 46,37% kế hoạch, tăng 4,2% so cùng kỳ[^1]", 46.37, 2)
    s["agr_g"] = F("tăng 4,2% so cùng kỳ[^1]", 4.2, 1)
    s["nn_m"] = F("tháng 6 ước thực hiện 28.415", 28415)
    s["nn"] = F("6 tháng ước thực hiện 182.640", 182640)
    s["nn_p"] = F("đạt 45,83% kế hoạch, tăng 3,6%", 45.83, 2)
    s["nn_g"] = F("45,83% kế hoạch, tăng 3,6%", 3.6, 1)
    s["ln_m"] = F("tháng 6 ước thực hiện 4.120", 4120)
    s["ln"] = F("6 tháng ước thực hiện 21.385", 21385)
    s["ln_p"] = F("đạt 46,29% kế hoạch, tăng 7,6%", 46.29, 2)
    s["ln_g"] = F("46,29% kế hoạch, tăng 7,6%", 7.6, 1)
    s["ts_m"] = F("tháng 6 ước thực hiện 6.245", 6245)
    s["ts"] = F("6 tháng ước thực hiện 35.930", 35930)
    s["ts_p"] = F("đạt 49,35% kế hoạch, tăng 5,3%", 49.35, 2)
    s["ts_g"] = F("49,35% kế hoạch, tăng 5,3%", 5.3, 1)
    s["ret_m"] = F("tháng 6 ước thực hiện 412.350", 412350)
    s["ret"] = F("6 tháng ước thực hiện 2.415.620", 2415620)
    s["thu"] = F("6 tháng ước thực hiện 186.452 triệu", 186452)
    s["thu1"] = F("ngoài quốc doanh: 42.315 triệu", 42315)
    s["thu2"] = F("Thu tiền sử dụng đất: 96.540 triệu", 96540)
    s["thu3"] = F("Lệ phí trước bạ: 14.286 triệu", 14286)
    s["chi"] = F("6 tháng ước thực hiện 412.860 triệu", 412860)
    s["chi1"] = F("Chi đầu tư phát triển: 128.450 triệu", 128450)
    s["chi2"] = F("Chi thường xuyên: 281.326 triệu", 281326)
    s["gn"] = F("giải ngân 121.864 triệu đồng", 121864)
    s["gn_a"] = F("(121.864/311.200 triệu đồng)", 121864)
    s["gn_b"] = F("(121.864/337.600 triệu đồng)", 121864)
    s["kh_t"] = F("121.864/311.200", 311200)
    s["kh_h"] = F("121.864/337.600", 337600)
    s["gn_pt"] = F("bằng 39,16% kế hoạch vốn tỉnh", 39.16, 2)
    s["gn_ph"] = F("bằng 36,10% kế hoạch vốn huyện", 36.10, 2)
    s["ntm"] = F("có 17/21 xã", 17)
    s["xa"] = F("17/21 xã", 21)
    s["ntm_p"] = F("(đạt 80,95%)", 80.95, 2)
    s["ntm_nc"] = F("06 xã đạt chuẩn nông thôn mới nâng cao", 6, shown="06")
    s["ntm_km"] = F("02 xã đạt chuẩn nông thôn mới kiểu mẫu", 2, shown="02")
    s["q"] = F("với 8.214 suất quà", 8214)
    s["q_tien"] = F("tổng trị giá 4.125,6 triệu", 4125.6, 1)
    s["q1"] = F("huyện 5.102 suất", 5102)
    s["q1_tien"] = F("5.102 suất = 2.551,0 triệu", 2551.0, 1)
    s["q2"] = F("vận động 3.112 suất", 3112)
    s["q2_tien"] = F("3.112 suất = 1.574,6 triệu", 1574.6, 1)
    s["vl"] = F("(1.245/2.200 lao động)", 1245)
    s["vl_kh"] = F("1.245/2.200", 2200)
    s["vl_p"] = F("đạt 56,59% kế hoạch năm", 56.59, 2)
    s["vl0"] = F("việc làm mới cho 1.245 lao động", 1245)
    s["tn"] = F("cho 1.812/1.820 học sinh", 1812)
    s["hs"] = F("1.812/1.820", 1820)
    s["tn_p"] = F("đạt 99,56%", 99.56, 2)
    s["tnan_giam"] = F("giảm 3 vụ", 3)
    s["tnan"] = F("xảy ra 12 vụ", 12)
    s["tnan_p"] = F("(giảm 20%)", 20)
    rels = [
        ("month <= cumulative (industry)", le, (s["ind_m"], s["ind"])),
        ("month <= cumulative (agri)", le, (s["agr_m"], s["agr"])),
        ("month <= cumulative (retail)", le, (s["ret_m"], s["ret"])),
        ("footnote 6 tháng parts = total agri", total, ([s["nn"], s["ln"], s["ts"]], s["agr"])),
        ("footnote tháng 6 parts = total agri", total, ([s["nn_m"], s["ln_m"], s["ts_m"]], s["agr_m"])),
        ("month <= cumulative (NN/LN/TS)", lambda: (all(a.value <= b.value for a, b in [(s["nn_m"], s["nn"]), (s["ln_m"], s["ln"]), (s["ts_m"], s["ts"])]), "3 pairs"), ()),
        ("implied plans of footnote parts add to total's", implied_sum, ([(s["nn"], s["nn_p"]), (s["ln"], s["ln_p"]), (s["ts"], s["ts_p"])], (s["agr"], s["agr_p"]), "plan")),
        ("implied previous-year values add up", implied_sum, ([(s["nn"], s["nn_g"]), (s["ln"], s["ln_g"]), (s["ts"], s["ts_g"])], (s["agr"], s["agr_g"]), "prev")),
        ("thu: trong đó items <= total", partial, ([s["thu1"], s["thu2"], s["thu3"]], s["thu"])),
        ("chi: trong đó items <= total", partial, ([s["chi1"], s["chi2"]], s["chi"])),
        ("giải ngân restated in ratio", same, (s["gn"], s["gn_a"], s["gn_b"])),
        ("giải ngân % tỉnh", pct, (s["gn"], s["kh_t"], s["gn_pt"])),
        ("giải ngân % huyện", pct, (s["gn"], s["kh_h"], s["gn_ph"])),
        ("NTM 17/21 %", pct, (s["ntm"], s["xa"], s["ntm_p"])),
        ("NTM nâng cao + kiểu mẫu <= 17", partial, ([s["ntm_nc"], s["ntm_km"]], s["ntm"])),
        ("quà: suất add up", total, ([s["q1"], s["q2"]], s["q"])),
        ("quà: tiền add up", total, ([s["q1_tien"], s["q2_tien"]], s["q_tien"])),
        ("việc làm restated", same, (s["vl"], s["vl0"])),
        ("việc làm % KH", pct, (s["vl"], s["vl_kh"], s["vl_p"])),
        ("tốt nghiệp %", pct, (s["tn"], s["hs"], s["tn_p"])),
        ("TNGT giảm 3 vụ = 20% of 15", lambda: (rnd(s["tnan_giam"].value / (s["tnan"].value + s["tnan_giam"].value) * 100, 0) == s["tnan_p"].value, "3/(12+3)"), ()),
        ("date 18/06/2024", date_ok, (18, 6, 2024)),
        ("citations before report", truth, (datetime.date(2023, 12, 14) < datetime.date(2024, 6, 18) and datetime.date(2023, 12, 12) < datetime.date(2024, 6, 18), "14/12/2023, 12/12/2023 < 18/6/2024")),
        ("70 năm Điện Biên Phủ", years, (70, 1954, 2024)),
        ("134 năm ngày sinh Bác", years, (134, 1890, 2024)),
        ("năm học consecutive", truth, (2024 - 2023 == 1, "2023-2024")),
    ]
    return s, rels


def rel_02():
    s = {}
    s["grdp"] = F("GRDP ước tăng 7,43%", 7.43, 2)
    s["q3"] = F("quý III/2024 ước tính tăng 7,81%", 7.81, 2)
    s["c1"] = F("tăng 3,45%, đóng góp 0,52 điểm", 0.52, 2)
    s["c2"] = F("tăng 10,26%, đóng góp 3,96 điểm", 3.96, 2)
    s["c3"] = F("tăng 6,85%, đóng góp 2,63 điểm", 2.63, 2)
    s["c4"] = F("tăng 4,10%, đóng góp 0,32 điểm", 0.32, 2)
    s["g1"] = F("thủy sản tăng 3,45%", 3.45, 2)
    s["g2"] = F("xây dựng tăng 10,26%", 10.26, 2)
    s["g3"] = F("dịch vụ tăng 6,85%", 6.85, 2)
    s["g4"] = F("sản phẩm tăng 4,10%", 4.10, 2)
    s["cc1"] = F("thủy sản chiếm 14,82%", 14.82, 2)
    s["cc2"] = F("xây dựng chiếm 39,65%", 39.65, 2)
    s["cc3"] = F("dịch vụ chiếm 37,91%", 37.91, 2)
    s["cc4"] = F("sản phẩm chiếm 7,62%", 7.62, 2)
    s["iip"] = F("IIP ước tăng 9,8%", 9.8, 1)
    s["iip_min"] = F("khai khoáng giảm 2,3%", -2.3, 1, shown="2,3")
    s["iip_max"] = F("chế tạo tăng 10,6%", 10.6, 1)
    s["r_m"] = F("tháng 9/2024 ước đạt 7.912,4 tỷ", 7912.4, 1)
    s["r_q"] = F("quý III ước đạt 23.485,6 tỷ", 23485.6, 1)
    s["r"] = F("ước đạt 68.452,3 tỷ đồng, tăng 11,4%", 68452.3, 1)
    s["r_g"] = F("68.452,3 tỷ đồng, tăng 11,4%", 11.4, 1)
    s["r1"] = F("hàng hóa đạt 52.318,6 tỷ", 52318.6, 1)
    s["r2"] = F("ăn uống đạt 8.942,5 tỷ", 8942.5, 1)
    s["r3"] = F("lữ hành đạt 312,4 tỷ", 312.4, 1)
    s["r4"] = F("dịch vụ khác đạt 6.878,8 tỷ", 6878.8, 1)
    s["rg1"] = F("52.318,6 tỷ đồng, tăng 10,8%", 10.8, 1)
    s["rg2"] = F("8.942,5 tỷ đồng, tăng 14,6%", 14.6, 1)
    s["rg3"] = F("312,4 tỷ đồng, tăng 22,5%", 22.5, 1)
    s["rg4"] = F("6.878,8 tỷ đồng, tăng 11,9%", 11.9, 1)
    s["o1"] = F("nhà nước đạt 3.284,6 tỷ", 3284.6, 1)
    s["o2"] = F("ngoài nhà nước đạt 64.512,8 tỷ", 64512.8, 1)
    s["o3"] = F("nước ngoài đạt 654,9 tỷ", 654.9, 1)
    s["os1"] = F("chiếm 4,80% tổng mức", 4.80, 2)
    s["os2"] = F("chiếm 94,24%", 94.24, 2)
    s["os3"] = F("chiếm 0,96%", 0.96, 2)
    s["ngroups"] = F("trong 11 nhóm hàng hóa", 11)
    s["nup"] = F("có 7 nhóm tăng giá", 7)
    s["ndown"] = F("2 nhóm giảm giá", 2)
    s["nflat"] = F("2 nhóm ổn định", 2)
    s["x_m"] = F("ước đạt 498,6 triệu USD", 498.6, 1)
    s["x_q"] = F("quý III ước đạt 1.512,3 triệu USD", 1512.3, 1)
    s["x"] = F("kim ngạch xuất khẩu ước đạt 4.215,6 triệu USD", 4215.6, 1)
    s["x_g"] = F("4.215,6 triệu USD, tăng 14,2%", 14.2, 1)
    s["x1"] = F("trong nước đạt 1.307,3 triệu USD", 1307.3, 1)
    s["x2"] = F("nước ngoài đạt 2.908,3 triệu USD", 2908.3, 1)
    s["xg1"] = F("1.307,3 triệu USD, tăng 9,6%", 9.6, 1)
    s["xg2"] = F("2.908,3 triệu USD, tăng 16,4%", 16.4, 1)
    s["x2_s"] = F("chiếm 68,99% tổng kim ngạch", 68.99, 2)
    s["nk"] = F("nhập khẩu 9 tháng ước đạt 3.703,2 triệu USD", 3703.2, 1)
    s["xs"] = F("xuất siêu 512,4 triệu USD", 512.4, 1)
    s["fdi1"] = F("vốn đăng ký 612,5 triệu USD", 612.5, 1)
    s["fdi2"] = F("tăng vốn với 238,7 triệu USD", 238.7, 1)
    s["fdi"] = F("đạt 851,2 triệu USD", 851.2, 1)
    up = ["giáo dục", "nhà ở, điện, nước", "hàng ăn", "hàng hóa và dịch vụ khác", "may mặc", "thiết bị", "đồ uống"]
    down = ["giao thông", "văn hóa, giải trí và du lịch"]
    flat = ["thuốc và dịch vụ y tế", "bưu chính, viễn thông"]

    def prev_sum():
        pv = sum(y.value / (1 + g.value / 100) for y, g in [(s["r1"], s["rg1"]), (s["r2"], s["rg2"]), (s["r3"], s["rg3"]), (s["r4"], s["rg4"])])
        got = rnd((s["r"].value / pv - 1) * 100, 1)
        return got == s["r_g"].value, f"retail growth from parts' implied prev = {got}"

    def prev_sum_x():
        pv = sum(y.value / (1 + g.value / 100) for y, g in [(s["x1"], s["xg1"]), (s["x2"], s["xg2"])])
        got = rnd((s["x"].value / pv - 1) * 100, 1)
        return got == s["x_g"].value, f"export growth from parts' implied prev = {got}"

    rels = [
        ("contributions add to GRDP growth", total, ([s["c1"], s["c2"], s["c3"], s["c4"]], s["grdp"])),
        ("each contribution <= its sector growth (share < 100%)", lambda: (all(c.value < g.value for c, g in [(s["c1"], s["g1"]), (s["c2"], s["g2"]), (s["c3"], s["g3"]), (s["c4"], s["g4"])]), "c_i < g_i"), ()),
        ("implied base shares c/g add to ~100%", lambda: (abs(sum(c.value / g.value for c, g in [(s["c1"], s["g1"]), (s["c2"], s["g2"]), (s["c3"], s["g3"]), (s["c4"], s["g4"])]) - 1) < Decimal("0.005"), "sum c_i/g_i ≈ 1"), ()),
        ("GRDP structure shares add to 100", shares100, ([s["cc1"], s["cc2"], s["cc3"], s["cc4"]],)),
        ("IIP total between sections", between, (s["iip"], s["iip_min"], s["iip_max"])),
        ("retail month <= quarter <= 9 months", lambda: (s["r_m"].value <= s["r_q"].value <= s["r"].value, "ordering"), ()),
        ("retail sectors add to total", total, ([s["r1"], s["r2"], s["r3"], s["r4"]], s["r"])),
        ("retail growth consistent with sectors", prev_sum, ()),
        ("retail ownership add to total", total, ([s["o1"], s["o2"], s["o3"]], s["r"])),
        ("share nhà nước", pct, (s["o1"], s["r"], s["os1"])),
        ("share ngoài nhà nước", pct, (s["o2"], s["r"], s["os2"])),
        ("share FDI", pct, (s["o3"], s["r"], s["os3"])),
        ("ownership shares add to 100", shares100, ([s["os1"], s["os2"], s["os3"]],)),
        ("CPI groups 7+2+2 = 11", total, ([s["nup"], s["ndown"], s["nflat"]], s["ngroups"])),
        ("CPI up-group list has 7 names", count, (s["nup"], up)),
        ("CPI down-group list has 2 names", count, (s["ndown"], down)),
        ("CPI flat-group list has 2 names", count, (s["nflat"], flat)),
        ("export month <= quarter <= 9 months", lambda: (s["x_m"].value <= s["x_q"].value <= s["x"].value, "ordering"), ()),
        ("export sectors add to total", total, ([s["x1"], s["x2"]], s["x"])),
        ("export growth consistent with sectors", prev_sum_x, ()),
        ("FDI export share", pct, (s["x2"], s["x"], s["x2_s"])),
        ("trade balance", diff, (s["x"], s["nk"], s["xs"])),
        ("FDI registered capital adds", total, ([s["fdi1"], s["fdi2"]], s["fdi"])),
        ("date 30/09/2024", date_ok, (30, 9, 2024)),
        ("năm học 2024-2025 consecutive", truth, (True, "2024-2025")),
    ]
    return s, rels


def rel_03():
    s = {}
    s["thu_kh"] = F("chỉ tiêu là 1 tỷ 180 triệu đồng", 1180, shown="1 tỷ 180 triệu")
    s["thu"] = F("cả năm 1 tỷ 312 triệu 450 nghìn đồng", 1312.45, shown="1 tỷ 312 triệu 450 nghìn")
    s["thu_p"] = F("đạt 111,22% kế hoạch", 111.22, 2)
    s["tong_thu"] = F("ước đạt 8 tỷ 946 triệu 320 nghìn đồng", 8946.32, shown="8 tỷ 946 triệu 320 nghìn")
    s["tong_chi"] = F("ước 8 tỷ 512 triệu 780 nghìn đồng", 8512.78, shown="8 tỷ 512 triệu 780 nghìn")
    s["ket_du"] = F("kết dư ngân sách 433 triệu 540 nghìn đồng", 433.54, shown="433 triệu 540 nghìn")
    s["lua_dt"] = F("cả năm 412,5/420 ha", 412.5, 1)
    s["lua_kh"] = F("412,5/420 ha", 420)
    s["lua_p"] = F("đạt 98,21% kế hoạch", 98.21, 2)
    s["lua_ns"] = F("năng suất bình quân 58,4 tạ/ha", 58.4, 1)
    s["lua_sl"] = F("sản lượng lúa 2.409 tấn", 2409)
    s["ngo_dt"] = F("Diện tích ngô 65 ha", 65)
    s["ngo_ns"] = F("năng suất 45,2 tạ/ha", 45.2, 1)
    s["ngo_sl"] = F("sản lượng 293,8 tấn", 293.8, 1)
    s["lt"] = F("có hạt đạt 2.702,8 tấn", 2702.8, 1)
    s["lt_p"] = F("đạt 100,1% kế hoạch", 100.1, 1)
    s["lt_d"] = F("tăng 86,5 tấn", 86.5, 1)
    s["lt_g"] = F("tương đương tăng 3,31%", 3.31, 2)
    s["nthon"] = F("Toàn xã có 05 thôn", 5, shown="05")
    s["vh"] = F("05/05 thôn có nhà văn hóa", 5, shown="05/05")
    s["ho"] = F("Toàn xã có 1.246 hộ", 1246)
    s["hn0"] = F("đầu năm là 50 hộ", 50)
    s["hn0_p"] = F("(chiếm 4,05%)", 4.05, 2)
    s["hn"] = F("còn 38 hộ", 38)
    s["hn_p"] = F("chiếm 3,05%", 3.05, 2)
    s["hn_giam"] = F("giảm 12 hộ", 12)
    s["hn_dpt"] = F("giảm 1,0 điểm phần trăm", 1.0, 1)
    s["cn"] = F("hộ cận nghèo 57 hộ", 57)
    s["cn_p"] = F("chiếm 4,57%", 4.57, 2)
    s["bhyt"] = F("4.412/4.687 người", 4412)
    s["dan"] = F("4.412/4.687", 4687)
    s["bhyt_p"] = F("đạt 94,13%", 94.13, 2)
    s["bhyt_ct"] = F("vượt chỉ tiêu Nghị quyết (93%)", 93)
    s["tc"] = F("cho 63/65 trẻ em", 63)
    s["tc_n"] = F("63/65", 65)
    s["tc_p"] = F("đạt 96,92%", 96.92, 2)
    thon_names = ["Phước Lộc", "Phước Thịnh", "Tân An", "Tân Bình", "Đồng Tâm"]
    rels = [
        ("thu NS % chỉ tiêu", pct, (s["thu"], s["thu_kh"], s["thu_p"])),
        ("kết dư = thu - chi", diff, (s["tong_thu"], s["tong_chi"], s["ket_du"])),
        ("thu trên địa bàn <= tổng thu", le, (s["thu"], s["tong_thu"])),
        ("lúa diện tích %", pct, (s["lua_dt"], s["lua_kh"], s["lua_p"])),
        ("lúa sản lượng = DT x NS", product, (s["lua_dt"], s["lua_ns"], s["lua_sl"])),
        ("ngô sản lượng = DT x NS", product, (s["ngo_dt"], s["ngo_ns"], s["ngo_sl"], 1)),
        ("lương thực = lúa + ngô", total, ([s["lua_sl"], s["ngo_sl"]], s["lt"])),
        ("lương thực % KH 2.700 (Điều 2 plan is 2.750 for 2024; 2023 plan implied 2.700)", lambda: (rnd(s["lt"].value / 2700 * 100, 1) == s["lt_p"].value, "2702,8/2700"), ()),
        ("lương thực tăng 86,5 tấn = 3,31%", lambda: (rnd(s["lt_d"].value / (s["lt"].value - s["lt_d"].value) * 100, 2) == s["lt_g"].value, "86,5/(2702,8-86,5)"), ()),
        ("05 thôn listed", count, (s["nthon"], thon_names)),
        ("05/05 thôn = số thôn", same, (s["nthon"], s["vh"])),
        ("hộ nghèo %", pct, (s["hn"], s["ho"], s["hn_p"])),
        ("hộ cận nghèo %", pct, (s["cn"], s["ho"], s["cn_p"])),
        ("hộ nghèo giảm 12 = 50 - 38", diff, (s["hn0"], s["hn"], s["hn_giam"])),
        ("tỷ lệ giảm 1,0 điểm = 4,05 - 3,05", diff, (s["hn0_p"], s["hn_p"], s["hn_dpt"])),
        ("đầu năm 4,05% implies ~1.235 hộ (plausible, < 1.246 not stated)", lambda: (1230 <= s["hn0"].value / s["hn0_p"].value * 100 <= 1240, "50/4,05%"), ()),
        ("BHYT %", pct, (s["bhyt"], s["dan"], s["bhyt_p"])),
        ("BHYT vượt chỉ tiêu 93%", le, (s["bhyt_ct"], s["bhyt_p"])),
        ("tiêm chủng %", pct, (s["tc"], s["tc_n"], s["tc_p"])),
        ("date 22/12/2023", date_ok, (22, 12, 2023)),
        ("HĐND term 2021-2026", years, (5, 2021, 2026)),
        ("citations before 22/12/2023", truth, (datetime.date(2022, 12, 15) < datetime.date(2023, 12, 22) and datetime.date(2023, 12, 12) < datetime.date(2023, 12, 22), "15/12/2022, 12/12/2023")),
    ]
    return s, rels


def rel_04():
    s = {}
    s["kh_t"] = F("tỉnh giao 500.000 triệu", 500000)
    s["kh_h"] = F("HĐND huyện giao 550.000 triệu", 550000)
    s["sdd_kh_t"] = F("tiền sử dụng đất tỉnh giao 250.000 triệu", 250000)
    s["sdd_kh_h"] = F("HĐND huyện giao 300.000 triệu", 300000)
    s["chi_kh"] = F("HĐND huyện giao 1.260.000 triệu", 1260000)
    s["dt_kh"] = F("chi đầu tư phát triển 419.000 triệu", 419000)
    s["tx_kh"] = F("chi thường xuyên 816.300 triệu", 816300)
    s["dp_kh"] = F("dự phòng ngân sách 24.700 triệu", 24700)
    s["thu"] = F("9 tháng ước thực hiện 412.356 triệu", 412356)
    s["thu_pt"] = F("đạt 82,47% dự toán tỉnh giao", 82.47, 2)
    s["thu_ph"] = F("đạt 74,97% dự toán HĐND", 74.97, 2)
    s["thu_g"] = F("tăng 15,3% so với cùng kỳ", 15.3, 1)
    s["thu_prev"] = F("thực hiện 357.640 triệu", 357640)
    items = [("8.245", 8245), ("112.430", 112430), ("38.612", 38612), ("24.180", 24180), ("1.926", 1926),
             ("198.540", 198540), ("12.318", 12318), ("6.845", 6845), ("9.260", 9260)]
    s["items"] = [F(f": {t} triệu", v) for t, v in items]
    s["sdd"] = s["items"][5]
    s["sdd_pt"] = F("đạt 79,42% dự toán tỉnh giao", 79.42, 2)
    s["sdd_ph"] = F("bằng 66,18% dự toán HĐND", 66.18, 2)
    s["khong_sdd"] = F("đạt 213.816 triệu", 213816)
    s["khong_sdd_p"] = F("bằng 85,53% dự toán", 85.53, 2)
    s["khong_sdd_kh"] = F("đều là 250.000 triệu", 250000)
    s["nsdp"] = F("ước đạt 1.126.845 triệu", 1126845)
    s["nsdp_items"] = [F("hưởng 352.614 triệu", 352614), F("tỉnh 498.320 triệu", 498320), F("mục tiêu 142.586 triệu", 142586), F("sang 133.325 triệu", 133325)]
    s["chi"] = F("9 tháng ước thực hiện 845.372 triệu", 845372)
    s["chi_p"] = F("đạt 67,09% dự toán HĐND", 67.09, 2)
    s["dt"] = F("Chi đầu tư phát triển: 256.418 triệu", 256418)
    s["dt_p"] = F("đạt 61,20% dự toán", 61.20, 2)
    s["tx"] = F("Chi thường xuyên: 588.954 triệu", 588954)
    s["tx_p"] = F("đạt 72,15% dự toán", 72.15, 2)
    s["gd"] = F("dạy nghề 312.480 triệu", 312480)
    s["gd_p"] = F("chiếm 53,06% chi thường xuyên", 53.06, 2)
    s["qlhc"] = F("hành chính 98.612 triệu", 98612)
    rels = [
        ("thu % tỉnh", pct, (s["thu"], s["kh_t"], s["thu_pt"])),
        ("thu % HĐND", pct, (s["thu"], s["kh_h"], s["thu_ph"])),
        ("thu growth vs cùng kỳ", growth, (s["thu"], s["thu_prev"], s["thu_g"])),
        ("thu items (gồm) add to total", total, (s["items"], s["thu"])),
        ("SDĐ % tỉnh", pct, (s["sdd"], s["sdd_kh_t"], s["sdd_pt"])),
        ("SDĐ % HĐND", pct, (s["sdd"], s["sdd_kh_h"], s["sdd_ph"])),
        ("không kể SDĐ = total - SDĐ", diff, (s["thu"], s["sdd"], s["khong_sdd"])),
        ("không kể SDĐ %", pct, (s["khong_sdd"], s["khong_sdd_kh"], s["khong_sdd_p"])),
        ("dự toán không kể SDĐ tỉnh = 500.000 - 250.000", diff, (s["kh_t"], s["sdd_kh_t"], s["khong_sdd_kh"])),
        ("dự toán không kể SDĐ HĐND = 550.000 - 300.000", diff, (s["kh_h"], s["sdd_kh_h"], s["khong_sdd_kh"])),
        ("NSĐP revenue items add", total, (s["nsdp_items"], s["nsdp"])),
        ("chi dự toán components add", total, ([s["dt_kh"], s["tx_kh"], s["dp_kh"]], s["chi_kh"])),
        ("chi % dự toán", pct, (s["chi"], s["chi_kh"], s["chi_p"])),
        ("chi items (gồm) add", total, ([s["dt"], s["tx"]], s["chi"])),
        ("chi ĐTPT %", pct, (s["dt"], s["dt_kh"], s["dt_p"])),
        ("chi TX %", pct, (s["tx"], s["tx_kh"], s["tx_p"])),
        ("giáo dục share of TX", pct, (s["gd"], s["tx"], s["gd_p"])),
        ("TX trong đó <= TX", partial, ([s["gd"], s["qlhc"]], s["tx"])),
        ("hedge 'hơn 412 tỷ'", truth, (s["thu"].value > 412000, "412.356 > 412.000")),
        ("hedge 'khoảng 3/4 dự toán HĐND'", truth, (abs(s["thu"].value / s["kh_h"].value - Decimal("0.75")) < Decimal("0.01"), "74,97% ≈ 75%")),
        ("hedge 'gần 200 tỷ' SDĐ", truth, (195000 <= s["sdd"].value < 200000, "198.540 < 200.000")),
        ("date 24/09/2024", date_ok, (24, 9, 2024)),
    ]
    return s, rels


def rel_05():
    s = {}
    s["cc"] = [F("nông nghiệp chiếm 71,2%", 71.2, 1), F("lâm nghiệp chiếm 10,4%", 10.4, 1), F("thủy sản chiếm 18,4%", 18.4, 1)]
    s["gt"] = F("đạt 158.426 ha", 158426)
    s["gt_p"] = F("bằng 99,62%", 99.62, 2)
    s["gt_d"] = F("(giảm 612 ha)", 612)
    s["lua"] = F("cả năm 98.450 ha", 98450)
    s["dx"] = F("Đông Xuân 51.620 ha", 51620)
    s["dx_ns"] = F("năng suất 65,8 tạ/ha", 65.8, 1)
    s["dx_sl"] = F("sản lượng 339.660 tấn", 339660)
    s["ht"] = F("Hè Thu 46.830 ha", 46830)
    s["ht_ns"] = F("năng suất 54,6 tạ/ha", 54.6, 1)
    s["ht_sl"] = F("sản lượng 255.692 tấn", 255692)
    s["lua_ns"] = F("cả năm đạt 60,47 tạ/ha", 60.47, 2)
    s["lua_sl"] = F("lúa cả năm đạt 595.352 tấn", 595352)
    s["ngo"] = F("diện tích 12.150 ha", 12150)
    s["ngo_ns"] = F("năng suất 48,6 tạ/ha", 48.6, 1)
    s["ngo_sl"] = F("sản lượng 59.049 tấn", 59049)
    s["lac"] = F("diện tích 14.320 ha", 14320)
    s["lac_ns"] = F("năng suất 26,8 tạ/ha", 26.8, 1)
    s["lac_sl"] = F("sản lượng 38.378 tấn", 38378)
    s["lt"] = F("năm 2023 đạt 654.401 tấn", 654401)
    s["lt_d"] = F("tăng 13.215 tấn", 13215)
    s["lt_g"] = F("tương đương 2,06%", 2.06, 2)
    s["thit"] = F("ước đạt 112.680 tấn", 112680)
    s["thit_parts"] = [F("lợn hơi 78.315 tấn", 78315), F("gia cầm hơi 21.640 tấn", 21640)]
    s["rung"] = F("tập trung đạt 9.816 ha", 9816)
    s["rung_p"] = F("đạt 105,55% kế hoạch", 105.55, 2)
    s["rung_kh"] = F("(kế hoạch 9.300 ha)", 9300)
    s["go"] = F("ước đạt 612,4 nghìn m3", 612.4, 1)
    s["go_g"] = F("tăng 5,2% (tăng 30,3", 5.2, 1)
    s["go_d"] = F("(tăng 30,3 nghìn m3)", 30.3, 1)
    s["go_rt"] = F("gỗ rừng trồng 598,6 nghìn m3", 598.6, 1)
    s["ts"] = F("ước đạt 56.424 tấn", 56424)
    s["ts_d"] = F("tăng 1.231 tấn", 1231)
    s["ts_g"] = F("tương đương 2,23%", 2.23, 2)
    s["ts_kt"] = F("khai thác 38.712 tấn", 38712)
    s["ts_nt"] = F("nuôi trồng 17.712 tấn", 17712)
    s["ntm"] = F("lên 178/216 xã", 178)
    s["xa"] = F("178/216", 216)
    s["ntm_p"] = F("chiếm 82,41%", 82.41, 2)

    def growth_by_diff(y, d, g):
        got = rnd(d.value / (y.value - d.value) * 100, g.decimals)
        return got == g.value, f"{d}/({y}-{d}) = {got}% vs stated {g}"

    rels = [
        ("cơ cấu GTSX adds to 100", shares100, (s["cc"],)),
        ("gieo trồng bằng 99,62% & giảm 612 ha", lambda: (rnd(s["gt"].value / (s["gt"].value + s["gt_d"].value) * 100, 2) == s["gt_p"].value, "158426/159038"), ()),
        ("lúa ĐX + HT = cả năm", total, ([s["dx"], s["ht"]], s["lua"])),
        ("ĐX sản lượng = DT x NS", product, (s["dx"], s["dx_ns"], s["dx_sl"])),
        ("HT sản lượng = DT x NS", product, (s["ht"], s["ht_ns"], s["ht_sl"])),
        ("lúa sản lượng = ĐX + HT", total, ([s["dx_sl"], s["ht_sl"]], s["lua_sl"])),
        ("lúa năng suất bình quân", avg_yield, (s["lua_sl"], s["lua"], s["lua_ns"])),
        ("ngô sản lượng", product, (s["ngo"], s["ngo_ns"], s["ngo_sl"])),
        ("lạc sản lượng", product, (s["lac"], s["lac_ns"], s["lac_sl"])),
        ("lương thực có hạt = lúa + ngô", total, ([s["lua_sl"], s["ngo_sl"]], s["lt"])),
        ("lương thực tăng 13.215 tấn = 2,06%", growth_by_diff, (s["lt"], s["lt_d"], s["lt_g"])),
        ("'năm đầu tiên vượt 65 vạn tấn'", truth, (s["lt"].value >= 650000 > s["lt"].value - s["lt_d"].value, "654.401 ≥ 650.000 > 641.186")),
        ("lúa + ngô + lạc areas <= tổng diện tích gieo trồng", partial, ([s["lua"], s["ngo"], s["lac"]], s["gt"])),
        ("thịt trong đó <= total", partial, (s["thit_parts"], s["thit"])),
        ("trồng rừng % KH", pct, (s["rung"], s["rung_kh"], s["rung_p"])),
        ("gỗ tăng 5,2% & tăng 30,3 nghìn m3", growth_by_diff, (s["go"], s["go_d"], s["go_g"])),
        ("gỗ rừng trồng <= gỗ khai thác", le, (s["go_rt"], s["go"])),
        ("thủy sản tăng 1.231 tấn = 2,23%", growth_by_diff, (s["ts"], s["ts_d"], s["ts_g"])),
        ("thủy sản khai thác + nuôi = tổng", total, ([s["ts_kt"], s["ts_nt"]], s["ts"])),
        ("NTM %", pct, (s["ntm"], s["xa"], s["ntm_p"])),
        ("date 20/12/2023", date_ok, (20, 12, 2023)),
    ]
    return s, rels


def rel_06():
    s = {}
    s["ho"] = F("toàn huyện có 35.462 hộ", 35462)
    s["hn0"] = F("đầu năm là 2.145 hộ", 2145)
    s["hn0_p"] = F("chiếm 6,12%", 6.12, 2)
    s["hn"] = F("còn 1.688 hộ nghèo", 1688)
    s["hn_p"] = F("chiếm 4,76%", 4.76, 2)
    s["hn_giam"] = F("giảm 457 hộ", 457)
    s["thoat"] = F("có 612 hộ thoát nghèo", 612)
    s["ps"] = F("155 hộ nghèo phát sinh", 155)
    s["dpt"] = F("giảm 1,36 điểm phần trăm", 1.36, 2)
    s["dpt_ct"] = F("(giảm 1,2 điểm phần trăm)", 1.2, 1)
    s["cn"] = F("còn 2.310 hộ", 2310)
    s["cn_p"] = F("chiếm 6,51%", 6.51, 2)
    s["vl"] = F("cho 3.415 lao động", 3415)
    s["vl_p"] = F("đạt 113,83% kế hoạch", 113.83, 2)
    s["vl_kh"] = F("(kế hoạch 3.000 lao động)", 3000)
    s["vl1"] = F("trong tỉnh 1.845 lao động", 1845)
    s["vl2"] = F("ngoài tỉnh 1.158 lao động", 1158)
    s["vl3"] = F("hợp đồng 412 lao động", 412)
    s["xk_p"] = F("(đạt 103% kế hoạch", 103)
    s["xk_kh"] = F("giao 400 lao động", 400)
    s["dn"] = F("nghề cho 2.180/2.250 người", 2180)
    s["dn_kh"] = F("2.180/2.250", 2250)
    s["dn_p"] = F("đạt 96,89% kế hoạch", 96.89, 2)
    s["ldqdt"] = F("đào tạo đạt 68,5%", 68.5, 1)
    s["ldqdt_kh"] = F("kế hoạch (68%)", 68)
    s["bhyt"] = F("168.234/176.520 người", 168234)
    s["dan"] = F("168.234/176.520", 176520)
    s["bhyt_p"] = F("bao phủ 95,31%", 95.31, 2)
    s["bhyt_ct"] = F("tỉnh giao (95%)", 95)
    s["bhxh"] = F("xã hội 14.562 người", 14562)
    s["bhxh_p"] = F("chiếm 18,42%", 18.42, 2)
    s["lllđ"] = F("(79.055 người)", 79055)
    s["bhxh_kh"] = F("kế hoạch (20%)", 20)
    s["qua"] = F("tặng 5.320 suất", 5320)
    s["qua_1"] = F("mỗi suất 500.000 đồng", 500000)
    s["qua_t"] = F("tổng số tiền 2.660 triệu", 2660)
    s["nct"] = F("trong 06 chỉ tiêu", 6, shown="06")
    s["dat"] = F("có 04 chỉ tiêu đạt", 4, shown="04")
    s["kdat"] = F("02 chỉ tiêu không đạt", 2, shown="02")
    rels = [
        ("hộ nghèo cuối năm %", pct, (s["hn"], s["ho"], s["hn_p"])),
        ("hộ cận nghèo %", pct, (s["cn"], s["ho"], s["cn_p"])),
        ("giảm 457 = 2.145 - 1.688", diff, (s["hn0"], s["hn"], s["hn_giam"])),
        ("giảm 457 = 612 thoát - 155 phát sinh", diff, (s["thoat"], s["ps"], s["hn_giam"])),
        ("1,36 điểm = 6,12 - 4,76", diff, (s["hn0_p"], s["hn_p"], s["dpt"])),
        ("vượt chỉ tiêu giảm 1,2 điểm", le, (s["dpt_ct"], s["dpt"])),
        ("đầu năm 6,12% implies ~35.049 hộ (plausible; not stated)", lambda: (35000 < s["hn0"].value / s["hn0_p"].value * 100 < 35100, "2145/6,12%"), ()),
        ("việc làm % KH", pct, (s["vl"], s["vl_kh"], s["vl_p"])),
        ("việc làm gồm 3 nhóm add up", total, ([s["vl1"], s["vl2"], s["vl3"]], s["vl"])),
        ("XKLĐ % KH", pct, (s["vl3"], s["xk_kh"], s["xk_p"])),
        ("đào tạo nghề %", pct, (s["dn"], s["dn_kh"], s["dn_p"])),
        ("verdict: đào tạo nghề không đạt", truth, (s["dn_p"].value < 100, "96,89 < 100")),
        ("verdict: LĐ qua đào tạo đạt", le, (s["ldqdt_kh"], s["ldqdt"])),
        ("BHYT %", pct, (s["bhyt"], s["dan"], s["bhyt_p"])),
        ("verdict: BHYT đạt", le, (s["bhyt_ct"], s["bhyt_p"])),
        ("BHXH share of labour force", pct, (s["bhxh"], s["lllđ"], s["bhxh_p"])),
        ("verdict: BHXH chưa đạt", truth, (s["bhxh_p"].value < s["bhxh_kh"].value, "18,42 < 20")),
        ("quà: 5.320 x 500.000 = 2.660 triệu", truth, (s["qua"].value * s["qua_1"].value == s["qua_t"].value * 1000000, "5320*0,5")),
        ("06 chỉ tiêu = 04 đạt + 02 không đạt", total, ([s["dat"], s["kdat"]], s["nct"])),
        ("76 năm TBLS", years, (76, 1947, 2023)),
        ("date 15/12/2023", date_ok, (15, 12, 2023)),
    ]
    return s, rels


def rel_07():
    s = {}
    s["head_g"] = F("Xuất khẩu 8 tháng tăng 15%", 15)
    s["head_xs"] = F("xuất siêu hơn 500 triệu USD", 500)
    s["m"] = F("tháng 8/2024 ước đạt 312,5 triệu USD", 312.5, 1)
    s["m_mom"] = F("tăng 4,2% so với tháng trước", 4.2, 1)
    s["m7"] = F("được gần 300 triệu USD", 300)
    s["x"] = F("ước đạt 2,356 tỷ USD", 2356, shown="2,356")
    s["x_g"] = F("tăng 15,1% so với cùng kỳ", 15.1, 1)
    s["x_p"] = F("bằng 65,4% kế hoạch năm", 65.4, 1)
    s["kh"] = F("(3,6 tỷ USD)", 3600, shown="3,6")
    s["i"] = [F("dệt may đạt 612,4 triệu USD", 612.4, 1), F("gỗ đạt 485,2 triệu USD", 485.2, 1), F("linh kiện đạt 402,8 triệu USD", 402.8, 1), F("thủy sản đạt 228,6 triệu USD", 228.6, 1)]
    s["i_s"] = F("chiếm 73,4% tổng kim ngạch", 73.4, 1)
    s["us"] = F("lớn nhất với 758,3 triệu USD", 758.3, 1)
    s["us_s"] = F("chiếm 32,2% tổng kim ngạch", 32.2, 1)
    s["fdi"] = F("xuất khẩu 1,512 tỷ USD", 1512, shown="1,512")
    s["fdi_s"] = F("chiếm 64,2% tổng kim ngạch", 64.2, 1)
    s["tn"] = F("trong nước đạt 844 triệu USD", 844)
    s["nk"] = F("ước đạt 1,842 tỷ USD", 1842, shown="1,842")
    s["xs"] = F("xuất siêu 514 triệu USD", 514)
    s["dn"] = F("lên 42 doanh nghiệp", 42)
    s["dn0"] = F("(21 doanh nghiệp)", 21)
    s["gap"] = F("gấp 2 lần", 2)
    s["bq"] = F("bình quân khoảng 312 triệu USD", 312)
    s["ca_nam"] = F("được khoảng 3,6 tỷ USD", 3600, shown="3,6")
    s["bl_m"] = F("tháng 8 ước đạt 5.215 tỷ", 5215)
    s["bl"] = F("8 tháng đạt 40.312 tỷ", 40312)
    rels = [
        ("headline 15% = 15,1% rounded", truth, (rnd(s["x_g"].value, 0) == s["head_g"].value, "15,1 ≈ 15")),
        ("headline 'hơn 500' vs 514", le, (s["head_xs"], s["xs"])),
        ("tháng 8 <= 8 tháng", lambda: (s["m"].value <= s["x"].value, "312,5 <= 2.356"), ()),
        ("tháng 7 from +4,2% ≈ 299,9 'gần 300'", lambda: (Decimal(295) < s["m"].value / (1 + s["m_mom"].value / 100) < s["m7"].value, f"{s['m'].value / (1 + s['m_mom'].value / 100):.1f}"), ()),
        ("8 tháng % KH", pct, (s["x"], s["kh"], s["x_p"])),
        ("4 nhóm hàng <= tổng", partial, (s["i"], s["x"])),
        ("4 nhóm hàng share 73,4%", lambda: (rnd(sum(f.value for f in s["i"]) / s["x"].value * 100, 1) == s["i_s"].value, "1.729,0/2.356"), ()),
        ("Hoa Kỳ share", pct, (s["us"], s["x"], s["us_s"])),
        ("FDI share", pct, (s["fdi"], s["x"], s["fdi_s"])),
        ("FDI + trong nước = tổng", total, ([s["fdi"], s["tn"]], s["x"])),
        ("xuất siêu = X - NK", diff, (s["x"], s["nk"], s["xs"])),
        ("gấp 2 lần 42/21", truth, (s["dn"].value / s["dn0"].value == s["gap"].value, "42/21")),
        ("quote: 2.356 + 4 x 312 ≈ 3,6 tỷ", truth, (abs(s["x"].value + 4 * s["bq"].value - s["ca_nam"].value) < 50, "3.604")),
        ("bán lẻ tháng 8 <= 8 tháng", le, (s["bl_m"], s["bl"])),
        ("Tuesday 03/09/2024", truth, (datetime.date(2024, 9, 3).weekday() == 1, "Thứ Ba")),
    ]
    return s, rels


def rel_08():
    s = {}
    s["q3"] = F("ước tăng 6,84% so với cùng kỳ", 6.84, 2)
    s["q1"] = F("(quý I tăng 5,95%", 5.95, 2)
    s["q2"] = F("quý II tăng 6,71%", 6.71, 2)
    s["q3b"] = F("quý III tăng 6,84%)", 6.84, 2)
    s["g9"] = F("GRDP ước tăng 6,52%", 6.52, 2)
    s["g9b"] = F("GRDP tăng 6,52%", 6.52, 2)
    s["thu_q3"] = F("quý III ước đạt 1.245,6 tỷ", 1245.6, 1)
    s["thu"] = F("9 tháng ước đạt 4.312,8 tỷ", 4312.8, 1)
    s["thu_h1"] = F("đạt 3.067,2 tỷ", 3067.2, 1)
    s["thu_p"] = F("bằng 71,88% dự toán Trung ương", 71.88, 2)
    s["thu_kh"] = F("(6.000 tỷ đồng)", 6000)
    s["thu_g"] = F("tăng 8,6% so với cùng kỳ năm 2023", 8.6, 1)
    s["thu_prev"] = F("(3.971,3 tỷ đồng)", 3971.3, 1)
    s["tnd"] = F("thu nội địa 3.856,4 tỷ", 3856.4, 1)
    s["tnd_p"] = F("bằng 70,76% dự toán", 70.76, 2)
    s["tnd_kh"] = F("(5.450 tỷ đồng)", 5450)
    s["thu_b"] = F("trên địa bàn đạt 4.312,8 tỷ", 4312.8, 1)
    s["thu_pb"] = F("4.312,8 tỷ đồng, bằng 71,88% dự toán.", 71.88, 2)
    s["gn_q3"] = F("trong quý đạt 1.102,4 tỷ", 1102.4, 1)
    s["gn"] = F("9 tháng đạt 2.845,7 tỷ", 2845.7, 1)
    s["gn_h1"] = F("giải ngân 1.743,3 tỷ", 1743.3, 1)
    s["gn_p"] = F("bằng 58,37% kế hoạch vốn", 58.37, 2)
    s["gn_kh"] = F("(4.875,3 tỷ đồng)", 4875.3, 1)
    s["gn_pb"] = F("công đạt 58,37% kế hoạch", 58.37, 2)
    s["x_q3"] = F("quý III ước đạt 612,3 triệu USD", 612.3, 1)
    s["x"] = F("9 tháng ước đạt 1.785,6 triệu USD", 1785.6, 1)
    s["x_p"] = F("đạt 74,4% kế hoạch năm", 74.4, 1)
    s["x_kh"] = F("(2.400 triệu USD)", 2400)
    s["xb"] = F("Xuất khẩu đạt 1.785,6 triệu USD", 1785.6, 1)
    s["k_q3"] = F("đón 1,24 triệu lượt khách", 1.24, 2)
    s["k"] = F("ước đạt 3,56 triệu lượt", 3.56, 2)
    s["kb"] = F("với 3,56 triệu lượt khách", 3.56, 2)
    s["k_q3b"] = F("quý III đón 1,24 triệu lượt", 1.24, 2)
    s["kqt"] = F("quốc tế đạt 285,4 nghìn lượt", 285.4, 1)
    rels = [
        ("quý III GRDP restated", same, (s["q3"], s["q3b"])),
        ("9 tháng GRDP restated", same, (s["g9"], s["g9b"])),
        ("9 tháng between quarters", between, (s["g9"], s["q1"], s["q3"])),
        ("'cao nhất trong ba quý' / 'quý sau cao hơn quý trước'", truth, (s["q1"].value < s["q2"].value < s["q3"].value, "5,95 < 6,71 < 6,84")),
        ("'thấp hơn kịch bản 7,0%'", truth, (s["g9"].value < 7, "6,52 < 7,0")),
        ("thu 6 tháng + quý III = 9 tháng", total, ([s["thu_h1"], s["thu_q3"]], s["thu"])),
        ("thu % dự toán", pct, (s["thu"], s["thu_kh"], s["thu_p"])),
        ("thu growth", growth, (s["thu"], s["thu_prev"], s["thu_g"])),
        ("thu nội địa <= tổng thu", le, (s["tnd"], s["thu"])),
        ("thu nội địa %", pct, (s["tnd"], s["tnd_kh"], s["tnd_p"])),
        ("thu restated in Đánh giá chung", same, (s["thu"], s["thu_b"])),
        ("thu % restated", same, (s["thu_p"], s["thu_pb"])),
        ("giải ngân 6 tháng + quý III = 9 tháng", total, ([s["gn_h1"], s["gn_q3"]], s["gn"])),
        ("giải ngân %", pct, (s["gn"], s["gn_kh"], s["gn_p"])),
        ("giải ngân % restated", same, (s["gn_p"], s["gn_pb"])),
        ("xuất khẩu quý III <= 9 tháng", le, (s["x_q3"], s["x"])),
        ("xuất khẩu % KH", pct, (s["x"], s["x_kh"], s["x_p"])),
        ("xuất khẩu restated", same, (s["x"], s["xb"])),
        ("khách restated", same, (s["k"], s["kb"])),
        ("khách quý III restated", same, (s["k_q3"], s["k_q3b"])),
        ("'hơn 1/3' khách quý III", truth, (s["k_q3"].value / s["k"].value > Decimal(1) / 3, "1,24/3,56 = 34,8%")),
        ("khách quốc tế <= tổng", truth, (s["kqt"].value / 1000 <= s["k"].value, "0,2854 <= 3,56 triệu")),
        ("79 năm CMT8 / Quốc khánh", years, (79, 1945, 2024)),
        ("70 năm Giải phóng Thủ đô", years, (70, 1954, 2024)),
        ("năm học 2024-2025", truth, (True, "consecutive")),
        ("citations before 27/09/2024", truth, (datetime.date(2024, 1, 5) < datetime.date(2024, 9, 27) and datetime.date(2023, 12, 8) < datetime.date(2024, 9, 27), "05/01/2024, 08/12/2023")),
    ]
    return s, rels


FILES = {
    "01_huyen_6thang_2024.md": rel_01,
    "02_cucthongke_9thang_2024.md": rel_02,
    "03_xa_nghiquyet_2023.md": rel_03,
    "04_huyen_ngansach_9thang_2024.md": rel_04,
    "05_so_nongnghiep_nam_2023.md": rel_05,
    "06_huyen_laodong_xahoi_2023.md": rel_06,
    "07_baochi_xuatkhau_8thang_2024.md": rel_07,
    "08_tinh_quy3_9thang_2024.md": rel_08,
}


def figures(obj):
    if isinstance(obj, F):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for o in obj:
            yield from figures(o)
    elif isinstance(obj, dict):
        for o in obj.values():
            yield from figures(o)


def run(fname, builder, mutant=False):
    path = HERE / (fname.replace(".md", ".mutant.md") if mutant else fname)
    lines = path.read_text(encoding="utf-8").splitlines()
    s, rels = builder()
    missing = []
    for f in figures(s):
        try:
            f.bind(lines, path.name)
        except AssertionError as e:
            missing.append(str(e))
    # bound lazily inside lambdas too: rebind is idempotent
    failures = []
    for name, fn, args in rels:
        if missing and any(isinstance(a, F) and a.line is None for a in figures(args)):
            failures.append((name, "figure missing"))
            continue
        try:
            ok, msg = fn(*args)
        except Exception as e:  # a figure used inside a lambda was not found
            ok, msg = False, f"error {e!r}"
        if not ok:
            failures.append((name, msg))
    return len(rels), missing, failures


def main():
    mutant = "--mutants" in sys.argv
    bad = 0
    for fname, builder in FILES.items():
        n, missing, failures = run(fname, builder, mutant)
        label = fname.replace(".md", ".mutant.md") if mutant else fname
        print(f"{label}: {n} relations, {len(failures)} failing, {len(missing)} snippets not found")
        for m in missing:
            print("   MISSING", m)
        for name, msg in failures:
            print("   FAIL", name, "--", msg)
        bad += len(failures) + len(missing)
    if not mutant:
        assert bad == 0, f"{bad} problems in clean files"
        print("all clean relations hold")


if __name__ == "__main__":
    main()
