"""Loading: Records into the graph, idempotent and independent of load order.

``load_records`` writes, per chunk of Records, one ``UNWIND $rows`` query per node group and
relationship type (rows from ``graph/rows.py``; what is new CREATEd, what exists MERGEd, one
chunk written while the next is built: ``graph/load_chunk.py``), after the schema (constraints
and indexes) and the reference data (units, indicators). When every chunk is in, it settles
what depends on more than one Record: the dates of cited documents (``graph/writes.py``) and
the derivations of targets below every loaded document (``graph/derive.py``), written as a
diff so that a second load of the same documents changes nothing.

Example:
    >>> summary = load_records(store, records)          # doctest: +SKIP
    >>> summary.documents, summary.counters.nodes_created  # doctest: +SKIP
    (5, 2113)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from policykg.graph import cypher, writes
from policykg.graph.derive import choose_derivations
from policykg.graph.identity import majority_date
from policykg.graph.load_chunk import BackgroundWrites, ChunkWriter, load_session
from policykg.graph.party_terms import fold_party_terms
from policykg.graph.reference import indicator_rows, part_of_rows, succession_rows, unit_rows
from policykg.graph.rows import RecordRows, build_rows
from policykg.graph.state import bump
from policykg.graph.store import DEFAULT_BATCH_SIZE, GraphStore, SchemaSpec, WriteCounters
from policykg.loaders.record import Record
from policykg.ontology.terms import Label, Rel

#: Records built into rows and written together: enough rows per UNWIND to amortize round
#: trips, few enough that memory stays flat however many documents are loaded.
CHUNK_RECORDS = 200
#: Documents per query when settling dates and derivations; fewer on a store that caps the
#: size of a message (ids are ~40 bytes).
SETTLE_BATCH = 200
SMALL_SETTLE_BATCH = 20


#: Labels whose nodes are MERGEd by identifier: each needs a uniqueness constraint.
KEYED_LABELS = (Label.POLICY_DOCUMENT, Label.ADMIN_UNIT, Label.ORGANIZATION, Label.TARGET,
                Label.TASK, Label.EVIDENCE, Label.INDICATOR)
GRAPH_SCHEMA = SchemaSpec(
    unique=tuple((label.value, cypher.KEY) for label in KEYED_LABELS),
    indexes=((Label.POLICY_DOCUMENT.value, "symbol"),),
)


def _settle_batch(store: GraphStore) -> int:
    return SMALL_SETTLE_BATCH if store.max_batch_bytes else SETTLE_BATCH


@dataclass
class LoadSummary:
    """What a load did, for the CLI's last lines and the API's answer."""

    documents: int = 0
    stubs: int = 0
    citations: int = 0
    targets: int = 0
    tasks: int = 0
    derivations: int = 0
    matched_indicators: int = 0
    unmatched_indicators: int = 0
    unmatched_places: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    counters: WriteCounters = field(default_factory=WriteCounters)

    @property
    def new_nodes(self) -> int:
        """Nodes the graph gained: those written minus those removed again.

        A load may create a node and remove it before it ends: a document cited without a date
        ("Nghị quyết số 12-NQ/TU") becomes a stub, then is folded into the dated document of
        the same body and symbol. Counting it as new would make a second load of the same files
        report new nodes although the graph did not change.
        """
        return self.counters.nodes_created - self.counters.nodes_deleted

    @property
    def new_relationships(self) -> int:
        """Relationships the graph gained (written minus removed: folds, derivations replaced)."""
        return self.counters.relationships_created - self.counters.relationships_deleted


def ensure_graph(store: GraphStore, *, batch_size: int = DEFAULT_BATCH_SIZE) -> WriteCounters:
    """Schema first, then the reference data when the store lacks it (or holds an older version)."""
    store.ensure_schema(GRAPH_SCHEMA)
    total = WriteCounters()
    for label, rows, edges in (
        (Label.ADMIN_UNIT, unit_rows, ((Rel.PART_OF, part_of_rows), (Rel.SUCCEEDED_BY, succession_rows))),
        (Label.INDICATOR, indicator_rows, ()),
    ):
        wanted = rows()
        [have] = store.read(*writes.count_label_query(label))
        if have["n"] == len(wanted):
            continue
        total += store.write_batches(cypher.merge_nodes_query(label), wanted, batch_size=batch_size)
        for rel, edge_rows in edges:
            total += store.write_batches(cypher.merge_edges_query(rel, label, label), edge_rows(),
                                         batch_size=batch_size)
    return total


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def load_records(store: GraphStore, records: Iterable[Record], *,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 on_record: Callable[[Record], None] | None = None) -> LoadSummary:
    """Write Records into the graph and settle dates and derivations below them.

    Args:
        store: an open store (embedded FalkorDB or Neo4j).
        records: any iterable; consumed in chunks, so a generator keeps memory flat.
        batch_size: rows per UNWIND query.
        on_record: called once per Record written (progress bars).
    """
    with load_session(store) as exclusive:  # one load at a time (graph/load_chunk.py)
        return _load(store, records, batch_size, on_record, exclusive)


def _load(store: GraphStore, records: Iterable[Record], batch_size: int,
          on_record: Callable[[Record], None] | None, exclusive: bool) -> LoadSummary:
    summary = LoadSummary()
    summary.counters += ensure_graph(store, batch_size=batch_size)
    cited: set[str] = set()
    sent: list[Record] = []  # Records whose chunk is being written
    with ChunkWriter(store, batch_size, create=exclusive) as writer:
        for chunk in _chunks(records, CHUNK_RECORDS):
            built = [build_rows(record) for record in chunk]
            summary.counters += writer.write(built)  # returns once the chunk before is written
            for record in sent if on_record else ():
                on_record(record)
            sent = chunk
            for rows in built:
                _tally(summary, rows)
                cited.update(row["dst"] for row in rows.cited)
        summary.counters += writer.finish()
    for record in sent if on_record else ():
        on_record(record)
    # Terms first: an undated citation joins a dated document only once its years are folded.
    folded, counters = fold_party_terms(store, sorted(cited | set(summary.document_ids)),
                                        step=_settle_batch(store))
    summary.counters += counters
    merged, counters = merge_undated_stubs(store)
    summary.counters += counters
    merged = {**folded, **merged}
    cited = (cited - set(merged)) | set(merged.values())
    summary.counters += settle_stub_dates(store, sorted(cited))
    summary.derivations, counters = settle_derivations(
        store, sorted({*summary.document_ids, *folded.values()}),
        new_documents=writer.new_documents, create=exclusive)
    summary.counters += counters
    if summary.counters.changed:
        bump()  # views built from the graph (SPARQL, answer cache) rebuild: graph/state.py
    return summary


def _tally(summary: LoadSummary, rows: RecordRows) -> None:
    summary.documents += 1
    summary.document_ids.append(rows.document_id)
    summary.stubs += sum(len(v) for v in rows.stubs.values())
    summary.citations += len({(row["src"], row["dst"]) for row in rows.cited})
    summary.targets += len(rows.nodes.get((Label.TARGET, ()), []))
    summary.tasks += len(rows.nodes.get((Label.TASK, ()), []))
    summary.matched_indicators += rows.matched_indicators
    summary.unmatched_indicators += rows.unmatched_indicators
    summary.unmatched_places += rows.unmatched_places


def merge_undated_stubs(store: GraphStore) -> tuple[dict[str, str], WriteCounters]:
    """Fold each undated stub into the one dated document of the same body and symbol, if any.

    "Nghị quyết số 12-NQ/TU" cited without a date is the same document as "12-NQ/TU ngày
    12/3/2020" when the graph knows exactly one dated 12-NQ/TU of that body; with none or
    several, the undated stub stays, so nothing is merged on a guess. Runs after every load, so
    the result does not depend on which came first.

    Returns:
        {undated id: dated id} for the stubs merged, and the write counters.
    """
    total, merged = WriteCounters(), {}
    for row in store.read(*writes.undated_stubs_query()):
        prefix = row["id"].split(writes.UNDATED_PART)[0] + "/"
        siblings = store.read(*writes.dated_siblings_query(row["symbol"], prefix))
        if len(siblings) != 1:
            continue
        params = {"stub": row["id"], "doc": siblings[0]["id"]}
        for rel in writes.CITATION_TYPES:
            for incoming in (True, False):
                total += store.write(writes.move_citations_query(rel, incoming), params).counters
        total += store.write(writes.delete_document_query(), params).counters
        merged[row["id"]] = siblings[0]["id"]
    return merged, total


def settle_stub_dates(store: GraphStore, ids: list[str]) -> WriteCounters:
    """Give each cited, unloaded document the date most of its citations state (ties: earliest)."""
    total = WriteCounters()
    step = _settle_batch(store)
    for start in range(0, len(ids), step):
        rows = store.read(*writes.stub_dates_query(ids[start:start + step]))
        changes = []
        for row in rows:
            settled = majority_date(row["stated"])
            if row["issued"] != settled:
                changes.append({"id": row["id"], "issued": settled})
        if changes:
            total += store.write_batches(writes.set_issued_query(), changes)
    return total


def settle_derivations(store: GraphStore, loaded: list[str], *, new_documents: Collection[str] = (),
                       create: bool = False) -> tuple[int, WriteCounters]:
    """Recompute DERIVED_FROM for targets of the loaded documents and every document below them.

    ``new_documents`` are loaded documents this load created: no derivation starts at their
    targets yet, so none is looked up. With ``create`` (no other load writes meanwhile:
    ``GraphStore.exclusive_load``) a derivation found missing is CREATEd, else MERGEd. Each
    batch's writes run while the next batch is read and compared (a batch writes only
    derivations of its own documents' targets).
    """
    affected: set[str] = set()
    step = _settle_batch(store)
    for start in range(0, len(loaded), step):
        for row in store.read(*writes.descendants_query(loaded[start:start + step])):
            affected.add(row["id"])
            affected.update(row["below"])
    ordered = sorted(affected)
    total, count = WriteCounters(), 0
    cache: dict[str, list[dict]] = {}
    with BackgroundWrites(store) as background:
        for start in range(0, len(ordered), step):
            ids = ordered[start:start + step]
            wanted = {(d.target, d.source): d for d in _derivations(store, ids, cache)}
            looked = [doc for doc in ids if doc not in new_documents]
            have = {(r["target"], r["source"]): r
                    for r in (store.read(*writes.existing_derivations_query(looked)) if looked else ())}
            stale = [[t, s] for (t, s) in have if (t, s) not in wanted]
            missing = [[d.target, d.source, d.comparison.value, d.ratio]
                       for key, d in wanted.items() if key not in have]
            changed = [[d.target, d.source, d.comparison.value, d.ratio] for key, d in wanted.items()
                       if key in have and (have[key]["comparison"] != d.comparison.value
                                           or have[key]["ratio"] != d.ratio)]
            total += background.submit(
                store.prepare_batches(writes.delete_derivations_query(), stale)
                + store.prepare_batches(writes.write_derivations_query(create=create), missing)
                + store.prepare_batches(writes.write_derivations_query(), changed))
            count += len(wanted)
        total += background.finish()
    return count, total


def _derivations(store: GraphStore, ids: list[str], cache: dict[str, list[dict]]) -> list:
    """Nearest same-indicator source per target: through IMPLEMENTS, else IMPLEMENTS or BASED_ON.

    ``cache`` keeps the targets of documents already fetched (a province's targets are the
    ancestors of every commune below it), so each document's targets are read once per load.
    """
    strict: dict[str, dict[str, int]] = defaultdict(dict)
    loose: dict[str, dict[str, int]] = defaultdict(dict)
    for rels, into in (((Rel.IMPLEMENTS,), strict), ((Rel.IMPLEMENTS, Rel.BASED_ON), loose)):
        for row in store.read(*writes.ancestors_query(ids, rels)):
            into[row["id"]][row["ancestor"]] = row["depth"]
    wanted = sorted({*ids, *(a for m in loose.values() for a in m)} - cache.keys())
    for doc in wanted:
        cache[doc] = []
    step = _settle_batch(store)
    for start in range(0, len(wanted), step):
        for row in store.read(*writes.indicator_targets_query(wanted[start:start + step],
                                                                outdegree=store.has_outdegree)):
            cache[row["id"]].append(row)
    children = {doc: cache[doc] for doc in ids if cache.get(doc)}
    first = choose_derivations(children, strict, cache)
    found = {d.target for d in first}
    # Each target's choice is its own: the looser pass looks only at targets the first left.
    rest = {doc: [t for t in own if t["target"] not in found] for doc, own in children.items()}
    return first + choose_derivations(rest, loose, cache)
