"""normalize_text as a whole: the five samples, the dev corpus, and properties (never raises,
deterministic, idempotent, linear-ish on a 2 MB input). Each step's rules, on real snippets, are
tested with the step: test_characters, test_markup, test_metadata_tables, test_chrome,
test_line_wraps, test_tables, test_repeats, test_breaks."""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.breaks import PIPE, NormalizeStats, read_breaks, write_lines
from policykg.loaders.characters import clean_characters, tidy_spaces
from policykg.loaders.chrome import new_line_kinds, remove_chrome
from policykg.loaders.line_wraps import repair_wraps
from policykg.loaders.markup import strip_markdown
from policykg.loaders.metadata_tables import extract_metadata
from policykg.loaders import normalize
from policykg.loaders.normalize import MAX_PASSES, NormalizedText, _warnings, normalize_text
from policykg.loaders.repeats import remove_repeat
from policykg.loaders.tables import flatten_tables, split_inline_pipes
from tests.factories import ROOT, SAMPLES

DEV_CORPUS = ROOT / "tests" / "documents" / "dev_corpus"
GOLD = ROOT / "tests" / "gold"


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


def sample(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


# ---------------------------------------------------------------- the five samples

SAMPLE_ONCE = {
    # key sentences that must appear exactly once (after joining wraps and dropping copies)
    "000": ["khắc phục khó khăn, vượt qua thử thách",
            "Thu nhập bình quân đầu người của huyện đạt trên 60 triệu đồng/người;"],
    "001": ["Căn cứ Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị về “tiếp tục thực hiện Nghị quyết",
            "- Tỷ lệ lao động qua đào tạo đạt 87,5%, trong đó tỷ lệ lao động đã qua đào tạo có bằng cấp, "
            "chứng chỉ đạt trên 52%.",
            "năm 2025, GRDP bình quân đầu người của tỉnh đạt trên 10.000 USD."],
    "002": ["Căn cứ Nghị quyết số 01-NQ/ĐU ngày 25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.",
            "năm 2020 đạt 96,7%; năm 2021 đạt 97%;", "Nguyễn Văn Truy", "Số: 76 /CTr - UBND"],
    "003": ["Để thực hiện thắng lợi các nhiệm vụ đề ra tại Nghị quyết số 01/NQ-CP ngày 08/01/2025",
            "(1) Phấn đấu Tổng sản phẩm trên địa bàn tỉnh (GRDP-giá so sánh 2010) tăng từ 10-11% so với năm 2024.",
            "(15) Tỷ lệ che phủ rừng ổn định 25%.", "Số: 01/CTr-UBND"],
    "004": ["Số: 92 /KH-UBND", "phát triển kinh tế - xã hội của huyện theo Nghị quyết Đại hội Đảng bộ huyện lần thứ XII",
            "(6) Có 11-13 bác sĩ/1 vạn dân, 30-32 giường bệnh/1 vạn dân."],
}
SAMPLE_GONE = {
    "000": [], "001": ["|"], "003": ["|", "Số hiệu", "Cơ quan ban hành", "Người ký |"], "004": ["**"],
    "002": ["Đăng lúc", "Hôm nay", "Hôm qua", "Truy cập", "217563", "14:18:37", "CÔNG KHAI KQ"],
}
SAMPLE_LINES = {
    # whole lines: headings kept on their own line, wrapped headings repaired
    "001": ["I. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu chung.", "2.2. Lĩnh vực đào tạo nghề, việc làm",
            "Quảng Ninh, ngày 26 tháng 4 năm 2021", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:"],
    "002": ["I. MỤC ĐÍCH, YÊU CẦU", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "Nơi nhận:"],
    "003": ["ỦY BAN NHÂN DÂN", "1. Mục đích", "2. Yêu cầu"],
    "004": ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "1.1. Về kinh tế"],
}
SAMPLE_WARNINGS = {
    "000": set(), "001": set(), "004": set(),
    "002": {"chrome_removed", "duplicate_text_removed"},
    "003": {"metadata_table", "duplicate_text_removed"},
}


@pytest.fixture(scope="module")
def normalized_samples() -> dict[str, NormalizedText]:
    return {key: normalize_text(sample(key)) for key in SAMPLE_ONCE}


@pytest.mark.parametrize("key", sorted(SAMPLE_ONCE))
def test_sample_key_sentences_once(normalized_samples, key):
    text = normalized_samples[key].text
    for sentence in SAMPLE_ONCE[key]:
        assert text.count(sentence) == 1, sentence
    for gone in SAMPLE_GONE[key]:
        assert gone not in text, gone
    lines = set(text.split("\n"))
    for line in SAMPLE_LINES.get(key, []):
        assert line in lines, line
    assert set(codes(normalized_samples[key])) == SAMPLE_WARNINGS[key]


@pytest.mark.parametrize("key", sorted(SAMPLE_ONCE))
def test_sample_gold_quotes_survive_once(normalized_samples, key):
    """Every quote of the gold annotation (made on the raw text) is in the normalized text once,
    up to white space: nothing the annotators used was dropped or left duplicated."""
    (gold_path,) = GOLD.glob(f"{key}_*.json")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    flat = " ".join(normalized_samples[key].text.split())
    quotes = [item["quote"] for part in ("citations", "targets", "assignments")
              for item in gold.get(part, []) if item.get("quote")]
    assert quotes
    for quote in quotes:
        assert flat.count(" ".join(quote.split())) == 1, quote


def test_sample_003_metadata(normalized_samples):
    metadata = normalized_samples["003"].metadata
    # The table writes the issuing place, not the body ("Cơ quan ban hành | Tỉnh Vĩnh Phúc |");
    # parse.py completes it with the header's "ỦY BAN NHÂN DÂN" into "Ủy ban nhân dân tỉnh Vĩnh Phúc".
    assert metadata == {"symbol": "01/CTr-UBND", "issued": "17/01/2025", "effective": "17/01/2025",
                        "doc_type": "Văn bản khác", "issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông",
                        "field": "Thương mại,Tài chính nhà nước"}


def test_sample_002_keeps_one_copy(normalized_samples):
    result = normalized_samples["002"]
    (warning,) = [w for w in result.warnings if w.code == "duplicate_text_removed"]
    dropped = int(warning.message.split()[1])
    assert 20_000 < dropped < 30_000  # one full copy of ~24 000 characters
    assert len(result.text) < len(sample("002")) * 0.55


def test_sample_001_wrapped_lines_are_joined(normalized_samples):
    raw_lines, lines = len(lines_of(sample("001"))), len(lines_of(normalized_samples["001"].text))
    assert lines < raw_lines * 0.6  # 001 is wrapped at ~60 characters; most joins are repaired


# ---------------------------------------------------------------- the dev corpus

DEV_FILES = sorted(DEV_CORPUS.glob("*.md"))
DEV_FILES = [p for p in DEV_FILES if p.name != "README.md"]


@pytest.mark.parametrize("path", DEV_FILES, ids=[p.stem for p in DEV_FILES])
def test_dev_corpus_is_clean_and_stable(path):
    raw = path.read_text(encoding="utf-8")
    result = normalize_text(raw)
    assert "**" not in result.text and "|" not in result.text
    assert not any(line.startswith("#") for line in result.text.split("\n"))
    assert 0.4 * len(raw) < len(result.text) <= len(raw)
    assert normalize_text(result.text).text == result.text


DEV_EXPECTATIONS = {
    # file stem: (metadata, lines that must be in the text, strings that must be gone)
    "2edf5927c71bc4c1": ({"symbol": "2629/QĐ-TTg", "doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ",
                          "signer": "Nguyễn Chí Dũng", "issued": "01/12/2025"},
                         ["Số: 2629/QĐ-TTg", "Hà Nội, ngày 01 tháng 12 năm 2025", "QUYẾT ĐỊNH:", "I. QUAN ĐIỂM",
                          "Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ."],
                         ["THƯ VIỆN PHÁP LUẬT", "Đăng xuất", "Đang tải văn bản", "Văn bản liên quan", "Đã biết"]),
    "832399d0fd282e41": ({"symbol": "75/2025/NQ-HĐND", "doc_type": "Nghị quyết", "issuer": "Thành phố Hà Nội",
                          "signer": "Phùng Thị Hồng Hà", "issued": "27/11/2025"},
                         [], ["THƯ VIỆN PHÁP LUẬT", "Mã số thuế"]),
    "09daab284f92e2dd": ({}, ["Số: 141/KH-UBND", "Bắc Ninh, ngày 20 tháng 11 năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
                              "II. MỤC TIÊU CHỦ YẾU", "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp."], ["*"]),
    "2f6f80b9918e52de": ({}, ["Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025", "KẾ HOẠCH",
                              "TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM TRÊN ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH"], []),
    "192068354fd1ffe5": ({}, [], []),
}


@pytest.mark.parametrize("stem", sorted(DEV_EXPECTATIONS))
def test_dev_corpus_expectations(stem):
    metadata, lines, gone = DEV_EXPECTATIONS[stem]
    result = normalize_text((DEV_CORPUS / f"{stem}.md").read_text(encoding="utf-8"))
    assert result.metadata == metadata
    present = set(result.text.split("\n"))
    for line in lines:
        assert line in present, line
    for string in gone:
        assert string not in result.text, string


def test_dev_corpus_task_table_rows_keep_their_cells_together():
    text = norm((DEV_CORPUS / "192068354fd1ffe5.md").read_text(encoding="utf-8"))
    rows = [line for line in text.split("\n") if line.count(" ; ") >= 3]
    assert len(rows) >= 10
    assert any(row.endswith("Hiệp hội Doanh nghiệp ; Doanh nghiệp ; Thường xuyên") for row in rows)


# ---------------------------------------------------------------- properties

SNIPPETS = [
    "I. MỤC TIÊU", "1. Mục tiêu", "chung.", "a) Tăng cường", "đ) Phát triển", "- Tỷ lệ hộ nghèo", "+ Cây lúa",
    "(1) Phấn đấu", "Điều 1.", "Căn cứ Kết luận số 92-KL/TW ngày", "05/11/2020 của Bộ Chính trị;",
    "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "CỘNG", "HÒA XÃ HỘI", "VỀ", "KẾ HOẠCH", "Nơi nhận:",
    "TM. ỦY BAN NHÂN", "DÂN", "Nguyễn Thị Hạnh", "|", "| |", "Số hiệu | 01/CTr-UBND |", "Người ký:", "**",
    "** **", "*", "#", "## Văn bản liên quan", "Hôm nay:", "1", "Đăng lúc: 18/09/2020 14:18:37", "Trang chủ",
    "Giới thiệu", "Liên hệ", "-------", "", "", "  ", "\t", "\u00a0", "\u200b", "QÐ", "(*)", "[^1]", "nông - lâm",
    "- ngư và", "tế - xã hội;", "Việc làm", "Năm 2025 đạt 95%.", "x", "X.", "(đã ký)", "\r", "\\*",
]
line_soup = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12)), max_size=40).map(
    lambda parts: "\n".join(parts))
