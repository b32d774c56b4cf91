"""SPARQL answers as bytes: the result formats, which one a client accepts, and the writers.

==============  ===================================  =============================================
answer          media types (the first is default)   written by
==============  ===================================  =============================================
SELECT          application/sparql-results+json,     ``write_solutions`` here, row by row, so the
                application/sparql-results+xml,      row limit and the byte limit cut the answer
                text/csv, text/tab-separated-values  between rows and it stays well-formed
ASK             the same four                        pyoxigraph's own writer
CONSTRUCT,      text/turtle, application/n-triples,  pyoxigraph's writer, on at most ``row_limit``
DESCRIBE        application/ld+json                  triples
==============  ===================================  =============================================

The SELECT writers are ours because pyoxigraph writes a whole result set or nothing: a query
answering ten million rows would be written (and held) whole before any limit could apply.
They follow the W3C result formats (SPARQL 1.1 Query Results JSON, XML, CSV and TSV; RDF 1.2
triple terms and directional language tags as pyoxigraph writes them), and the tests read every
format back with pyoxigraph's parsers. ``application/json`` is taken as the JSON results.

A truncated answer is complete and well-formed, with fewer rows: ``SparqlAnswer.truncated``
says so (the API puts it in a header), because the formats themselves have no place for it.

Example:
    >>> choose_format("solutions", ["text/csv;q=0.5", "text/*"]).media_type   # doctest: +SKIP
    'text/csv'
    >>> choose_format("graph", []).media_type
    'text/turtle'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from policykg.errors import NotAcceptable, QueryError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
ITS_NS = "http://www.w3.org/2005/11/its"


@dataclass(frozen=True)
class ResultFormat:
    """One way to write an answer: its name (the CLI's --format), media type and answer kind."""

    name: str
    media_type: str
    kind: str  # "solutions" (SELECT and ASK) or "graph" (CONSTRUCT and DESCRIBE)


FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("json", "application/sparql-results+json", "solutions"),
    ResultFormat("xml", "application/sparql-results+xml", "solutions"),
    ResultFormat("csv", "text/csv", "solutions"),
    ResultFormat("tsv", "text/tab-separated-values", "solutions"),
    ResultFormat("turtle", "text/turtle", "graph"),
    ResultFormat("ntriples", "application/n-triples", "graph"),
    ResultFormat("jsonld", "application/ld+json", "graph"),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS} | {"application/json": BY_NAME["json"]}
#: pyoxigraph's writer of each format it writes for us.
OX_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
              "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
              "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD}

# Characters XML 1.0 cannot carry, even escaped (C0 controls but tab and line breaks; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class SparqlAnswer:
    """What a query answered, written: the bytes, their media type and what was left out."""

    body: bytes
    media_type: str
    kind: str  # "solutions", "boolean" or "graph"
    rows: int  # solutions or triples written (1 for a boolean)
    truncated: bool  # True when the row or byte limit cut the answer


def formats_for(kind: str) -> list[ResultFormat]:
    """The formats an answer of this kind can take, the default first."""
    wanted = "graph" if kind == "graph" else "solutions"
    return [f for f in FORMATS if f.kind == wanted]


def choose_format(kind: str, accepted: Sequence[str]) -> ResultFormat:
    """The first accepted media range (best first, as ``parse_accept`` orders them) that an
    answer of ``kind`` can take; none given means the default.

    Raises:
        NotAcceptable: nothing accepted fits; the message lists what would.
    """
    offered = formats_for(kind)
    if not accepted:
        return offered[0]
    for media_range in accepted:
        if media_range in ("*/*", "*"):
            return offered[0]
        if media_range.endswith("/*"):
            prefix = media_range[:-1]
            found = [f for f in offered if f.media_type.startswith(prefix)]
            if found:
                return found[0]
        elif media_range in BY_MEDIA_TYPE and BY_MEDIA_TYPE[media_range] in offered:
            return BY_MEDIA_TYPE[media_range]
    what = "a graph (CONSTRUCT, DESCRIBE)" if kind == "graph" else "solutions (SELECT, ASK)"
    raise NotAcceptable(f"{', '.join(accepted)} cannot carry {what}; accept one of "
                        f"{', '.join(f.media_type for f in offered)}")


# -- terms -------------------------------------------------------------------------------------

def term_json(term) -> dict:
    """A term in SPARQL JSON results."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            if term.direction is not None:
                out["its:dir"] = str(term.direction)
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_json(term.subject),
                                        "predicate": term_json(term.predicate),
                                        "object": term_json(term.object)}}


def term_xml(term) -> str:
    """A term in SPARQL XML results."""
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            direction = f" its:dir={quoteattr(str(term.direction))}" if term.direction is not None else ""
            attrs = f" xml:lang={quoteattr(term.language)}{direction}"
        elif term.datatype.value != XSD_STRING:
            attrs = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attrs = ""
        return f"<literal{attrs}>{_xml_text(term.value)}</literal>"
    return (f"<triple><subject>{term_xml(term.subject)}</subject><predicate>"
            f"{term_xml(term.predicate)}</predicate><object>{term_xml(term.object)}</object></triple>")


def _xml_text(text: str) -> str:
    if _NOT_XML.search(text):
        raise QueryError("a value holds a control character XML cannot carry; ask for "
                         "application/sparql-results+json instead")
    return escape(text)


def term_csv(term) -> str:
    """A term in SPARQL CSV results: the IRI, the literal's lexical form, ``_:`` and a label."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def term_tsv(term) -> str:
    """A term in SPARQL TSV results: its N-Triples form (pyoxigraph escapes tabs and newlines)."""
    return str(term)


