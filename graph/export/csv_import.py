"""CSV files for ``neo4j-admin database import`` (Neo4j 5), and a reader that loads them back.

Layout of the output directory:

- ``nodes.<Label>[+<Label>…].csv``: one file per label set (``nodes.PolicyDocument+Plan.csv``),
  header ``identifier:ID(<keyed label>),:LABEL,<key>[:<type>],…``;
- ``relationships.<TYPE>.<start label>-<end label>.csv``: one file per type and pair of keyed
  labels (HAS_EVIDENCE runs from Target and from Task), header
  ``:START_ID(<label>),:END_ID(<label>),:TYPE,<key>[:<type>],…``;
- ``README.txt``: the import command and the constraints to create afterwards.

Identifiers are unique per keyed label (that is what the uniqueness constraints say), so each
keyed label is its own ID space. Column types follow the ontology's ranges (decimal ->
``double``, integer -> ``long``, boolean -> ``boolean``, the rest ``string``; dates stay ISO
text, as the graph stores them); the evidence lists are arrays (``quote:string[]``) joined with
U+001F (``--array-delimiter=U+001F``), a control character no normalized text holds: a ``;``
or ``|`` appears in quotes. Strings are always quoted, so an empty string (``""``) and a
missing property (nothing) stay apart, as neo4j-admin reads them by default; quoted fields may
span lines (``--multiline-fields=true``).

Each file's columns are the property keys its elements use, found before writing by one
aggregate query per keyed label; files are then written row by row, so memory holds a page.

Example:
    >>> write_csv(store, Path("export"))                         # doctest: +SKIP
    [PosixPath('export/nodes.AdminUnit.csv'), …, PosixPath('export/README.txt')]
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from policykg.graph.cypher import KEY, Query, _label, neo4j_schema_statements
from policykg.graph.export.elements import (
    Element,
    ExportError,
    GraphEdge,
    GraphNode,
    Value,
    key_label,
    list_keys,
    make_edge,
    make_node,
    scalar_from_text,
)
from policykg.graph.export.rdf_terms import XSD_BOOLEAN, XSD_DECIMAL, XSD_INTEGER, prop_types
from policykg.graph.export.read import PAGE_SIZE, Progress, iter_elements
from policykg.graph.load import GRAPH_SCHEMA, KEYED_LABELS
from policykg.graph.store import GraphStore
from policykg.ontology.terms import Label, Rel

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
#: neo4j-admin column type of each ontology range (anything else is a string).
COLUMN_TYPES = {XSD_DECIMAL: "double", XSD_INTEGER: "long", XSD_BOOLEAN: "boolean"}
README = "README.txt"
#: Bytes copied at a time into a zip member.
COPY_BLOCK = 1 << 16

# A field: quoted, with "" for a quote inside (group 1), or bare up to the next comma (group 2).
_FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,"]*)')
# A header column: an optional name, then an optional ":type" with an optional "(ID space)".
_COLUMN = re.compile(r"""
    (?P<name>[^:]*)                 # property key; empty for :LABEL, :TYPE, :START_ID, :END_ID
    (?::(?P<type>[A-Za-z_]+\[?\]?)  # the type, ID, START_ID, … ; [] marks an array
        (?:\((?P<space>[^)]*)\))?   # the ID space of an ID column
    )?$""", re.X)


def keys_query(label: Label) -> tuple[Query, Query]:
    """The property keys used per label set, and per relationship type and target labels."""
    nodes = (f"MATCH (n:{_label(label)}) UNWIND keys(n) AS k "
             f"RETURN DISTINCT labels(n) AS labels, k", {})
    edges = (f"MATCH (a:{_label(label)})-[r]->(b) UNWIND keys(r) AS k "
             f"RETURN DISTINCT labels(a) AS src, type(r) AS type, labels(b) AS labels, k", {})
    return nodes, edges


def column_type(key: str, rel: Rel | None) -> str:
    """The neo4j-admin type of a property column (empty for string)."""
    types = prop_types()
    base = "string" if key in types.concepts else COLUMN_TYPES.get(types.datatype[key], "string")
    if key in list_keys(rel):
        return base + "[]"
    return "" if base == "string" else base


def node_file(node: GraphNode) -> str:
    """File name of a node's label set."""
    return "nodes." + "+".join(node.labels) + ".csv"


def edge_file(edge: GraphEdge) -> str:
    """File name of a relationship's type and ends."""
    return f"relationships.{edge.type}.{edge.src_key}-{edge.dst_key}.csv"