repeated_soup = st.tuples(line_soup, line_soup, st.integers(1, 3)).map(
    lambda t: t[0] + "\n" + "\n".join([t[1]] * t[2]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), line_soup, repeated_soup))
def test_never_raises_deterministic_idempotent(raw):
    first = normalize_text(raw)
    assert normalize_text(raw) == first
    assert normalize_text(first.text).text == first.text
    text = first.text
    assert "|" not in text and "\x00" not in text and "\r" not in text
    assert text == text.strip(" \n") and unicodedata.is_normalized("NFC", text)
    assert all(line == line.strip(" ") for line in text.split("\n"))


def _big_input(target_chars: int) -> str:
    """A 2 MB page: the five samples with their numbers varied, so lines repeat but the text does
    not, plus a long run of identical short lines (the worst case for line hashing)."""
    samples = [sample(key) for key in sorted(SAMPLE_ONCE)]
    parts, size, n = [], 0, 0
    while size < target_chars:
        chunk = samples[n % len(samples)].replace("2025", str(2025 + n))
        parts.append(chunk)
        size += len(chunk)
        n += 1
    return "\n".join(parts) + "\n" + "- Lưu: VT.\n" * 20_000


def test_two_megabytes_finish():
    raw = _big_input(2_000_000)
    assert len(raw.encode("utf-8")) > 2_000_000
    result = normalize_text(raw)
    assert 0 < len(result.text) < len(raw)


