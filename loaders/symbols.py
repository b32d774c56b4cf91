"""Parts of a normalized document symbol ("số, ký hiệu").

Three shapes: party documents ``NUMBER-TYPE/ISSUER`` (``12-NQ/TU``, ``92-KL/TW``, ``01-NQ/ĐU``),
state documents ``NUMBER/TYPE-ISSUER`` or, when normative, ``NUMBER/YEAR/TYPE-ISSUER``
(``91/KH-UBND``, ``150/2020/NĐ-CP``), and official letters (công văn), which carry no type code:
``NUMBER/ISSUER-UNIT``, the issuing body's code then the drafting unit's (``8935/BNV-CTTN&BĐG``,
``1234/UBND-VX``, ``567/SYT-NVY``); their type is ``CV``. Real text is messy — ``12- NQ/TU``,
``34-Ctr/TU``, ``76 /CTr - UBND``, ``26/2021/QĐTTg`` — and ``normalize_symbol`` gives the one canonical
spelling: no spaces, canonical case of the codes (``CTr``, ``TTg``, ``TTr``), the Vietnamese
``Đ`` (never the Icelandic ``Ð`` lookalike), and a hyphen between type and issuer. This module holds the
tables of type and issuer codes, the patterns that find symbols in running text (used by
``citations``), ``normalize_symbol``, and readers of the parts of a normalized symbol.

Example:
    >>> normalize_symbol("26/2021/QĐTTg"), doc_type_of("34-CTr/TU"), issuer_code_of("26/2021/QĐ-TTg")
    ('26/2021/QĐ-TTg', 'CTr', 'TTg')
"""

from __future__ import annotations

import re
import unicodedata

from policykg.loaders.record import Level

#: Type codes of symbols, keyed by their folded form (upper case, Đ -> D) -> canonical form.
TYPE_CODES: dict[str, str] = {
    "NQ": "NQ", "KL": "KL", "CT": "CT", "KH": "KH", "CTR": "CTr", "QD": "QĐ", "ND": "NĐ",
    "TT": "TT", "TTLT": "TTLT", "CD": "CĐ", "TTR": "TTr", "BC": "BC", "HD": "HD", "TB": "TB",
    "QC": "QC", "DA": "ĐA", "CV": "CV",
}

#: Type codes of administrative papers the project does not follow (giấy mời GM, biên bản BB,
#: phương án PA, quy định QyĐ, thông cáo TC, giấy ủy quyền GUQ, giấy giới thiệu GGT, giấy nghỉ
#: phép GNP, phiếu gửi/chuyển/báo PG/PC/PB, bản ghi nhớ GN, bản thỏa thuận TTh; hợp đồng HĐ and
#: dự án DA fold to HD and DA, in TYPE_CODES), folded: in ``12/GM-UBND`` the first code is a
#: type, so it is no official letter.
OTHER_TYPE_CODES = frozenset({"GM", "BB", "PA", "QYD", "TC", "GUQ", "GGT", "GNP", "PG", "PC",
                              "PB", "GN", "TTH"})

#: Issuer codes with a fixed level, keyed by folded form -> (canonical form, level).
#: UBND, HĐND and bare department codes are absent on purpose: they exist at every level.
ISSUER_LEVELS: dict[str, tuple[str, Level]] = {
    "TW": ("TW", "central"), "BCT": ("BCT", "central"), "BBT": ("BBT", "central"),
    "BCHTW": ("BCHTW", "central"), "CP": ("CP", "central"), "TTG": ("TTg", "central"),
    "QH": ("QH", "central"), "VPCP": ("VPCP", "central"), "BYT": ("BYT", "central"),
    "BTC": ("BTC", "central"), "BLDTBXH": ("BLĐTBXH", "central"),
    "BGDDT": ("BGDĐT", "central"), "BNNPTNT": ("BNNPTNT", "central"),
    "BKHDT": ("BKHĐT", "central"), "BCA": ("BCA", "central"), "BQP": ("BQP", "central"),
    "BNV": ("BNV", "central"), "BTNMT": ("BTNMT", "central"), "BXD": ("BXD", "central"),
    "BGTVT": ("BGTVT", "central"), "BTTTT": ("BTTTT", "central"),
    "BVHTTDL": ("BVHTTDL", "central"), "BTP": ("BTP", "central"), "NHNN": ("NHNN", "central"),
    "BKHCN": ("BKHCN", "central"), "BNNMT": ("BNNMT", "central"), "BDTTG": ("BDTTG", "central"),
    "BNG": ("BNG", "central"),
    "TU": ("TU", "province"), "TTU": ("TU", "province"), "HU": ("HU", "district"),
    "QU": ("QU", "district"), "DU": ("ĐU", "commune"),
}

