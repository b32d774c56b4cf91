"""Reference data every graph holds: administrative units and the indicator vocabulary.

Both come from packaged files (``loaders/gazetteer.json``, ``ontology/indicators.ttl``), so the
rows are pure functions of the installed version. They are written once per store, before the
first documents, and again only when the packaged data changed (the count differs).

Units: both eras (63 provinces, ~700 districts, ~10,000 communes valid until 2025-06-30; 34
provinces and ~3,300 communes from 2025-07-01), PART_OF their parent and SUCCEEDED_BY their
successors, so that a 2022 district plan (huyện Cầu Ngang, Trà Vinh) leads a researcher to the
units that exist now (Vĩnh Long).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from policykg.graph.identity import unit_id
from policykg.graph.rows import iso
from policykg.loaders.places import Unit, all_units, get_unit, successors
from policykg.ontology.terms import Label, Prop

Row = dict[str, Any]


@cache
def unit_rows() -> list[Row]:
    """One row per administrative unit of both eras (built once per process; do not mutate)."""
    return [{"id": unit_id(u), "props": _unit_props(u)} for u in all_units()]


def _unit_props(unit: Unit) -> dict[str, Any]:
    props = {Prop.NAME.value: unit.name, Prop.ALIAS.value: unit.full_name[:1].upper() + unit.full_name[1:],
             Prop.CODE.value: unit.code, Prop.LEVEL.value: unit.level,
             Prop.VALID_FROM.value: iso(unit.valid_from), Prop.VALID_UNTIL.value: iso(unit.valid_to)}
    return {k: v for k, v in props.items() if v is not None}


def part_of_rows() -> Iterator[Row]:
    """Unit -> parent unit."""
    for unit in all_units():
        if unit.parent_id:
            yield {"src": unit_id(unit), "dst": unit_id(get_unit(unit.parent_id)), "props": {}}


def succession_rows() -> Iterator[Row]:
    """Legacy unit -> each current unit that took (part of) its territory on 2025-07-01."""
    for unit in all_units(era="legacy"):
        for successor in successors(unit):
            yield {"src": unit_id(unit), "dst": unit_id(successor), "props": {}}


@cache
def indicator_rows() -> list[Row]:
    """One row per concept of the indicator vocabulary, keyed by its notation."""
    from policykg.graph.indicators import indicator_concepts

    rows = []
    for concept in indicator_concepts():
        rows.append({"id": concept.notation, "props": {
            Prop.NAME.value: concept.pref_label_vi, Prop.UNIT.value: concept.unit,
            Prop.DIMENSION.value: concept.dimension,
            Prop.HIGHER_IS_BETTER.value: concept.higher_is_better}})
    return rows


#: What reference data a store must hold, by label.
REFERENCE_LABELS = (Label.ADMIN_UNIT, Label.INDICATOR)
