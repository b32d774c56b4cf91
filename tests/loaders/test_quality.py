"""Extraction quality against the hand-made gold (tests/gold, tests/gold/dev, tests/gold/heldout).

The bars are issue 3's and apply to the five bundled samples: document metadata all correct;
citations P and R >= 0.95 (symbol + relation + issuer scope); targets P and R >= 0.90 (value +
unit + year); assignments R >= 0.85. `make quality` prints the same tables.

The dev set (five documents, unseen when annotated, tests/documents/dev) is scored with the same rules but
carries no figure bar: its scores are printed, and the tests assert only what must hold on any
document: the gold itself is well-formed, every document is identified (symbol, type, date),
neither its own symbol nor the web page's chrome is cited, and every kind of fact the gold
records is found at least once per document.

The held-out set (three other documents, tests/documents/heldout, never tuned on) gets exactly the
same document-independent assertions and no figure bar either: a bar there would invite tuning on
it, and then it would stop measuring anything.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import get_args

import pytest

from policykg.loaders.record import Comparator, Level, Relation, Role
from tests.quality import (
    DEV_DOCUMENTS_DIR,
    DEV_GOLD_DIR,
    DEV_GOLD_PATTERN,
    DEV_HEADING,
    DOCUMENT_FIELDS,
    FACT_KINDS,
    HELDOUT_DOCUMENTS_DIR,
    HELDOUT_GOLD_DIR,
    HELDOUT_GOLD_PATTERN,
    HELDOUT_HEADING,
    SAMPLES_DIR,
    document_paths,
    evaluate,
    extract_dev,
    extract_heldout,
    extract_samples,
    fold,
    load_gold,
    render,
)

#: (precision, recall) bars of issue 3, for the samples.
BARS = {"citations": (0.95, 0.95), "targets": (0.90, 0.90), "assignments": (0.0, 0.85)}
#: What names a document in the graph: wrong on any document means a broken cascade.
IDENTITY_FIELDS = ("symbol", "doc_type", "issued")
#: Symbols that occur only in a document's web-page chrome, never in the document itself (the
#: site's personal-data notice cites Nghị định 13/2023/NĐ-CP).
CHROME_ONLY_SYMBOLS = {"832399d0fd282e41.md": {"13/2023/NĐ-CP"},
                       "2edf5927c71bc4c1.md": {"13/2023/NĐ-CP"}}
#: The copied sets of unseen documents each hold at least this many (held-out: three since one
#: moved to the dev set on 2026-11-22).
MIN_UNSEEN_DOCUMENTS = 3

SAMPLE_GOLDS = load_gold()
DEV_GOLDS = load_gold(DEV_GOLD_DIR, DEV_GOLD_PATTERN)
HELDOUT_GOLDS = load_gold(HELDOUT_GOLD_DIR, HELDOUT_GOLD_PATTERN)
#: The unseen sets: name -> (documents directory, gold, extraction, table heading).
UNSEEN_SETS = {"dev": (DEV_DOCUMENTS_DIR, DEV_GOLDS, extract_dev, DEV_HEADING),
               "heldout": (HELDOUT_DOCUMENTS_DIR, HELDOUT_GOLDS, extract_heldout, HELDOUT_HEADING)}
#: (set, document) for every unseen document, and their test ids.
UNSEEN_DOCUMENTS = [(name, g["sample"]) for name, (_, golds, _, _) in UNSEEN_SETS.items()
                    for g in golds]
UNSEEN_IDS = [f"{name}/{document}" for name, document in UNSEEN_DOCUMENTS]
#: Every gold file with the directory its document lives in.
ALL_GOLDS = ([(SAMPLES_DIR, g) for g in SAMPLE_GOLDS]
             + [(directory, g) for directory, golds, _, _ in UNSEEN_SETS.values() for g in golds])
ALL_GOLD_IDS = [f"samples/{g['sample']}" for g in SAMPLE_GOLDS] + UNSEEN_IDS

#: A normalized symbol: number, optional year, type and issuer joined by '/' and '-', no spaces
#: ('91/KH-UBND', '12-NQ/TU', '26/2021/QĐ-TTg', '74/2022/QH15', '9086/BNV-CTTN&BĐG').
SYMBOL = re.compile(r"""
    ^\d+                      # number
    (?:/\d{4})?               # year of state legal documents
    [/-]                      # state '/TYPE-ISSUER' or party '-TYPE/ISSUER'
    [A-ZĐ][A-Za-zĐđ0-9&.]*   # type code or, for laws and công văn, the issuer
    (?:[/-][A-ZĐ0-9][A-Za-zĐđ0-9&.]*)*$
