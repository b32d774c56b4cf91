"""Normalizer step 3 (metadata_tables.py): a portal's metadata table into ``metadata``."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import metadata_tables
from policykg.loaders.breaks import HARD, PIPE, NormalizeStats
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


METADATA_CASES = [
    # (id, raw, expected metadata, expected text)
    ("inline_rows_003",
     "Số hiệu | 01/CTr-UBND |\nNgày ban hành | 17/01/2025 |\nCơ quan ban hành | Tỉnh Vĩnh Phúc |\n"
     "Người ký | Trần Duy Đông |\nỦY BAN NHÂN DÂN |",
     {"symbol": "01/CTr-UBND", "issued": "17/01/2025", "issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông"},
     "ỦY BAN NHÂN DÂN"),
    ("four_cell_row",
     "Số hiệu | 01/CTr-UBND | Loại văn bản | Chương trình\n"
     "Cơ quan ban hành | Ủy ban nhân dân tỉnh Vĩnh Phúc | Người ký | Trần Duy Đông\nKẾ HOẠCH",
     {"symbol": "01/CTr-UBND", "doc_type": "Chương trình", "issuer": "Ủy ban nhân dân tỉnh Vĩnh Phúc",
      "signer": "Trần Duy Đông"},
     "KẾ HOẠCH"),
    ("vertical_markdown_2edf",
     "#\n**Số hiệu:**\n|\n2629/QĐ-TTg\n|\n|\n**Loại văn bản:**\n|\nQuyết định\n|\n**\nNgày hiệu lực:**\n|\n"
     "Đã biết\n|\n**THỦ TƯỚNG CHÍNH\nPHỦ**",
     {"symbol": "2629/QĐ-TTg", "doc_type": "Quyết định"},
     "THỦ TƯỚNG CHÍNH PHỦ"),
    ("no_pipes_no_metadata", "Người ký: Trần Duy Đông", {}, "Người ký: Trần Duy Đông"),
    ("label_inside_heading_not_metadata", "b) Lĩnh vực kinh tế:\n|\nTăng trưởng\n|", {},
     "b) Lĩnh vực kinh tế:\n\n\nTăng trưởng"),
]


@pytest.mark.parametrize("raw,metadata,text", [c[1:] for c in METADATA_CASES], ids=[c[0] for c in METADATA_CASES])
def test_metadata_tables(raw, metadata, text):
    result = normalize_text(raw)
    assert result.metadata == metadata
    assert result.text == text
    assert ("metadata_table" in codes(result)) == bool(metadata)


# ---------------------------------------------------------------- the step on its own


def reference_extract(lines: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
    """``extract_metadata`` visiting every line, as it did before it visited the candidates only."""
    stats = NormalizeStats()
    metadata: dict[str, str] = {}
    out = list(lines)
    for i, line in enumerate(lines):
        if PIPE in line and line != PIPE:
            out[i] = metadata_tables._inline_metadata(line, metadata, stats)
        elif (i + 2 < len(lines) and lines[i + 1] == PIPE and line not in ("", HARD, PIPE)
              and len(line) <= metadata_tables.METADATA_LABEL_MAX_CHARS and (key := metadata_tables._metadata_key(line))):
            end = metadata_tables._vertical_value(lines, i + 2)
            if end is not None:
                metadata_tables._keep_value(metadata, key, " ".join(lines[i + 2:end]), stats)
                out[i:end] = [HARD] * (end - i)
    return out, metadata, stats.metadata_fields


CELLS = st.sampled_from(["Số hiệu", "Số hiệu:", "Người ký", "01/CTr-UBND", "Trần Duy Đông", "Đã biết", PIPE, PIPE,
                         "", HARD, "a | b", "Loại văn bản | Kế hoạch |", "Người ký | x | Chức vụ", "KẾ HOẠCH"])


@given(st.lists(CELLS, max_size=14))
def test_candidates_give_what_every_line_gives(lines):
    stats = NormalizeStats()
    out, metadata = metadata_tables.extract_metadata(lines, stats)
    assert (out, metadata, stats.metadata_fields) == reference_extract(lines)


def test_docstring_examples_run():
    result = doctest.testmod(metadata_tables)
    assert result.attempted > 0 and result.failed == 0
