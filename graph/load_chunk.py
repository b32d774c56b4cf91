"""Writing chunks of rows: CREATE what a read finds missing, MERGE only what exists.

``graph/load.py`` builds the rows of ~200 Records at a time (``graph/rows.py``) and hands them
to a ``ChunkWriter``. Three decisions, each measured on a national synthetic cascade:

* **CREATE what is new.** A MERGE looks each row up before it writes, and most rows of a load
  are new: every target, task and evidence span of a document loaded for the first time. So
  one read per node group asks which identifiers exist; the missing nodes are CREATEd, the
  existing ones MERGEd as before. A relationship with an end created in this chunk cannot exist
  yet, so it is CREATEd too (once per pair); only relationships between nodes that were there
  already are MERGEd. The graph is the same either way (N-Triples exports compared byte for
  byte), and a second load of the same Records finds everything and creates nothing. Server
  time of a national load: 62 s -> 43 s.
* **Write in the background.** While the store writes one chunk (one pipeline of batches, see
  ``FalkorStore.run_prepared``), the caller builds and plans the next. The plan's reads may
  see the store halfway through the chunk being written, so the nodes that chunk writes count
  as existing: the plan is the one it would be after it (nodes are never deleted while chunks
  are written). Stores that keep to one session (``writes_in_background`` False) write in
  the caller's thread.
* **One load at a time.** Reading first and creating after is safe only while no other load
  writes in between: two loads of one new document would both create it (or its
  relationships). ``load_session`` makes loads take turns: in one process always, across
  processes where the store can (``GraphStore.exclusive_load``: the embedded FalkorDB, a lock
  file beside its socket). Where it cannot (Neo4j), nothing is read and everything is MERGEd,
  as before. The session also slows the garbage collector's full collections (see there).

Example (what ``graph/load.py`` does)::

    with load_session(store) as exclusive, ChunkWriter(store, 1000, create=exclusive) as writer:
        for chunk in chunks:
            counters += writer.write([build_rows(record) for record in chunk])
        counters += writer.finish()
"""

from __future__ import annotations

import gc
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from policykg.graph import cypher, writes
from policykg.graph.cypher import KEY
from policykg.graph.rows import EdgeKey, NodeKey, RecordRows, Row
from policykg.graph.store import GraphStore, WriteCounters, batched
from policykg.ontology.terms import Label, Rel

#: Nodes and relationships many Records write alike (an agency, its place, a body): written
#: once per load. Only these are remembered, so memory stays flat however many targets pass.
SHARED_LABELS = frozenset({Label.ORGANIZATION})
SHARED_RELS = frozenset({Rel.HAS_JURISDICTION, Rel.APPLIES_TO, Rel.ISSUED_BY})
#: Young (generation 1) collections between two full ones while a load runs; CPython's is 10.
FULL_COLLECTION_PACE = 1000

#: Nodes by label: label name -> identifiers, all plain strings (see ``_fresh`` on why not enum
#: members). Sets per label rather than one set of (label, id) pairs: a national load asks ~3
#: million times whether a node is among them, and a pair costs a tuple each time.
NodeSets = defaultdict[str, set[str]]


def node_sets() -> NodeSets:
    """An empty ``NodeSets``."""
    return defaultdict(set)

_load_lock = threading.Lock()


@contextmanager
def load_session(store: GraphStore) -> Iterator[bool]:
    """Hold the store for one load, with the garbage collector's full collections slowed.

    Yields whether no other load can write meanwhile (``GraphStore.exclusive_load``): only
    then are missing nodes and relationships CREATEd; else every write MERGEs, as two loads
    of the same documents at the same moment would otherwise both create them. Loads in one
    process take turns in any case.

    Each chunk's Records and rows live until the chunk is written, so the cyclic collector
    moves them to its oldest generation, and at its default pace it then walks every object
    the process holds about three times per chunk: 71 full collections, 40-45 s of a 145-160 s
    national load. Young collections go on as usual (what a load drops is freed by reference
    counts), full ones wait a hundred times longer: 2 in a national load. The pace is restored
    when the load ends.
    """
    with _load_lock, store.exclusive_load() as exclusive:
        saved = gc.get_threshold()
        young, middle, full = saved
        gc.set_threshold(young, middle, max(full, FULL_COLLECTION_PACE))
        try:
            yield exclusive
        finally:
            gc.set_threshold(*saved)


