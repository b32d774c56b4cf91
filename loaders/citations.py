"""Citations: which documents a text cites, how, and where.

``extract_citations`` finds every cited document in a document's (normalized) text and returns
one :class:`~policykg.loaders.record.Citation` per cited document, with every span where it is
cited. The steps, one module each:

1. ``cited_symbols.py``: **numbered** documents, by their symbol ("số, ký hiệu": ``12-NQ/TU``,
   ``91/KH-UBND``, ``150/2020/NĐ-CP``), with the type words before and the date and issuer after;
2. ``named_documents.py``: **named** documents without a number (laws, congress and plenum
   resolutions, strategies, national target programmes, đề án, plans named with their period);
3. here: symbols win over names that contain them, and a name right before a symbol
   ("Luật Thủ đô số 39/2024/QH15") names that numbered document;
4. ``citation_relations.py``: ``implements``/``based_on`` from the preamble's cues
   ("Thực hiện …", "Căn cứ …");
5. ``citation_merge.py``: one Citation per document (dedup), its issuer scope, its date.

``citation_occurrence.py`` holds what they share. The document's own symbol (``own_symbol``, or
the header line "Số: …") is not a citation.

Example:
    >>> text = "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh"
    >>> cits, warns = extract_citations(text, [], context=CitationContext(level="district"))
    >>> c = cits[0]
    >>> (c.symbol, c.relation, c.issuer_scope, c.issued.isoformat(), c.issuer)
    ('12-NQ/TU', 'implements', 'province', '2020-03-12', 'Ban Chấp hành Đảng bộ tỉnh')
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from policykg.loaders.citation_merge import merge_occurrences
from policykg.loaders.citation_occurrence import CitationContext, Occurrence, fullmatch_between
from policykg.loaders.citation_relations import assign_relations, preamble_end
from policykg.loaders.cited_symbols import find_symbols
from policykg.loaders.named_documents import find_names
from policykg.loaders.record import Citation, RecordWarning
from policykg.loaders.sections import Section
from policykg.loaders.symbols import normalize_symbol

__all__ = ["CitationContext", "extract_citations"]


def extract_citations(
    text: str,
    sections: Sequence[Section],
    *,
    own_symbol: str | None = None,
    context: CitationContext | None = None,
) -> tuple[list[Citation], list[RecordWarning]]:
    """Every document ``text`` cites, one Citation each, with every span where it is cited.

    Args:
        text: the normalized text of the citing document.
        sections: its section tree; the ``preamble`` section (or, with no sections, the text
            before the first heading line) is where "Thực hiện …"/"Căn cứ …" count.
        own_symbol: the document's own symbol, which is not a citation.
        context: the document's own level and place names, for the scope of "UBND tỉnh".

    Returns:
        The citations in order of first appearance, and warnings (``citation_date_conflict``).

    Example:
        >>> text = ("Căn cứ Kế hoạch số 82-KH/HU ngày 03/11/2022 của Ban Thường vụ Huyện ủy "
        ...         "thực hiện Chương trình số 34-CTr/TU")
        >>> [(c.symbol, c.relation) for c in extract_citations(text, [])[0]]
        [('82-KH/HU', 'based_on'), ('34-CTr/TU', 'mentions')]
    """
    ctx = context or CitationContext()
    own = normalize_symbol(own_symbol) if own_symbol else None
    occurrences = _drop_overlaps(text, find_symbols(text, own), find_names(text))
    assign_relations(text, occurrences, preamble_end(text, sections))
    return merge_occurrences(occurrences, ctx)


#: What may stand between a name and the symbol that numbers it ("Luật Thủ đô số 39/2024/QH15").
_NUMBER_GAP = re.compile(r"[\s,]*(?:số\s*)?")


def _drop_overlaps(text: str, symbols: list[Occurrence], names: list[Occurrence]
                   ) -> list[Occurrence]:
    """Symbols win: a "name" that contains a symbol is a description of a numbered document
    ("Kế hoạch thực hiện Nghị quyết số 12-NQ/TU …"), not a document of its own.

    The occurrences kept never overlap, so kept in order of start their ends are in order too:
    a name overlaps one of them only if it overlaps the last one starting before its end, and
    only the first one starting after it can be the symbol that numbers it (any other has that
    one's text, a number or a capitalised name, in between).
    """
    symbols.sort(key=lambda o: (o.start, -o.end))
    kept: list[Occurrence] = []
    for occ in symbols:
        if not kept or occ.start >= kept[-1].end:  # a symbol found by both regexes
            kept.append(occ)
    starts = [occ.start for occ in kept]
    for name in names:
        after = bisect_left(starts, name.end)
        if after and kept[after - 1].end > name.start:
            continue
        numbered = kept[after] if after < len(kept) else None
        if (numbered and numbered.head >= name.end
                and fullmatch_between(_NUMBER_GAP, text, name.end, numbered.start)):
            # "Luật Thủ đô số 39/2024/QH15": the law is the numbered document
            numbered.name = numbered.name or name.name
            numbered.doc_type = numbered.doc_type or name.doc_type
            continue
        kept.insert(after, name)
        starts.insert(after, name.start)
    kept.sort(key=lambda o: (o.start, -o.end))
    return kept
