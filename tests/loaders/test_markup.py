"""Normalizer step 2 (markup.py): Markdown markup out, its text kept."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policykg.loaders import markup
from policykg.loaders.breaks import NormalizeStats
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


MARKDOWN_CASES = [
    ("bold_split_across_lines", "**I. MỤC ĐÍCH,\nYÊU CẦU**", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("bold_number", "**1**. **Mục đích**", "1. Mục đích"),
    ("bold_marker_line_dropped", "**ỦY BAN NHÂN DÂN\n**\nTHÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH"),
    ("empty_bold_line", "Bắc Ninh, ngày 20 tháng 11 năm 2025\n\n** **\n\n**KẾ HOẠCH**",
     "Bắc Ninh, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH"),
    ("italic_preamble", "*Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024;*", "Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024;"),
    ("italic_labels", "*Đơn vị phối hợp: *Sở Tư pháp.", "Đơn vị phối hợp: Sở Tư pháp."),
    ("heading_marker", "## Mục tiêu cụ thể", "Mục tiêu cụ thể"),
    ("footnote_refs", "Thành phố[^4] và địa bàn\n[^4]: Theo Nghị quyết số 15/2023/NQ-HĐND",
     "Thành phố[4] và địa bàn\n[4] Theo Nghị quyết số 15/2023/NQ-HĐND"),
    ("footnote_mark_kept", "Thu tiền sử dụng đất (*)", "Thu tiền sử dụng đất (*)"),
    ("star_bullet_kept", "* Thành phần hồ sơ:\n* Số lượng hồ sơ: 01 bộ", "* Thành phần hồ sơ:\n* Số lượng hồ sơ: 01 bộ"),
    ("bold_in_symbol_004", "Số: **92** /KH-UBND", "Số: 92 /KH-UBND"),
    # ad5aff6c13929815 item 17, 192068354fd1ffe5 "**1. Sở\nKhoa học và Công nghệ**"
    ("bold_heading_over_lines", "**17. Chi cục\nHải quan khu vực V**\n\na) Chủ trì triển khai",
     "17. Chi cục Hải quan khu vực V\n\na) Chủ trì triển khai"),
    # 31fb08f34535fce3 V.3: one heading written as two bold runs
    ("bold_heading_in_two_runs",
     "**3. Đề nghị Ủy ban Mặt trận\nTổ quốc Việt Nam Thành phố, Hội Liên hiệp**\n\n"
     "**Phụ nữ Thành phố và các tổ chức thành viên của Mặt trận**\n\n- Trong phạm vi chức năng",
     "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp Phụ nữ Thành phố và "
     "các tổ chức thành viên của Mặt trận\n\n- Trong phạm vi chức năng"),
    ("finished_bold_heading_then_bold_run_kept", "**1. Mục tiêu:**\n\n**Nâng cao nhận thức**",
     "1. Mục tiêu:\n\nNâng cao nhận thức"),
    ("bold_heading_then_bold_number_kept", "**II. MỤC TIÊU CHỦ YẾU**\n\n**1.** Đến năm 2025",
     "II. MỤC TIÊU CHỦ YẾU\n\n1. Đến năm 2025"),
    ("bold_heading_then_bold_item_kept", "**1. Sở Y tế**\n\n**a) Chủ trì**",
     "1. Sở Y tế\n\na) Chủ trì"),
    ("bold_heading_holding_an_item_kept", "**1. Mục tiêu\n- Tỷ lệ hộ nghèo**",
     "1. Mục tiêu\n- Tỷ lệ hộ nghèo"),
    ("bold_type_line_then_title_kept", "**KẾ HOẠCH**\n\n**Triển khai Nghị quyết số 12-NQ/TU**",
     "KẾ HOẠCH\n\nTriển khai Nghị quyết số 12-NQ/TU"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in MARKDOWN_CASES], ids=[c[0] for c in MARKDOWN_CASES])
def test_markdown(raw, expected):
    assert norm(raw) == expected


def test_related_documents_trailer_is_cut():
    body = "\n".join(f"{i}. Nội dung thứ {i} của kế hoạch." for i in range(1, 20))
    raw = body + "\n## Văn bản liên quan\nBan hành:\n19/11/2025\nHiệu lực: Đã biết\nTài khoản hiện đã đủ người"
    assert norm(raw) == body


# ---------------------------------------------------------------- the step on its own

MARKUP_FREE = st.text(st.sampled_from(list("Kế hoạch số 12 (a)\n[1]|") + ["Đ", "“", "…"]), max_size=60)


@given(MARKUP_FREE)
def test_text_without_markup_is_returned_as_it_is(text):
    stats = NormalizeStats()
    assert markup.strip_markdown(text, stats) is text and stats.chrome_lines == 0


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("a\n**\nb", "a\nb", id="marker-line"),
    pytest.param("(**) số liệu ước", "(**) số liệu ước", id="footnote-mark"),
    pytest.param("\\[1\\] Theo", "[1] Theo", id="escapes"),
    pytest.param("[^12]: Nghị quyết", "[12] Nghị quyết", id="footnote"),
])
def test_strip_markdown(raw, expected):
    assert markup.strip_markdown(raw, NormalizeStats()) == expected


BOLD_PIECES = st.lists(st.sampled_from(["Sở", "Y tế", "Hội Liên hiệp", "\n", "\n\n", " ", ".", ":",
                                         "- ", "a) ", "1.", "**", "Đ"]), max_size=12)


def _words(text: str) -> str:
    """The text without white space and bold stars: what joining a heading must keep."""
    return "".join(text.split()).replace("*", "")


@given(BOLD_PIECES)
# Found by hypothesis: a heading's second bold run after a blank line loses the "**" of both
# runs where they meet ("**1. Sở **", "**Sở**" -> "**1. Sở Sở**"), as the join intends.
@example(["\n\n", "**", "Sở"])
def test_joining_bold_headings_changes_only_white_space_and_stars(pieces):
    framed = "\n**1. Sở " + "".join(pieces) + "**\n"
    joined = markup.join_bold_headings(framed)
    assert _words(joined) == _words(framed)
    dropped = framed.count("*") - joined.count("*")
    assert dropped >= 0 and dropped % 4 == 0  # the inner marks of the two runs of each join


def test_docstring_examples_run():
    result = doctest.testmod(markup)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("text", "marked"), [
    pytest.param("**I. MỤC ĐÍCH**", True, id="bold"),
    pytest.param("## Văn bản liên quan", True, id="heading"),
    pytest.param("Theo Nghị quyết[^2]", True, id="footnote"),
    pytest.param("Tỷ lệ 5\\% hộ nghèo", True, id="escape"),
    pytest.param("I. MỤC ĐÍCH [2]", False, id="plain"),
    pytest.param("Diện tích 25 m^2 [2]", False, id="caret-not-after-bracket"),
    pytest.param("[2] ^ [^", True, id="caret-alone-then-footnote"),
])
def test_has_markup(text, marked):
    assert markup.has_markup(text) is marked
    if not marked:
        assert markup.strip_markdown(text, NormalizeStats()) is text