@dataclass
class ChunkPlan:
    """A chunk's writes, prepared for ``GraphStore.run_prepared``, and the nodes they write."""

    prepared: list[Any] = field(default_factory=list)
    nodes: NodeSets = field(default_factory=node_sets)
    #: Loaded documents that did not exist before: none of their targets can have a derivation.
    new_documents: set[str] = field(default_factory=set)

    def add(self, store: GraphStore, query: str, rows: list[Any], batch_size: int) -> None:
        """Queue an ``UNWIND $rows`` query over ``rows`` (nothing when there are none)."""
        if rows:
            self.prepared += store.prepare_batches(query, rows, batch_size=batch_size)


class BackgroundWrites:
    """Prepared writes, run one list at a time in a background thread when the store allows it
    (``GraphStore.writes_in_background``), else at once in the caller's; use as a context manager.

    Args:
        store: an open store.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._pool = (ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-load")
                      if store.writes_in_background else None)
        self._running: Future | None = None

    def submit(self, prepared: list[Any]) -> WriteCounters:
        """Wait for the writes running, start these.

        Returns:
            The counters of the writes finished by now and not reported yet.
        """
        done = self.finish()
        if self._pool is None:
            return done + self.store.run_prepared(prepared)
        self._running = self._pool.submit(self.store.run_prepared, prepared)
        return done

    def finish(self) -> WriteCounters:
        """Wait for the writes running; their counters (raises what they raised)."""
        running, self._running = self._running, None
        return running.result() if running is not None else WriteCounters()

    def __enter__(self) -> BackgroundWrites:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._running is not None:
                self._running.exception()  # let it end; the caller is raising already
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)


class ChunkWriter(BackgroundWrites):
    """Writes chunks of Records' rows one after the other, planning each while the one before
    is written.

    Args:
        store: an open store.
        batch_size: rows per UNWIND query.
        create: CREATE what a read finds missing (only while no other load writes).
    """

    def __init__(self, store: GraphStore, batch_size: int, *, create: bool) -> None:
        super().__init__(store)
        self.batch_size, self.create = batch_size, create
        #: Shared nodes and relationships written in this load (SHARED_LABELS, SHARED_RELS).
        self.written: set = set()
        #: Loaded documents this load created (``settle_derivations`` skips their lookups).
        self.new_documents: set[str] = set()
        self._running_nodes: NodeSets = node_sets()

    def write(self, built: list[RecordRows]) -> WriteCounters:
        """Plan a chunk, wait for the one being written, start this one.

        Returns:
            The counters of the chunks finished by now and not reported yet.
        """
        plan = plan_chunk(self.store, built, self.batch_size, self.written, self._running_nodes,
                          create=self.create)
        self.new_documents |= plan.new_documents
        done = self.submit(plan.prepared)
        self._running_nodes = plan.nodes
        return done

    def finish(self) -> WriteCounters:
        """Wait for the chunk being written; its counters (raises what its writes raised)."""
        self._running_nodes = node_sets()
        return super().finish()


def plan_chunk(store: GraphStore, built: list[RecordRows], batch_size: int, written: set,
               pending: NodeSets, *, create: bool = True) -> ChunkPlan:
    """Every write of a chunk of Records, nodes before the relationships that need them.

    ``written`` remembers, across the chunks of one load, the shared nodes and relationships
    already written (SHARED_LABELS, SHARED_RELS): a province's "Sở Y tế" is named by every
    district plan; it is written once per load instead of once per task. ``pending`` are the
    nodes of a chunk still being written, which count as existing. Without ``create`` nothing
    is read and everything is MERGEd.
    """
    docs, stubs, nodes, edges = (defaultdict(list) for _ in range(4))
    cited: dict[Rel, list] = defaultdict(list)
    for rows in built:
        for target, source in ((docs, rows.documents), (stubs, rows.stubs), (nodes, rows.nodes),
                               (edges, rows.edges)):
            for key, items in source.items():
                target[key].extend(items)
        for row in rows.cited:
            cited[row["rel"]].append(row)
    plan, created = ChunkPlan(), node_sets()
    _plan_documents(store, plan, docs, stubs, batch_size, pending if create else None, created)
    for (label, extra), rows in sorted(nodes.items()):
        if label in SHARED_LABELS:
            rows = _fresh(rows, written, lambda row: (str(label), row["id"], _frozen(row["props"])))
        _plan_nodes(store, plan, (label, extra), _unique(rows), batch_size,
                    pending if create else None, created)
    for (rel, src, dst), rows in sorted(edges.items()):
        if rel in SHARED_RELS:
            rows = _fresh(rows, written,
                          lambda row: (str(rel), row["src"], row["dst"], _frozen(row.get("props"))))
        _plan_edges(store, plan, (rel, src, dst), rows, batch_size, created)
    titles = [row for rows in built for row in rows.stub_titles]
    for round_rows in _rounds([{**row, "src": row["id"], "dst": ""} for row in titles]):
        plan.add(store, writes.stub_titles_query(), round_rows, batch_size)
    for rel, rows in sorted(cited.items()):
        for round_rows in _rounds(rows):
            plan.add(store, writes.merge_cited_query(rel), round_rows, batch_size)
    return plan


def existing_ids(store: GraphStore, label: str, ids: Iterable[str], batch_size: int,
                 pending: NodeSets | None = None) -> set[str]:
    """Which of ``ids`` name a node of ``label``: in the store, or among the pending nodes."""
    waiting = pending.get(label, set()) if pending is not None else set()
    found: set[str] = set()
    for batch in batched(ids, batch_size, store.max_batch_bytes):
        found.update(row["id"] for row in store.read(*cypher.existing_ids_query(label, batch)))
        found.update(waiting.intersection(batch))
    return found


def changed_rows(store: GraphStore, label: str, rows: list[Row], batch_size: int) -> list[Row]:
    """The rows of existing nodes whose ``SET n += props`` would change something.

    A shared node (an agency, "Sở Y tế tỉnh Vĩnh Phúc") is named again by every later load
    that cites it: the tenth national cascade MERGEs ~140,000 of them, nearly all with the
    properties they have. FalkorDB does not write an unchanged value, but it still costs
    twice a bare MERGE per row (16 µs against 7 µs, measured on 160,000 agencies), and the
    rows must be sent and parsed. A read of their properties (2 µs a row) finds the few that
    differ. A null removes a property, so it changes nothing only where there is none.
    Values are compared as JSON so that 1 and 1.0 (an integer and a float) differ. Rows of
    nodes not readable yet (written by the chunk still running) are kept.
    """
    stored: dict[str, dict] = {}
    for batch in batched([row["id"] for row in rows], batch_size, store.max_batch_bytes):
        for found in store.read(*cypher.existing_properties_query(label, batch)):
            stored[found["id"]] = found["props"]
    return [row for row in rows if row["id"] not in stored or _changes(stored[row["id"]], row["props"])]


def _changes(stored: dict, props: dict) -> bool:
    for key, value in props.items():
        old = stored.get(str(key))
        if value is None:
            if old is not None:
                return True
        elif old is None or json.dumps(old, default=str) != json.dumps(value, default=str):
            return True
    return False


def _plan_documents(store: GraphStore, plan: ChunkPlan, docs: dict[NodeKey, list[Row]],
                    stubs: dict[NodeKey, list[Row]], batch_size: int, pending: NodeSets | None,
                    created: NodeSets) -> None:
    """Loaded documents, then stubs, all keyed on PolicyDocument so a stub and its document meet.

    Group by group in a fixed order, each seeing what the ones before it create: a document
    the chunk loads and also cites is created once, as the loaded one. An existing document
    that is loaded again is updated and relabelled; a stub that exists is left alone. Without
    ``pending`` (no reads: ``plan_chunk`` without ``create``) every row is updated, relabelled
    and created, the create checking for the node itself.
    """
    doc = str(Label.POLICY_DOCUMENT)
    ids = dict.fromkeys(row["id"] for group in (docs, stubs) for rows in group.values()
                        for row in rows)
    have = existing_ids(store, doc, ids, batch_size, pending) if pending is not None else None
    for group, stub in ((docs, False), (stubs, True)):
        for (label, _), rows in sorted(group.items()):
            rows = _unique(rows)
            new = [row for row in rows if have is None or row["id"] not in have]
            if not stub:
                old = [row for row in rows if have is None or row["id"] in have]
                for query in writes.update_document_queries(label):
                    plan.add(store, query, old, batch_size)
            plan.add(store, writes.create_document_query(label), new, batch_size)
            if have is not None:
                have.update(row["id"] for row in new)
                created[doc].update(row["id"] for row in new)
                if not stub:
                    plan.new_documents.update(row["id"] for row in new)
    plan.nodes[doc].update(ids)


def _plan_nodes(store: GraphStore, plan: ChunkPlan, key: NodeKey, rows: list[Row], batch_size: int,
                pending: NodeSets | None, created: NodeSets) -> None:
    """CREATE the nodes of a group that do not exist, MERGE the others (all without ``pending``)."""
    label, extra = key
    name = str(label)
    if pending is None:
        new, old = [], rows
    else:
        have = existing_ids(store, name, (row["id"] for row in rows), batch_size, pending)
        new = [row for row in rows if row["id"] not in have]
        old = [row for row in rows if row["id"] in have]
        if label in SHARED_LABELS and not extra:
            old = changed_rows(store, name, old, batch_size)
    if new:
        keys = tuple(sorted(map(str, set().union(*(row["props"] for row in new)))))
        values = [[row["id"], *map(row["props"].get, keys)] for row in new]
        plan.add(store, cypher.create_nodes_query(label, (KEY, *keys), extra_labels=extra), values,
                 batch_size)
    plan.add(store, cypher.merge_nodes_query(label, extra_labels=extra), old, batch_size)
    created[name].update(row["id"] for row in new)
    plan.nodes[name].update(row["id"] for row in rows)


def _plan_edges(store: GraphStore, plan: ChunkPlan, key: EdgeKey, rows: list[Row], batch_size: int,
                created: NodeSets) -> None:
    """CREATE relationships with an end created in this chunk (one per pair), MERGE the others."""
    rel, src, dst = key
    new_src, new_dst = created.get(str(src), set()), created.get(str(dst), set())
    new: dict[tuple[str, str], dict | None] = {}
    old = []
    for row in rows:  # {"src", "dst"}, and "props" when the relationship has properties
        props = row.get("props")
        if row["src"] in new_src or row["dst"] in new_dst:
            pair = (row["src"], row["dst"])
            if props:
                new[pair] = {**(new.get(pair) or {}), **props}  # as MERGE … SET r += props
            else:
                new.setdefault(pair, None)
        else:
            old.append({"src": row["src"], "dst": row["dst"], "props": props or {}})
    with_props = any(new.values())
    fresh = [[s, d, props or {}] if with_props else [s, d] for (s, d), props in new.items()]
    plan.add(store, cypher.create_edges_query(rel, src, dst, props=with_props), fresh, batch_size)
    plan.add(store, cypher.merge_edges_query(rel, src, dst), old, batch_size)


def _frozen(props: dict | None) -> tuple:
    if not props:
        return ()
    return tuple(sorted((str(k), tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def _fresh(rows: list[dict], written: set, key: Callable[[dict], tuple]) -> list[dict]:
    """Rows not yet written in this load (the same id with the same properties).

    Keys hold plain strings, never the ontology's enum members: a tuple of plain values drops
    out of the cyclic collector's sight, one holding an enum member stays in it (over a
    national cascade, ~300,000 keys: 0.8 million objects every full collection walked again).
    """
    out = []
    for row in rows:
        k = key(row)
        if k not in written:
            written.add(k)
            out.append(row)
    return out


def _rounds(rows: list[dict]) -> list[list[dict]]:
    """Rows split so that no round holds one relationship twice.

    An engine may evaluate a whole UNWIND against the state before it (FalkorDB does), so two
    rows adding evidence to one relationship in the same query would each see the old list
    and the last would win. Round k holds the k-th row of every relationship.
    """
    rounds: list[list[dict]] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["src"], row["dst"])
        k = seen.get(key, 0)
        seen[key] = k + 1
        if k == len(rounds):
            rounds.append([])
        rounds[k].append(row)
    return rounds


def _unique(rows: list[dict]) -> list[dict]:
    """One row per id (the last), so one UNWIND never writes the same node twice."""
    return list({row["id"]: row for row in rows}.values())
