"""The Record contract: its checked-in JSON Schema is current, and validation is strict."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from policykg.errors import RecordError
from policykg.loaders.record import Record, dump_record, parse_record, render_record_schema
from tests.factories import ROOT

SCHEMA_FILE = ROOT / "loaders" / "record.schema.json"
TEXT = "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh"


def a_record(**changes) -> dict:
    """A valid Record as JSON-ready data, with top-level ``changes``."""
    record = {
        "text": TEXT,
        "document": {"id": "doc-0123456789abcdef", "source_sha256": "ab" * 32, "level": "district"},
        "citations": [{"symbol": "12-NQ/TU", "relation": "implements", "issuer_scope": "province", "spans": [[24, 32]]}],
        "targets": [],
    }
    record.update(changes)
    return record


def test_checked_in_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_record_schema(), (
        "loaders/record.schema.json is stale: run `policykg schema > loaders/record.schema.json`"
    )


def test_schema_names_the_contract_fields():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert set(defs["DocumentMeta"]["properties"]) >= {
        "id", "symbol", "doc_type", "issuer", "level", "province", "district", "commune",
        "issued", "title", "signer", "source_sha256"}
    assert set(defs["Citation"]["properties"]) >= {
        "symbol", "doc_type", "issued", "issuer", "issuer_scope", "relation", "name", "spans"}
    assert set(defs["Target"]["properties"]) >= {
        "id", "text", "section", "indicator", "indicator_id", "value", "value_max", "unit",
        "comparator", "year", "yearly", "in_tasks", "span"}
    assert set(defs["Assignment"]["properties"]) >= {"agency", "role", "section", "task_text", "span"}
    assert "warnings" in schema["properties"]


def test_cli_prints_the_schema():
    out = subprocess.run([sys.executable, "-m", "policykg.cli", "schema"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == json.loads(render_record_schema())


def test_valid_record_round_trips_through_json():
    record = parse_record(json.dumps(a_record()))
    assert record.quote(record.citations[0].spans[0]) == "12-NQ/TU"
    assert Record.model_validate_json(record.model_dump_json()) == record


@pytest.mark.parametrize("changes", [
    pytest.param({}, id="vietnamese-text"),
    pytest.param({"text": "Thực hiện Nghị quyết số 12-NQ/TU \"tăng trưởng\"\n\u0000"}, id="quotes-line-end-and-nul"),
])
def test_dump_record_is_model_dump_json_in_utf8(changes):
    record = parse_record(json.dumps(a_record(**changes)))
    assert dump_record(record) == record.model_dump_json().encode("utf-8")


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"document": {"id": "d", "source_sha256": "xyz"}}, "document.source_sha256"),
        ({"citations": [{"symbol": "1", "relation": "cites", "spans": [[0, 1]]}]}, "citations.0.relation"),
        ({"citations": [{"symbol": "1", "relation": "mentions", "spans": [[5, 2]]}]}, "citations.0.spans"),
        ({"citations": [{"symbol": "1", "relation": "mentions", "spans": [[0, 999]]}]}, "ends past the text"),
        ({"citations": [{"symbol": "1", "relation": "mentions", "spans": []}]}, "citations.0.spans"),
        ({"targets": [{"id": "t1", "text": "x", "value": 1, "comparator": "range", "span": [0, 1]}]}, "value_max"),
        ({"targets": [{"id": "t1", "text": "x", "value": 1, "comparator": "≥", "span": [0, 1]}]}, "targets.0.comparator"),
        ({"document": {"id": "d", "source_sha256": "ab" * 32, "level": "ward"}}, "document.level"),
        ({"extra_field": 1}, "extra_field"),
    ],
    ids=["bad-sha", "unknown-relation", "reversed-span", "span-past-text", "no-spans", "range-without-max", "unknown-comparator", "unknown-level", "unknown-field"],
)
def test_invalid_record_is_one_line_naming_the_field(changes, fragment):
    with pytest.raises(RecordError) as caught:
        parse_record(json.dumps(a_record(**changes)), where="records.jsonl:3")
    assert caught.value.message.startswith("records.jsonl:3: ")
    assert fragment in caught.value.message


PAST = 10_000  # an offset past TEXT's end


@pytest.mark.parametrize(("changes", "where"), [
    pytest.param({"document": {"id": "d", "source_sha256": "ab" * 32, "spans": {"symbol": [0, PAST]}}},
                 "document.spans.symbol", id="document"),
    pytest.param({"citations": [{"symbol": "1", "relation": "mentions", "spans": [[0, 1], [0, PAST]]}]},
                 "citations[0].spans[1]", id="second-citation-span"),
    pytest.param({"targets": [{"id": "t1", "text": "x", "value": 1, "span": [0, PAST]}]},
                 "targets[0].span", id="target"),
    pytest.param({"assignments": [{"agency": "Sở", "role": "lead", "task_text": "x", "span": [0, PAST]}]},
                 "assignments[0].span", id="assignment"),
    pytest.param({"warnings": [{"code": "c", "message": "m"}, {"code": "c", "message": "m", "span": [1, PAST]}]},
                 "warnings[1].span", id="second-warning"),
])
def test_a_span_past_the_text_is_named(changes, where):
    with pytest.raises(RecordError) as caught:
        parse_record(json.dumps(a_record(**changes)))
    assert f"{where}: span [" in caught.value.message and "ends past the text" in caught.value.message


def test_spans_inside_the_text_pass():
    record = parse_record(json.dumps(a_record(warnings=[{"code": "c", "message": "m", "span": [0, len(TEXT)]}])))
    assert record.warnings[0].span == (0, len(TEXT))
