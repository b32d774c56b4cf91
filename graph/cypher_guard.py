"""Defence in depth for researchers' Cypher: refuse writes and admin procedures before the store.

The real guard is the store: FalkorDB runs the query with ``GRAPH.RO_QUERY`` and a Neo4j server
in a READ transaction, and both refuse a write (``ReadOnlyViolation``, 403). This module adds a
second, independent check on the query's tokens, for what those engines let through on a read
path: FalkorDB's RO_QUERY accepts ``LOAD CSV`` and every read-mode procedure
(``dbms.procedures()``, ``db.meta.stats()``…), Neo4j accepts DBMS-mode procedures in a read
transaction, and FalkorDB's experimental Bolt endpoint (the test suite's stand-in for Neo4j)
writes inside READ transactions.

It works on tokens, not on a regex over the raw text, so a keyword inside a string, a comment,
a backtick-quoted name, a property (``n.set``), a label (``:Create``) or a map key
(``{merge: 1}``) is not mistaken for a clause, and ``CR/**/EATE`` is two words, as it is to the
engines. An unterminated string or comment is refused (400): the guard never guesses where one
ends. It errs on the side of refusing: a variable named like a refused clause (``(load)``) is
refused too; written in backticks (``(`load`)``) it passes.

Example:
    >>> toks = check_read_only("MATCH (d:PolicyDocument {symbol: '12-NQ/TU'}) RETURN d.title")
    >>> check_read_only("MATCH (d) SET d.title = 'Nghị quyết'")
    Traceback (most recent call last):
    ...
    policykg.errors.ReadOnlyViolation: query: SET writes; only queries that read the graph are run
"""

from __future__ import annotations

import re
from typing import NamedTuple

from policykg.errors import QueryError, ReadOnlyViolation

#: Clauses refused wherever they appear (Neo4j 5 and FalkorDB), each with the reason given.
REFUSED_KEYWORDS = {
    **dict.fromkeys(("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH"),
                    "writes"),
    "LOAD": "reads files or URLs on the server's side",
    "USE": "leaves the configured database",
    # SHOW lists transactions (with their parameters), settings and users.
    **dict.fromkeys(("ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "TERMINATE", "SHOW"),
                    "administers the server"),
}
#: Procedures a researcher may CALL: the graph's vocabulary, nothing else. Compared without
#: case, as FalkorDB resolves them.
ALLOWED_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys")
_ALLOWED_LOWER = frozenset(name.lower() for name in ALLOWED_PROCEDURES)

_TOKEN = re.compile(
    r"""
      (?P<space>   \s+ )
    | (?P<comment> //[^\n]* | /\*.*?\*/ )
    | (?P<string>  '(?:[^'\\]|\\.)*' | "(?:[^"\\]|\\.)*" )
    | (?P<quoted>  `(?:[^`]|``)*` )                  # a name in backticks: never a keyword
    | (?P<param>   \$(?:\w+|`(?:[^`]|``)*`) )
    | (?P<word>    [^\W\d]\w* )                      # identifier or keyword (letters of any script)
    | (?P<number>  \d\w* )                           # 12, 0x1F, 1e3 (the '.' of 1.5 is a symbol)
    | (?P<open>    /\* | ['"`] )                     # what is left of a string or comment: unclosed
    | (?P<symbol>  . )
    """,
    re.X | re.S,
)
_KINDS_SKIPPED = frozenset({"space", "comment"})


class Token(NamedTuple):
    """One token of a query: its kind (a group name of ``_TOKEN``), text, nesting depth and
    the offset just past it in the query."""

    kind: str
    text: str
    depth: int
    end: int

    @property
    def upper(self) -> str:
        """The text in capitals, for keyword comparisons."""
        return self.text.upper()


def tokens(query: str) -> list[Token]:
    """The significant tokens of ``query`` (no spaces or comments), each with its depth in
    brackets of any kind.

    Raises:
        QueryError: a string, backtick name or comment is not closed (400).
    """
    found: list[Token] = []
    depth = 0
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup or "symbol", match.group()
        if kind in _KINDS_SKIPPED:
            continue
        if kind == "open":
            raise QueryError(f"query: the {text} at character {match.start()} is never closed; "
                             "close the string, name or comment")
        if text in ")]}":
            depth = max(depth - 1, 0)
        found.append(Token(kind, text, depth, match.end()))
        if text in "([{":
            depth += 1
    return found


def _is_keyword(toks: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is used as a keyword: not a property or namespace part
    (after '.'), not a label or type (after ':'), not a map key or variable before ':'."""
    before = toks[i - 1].text if i > 0 else ""
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    return toks[i].kind == "word" and before not in (".", ":") and after != ":"


def _procedure_name(toks: list[Token], start: int) -> str:
    """The dotted name of the procedure a CALL at ``start - 1`` names, '' for a subquery."""
    parts: list[str] = []
    i = start
    while i < len(toks) and toks[i].kind in ("word", "quoted"):
        text = toks[i].text
        parts.append(text[1:-1].replace("``", "`") if toks[i].kind == "quoted" else text)
        if i + 1 < len(toks) and toks[i + 1].text == ".":
            i += 2
        else:
            break
    return ".".join(parts)


def _without_trailing_semicolons(toks: list[Token]) -> list[Token]:
    while toks and toks[-1].text == ";":
        toks = toks[:-1]
    if any(t.text == ";" for t in toks):
        raise QueryError("query: one statement per request; remove the ';' between statements")
    return toks


def check_read_only(query: str) -> list[Token]:
    """Refuse ``query`` unless it only reads; return its tokens (trailing ';' dropped).

    Raises:
        ReadOnlyViolation: a write or administration clause, or a CALL of a procedure that is
            not in ALLOWED_PROCEDURES (403).
        QueryError: an unclosed string or comment, or several statements (400).
    """
    toks = tokens(query)
    for i, tok in enumerate(toks):
        if not _is_keyword(toks, i):
            continue
        if tok.upper in REFUSED_KEYWORDS:
            raise ReadOnlyViolation(f"query: {tok.upper} {REFUSED_KEYWORDS[tok.upper]}; "
                                    "only queries that read the graph are run")
        if tok.upper == "CALL":
            name = _procedure_name(toks, i + 1)
            # CALL { … } and CALL (x) { … } are subqueries, checked token by token like the rest.
            if name and name.lower() not in _ALLOWED_LOWER:
                raise ReadOnlyViolation(
                    f"query: CALL {name} is refused; the procedures open to queries are "
                    f"{', '.join(ALLOWED_PROCEDURES)}"
                )
    return _without_trailing_semicolons(toks)


def needs_limit(toks: list[Token]) -> bool:
    """Whether a row limit can be appended to the query these tokens make: its last clause at
    the top level is a RETURN without LIMIT, and no UNION (whose LIMIT binds one branch only).

    When in doubt it says no: the caller then cuts the rows after reading them.

    Example:
        >>> needs_limit(check_read_only("MATCH (t:Target) RETURN t.value ORDER BY t.value"))
        True
        >>> needs_limit(check_read_only("MATCH (t:Target) RETURN t.value LIMIT 5"))
        False
    """
    top = [t.upper for i, t in enumerate(toks) if t.depth == 0 and _is_keyword(toks, i)]
    if "UNION" in top or "RETURN" not in top:
        return False
    after_return = top[len(top) - 1 - top[::-1].index("RETURN"):]
    return not any(word in after_return for word in ("LIMIT", "WITH", "MATCH", "UNWIND", "CALL"))
