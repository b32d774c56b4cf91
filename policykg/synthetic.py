"""A seeded generator of synthetic national policy cascades, as loader Records.

One cascade has the shape of the real ones: a Politburo resolution (``16-NQ/TW``) -> a
Government programme (``NQ-CP``) -> in each of the 63 provinces a party programme (``CTr/TU``)
and a People's Committee plan (``KH-UBND``, implementing the party programme and based on the
Government's) -> a plan of each district (~700) -> a programme of each commune (~10,000,
``CTr-UBND`` or ``CTr/ĐU``). Every document restates the targets of the one it implements
(mostly equal, some stricter, some looser, a few with another deadline, ~10 % dropped, a few
new) and assigns ~30 tasks to the agencies of its level. Names come from the gazetteer's legacy
units; ~5 % of districts and communes issue nothing (coverage gaps), and the communes of a
silent district implement the provincial plan instead.

Each Record's text is a short Vietnamese document composed from parts (header, place-and-date
line, title, preamble, objectives, tasks, organization, signature), and every span points at
the exact words it claims. Generation is deterministic: each document draws from its own
random generator seeded by (seed, cascade, unit, role), so a province-restricted run produces
the same Records, byte for byte, as the same province in a national run. It streams: only the
chain of ancestors is held in memory.

Example:
    >>> records = generate_cascade(7, province="Quảng Ninh")
    >>> first = next(records)
    >>> first.document.symbol, first.document.level
    ('16-NQ/TW', 'central')
    >>> count_cascade(7, province="Quảng Ninh").documents > 150
    True
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from policykg.loaders.places import Unit, all_units, children
from policykg.loaders.record import Record
from policykg.synthetic_compose import Goal, Parent
from policykg.synthetic_documents import (
    compose_commune,
    compose_district,
    compose_government,
    compose_party_programme,
    compose_politburo,
    compose_province_plan,
)
from policykg.synthetic_text import INDICATORS, Indicator

#: Share of districts, and of communes, that issue nothing for a cascade.
COVERAGE_GAP = 0.05
#: Cascades numbered below this get pairwise distinct symbols for the same issuer and year.
CASCADE_STRIDE = 16
#: Indicators the central resolution sets targets for, and how many of them for both years.
CENTRAL_INDICATORS = 13
CENTRAL_BOTH_YEARS = 7
#: Shares of a parent's targets a child restates as is, makes stricter, makes looser, or drops
#: (the rest); and the share given another deadline year.
SAME_SHARE, STRICTER_SHARE, LOOSER_SHARE = 0.55, 0.25, 0.10
OTHER_YEAR_SHARE = 0.05
#: New indicators a child adds to its parent's (inclusive range).
NEW_GOALS = (1, 3)
#: Days between a parent and a child document (inclusive ranges).
LAG_DAYS = {
    "government": (20, 90),
    "party": (20, 120),
    "province": (10, 60),
    "district": (10, 75),
    "commune": (7, 60),
}
#: Share of communes whose programme is the party committee's (CTr/ĐU) rather than the UBND's.
PARTY_COMMUNE_SHARE = 0.3


@dataclass(frozen=True)
class CascadeCounts:
    """How many documents a cascade has, by role, and which units issue nothing."""

    documents: int
    by_role: dict[str, int]
    silent_districts: int
    silent_communes: int


def _rng(seed: int, cascade: int, *parts: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random.Random: stable across runs and processes.
    return random.Random(f"{seed}/{cascade}/" + "/".join(parts))


def _number(rng: random.Random, cascade: int, low: int, high: int) -> int:
    """A document number; the cascade is its residue, so ten cascades never share one."""
    return rng.randrange(low, high) * CASCADE_STRIDE + cascade % CASCADE_STRIDE


def _after(day: date, rng: random.Random, role: str) -> date:
    low, high = LAG_DAYS[role]
    return day + timedelta(days=rng.randint(low, high))


def _plain(name: str) -> str:
    """A name without marks, case or spacing: "Hoà Bình", "hoa binh" and "Hòa Bình" are one."""
    stripped = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in stripped.casefold() if c.isalnum())


def _provinces(province: str | None) -> list[Unit]:
    units = all_units(era="legacy", level="province")
    if province is None:
        return units
    chosen = [u for u in units if _plain(u.name) == _plain(province)]
    if not chosen:
        raise ValueError(f"no legacy province named {province!r}")
    return chosen


def _issues(seed: int, cascade: int, unit: Unit) -> bool:
    """Whether a district or commune issues its document (independent of everything else)."""
    return _rng(seed, cascade, unit.id, "issues").random() >= COVERAGE_GAP


def count_cascade(seed: int, *, cascade: int = 0, province: str | None = None) -> CascadeCounts:
    """The documents :func:`generate_cascade` yields for these arguments, without making them.

    Example:
        >>> count_cascade(1).by_role["province_plan"]
        63
    """
    roles: Counter[str] = Counter(politburo=1, government=1)
    silent_districts = silent_communes = 0
    for unit in _provinces(province):
        roles.update(party_programme=1, province_plan=1)
        for district in children(unit):
            if _issues(seed, cascade, district):
                roles["district_plan"] += 1
            else:
                silent_districts += 1
            for commune in children(district):
                if _issues(seed, cascade, commune):
                    roles["commune_programme"] += 1
                else:
                    silent_communes += 1
    return CascadeCounts(sum(roles.values()), dict(roles), silent_districts, silent_communes)


def generate_cascade(
    seed: int, *, cascade: int = 0, province: str | None = None
) -> Iterator[Record]:
    """Yield the Records of one synthetic national cascade, parents before children.

    Args:
        seed: the same seed gives the same Records, byte for byte.
        cascade: which of several cascades (0, 1, …): each has its own central resolution,
            topic, dates and numbers, so ten cascades are ten distinct trees.
        province: only this province's branch (a legacy province name, "Quảng Ninh"), still
            preceded by the central and Government documents.

    Raises:
        ValueError: ``province`` names no legacy province.
    """
    provinces = _provinces(province)
    politburo = _politburo(seed, cascade)
    yield politburo.record
    government = _government(seed, cascade, politburo.parent)
    yield government.record
    for unit in provinces:
        yield from _province_branch(seed, cascade, unit, politburo.parent, government.parent)


@dataclass(frozen=True)
class _Made:
    record: Record
    parent: Parent


def _politburo(seed: int, cascade: int) -> _Made:
    rng = _rng(seed, cascade, "central", "politburo")
    issued = date(2020 + cascade % 4, rng.randint(1, 6), rng.randint(1, 28))
    number = rng.randrange(1, 6) * CASCADE_STRIDE + cascade % CASCADE_STRIDE
    goals = _central_goals(rng)
    return _Made(*compose_politburo(rng, f"{number}-NQ/TW", issued, cascade, goals, seed=seed))


def _government(seed: int, cascade: int, politburo: Parent) -> _Made:
    rng = _rng(seed, cascade, "central", "government")
    issued = _after(politburo.issued, rng, "government")
    goals = derive_goals(rng, politburo.goals, share=1.0, scale=1.0)
    symbol = f"{_number(rng, cascade, 2, 12)}/NQ-CP"
    return _Made(
        *compose_government(rng, symbol, issued, politburo, goals, seed=seed, cascade=cascade)
    )


def _province_branch(
    seed: int, cascade: int, unit: Unit, politburo: Parent, government: Parent
) -> Iterator[Record]:
    scale = 1 / NATIONAL_PROVINCES
    rng = _rng(seed, cascade, unit.id, "party")
    issued = _after(politburo.issued, rng, "party")
    goals = derive_goals(rng, politburo.goals, share=scale, scale=scale)
    symbol = f"{_number(rng, cascade, 2, 12)}-CTr/TU"
    record, party = compose_party_programme(
        rng, symbol, issued, unit, politburo, goals, seed=seed, cascade=cascade
    )
    yield record
    rng = _rng(seed, cascade, unit.id, "plan")
    issued = _after(max(party.issued, government.issued), rng, "province")
    goals = derive_goals(rng, party.goals, share=1.0, scale=scale)
    symbol = f"{_number(rng, cascade, 4, 20)}/KH-UBND"
    record, plan = compose_province_plan(
        rng, symbol, issued, unit, party, government, politburo, goals, seed=seed, cascade=cascade
    )
    yield record
    districts = children(unit)
    for district in districts:
        yield from _district_branch(
            seed, cascade, district, (plan, politburo, party), scale / max(len(districts), 1)
        )


def _district_branch(
    seed: int, cascade: int, unit: Unit, above: tuple[Parent, Parent, Parent], scale: float
) -> Iterator[Record]:
    """The district's plan, if it issues one, then its communes' programmes."""
    province_plan, politburo, party = above
    parent, share = province_plan, scale * NATIONAL_PROVINCES  # a district's part of its province
    if _issues(seed, cascade, unit):
        rng = _rng(seed, cascade, unit.id, "plan")
        issued = _after(province_plan.issued, rng, "district")
        goals = derive_goals(rng, province_plan.goals, share=share, scale=scale)
        symbol = f"{_number(rng, cascade, 2, 16)}/KH-UBND"
        record, parent = compose_district(
            rng,
            symbol,
            issued,
            unit,
            province_plan,
            politburo,
            party,
            goals,
            seed=seed,
            cascade=cascade,
        )
        yield record
        share = 1.0
    communes = children(unit)
    for commune in communes:
        if not _issues(seed, cascade, commune):
            continue
        rng = _rng(seed, cascade, commune.id, "programme")
        issued = _after(parent.issued, rng, "commune")
        part = share / max(len(communes), 1)
        goals = derive_goals(rng, parent.goals, share=part, scale=scale / max(len(communes), 1))
        party_issuer = rng.random() < PARTY_COMMUNE_SHARE
        symbol = (
            f"{_number(rng, cascade, 1, 6)}-CTr/ĐU"
            if party_issuer
            else f"{_number(rng, cascade, 1, 10)}/CTr-UBND"
        )
        yield compose_commune(
            rng, symbol, issued, commune, parent, politburo, goals, seed=seed, cascade=cascade
        )[0]


#: Provinces a national count indicator is split among.
NATIONAL_PROVINCES = 63


# --------------------------------------------------------------------------------------------
# Targets


def _central_goals(rng: random.Random) -> tuple[Goal, ...]:
    """The central resolution's targets: a draw of indicators, some for both 2025 and 2030."""
    chosen = rng.sample(INDICATORS, CENTRAL_INDICATORS)
    both = set(rng.sample(range(CENTRAL_INDICATORS), CENTRAL_BOTH_YEARS))
    goals = []
    for i, indicator in enumerate(chosen):
        years = (2025, 2030) if i in both else (rng.choice((2025, 2030)),)
        goals += [_fresh_goal(rng, indicator, year, scale=1.0) for year in years]
    return tuple(goals)