""", re.X)


@pytest.fixture(scope="module")
def result():
    outcome = evaluate(extract_samples(), SAMPLE_GOLDS)
    print("\n" + render(outcome))
    return outcome


@pytest.fixture(scope="module")
def unseen():
    """Set name -> (records, scores), each set extracted once, on first use."""
    cache = {}

    def get(name: str) -> tuple[dict, dict]:
        if name not in cache:
            _, golds, extract, heading = UNSEEN_SETS[name]
            records = extract()
            outcome = evaluate(records, golds)
            print("\n" + render(outcome, total_label=f"all {len(golds)}", heading=heading))
            cache[name] = (records, outcome)
        return cache[name]

    return get


@pytest.mark.parametrize("field", DOCUMENT_FIELDS)
def test_document_metadata_is_right_on_every_sample(result, field):
    wrong = [s for s, scores in result["samples"].items() if not scores["document"][field]]
    assert not wrong, f"{field} wrong on {wrong}"


@pytest.mark.parametrize("kind", sorted(BARS))
def test_extraction_meets_the_bars(result, kind):
    score = result["totals"][kind]
    precision, recall = BARS[kind]
    assert score.precision >= precision and score.recall >= recall, render(result)


# ------------------------------------------------------------------------------------------
# The gold itself
# ------------------------------------------------------------------------------------------

def _is_iso_date(value) -> bool:
    try:
        return isinstance(value, str) and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _document_problems(doc: dict) -> list[str]:
    problems = [] if set(doc) == set(DOCUMENT_FIELDS) else [f"document fields {sorted(doc)}"]
    if doc.get("level") not in (*get_args(Level), None):
        problems.append(f"document level {doc.get('level')!r}")
    if doc.get("issued") is not None and not _is_iso_date(doc["issued"]):
        problems.append(f"document issued {doc['issued']!r} is not an ISO date")
    if doc.get("symbol") is not None and not SYMBOL.match(doc["symbol"]):
        problems.append(f"document symbol {doc['symbol']!r} is not normalized")
    return problems


def _citation_problems(citations: list[dict]) -> list[str]:
    problems, seen = [], set()
    for c in citations:
        key = c["symbol"] or f"name:{fold(c['name'])}"
        if key in seen:
            problems.append(f"citation {key} twice (the gold deduplicates)")
        seen.add(key)
        if c["symbol"] is None and not c["name"]:
            problems.append("citation without symbol or name")
        if c["symbol"] is not None and not SYMBOL.match(c["symbol"]):
            problems.append(f"citation symbol {c['symbol']!r} is not normalized")
        if (c["relation"] not in get_args(Relation)
                or c["issuer_scope"] not in (*get_args(Level), None)):
            problems.append(f"citation {key}: relation {c['relation']!r}, "
                            f"scope {c['issuer_scope']!r}")
        if c["issued"] is not None and not _is_iso_date(c["issued"]):
            problems.append(f"citation {key}: issued {c['issued']!r}")
    return problems


def _target_problems(targets: list[dict]) -> list[str]:
    problems = []
    for t in targets:
        where = f"target «{t['quote'][:40]}»"
        if t["comparator"] not in get_args(Comparator):
            problems.append(f"{where}: comparator {t['comparator']!r}")
        if not isinstance(t["value"], int | float) or isinstance(t["value"], bool):
            problems.append(f"{where}: value {t['value']!r} is not a number")
        if (t["comparator"] == "range") != (t["value_max"] is not None):
            problems.append(f"{where}: value_max goes with comparator 'range' only")
        if t["year"] is not None and not 1900 <= t["year"] <= 2200:
            problems.append(f"{where}: year {t['year']!r}")
        if (not isinstance(t["in_tasks"], bool)
                or any(set(y) != {"year", "value"} for y in t["yearly"])):
            problems.append(f"{where}: in_tasks or yearly malformed")
    return problems


def _assignment_problems(assignments: list[dict]) -> list[str]:
    return [f"assignment {a['agency']!r}: role {a['role']!r} or agency not trimmed"
            for a in assignments
            if a["role"] not in get_args(Role) or not a["agency"]
            or a["agency"] != a["agency"].strip()]


@pytest.mark.parametrize(("directory", "gold"), ALL_GOLDS, ids=ALL_GOLD_IDS)
def test_gold_is_well_formed(directory, gold):
    """Fields valid, symbols normalized, citations deduplicated, every quote in its document."""
    path = directory / gold["sample"]
    assert path.is_file(), f"{gold['sample']}: no such document in {directory}"
    text = path.read_text(encoding="utf-8")
    problems = [*_document_problems(gold["document"]), *_citation_problems(gold["citations"]),
                *_target_problems(gold["targets"]), *_assignment_problems(gold["assignments"])]
    for kind in FACT_KINDS:
        problems += [f"{kind} quote not in the document: «{e['quote'][:60]}»"
                     for e in gold[kind] if not e["quote"] or e["quote"] not in text]
    strings = [v for v in (*gold["document"].values(), *(e.get("name") for e in gold["citations"]))
               if isinstance(v, str)]
    problems += [f"not NFC: {s!r}" for s in strings if not unicodedata.is_normalized("NFC", s)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("set_name", sorted(UNSEEN_SETS))
def test_unseen_set_has_its_documents_and_only_them(set_name):
    directory, golds, _, _ = UNSEEN_SETS[set_name]
    documents = {p.name for p in document_paths(directory)}
    assert documents == {g["sample"] for g in golds} and len(documents) >= MIN_UNSEEN_DOCUMENTS
    readme = (directory / "README.md").read_text(encoding="utf-8")
    unnamed = [name for name in documents if name not in readme]
    assert not unnamed, f"{directory}/README.md must name {unnamed}"


def test_heldout_set_shares_no_document_with_the_dev_set():
    """A document tuned on (dev) cannot also measure the untuned extractors (held-out)."""
    dev = {p.read_bytes() for p in document_paths(DEV_DOCUMENTS_DIR)}
    shared = [p.name for p in document_paths(HELDOUT_DOCUMENTS_DIR) if p.read_bytes() in dev]
    assert not shared, f"in both tests/documents/dev and tests/documents/heldout: {shared}"


# ------------------------------------------------------------------------------------------
# The dev and held-out sets: scores reported, only document-independent properties asserted
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", IDENTITY_FIELDS)
@pytest.mark.parametrize(("set_name", "name"), UNSEEN_DOCUMENTS, ids=UNSEEN_IDS)
def test_unseen_documents_are_identified(unseen, set_name, name, field):
    _, result = unseen(set_name)
    assert result["samples"][name]["document"][field], f"{field} wrong on {set_name}/{name}"


@pytest.mark.parametrize(("set_name", "name"), UNSEEN_DOCUMENTS, ids=UNSEEN_IDS)
def test_unseen_own_symbol_and_page_chrome_are_not_cited(unseen, set_name, name):
    record = unseen(set_name)[0][name]
    cited = {c.symbol for c in record.citations}
    assert record.document.symbol not in cited
    assert not cited & CHROME_ONLY_SYMBOLS.get(name, set())


@pytest.mark.parametrize(("set_name", "name"), UNSEEN_DOCUMENTS, ids=UNSEEN_IDS)
def test_unseen_every_kind_of_fact_is_found_at_least_once(unseen, set_name, name):
    """A floor, not a bar: zero right answers means the document's format defeats a stage."""
    _, result = unseen(set_name)
    gold = next(g for g in UNSEEN_SETS[set_name][1] if g["sample"] == name)
    scores = result["samples"][name]
    missing = [kind for kind in FACT_KINDS if gold[kind] and scores[kind].tp == 0]
    assert not missing, f"{name}: nothing right among {missing}\n" + render(result)
