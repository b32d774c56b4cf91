"""Normalizer step 2 (markup.py): Markdown markup out, its text kept."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
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


def test_docstring_examples_run():
    result = doctest.testmod(markup)
    assert result.attempted > 0 and result.failed == 0
