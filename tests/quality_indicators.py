"""Indicator matcher quality against the hand-made indicator gold (tests/gold/indicators.json).

Every gold target of ``tests/gold/0*.json`` carries, in ``indicators.json``, the indicator a
careful reader assigns to it (or null). The matcher is given what the graph will give it — the
gold target's indicator text, quote and unit — and scored:

* precision: of the targets it matched, the share matched to the reader's indicator;
* recall: of the targets the reader assigned an indicator, the share matched to it.

``python -m tests.quality_indicators`` prints the table per sample and every disagreement;
``tests/graph/test_indicator_matcher.py`` fails below the bars of issue 4.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykg.graph.indicators import IndicatorMatch, match_indicator

GOLD_DIR = Path(__file__).parent / "gold"
INDICATOR_GOLD = GOLD_DIR / "indicators.json"


class GoldMismatch(ValueError):
    """indicators.json and the sample gold files disagree on which targets exist."""


@dataclass(frozen=True)
class Case:
    """One gold target and the indicator the reader assigned to it (None: no concept fits)."""

    sample: str
    indicator: str | None
    quote: str
    unit: str | None
    expected: str | None


@dataclass(frozen=True)
class Outcome:
    """A case and what the matcher said."""

    case: Case
    match: IndicatorMatch

    @property
    def correct(self) -> bool:
        return self.match.notation is not None and self.match.notation == self.case.expected


@dataclass
class Score:
    """Counts behind precision and recall."""

    matched: int = 0
    correct: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.matched if self.matched else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    def add(self, outcome: Outcome) -> None:
        self.matched += outcome.match.notation is not None
        self.correct += outcome.correct
        self.gold += outcome.case.expected is not None


def load_cases() -> list[Case]:
    """The gold targets with their indicator; raises GoldMismatch when the files drift apart."""
    assigned = json.loads(INDICATOR_GOLD.read_text(encoding="utf-8"))["targets"]
    by_key = {(a["sample"], a["indicator"], a["quote"]): a["notation"] for a in assigned}
    if len(by_key) != len(assigned):
        raise GoldMismatch("indicators.json lists a (sample, indicator, quote) twice")
    cases = []
    for path in sorted(GOLD_DIR.glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for target in gold["targets"]:
            key = (gold["sample"], target["indicator"], target["quote"])
            if key not in by_key:
                raise GoldMismatch(f"no indicator assigned in indicators.json to {key}")
            cases.append(Case(gold["sample"], target["indicator"], target["quote"],
                              target["unit"], by_key.pop(key)))
    if by_key:
        raise GoldMismatch(
            f"indicators.json assigns targets no gold file has: {sorted(by_key)[:3]}")
    return cases


def evaluate(cases: Iterable[Case]) -> list[Outcome]:
    """Run the matcher on each case as the graph would call it."""
    return [Outcome(c, match_indicator(c.indicator, c.quote, c.unit)) for c in cases]


def scores(outcomes: Iterable[Outcome]) -> dict[str, Score]:
    """Score per sample, and over all samples under "all"."""
    table: dict[str, Score] = {"all": Score()}
    for outcome in outcomes:
        table.setdefault(outcome.case.sample[:3], Score()).add(outcome)
        table["all"].add(outcome)
    return table


def render(outcomes: list[Outcome]) -> str:
    """The table and the disagreements, as text."""
    lines = [f"{'sample':<8}{'targets':>8}{'gold':>6}{'matched':>9}{'correct':>9}"
             f"{'precision':>11}{'recall':>8}"]
    table = scores(outcomes)
    counts = {key: sum(1 for o in outcomes if key in ("all", o.case.sample[:3])) for key in table}
    for key in sorted(table, key=lambda k: (k == "all", k)):
        s = table[key]
        lines.append(f"{key:<8}{counts[key]:>8}{s.gold:>6}{s.matched:>9}{s.correct:>9}"
                     f"{s.precision:>11.3f}{s.recall:>8.3f}")
    wrong = [o for o in outcomes if not o.correct and (o.case.expected or o.match.notation)]
    lines.append(f"\n{len(wrong)} disagreements (sample | indicator | unit | gold -> matcher):")
    for o in wrong:
        lines.append(f"  {o.case.sample[:3]} | {o.case.indicator} | {o.case.unit} | "
                     f"{o.case.expected} -> {o.match.notation}  [{o.match.reason}]")
    return "\n".join(lines)


def main() -> int:
    """``python -m tests.quality_indicators``."""
    print(render(evaluate(load_cases())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