def column_keys(store: GraphStore) -> dict[str, list[str]]:
    """Property columns of every file, from one pair of aggregate queries per keyed label."""
    found: dict[str, set[str]] = defaultdict(set)
    for label in KEYED_LABELS:
        node_rows, edge_rows = (store.read(*q) for q in keys_query(label))
        for row in node_rows:
            if row["k"] != KEY and key_label(row["labels"], "a node") == label:
                labels = [label.value, *sorted(x for x in row["labels"] if x != label.value)]
                found["nodes." + "+".join(labels) + ".csv"].add(row["k"])
        for row in edge_rows:
            if key_label(row["src"], "a node") == label:
                end = key_label(row["labels"], "a node")
                found[f"relationships.{row['type']}.{label}-{end}.csv"].add(row["k"])
    return {name: sorted(keys) for name, keys in found.items()}


def header(element: Element, keys: list[str]) -> list[str]:
    """The header columns of an element's file."""
    if isinstance(element, GraphNode):
        fixed = [f"{KEY}:ID({element.key})", ":LABEL"]
        rel = None
    else:
        fixed = [f":START_ID({element.src_key})", f":END_ID({element.dst_key})", ":TYPE"]
        rel = element.type
    typed = [f"{k}:{t}" if (t := column_type(k, rel)) else k for k in keys]
    return fixed + typed


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def cell(value: Value | None, kind: str, where: str) -> str:
    """One CSV field of a column type: strings always quoted, a missing value empty."""
    if value is None:
        return ""
    if kind.endswith("[]"):
        if not isinstance(value, list) or not value:
            raise ExportError(f"{where}: an array column needs a non-empty list, not {value!r}")
        items = [_scalar(v, kind[:-2], where) for v in value]
        if any(ARRAY_DELIMITER in i for i in items):
            raise ExportError(f"{where}: a list item holds U+001F, the array delimiter")
        return _text(ARRAY_DELIMITER.join(items))
    text = _scalar(value, kind or "string", where)
    return _text(text) if kind in ("", "string") else text


def _scalar(value: Value, kind: str, where: str) -> str:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "double" and is_number:
        return repr(float(value))
    if kind == "long" and is_number and isinstance(value, int):
        return str(value)
    if kind == "boolean" and isinstance(value, bool):
        return "true" if value else "false"
    if kind == "string" and isinstance(value, str):
        return value
    raise ExportError(f"{where}: {value!r} does not fit a {kind} column (the ontology's type)")


def row(element: Element, keys: list[str]) -> str:
    """One CSV line of an element, newline included."""
    if isinstance(element, GraphNode):
        where = f"node {element.identifier!r}"
        fixed = [_text(element.identifier), _text(ARRAY_DELIMITER.join(element.labels))]
        rel = None
    else:
        where = f"relationship {element.type} from {element.src!r} to {element.dst!r}"
        fixed = [_text(element.src), _text(element.dst), _text(element.type)]
        rel = element.type
    cells = [cell(element.props.get(k), column_type(k, rel), where) for k in keys]
    return ",".join(fixed + cells) + "\n"


