"""The heading tree (headings.py): nesting by marker order, kinds and years, titles."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import headings
from policykg.loaders.headings import build_sections
from policykg.loaders.sections import section_at


def test_heading_tree_nests_by_marker_order_and_inherits_kind_and_year():
    text = ("Mở đầu\nI. MỤC TIÊU\n1. Mục tiêu đến năm 2025\na) Thu nhập\n- Đạt 60 triệu\n- Đạt 70 triệu\n"
            "b) Y tế\n2. Đến năm 2030\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Về kinh tế\nIII. TỔ CHỨC THỰC HIỆN\n")
    sections = build_sections(text, 0, len(text))
    got = [(s.path, s.kind, s.year) for s in sections]
    assert got == [
        ("", "preamble", None), ("I", "objectives", None), ("I/1", "objectives", 2025),
        ("I/1/a", "objectives", 2025), ("I/1/a/-1", "objectives", 2025), ("I/1/a/-2", "objectives", 2025),
        ("I/1/b", "objectives", 2025), ("I/2", "objectives", 2030), ("II", "tasks", None),
        ("II/1", "tasks", None), ("III", "organization", None),
    ]
    assert section_at(sections, text.index("70 triệu")).path == "I/1/a/-2"


def test_a_bullet_ending_with_a_colon_heads_the_bullets_after_it():
    text = ("I. MỤC TIÊU\n- Phấn đấu đến hết năm 2025:\n- Thu nhập đạt 60 triệu\n"
            "- Phấn đấu đến hết năm 2030:\n- Thu nhập đạt 90 triệu\n")
    sections = build_sections(text, 0, len(text))
    assert section_at(sections, text.index("60 triệu")).year == 2025
    assert section_at(sections, text.index("90 triệu")).year == 2030


TITLE_TEXT = st.lists(st.sampled_from(list("Mục tiêu năm 2025: ") + ["  ", "\t", "\u00a0", "\u200b", "\n",
                                                                    "Mục tiêu " * 30]), max_size=120).map("".join)


@given(TITLE_TEXT)
def test_titles_are_cut_from_a_prefix_as_from_the_whole_line(body):
    text = "1. " + "M" + body + "\n"
    match = headings._HEADING.search(text)
    if match is None:
        return
    whole = " ".join(match["title"].split())[:headings.MAX_TITLE_CHARS].rstrip(":")
    assert headings._title(text, match) == whole


@given(st.lists(st.sampled_from(list("- Phấn đấu: *") + ["  ", " " * 70, "*" * 70]), max_size=60).map("".join))
def test_a_bullet_heads_others_by_its_last_colon(body):
    text = "- X" + body + "\n"
    match = headings._HEADING.search(text)
    if match is None:
        return
    assert headings._heads_bullets(text, match) == match["title"].rstrip(" *").endswith(":")


def test_kind_keywords_are_prefix_free():
    """What lets one search find the keyword that comes first in a title."""
    words = [word for word, _ in headings.KIND_KEYWORDS]
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]


def test_kind_keywords_have_a_space_and_suffix_free_first_words():
    """What lets the search find the keyword that comes first from the space after its first
    word."""
    firsts = [word.split(" ", 1)[0] for word, _ in headings.KIND_KEYWORDS]
    assert all(" " in word for word, _ in headings.KIND_KEYWORDS)
    assert not [(a, b) for a in firsts for b in firsts if a != b and a.endswith(b)]


@pytest.mark.parametrize(("lowered", "kind"), [
    pytest.param("ii. tổ chức thực hiện", "organization", id="three-spaces"),
    pytest.param("mục tiêu và nhiệm vụ", "objectives", id="first-of-two"),
    pytest.param("chỉ tiêu", "objectives", id="shared-rest"),
    pytest.param("xmục đích", "other", id="inside-a-word"),
    pytest.param("tổ chức", "tasks", id="a-keyword-cut-short"),
])
def test_kind_of_title(lowered, kind):
    assert headings._kind(lowered, "arabic", "tasks") == kind


WORDY_TITLES = st.lists(st.sampled_from([w for w, _ in headings.KIND_KEYWORDS] + ["về", "Mục", "tiêu", "NHIỆM VỤ",
                                         "năm 2025", "giai đoạn 2021-2025", "x"]), max_size=8).map(" ".join)


@given(st.one_of(WORDY_TITLES, st.lists(st.sampled_from(
    ["mục", "tiêu", " ", "chỉ", "trách nhiệm", "nhiệm vụ", "tổ chức", " thực hiện", "x", "phân"]),
    max_size=10).map("".join)))
def test_kind_is_the_keyword_that_comes_first(title):
    lowered = title.lower()
    hits = [(lowered.find(word), kind) for word, kind in headings.KIND_KEYWORDS if word in lowered]
    expected = min(hits)[1] if hits else "other"
    assert headings._kind(lowered, "arabic", "other") == expected


#: Titles with the letters case-folding treats apart (İ, ı, K, ſ) and words in every case.
CASED_TITLES = st.lists(st.sampled_from(["đến", "ĐẾN", "Tới", "hết", "năm", "NĂM", "Năm", "giai", "GİAİ",
                                         "đoạn", "ĐOẠN", "2025", "2021-2025", "1990", "ı", "K", "ſ", "x"]),
                        max_size=8).map(" ".join)


@given(st.one_of(WORDY_TITLES, CASED_TITLES))
def test_year_needs_no_search_without_a_century_or_its_word(title):
    match = headings._YEAR.search(title)
    expected = int(match["y1"] or match["y2"] or match["y3"]) if match else None
    assert headings._year(title, title.lower(), None) == expected


@pytest.mark.parametrize(("title", "year"), [
    pytest.param("Mục tiêu đến hết NĂM 2025", 2025, id="deadline"),
    pytest.param("GIAI ĐOẠN 2021 – 2025", 2025, id="period"),
    pytest.param("Kế hoạch năm 2024 và đến năm 2030", 2024, id="first-of-two"),
    pytest.param("GİAİ ĐOẠN 2021-2025", 2025, id="dotted-capital-i"),
    pytest.param("gıaı đoạn 2021-2025 năm 1999", 2025, id="dotless-i"),
    pytest.param("Tháng 2025", None, id="no-year-word"),
])
def test_year_of_title(title, year):
    assert headings._year(title, title.lower(), None) == year


@pytest.mark.parametrize(("line", "marker", "label"), [
    pytest.param("1. Mục tiêu", "arabic", "1", id="arabic"),
    pytest.param("1.2.3. Chỉ tiêu", "dotted2", "1.2.3", id="dotted"),
    pytest.param("(3) Nhiệm vụ", "paren", "(3)", id="paren"),
    pytest.param("đ) Lĩnh vực y tế", "letter", "đ", id="letter-đ"),
    pytest.param("w) Lĩnh vực", "letter", "w", id="letter-w"),
    pytest.param("IV. NHIỆM VỤ", "roman", "IV", id="roman"),
    pytest.param("Điều 5. Trách nhiệm", "article", "Điều 5", id="article"),
    pytest.param("PHỤ LỤC\t01", "appendix", "PHỤ LỤC 01", id="appendix"),
    pytest.param("B. ĐỊNH MỨC PHÂN BỔ", "part", "B", id="part"),
    pytest.param("  2) Giải pháp", "arabic", "2", id="indented"),
    pytest.param("- Tăng cường", "dash", "-", id="dash"),
])
def test_marker_and_label(line, marker, label):
    match = headings._HEADING.match(line)
    assert headings._marker(line, match) == (marker, label)


@pytest.mark.parametrize(("text", "paths"), [
    pytest.param("I. A\n1. B\nII. C\n", ["", "I", "I/1", "II"], id="roman-arabic"),
    pytest.param("a) A\n- x\n- y\nb) B\n", ["", "a", "a/-1", "a/-2", "b"], id="bullets-count-per-parent"),
    pytest.param("Không có đề mục\n", [""], id="no-heading"),
    # a6fb1f372de14a1e: "Phụ lục 01" / "A. ĐỊNH MỨC …" / "I. …"; an appendix closes the tree above it
    pytest.param("Điều 3. Hiệu lực\n1. Có hiệu lực.\nPhụ lục 01\n\nĐỊNH MỨC PHÂN BỔ\n\nA. ĐỊNH MỨC NGUỒN\n"
                 "I. Tiêu chí chính\nB. ĐỊNH MỨC CHI\nI. Chi thường xuyên\nPhụ lục 02.1\nI. Các khoản thu\n",
                 ["", "Điều 3", "Điều 3/1", "Phụ lục 01", "Phụ lục 01/A", "Phụ lục 01/A/I", "Phụ lục 01/B",
                  "Phụ lục 01/B/I", "Phụ lục 02.1", "Phụ lục 02.1/I"], id="appendices-and-parts"),
    pytest.param("I. A\nPHỤ LỤC II: DANH MỤC NHIỆM VỤ\n1. B\n", ["", "I", "PHỤ LỤC II", "PHỤ LỤC II/1"],
                 id="appendix-title-after-colon"),
    pytest.param("I. A\nPhụ lục kèm theo Quyết định này.\nPhụ lục số 1 ban hành kèm theo\n", ["", "I"],
                 id="sentences-about-an-appendix"),
    pytest.param("I. MỤC TIÊU\nV. GIẢI PHÁP\nX. KHÁC\nC. DANH MỤC\nD. Nguyễn\n", ["", "I", "V", "X", "X/C"],
                 id="roman-letters-are-roman"),
])
def test_section_paths(text, paths):
    assert [s.path for s in build_sections(text, 0, len(text))] == paths


APPENDIX_TITLES = [
    pytest.param("Phụ lục 01\n\nĐỊNH MỨC PHÂN BỔ CHI NGÂN SÁCH\n\n(Kèm theo Nghị quyết)\n",
                 "ĐỊNH MỨC PHÂN BỔ CHI NGÂN SÁCH", "other", id="caption-on-the-next-line"),
    pytest.param("PHỤ LỤC I: DANH MỤC CÁC CHỈ TIÊU CỤ THỂ\n", "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ", "objectives",
                 id="caption-after-a-colon"),
    pytest.param("PHỤ LỤC\n\n(Kèm theo Kế hoạch số 12/KH-UBND)\n", "", "other", id="note-is-no-caption"),
]


@pytest.mark.parametrize(("text", "title", "kind"), APPENDIX_TITLES)
def test_an_appendix_is_titled_by_its_caption(text, title, kind):
    appendix = build_sections(text, 0, len(text))[1]
    assert (appendix.title, appendix.kind) == (title, kind)


def test_docstring_examples_run():
    result = doctest.testmod(headings)
    assert result.attempted > 0 and result.failed == 0


#: Dash lines that continue the line before them (a wrap before the dash) and real items.
CONTINUATIONS = [
    pytest.param("Căn cứ Quyết định số 2232/QĐ-TTg về phê duyệt “Chương trình giai đoạn 2021\n- 2025”;\n",
                 False, id="year-range"),
    pytest.param("Các sản phẩm trái cây tham gia xuất khẩu: tốc độ tăng bình quân 05\n- 06%/năm.\n", False,
                 id="number-range"),
    pytest.param("1. Duy trì tốc độ tăng trưởng xuất khẩu ổn định, khai thác tối đa lợi thế xuất khẩu nhằm "
                 "thúc đẩy sự phát triển kinh tế\n- xã hội của tỉnh.\n", False, id="dash-compound"),
    pytest.param("a) Lĩnh vực y tế\n- các trạm y tế xã đạt chuẩn.\n", True, id="short-heading-lower-item"),
    pytest.param("Các nhiệm vụ chủ yếu như sau:\n- xây dựng kế hoạch.\n", True, id="after-a-colon"),
    pytest.param("Căn cứ Quyết định giai đoạn 2021\n\n- 2025 là năm cuối.\n", True, id="after-a-blank-line"),
    pytest.param("Tỷ lệ hộ nghèo giảm bình quân 2025\n- 100% xã đạt chuẩn.\n", True, id="smaller-number"),
    pytest.param("1. Mục đích\n- Tăng cường sự lãnh đạo.\n", True, id="capital-item"),
]


@pytest.mark.parametrize(("text", "is_item"), CONTINUATIONS)
def test_a_dash_that_continues_the_line_before_is_no_item(text, is_item):
    sections = build_sections(text, 0, len(text))
    assert any(s.path.endswith("-1") for s in sections) == is_item


def test_the_wrapped_range_does_not_end_the_preamble():
    text = ("Căn cứ Quyết định số 2232/QĐ-TTg phê duyệt “Chương trình giai đoạn 2021\n- 2025”;\n\n"
            "Căn cứ Quyết định số 2282/QĐ-TTg;\n\nI. MỤC ĐÍCH, YÊU CẦU\n")
    preamble = build_sections(text, 0, len(text))[0]
    assert (preamble.kind, preamble.end) == ("preamble", text.index("I. MỤC ĐÍCH"))


BULLET_TREES = [
    pytest.param("I. MỤC ĐÍCH\n1. Mục đích\n- Tăng cường\n- Rà soát\n2. Yêu cầu\n- Duy trì\nII. MỤC TIÊU\n",
                 ["", "I", "I/1", "I/1/-1", "I/1/-2", "I/2", "I/2/-1", "II"], id="numbered-closes-bullets"),
    pytest.param("1. Nội dung\n- Chỉ tiêu 1\n+ Xã A\n+ Xã B\n- Chỉ tiêu 2\n",
                 ["", "1", "1/-1", "1/-1/+1", "1/-1/+2", "1/-2"], id="dash-closes-plus"),
    pytest.param("a) Hoạt động 1\n- Nội dung: Tuyên truyền.\n- Cơ quan thực hiện:\n+ Sở Văn hóa chủ trì\n",
                 ["", "a", "a/-1", "a/-2", "a/-2/+1"], id="head-after-item-is-its-sibling"),
    pytest.param("a) Hoạt động 1\n- Nội dung:\n+ Tổng kết mô hình\n- Cơ quan thực hiện: Sở Y tế chủ trì.\n",
                 ["", "a", "a/-1", "a/-1/+1", "a/-2"], id="item-after-plus-headed-head-is-its-sibling"),
    pytest.param("I. MỤC TIÊU\n- Phấn đấu đến hết năm 2025:\n- Thu nhập đạt 60 triệu\n- Phấn đấu đến năm 2030:\n",
                 ["", "I", "I/-1", "I/-1/-1", "I/-2"], id="head-heads-dashes"),
]


@pytest.mark.parametrize(("text", "paths"), BULLET_TREES)
def test_bullets_are_the_lowest_level(text, paths):
    assert [s.path for s in build_sections(text, 0, len(text))] == paths


def test_an_inner_closing_starts_a_new_tree():
    decision = "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 3. Chánh Văn phòng thi hành.\n"
    block = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTạ Quang Đông\nKẾ HOẠCH\n"
    plan = "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. TỔ CHỨC THỰC HIỆN\n"
    text = decision + block + plan
    inner = (len(decision), len(decision) + len(block))
    sections = build_sections(text, 0, len(text), inner_closings=[inner])
    assert [(s.path, s.kind) for s in sections] == [
        ("", "preamble"), ("Điều 1", "other"), ("Điều 3", "other"), ("~", "closing"),
        ("I", "other"), ("I/1", "other"), ("II", "organization")]
    assert (sections[2].end, sections[3].start, sections[3].end) == (inner[0], *inner)


#: Pieces of heading-like text: markers, titles, line ends, blanks (a marker may end its line).
HEADING_PIECES = st.lists(st.sampled_from([
    "I.", "II)", "1.", "1.1.", "a)", "(2)", "- ", "+ ", "A. ", "PHỤ LỤC", "Phụ lục 01:", "Điều 5.",
    "ĐỊNH MỨC", "Mục tiêu", " ", "\t", "\n", "\n\n", "x",
]), max_size=30).map("".join)


@pytest.mark.parametrize("start_at", [
    pytest.param(0, id="text-start"),
    pytest.param(1, id="second-character"),
    pytest.param(None, id="after-first-line-end"),
])
@given(text=HEADING_PIECES)
def test_found_headings_are_the_lines_an_anchored_search_finds(start_at, text):
    start = min(start_at if start_at is not None else text.find("\n") + 1, len(text))
    expected = [(m.span("line"), m.groupdict()) for m in headings._HEADING.finditer(text, start)]
    found = [(m.span("line"), m.groupdict())
             for m in headings.find_headings(text, start, len(text))]
    assert found == expected