def _reading_everything(raw: str) -> tuple[str, NormalizeStats]:
    """normalize_text with every pass cleaning, stripping and tidying its whole input, as if it
    knew nothing of the pass before (what normalize.py's passes skip must change nothing)."""
    stats, metadata, cache = NormalizeStats(), {}, new_line_kinds()

    def one_pass(text: str, first: bool) -> str:
        text = strip_markdown(clean_characters(text, stats), stats)
        lines, tables = tidy_spaces(text), PIPE in text
        if tables:
            if first:
                lines, found = extract_metadata(lines, stats)
                metadata.update(found)
            lines = split_inline_pipes(lines)
        lines = repair_wraps(read_breaks(remove_chrome(lines, stats, cache)))
        if tables:
            lines = read_breaks(flatten_tables(lines, stats))
        return write_lines(remove_repeat(lines, stats))

    text = one_pass(raw, True)
    for _ in range(MAX_PASSES - 1):
        again = one_pass(text, False)
        if again == text:
            break
        text = again
    return text, stats


MARKED = ["e*\u0301", "a**\u0306", "*\u0301", "\\*\u0301", "#\u0301", "x\u200b\u0301", "Ð", "ð",
          "Ðà", "ệ", "* mục", "** **", "\u00a0\u0301", "[^2]", "| x |", "Ỷ\u0300"]
marked_soup = st.lists(st.sampled_from(SNIPPETS + MARKED), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(line_soup, marked_soup))
def test_later_passes_skip_only_what_cannot_change(raw):
    text, stats = _reading_everything(raw)
    result = normalize_text(raw)
    assert result.text == text
    assert [w.message for w in result.warnings] == [w.message for w in _warnings(stats)]


#: Lines that a first pass joins into lines that read differently as a whole (module line_wraps).
WRAPPING = ["HIỆN", "2025 ABC", "TIÊU", "vấn, hỗ trợ", "- Đến năm 2025 có 60% cơ sở, phòng", "5.2",
            "Kiến nghị", "… phát triển kinh", "tế - xã hội", "Trang chủ", "> Văn bản", "1 | 2 | 3"]
wrapping_soup = st.lists(st.sampled_from(SNIPPETS + MARKED + WRAPPING), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(line_soup, marked_soup, wrapping_soup, repeated_soup))
def test_a_pass_told_settled_is_followed_by_one_that_changes_nothing(raw):
    run = normalize._Passes()
    text = normalize._body_pass(raw, run)
    for _ in range(MAX_PASSES - 1):
        again = normalize._body_pass(text, settled := copy.deepcopy(run))
        if run.settled:
            assert again == text and settled.stats == run.stats
        if again == text:
            break
        text, run = again, settled