def write_csv(store: GraphStore, directory: Path, *, page_size: int = PAGE_SIZE,
              on_progress: Progress | None = None) -> list[Path]:
    """Write the graph as neo4j-admin CSV files into ``directory`` (created; must be empty)."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise ExportError(f"{directory} is not empty; name a new or empty directory")
    keys = column_keys(store)
    files: dict[str, TextIO] = {}
    try:
        for page in iter_elements(store, page_size=page_size, on_progress=on_progress):
            for element in page:
                name = node_file(element) if isinstance(element, GraphNode) else edge_file(element)
                out = files.get(name)
                if out is None:
                    out = files[name] = (directory / name).open("w", encoding="utf-8", newline="")
                    out.write(",".join(header(element, keys.get(name, []))) + "\n")
                out.write(row(element, keys.get(name, [])))
    finally:
        for out in files.values():
            out.close()
    (directory / README).write_text(readme(sorted(files)), encoding="utf-8")
    return [directory / name for name in sorted(files)] + [directory / README]


def import_command(names: list[str]) -> str:
    """The neo4j-admin command that imports these files into a new database."""
    parts = ["neo4j-admin database import full", f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
             "--multiline-fields=true"]
    parts += [f"--nodes={n}" for n in names if n.startswith("nodes.")]
    parts += [f"--relationships={n}" for n in names if n.startswith("relationships.")]
    return " \\\n    ".join([*parts, "<database>"])


def readme(names: list[str]) -> str:
    """README.txt: what the files are and the commands to run."""
    ddl = "\n".join(s + ";" for s in neo4j_schema_statements(GRAPH_SCHEMA))
    return (
        "policykg graph export for neo4j-admin database import (Neo4j 5).\n\n"
        "From this directory, into a new database (the server stopped):\n\n"
        f"{import_command(names)}\n\n"
        "Then start the database and create the constraints policykg relies on (cypher-shell):\n\n"
        f"{ddl}\n"
    )


# -- reading the files back -------------------------------------------------------------------


def parse_record(text: str, where: str) -> list[str | None]:
    """The fields of one CSV record; a bare empty field is None, a quoted one a string."""
    fields: list[str | None] = []
    pos = 0
    while True:
        m = _FIELD.match(text, pos)
        fields.append(m.group(1).replace('""', '"') if m.group(1) is not None else (m.group(2) or None))
        pos = m.end()
        if pos == len(text):
            return fields
        if text[pos] != ",":
            raise ExportError(f"{where}: malformed CSV near {text[pos:pos + 30]!r}")
        pos += 1


def _records(path: Path) -> Iterator[list[str | None]]:
    with path.open(encoding="utf-8", newline="") as handle:
        buffer = ""
        for number, line in enumerate(handle, 1):
            buffer += line
            if buffer.count('"') % 2 == 0:
                yield parse_record(buffer.removesuffix("\n"), f"{path.name}:{number}")
                buffer = ""
        if buffer:
            raise ExportError(f"{path.name}: a quoted field is not closed")


def _typed(text: str | None, kind: str) -> Value | None:
    if text is None:
        return None
    if kind.endswith("[]"):
        return [_typed(item, kind[:-2]) for item in text.split(ARRAY_DELIMITER)]  # type: ignore[misc]
    return scalar_from_text(text, kind)


def read_csv_file(path: Path) -> Iterator[Element]:
    """The elements of one file written by ``write_csv``."""
    records = _records(path)
    columns = [_COLUMN.match(c) for c in next(records)]
    if not all(columns):
        raise ExportError(f"{path.name}: unreadable header")
    for fields in records:
        values: dict[str, Value] = {}
        special: dict[str, tuple[str | None, str | None]] = {}
        for column, text in zip(columns, fields, strict=True):
            kind = column["type"] or ""
            if kind in ("ID", "LABEL", "START_ID", "END_ID", "TYPE"):
                special[kind] = (text, column["space"])
            elif (value := _typed(text, kind)) is not None:
                values[column["name"]] = value
        if "ID" in special:
            labels = (special["LABEL"][0] or "").split(ARRAY_DELIMITER)
            yield make_node(special["ID"][0], labels, values)
        else:
            start, end = special["START_ID"], special["END_ID"]
            yield make_edge(special["TYPE"][0] or "", (Label(start[1]), start[0]),
                            ([end[1] or ""], end[0]), values)


def read_csv_directory(directory: Path) -> Iterator[Element]:
    """Every element of an export directory: node files first, then relationship files."""
    for pattern in ("nodes.*.csv", "relationships.*.csv"):
        for path in sorted(directory.glob(pattern)):
            yield from read_csv_file(path)


class _Pipe(io.RawIOBase):
    """A write-only byte sink that is drained after each write (a zip streamed out)."""

    def __init__(self) -> None:
        self.buffer, self.position = bytearray(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def drain(self) -> bytes:
        out, self.buffer = bytes(self.buffer), bytearray()
        return out


def csv_zip_chunks(store: GraphStore, *, page_size: int = PAGE_SIZE,
                   on_progress: Progress | None = None) -> Iterator[bytes]:
    """The CSV files as one zip archive, streamed (for the API); the files go through a
    temporary directory, so memory holds a page and a copy block."""
    with tempfile.TemporaryDirectory(prefix="policykg-csv-") as tmp:
        paths = write_csv(store, Path(tmp) / "csv", page_size=page_size, on_progress=on_progress)
        pipe = _Pipe()
        with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                with path.open("rb") as source, archive.open(path.name, "w") as member:
                    while block := source.read(COPY_BLOCK):
                        member.write(block)
                        yield pipe.drain()
        yield pipe.drain()
