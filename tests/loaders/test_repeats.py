"""Normalizer step 7 (repeats.py): a document printed twice on the page kept once."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import repeats
from policykg.loaders.breaks import HARD, NormalizeStats
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


PARAGRAPHS = [
    "Căn cứ Nghị quyết số 01-NQ/ĐU ngày 25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích.",
    "Tạo ra sự thống nhất của các ngành trong việc quán triệt và triển khai cụ thể hoá Nghị quyết.",
    "2. Yêu cầu.",
    "Cụ thể hóa các định hướng, chiến lược phát triển kinh tế - xã hội, quốc phòng - an ninh.",
    "II. MỤC TIÊU, NHIỆM VỤ TRỌNG TÂM",
    "- Thu nhập bình quân đầu người/năm đến năm 2025: 75 triệu đồng/ người/năm",
    "- Sản lượng lương thực bình quân hàng năm: 1.871 tấn trở lên;",
    "- Tỷ lệ hộ cận nghèo đến năm 2025: giảm còn 1%.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "Giao Văn phòng UBND thị trấn theo dõi, đôn đốc tình hình thực hiện Chương trình hành động này.",
]
DOCUMENT = "\n\n".join(PARAGRAPHS)


def test_identical_copies_with_chrome_between_keep_one():
    raw = f"Hôm nay:\n1\n\n{DOCUMENT}\n\nĐăng lúc: 18/09/2020 14:18:37 (GMT+7)\n\n{DOCUMENT}\n\nCÔNG KHAI KQ GIẢI QUYẾT TTHC"
    result = normalize_text(raw)
    assert result.text == DOCUMENT
    assert "duplicate_text_removed" in codes(result)


def test_cut_first_copy_is_dropped_and_the_full_one_kept():
    cut = "\n".join(PARAGRAPHS[:8])
    result = normalize_text(f"{cut}\n{DOCUMENT}")
    assert result.text == DOCUMENT
    (warning,) = [w for w in result.warnings if w.code == "duplicate_text_removed"]
    assert f"removed {len(cut.replace(chr(10), ''))} characters" in warning.message


def test_cut_second_copy_is_dropped():
    result = normalize_text(f"{DOCUMENT}\n\n\n" + "\n\n".join(PARAGRAPHS[:8]))
    assert result.text == DOCUMENT


def test_three_copies_keep_one():
    assert norm("\n\n\n".join([DOCUMENT] * 3)) == DOCUMENT


def test_short_repeats_are_kept():
    # 000 repeats its title line in the preamble; a repeated list item is not a repeated document
    text = "KẾ HOẠCH\n\n" + PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[0] + "\n\n" + DOCUMENT
    assert norm(text) == text


def test_distant_partial_repeat_is_kept():
    # the same three-item list in two sections far apart is content, not a page printed twice
    block = "\n".join(PARAGRAPHS[7:10]) + "\n"
    text = block + "\n".join(f"{i}. Nhiệm vụ thứ {i} của các sở, ban, ngành." for i in range(1, 60)) + "\n" + block
    assert norm(text) == text.strip()


# ---------------------------------------------------------------- the step on its own

@pytest.mark.parametrize(("keys", "found"), [
    pytest.param(["a", "b", "c", "a", "b", "c"], (0, 3, 3), id="twice"),
    pytest.param(["a", "b", "c"], None, id="none"),
    pytest.param(["x", "a", "b", "y", "a", "b", "z"], (1, 4, 2), id="inside"),
])
def test_repeated_block(keys, found):
    assert repeats._repeated_block(keys, [len(k) for k in keys]) == found


@given(st.lists(st.sampled_from(["a", "bb", "ccc", HARD]), max_size=30))
def test_remove_repeat_only_drops_lines(lines):
    out = repeats.remove_repeat(lines, NormalizeStats())
    texts = [line for line in out if line != HARD]
    it = iter(lines)
    assert all(any(line == other for other in it) for line in texts)  # a subsequence of the input


def test_docstring_examples_run():
    result = doctest.testmod(repeats)
    assert result.attempted > 0 and result.failed == 0


@given(st.lists(st.sampled_from(["", HARD, "Dòng một của văn bản.", "Dòng hai.", "Dòng ba.", "x"]), max_size=30))
def test_too_few_repeated_lines_are_left_as_they_are(lines):
    """The early count of repeated lines (C-level, breaks aside) decides as counting them does."""
    keys = [line for line in lines if line not in ("", HARD)]
    if len(keys) - len(set(keys)) < repeats.DUPLICATE_MIN_LINES:
        assert repeats.remove_repeat(lines, NormalizeStats()) is lines
