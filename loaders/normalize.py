"""Normalize a decoded document into the one text every span of its Record points into.

The readers hand over Unicode as the source had it: a Word export with hard line wraps (sample
001), a web page with visitor counters and the whole document printed twice (002, 003), Markdown
scraped from a legal portal with bold markers split across lines and header tables flattened into
lone ``|`` lines (the dev corpus). ``normalize_text`` turns that into plain running text, one
paragraph or heading per line, and moves the portal's metadata table ("Số hiệu | 01/CTr-UBND")
into ``metadata``.

The steps, one module each, run on a list of lines (``breaks.py``: markers, counts, writing out):

1. ``characters.py``: NFC, line ends, spaces, invisible characters, Đ for its Icelandic look-alike;
2. ``markup.py``: Markdown markers out, a portal's "related documents" trailer cut;
3. ``metadata_tables.py``: metadata-table rows out of the body (first pass only);
4. ``chrome.py``: visitor counters, menus, share bars, footers, separator rules out;
5. ``line_wraps.py``: hard wraps joined, headings kept on their own lines;
6. ``tables.py``: table rows flattened, a data row's cells joined by `` ; ``;
7. ``repeats.py``: a document printed twice on the page kept once, the fuller copy.

Decisions:

* **Deterministic and idempotent.** Spans are offsets into the output, so the output depends on
  the input only. The line rules are local heuristics, and joining two lines can make the joined
  line meet another rule; so the body pipeline is re-run on its own output until it stops
  changing (``MAX_PASSES``, in practice the second pass is a no-op). ``normalize_text(t).text``
  is a fixed point. A later pass skips what cannot have changed since the one before (``_Passes``):
  the scans for special characters and look-alikes, the NFC check of a text known to be NFC,
  Markdown in a text that had none, and the space tidying of lines written tidy. And a pass
  that would change nothing is not run at all when the one before can tell (``_settled``: most
  texts), by deciding again only the line ends next to the lines it joined.
* **Two strengths of break.** One blank line is a *soft* break: a paragraph boundary that a wrap
  may still cross (sample 004 wraps "phát triển kinh" / blank / "tế - xã hội"). Two blank lines
  are a *hard* break, never crossed: table cells, removed chrome, removed duplicates, separator
  rules. The output keeps the distinction (one or two blank lines), so a second pass decides alike.
* **Conservative.** Chrome only when a line is a known portal phrase; a wrap repaired only where
  no heading can start; repeated text dropped only when it is a whole copy. When in doubt the
  text stays as it was.
* **Metadata values as written** ("17/01/2025", "Tỉnh Vĩnh Phúc"): parse.py reads and completes
  them; the table rows leave the body.
* Pure: text in, values out; no I/O.

Example:
    >>> n = normalize_text("Số hiệu | 01/CTr-UBND |\\nCăn cứ Kết luận số 92-KL/TW ngày\\n"
    ...                    "05/11/2020 của Bộ Chính trị;")
    >>> n.text
    'Căn cứ Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị;'
    >>> n.metadata
    {'symbol': '01/CTr-UBND'}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from policykg.loaders.breaks import PIPE, NormalizeStats, read_breaks, write_lines
from policykg.loaders.characters import clean_pass, tidy_spaces
from policykg.loaders.chrome import LineKinds, has_line_kinds, new_line_kinds, remove_chrome
from policykg.loaders.line_wraps import rejoins, repair_wraps
from policykg.loaders.markup import has_markup, strip_markdown
from policykg.loaders.metadata_tables import extract_metadata
from policykg.loaders.record import RecordWarning
from policykg.loaders.repeats import remove_repeat
from policykg.loaders.tables import CELL_JOINER, flatten_tables, split_inline_pipes

#: Upper bound of body passes run to reach a fixed point (the second one normally changes nothing).
MAX_PASSES = 4

# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class NormalizedText:
    """The normalized text, the metadata-table fields, and what the normalizer changed.

    Example (sample 003, abridged)::

        NormalizedText(text="ỦY BAN NHÂN DÂN\\n\\n\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM …",
                       metadata={"symbol": "01/CTr-UBND", "issued": "17/01/2025",
                                 "issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông", …},
                       warnings=(RecordWarning(code="metadata_table", …),
                                 RecordWarning(code="duplicate_text_removed", …)))
    """

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[RecordWarning, ...] = ()


@dataclass
class _Passes:
    """What the body passes over one document share: the change counts, the metadata found by
    the first, the line kinds (``chrome.LineKinds``), and what is known of the text the last pass
    wrote, so that the next need not read it again for that."""

    stats: NormalizeStats = field(default_factory=NormalizeStats)
    metadata: dict[str, str] = field(default_factory=dict)
    cache: LineKinds = field(default_factory=new_line_kinds)
    done: int = 0  # passes run
    nfc: bool = False  # the last pass wrote NFC text (or the reader did, for the first) …
    unmarked: bool = False  # … without a character strip_markdown looks for
    printable: bool = False  # the reader's text is printable but for tabs and line feeds
    settled: bool = False  # the last pass wrote a fixed point: a next one would change nothing


def _body_pass(text: str, run: _Passes) -> str:
    """One pass over the body (the first also takes metadata-table rows out)."""
    first = run.done == 0
    run.done += 1
    cleaned, nfc = clean_pass(text, run.stats, again=not first, nfc=run.nfc,
                              printable=first and run.printable)
    # Later passes read what an earlier one wrote, with characters dropped and ASCII ones added:
    # no Markdown mark appears, and a text without any is left as it is.
    read = cleaned if run.unmarked and cleaned is text else strip_markdown(cleaned, run.stats)
    run.unmarked = read is cleaned  # strip_markdown returns a text without marks as it is
    run.nfc = nfc and read == cleaned  # dropping marks may join a letter and a combining mark
    # … and their lines are tidy: unless the two steps above changed the text, tidy_spaces would
    # only split it.
    lines = read.split("\n") if not first and read == text else tidy_spaces(read)
    # Without a pipe there is no table, and the table steps would return the lines unchanged.
    tables = PIPE in read
    if tables:
        if first:
            lines, found = extract_metadata(lines, run.stats)
            run.metadata.update(found)
        lines = split_inline_pipes(lines)
    joined: list[int] = []
    wrapped = repair_wraps(read_breaks(remove_chrome(lines, run.stats, run.cache)), joined)
    # Cell borders become hard breaks, which may now stand next to other breaks. (The wrap
    # repair itself keeps breaks as read: it only drops a soft break between two text lines.)
    lines = read_breaks(flatten_tables(wrapped, run.stats)) if tables else wrapped
    rounds = run.stats.duplicate_rounds
    lines = remove_repeat(lines, run.stats)
    written = write_lines(lines)
    run.settled = (rounds == run.stats.duplicate_rounds
                   and _settled(written, lines, wrapped, joined, run))
    return written


def _settled(written: str, lines: list[str], wrapped: list[str], joined: list[int],
             run: _Passes) -> bool:
    """Whether a next pass over ``written`` (``lines`` written out) would return it as it is,
    told without running it; the pass that wrote it removed no repeat. ``wrapped`` is what the
    pass's wrap repair returned, ``joined`` which of its lines it joined from pieces.

    Then a next pass leaves the characters alone (NFC, and no special character: what a pass
    writes), strips no Markdown (no mark), finds no table (no pipe), removes no chrome (no line
    of a chrome kind), joins no lines, and finds no repeat (it reads the same text lines as this
    pass's search, which found none). Its wrap repair reads the line ends that this one's output
    kept with nothing or one soft break: table rows stand between hard breaks, and two other
    lines that stand so stood so in what the wrap repair returned, with the same breaks between
    them (the table step writes them as they came, a cell border as a hard break); there only
    the line ends next to joined lines may be decided otherwise (``rejoins``).

    Example: most texts, whose second pass changes nothing, need none.
    """
    return ((run.nfc or unicodedata.is_normalized("NFC", written))
            and (run.unmarked or not has_markup(written))
            and PIPE not in written
            and not rejoins(wrapped, joined)
            and not has_line_kinds(lines, run.cache))


# ---------------------------------------------------------------- public


def normalize_text(raw: str, *, nfc: bool = False, printable: bool = False) -> NormalizedText:
    """Normalize a decoded document: the text every span points into, metadata, warnings.

    Args:
        raw: the document as the reader decoded it (txt, Markdown, or HTML/DOCX with table rows
            as ``" | "``-joined lines).
        nfc: whether ``raw`` is known to be NFC (``read_document`` gives NFC text), so that it
            is not checked again.
        printable: whether every character of ``raw`` but tabs and line feeds is known to be
            printable (``SourceText.printable``), so that it is not checked again.

    Returns:
        The normalized text (a fixed point: normalizing it again changes nothing), the fields of
        a metadata table under canonical keys (``symbol``, ``issued``, ``issuer``, ``doc_type``,
        ``signer``, ``effective``, ``title``, …; values as written), and warnings for what a
        reader should know was changed.

    Example:
        >>> n = normalize_text("Hôm nay:\\n1\\n1. Mục tiêu\\nchung.\\n"
        ...                    "Cơ quan ban hành | Tỉnh Vĩnh Phúc | Người ký | Trần Duy Đông")
        >>> n.text
        '1. Mục tiêu chung.'
        >>> n.metadata
        {'issuer': 'Tỉnh Vĩnh Phúc', 'signer': 'Trần Duy Đông'}
        >>> [w.code for w in n.warnings]
        ['chrome_removed', 'metadata_table']
    """
    run = _Passes(nfc=nfc, printable=printable)
    text = _body_pass(raw, run)
    for _ in range(MAX_PASSES - 1):
        if run.settled:
            break  # the pass would return the text as it is
        again = _body_pass(text, run)
        if again == text:
            break
        text = again
    return NormalizedText(text=text, metadata=run.metadata, warnings=tuple(_warnings(run.stats)))


def _warnings(stats: NormalizeStats) -> list[RecordWarning]:
    """One warning per kind of change a reader should know about."""
    found: list[tuple[bool, str, Callable[[], str]]] = [
        (stats.lookalikes > 0, "lookalike_letters",
         lambda: f"replaced {stats.lookalikes} Icelandic Ð/ð by the Vietnamese Đ/đ"),
        (stats.chrome_lines > 0, "chrome_removed",
         lambda: f"removed {stats.chrome_lines} lines ({stats.chrome_chars} characters) "
                 "of web-page chrome"),
        (bool(stats.metadata_fields), "metadata_table",
         lambda: "took " + ", ".join(stats.metadata_fields)
                 + " from a metadata table, out of the body"),
        (stats.table_rows > 0, "table_flattened",
         lambda: f"wrote {stats.table_rows} table rows as lines with cells joined by "
                 f"'{CELL_JOINER.strip()}'"),
        (stats.duplicate_chars > 0, "duplicate_text_removed",
         lambda: f"removed {stats.duplicate_chars} characters of text repeated on the page "
                 f"({stats.duplicate_rounds} copy{'ies' if stats.duplicate_rounds > 1 else ''})"),
    ]
    return [RecordWarning(code=code, message=message()) for ok, code, message in found if ok]
