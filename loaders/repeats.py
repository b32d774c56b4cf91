"""Normalizer step 7: a document printed twice on one page is kept once.

Web pages print a document twice (sample 002: the whole text, then again; 003: a cut first copy,
then the full one) or three times. Copies are found with line hashes in one linear scan: runs of
equal lines at an earlier and a later position. A run counts as a copy only when it is big and
next to its other copy, or very big (two copies with other page text between them); a title
repeated in a preamble or a list repeated in two sections is content. The longer copy is kept,
the other dropped (with the few lines of its cut-off tail) and counted for a warning.

Example:
    >>> task = "{}. Nhiệm vụ thứ {} của các sở, ban, ngành, địa phương trên địa bàn tỉnh."
    >>> body = [task.format(i, i) for i in range(12)]
    >>> remove_repeat(body + body, NormalizeStats()) == [HARD] + body
    True
"""

from __future__ import annotations

from policykg.loaders.breaks import BREAKS, HARD, NormalizeStats

#: A repeated block next to its other copy must hold at least this share of the text's characters
#: to count as the document printed twice (003's cut first copy is 10.6 %; 000's title repeated in
#: its preamble, one line, is far below) …
DUPLICATE_MIN_SHARE = 0.05
#: … or this share when other page text stands between the two copies …
DUPLICATE_MIN_SHARE_APART = 0.3
#: … and at least this many lines and characters.
DUPLICATE_MIN_LINES = 4
DUPLICATE_MIN_CHARS = 400
#: Lines after the dropped copy's shared part that are dropped with it (its cut-off tail).
DUPLICATE_TAIL_MAX_LINES = 3
#: Repeated blocks removed at most this many times (a page may print the text three times).
DUPLICATE_MAX_ROUNDS = 4


def _repeated_block(keys: list[str], sizes: list[int]) -> tuple[int, int, int] | None:
    """The longest run of equal lines at an earlier and a later position: (i, j, length).

    One left-to-right scan: for each line, the earliest earlier line with the same text starts a
    candidate run, extended forward (not past the later copy's start) and backward; the scan then
    skips the run. Every line is compared a bounded number of times, so the cost is linear.
    """
    first: dict[str, int] = {}
    best: tuple[int, int, int] | None = None
    best_chars = 0
    floor = 0  # the backward extension never re-reads lines a previous run covered
    j = 0
    while j < len(keys):
        i = first.setdefault(keys[j], j)
        if i == j:
            j += 1
            continue
        ahead = 0
        while j + ahead < len(keys) and i + ahead < j and keys[i + ahead] == keys[j + ahead]:
            ahead += 1
        back = 0
        while (i - back > 0 and j - back - 1 >= max(floor, i + ahead)
               and keys[i - back - 1] == keys[j - back - 1]):
            back += 1
        chars = sum(sizes[j - back:j + ahead])
        if chars > best_chars:
            best, best_chars = (i - back, j - back, ahead + back), chars
        for k in range(j, j + ahead):
            first.setdefault(keys[k], k)
        j += ahead
        floor = j
    return best


def _is_repeat(sizes: list[int], i: int, j: int, length: int) -> bool:
    """Whether the block is the document printed again: big, and next to its other copy or
    very big (two copies with other page text between them)."""
    chars, total = sum(sizes[j:j + length]), sum(sizes)
    adjacent = j - (i + length) <= DUPLICATE_TAIL_MAX_LINES
    share = DUPLICATE_MIN_SHARE if adjacent else DUPLICATE_MIN_SHARE_APART
    return length >= DUPLICATE_MIN_LINES and chars >= max(DUPLICATE_MIN_CHARS, share * total)


def remove_repeat(lines: list[str], stats: NormalizeStats) -> list[str]:
    """Drop one copy of a document printed twice (or more) on the page; keep the fuller copy.

    Example: sample 002 prints its programme twice with visitor counters between the copies;
    the first copy (about 24,000 characters) becomes one hard break, and
    ``stats.duplicate_chars`` counts what went.
    """
    for _ in range(DUPLICATE_MAX_ROUNDS):
        # Every line of a later copy repeats an earlier one: too few repeated lines for a copy.
        # Counted with C-level list and set operations, as most texts stop here.
        text_lines = len(lines) - sum(map(lines.count, BREAKS))
        if text_lines - len(set(lines).difference(BREAKS)) < DUPLICATE_MIN_LINES:
            return lines
        where = [k for k, line in enumerate(lines) if line not in BREAKS]
        keys = [lines[k] for k in where]
        sizes = [len(key) for key in keys]
        found = _repeated_block(keys, sizes)
        if found is None:
            return lines
        i, j, length = found
        gap, tail = j - (i + length), len(keys) - (j + length)
        if not _is_repeat(sizes, i, j, length):
            return lines
        if sum(sizes[i + length:j]) <= sum(sizes[j + length:]):  # the later copy goes on further
            drop = (i, i + length + (gap if gap <= DUPLICATE_TAIL_MAX_LINES else 0))
        else:
            drop = (j, j + length + (tail if tail <= DUPLICATE_TAIL_MAX_LINES else 0))
        stats.duplicate_chars += sum(sizes[drop[0]:drop[1]])
        stats.duplicate_rounds += 1
        first_line, last_line = where[drop[0]], where[drop[1] - 1]
        lines = lines[:first_line] + [HARD] + lines[last_line + 1:]
    return lines
