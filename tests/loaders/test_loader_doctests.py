"""The examples in the docstrings of the target and assignment steps hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "caseless", "section_index", "numbers", "targets", "target_segments", "target_values",
    "target_units", "target_years", "target_indicators", "target_tables", "assignments", "assignment_patterns",
    "assignment_units", "assignment_roles", "assignment_tables", "assignment_cells",
    "agency_lists",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"policykg.loaders.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0, result
