"""Assignments: who leads, supports or is asked to carry out each task.

Cases are real sentences from the bundled samples and the dev corpus. The last tests run the
extractor on the raw samples, with a crude section list built from the Roman-numeral headings
(the real one comes from parse.py on normalized text), and check recall against the gold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.assignments import extract_assignments, split_agencies
from policykg.loaders.sections import Section
from tests.factories import ROOT

ORG_HEADING = "IV. TỔ CHỨC THỰC HIỆN\n"


def roles(text: str, sections: list[Section] | None = None) -> list[tuple[str, str]]:
    """(agency, role) pairs extracted from ``text`` read as one task section."""
    if sections is None:
        sections = [Section("IV", "TỔ CHỨC THỰC HIỆN", 0, len(text), "organization")]
    return [(a.agency, a.role) for a in extract_assignments(text, sections)]


# --- patterns ------------------------------------------------------------------------------

PATTERNS = [
    pytest.param(
        "3. Sở Thông tin Truyền thông chủ trì, phối hợp với các sở, ban, ngành, địa phương làm tốt công tác thông tin, tuyên truyền.",
        [("Sở Thông tin Truyền thông", "lead"), ("các sở, ban, ngành", "support"), ("địa phương", "support")],
        id="chu-tri-phoi-hop",
    ),
    pytest.param(
        "6. Sở Nông nghiệp và Phát triển nông thôn: Chủ trì, phối hợp với các Sở, ngành và Ủy ban nhân dân các địa phương triển khai thực hiện mục tiêu nước sạch.",
        [
            ("Sở Nông nghiệp và Phát triển nông thôn", "lead"),
            ("các Sở, ngành", "support"),
            ("Ủy ban nhân dân các địa phương", "support"),
        ],
        id="colon-chu-tri",
    ),
    pytest.param(
        "3. Giao Văn phòng HĐND-UBND huyện tổng hợp theo dõi, đôn đốc các Phòng, ban, ngành.",
        [("Văn phòng HĐND-UBND huyện", "lead")],
        id="giao",
    ),
    pytest.param(
        "Giao Sở Y tế (chủ trì) hướng dẫn các địa phương thực hiện.",
        [("Sở Y tế", "lead")],
        id="giao-chu-tri-in-parentheses",
    ),
    pytest.param(
        "- Các cơ quan, đơn vị trong huyện có trách nhiệm quán triệt, phổ biến Nghị quyết đến cán bộ.",
        [("Các cơ quan, đơn vị trong huyện", "lead")],
        id="co-trach-nhiem",
    ),
    pytest.param(
        "9. Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tăng cường công tác tuyên truyền.",
        [("Ủy ban Mặt trận Tổ quốc", "requested"), ("các tổ chức chính trị - xã hội", "requested")],
        id="de-nghi-requested",
    ),
    pytest.param(
        "5. Đề nghị Ủy ban Mặt trận Tổ quốc và các đoàn thể huyện tuyên truyền, vận động nhân dân.",
        [("Ủy ban Mặt trận Tổ quốc", "requested"), ("các đoàn thể huyện", "requested")],
        id="de-nghi-mass-organisations",
    ),
    pytest.param(
        "- Sở Y tế chủ trì, phối hợp với Sở Tài chính, Sở Lao động - Thương binh và Xã hội, "
        "UBND các huyện và các cơ quan liên quan xây dựng kế hoạch.",
        [
            ("Sở Y tế", "lead"),
            ("Sở Tài chính", "support"),
            ("Sở Lao động - Thương binh và Xã hội", "support"),
            ("UBND các huyện", "support"),
            ("các cơ quan liên quan", "support"),
        ],
        id="support-list-with-compound-name",
    ),
    pytest.param(
        "UBND tỉnh yêu cầu các sở, ngành nghiêm túc triển khai, thực hiện./.",
        [("các sở, ngành", "lead")],
        id="yeu-cau-is-lead-not-issuer",
    ),
    pytest.param(
        "- Các phòng, ban ngành huyện và Ủy ban nhân dân xã, thị trấn khẩn trương nghiên cứu, triển khai, quán triệt nội dung.",
        [("Các phòng, ban ngành huyện", "lead"), ("Ủy ban nhân dân xã, thị trấn", "lead")],
        id="subject-and-task-verb",
    ),
    pytest.param(
        "3. Phòng Văn hóa và Thông tin, Trung tâm Văn hóa – Thông tin và Thể thao phối hợp chặt chẽ với các phòng, ban ngành huyện và UBND các xã, thị trấn tổ chức phổ biến Kế hoạch này.",
        [
            ("Phòng Văn hóa và Thông tin", "lead"),
            ("Trung tâm Văn hóa – Thông tin và Thể thao", "lead"),
            ("các phòng, ban ngành huyện", "support"),
            ("UBND các xã, thị trấn", "support"),
        ],
        id="subjects-phoi-hop-chat-che",
    ),
    # Sample 002: a commune's own task, no agency leads it -> nobody is its supporter.
    pytest.param(
        "Phối hợp với các đơn vị liên quan kiểm tra, kiểm soát việc chấp hành pháp luật thuế.",
        [],
        id="phoi-hop-alone-no-lead",
    ),
    # Dev 31fb08f34535fce3 V.1: under an agency heading its bullets' partners support it.
    pytest.param(
        "1. Sở Nội vụ\n- Chủ trì, phối hợp với các sở, ban, ngành rà soát nhân sự.\n"
        "- Phối hợp với sở, ban, ngành, đoàn thể Thành phố hướng dẫn chuyên môn.",
        [("Sở Nội vụ", "lead"), ("các sở, ban, ngành", "support"),
         ("sở, ban, ngành, đoàn thể Thành phố", "support")],
        id="phoi-hop-under-lead-heading",
    ),
    # Dev 448306af3d3a91f7 IV.4: a heading whose task opens with "Phối hợp với" supports.
    pytest.param(
        "4. Các tổ chức, cá nhân liên quan\n\nPhối hợp với các cơ quan có thẩm quyền trong việc "
        "triển khai thực hiện nội dung quy hoạch.",
        [("Các tổ chức, cá nhân liên quan", "support")],
        id="heading-whose-task-is-phoi-hop",
    ),
    # Sample 001 item 7: the labelled subject supports the first clause, leads its own second one.
    pytest.param(
        "7. Sở Kế hoạch và Đầu tư, Sở Tài chính: Phối hợp với Sở, ngành liên quan và các địa "
        "phương trong việc tham mưu xây dựng chính sách; tham mưu UBND tỉnh bố trí dự toán.",
        [("Sở Kế hoạch và Đầu tư", "support"), ("Sở Kế hoạch và Đầu tư", "lead"),
         ("Sở Tài chính", "support"), ("Sở Tài chính", "lead")],
        id="label-whose-task-is-phoi-hop",
    ),
    # Corpus f069c23c942c1ec6 2.9: a heading asking a mass organisation; its task's partners.
    pytest.param(
        "2.9. Đề nghị Liên đoàn Lao động tỉnh\n\nChủ trì, phối hợp với các Sở, ban, ngành liên "
        "quan tổ chức thực hiện Tiểu dự án 4.",
        [("Liên đoàn Lao động tỉnh", "requested"), ("các Sở, ban, ngành liên quan", "support")],
        id="request-heading",
    ),
    # Sample 001 item 8: the press bodies it directs coordinate, not the lead.
    pytest.param(
        "8. Sở Thông tin và Truyền thông: Chỉ đạo, hướng dẫn các cơ quan báo chí của tỉnh phối "
        "hợp với các Sở, ngành và Hội đoàn thể liên quan đẩy mạnh công tác tuyên truyền.",
        [("Sở Thông tin và Truyền thông", "lead")],
        id="directed-object-coordinates",
    ),
    pytest.param(
        "c. Định kỳ hàng năm, Thủ trưởng các phòng, ban ngành trực thuộc, Chủ tịch UBND các xã, thị trấn báo cáo tình hình, kết quả thực hiện về UBND huyện (thông qua Phòng Tài chính – Kế hoạch) trước ngày 30/11.",
        [("Thủ trưởng các phòng, ban ngành trực thuộc", "lead"), ("Chủ tịch UBND các xã, thị trấn", "lead")],
        id="subject-after-introductory-phrase",
    ),
    pytest.param(
        "2. Trên cơ sở những nội dung của Kế hoạch này, Thủ trưởng các Phòng, ban, ngành; Chủ tịch UBND các xã, thị trấn và các đơn vị liên quan căn cứ chức năng, nhiệm vụ được giao:",
        [
            ("Thủ trưởng các Phòng, ban, ngành", "lead"),
            ("Chủ tịch UBND các xã, thị trấn", "lead"),
            ("các đơn vị liên quan", "lead"),
        ],
        id="semicolon-inside-subject",
    ),
    pytest.param(
        "- Cơ quan chủ trì: Sở Nội vụ.\n- Cơ quan phối hợp: Sở Tư pháp, Công an tỉnh.",
        [("Sở Nội vụ", "lead"), ("Sở Tư pháp", "support"), ("Công an tỉnh", "support")],
        id="labelled-form",
    ),
    pytest.param(
        "Trong quá trình thực hiện, nếu có vấn đề phát sinh, vướng mắc, các đơn vị, địa phương kịp thời phản ánh về UBND huyện.",
        [],
        id="conditional-reporting-rule-is-no-task",
    ),
    pytest.param(
        "Tham mưu UBND huyện cơ chế, chính sách tiếp tục thu hút phát triển mạnh sản xuất công nghiệp.",
        [],
        id="advised-body-is-no-assignee",
    ),
    pytest.param(
        "1. Sở Lao động - Thương binh và Xã hội:\nLà cơ quan thường trực triển khai thực hiện Kế hoạch này.\n2. Sở Y tế: Chủ trì tham mưu.",
        [("Sở Lao động - Thương binh và Xã hội", "lead"), ("Sở Y tế", "lead")],
        id="heading-agency-then-body",
    ),
    pytest.param(
        "- Cơ quan thực hiện: Sở Giáo dục và Đào tạo và Sở Y tế chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố và các đơn vị có liên quan.",
        [
            ("Sở Giáo dục và Đào tạo", "lead"),
            ("Sở Y tế", "lead"),
            ("các sở, ban, ngành, đoàn thể Thành phố", "support"),
            ("các đơn vị có liên quan", "support"),
        ],
        id="role-label-then-chu-tri",
    ),
    pytest.param(
        "- Cơ quan thực hiện: Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ của mình.",
        [("Sở Nội vụ", "lead"), ("các sở, ban, ngành Thành phố", "lead")],
        id="role-label-without-verb",
    ),
    pytest.param(
        "- Cơ quan thực hiện TTHC: UBND cấp tỉnh.",
        [],
        id="procedure-label-is-no-role-label",
    ),
    pytest.param(
        "2. Các cơ quan trực thuộc Bộ\nVăn hóa, Thể thao và Du lịch\nChủ trì, phối hợp với các Bộ, ngành liên quan xây dựng đề án.",
        [
            ("Các cơ quan trực thuộc Bộ\nVăn hóa, Thể thao và Du lịch", "lead"),
            ("các Bộ, ngành liên quan", "support"),
        ],
        id="heading-line-then-chu-tri-line",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PATTERNS)
def test_patterns(text, expected):
    assert roles(text) == expected


HEADINGS = [
    pytest.param("2.12. UBND các xã, thị trấn:", [("UBND các xã, thị trấn", "lead")], id="numbered-heading-colon"),
    pytest.param("2.11. Các Phòng, ban, ngành khác", [("Các Phòng, ban, ngành khác", "lead")], id="heading-without-colon"),
    pytest.param("a) Phòng Giáo dục và Đào tạo:", [("Phòng Giáo dục và Đào tạo", "lead")], id="letter-heading"),
    pytest.param("1. Công tác quán triệt, tuyên truyền", [], id="topic-heading-is-no-agency"),
    pytest.param("2. Ban hành cơ chế, chính sách hỗ trợ", [], id="ban-hanh-is-a-verb"),
    pytest.param("2. Trách nhiệm của Sở Nội vụ", [("Sở Nội vụ", "lead")], id="trach-nhiem-cua-heading"),
    pytest.param(
        "3. Trách nhiệm các cơ quan, đơn vị cấp thành phố và Ủy ban nhân dân xã, phường",
        [("các cơ quan, đơn vị cấp thành phố", "lead"), ("Ủy ban nhân dân xã, phường", "lead")],
        id="trach-nhiem-heading-without-cua",
    ),
    pytest.param("2. Trách nhiệm thực hiện", [], id="trach-nhiem-of-no-agency"),
    pytest.param(
        "1. Viện Văn hóa, Nghệ thuật,\nThể thao và Du lịch Việt Nam",
        [("Viện Văn hóa, Nghệ thuật,\nThể thao và Du lịch Việt Nam", "lead")],
        id="heading-wrapped-at-a-comma",
    ),
    pytest.param("2.1. Sở\nTài chính", [("Sở\nTài chính", "lead")], id="heading-wrapped-after-its-head-word"),
    pytest.param(
        "2. Thủ trưởng các sở, ban, ngành, đoàn thể Thành phố",
        [("Thủ trưởng các sở, ban, ngành, đoàn thể Thành phố", "lead")],
        id="city-level-collective-heading",
    ),
]


@pytest.mark.parametrize(("heading", "expected"), HEADINGS)
def test_heading_agency_is_lead_once_with_its_tasks(heading, expected):
    text = f"{heading}\n(1) Tổ chức rà soát các điều kiện đầu tư.\n(2) Đẩy mạnh cải cách thủ tục hành chính.\n"
    found = extract_assignments(text, [Section("II", "NHIỆM VỤ", 0, len(text), "tasks")])
    assert [(a.agency, a.role) for a in found] == expected
    for a in found:  # the tasks under the heading are its task_text
        assert "rà soát" in a.task_text and "cải cách" in a.task_text


# --- agency lists (split in agency_lists.py, tested in test_agency_lists.py) -------------


def test_split_agencies_is_exported_here():
    assert split_agencies("Sở Kế hoạch và Đầu tư, Sở Tài chính") == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]


# --- sections, spans, task text ------------------------------------------------------------


def test_only_task_sections_are_read():
    purpose = "I. MỤC ĐÍCH, YÊU CẦU\n3. Thủ trưởng các Phòng, ban, ngành có trách nhiệm chủ động tổ chức thực hiện.\n"
    tasks = "III. TỔ CHỨC THỰC HIỆN\n1. Giao Phòng Nội vụ theo dõi, đôn đốc.\n"
    text = purpose + tasks
    sections = [
        Section("I", "MỤC ĐÍCH, YÊU CẦU", 0, len(purpose), "objectives"),
        Section("III", "TỔ CHỨC THỰC HIỆN", len(purpose), len(text), "organization"),
    ]
    found = extract_assignments(text, sections)
    assert [(a.agency, a.role, a.section) for a in found] == [("Phòng Nội vụ", "lead", "III")]


def test_other_section_with_an_organization_title_is_read():
    text = "Điều 4. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân Thành phố tổ chức triển khai thực hiện Nghị quyết."
    sections = [Section("4", "Tổ chức thực hiện", 0, len(text), "other")]
    assert roles(text, sections) == [("Ủy ban nhân dân Thành phố", "lead")]


def test_no_task_section_reads_all_but_preamble_and_closing():
    preamble = "Giao Sở Y tế chủ trì thực hiện.\n"
    body = "1. Giao Sở Tài chính bố trí kinh phí.\n"
    closing = "Nơi nhận:\n- UBND các xã, thị trấn (t/h);\n"
    text = preamble + body + closing
    sections = [
        Section("", "", 0, len(preamble), "preamble"),
        Section("II", "QUAN ĐIỂM", len(preamble), len(preamble) + len(body), "other"),
        Section("", "Nơi nhận", len(preamble) + len(body), len(text), "closing"),
    ]
    assert roles(text, sections) == [("Sở Tài chính", "lead")]


def test_span_is_the_sentence_and_task_text_the_clause():
    text = ORG_HEADING + "3. Giao Văn phòng UBND thị trấn theo dõi, đôn đốc tình hình thực hiện. Định kỳ báo cáo UBND."
    (a,) = extract_assignments(text, [])
    assert text[a.span[0] : a.span[1]] == "3. Giao Văn phòng UBND thị trấn theo dõi, đôn đốc tình hình thực hiện."
    assert a.task_text == "theo dõi, đôn đốc tình hình thực hiện"


def test_one_assignment_per_agency_role_sentence_in_text_order():
    text = ORG_HEADING + (
        "- UBND các xã, thị trấn tổ chức quán triệt Nghị quyết; Các cơ quan, đơn vị trong huyện có trách nhiệm "
        "phổ biến Nghị quyết; Hội Phụ nữ, Đoàn Thanh niên phổ biến Nghị quyết tới hội viên.\n"
        "- Phòng Nội vụ phối hợp với Phòng Nội vụ thực hiện.\n"
    )
    found = roles(text, [])
    assert found == [
        ("UBND các xã, thị trấn", "lead"),
        ("Các cơ quan, đơn vị trong huyện", "lead"),
        ("Hội Phụ nữ", "lead"),
        ("Đoàn Thanh niên", "lead"),
        ("Phòng Nội vụ", "lead"),
        ("Phòng Nội vụ", "support"),
    ]


# --- properties ----------------------------------------------------------------------------

VOCABULARY = [
    "Sở Y tế", "Phòng Nội vụ", "UBND các xã, thị trấn", "chủ trì", "phối hợp với", "Giao", "Đề nghị",
    "Yêu cầu", "có trách nhiệm", "thực hiện", "và", ", ", "; ", ": ", ". ", "\n", "\n\n", "1. ", "a) ",
    "- ", "(1) ", "các sở, ban, ngành", "Hội", "(", ")", "nếu", "Ủy ban nhân\ndân", "|", "*",
]
texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join))


@st.composite
def documents(draw):
    text = draw(texts)
    cut = draw(st.integers(0, len(text)))
    kinds = st.sampled_from(["preamble", "objectives", "tasks", "organization", "closing", "other"])
    sections = [
        Section("I", draw(st.text(max_size=20)), 0, cut, draw(kinds)),
        Section("II", draw(st.text(max_size=20)), cut, len(text), draw(kinds)),
    ]
    return text, draw(st.sampled_from([[], sections]))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_never_raises_spans_hold_the_agency_and_deterministic(document):
    text, sections = document
    found = extract_assignments(text, sections)
    assert found == extract_assignments(text, sections)
    for a in found:
        start, end = a.span
        assert 0 <= start < end <= len(text)
        assert a.agency and a.agency in text[start:end]
        assert a.role in {"lead", "support", "requested"}
    assert [a.span[0] for a in found] == sorted(a.span[0] for a in found)


# --- the five samples against the gold -----------------------------------------------------

_ROMAN_HEADING = re.compile(r"^[*#\s]*([IVX]+)\.\s*(.*)$", re.M)
_CLOSING = re.compile(r"^\W*Nơi nhận", re.M)
_KIND_WORDS = [
    ("objectives", ("MỤC TIÊU", "CHỈ TIÊU", "MỤC ĐÍCH")),
    ("organization", ("TỔ CHỨC", "PHÂN CÔNG")),
    ("tasks", ("NHIỆM VỤ", "GIẢI PHÁP")),
]


def crude_sections(text: str) -> list[Section]:
    """Sections from Roman-numeral headings and "Nơi nhận", kind from heading keywords."""
    headings = [(m.start(), m) for m in _ROMAN_HEADING.finditer(text)]
    closings = [(m.start(), None) for m in _CLOSING.finditer(text)]
    bounds = sorted(headings + closings, key=lambda b: b[0])
    sections = [Section("", "", 0, bounds[0][0] if bounds else len(text), "preamble")]
    for i, (start, match) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if match is None:
            sections.append(Section("", "Nơi nhận", start, end, "closing"))
            continue
        title = match.group(2).upper()
        kind = next((k for k, words in _KIND_WORDS if any(w in title for w in words)), "other")
        sections.append(Section(match.group(1), match.group(2), start, end, kind))
    return sections


def _norm(agency: str) -> str:
    agency = " ".join(agency.lower().split())
    return agency.replace("ủy ban nhân dân", "ubnd").replace("uỷ ban nhân dân", "ubnd")


def score(gold_file: Path) -> tuple[int, int, int]:
    """(true positives, gold count, predicted count) of (agency, role) on one sample.

    A prediction matches a gold entry when agency (normalized) and role agree and the gold
    quote overlaps the predicted span. Predictions repeated verbatim (samples that print the
    whole text twice) count once, as the gold annotates them once.
    """
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = (ROOT / "samples" / gold["sample"]).read_text(encoding="utf-8")
    predicted, seen = [], set()
    for a in extract_assignments(text, crude_sections(text)):
        key = (_norm(a.agency), a.role, " ".join(text[a.span[0] : a.span[1]].split()))
        if key not in seen:
            seen.add(key)
            predicted.append(a)
    matched: set[int] = set()
    for entry in gold["assignments"]:
        places = [m.start() for m in re.finditer(re.escape(entry["quote"]), text)]
        for i, a in enumerate(predicted):
            overlaps = any(p < a.span[1] and p + len(entry["quote"]) > a.span[0] for p in places)
            same = (_norm(a.agency), a.role) == (_norm(entry["agency"]), entry["role"])
            if i not in matched and overlaps and same:
                matched.add(i)
                break
    return len(matched), len(gold["assignments"]), len(predicted)


GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("0*.json"))


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=[f.name[:3] for f in GOLD_FILES])
def test_recall_against_gold(gold_file):
    tp, n_gold, _ = score(gold_file)
    assert tp / n_gold >= 0.85


def test_overall_precision_and_recall_against_gold():
    tp, n_gold, n_pred = map(sum, zip(*(score(f) for f in GOLD_FILES)))
    assert tp / n_gold >= 0.9
    assert tp / n_pred >= 0.75


# --- the execution clause of a decision -----------------------------------------------------

EXECUTION_CLAUSES = [
    pytest.param(
        "Điều 3. Chánh\nVăn phòng Bộ, Vụ trưởng Vụ Kế hoạch, Tài chính, Viện trưởng Viện Văn hóa, Nghệ thuật, "
        "Thể thao và Du lịch Việt Nam và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này./.",
        ["Chánh\nVăn phòng Bộ", "Vụ trưởng Vụ Kế hoạch, Tài chính",
         "Viện trưởng Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam", "Thủ trưởng các cơ quan liên quan"],
        id="office-holders-of-a-ministry",
    ),
    pytest.param(
        "Điều 4.\nChánh Văn phòng Ủy ban nhân dân thành phố, Thủ trưởng cơ quan Trung ương trên địa bàn thành phố; "
        "ban ngành thành phố và Chủ tịch Ủy ban nhân dân xã, phường chịu trách nhiệm thi hành Quyết định này./.",
        ["Chánh Văn phòng Ủy ban nhân dân thành phố", "Thủ trưởng cơ quan Trung ương trên địa bàn thành phố",
         "ban ngành thành phố", "Chủ tịch Ủy ban nhân dân xã, phường"],
        id="groups-split-at-semicolons",
    ),
    pytest.param(
        "Các đơn vị thực hiện tốt nhiệm vụ.\n2. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Tư pháp;\n"
        "Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành Quyết định này.",
        ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Tư pháp", "Chủ tịch Ủy ban nhân dân các xã, phường"],
        id="list-over-lines-ending-in-semicolons",
    ),
    pytest.param("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.", [], id="entry-into-force-is-no-clause"),
]


@pytest.mark.parametrize(("text", "expected"), EXECUTION_CLAUSES)
def test_execution_clause_leads_wherever_it_stands(text, expected):
    sections = [Section("I", "NHIỆM VỤ", 0, 0, "tasks")]  # an empty task section: nothing else read
    found = extract_assignments(text, sections)
    assert [(a.agency, a.role) for a in found] == [(agency, "lead") for agency in expected]
