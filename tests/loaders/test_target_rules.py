"""Numbers a document sets or reports, not targets (target_rules.py), and rule headings
(target_segments.py): tables of real Vietnamese phrases, each checked through extract_targets.

The phrases are the shapes found in plans, regulations, budget decisions and reviews of the
development corpus (tests/documents/dev_corpus), rewritten: a target must stay a target (the
same phrase shape as a rule, with a verb of reaching or in objectives), a rule must give none.
"""

from __future__ import annotations

import pytest

from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.sections import Section
from policykg.loaders.target_rules import (
    drop_qualified,
    is_estimate,
    rule_cut,
    scores_points,
)
from policykg.loaders.target_segments import SectionLocator, is_rule_heading
from policykg.loaders.target_values import Value
from policykg.loaders.targets import extract_targets

#: (id, sentence, [(value, unit, comparator), …]) read with no sections (all objectives).
RULE_CASES = [
    # norms and entitlements the document sets
    ("allowance-level", "Mức phụ cấp hàng tháng đối với Thôn (tổ) đội trưởng bằng 2.340.000 đồng.", []),
    ("allowance-rate", "Mức trợ cấp ngày công lao động của Dân quân là 435.000 đồng/người/ngày.", []),
    ("allowance-increase", "Trường hợp được kéo dài thời hạn, mức trợ cấp tăng thêm bằng 50%.", []),
    ("book-value", "Bán tài sản công có nguyên giá theo sổ sách kế toán từ 01 tỷ đồng trở lên.", []),
    ("revalued", "Tài sản có giá trị đánh giá lại dưới 200 triệu đồng/01 đơn vị tài sản.", []),
    ("award-quota", "Cơ quan Trung ương trên địa bàn thành phố: Xét tối đa 2 tập\nthể và 4 cá\nnhân.", []),
    ("score-scale", "Mỗi tiêu chí có thang điểm cụ thể, tổng số điểm chuẩn các tiêu chí là 100 điểm.", []),
    ("norm-after-target", "Phấn đấu giảm tỷ lệ hộ nghèo bình quân 0,8%/năm, nâng mức trợ cấp xã hội.",
     [(0.8, "%/năm", "=")]),
    ("norm-as-reference", "Trên 40% huyện xây dựng được các mô hình thí điểm phù hợp theo tiêu chuẩn, "
     "định mức do Bộ ban hành.", [(40.0, "%", ">")]),
    # points
    ("grade-threshold", "Hoàn thành xuất sắc: Là những cơ quan, đơn vị đạt từ 95 điểm trở lên.", []),
    ("points-awarded", "Đến 500.000 người được 10 điểm, cứ tăng thêm 100.000 người được thêm 2 điểm.", []),
    ("index-score", "Chỉ số cải cách hành chính (PAR Index) đạt trên 90 điểm.", [(90.0, "điểm", ">")]),
    ("places-are-no-points", "Đến năm 2025 có 50 điểm trường đạt chuẩn quốc gia.", [(50.0, "điểm trường", "=")]),
    # budgets, needs and funding shares
    ("land-need", "Tổng hợp nhu cầu sử dụng đất phát triển mạng lưới cơ sở văn hóa đến năm 2030 dự "
     "kiến là 43.346.068 m2.", []),
    ("capital-need", "Nhu cầu vốn đầu tư mạng lưới cơ sở văn hóa dự kiến khoảng 121.732 tỷ đồng.", []),
    ("central-budget-share", "- Ngân sách trung ương: chiếm khoảng 75%-80% tống vốn đầu tư.", []),
    ("off-budget-share", "- Vốn ngoài ngân sách và các nguồn vốn hợp pháp khác dự kiến 10%-15%.", []),
    ("revenue-is-a-target", "- Thu ngân sách địa phương tăng bình quân 12%/năm.", [(12.0, "%/năm", "=")]),
    ("financed-by-a-source", "- 100% xã được hỗ trợ từ ngân sách trung ương xây dựng trạm y tế.",
     [(100.0, "%", "=")]),
    ("cases-are-counted", "- Tỷ lệ trường hợp mắc bệnh được điều trị đạt 95%.", [(95.0, "%", "=")]),
    ("condition-truong-hop", "- Trường hợp tỷ lệ giải ngân dưới 60% thì điều chuyển vốn.", []),
    # estimates of the running year
    ("estimate", "GRDP bình quân đầu người ước đạt 80 triệu đồng/người/năm.", []),
    ("estimate-full-year", "Chi thường xuyên: Uớc thực hiện cả năm đạt 108,93% dự toán.", []),
    ("estimate-while-striving", "Năm 2025, phấn đấu đón 11,1 triệu lượt khách du lịch với tổng thu từ "
     "du lịch ước đạt khoảng 4,5 nghìn tỷ đồng.",
     [(11.1, "triệu lượt khách", "="), (4.5, "nghìn tỷ đồng", "~")]),
    ("water-is-no-estimate", "Tỷ lệ dân cư đô thị được cung cấp nước sạch đạt trên 98%.", [(98.0, "%", ">")]),
    # conditions and permissions
    ("permission", "Đối với một số ngành, lĩnh vực đặc thù có tỷ lệ nữ cán bộ, công chức thấp dưới 30% "
     "có thể điều chỉnh mục tiêu phù hợp với thực tiễn.", []),
    ("condition-nếu", "Nếu tỷ lệ giải ngân dưới 60% thì cắt giảm kế hoạch vốn.", []),
    # baselines and per-period counts
    ("baseline", "Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 "
     "phụ nữ vào năm 2025.", [(18.0, "ca sinh/1.000 phụ nữ", "=")]),
    ("baseline-percent", "Tăng tỷ lệ che phủ rừng từ 40% lên 45% vào năm 2030.", [(45.0, "%", "=")]),
    ("range-is-no-baseline", "Tăng trưởng kinh tế tăng từ 10-11% so với năm 2024.", [(10.0, "%", "range")]),
    ("per-period-in-share", "Từ năm 2025 trở đi 100% xã, phường, thị trấn mỗi quý có ít nhất 04 tin, bài "
     "về bình đẳng giới.", [(100.0, "%", "=")]),
    ("per-year-count-alone", "Mỗi năm có ít nhất 150 sản phẩm được chứng nhận.", [(150.0, "sản phẩm", ">=")]),
    # ratios and counts in words
    ("ratio-lan", "Giảm số giờ làm công việc nội trợ không được trả công của phụ nữ còn 1,7 lần vào năm "
     "2025.", [(1.7, "lần", "=")]),
    ("frequency-lan", "Tổ chức kiểm tra ít nhất 2 lần/năm.", []),
    ("count-in-words", "Có ít nhất một cơ sở y tế cung cấp thí điểm dịch vụ chăm sóc sức khỏe vào năm 2025.",
     [(1.0, "cơ sở y tế", ">=")]),
    ("one-of-is-no-count", "Đến năm 2025 đạt 80% người bị bạo lực được tiếp cận ít nhất một trong các "
     "dịch vụ hỗ trợ cơ bản.", [(80.0, "%", "=")]),
    ("five-is-no-year", "Phát triển ít nhất năm doanh nghiệp công nghệ số đến năm 2030.",
     [(5.0, "doanh nghiệp", ">=")]),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_rules_and_targets(sentence: str, expected: list[tuple]) -> None:
    got = [(t.value, t.unit, t.comparator) for t in extract_targets(sentence, [])]
    assert got == expected


def test_baseline_ends_the_indicator() -> None:
    text = "Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ."
    (target,) = extract_targets(text, [])
    assert target.indicator == "Tỷ suất sinh ở trẻ vị thành niên"


def test_target_label_is_not_the_indicator() -> None:
    (target,) = extract_targets("- Chỉ tiêu 2: Tỷ lệ tử vong bà mẹ dưới 4/100.000 trẻ sinh ra còn sống.", [])
    assert (target.indicator, target.unit) == ("Tỷ lệ tử vong bà mẹ", "/100.000 trẻ sinh ra còn sống")


# ---------------------------------------------------------------- rule headings

HEADINGS = [
    ("norm", "Định mức phân bổ chi sự nghiệp giáo dục", True),
    ("spending-level", "Nội dung chi, mức chi hỗ trợ", True),
    ("allowance-upper", "MỨC PHỤ CẤP HẰNG THÁNG", True),
    ("scores", "Tiêu chí đánh giá và thang điểm", True),
    ("points-of", "Điểm của tiêu chí dân số", True),
    ("grading", "Xếp loại hằng năm", True),
    ("award", "Xét tặng Bằng khen Chủ tịch Ủy ban nhân dân thành phố", True),
    ("decentralised", "Phân cấp thẩm quyền quyết định bán tài sản công", True),
    ("scope", "Đối tượng áp dụng", True),
    ("conditions", "Yêu cầu, điều kiện thực hiện thủ tục hành chính", True),
    ("review-upper", "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI NĂM 2025", True),
    ("review-assessment", "Đánh giá tình hình phát triển kinh tế - xã hội năm 2025", True),
    ("bold-marks", "**Tình hình thực hiện dự toán ngân sách năm 2025**", True),
    ("objectives", "Mục tiêu cụ thể đến năm 2025", False),
    ("criteria-target", "Tiêu chí 17 về môi trường: tỷ lệ hộ dùng nước sạch đạt 95%", False),
    ("rule-word-later", "Ngân sách nhà nước thực hiện theo quy định phân cấp ngân sách", False),
    ("assessment-of-impact", "Đánh giá tác động của phát triển kinh tế số", False),
]


@pytest.mark.parametrize(("title", "expected"), [c[1:] for c in HEADINGS], ids=[c[0] for c in HEADINGS])
def test_rule_headings(title: str, expected: bool) -> None:
    assert is_rule_heading(title) is expected


def test_rule_heading_section_and_its_children_are_not_read() -> None:
    text = ("2. Nội dung chi, mức chi hỗ trợ:\na) Đối với Trưởng Bộ môn: 1.000.000 đồng/người/tháng.\n"
            "3. Mục tiêu:\nĐến năm 2025 đạt 95% vận động viên được hỗ trợ.")
    cut = text.index("3. Mục tiêu")
    child = text.index("a) Đối")
    sections = [
        Section("2", "Nội dung chi, mức chi hỗ trợ", 0, cut, "tasks", depth=0),
        Section("2/a", "Đối với Trưởng Bộ môn: 1.000.000 đồng/người/tháng.", child, cut, "tasks", depth=1),
        Section("3", "Mục tiêu", cut, len(text), "objectives", depth=0),
    ]
    locator = SectionLocator(sections)
    assert (locator.kind(child + 5), locator.kind(cut + 5)) == (None, "objectives")
    assert [(t.value, t.section) for t in extract_targets(text, sections)] == [(95.0, "3")]


# ---------------------------------------------------------------- the rule functions

def test_is_estimate() -> None:
    assert is_estimate("Kim ngạch xuất khẩu ước cả năm đạt 2.600 triệu USD", 0, 50)
    assert not is_estimate("Tỷ lệ hộ dùng nước sạch đạt 98%", 0, 31)


def test_rule_cut_and_scores() -> None:
    text = "Phấn đấu giảm 0,8%/năm, nâng mức trợ cấp lên 500.000 đồng"
    span = LoweredSpan(text, 0, len(text))
    assert rule_cut(span, 0, len(text)) == text.index("mức trợ cấp")
    assert rule_cut(span, 0, text.index(",")) == text.index(",")
    past = "Thu ngân sách tăng 12% so với cùng kỳ"
    assert rule_cut(LoweredSpan(past, 0, len(past)), 0, len(past)) == 0
    points = Value(30, 37, 10.0, None, "điểm", "=", "điểm")
    assert scores_points("Đến 500.000 người được tính là 10 điểm", [points], 0, 38)
    assert not scores_points("Chỉ số PCI đạt 70 điểm", [points], 0, 22)


def test_drop_qualified_keeps_a_lone_value() -> None:
    text = "giảm từ 23 ca sinh"
    values = [Value(8, 18, 23.0, None, "ca sinh", ">=")]
    assert drop_qualified(text, values, 0) == values
