"""`policykg extract` as a user runs it: JSON Lines out, one-line errors, the batch goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.loaders.record import Record
from tests.factories import ROOT, SAMPLES


def extract(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg.cli", "extract", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env={**os.environ})


SAMPLE_FILES = sorted(str(p) for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def sample_lines() -> list[str]:
    result = extract("--json", *SAMPLE_FILES)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_directory_is_walked(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes((SAMPLES / "004_ed31a9648de23340.txt").read_bytes())
    (tmp_path / ".hidden.txt").write_text("ignored")
    result = extract("--json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["a.txt"]


def test_one_valid_record_per_document(sample_lines):
    assert len(sample_lines) == len(SAMPLE_FILES)
    records = [Record.model_validate_json(line) for line in sample_lines]
    assert [r.source for r in records] == sorted(p.name for p in SAMPLES.glob("*.txt"))


def test_two_workers_keep_input_order_and_give_the_same_records(sample_lines):
    result = extract("--json", "--workers", "2", *SAMPLE_FILES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == sample_lines


BAD_FILES = {
    "empty.txt": b"",
    "junk.bin": bytes(range(256)) * 40,
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
}


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path):
    for name, data in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "z_plan.txt"
    good.write_bytes((SAMPLES / "001_13b6eeb6396df31a.txt").read_bytes())
    missing = tmp_path / "vanished.txt"
    result = extract("--json", str(tmp_path), str(missing))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["document"]["symbol"] == "91/KH-UBND"
    errors = result.stderr.splitlines()
    assert len(errors) == len(BAD_FILES) + 1
    assert all(line.startswith("error: ") for line in errors)
    assert "Traceback" not in result.stderr
    assert any("old.doc" in e and ".docx" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("vanished.txt" in e for e in errors)


def test_text_option_prints_the_normalized_text():
    result = extract("--text", str(SAMPLES / "004_ed31a9648de23340.txt"))
    assert result.returncode == 0, result.stderr
    assert "92/KH-UBND" in result.stdout and "Cầu Ngang" in result.stdout
