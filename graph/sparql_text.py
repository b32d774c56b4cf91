"""What a SPARQL request asks for, read from its words before anything evaluates it.

The endpoint answers SPARQL 1.1 *queries* only. pyoxigraph's ``Store.query`` parses the query
grammar, which has no update operation, so ``INSERT DATA { … }`` can never run there (and
each query runs in a throwaway copy-on-write child of the engine, see ``sparql_engine.py``);
but its refusal is a syntax error ("expected CONSTRUCT"), where a user deserves "this endpoint is
read-only" (403). And ``SERVICE <http://…>`` would make pyoxigraph call another server, which
nothing here may do at run time. Both are recognized from the request's tokens:

* a *keyword* is a bare word outside strings, IRIs, comments, variables, prefixed names and
  language tags. ``?insert``, ``pkg:delete``, ``"drop table"``, ``<https://x/load>`` and
  ``"x"@add`` hold none;
* an update keyword (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``,
  ``MOVE``, ``COPY``, ``WITH``) is a write attempt: ReadOnlyViolation. None of them is a
  keyword or a function name of the query grammar (SPARQL 1.1, nor 1.2's triple-term
  functions), so a valid query is never refused as a write;
* ``SERVICE`` is refused (QueryError): federated queries are off.

pyoxigraph does not expand ``\\u0053ERVICE`` escapes outside strings (it refuses them as syntax
errors), so the words read here are the words it parses.

Example:
    >>> check_read_only("PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?insert WHERE { ?insert a pkg:Plan }")
    >>> check_read_only("INSERT DATA { <vn/a> <https://w3id.org/policykg/ontology#title> 'Kế hoạch' }")
    Traceback (most recent call last):
    ...
    policykg.errors.ReadOnlyViolation: the SPARQL endpoint is read-only: INSERT is an update; send a query (SELECT, ASK, CONSTRUCT or DESCRIBE)
"""

from __future__ import annotations

import re

from policykg.errors import QueryError, ReadOnlyViolation

#: Keywords that begin or make up SPARQL 1.1 Update operations.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                             "COPY", "WITH"})
#: Keywords of features the endpoint refuses: a federated query would reach another server.
REFUSED_KEYWORDS = frozenset({"SERVICE"})

# One token of a SPARQL request; the alternatives are tried in order, so a string, IRI or
# comment is consumed whole before a word inside it could be read as a keyword.
_TOKEN = re.compile(r"""
      (?P<comment> \#[^\n\r]* )
    | (?P<string>  \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)     # long strings, possibly unclosed
                 | '''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
                 | "(?:[^"\\\n\r]|\\.)*"?                        # short strings (unclosed: to line end)
                 | '(?:[^'\\\n\r]|\\.)*'? )
    | (?P<iri>     <[^<>"{}|^`\\\x00-\x20]*> )                   # an IRI; '<' alone is "less than"
    | (?P<var>     [?$][\w\u00B7\u0300-\u036F\u203F-\u2040]* )
    | (?P<lang>    @[A-Za-z]+(?:--?[A-Za-z0-9]+)* )              # language tag (and its --dir)
    | (?P<pname>   (?:[^\W\d][\w.\-]*)?:(?:[\w.\-:%]|\\.)* )     # prefixed name, blank node _:b
    | (?P<number>  \d+(?:\.\d*)?(?:[eE][+-]?\d+)? | \.\d+(?:[eE][+-]?\d+)? )
    | (?P<word>    [^\W\d]\w* )                                   # a keyword, function or 'a'
    | (?P<other>   \S )                                           # punctuation and operators
    """, re.X | re.S)


def keywords(text: str) -> list[str]:
    """The bare words of a request, upper-cased, in order.

    Example:
        >>> keywords('SELECT ?delete WHERE { ?delete pkg:load "drop"@vi } # INSERT')
        ['SELECT', 'WHERE']
    """
    return [m.group().upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


def check_read_only(text: str) -> None:
    """Refuse an update (ReadOnlyViolation, 403) or a federated query (QueryError, 400).

    Raises:
        ReadOnlyViolation: the request holds an update keyword.
        QueryError: the request asks for SERVICE.
    """
    for word in keywords(text):
        if word in UPDATE_KEYWORDS:
            raise ReadOnlyViolation(f"the SPARQL endpoint is read-only: {word} is an update; "
                                    "send a query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        if word in REFUSED_KEYWORDS:
            raise QueryError(f"{word} (a federated query) is off: the endpoint answers from this "
                             "graph only; remove the SERVICE block")
