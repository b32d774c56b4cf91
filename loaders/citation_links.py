"""Citation links: what a text says about how the documents it cites relate to each other.

A district plan rarely cites only its parent. Sample 004 opens "Triển khai thực hiện Quyết định
số 2013/QĐ-UBND ngày 13/10/2022 của UBND tỉnh ban hành Kế hoạch hành động triển khai thực hiện
Chương trình của Chính phủ và Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 13-NQ/TW": the
provincial decision, which we have not read, implements the Politburo's resolution. Without
that link the cascade from 13-NQ/TW would never reach the district plan.

Rule: two citations mentioned one after the other, in one sentence, with "thực hiện" between
them and nothing else cited in between, make the first implement the second. A conjunction
alone ("… của Chính phủ và Nghị quyết số 13-NQ/TW") links nothing: it lists, it does not
derive. The rule is deliberately narrow: a missed link costs a hop in a cascade, a wrong one
puts a document in the wrong cascade.

Example:
    >>> text = "Kế hoạch số 82-KH/HU của Huyện ủy thực hiện Chương trình số 34-CTr/TU của Tỉnh ủy"
    >>> cites = [Citation(symbol="82-KH/HU", relation="mentions", spans=[(12, 20)]),
    ...          Citation(symbol="34-CTr/TU", relation="mentions", spans=[(58, 67)])]
    >>> [(l.source, l.target) for l in extract_citation_links(text, cites)]
    [(0, 1)]
"""

from __future__ import annotations

import re

from policykg.loaders.record import Citation, CitationLink
from policykg.loaders.symbols import doc_type_of

#: Longest stretch of text between two linked citations; a longer one is another clause.
MAX_LINK_GAP = 320
#: Longest text between "thực hiện" and the second citation ("Nghị quyết số "); a longer one
#: means "thực hiện" governs something else ("thực hiện kế hoạch phát triển … và Nghị quyết").
MAX_TAIL = 48
#: Types of documents that carry nothing out: a submission, a report, a notice.
NON_IMPLEMENTING_TYPES = frozenset({"TTr", "BC", "TB"})

_SENTENCE_BREAK = re.compile(
    r"""\n            # a new line is a new sentence, heading or list item
      | [;:!?]        # a clause of its own, or a list that follows
      | \.(?:\s|$)    # a full stop (not the dots inside a date or a number)
    """,
    re.X,
)
_IMPLEMENTS = re.compile(
    r"""(?<!\w)(?P<and>(?:và|hoặc)\s+)?      # "và thực hiện": the citing text's own action
        (?:thực|Thực|THỰC)\s+(?:hiện|HIỆN)(?!\w)  # "thực hiện", any case
        (?P<by>\s+theo(?!\w))?                # "thực hiện theo": done according to, not carried out
    """,
    re.X,
)
_CONJUNCTION = re.compile(r"(?<!\w)(?:và|hoặc)(?!\w)")  # a list: the second citation is another object


def extract_citation_links(text: str, citations: list[Citation]) -> list[CitationLink]:
    """Links between cited documents, one per ordered pair, with the first span that says so.

    Args:
        text: the normalized text the citation spans point into.
        citations: the Record's citations (their order gives the link indices).

    Returns:
        Links in text order.
    """
    mentions = sorted((start, end, index) for index, citation in enumerate(citations)
                      for start, end in citation.spans)
    links: dict[tuple[int, int], CitationLink] = {}
    for (start, end, first), (next_start, next_end, second) in zip(mentions, mentions[1:]):
        if first == second or (first, second) in links or next_start - end > MAX_LINK_GAP:
            continue
        source = citations[first]
        if (source.doc_type or doc_type_of(source.symbol)) in NON_IMPLEMENTING_TYPES:
            continue
        if _says_implements(text[end:next_start]):
            links[(first, second)] = CitationLink(source=first, target=second, span=(start, next_end))
    return [link for link in links.values() if (link.target, link.source) not in links]


def _says_implements(gap: str) -> bool:
    """Whether the text between two citations makes the first carry out the second."""
    if _SENTENCE_BREAK.search(gap):
        return False
    last = None
    for last in _IMPLEMENTS.finditer(gap):
        pass
    if last is None or last.group("and") or last.group("by"):
        return False
    tail = gap[last.end():]
    return len(tail) <= MAX_TAIL and not _CONJUNCTION.search(tail)
