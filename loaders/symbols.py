"""Parts of a normalized document symbol ("số, ký hiệu").

Two shapes: party documents ``NUMBER-TYPE/ISSUER`` (``12-NQ/TU``, ``92-KL/TW``, ``01-NQ/ĐU``) and
state documents ``NUMBER/TYPE-ISSUER`` or, when normative, ``NUMBER/YEAR/TYPE-ISSUER``
(``91/KH-UBND``, ``150/2020/NĐ-CP``). Real text is messy — ``12- NQ/TU``, ``34-Ctr/TU``,
``76 /CTr - UBND``, ``26/2021/QĐTTg`` — and ``normalize_symbol`` gives the one canonical
spelling: no spaces, canonical case of the codes (``CTr``, ``TTg``, ``TTr``), the Vietnamese
``Đ`` (never the Icelandic ``Ð`` lookalike), and a hyphen between type and issuer. Recognition
and normalization live with the citations (``policykg.loaders.citations.normalize_symbol``);
this module reads the parts of a symbol already normalized.

Example:
    >>> doc_type_of("34-CTr/TU"), issuer_code_of("26/2021/QĐ-TTg")
    ('CTr', 'TTg')
"""

from __future__ import annotations


def doc_type_of(symbol: str | None) -> str | None:
    """The type code of a normalized symbol: '12-NQ/TU' -> 'NQ', '150/2020/NĐ-CP' -> 'NĐ'."""
    if not symbol:
        return None
    if "-" in symbol.split("/")[0]:  # party shape: NUMBER-TYPE/ISSUER
        return symbol.split("/")[0].split("-", 1)[1]
    return symbol.rsplit("/", 1)[-1].split("-", 1)[0]


def issuer_code_of(symbol: str | None) -> str | None:
    """The issuer code of a normalized symbol: '12-NQ/TU' -> 'TU', '78/NQ-CP' -> 'CP'."""
    if not symbol:
        return None
    if "-" in symbol.split("/")[0]:
        return symbol.split("/", 1)[1]
    return symbol.rsplit("/", 1)[-1].split("-", 1)[1]