# -- solutions ---------------------------------------------------------------------------------

def _json_rows(names: list[str], rows: Iterable) -> Iterator[str]:
    for row in rows:
        binding = {name: term_json(row[i]) for i, name in enumerate(names) if row[i] is not None}
        yield json.dumps(binding, ensure_ascii=False, separators=(",", ":"))


def _xml_rows(names: list[str], rows: Iterable) -> Iterator[str]:
    for row in rows:
        cells = "".join(f"<binding name={quoteattr(name)}>{term_xml(row[i])}</binding>"
                        for i, name in enumerate(names) if row[i] is not None)
        yield f"<result>{cells}</result>"


def _csv_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


# (head, row lines, separator, tail) of each format; the head and tail take the variable names.
_LAYOUTS = {
    "json": (lambda names: json.dumps({"head": {"vars": names}}, ensure_ascii=False,
                                      separators=(",", ":"))[:-1] + ',"results":{"bindings":[',
             _json_rows, ",", "]}}"),
    "xml": (lambda names: f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}" xmlns:its="{ITS_NS}">'
            + "<head>" + "".join(f"<variable name={quoteattr(n)}/>" for n in names) + "</head><results>",
            _xml_rows, "", "</results></sparql>\n"),
    "csv": (lambda names: _csv_line(names),
            lambda names, rows: (_csv_line(["" if row[i] is None else term_csv(row[i])
                                            for i in range(len(names))]) for row in rows), "", ""),
    "tsv": (lambda names: "\t".join(f"?{n}" for n in names) + "\n",
            lambda names, rows: ("\t".join("" if row[i] is None else term_tsv(row[i])
                                           for i in range(len(names))) + "\n" for row in rows), "", ""),
}


def write_solutions(fmt: ResultFormat, solutions, *, row_limit: int, max_bytes: int) -> SparqlAnswer:
    """A SELECT answer in ``fmt``, cut after ``row_limit`` rows or before ``max_bytes``."""
    names = [v.value for v in solutions.variables]
    head_of, rows_of, separator, tail = _LAYOUTS[fmt.name]
    parts = [head_of(names)]
    size = len(parts[0].encode()) + len(tail)
    count, truncated = 0, False
    rows = iter(solutions)
    for line in rows_of(names, _limited(rows, row_limit)):
        cost = len(line.encode()) + len(separator)
        if size + cost > max_bytes:
            truncated = True
            break
        parts.append(separator + line if count else line)
        size += cost
        count += 1
    else:
        truncated = count == row_limit and next(rows, None) is not None
    parts.append(tail)
    return SparqlAnswer("".join(parts).encode(), fmt.media_type, "solutions", count, truncated)


def _limited(rows: Iterator, limit: int) -> Iterator:
    """At most ``limit`` rows, pulling none beyond them (the caller asks for one more to know
    whether the answer was cut)."""
    for _ in range(limit):
        row = next(rows, None)
        if row is None:
            return
        yield row


def write_triples(fmt: ResultFormat, triples, *, row_limit: int, max_bytes: int,
                  prefixes: dict[str, str]) -> SparqlAnswer:
    """A CONSTRUCT or DESCRIBE answer in ``fmt``: at most ``row_limit`` triples, and none past
    ``max_bytes`` of N-Triples (Turtle and JSON-LD are about as long or shorter)."""
    kept, size, truncated = [], 0, False
    for triple in triples:
        cost = len(str(triple).encode()) + 3
        if len(kept) == row_limit or size + cost > max_bytes:
            truncated = True
            break
        kept.append(triple)
        size += cost
    body = ox.serialize(kept, format=OX_FORMATS[fmt.name],
                        prefixes=prefixes if fmt.name == "turtle" else None)
    return SparqlAnswer(body, fmt.media_type, "graph", len(kept), truncated)


def write_answer(result, accepted: Sequence[str], *, row_limit: int, max_bytes: int,
                 prefixes: dict[str, str]) -> SparqlAnswer:
    """Whatever ``Store.query`` returned, written in the best format the client accepts."""
    if isinstance(result, ox.QueryBoolean):
        fmt = choose_format("boolean", accepted)
        return SparqlAnswer(result.serialize(format=OX_FORMATS[fmt.name]), fmt.media_type,
                            "boolean", 1, False)
    if isinstance(result, ox.QueryTriples):
        fmt = choose_format("graph", accepted)
        return write_triples(fmt, result, row_limit=row_limit, max_bytes=max_bytes, prefixes=prefixes)
    fmt = choose_format("solutions", accepted)
    return write_solutions(fmt, result, row_limit=row_limit, max_bytes=max_bytes)
