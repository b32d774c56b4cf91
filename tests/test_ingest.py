"""Which files a directory walk hands to the loaders (policykg/ingest.py iter_documents)."""

from __future__ import annotations

import pytest

from policykg.ingest import iter_documents

WALK = [
    pytest.param("kh-92.txt", True, id="document"),
    pytest.param("nq/12-nq-tu.docx", True, id="document-in-a-subfolder"),
    pytest.param("README.md", False, id="folder-readme"),
    pytest.param("readme.txt", False, id="readme-lower-case"),
    pytest.param("LICENSE", False, id="licence-no-suffix"),
    pytest.param("sub/NOTICE.txt", False, id="notice-in-a-subfolder"),
    pytest.param(".hidden.txt", False, id="hidden-file"),
    pytest.param(".git/config", False, id="hidden-folder"),
    pytest.param("README-tinh.docx", True, id="readme-prefix-is-a-name"),
]


@pytest.mark.parametrize(("name", "walked"), WALK)
def test_a_directory_walk_skips_notes_and_hidden_files(tmp_path, name, walked):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Kế hoạch số 92/KH-UBND", encoding="utf-8")
    assert (path in list(iter_documents([tmp_path]))) is walked


def test_a_note_named_on_its_own_is_read(tmp_path):
    note = tmp_path / "README.md"
    note.write_text("Nghị quyết số 12-NQ/TU", encoding="utf-8")
    assert list(iter_documents([note])) == [note]


def test_a_batch_process_freezes_what_it_imported_and_collects_young_objects_less_often():
    """In a process of its own: the collector's settings are the whole process's."""
    import subprocess
    import sys

    probe = (
        "import gc, sys; from policykg.ingest import BATCH_GC_THRESHOLD, prepare_batch_process; "
        "before = gc.get_threshold(); prepare_batch_process(); "
        "print(gc.get_freeze_count() > 0, 'policykg.loaders.pipeline' in sys.modules, "
        "gc.get_threshold() == (BATCH_GC_THRESHOLD, *before[1:]), before[0] < BATCH_GC_THRESHOLD)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "True"]
