"""``places``, the facade other code imports from: its names and examples. Names, the gazetteer
and issuer resolution are tested with their modules (test_place_names, test_gazetteer,
test_place_resolution)."""

from __future__ import annotations

from datetime import date
from pathlib import Path


from policykg.loaders import places
from policykg.loaders.places import (
    find_units,
    resolve_issuer_place,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_002 = ROOT / "samples" / "002_d08887a8a251daf5.txt"
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
DATA_FILE = ROOT / "loaders" / "gazetteer.json"
#: Loading the data file must stay fast enough to do in every process that needs a place.
LOAD_BUDGET_SECONDS = 0.3
#: The date of sample 002 (29/5/2020), before the 2025 reform.
SAMPLE_002_DAY = date(2020, 5, 29)


def test_the_facade_keeps_every_public_name():
    """Other code (graph/, scripts/build_gazetteer.py) imports these from ``places``."""
    for name in places.__all__:
        assert getattr(places, name) is not None
    assert places.find_units is find_units and places.resolve_issuer_place is resolve_issuer_place


def test_docstring_examples_hold():
    import doctest

    result = doctest.testmod(places, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