def _fresh_goal(rng: random.Random, indicator: Indicator, year: int, *, scale: float) -> Goal:
    """A target for an indicator the parent did not set: the national value, varied."""
    base = indicator.base[0 if year <= 2025 else 1]
    value = (
        base * scale * rng.uniform(0.8, 1.2) if indicator.count else base * rng.uniform(0.9, 1.1)
    )
    choices = UP_COMPARATORS[:-1] if indicator.direction == "up" else DOWN_COMPARATORS
    return _bounded(indicator, year, rng.choice(choices), value, rng)


#: Comparators a plan uses for an indicator that should rise, or fall.
UP_COMPARATORS = (">", ">=", "=", "~", "range")
DOWN_COMPARATORS = ("<", "<=", "=", "~")
#: Share of restated targets whose bound is reworded ("đạt trên" becomes "đạt khoảng").
REWORD_SHARE = 0.2


def _bounded(
    indicator: Indicator,
    year: int,
    comparator: str,
    value: float,
    rng: random.Random,
    value_max: float | None = None,
) -> Goal:
    """Round as the text will write it, keep shares within their cap, give a range its top."""
    if indicator.count:
        return Goal(
            indicator, year, comparator if comparator in ("=", ">=") else "=", _significant(value)
        )
    step = 10**-indicator.decimals
    value = round(max(value, step), indicator.decimals)
    if indicator.cap is not None and value >= indicator.cap:
        return Goal(indicator, year, "=", indicator.cap)
    if comparator != "range":
        return Goal(indicator, year, comparator, value)
    if value_max is None or value_max <= value:
        value_max = value + max(round(value * rng.uniform(0.03, 0.1), indicator.decimals), step)
    if indicator.cap is not None:
        value_max = min(value_max, indicator.cap)
    return Goal(indicator, year, "range", value, round(value_max, indicator.decimals))