#: Issuer codes without a fixed level, folded -> canonical spelling.
FLOATING_ISSUERS: dict[str, str] = {
    "UBND": "UBND", "HDND": "HĐND", "LDTBXH": "LĐTBXH", "SLDTBXH": "SLĐTBXH",
    "SYT": "SYT", "STC": "STC", "SKHDT": "SKHĐT", "SNV": "SNV", "SGDDT": "SGDĐT",
}

#: Words before a symbol or a name that give the type ("Nghị quyết số 12-NQ/TU").
TYPE_WORDS: dict[str, str | None] = {
    "nghị quyết": "NQ", "kết luận": "KL", "chỉ thị": "CT", "kế hoạch": "KH",
    "chương trình": "CTr", "quyết định": "QĐ", "nghị định": "NĐ", "thông tư": "TT",
    "công điện": "CĐ", "tờ trình": "TTr", "công văn": "CV", "văn bản": None, "báo cáo": "BC",
    "hướng dẫn": "HD",
    "thông báo": "TB", "đề án": "ĐA", "luật": None, "pháp lệnh": None, "chiến lược": None,
    "quy hoạch": None,
}

#: Issuers of state documents: a party-style symbol with one of these is a state symbol
#: written the party way ("14-NQ/CP" -> "14/NQ-CP").
STATE_ISSUERS = {"CP", "TTg", "QH", "UBND", "HĐND", "VPCP", "NHNN"}

#: Party committees and organs (canonical codes): a state-style symbol with one of these is a
#: Party document written the state way ("12/NQ-TU" -> "12-NQ/TU"). Only these: a Sở is
#: provincial too ("3129/TTr-SNV"), but its submissions and letters are state documents.
PARTY_ISSUERS = frozenset({"TW", "BCT", "BBT", "BCHTW", "TU", "HU", "QU", "ĐU"})


_LETTER = r"A-Za-zĐđ"
_TYPE_ALT = "|".join(
    sorted({"CTr", "Ctr", "CTR", "ctr", "TTr", "Ttr", "TTR", "TTLT", "NQ", "KL", "CT", "KH",
            "QĐ", "QD", "Qđ", "NĐ", "ND", "Nđ", "TT", "CĐ", "CD", "BC", "HD", "TB", "QC", "ĐA",
            "CV"},
           key=len, reverse=True)
)

# The symbol patterns test "not after a word character, slash, dot or hyphen" as a lookbehind
# *after* the first digit, "(?<![\w/.-]\d)", which says the same as "(?<![\w/.-])" before it.
# Starting with the digit lets the regex engine skip to the next digit by a fast scan instead of
# trying the lookbehind at every position of the text (2-3x faster over a whole document).
PARTY_SYMBOL_RE = re.compile(
    rf"""
    (?P<num>\d(?<![\w/.-]\d)\d{{0,4}})   # document number, leading zeros kept ("01")
    [ \t]?-[ \t]?                  # party symbols put a hyphen after the number
    (?P<type>{_TYPE_ALT})           # type code from the table (case variants listed)
    [ \t]?/[ \t]?
    (?P<issuer>[A-ZĐ][{_LETTER}]{{0,9}}\d{{0,2}})   # issuer code: TU, HU, ĐU, TW, CP ...
    (?![\w/-])
    """,
    re.X,
)

STATE_SYMBOL_RE = re.compile(
    rf"""
    (?P<num>\d(?<![\w/.-]\d)\d{{0,4}})   # document number (lookbehind: see PARTY_SYMBOL_RE)
    [ \t]?/[ \t]?
    (?:(?P<year>(?:19|20)\d\d)[ \t]?/[ \t]?)?      # year of normative documents
    (?:
        (?P<type>{_TYPE_ALT})       # type code ...
        [ \t]?-?[ \t]?              # ... hyphen often lost ("QĐTTg") or spaced ("CTr - UBND")
        (?P<issuer>[A-ZĐ][{_LETTER}&]{{0,11}}\d{{0,2}})   # issuer: UBND, CP, TTg, UBTVQH14
      |
        (?P<qh>QH\d{{1,2}})         # National Assembly resolutions: 74/2022/QH15 (no type)
      |
        (?P<agency>[A-ZĐ][A-ZĐ&]{{1,9}}\d{{0,2}})   # official letter: the issuing body's code ...
        [ \t]?-[ \t]?
        (?P<unit>[A-ZĐ][A-ZĐ&]{{0,11}}\d{{0,2}})    # ... and the drafting unit's: BNV-CTTN&BĐG
    )
    (?![\w/-])
    """,
    re.X,
)

