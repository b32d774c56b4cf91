"""The explorer's answers, from a store: a cascade's view, a document's expansion, a district's
group, the comparison table, and the bundle a standalone page carries.

The API's explorer router and ``policykg viz`` call these; the shaping is in ``network`` and
``table`` (pure), the reading in ``policykg.graph.queries``.

Example:
    >>> view = cascade_view(store, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu")            # doctest: +SKIP
    >>> [n["label"] for n in view["nodes"] if n["kind"] == "document"][1]            # doctest: +SKIP
    'KH (no number)\\nSông Lô'
"""

from __future__ import annotations

from urllib.parse import urlencode

from policykg.errors import NotFound
from policykg.graph.queries import MAX_DEPTH, require_document
from policykg.graph.queries.cascade import cascade
from policykg.graph.queries.documents import document
from policykg.graph.queries.indicator_table import indicator_table
from policykg.graph.queries.network import (
    document_context,
    document_targets,
    lead_agencies,
    target_values,
)
from policykg.graph.store import GraphStore
from policykg.viz.network import (
    Expansion,
    Facts,
    auto_expanded,
    build_view,
    expansion_view,
    group_content,
)
from policykg.viz.table import comparison_rows, parent_targets

#: Most documents a standalone page carries details and expansions for (the view itself is
#: always whole); past it a click on a document shows what its node says.
MAX_STANDALONE_DOCUMENTS = 400


def gather(store: GraphStore, doc_id: str) -> Facts:
    """The cascade below a document and the context of each of its documents."""
    found = cascade(store, doc_id, direction="down", max_depth=MAX_DEPTH)
    ids = [doc_id, *(n["id"] for n in found["nodes"])]
    return Facts(root=found["root"], documents=found["nodes"], edges=found["edges"],
                 context=document_context(store, ids))


def expand(store: GraphStore, doc_id: str) -> Expansion:
    """The targets and lead agencies of one document."""
    return Expansion(targets=document_targets(store, doc_id), agencies=lead_agencies(store, doc_id))


def cascade_view(store: GraphStore, doc_id: str) -> dict:
    """The first view of a document's cascade (see ``network.build_view``)."""
    facts = gather(store, doc_id)
    for key in auto_expanded(facts):
        facts.expansions[key] = expand(store, key)
    return build_view(facts)


def expansion(store: GraphStore, doc_id: str) -> dict:
    """What a click on a document adds: its targets, their derivations, its lead agencies."""
    doc = require_document(store, doc_id)
    context = document_context(store, [doc_id]).get(doc_id)
    return expansion_view(doc, context, expand(store, doc_id))


def group(store: GraphStore, root: str, key: str) -> dict:
    """The commune documents a district's group node stands for, in the cascade of ``root``."""
    facts = gather(store, root)
    content = group_content(facts, key)
    if not content["nodes"]:
        raise NotFound(f"group {key!r} is not in the cascade of {root!r}; "
                       "open the cascade again to get its groups")
    return content


def comparison(store: GraphStore, doc_id: str) -> dict:
    """The per-indicator comparison table of a document's cascade."""
    table = indicator_table(store, doc_id, max_depth=MAX_DEPTH)
    parents = target_values(store, parent_targets(table))
    return {"root": table["root"], "indicators": comparison_rows(table, parents)}


def group_path(root: str, key: str) -> str:
    """The URL path of a group's content, as the page asks for it."""
    return f"/explorer/group/{key}?" + urlencode({"root": root})


def bundle(store: GraphStore, doc_id: str) -> dict:
    """Every answer a standalone page of one cascade asks for, by the path the page would fetch.

    The view, the table, and for each document (up to ``MAX_STANDALONE_DOCUMENTS``) its details
    and its expansion, and the content of each district group.
    """
    view = cascade_view(store, doc_id)
    answers = {f"/explorer/cascade/{doc_id}": view, f"/explorer/table/{doc_id}": comparison(store, doc_id)}
    facts = gather(store, doc_id)
    for doc in facts.all_documents()[:MAX_STANDALONE_DOCUMENTS]:
        answers[f"/documents/{doc['id']}"] = document(store, doc["id"])
        answers[f"/explorer/expand/{doc['id']}"] = expansion_view(
            doc, facts.context.get(doc["id"]), expand(store, doc["id"]))
    for key in view["groups"]:
        answers[group_path(doc_id, key)] = group_content(facts, key)
    return answers