def _significant(value: float, digits: int = 3) -> float:
    """Counts are planned in round numbers: 27.026 lao động becomes 27.000."""
    value = max(value, 1.0)
    magnitude = 10 ** max(len(str(int(value))) - digits, 0)
    return float(round(value / magnitude) * magnitude)


def derive_goals(
    rng: random.Random, parent: tuple[Goal, ...], *, share: float, scale: float
) -> tuple[Goal, ...]:
    """A child's targets from its parent's: restated, stricter, looser, re-dated, dropped, new.

    Args:
        rng: the child document's generator.
        parent: the targets of the document it implements.
        share: the child's part of its parent's count targets (a district's part of its province).
        scale: the child's part of the nation, for count targets it sets afresh.
    """
    goals: list[Goal] = []
    taken: set[tuple[str, int]] = set()
    for goal in parent:
        draw = rng.random()
        if draw >= SAME_SHARE + STRICTER_SHARE + LOOSER_SHARE:
            continue  # dropped
        year = goal.year + rng.choice((-1, 1, 2)) if rng.random() < OTHER_YEAR_SHARE else goal.year
        if (goal.indicator.key, year) in taken:
            continue
        taken.add((goal.indicator.key, year))
        goals.append(_restated(rng, goal, year, draw, share))
    keys = {key for key, _ in taken}
    unused = [i for i in INDICATORS if i.key not in keys]
    for indicator in rng.sample(unused, min(rng.randint(*NEW_GOALS), len(unused))):
        goals.append(_fresh_goal(rng, indicator, rng.choice((2025, 2030)), scale=scale))
    return tuple(goals)


def _restated(rng: random.Random, goal: Goal, year: int, draw: float, share: float) -> Goal:
    """One parent target as the child restates it (``draw`` picks same, stricter or looser)."""
    indicator = goal.indicator
    if indicator.count:
        return _bounded(
            indicator, year, goal.comparator, goal.value * share * rng.uniform(0.7, 1.3), rng
        )
    comparator = goal.comparator
    if rng.random() < REWORD_SHARE:
        comparator = rng.choice(UP_COMPARATORS if indicator.direction == "up" else DOWN_COMPARATORS)
    if draw < SAME_SHARE:
        return _bounded(indicator, year, comparator, goal.value, rng, goal.value_max)
    raise_value = (draw < SAME_SHARE + STRICTER_SHARE) == (indicator.direction == "up")
    if raise_value and indicator.cap is not None:
        value = goal.value + rng.uniform(0.5, 3.0)  # shares rise by points, not by a factor
    else:
        value = goal.value * (rng.uniform(1.02, 1.12) if raise_value else rng.uniform(0.75, 0.95))
    return _bounded(indicator, year, comparator, value, rng)
