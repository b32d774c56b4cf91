"""The synthetic cascade generator (policykg/synthetic*.py): valid Records whose spans quote what
they claim, determinism, shapes, the parent chain, and distinct cascades."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
from collections import Counter
from pathlib import Path

import pytest
from policykg.graph.agencies import fold, resolve_agency
from policykg.loaders.places import all_units, children
from policykg.loaders.record import Record, parse_record

from policykg.synthetic import (
    COVERAGE_GAP,
    count_cascade,
    generate_cascade,
)

SEED = 11
#: A small province (8 districts, 47 communes) for the exhaustive checks, and the explorer's.
SMALL = "Đà Nẵng"
EXPLORER = "Quảng Ninh"
#: Averages per document the cascades aim at, and how far a province may stray from them.
TARGETS_PER_DOCUMENT, ASSIGNMENTS_PER_DOCUMENT, AVERAGE_TOLERANCE = 20, 30, 6


@pytest.fixture(scope="module")
def small() -> list[Record]:
    return list(generate_cascade(SEED, province=SMALL))


@pytest.fixture(scope="module")
def explorer() -> list[Record]:
    return list(generate_cascade(SEED, province=EXPLORER))


def _role(record: Record) -> str:
    d = record.document
    if d.level == "central":
        return "politburo" if d.symbol.endswith("/TW") else "government"
    if d.level == "province":
        return "party_programme" if d.symbol.endswith("/TU") else "province_plan"
    return "district_plan" if d.level == "district" else "commune_programme"


def test_every_record_survives_its_json_round_trip(small):
    for i, record in enumerate(small):
        line = record.model_dump_json()
        assert parse_record(line, f"record {i}").model_dump_json() == line


def test_every_span_quotes_what_it_claims(small):
    for record in small:
        d = record.document
        assert record.quote(d.spans["symbol"]) == d.symbol
        assert record.quote(d.spans["title"]) == d.title
        assert record.quote(d.spans["signer"]) == d.signer
        assert fold(record.quote(d.spans["issuer"])) == fold(d.issuer)
        issued = record.quote(d.spans["issued"])
        assert issued == f"{d.issued.day:02d} tháng {d.issued.month:02d} năm {d.issued.year}"
        for citation in record.citations:
            assert all(
                record.quote(s) == (citation.symbol or citation.name) for s in citation.spans
            )
        for target in record.targets:
            assert record.quote(target.span) == target.text
            assert target.indicator in target.text
        for assignment in record.assignments:
            quote = record.quote(assignment.span)
            assert assignment.agency in quote and assignment.task_text in quote


def test_source_hash_and_id_come_from_the_text(small):
    for record in small:
        sha = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
        assert record.document.source_sha256 == sha
        assert record.document.id == f"doc-{sha[:16]}"


def test_same_seed_same_records_other_seed_other_records(small):
    again = [r.model_dump_json() for r in generate_cascade(SEED, province=SMALL)]
    assert again == [r.model_dump_json() for r in small]
    other = [r.model_dump_json() for r in generate_cascade(SEED + 1, province=SMALL)]
    assert other != again


def test_a_province_branch_is_the_same_in_a_national_run():
    first = all_units(era="legacy", level="province")[0]
    alone = [r.model_dump_json() for r in generate_cascade(SEED, province=first.name)]
    national = [r.model_dump_json() for r in itertools.islice(generate_cascade(SEED), len(alone))]
    assert national == alone


def test_counts_match_the_records_and_the_gazetteer(explorer):
    counts = count_cascade(SEED, province=EXPLORER)
    assert Counter(map(_role, explorer)) == Counter(counts.by_role)
    assert counts.documents == len(explorer)
    province = next(u for u in all_units(era="legacy", level="province") if u.name == EXPLORER)
    districts = children(province)
    assert counts.by_role["district_plan"] + counts.silent_districts == len(districts)
    communes = sum(len(children(d)) for d in districts)
    assert counts.by_role["commune_programme"] + counts.silent_communes == communes
    assert 10 <= len(districts) <= 14 and 150 <= communes <= 190  # the explorer's province shape


def test_coverage_gaps_are_about_five_per_cent_nationally():
    counts = count_cascade(SEED)
    assert counts.by_role["province_plan"] == counts.by_role["party_programme"] == 63
    districts = counts.by_role["district_plan"] + counts.silent_districts
    communes = counts.by_role["commune_programme"] + counts.silent_communes
    assert 600 < districts < 800 and 9000 < communes < 12000
    assert COVERAGE_GAP / 2 < counts.silent_districts / districts < COVERAGE_GAP * 2
    assert COVERAGE_GAP / 2 < counts.silent_communes / communes < COVERAGE_GAP * 2


def _implemented(record: Record) -> list[str]:
    return [c.symbol for c in record.citations if c.relation == "implements"]


def test_each_document_implements_exactly_its_parent(explorer):
    politburo, government, party, plan = explorer[:4]
    assert _implemented(politburo) == []
    assert _implemented(government) == [politburo.document.symbol]
    assert _implemented(party) == [politburo.document.symbol]
    assert _implemented(plan) == [party.document.symbol]
    assert [c.symbol for c in plan.citations if c.relation == "based_on"] == [
        government.document.symbol
    ]
    district_plans = {r.document.district: r for r in explorer if r.document.level == "district"}
    for record in explorer[4:]:
        if record.document.level == "district":
            parent = plan
        else:
            parent = district_plans.get(record.document.district, plan)
        assert _implemented(record) == [parent.document.symbol]
        assert record.document.issued > parent.document.issued
        cited = next(c for c in record.citations if c.relation == "implements")
        assert (
            cited.issued == parent.document.issued and cited.issuer_scope == parent.document.level
        )


def test_ten_cascades_are_ten_distinct_trees():
    heads = [
        list(itertools.islice(generate_cascade(SEED, cascade=k, province=SMALL), 4))
        for k in range(10)
    ]
    assert len({h[0].document.symbol for h in heads}) == 10
    assert len({h[0].document.title for h in heads}) == 10
    for position in range(1, 4):  # the same issuer never numbers two cascades' documents alike
        assert (
            len({(h[position].document.symbol, h[position].document.issued.year) for h in heads})
            == 10
        )


def test_targets_are_realistic_and_derived_from_the_parent(explorer):
    assert (
        abs(sum(len(r.targets) for r in explorer) / len(explorer) - TARGETS_PER_DOCUMENT)
        < AVERAGE_TOLERANCE
    )
    for record in explorer:
        for target in record.targets:
            assert target.year in range(2023, 2033)
            if target.unit == "%":
                assert 0 < target.value <= 100
            if target.comparator == "range":
                assert target.value_max > target.value
    plan, district = explorer[3], next(r for r in explorer if r.document.level == "district")
    shared = {t.indicator.lower() for t in plan.targets} & {
        t.indicator.lower() for t in district.targets
    }
    assert len(shared) >= len(district.targets) // 3  # most restated, even when reworded


def test_assignments_name_agencies_of_the_level(explorer):
    assert (
        abs(sum(len(r.assignments) for r in explorer) / len(explorer) - ASSIGNMENTS_PER_DOCUMENT)
        < AVERAGE_TOLERANCE
    )
    roles = Counter(a.role for r in explorer for a in r.assignments)
    assert set(roles) == {"lead", "support", "requested"}
    for record in explorer:
        level = record.document.level
        for assignment in record.assignments:
            found = resolve_agency(assignment.agency, document_level=level)
            assert found is not None, assignment.agency
            if assignment.agency.startswith("Sở "):
                assert found.level == "province"
            if assignment.agency.startswith("Phòng "):
                assert found.level == "district"


def test_an_unknown_province_is_refused():
    with pytest.raises(ValueError, match="Atlantis"):
        next(generate_cascade(SEED, province="Atlantis"))


def test_script_writes_json_lines_and_reports(tmp_path, capsys):
    path = Path(__file__).resolve().parents[1] / "scripts" / "synth_cascade.py"
    spec = importlib.util.spec_from_file_location("synth_cascade", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "small.jsonl"
    assert (
        script.main(["--seed", str(SEED), "--province", SMALL, "--cascades", "2", "-o", str(out)])
        == 0
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(
        count_cascade(SEED, cascade=k, province=SMALL).documents for k in (0, 1)
    )
    assert all(parse_record(line) for line in lines)
    assert f"{len(lines)} documents" in capsys.readouterr().out
    assert script.main(["--province", "Atlantis", "-o", str(out)]) == 2
