"""Extraction quality against the hand-made gold annotations (tests/gold/*.json).

``make quality`` prints the tables; ``tests/loaders/test_quality.py`` fails below the bars of
issue 3. Matching rules, chosen to compare what a researcher relies on:

* document: each field exact after folding whitespace; titles also case-insensitively (the gold
  keeps an upper-case title as written, a renderer may not).
* citations: a citation is (symbol, relation, issuer_scope); symbol-less ones match by folded name.
* targets: (value, unit, year), one-to-one; units compared folded (case, spaces, sĩ/sỹ).
* assignments: (agency, role), one-to-one; agencies folded ("UBND" = "Ủy ban nhân dân").
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from policykg.loaders.record import Record

GOLD_DIR = Path(__file__).parent / "gold"
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
DOCUMENT_FIELDS = ("symbol", "doc_type", "issuer", "level", "province", "district", "commune",
                   "issued", "title", "signer")
#: Two values closer than this are equal (floats from "87,5").
VALUE_TOLERANCE = 1e-6


def fold(text: str | None) -> str:
    """Case-, space- and variant-insensitive key."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("uỷ", "ủy").replace("sỹ", "sĩ").replace("ủy ban nhân dân", "ubnd")
    return " ".join(text.replace(" /", "/").replace("/ ", "/").split())


@dataclass
class Score:
    """True positives, false positives and false negatives of one comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _multiset_score(predicted: list, gold: list) -> Score:
    p, g = Counter(predicted), Counter(gold)
    tp = sum((p & g).values())
    return Score(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def score_document(record: Record, gold: dict) -> dict[str, bool]:
    """Field -> correct?"""
    meta = record.document.model_dump(mode="json")
    out = {}
    for name in DOCUMENT_FIELDS:
        got, want = meta.get(name), gold.get(name)
        out[name] = fold(str(got) if got is not None else None) == fold(str(want) if want is not None else None)
    return out


def citation_key(symbol: str | None, name: str | None, relation: str, scope: str | None) -> tuple:
    return (symbol or f"name:{fold(name)}", relation, scope)


def score_citations(record: Record, gold: list[dict]) -> Score:
    predicted = [citation_key(c.symbol, c.name, c.relation, c.issuer_scope) for c in record.citations]
    wanted = [citation_key(c["symbol"], c.get("name"), c["relation"], c.get("issuer_scope")) for c in gold]
    return _multiset_score(predicted, wanted)


def _target_key(value: float | None, unit: str | None, year: int | None) -> tuple:
    rounded = None if value is None else round(value / VALUE_TOLERANCE) * VALUE_TOLERANCE
    return (rounded, fold(unit).replace(" ", ""), year)


def score_targets(record: Record, gold: list[dict]) -> Score:
    predicted = [_target_key(t.value, t.unit, t.year) for t in record.targets]
    wanted = [_target_key(t["value"], t.get("unit"), t.get("year")) for t in gold]
    return _multiset_score(predicted, wanted)


def score_assignments(record: Record, gold: list[dict]) -> Score:
    predicted = [(fold(a.agency), a.role) for a in record.assignments]
    wanted = [(fold(a["agency"]), a["role"]) for a in gold]
    return _multiset_score(predicted, wanted)


def evaluate(records: dict[str, Record]) -> dict:
    """Scores per sample and in total; ``records`` maps a sample file name to its Record."""
    result = {"samples": {}, "document_fields": Counter(), "document_total": 0}
    totals = {"citations": Score(), "targets": Score(), "assignments": Score()}
    for gold_file in sorted(GOLD_DIR.glob("0*.json")):  # sample gold; indicators.json is separate
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        record = records[gold["sample"]]
        fields = score_document(record, gold["document"])
        scores = {
            "citations": score_citations(record, gold["citations"]),
            "targets": score_targets(record, gold["targets"]),
            "assignments": score_assignments(record, gold["assignments"]),
        }
        for name, ok in fields.items():
            result["document_fields"][name] += ok
        result["document_total"] += 1
        for name, score in scores.items():
            totals[name] = totals[name] + score
        result["samples"][gold["sample"]] = {"document": fields, **scores}
    result["totals"] = totals
    return result


def extract_samples() -> dict[str, Record]:
    """Run the loaders on every bundled sample."""
    from policykg.loaders.pipeline import extract_record

    return {p.name: extract_record(p.read_bytes(), p.name) for p in sorted(SAMPLES_DIR.glob("*.txt"))}


def render(result: dict) -> str:
    """The tables `make quality` prints."""
    lines = ["Document metadata (correct / samples):"]
    total = result["document_total"]
    lines += [f"  {name:<10} {result['document_fields'][name]}/{total}" for name in DOCUMENT_FIELDS]
    lines.append("")
    lines.append(f"{'sample':<28}{'citations P/R':>16}{'targets P/R':>16}{'assignments P/R':>18}")
    for sample, scores in result["samples"].items():
        row = "".join(f"{scores[k].precision:>8.2f}/{scores[k].recall:<7.2f}" for k in ("citations", "targets", "assignments"))
        lines.append(f"{sample:<28}{row}")
    t = result["totals"]
    row = "".join(f"{t[k].precision:>8.2f}/{t[k].recall:<7.2f}" for k in ("citations", "targets", "assignments"))
    lines.append(f"{'all five':<28}{row}")
    lines.append("(citations: symbol + relation + issuer scope; targets: value + unit + year; "
                 "assignments: agency + role)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render(evaluate(extract_samples())) + "\n")