_NORMALIZE_PARTS = re.compile(
    rf"""
    ^\s*(?P<num>\d{{1,5}})\s*
    (?P<sep>[-/])\s*                           # '-' party, '/' state
    (?:(?P<year>(?:19|20)\d\d)\s*/\s*)?        # year of normative documents
    (?:
        (?P<qh>[Qq][Hh]\d{{1,2}})                # 74/2022/QH15 (no type code)
      | (?P<type>[{_LETTER}]{{1,4}})\s*[-/]\s*(?P<issuer>[{_LETTER}][{_LETTER}&]{{0,11}}\d{{0,2}})
      | (?P<glued>[{_LETTER}]{{3,16}}\d{{0,2}})   # hyphen lost: "QĐTTg", split by the table
    )\s*$
    """,
    re.X,
)


# An official letter: no year, no type code, upper-case codes ("8935/BNV-CTTN&BĐG").
_LETTER_PARTS = re.compile(
    r"""
    ^\s*(?P<num>\d{1,5})\s*/\s*
    (?P<agency>[A-ZĐ][A-ZĐ&]{1,9}\d{0,2})        # issuing body: BNV, UBND, SYT, VPCP
    \s*-\s*
    (?P<unit>[A-ZĐ][A-ZĐ&]{0,11}\d{0,2})\s*$    # drafting unit: CTTN&BĐG, VX, KGVX
    """,
    re.X,
)


def normalize_symbol(raw: str) -> str | None:
    """The canonical form of a document symbol, or None when ``raw`` is not one.

    Spaces go, type codes take their canonical case (``Ctr`` -> ``CTr``), ``D`` becomes ``Đ``
    where the code has it, state symbols get their hyphen back, a state issuer written the
    party way is put in state form, and a Party committee written the state way in party form.
    An official letter keeps its two codes ("8935/BNV-CTTN&BĐG"); its first code is a body's,
    never a type code (then it is a state symbol, "3129/TTr-SNV") nor another paper's ("GM").

    Example:
        >>> [normalize_symbol(s) for s in ("12- NQ/TU", "76 /CTr - UBND", "26/2021/QĐTTg", "14-NQ/CP")]
        ['12-NQ/TU', '76/CTr-UBND', '26/2021/QĐ-TTg', '14/NQ-CP']
        >>> normalize_symbol("8935/BNV - CTTN&BĐG"), normalize_symbol("3129/TTr-SNV")
        ('8935/BNV-CTTN&BĐG', '3129/TTr-SNV')
        >>> normalize_symbol("12/3/2020") is None
        True
    """
    if not isinstance(raw, str):
        return None
    # "Ð" (U+00D0, Icelandic eth) is what some fonts and scrapes give for "Đ" (U+0110).
    raw = unicodedata.normalize("NFC", raw).replace("**", "").replace("Ð", "Đ").replace("ð", "đ")
    letter = _LETTER_PARTS.match(raw)
    if letter and is_letter_code(letter["agency"]):
        return f"{letter['num']}/{canonical_issuer(letter['agency'])}-{letter['unit']}"
    m = _NORMALIZE_PARTS.match(raw)
    if not m:
        return None
    num, year = m["num"], m["year"]
    if m["qh"]:
        return f"{num}/{year}/QH{m['qh'][2:]}" if m["sep"] == "/" and year else None
    type_code, issuer = _split_code(m["type"], m["issuer"], m["glued"])
    if type_code is None or issuer is None:
        return None
    party = m["sep"] == "-" and issuer not in STATE_ISSUERS
    if m["sep"] == "/" and issuer in PARTY_ISSUERS:
        party = True  # "12/NQ-TU": a party document written the state way
    if year:
        party = False  # only state (normative) documents carry the year
    if party:
        return f"{num}-{type_code}/{issuer}"
    return f"{num}/{year}/{type_code}-{issuer}" if year else f"{num}/{type_code}-{issuer}"


