"""Citation titles: the "về …" words after a cited symbol, from real sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.citation_titles import add_citation_titles
from policykg.loaders.record import Citation


def _title(text: str, *symbols: str) -> str | None:
    cites = [Citation(symbol=s, relation="mentions", spans=[(text.index(s), text.index(s) + len(s))])
             for s in symbols]
    return add_citation_titles(text, cites)[0].title


@pytest.mark.parametrize(("text", "symbols", "title"), [
    pytest.param("Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh khóa XVI về nâng "
                 "cao thu nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025 (sau đây gọi tắt là Nghị quyết);",
                 ("12-NQ/TU",), "về nâng cao thu nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025",
                 id="000-preamble-stops-at-the-aside"),
    pytest.param("Nghị quyết số 01/NQ-CP về nhiệm vụ, giải pháp chủ yếu thực hiện kế hoạch phát triển kinh tế - "
                 "xã hội và dự toán ngân sách nhà nước năm 2025 và Nghị quyết 45/NQ-HĐND của HĐND tỉnh",
                 ("01/NQ-CP", "45/NQ-HĐND"),
                 "về nhiệm vụ, giải pháp chủ yếu thực hiện kế hoạch phát triển kinh tế - xã hội và dự toán ngân "
                 "sách nhà nước năm 2025", id="003-stops-before-a-listed-document"),
    pytest.param("Quyết định số 2013/QĐ-UBND của UBND tỉnh và Kế hoạch này nhằm tạo sự chuyển biến về nhận thức, "
                 "tạo quyết tâm cao", ("2013/QĐ-UBND",), None, id="004-ve-after-a-verb-is-no-title"),
    pytest.param("Chỉ thị số 12/CT-UBND ngày 01/6/2023 về việc", ("12/CT-UBND",), None, id="too-short"),
    pytest.param("Kết luận số 28-KL/TW ngày 21/02/2022 của Bộ Chính trị về tinh giản biên chế và cơ cấu lại đội "
                 "ngũ cán bộ, công chức, viên chức. Tiếp theo", ("28-KL/TW",),
                 "về tinh giản biên chế và cơ cấu lại đội ngũ cán bộ, công chức, viên chức", id="stops-at-full-stop"),
])
def test_titles(text, symbols, title):
    assert _title(text, *symbols) == title


@given(st.text(alphabet=st.sampled_from(list("về ngày của 12-NQ/TU,;.()\nabcđ ")), max_size=200))
def test_titles_never_raise_and_come_from_the_text(text):
    if "12-NQ/TU" not in text:
        text = "12-NQ/TU " + text
    title = _title(text, "12-NQ/TU")
    assert title is None or (title.startswith("về") and " ".join(title.split()) == title)
