"""Document symbols ("số, ký hiệu"): recognise and normalize them.

Two shapes: party documents ``NUMBER-TYPE/ISSUER`` (``12-NQ/TU``, ``92-KL/TW``, ``01-NQ/ĐU``) and
state documents ``NUMBER/TYPE-ISSUER`` or, when normative, ``NUMBER/YEAR/TYPE-ISSUER``
(``91/KH-UBND``, ``150/2020/NĐ-CP``). Real text is messy — ``12- NQ/TU``, ``34-Ctr/TU``,
``76 /CTr - UBND``, ``26/2021/QĐTTg`` — and ``normalize_symbol`` gives the one canonical
spelling: no spaces, canonical case of the codes (``CTr``, ``TTg``, ``TTr``), the Vietnamese
``Đ`` (never the Icelandic ``Ð`` lookalike), and a hyphen between type and issuer.

Example:
    >>> [normalize_symbol(s) for s in ["12- NQ/TU", "34-Ctr/TU", "76 /CTr - UBND", "26/2021/QĐTTg"]]
    ['12-NQ/TU', '34-CTr/TU', '76/CTr-UBND', '26/2021/QĐ-TTg']
"""

from __future__ import annotations

import re

#: Type codes, upper-cased key -> canonical spelling.
TYPE_CODES = {
    "NQ": "NQ", "KL": "KL", "CT": "CT", "KH": "KH", "CTR": "CTr", "QĐ": "QĐ", "NĐ": "NĐ",
    "TT": "TT", "CĐ": "CĐ", "TTR": "TTr", "BC": "BC", "HD": "HD", "TB": "TB", "QC": "QC",
    "QY": "QY", "ĐA": "ĐA", "TTLT": "TTLT", "NQLT": "NQLT", "L": "L", "PL": "PL", "HĐ": "HĐ",
    "KHPH": "KHPH", "CV": "CV", "GM": "GM", "TC": "TC",
}
#: Issuer codes whose canonical spelling is not plain upper case.
ISSUER_SPELLING = {"TTG": "TTg", "HĐND": "HĐND", "UBND": "UBND", "ĐU": "ĐU", "ĐUK": "ĐUK"}

_D = "ĐđÐð"  # the Vietnamese letter and its Latin lookalikes, as typed in the wild
_CODE = rf"[A-Za-z{_D}&]{{1,10}}\d{{0,2}}"

#: One symbol, either shape, with the spaces people put in.
SYMBOL_RE = re.compile(
    rf"""(?<![\w/-])
        (?P<num>\d{{1,5}}[a-z]?)                   # number, sometimes with a letter suffix
        (?:
          \s*-\s*(?P<ptype>[A-Za-z{_D}]{{1,5}})     # party: -TYPE
          \s*/\s*(?P<pissuer>{_CODE})               #        /ISSUER
        |
          \s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)? # state: /YEAR/ (normative documents)
          (?P<stype>[A-Za-z{_D}]{{1,5}})            #        TYPE
          \s*-?\s*(?P<sissuer>{_CODE}(?:-{_CODE})?) #        -ISSUER (hyphen sometimes missing)
        )
        (?![\w])
    """,
    re.X,
)


def _fold_d(code: str) -> str:
    return code.replace("Ð", "Đ").replace("ð", "đ").upper()


def _split_glued(type_and_issuer: str) -> tuple[str, str] | None:
    """'QĐTTG' -> ('QĐ', 'TTG'): a type code written against its issuer without the hyphen."""
    for length in (4, 3, 2):
        head = type_and_issuer[:length]
        if head in TYPE_CODES and len(type_and_issuer) > length:
            return head, type_and_issuer[length:]
    return None


def _canonical(code: str, table: dict[str, str]) -> str:
    return table.get(code, code)


def normalize_symbol(raw: str) -> str | None:
    """The canonical spelling of a symbol, or None if ``raw`` holds no symbol.

    Example:
        >>> normalize_symbol("Số: 92 /KH-UBND")
        '92/KH-UBND'
    """
    match = SYMBOL_RE.search(raw.replace("*", ""))
    if match is None:
        return None
    number = match["num"]
    if match["ptype"]:
        kind = _fold_d(match["ptype"])
        issuer = _fold_d(match["pissuer"])
        if kind not in TYPE_CODES:
            return None
        return f"{number}-{TYPE_CODES[kind]}/{_canonical(issuer, ISSUER_SPELLING)}"
    kind, issuer = _fold_d(match["stype"]), _fold_d(match["sissuer"])
    if kind not in TYPE_CODES:
        glued = _split_glued(kind + issuer) if "-" not in raw[match.start("stype"):] else None
        if glued is None:
            return None
        kind, issuer = glued
    elif raw[match.end("stype"):match.start("sissuer")].strip() == "" and _split_glued(kind + issuer):
        kind, issuer = _split_glued(kind + issuer)  # "QĐTTg": the regex split it too early
    year = f"{match['year']}/" if match["year"] else ""
    return f"{number}/{year}{TYPE_CODES[kind]}-{_canonical(issuer, ISSUER_SPELLING)}"


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