def is_letter_code(code: str) -> bool:
    """Whether ``code``, first after the slash of a state-shaped symbol, is a body's code (an
    official letter: "BNV" in "8935/BNV-CTTN&BĐG") rather than a type code of any paper."""
    folded = fold_code(code)
    return folded not in TYPE_CODES and folded not in OTHER_TYPE_CODES


def _split_code(type_raw: str | None, issuer_raw: str | None, glued: str | None
                ) -> tuple[str | None, str | None]:
    """(type code, issuer code) in canonical form; a glued "QĐTTg" is split by the table."""
    if glued is None:
        return TYPE_CODES.get(fold_code(type_raw or "")), canonical_issuer(issuer_raw or "")
    for cut in (4, 3, 2):  # longest known type first: "TTrUBND" is TTr + UBND, not TT + rUBND
        type_code = TYPE_CODES.get(fold_code(glued[:cut]))
        rest = glued[cut:]
        if type_code and rest[:1].isupper():
            return type_code, canonical_issuer(rest)
    return None, None



_QH_CODE = re.compile(r"QH\d*")  # the National Assembly, with or without its term
_DEPARTMENT_CODE = re.compile(r"S[A-Z]{2,8}")  # a Sở: "SNV", "STC", "SKHCN"


def issuer_fixed_level(code: str) -> Level | None:
    """Level of an issuer code with a fixed level (TW central, TU province …), else None.

    Codes of a Sở ("SNV", "STC", "SKHCN") are provincial: departments exist only there.
    """
    folded = fold_code(code)
    if folded.startswith("UBTVQH") or _QH_CODE.fullmatch(folded):
        return "central"
    if _DEPARTMENT_CODE.fullmatch(folded) and folded not in ISSUER_LEVELS:
        return "province"
    entry = ISSUER_LEVELS.get(folded)
    return entry[1] if entry else None


def canonical_issuer(code: str) -> str | None:
    """Canonical spelling of an issuer code; unknown codes keep their letters, upper-cased."""
    folded = fold_code(code)
    if folded in ISSUER_LEVELS:
        return ISSUER_LEVELS[folded][0]
    if folded in FLOATING_ISSUERS:
        return FLOATING_ISSUERS[folded]
    if folded.startswith("UBTVQH"):
        return "UBTVQH" + folded[6:]
    return code.upper() if code[:1].isalpha() else None


def fold_code(code: str) -> str:
    """The key of a code in the tables: upper case, "Đ" as "D" (typists drop the bar)."""
    return code.upper().replace("Đ", "D")



def doc_type_of(symbol: str | None) -> str | None:
    """The type code of a normalized symbol: '12-NQ/TU' -> 'NQ', '150/2020/NĐ-CP' -> 'NĐ', '74/2022/QH15' -> None.

    An official letter has no type code in its symbol: '8935/BNV-CTTN&BĐG' -> 'CV'.
    """
    if not symbol:
        return None
    if "-" in symbol.split("/")[0]:  # party shape: NUMBER-TYPE/ISSUER
        return symbol.split("/")[0].split("-", 1)[1]
    last = symbol.rsplit("/", 1)[-1]
    # '74/2022/QH15' names its issuer only: the type is in the words before it (Luật, Nghị quyết).
    if "-" not in last:
        return None
    first = last.split("-", 1)[0]
    return "CV" if _is_letter(symbol, first) else first


def issuer_code_of(symbol: str | None) -> str | None:
    """The issuer code of a normalized symbol: '12-NQ/TU' -> 'TU', '78/NQ-CP' -> 'CP'.

    An official letter's issuer is its first code: '8935/BNV-CTTN&BĐG' -> 'BNV' (the second
    names the unit that drafted it).
    """
    if not symbol:
        return None
    if "-" in symbol.split("/")[0]:
        return symbol.split("/", 1)[1]
    last = symbol.rsplit("/", 1)[-1]
    if "-" not in last:
        return last
    first, rest = last.split("-", 1)
    return first if _is_letter(symbol, first) else rest


def _is_letter(symbol: str, first: str) -> bool:
    """A normalized state-shaped symbol whose first code is a body's: an official letter."""
    return symbol.count("/") == 1 and is_letter_code(first)
