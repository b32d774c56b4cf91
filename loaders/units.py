"""The issuing body of a document, its level and its place.

The level comes from the body and the unit word: "Ủy ban nhân dân tỉnh …" is provincial, "…
huyện / quận / thị xã …" district, "… xã / phường / thị trấn / đặc khu …" commune; "Tỉnh ủy" and
"Thành ủy" are provincial party committees, "Huyện ủy" district, "Đảng ủy xã" commune; the
Politburo, the Central Committee, the Government and the Prime Minister are central. "Thành phố"
is a province for the centrally-run cities and a district otherwise.

A ministry or ministry-level body heading the header ("BỘ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH") is
central. Its upper-case name, often wrapped over two lines, is read against the table of official
names (``MINISTRIES``, before and after the 2025 merger), compared without marks and spaces
("HOÁ" = "HÓA"), and written as the table spells it ("Bộ Công Thương", "Bộ Y tế"): capitals in
ministry names follow no rule that upper case could be turned back by.

Example:
    >>> issuer_from_header("ỦY BAN NHÂN DÂN\\nTỈNH QUẢNG NINH\\n-------").name
    'Ủy ban nhân dân tỉnh Quảng Ninh'
    >>> issuer_from_body("… UBND huyện Sông Lô xây dựng Kế hoạch tổ chức thực hiện").level
    'district'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from policykg.loaders.record import Level

#: Cities governed directly by the centre: "thành phố" here is a province, not a district.
CENTRAL_CITIES = ("hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế")
#: Unit words (lower case) and the level of the unit they name.
UNIT_LEVELS: dict[str, Level] = {
    "tỉnh": "province", "thành phố": "district", "huyện": "district", "quận": "district",
    "thị xã": "district", "thị trấn": "commune", "xã": "commune", "phường": "commune",
    "đặc khu": "commune",
}
#: Bodies whose level does not depend on a unit word.
CENTRAL_BODIES = {
    "BỘ CHÍNH TRỊ": "Bộ Chính trị", "BAN BÍ THƯ": "Ban Bí thư",
    "BAN CHẤP HÀNH TRUNG ƯƠNG": "Ban Chấp hành Trung ương", "CHÍNH PHỦ": "Chính phủ",
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ", "QUỐC HỘI": "Quốc hội",
}
#: Party committees named by their own unit word ("TỈNH ỦY VĨNH PHÚC").
PARTY_COMMITTEES = {"TỈNH ỦY": "province", "THÀNH ỦY": "province", "HUYỆN ỦY": "district",
                    "QUẬN ỦY": "district", "THỊ ỦY": "district"}
#: Bodies followed by a unit word, upper case -> how they are written in running text.
UNIT_BODIES = {"ỦY BAN NHÂN DÂN": "Ủy ban nhân dân", "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
               "ĐẢNG ỦY": "Đảng ủy", "BAN CHẤP HÀNH ĐẢNG BỘ": "Ban Chấp hành Đảng bộ"}
#: Ministries and ministry-level bodies, as officially written (those merged in 2025 kept: older
#: documents are issued by them).
MINISTRIES = (
    "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính",
    "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế", "Bộ Dân tộc và Tôn giáo", "Bộ Kế hoạch và Đầu tư",
    "Bộ Lao động - Thương binh và Xã hội", "Bộ Giao thông vận tải", "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Văn phòng Chính phủ", "Ủy ban Dân tộc",
)
#: Characters of a header read after a ministry's first word: the longest name with its wrap.
MINISTRY_MAX_CHARS = 80
#: Issuer codes of symbols and the body they stand for.
CODE_BODIES = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}

_UNIT_WORDS = r"THÀNH\s+PHỐ|THỊ\s+XÃ|THỊ\s+TRẤN|ĐẶC\s+KHU|TỈNH|HUYỆN|QUẬN|XÃ|PHƯỜNG"
_HEADER_ISSUER = re.compile(
    rf"""(?P<body>(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|ĐẢNG\s+ỦY
                |BAN\s+CHẤP\s+HÀNH\s+ĐẢNG\s+BỘ)         # a body that needs a unit
        [\s|*]+(?P<unit>{_UNIT_WORDS})                 # the unit word
        [ \t]+(?P<name>[^\W\d_][^\n|*]{{1,40}})         # the unit's name, on the same line
    |(?P<party>TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|QUẬN\s+ỦY|THỊ\s+ỦY)  # a party committee
        [ \t]+(?P<pname>[^\W\d_][^\n|*]{{1,40}})
    |(?P<central>THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ|BỘ\s+CHÍNH\s+TRỊ|BAN\s+BÍ\s+THƯ
                |BAN\s+CHẤP\s+HÀNH\s+TRUNG\s+ƯƠNG|CHÍNH\s+PHỦ|QUỐC\s+HỘI)
    """,
    re.X,
)
# The first words _HEADER_ISSUER's alternatives start with. Its alternatives open with named
# groups, which keep the regex engine from skipping ahead to a possible start by itself: without
# a match (most headers) it would try the whole pattern at every character. These words are
# literals, so this pattern skips ahead.
_HEADER_ISSUER_START = re.compile(r"ỦY|UỶ|HỘI|ĐẢNG|BAN|TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|THỦ|BỘ|CHÍNH|QUỐC")
_BARE_BODY = re.compile(r"(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN")
# The issuer as the body names it. Every alternative of the body starts with a letter, not with a
# group such as (?:Ủy|Uỷ): the regex engine then skips ahead to the few places where one of those
# first letters stands, instead of trying the pattern at every character of the text.
_BODY_ISSUER = re.compile(
    r"""(?P<issuer>
          (?P<body>Ủy\ ban\ nhân\ dân|Uỷ\ ban\ nhân\ dân|UBND|Hội\ đồng\ nhân\ dân|HĐND|Đảng\ ủy
                  |Ban\ Thường\ vụ\ Huyện\ ủy)  # the body, each spelled out
          \s+(?P<unit>thành\ phố|thị\ xã|thị\ trấn|tỉnh|huyện|quận|xã|phường)   # unit word
          \s+(?P<name>(?:[A-ZĐÀ-Ỹ][\wà-ỹđ]*[ ]?){1,4}?)                         # 1-4 capitalized words
        )
        \s+(?:xây\ dựng|ban\ hành|triển\ khai)\s+                               # "… xây dựng Kế hoạch"
        (?:Kế\ hoạch|Chương\ trình|Nghị\ quyết|Quyết\ định|Chỉ\ thị)
    """,
    re.X,
)


@dataclass(frozen=True)
class Issuer:
    """An issuing body: 'Ủy ban nhân dân tỉnh Quảng Ninh' is body + unit + place."""

    name: str
    level: Level | None
    unit: str | None = None  # unit word, lower case: "tỉnh", "huyện", "thị trấn", …
    place: str | None = None  # "Quảng Ninh"
    span: tuple[int, int] | None = None


def _fold_space(text: str) -> str:
    return " ".join(text.split())


def _title_case(name: str) -> str:
    """'QUẢNG NINH' -> 'Quảng Ninh' (place names), leaving mixed case as written."""
    name = _fold_space(name).strip(" -*|,.")
    return name.title() if name.isupper() else name


def level_of(unit: str | None, place: str | None) -> Level | None:
    """The level of a unit word + place: ('thành phố', 'Hà Nội') -> 'province'."""
    if unit is None:
        return None
    unit = _fold_space(unit).lower()
    if unit == "thành phố" and place and place.lower() in CENTRAL_CITIES:
        return "province"
    return UNIT_LEVELS.get(unit)


def _letters_key(text: str) -> str:
    """Letters only, without marks, upper case: "BỘ VĂN HOÁ, THỂ" -> "BOVANHOATHE"."""
    stripped = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in stripped if c.isalpha() and not unicodedata.combining(c)).upper()


#: Ministry names by their letter key, longest first, so that "Bộ Nông nghiệp và Phát triển
#: nông thôn" is tried before a shorter name it might start with.
_MINISTRY_KEYS = sorted(((_letters_key(name), name) for name in MINISTRIES),
                        key=lambda pair: -len(pair[0]))
_MINISTRY_START = re.compile(
    r"""^[ \t*]*                                     # a header line, maybe bold
        (?:BỘ|NGÂN\s+HÀNG|THANH\s+TRA|VĂN\s+PHÒNG|[ỦU][YỶ]\s+BAN)  # a ministry-level body's first word
        [ \t]""",
    re.X | re.M,
)


def ministry_from_header(window: str, before: int | None = None) -> Issuer | None:
    """A ministry-level body heading the header, central, written as officially named; only one
    whose name starts before ``before`` when given.

    Example:
        >>> ministry_from_header("BỘ VĂN HÓA, THỂ THAO\\nVÀ DU LỊCH\\n\\nCỘNG HÒA XÃ HỘI").name
        'Bộ Văn hóa, Thể thao và Du lịch'
    """
    for match in _MINISTRY_START.finditer(window):
        start = match.end() - len(match.group().lstrip(" \t*"))
        if before is not None and start >= before:
            return None
        piece = window[start:start + MINISTRY_MAX_CHARS]
        if not piece.split("\n", 1)[0].isupper():
            continue  # running text, not a header line
        key = _letters_key(piece)
        for name_key, name in _MINISTRY_KEYS:
            if key.startswith(name_key):
                end = start + _prefix_end(piece, len(name_key))
                return Issuer(name, "central", span=(start, end))
    return None


def _prefix_end(piece: str, letters: int) -> int:
    """The end of the shortest prefix of ``piece`` holding ``letters`` letters (marks aside)."""
    for end in range(len(piece) + 1):
        if len(_letters_key(piece[:end])) >= letters:
            return end
    return len(piece)


def issuer_from_header(window: str) -> Issuer | None:
    """The issuing body named in the header lines, rendered in mixed case."""
    found = _unit_issuer_from_header(window)
    # Only a ministry named before the body found (none, for most headers) comes first; "VĂN
    # PHÒNG CHÍNH PHỦ" holds the central body "CHÍNH PHỦ" but starts before it.
    before = None if found is None or found.span is None else found.span[0]
    return ministry_from_header(window, before) or found


def _header_issuer_matches(window: str) -> Iterator[re.Match[str]]:
    """``_HEADER_ISSUER.finditer(window)``, the pattern tried only where one of its first words
    stands (``_HEADER_ISSUER_START``): most headers hold none, or one near the top."""
    pos = 0
    while (start := _HEADER_ISSUER_START.search(window, pos)) is not None:
        match = _HEADER_ISSUER.match(window, start.start())
        if match is None:
            pos = start.start() + 1
            continue
        yield match
        pos = match.end()


def _unit_issuer_from_header(window: str) -> Issuer | None:
    for match in _header_issuer_matches(window):
        if match["central"]:
            name = CENTRAL_BODIES[_fold_space(match["central"])]
            return Issuer(name, "central", span=match.span())
        if match["party"]:
            place = _title_case(match["pname"])
            if not match["pname"].strip().isupper():
                continue
            word = _fold_space(match["party"])
            return Issuer(f"{word.capitalize()} {place}", PARTY_COMMITTEES[word], None, place, match.span())
        if not match["name"].strip().isupper():
            continue  # running text, not a header line
        body = UNIT_BODIES[_fold_space(match["body"]).replace("UỶ", "ỦY")]
        unit, place = _fold_space(match["unit"]).lower(), _title_case(match["name"])
        return Issuer(f"{body} {unit} {place}", level_of(unit, place), unit, place, match.span())
    return None


def issuer_from_metadata(metadata: Mapping[str, str], window: str, code: str | None = None) -> Issuer | None:
    """Complete a header that names the body but not its unit ("ỦY BAN NHÂN DÂN |") with the
    metadata table's issuing place ("Cơ quan ban hành | Tỉnh Vĩnh Phúc")."""
    place_field = metadata.get("issuer", "")
    found = re.match(rf"(?i)\s*({_UNIT_WORDS.lower()})\s+(.+)", _fold_space(place_field))
    bare = _BARE_BODY.search(window)
    body = (UNIT_BODIES[_fold_space(bare.group()).replace("UỶ", "ỦY")] if bare
            else CODE_BODIES.get(code or ""))
    if not found or body is None:
        return None
    unit, place = found[1].lower(), _title_case(found[2])
    return Issuer(f"{body} {unit} {place}", level_of(unit, place), unit, place, None)


def issuer_from_body(text: str) -> Issuer | None:
    """The issuer as the body states it ("UBND huyện Sông Lô xây dựng Kế hoạch …"), as written."""
    match = _BODY_ISSUER.search(text)
    if match is None:
        return None
    unit, place = match["unit"].lower(), match["name"].strip()
    return Issuer(match["issuer"].strip(), level_of(unit, place), unit, place, match.span("issuer"))
