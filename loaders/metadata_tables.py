"""Normalizer step 3: a legal portal's metadata table out of the body, into ``metadata``.

Portals print a table of the document's particulars above or below it ("Số hiệu | 01/CTr-UBND",
"Cơ quan ban hành | Tỉnh Vĩnh Phúc"), either as whole rows (sample 003, an HTML page) or
flattened one cell per line with the cell borders on lines of their own (the dev corpus:
"Số hiệu:" / "|" / "2629/QĐ-TTg" / "|"). The rows leave the body, the values are kept as written
under canonical keys (parse.py reads and completes them), and values a portal hides or does not
know yet ("Đã biết", "Đang cập nhật") are not values. Only the first normalization pass reads
metadata.

Example:
    >>> rows = ["Số hiệu | 01/CTr-UBND |", "Người ký:", "|", "Trần Duy Đông", "|", "KẾ HOẠCH"]
    >>> lines, found = extract_metadata(rows, NormalizeStats())
    >>> found, lines[-1]
    ({'symbol': '01/CTr-UBND', 'signer': 'Trần Duy Đông'}, 'KẾ HOẠCH')
"""

from __future__ import annotations

from policykg.loaders.breaks import BREAKS, HARD, NOT_TEXT, PIPE, NormalizeStats

#: Metadata labels are short ("Cơ quan ban hành:"); longer cells are not looked up.
METADATA_LABEL_MAX_CHARS = 40
#: A metadata value spans at most this many lines between its pipes.
METADATA_VALUE_MAX_LINES = 3

#: Metadata-table labels (lower case, no colon) and the canonical key each fills.
METADATA_KEYS: dict[str, str] = {
    "số hiệu": "symbol", "số ký hiệu": "symbol", "số, ký hiệu": "symbol", "ký hiệu": "symbol",
    "loại văn bản": "doc_type", "hình thức văn bản": "doc_type",
    "cơ quan ban hành": "issuer", "nơi ban hành": "issuer", "đơn vị ban hành": "issuer",
    "người ký": "signer", "chức danh": "signer_title", "chức vụ": "signer_title",
    "ngày ban hành": "issued", "ngày có hiệu lực": "effective", "ngày hiệu lực": "effective",
    "ngày hết hiệu lực": "expires", "tình trạng": "status", "tình trạng hiệu lực": "status",
    "trích yếu": "title", "trích yếu nội dung": "title", "tiêu đề": "title", "tên văn bản": "title",
    "lĩnh vực": "field", "lĩnh vực, ngành": "field", "ngày công báo": "gazette_date",
    "ngày đăng công báo": "gazette_date", "số công báo": "gazette_number",
    "nguồn thu thập": "source",
}
#: Values a portal prints instead of the field (hidden to visitors, or not yet known).
PLACEHOLDER_VALUES = frozenset({"", "đang cập nhật", "đã biết", "không có", "...", "…", "-", "--"})


def _metadata_key(cell: str) -> str | None:
    return METADATA_KEYS.get(" ".join(cell.rstrip(": ").split()).lower())


def _keep_value(metadata: dict[str, str], key: str, value: str, stats: NormalizeStats) -> None:
    value = " ".join(value.split())
    if value.lower() not in PLACEHOLDER_VALUES and key not in metadata:
        metadata[key] = value
        stats.metadata_fields.append(key)


def _inline_metadata(line: str, metadata: dict[str, str], stats: NormalizeStats) -> str:
    """Take ``label | value`` pairs out of a pipe row; return what is left of the row (or HARD).

    Example: ``"Số hiệu | 01/CTr-UBND | Loại văn bản | Văn bản khác |"`` -> ``HARD``, and
    metadata gains ``symbol`` and ``doc_type``.
    """
    cells = [cell.strip() for cell in line.split(PIPE)]
    left: list[str] = []
    i = 0
    while i < len(cells):
        key = _metadata_key(cells[i])
        if key and i + 1 < len(cells):
            _keep_value(metadata, key, cells[i + 1], stats)
            i += 2
        else:
            left.append(cells[i])
            i += 1
    if len(left) == len(cells):  # no label in the row: a body table row, left as it is
        return line
    if not any(left):
        return HARD
    return f" {PIPE} ".join(cell for cell in left if cell) + f" {PIPE}"


def _vertical_value(lines: list[str], start: int) -> int | None:
    """End (exclusive) of the value cell starting at ``start``, if a pipe closes it soon."""
    for end in range(start, min(start + METADATA_VALUE_MAX_LINES, len(lines)) + 1):
        if end == len(lines) or lines[end] == PIPE:
            return end if end > start else None
        if lines[end] in BREAKS:
            return None
    return None


def _candidates(lines: list[str]) -> list[int]:
    """The lines a metadata row can start at, in order: a line holding a pipe (an inline row) and
    the line before a lone pipe (a flattened label). Every other line is left alone by
    ``extract_metadata``, so only these are visited."""
    found: set[int] = set()
    for i in [i for i, line in enumerate(lines) if PIPE in line]:
        found.add(i - 1 if lines[i] == PIPE else i)
    found.discard(-1)
    return sorted(found)


def extract_metadata(lines: list[str], stats: NormalizeStats) -> tuple[list[str], dict[str, str]]:
    """Move metadata-table fields out of the body, inline (``Số hiệu | 01/CTr-UBND |``) or
    flattened one cell per line (``Số hiệu:`` / ``|`` / ``2629/QĐ-TTg`` / ``|``).

    Returns:
        The lines, the rows taken replaced by hard breaks, and the fields by canonical key.

    Example: ``["Người ký:", "|", "Trần Duy Đông", "|", "KẾ HOẠCH"]`` ->
    ``([HARD, HARD, HARD, "|", "KẾ HOẠCH"], {"signer": "Trần Duy Đông"})``.
    """
    metadata: dict[str, str] = {}
    out = list(lines)
    for i in _candidates(lines):
        line = lines[i]
        if PIPE in line and line != PIPE:
            out[i] = _inline_metadata(line, metadata, stats)
        elif (i + 2 < len(lines) and lines[i + 1] == PIPE and line not in NOT_TEXT
              and len(line) <= METADATA_LABEL_MAX_CHARS and (key := _metadata_key(line))):
            end = _vertical_value(lines, i + 2)
            if end is not None:
                _keep_value(metadata, key, " ".join(lines[i + 2:end]), stats)
                out[i:end] = [HARD] * (end - i)
    return out, metadata
