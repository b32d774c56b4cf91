"""Rows built from Records: pure functions, checked without a store."""

from __future__ import annotations

import pytest

from policykg.graph.identity import resolve_jurisdiction
from policykg.graph.rows import agency_home, body_name, build_rows, document_label
from policykg.ontology.terms import Label, Rel
from tests.factories import sample_records

VINH_PHUC = resolve_jurisdiction("province", "Vĩnh Phúc", None, None)
SONG_LO = resolve_jurisdiction("district", "Vĩnh Phúc", "Sông Lô", None)


@pytest.mark.parametrize(("level", "place", "jurisdiction", "slug"), [
    pytest.param("district", "huyện Sông Lô", VINH_PHUC, "huyen-song-lo", id="named-district-in-a-provincial-plan"),
    pytest.param("province", "tỉnh Quảng Ninh", SONG_LO, "tinh-quang-ninh", id="another-province-named"),
    pytest.param("province", None, SONG_LO, "tinh-vinh-phuc", id="so-in-a-district-plan-is-the-provinces"),
    pytest.param("commune", None, SONG_LO, "huyen-song-lo", id="communes-named-by-a-district-stay-with-it"),
    pytest.param("district", "huyện", VINH_PHUC, "tinh-vinh-phuc", id="a-bare-kind-word-names-nothing"),
    pytest.param("district", "huyện Không Có", VINH_PHUC, "tinh-vinh-phuc", id="unknown-place-falls-back"),
])
def test_agency_home(level, place, jurisdiction, slug):
    assert agency_home(level, place, jurisdiction).slug == slug


@pytest.mark.parametrize(("doc_type", "code", "label"), [
    pytest.param("NQ", "TU", Label.PARTY_RESOLUTION, id="party"),
    pytest.param("NQ", "CP", Label.GOVERNMENT_RESOLUTION, id="government"),
    pytest.param("NQ", "HĐND", Label.COUNCIL_RESOLUTION, id="council"),
    pytest.param("NQ", "QH15", Label.OTHER_DOCUMENT, id="national-assembly"),
    pytest.param("KH", "UBND", Label.PLAN, id="plan"), pytest.param("CTr", "TU", Label.PROGRAMME, id="programme"),
    pytest.param(None, None, Label.OTHER_DOCUMENT, id="unknown"),
])
def test_document_label(doc_type, code, label):
    assert document_label(doc_type, code) == label


def test_body_names_are_built_not_copied():
    assert body_name("UBND", SONG_LO, "UBND huyện") == "Ủy ban nhân dân huyện Sông Lô"
    assert body_name("TU", VINH_PHUC, "Ban Chấp hành Đảng bộ tỉnh") == "Tỉnh ủy Vĩnh Phúc"


@pytest.mark.parametrize("index", range(5), ids=[f"sample-{i:03d}" for i in range(5)])
def test_every_row_quotes_its_record_and_ids_are_unique(index):
    record = sample_records()[index]
    rows = build_rows(record)
    evidence = rows.nodes[(Label.EVIDENCE, ())]
    for row in evidence:
        start, end = row["props"]["span_start"], row["props"]["span_end"]
        assert row["props"]["quote"] == record.text[start:end]
        assert row["props"]["sha256"] == record.document.source_sha256
    for row in rows.cited:
        assert row["quote"] == [record.text[row["span_start"][0]:row["span_end"][0]]]
    targets = [r["id"] for r in rows.nodes[(Label.TARGET, ())]]
    assert len(targets) == len(set(targets)) >= len(record.targets)
    assert len(rows.edges[(Rel.SETS_TARGET, Label.POLICY_DOCUMENT, Label.TARGET)]) == len(targets)


def test_rows_are_a_pure_function_of_the_record():
    first, second = build_rows(sample_records()[3]), build_rows(sample_records()[3])
    assert first == second
