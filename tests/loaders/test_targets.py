"""Tests of loaders/targets.py (and loaders/numbers.py): tables of cases, properties, and the
score against the hand-made gold of the five bundled samples. The steps' own modules are tested
in test_target_*.py, test_caseless.py and test_section_index.py.

The samples are run through a crude stand-in for the normalizer and the heading parser (both
written elsewhere): duplicated long lines are dropped (samples 002 and 003 repeat the document)
and sections are cut at roman, arabic and lead-in bullet headings, with kind from keywords and year
from "năm 20xx" in the heading. ``match_targets`` is the scoring rule; ``score_samples`` prints the
table quoted in reports.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.numbers import parse_number
from policykg.loaders.record import Target
from policykg.loaders.sections import Section
from policykg.loaders.targets import extract_targets

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
GOLD_DIR = ROOT / "tests" / "gold"
#: The bar the extractor is held to on the samples, per sample.
MIN_PRECISION = MIN_RECALL = 0.90
#: Lines at least this long that repeat an earlier line are dropped (duplicated page text).
DUPLICATE_LINE_MIN = 25
VALUE_TOLERANCE = 1e-6


# ---------------------------------------------------------------- crude sections (test stand-in)

_ROMAN = re.compile(r"^[ \t]*([IVX]+)\s*[.\-/]\s+\S.*$", re.M)
_ARABIC = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*)\.[ \t]+(?=[^\d\s]).{2,140}$", re.M)
_LEADIN = re.compile(r"^[ \t]*([-+•](?:[ \t]+[-+•])*)[ \t]+[^\n]{3,110}:[ \t]*$", re.M)
_YEAR = re.compile(r"(?:năm|đến|giai đoạn|thời kỳ)\s+(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)


def _kind(title: str) -> str | None:
    t = title.lower()
    if "mục tiêu" in t or "chỉ tiêu" in t or "mục đích" in t or "tầm nhìn" in t:
        return "objectives"
    if "nhiệm vụ" in t or "giải pháp" in t:
        return "tasks"
    if "tổ chức thực" in t or "phân công" in t:
        return "organization"
    if "nơi nhận" in t:
        return "closing"
    return None


def crude_sections(text: str) -> list[Section]:
    """Sections from heading lines: roman (depth 0), arabic (depth = components), lead-in
    bullets ending in ':' (depth 9). Kind and year are inherited from the nearest ancestor."""
    heads = [(m.start(), 0, m.group(1), m.group(0)) for m in _ROMAN.finditer(text)]
    heads += [(m.start(), m.group(1).count(".") + 1, m.group(1), m.group(0)) for m in _ARABIC.finditer(text)]
    heads += [(m.start(), 9, m.group(1), m.group(0)) for m in _LEADIN.finditer(text)]
    closing = text.find("Nơi nhận")
    heads.sort()
    out: list[Section] = []
    if heads:
        out.append(Section("", "", 0, heads[0][0], "preamble"))
    stack: list[tuple[int, str, str, int | None, str]] = []  # depth, path, kind, year, marker
    for i, (start, depth, label, line) in enumerate(heads):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        end = _section_end(text, heads, i, closing)
        kind = _kind(line) or (stack[-1][2] if stack else "other")
        ym = _YEAR.search(line)
        year = int(ym.group(1)) if ym else (stack[-1][3] if stack else None)
        path = "/".join([s[1] for s in stack] + [label if depth != 9 else "-"])
        out.append(Section(path, line.strip(), start, end, kind, year, depth))  # type: ignore[arg-type]
        stack.append((depth, path.split("/")[-1] if depth != 9 else "-", kind, year, label))
    if closing >= 0:
        out.append(Section("closing", "Nơi nhận", closing, len(text), "closing", None, 0))
    return out


def _section_end(text: str, heads, i: int, closing: int) -> int:
    start, depth, label, _ = heads[i]
    end = closing if closing > start else len(text)
    for s, d, _lab, _line in heads[i + 1:]:
        if d <= depth and d != 9 or (depth == 9 and d < 9):
            end = min(s, end)
            break
    if depth == 9:  # a lead-in bullet also ends at the next bullet with the same marker
        m = re.compile(rf"^[ \t]*{re.escape(label)}[ \t]+(?![-+•])", re.M).search(text, start + 1)
        if m:
            end = min(m.start(), end)
    return end


def crude_normalize(raw: str) -> str:
    """Drop long lines that repeat an earlier line (the samples repeat their own text)."""
    seen: set[str] = set()
    out = []
    for line in raw.split("\n"):
        key = line.strip()
        if len(key) >= DUPLICATE_LINE_MIN and key in seen:
            continue
        seen.add(key)
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------- scoring


def _unit_key(unit: str | None) -> str | None:
    if unit is None:
        return None
    return unit.lower().replace(" ", "").replace("sỹ", "sĩ")


def match_targets(predicted: list[Target], gold: list[dict]) -> tuple[list, list, list]:
    """Greedy one-to-one match on (value within 1e-6, unit, year).

    Units compare after lowercasing, removing spaces and reading 'sỹ' as 'sĩ'.

    Returns:
        (tp, fp, fn): tp a list of (predicted, gold) pairs, fp predicted targets left, fn gold
        targets left.
    """
    left = list(gold)
    tp, fp = [], []
    for p in predicted:
        for g in left:
            if (abs((g["value"] or 0) - (p.value or 0)) <= VALUE_TOLERANCE
                    and (g["value"] is None) == (p.value is None)
                    and _unit_key(g["unit"]) == _unit_key(p.unit) and g["year"] == p.year):
                tp.append((p, g))
                left.remove(g)
                break
        else:
            fp.append(p)
    return tp, fp, left


def run_sample(path: Path) -> tuple[list[Target], list[dict]]:
    text = crude_normalize(path.read_text(encoding="utf-8"))
    gold = json.loads((GOLD_DIR / (path.stem + ".json")).read_text(encoding="utf-8"))["targets"]
    return extract_targets(text, crude_sections(text)), gold


def score_samples() -> list[dict]:
    """One row per sample: P, R, comparator and in_tasks agreement on matched pairs."""
    rows = []
    for path in SAMPLES:
        pred, gold = run_sample(path)
        tp, fp, fn = match_targets(pred, gold)
        n = max(len(tp), 1)
        rows.append({
            "sample": path.stem[:3], "gold": len(gold), "pred": len(pred), "tp": len(tp),
            "P": len(tp) / max(len(pred), 1), "R": len(tp) / max(len(gold), 1),
            "cmp": sum(p.comparator == g["comparator"] for p, g in tp) / n,
            "in_tasks": sum(p.in_tasks == g["in_tasks"] for p, g in tp) / n,
            "fp": fp, "fn": fn,
        })
    return rows


# ---------------------------------------------------------------- helpers


def one(text: str, sections: list[Section] | None = None) -> Target:
    targets = extract_targets(text, sections or [])
    assert len(targets) == 1, [(t.value, t.unit, t.text) for t in targets]
    return targets[0]


def triples(text: str, sections: list[Section] | None = None) -> list[tuple]:
    return [(t.value, t.value_max, t.unit, t.comparator, t.year)
            for t in extract_targets(text, sections or [])]


# ---------------------------------------------------------------- numbers

NUMBER_CASES = [
    ("27.026", 27026.0), ("87,5", 87.5), ("1.234,5", 1234.5), ("1.234.567", 1234567.0),
    ("100.000", 100000.0), ("05", 5.0), ("03", 3.0), ("0,8", 0.8), ("14,5", 14.5),
    ("99,85", 99.85), ("2.5", 2.5), ("0.75", 0.75), ("4.0", 4.0), ("1.2345", 1.2345),
    ("27,026", 27.026), ("12", 12.0), ("0", 0.0), ("6.794", 6794.0), ("1.871", 1871.0),
    (" 95 ", 95.0), ("1.000.000,25", 1000000.25), ("abc", None), ("", None), ("1,2,3", None),
    ("12-NQ", None), ("%", None),
]


@pytest.mark.parametrize(("written", "expected"), NUMBER_CASES, ids=[c[0] or "empty" for c in NUMBER_CASES])
def test_parse_number(written: str, expected: float | None) -> None:
    assert parse_number(written) == expected


# ---------------------------------------------------------------- comparators

COMPARATOR_CASES = [
    ("plain", "Tỷ lệ trường đạt chuẩn quốc gia đạt 87,5%.", "="),
    ("tren", "Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95%.", ">"),
    ("hon", "đưa ra khỏi diện quản lý hơn 2% số người nghiện.", ">"),
    ("vuot", "Kim ngạch xuất khẩu vượt 500 triệu USD.", ">"),
    ("symbol", "Đạt >25 điều dưỡng/1 vạn dân.", ">"),
    ("tu-tro-len", "Tỷ lệ trường đạt chuẩn quốc gia đạt từ 90% trở lên.", ">="),
    ("tro-len", "Tỷ lệ gia đình kiểu mẫu: 95% trở lên.", ">="),
    ("it-nhat", "giảm ít nhất 15% tỷ lệ tái nghiện so với năm 2020.", ">="),
    ("toi-thieu", "Tỷ lệ lao động có việc làm đạt tối thiểu 90%.", ">="),
    ("khong-duoi", "Tỷ lệ tiêm chủng không dưới 95%.", ">="),
    ("tu-alone", "Thu ngân sách tăng bình quân từ 12%/năm.", ">="),
    ("duoi", "Tỷ lệ hộ nghèo còn dưới 1%.", "<"),
    ("khong-qua", "Tỷ lệ tăng dân số tự nhiên không quá 1%.", "<="),
    ("toi-da", "Tỷ lệ nợ xấu tối đa 3%.", "<="),
    ("tro-xuong", "Tốc độ tăng dân số tự nhiên bình quân hàng năm: 1% trở xuống.", "<="),
    ("khoang", "Tỷ lệ hộ nghèo còn khoảng 0,3%.", "~"),
    ("xap-xi", "Tỷ lệ đô thị hóa xấp xỉ 50%.", "~"),
    ("range", "Tăng trưởng kinh tế đạt 10-11%.", "range"),
    ("cao-hon-comparative", "Số vụ phát hiện cao hơn 25% so với giai đoạn 2016 - 2020.", "="),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in COMPARATOR_CASES],
                         ids=[c[0] for c in COMPARATOR_CASES])
def test_comparator(sentence: str, expected: str) -> None:
    assert one(sentence).comparator == expected


# ---------------------------------------------------------------- units

UNIT_CASES = [
    ("percent", "Tỷ lệ lao động qua đào tạo đạt 82%.", "%"),
    ("per-mille", "Giảm tỷ suất tử vong trẻ em xuống còn 14,5%0.", "%0"),
    ("per-mille-sign", "Tỷ suất sinh giảm còn 1,2‰.", "%0"),
    ("rate", "Khu vực thành thị giảm 0,3%/năm.", "%/năm"),
    ("rate-spaced", "Khu vực nông thôn giảm 1,5% năm.", "%/năm"),
    ("gdp", "Huy động vốn đầu tư toàn xã hội chiếm khoảng 30-35% GRDP theo giá hiện hành.", "% GRDP"),
    ("money-per-head", "Thu nhập bình quân đầu người đạt trên 60 triệu đồng/người.", "triệu đồng/người"),
    ("slash-spaces", "Thu nhập bình quân đầu người/năm: 75 triệu đồng/ người/năm.", "triệu đồng/người/năm"),
    ("doctor", "Số bác sỹ/vạn dân đạt 16,3 bác sỹ.", "bác sỹ"),
    ("doctor-rate", "Có 11-13 bác sĩ/1 vạn dân.", "bác sĩ/1 vạn dân"),
    ("bed", "Tỷ lệ giường bệnh/vạn dân đạt 25 giường.", "giường"),
    ("billion", "Tổng thu ngân sách nhà nước phấn đấu đạt 27.026 tỷ đồng.", "tỷ đồng"),
    ("thousand-billion", "Huy động vốn đạt trên 75 nghìn tỷ đồng.", "nghìn tỷ đồng"),
    ("glued-ha", "Cây lúa: diện tích 320ha.", "ha"),
    ("yield", "Cây lúa: năng suất đạt 65 tạ/ ha/ vụ.", "tạ/ha/vụ"),
    ("workers", "Hàng năm, tạo việc làm mới cho khoảng 3.000 lao động.", "lao động"),
    ("workers-per-year", "Số lao động được tạo việc làm tăng thêm cho trên 14.000 lao động/năm.", "lao động/năm"),
    ("communes", "Đến năm 2025, có 13 xã đạt chuẩn nông thôn mới.", "xã"),
    ("households", "Năm 2025 có khoảng 5.000 hộ kinh doanh cá thể được cấp mã số thuế.", "hộ"),
    ("floor-area", "Diện tích nhà ở bình quân đạt: 27,5m2 sàn/người.", "m2 sàn/người"),
    ("club-acronym", "Phấn đấu mỗi năm thành lập mới 01 câu lạc bộ TDTT tại các thôn.", "câu lạc bộ TDTT"),
    ("rate-per-100k", "Giảm tỷ suất trẻ em bị tai nạn xuống 550/100.000 trẻ em.", "/100.000 trẻ em"),
    ("no-unit", "Tỷ lệ dược sỹ trên một vạn dân đạt 2,7 vào năm 2025.", None),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in UNIT_CASES],
                         ids=[c[0] for c in UNIT_CASES])
def test_unit(sentence: str, expected: str | None) -> None:
    assert one(sentence).unit == expected


def test_range_forms() -> None:
    for written in ("10-11%", "10 - 11%", "từ 10 đến 11%", "10%-11%"):
        t = one(f"Tăng trưởng kinh tế đạt {written}.")
        assert (t.value, t.value_max, t.comparator, t.unit) == (10, 11, "range", "%"), written


# ---------------------------------------------------------------- multi-target sentences

MULTI_CASES = [
    ("two-sentences", "Số bác sỹ/vạn dân đạt 16,3 bác sỹ. Số giường bệnh/vạn dân đạt 52 giường.",
     [(16.3, None, "bác sỹ", "=", None), (52, None, "giường", "=", None)]),
    ("trong-do", "Tỷ lệ lao động qua đào tạo đạt 82%; trong đó: có bằng cấp, chứng chỉ đạt 50%.",
     [(82, None, "%", "=", None), (50, None, "%", "=", None)]),
    ("lan-luot", "Tỷ lệ học sinh đi học đúng độ tuổi tiểu học, THCS lần lượt đạt 95%, 96%.",
     [(95, None, "%", "=", None), (96, None, "%", "=", None)]),
    ("siblings-money", "Thu hút đầu tư đạt 600 triệu USD vốn FDI và 3.000 tỷ đồng vốn DDI.",
     [(600, None, "triệu USD", "=", None), (3000, None, "tỷ đồng", "=", None)]),
    ("sector-list", "Tốc độ tăng trưởng đạt khoảng 12,96%/năm, trong đó: Công nghiệp tăng 21,48%/năm, "
                    "dịch vụ tăng 15%/năm.",
     [(12.96, None, "%/năm", "~", None), (21.48, None, "%/năm", "=", None), (15, None, "%/năm", "=", None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in MULTI_CASES],
                         ids=[c[0] for c in MULTI_CASES])
def test_multi_target_sentences(sentence: str, expected: list[tuple]) -> None:
    assert triples(sentence) == expected


def test_two_deadlines_one_indicator() -> None:
    got = extract_targets("Tiếp tục nâng tỷ lệ bác sỹ, phấn đấu đến năm 2025 đạt 6 bác sỹ/vạn dân "
                          "và 10 bác sỹ/vạn dân vào năm 2030.", [])
    assert [(t.value, t.unit, t.year) for t in got] == [(6, "bác sỹ/vạn dân", 2025), (10, "bác sỹ/vạn dân", 2030)]
    assert [t.id for t in got] == ["t1", "t2"]


def test_unitless_pair_with_two_deadlines_shares_indicator() -> None:
    got = extract_targets("tỷ lệ dược sỹ đại học trên một vạn dân đạt 2,7 vào năm 2025 và 3,0 vào năm 2030.", [])
    assert [(t.value, t.unit, t.year) for t in got] == [(2.7, None, 2025), (3.0, None, 2030)]
    assert got[1].indicator == got[0].indicator == "tỷ lệ dược sỹ đại học trên một vạn dân"


YEAR_CASES = [
    ("den-nam", "Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%.", 2025),
    ("trailing", "Tăng tỷ lệ lao động nữ làm công việc hưởng lương đạt 50% vào năm 2025.", 2025),
    ("giai-doan", "Giảm tỷ lệ hộ nghèo bình quân 0,8%/năm giai đoạn 2021 - 2025.", 2025),
    ("den-het", "Đến hết năm 2023, có 100% số xã đạt chuẩn nông thôn mới.", 2023),
    ("baseline-ignored", "Mỗi năm tăng trên 20% số lượt người được tuyên truyền so với năm 2020.", None),
    ("lead-in-colon", "Phấn đấu đến hết năm 2025: Tỷ lệ giường bệnh/vạn dân đạt 25 giường.", 2025),
    ("typo-nam-nam", "phân đến năm năm 2025 đạt 6 bác sỹ/vạn dân.", 2025),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in YEAR_CASES],
                         ids=[c[0] for c in YEAR_CASES])
def test_year(sentence: str, expected: int | None) -> None:
    assert one(sentence).year == expected


def test_lead_in_year_covers_the_rest_of_the_sentence() -> None:
    got = extract_targets("Trong đó: Phấn đấu đến hết năm 2025: Tỷ lệ giường bệnh/vạn dân đạt 25 giường; "
                          "tuổi thọ bình quân của người dân đạt 75 tuổi; Phấn đấu đến hết năm 2030: "
                          "Tỷ lệ giường bệnh/vạn dân đạt 40 giường.", [])
    assert [(t.value, t.unit, t.year) for t in got] == [(25, "giường", 2025), (75, "tuổi", 2025), (40, "giường", 2030)]


def test_year_from_section_and_in_tasks() -> None:
    text = "II. NHIỆM VỤ\nPhấn đấu tỷ lệ che phủ rừng đạt 25%.\n"
    sections = [Section("II", "NHIỆM VỤ", 0, len(text), "tasks", 2030)]
    t = one(text, sections)
    assert (t.year, t.in_tasks, t.section) == (2030, True, "II")


def test_skipped_sections() -> None:
    text = "Căn cứ tỷ lệ 95%.\nIII. TỔ CHỨC THỰC HIỆN\nBáo cáo đạt 100%.\n"
    cut = text.index("III")
    sections = [Section("", "", 0, cut, "preamble"), Section("III", "TỔ CHỨC", cut, len(text), "organization")]
    assert extract_targets(text, sections) == []


# ---------------------------------------------------------------- yearly paths

def test_yearly_path_attached_not_separate() -> None:
    text = ("Phấn đấu đến năm 2025, người dân tham gia bảo hiểm y tế cơ bản đạt 97,5%. ( cụ thể: năm 2020, "
            "đạt 94,5%; năm 2021, đạt 95%; năm 2022, đạt 96%; năm 2025, đạt 97,5%)")
    t = one(text)
    assert (t.value, t.year) == (97.5, 2025)
    assert [(y.year, y.value) for y in t.yearly] == [(2020, 94.5), (2021, 95), (2022, 96), (2025, 97.5)]


def test_yearly_runs_go_to_their_targets() -> None:
    text = ("Phấn đấu đến năm 2025, “Gia đình văn hóa” đạt 98,5%; “Công dân kiểu mẫu” đạt 96%, (cụ thể: "
            "danh hiệu “Gia đình văn hóa”: năm 2020 đạt 96,7%; năm 2025 đạt 98,5%. Danh hiệu “Công dân "
            "kiểu mẫu”: năm 2020 đạt 91%; năm 2025 đạt 96%).")
    got = extract_targets(text, [])
    assert [t.value for t in got] == [98.5, 96]
    assert [[y.value for y in t.yearly] for t in got] == [[96.7, 98.5], [91, 96]]


def test_each_yearly_path_goes_to_the_targets_since_the_previous_one() -> None:
    text = ("Tỷ lệ hộ dùng nước sạch đạt 90% (cụ thể: năm 2020 đạt 80%, năm 2021 đạt 85%), tỷ lệ che phủ "
            "rừng đạt 70% (cụ thể: năm 2020 đạt 60%, năm 2021 đạt 65%) vào năm 2025, tuổi thọ đạt 75 tuổi.")
    got = extract_targets(text, [])
    assert [(t.value, [(y.year, y.value) for y in t.yearly]) for t in got] == [
        (90, [(2020, 80), (2021, 85)]), (70, [(2020, 60), (2021, 65)]), (75, [])]


def test_trong_do_year_steps_are_not_targets() -> None:
    text = ("phấn đấu đến năm 2025 tích tụ được 15 ha trở lên; trong đó: năm 2020, phấn đấu 2,0 ha tại khu "
            "vực Đồng Trổ. Năm 2021, phấn đấu 2,5 ha tại khu vực Đường Ngang.")
    t = one(text)
    assert (t.value, t.unit, t.comparator, t.year) == (15, "ha", ">=", 2025)
    assert [(y.year, y.value) for y in t.yearly] == [(2020, 2.0), (2021, 2.5)]


# ---------------------------------------------------------------- không còn

ZERO_CASES = [
    ("heading-colon", "Tỷ lệ hộ nghèo đến năm 2025: Không còn hộ nghèo.", "hộ nghèo", 2025),
    ("mid-sentence", "Phấn đấu đến cuối năm 2025 trên địa bàn không còn hộ nghèo, hộ cận nghèo còn 1%.", "hộ nghèo", 2025),
]


@pytest.mark.parametrize(("sentence", "indicator", "year"), [c[1:] for c in ZERO_CASES],
                         ids=[c[0] for c in ZERO_CASES])
def test_khong_con(sentence: str, indicator: str, year: int) -> None:
    t = extract_targets(sentence, [])[0]
    assert (t.value, t.unit, t.comparator, t.indicator, t.year) == (0, None, "=", indicator, year)


@pytest.mark.parametrize("sentence", [
    pytest.param("Rà soát các văn bản không còn phù hợp để ban hành văn bản mới thay thế.", id="quality"),
    pytest.param("Tuy nhiên, do dự toán nguồn thu từ xổ số kiến thiết không còn dư địa để tăng trưởng;",
                 id="no-room-left"),
    pytest.param("Nhiều doanh nghiệp không còn điều kiện để tiếp tục sản xuất.", id="no-means-left"),
])
def test_khong_con_without_a_thing_to_eliminate_is_no_target(sentence: str) -> None:
    assert extract_targets(sentence, []) == []


# ---------------------------------------------------------------- context filters

NOT_TARGETS = [
    ("past-da-dat", "Sản phẩm Chè Lam đã đạt tiêu chuẩn 3 sao."),
    ("past-year", "Kế hoạch đến năm 2025. Năm 2019 đạt 90% hộ dùng nước sạch."),
    ("cung-ky", "Thu ngân sách tăng 12% so với cùng kỳ."),
    ("budget-kinh-phi", "Bố trí nguồn kinh phí tương ứng 0,5% tổng chi ngân sách."),
    ("budget-tong-von", "Tổng vốn đầu tư dự án là 1.500 tỷ đồng."),
    ("budget-tiet-kiem", "Sử dụng 10% tiết kiệm chi thường xuyên để cải cách tiền lương."),
    ("date", "Báo cáo trước ngày 15 tháng 12 năm 2025."),
    ("date-slash", "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Tỉnh ủy."),
    ("decree", "Theo Nghị định số 150/2020/NĐ-CP của Chính phủ."),
    ("article", "Theo quy định tại Điều 5 khoản 2 của Luật."),
    ("industry-4", "Ứng dụng thành tựu của cách mạng công nghiệp 4.0."),
    ("mobile-4g", "Phủ sóng mạng di động 4G, 5G."),
    ("level", "Cung cấp dịch vụ công trực tuyến mức độ 3, mức độ 4."),
    ("sessions", "Học sinh học 2 buổi/ngày."),
    ("age-qualifier", "Trẻ em dưới 6 tuổi được chăm sóc."),
    ("fraction", "Đổi tên thôn thành khu phố (7/7 thôn)."),
    ("quoted-title", "Thực hiện đề án \"Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội\"."),
    ("period", "Quy hoạch sử dụng đất giai đoạn 2021-2030."),
]


@pytest.mark.parametrize("sentence", [c[1] for c in NOT_TARGETS], ids=[c[0] for c in NOT_TARGETS])
def test_not_targets(sentence: str) -> None:
    assert extract_targets(sentence, []) == []


# ---------------------------------------------------------------- properties

_VI_TEXT = st.text(alphabet=st.sampled_from(list("0123456789.,;:%/-–() \nađăâêôơưđạtrênduwớikhoảngnămĐTỷlệ‰“”\"")), max_size=300)


@settings(max_examples=300, deadline=None)
@given(_VI_TEXT)
def test_arbitrary_text_never_raises_and_spans_quote(text: str) -> None:
    first = extract_targets(text, [])
    assert [t.model_dump() for t in first] == [t.model_dump() for t in extract_targets(text, [])]
    for t in first:
        s, e = t.span
        assert 0 <= s <= e <= len(text)
        assert text[s:e] == t.text
        if t.comparator == "range":
            assert t.value is not None and t.value_max is not None and t.value <= t.value_max


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 9999), st.integers(0, 99), st.integers(1990, 2100))
def test_generated_target_sentence(integer: int, decimals: int, year: int) -> None:
    written = f"{integer},{decimals:02d}"
    t = one(f"- Tỷ lệ hộ dân dùng nước sạch đến năm {year} đạt {written}%;")
    assert abs(t.value - (integer + decimals / 100)) < VALUE_TOLERANCE
    assert (t.unit, t.comparator, t.year) == ("%", "=", year)


# ---------------------------------------------------------------- gold

def test_match_targets_rule() -> None:
    t = one("Số bác sĩ/vạn dân đạt 16,3 bác sĩ vào năm 2025.")
    gold = [{"value": 16.3, "unit": "Bác Sỹ", "year": 2025}, {"value": 16.3, "unit": "bác sĩ", "year": 2030}]
    tp, fp, fn = match_targets([t], gold)
    assert (len(tp), fp, fn) == (1, [], [gold[1]])


#: Sample 003's text has lost the heading that dates its objectives (an annual 2025 programme);
#: the gold gives 2025 from it, which no text-level rule can see, so 003 is scored without year.
YEAR_LESS_SAMPLES = {"003"}


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem[:3] for p in SAMPLES])
def test_gold_precision_recall(path: Path) -> None:
    pred, gold = run_sample(path)
    if path.stem[:3] in YEAR_LESS_SAMPLES:
        gold = [{**g, "year": None} for g in gold]
        pred = [t.model_copy(update={"year": None}) for t in pred]
    tp, fp, fn = match_targets(pred, gold)
    precision, recall = len(tp) / max(len(pred), 1), len(tp) / max(len(gold), 1)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (precision, recall, fp[:5], fn[:5])


def test_every_sample_yields_targets() -> None:
    # Speed is measured by `make bench`, never by a test: this only checks that each sample gives some.
    texts = [crude_normalize(p.read_text(encoding="utf-8")) for p in SAMPLES]
    assert all(extract_targets(t, crude_sections(t)) for t in texts)
