"""``policykg export`` as a user runs it: a real subprocess on a real store, exit codes, one-line
errors, and the files it leaves."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from tests.factories import SAMPLES
from tests.test_cli import policykg

#: Sample 003, Vĩnh Phúc's programme 01/CTr-UBND, and its id.
SAMPLE = sorted(SAMPLES.glob("003_*.txt"))[0]
SAMPLE_ID = "vn/ubnd-tinh-vinh-phuc/2025/01-ctr-ubnd"


def test_export_writes_a_file_and_refuses_a_busy_directory_in_one_line(store_home: Path, tmp_path: Path):
    loaded = policykg("load", str(SAMPLE), home=store_home, timeout=300)
    assert loaded.returncode == 0, loaded.stderr

    done = policykg("export", "--format", "ntriples", "-o", str(tmp_path / "g.nt"), home=store_home,
                    timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exported ")
    assert done.stdout.rstrip().endswith(f"as ntriples to {tmp_path / 'g.nt'}")
    graph = Graph().parse(tmp_path / "g.nt", format="nt")
    assert (URIRef("https://w3id.org/policykg/id/" + SAMPLE_ID), None, None) in graph
    assert not list(tmp_path.glob("*.part"))

    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    refused = policykg("export", "-f", "csv", "-o", str(tmp_path / "busy"), home=store_home)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith("error: ") and "not an empty directory" in refused.stderr
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["keep.txt"]


def test_an_unknown_format_is_a_usage_error_naming_the_choices(store_home: Path, tmp_path: Path):
    result = policykg("export", "--format", "rdfxml", "-o", str(tmp_path / "g.rdf"), home=store_home)
    assert result.returncode == 2
    assert "turtle" in result.stderr and "graphml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "g.rdf").exists()
