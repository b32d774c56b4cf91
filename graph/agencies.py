"""Agency names: one canonical name per kind of agency, and the level of its jurisdiction.

The loaders give each assignment's agency as the text writes it: "Phòng LĐTB&XH", "Sở Lao
động-Thương binh và Xã hội", "UBND các xã, thị trấn", "Thủ trưởng các Phòng, ban, ngành". The
graph keeps one Organization node per agency *and jurisdiction* (Sở Y tế of Quảng Ninh is not
Sở Y tế of Vĩnh Phúc). This module does the text half of that: :func:`resolve_agency` turns a
written agency into an :class:`AgencyName` (canonical name, ASCII key, the level of the
jurisdiction it belongs to, whether it is a group); the loader pairs the key with the unit of
that level above the document.

Decisions a newcomer asks about:

* **Abbreviations are expanded** from :data:`ABBREVIATIONS` ("LĐTB&XH", "KH&ĐT", "UBMTTQ", …),
  matched case-sensitively as whole tokens, so "Phòng LĐTB&XH" and "Phòng Lao động - Thương binh
  và Xã hội" are one agency.
* **Department names are canonical.** After "Sở", "Phòng" or "Bộ", the longest known department
  (:data:`DEPARTMENTS`, compared without diacritics, case or punctuation) gives the name, so
  "Lao động Thương bình và Xã hội" (a real typo) and "Văn hóa Thông tin" land on the official
  spelling; words after a known department are extraction noise ("Sở Khoa học và Công nghệ
  phát động phong trào thi đua") and are dropped. Other bodies are canonical through
  :data:`KNOWN_BODIES` ("Hội Phụ nữ" is the Hội Liên hiệp Phụ nữ, "Ủy ban MTTQ" the Ủy ban Mặt
  trận Tổ quốc Việt Nam); anything else keeps its written words, capitalized.
* **Place words are removed** from the name ("Sở Y tế tỉnh Quảng Ninh" -> "Sở Y tế", "UBND
  huyện Sông Lô" -> "Ủy ban nhân dân") and returned in ``place``; they still decide the level.
* **The level** comes first from the place and body words anywhere in the text, earliest first
  ("tỉnh", "huyện", "cấp xã", "Tỉnh ủy", "Chính phủ", "Trung ương"), then from the head noun
  ("Sở" province, "Phòng" district, "Bộ" central), else it is the document's level. A "Phòng"
  in a commune document is the commune's (communes have Phòng since the 2025 reform). "Thành
  phố" with a name is a province for the centrally governed cities and a district otherwise;
  without a name ("UBND Thành phố", "Thành ủy") it is the document's own city.
* **Groups are agencies too**, flagged ``collective``: "các sở, ban, ngành", "UBND các xã, thị
  trấn", "các cơ quan, đơn vị có liên quan", "các đơn vị", "địa phương". Their wordings vary
  without changing meaning, so each family gets one name (:data:`COLLECTIVE_NAMES`): "Ủy ban
  nhân dân cấp xã", "Các sở, ban, ngành", "Các cơ quan, đơn vị liên quan". "Các địa phương"
  belongs to the level below the document's (a province's localities are its districts).
* **Heads stand for their agency**: "Thủ trưởng", "Giám đốc", "Chủ tịch" are dropped
  ("Chủ tịch UBND các xã, thị trấn" is the communes' People's Committees), and a bare unit
  ("các xã, thị trấn", "TP. Hồ Chí Minh") stands for its People's Committee.
* **A bare province name** at the end is a place too ("Đài Phát thanh và Truyền hình Đồng
  Nai"), unless too little would remain ("Báo Quảng Ninh" is a newspaper's name) or it is part
  of a name (:data:`BARE_PROVINCE_EXCEPTIONS`: "Đoàn Thanh niên Cộng sản Hồ Chí Minh").
* **None** only for text that names nothing: no letter or digit, only function words ("các",
  "và", "có liên quan"), or a clause longer than :data:`MAX_AGENCY_WORDS` words that the
  extractor cut wrongly. A pronoun-like "các đơn vị" is a collective, not None.

Example:
    >>> a = resolve_agency("Phòng LĐTB&XH huyện", document_level="district")
    >>> a.name, a.key
    ('Phòng Lao động - Thương binh và Xã hội', 'phong-lao-dong-thuong-binh-va-xa-hoi')
    >>> a.level, a.collective
    ('district', False)
    >>> resolve_agency("UBND các xã, thị trấn", document_level="district").name
    'Ủy ban nhân dân cấp xã'

Pure and cached: a benchmark calls it some 300,000 times, mostly with repeated arguments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from policykg.loaders.places import all_units

Level = Literal["central", "province", "district", "commune"]

#: Distinct (written, document_level) pairs kept; a national corpus has a few thousand.
CACHE_SIZE = 1 << 16
#: A longer "agency" is a clause the extractor cut wrongly, not a name.
MAX_AGENCY_WORDS = 24
#: Most tokens of a province's name as written ("Bà Rịa - Vũng Tàu" is five).
PROVINCE_NAME_TOKENS = 5
#: A bare province name is stripped only after this many words: "Báo Quảng Ninh" is the
#: newspaper's name, "Đài Phát thanh và Truyền hình Đồng Nai" is the provincial station.
MIN_WORDS_BEFORE_PROVINCE = 2
#: Province names that end names of bodies, so never stripped without a unit word before them:
#: the Đoàn Thanh niên Cộng sản Hồ Chí Minh is not a body of Hồ Chí Minh city.
BARE_PROVINCE_EXCEPTIONS = frozenset({"ho chi minh"})
#: Cities governed by the centre, folded: "thành phố Hà Nội" is a province.
CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
#: The level whose units make up "các địa phương" of a document at each level.
LEVEL_BELOW: dict[str, Level] = {
    "central": "province",
    "province": "district",
    "district": "commune",
    "commune": "commune",
}

#: Abbreviations in agency names and what they stand for, matched case-sensitively as whole
#: tokens (longest first). Ambiguous ones ("TT": Trung tâm, thị trấn or Thông tư; "CT") are
#: left out on purpose.
ABBREVIATIONS: dict[str, str] = {
    # People's committees and councils, the Front and its member organizations
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "LHPN": "Liên hiệp Phụ nữ",
    "Đoàn TNCS": "Đoàn Thanh niên Cộng sản",
    "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản",
    "CCB": "Cựu chiến binh",
    "HND": "Hội Nông dân",
    "LĐLĐ": "Liên đoàn Lao động",
    "ĐBQH": "đại biểu Quốc hội",
    # Party bodies
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "BCH Quân sự": "Ban Chỉ huy Quân sự",
    "BCHQS": "Ban Chỉ huy Quân sự",
    # Departments (Sở at province, Phòng at district)
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐ-TBXH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "KHĐT": "Kế hoạch và Đầu tư",
    "KH-ĐT": "Kế hoạch và Đầu tư",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "TN-MT": "Tài nguyên và Môi trường",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VH&TT": "Văn hóa và Thông tin",
    "VH-TT": "Văn hóa và Thông tin",
    "VHTT": "Văn hóa và Thông tin",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "GD-ĐT": "Giáo dục và Đào tạo",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN-PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&MT": "Nông nghiệp và Môi trường",
    "TC-KH": "Tài chính - Kế hoạch",
    "TCKH": "Tài chính - Kế hoạch",
    "TC&KH": "Tài chính - Kế hoạch",
    "KT-HT": "Kinh tế và Hạ tầng",
    "KTHT": "Kinh tế và Hạ tầng",
    "KT&HT": "Kinh tế và Hạ tầng",
    "KH&CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ",
    "KH-CN": "Khoa học và Công nghệ",
    "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông",
    "TT-TT": "Thông tin và Truyền thông",
    "GTVT": "Giao thông vận tải",
    "QLĐT": "Quản lý đô thị",
    "NV": "Nội vụ",
    "YT": "Y tế",
    "TP.": "thành phố",
    # Other bodies
    "BHXH": "Bảo hiểm xã hội",
    "KBNN": "Kho bạc Nhà nước",
    "NHCSXH": "Ngân hàng Chính sách xã hội",
    "NHNN": "Ngân hàng Nhà nước",
    "CSXH": "Chính sách xã hội",
    "TTYT": "Trung tâm Y tế",
    "VP": "Văn phòng",
    "CA": "Công an",
}

#: Departments after "Sở", "Phòng" or "Bộ": folded wording -> official name. Several wordings
#: may lead to one name ("van hoa thong tin" is the Phòng Văn hóa và Thông tin).
DEPARTMENTS: dict[str, str] = {
    "noi vu": "Nội vụ",
    "tu phap": "Tư pháp",
    "ke hoach va dau tu": "Kế hoạch và Đầu tư",
    "ke hoach dau tu": "Kế hoạch và Đầu tư",
    "tai chinh": "Tài chính",
    "cong thuong": "Công Thương",
    "nong nghiep va phat trien nong thon": "Nông nghiệp và Phát triển nông thôn",
    "nong nghiep phat trien nong thon": "Nông nghiệp và Phát triển nông thôn",
    "nong nghiep va moi truong": "Nông nghiệp và Môi trường",
    "xay dung": "Xây dựng",
    "giao thong van tai": "Giao thông vận tải",
    "tai nguyen va moi truong": "Tài nguyên và Môi trường",
    "tai nguyen moi truong": "Tài nguyên và Môi trường",
    "thong tin va truyen thong": "Thông tin và Truyền thông",
    "thong tin truyen thong": "Thông tin và Truyền thông",
    "lao dong thuong binh va xa hoi": "Lao động - Thương binh và Xã hội",
    "lao dong thuong binh xa hoi": "Lao động - Thương binh và Xã hội",
    "van hoa the thao va du lich": "Văn hóa, Thể thao và Du lịch",
    "van hoa the thao du lich": "Văn hóa, Thể thao và Du lịch",
    "van hoa va the thao": "Văn hóa và Thể thao",
    "van hoa the thao": "Văn hóa và Thể thao",
    "khoa hoc va cong nghe": "Khoa học và Công nghệ",
    "khoa hoc cong nghe": "Khoa học và Công nghệ",
    "giao duc va dao tao": "Giáo dục và Đào tạo",
    "giao duc dao tao": "Giáo dục và Đào tạo",
    "y te": "Y tế",
    "ngoai vu": "Ngoại vụ",
    "dan toc": "Dân tộc",
    "dan toc va ton giao": "Dân tộc và Tôn giáo",
    "du lich": "Du lịch",
    "quy hoach kien truc": "Quy hoạch - Kiến trúc",
    "tai chinh ke hoach": "Tài chính - Kế hoạch",
    "kinh te": "Kinh tế",
    "kinh te va ha tang": "Kinh tế và Hạ tầng",
    "kinh te ha tang": "Kinh tế và Hạ tầng",
    "kinh te ha tang va do thi": "Kinh tế, Hạ tầng và Đô thị",
    "quan ly do thi": "Quản lý đô thị",
    "van hoa va thong tin": "Văn hóa và Thông tin",
    "van hoa thong tin": "Văn hóa và Thông tin",
    "van hoa xa hoi": "Văn hóa - Xã hội",
    "van hoa khoa hoc va thong tin": "Văn hóa, Khoa học và Thông tin",
    "quoc phong": "Quốc phòng",
    "cong an": "Công an",
    "ngoai giao": "Ngoại giao",
    "giao thong van tai va xay dung": "Giao thông vận tải và Xây dựng",
}

#: Whole names (folded, after abbreviations and place words) -> canonical name.
KNOWN_BODIES: dict[str, str] = {
    "uy ban nhan dan": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "thuong truc hoi dong nhan dan": "Thường trực Hội đồng nhân dân",
    "van phong uy ban nhan dan": "Văn phòng Ủy ban nhân dân",
    "van phong hoi dong nhan dan uy ban nhan dan": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "van phong hoi dong nhan dan va uy ban nhan dan": (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
    ),
    "mat tran to quoc": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "mat tran to quoc viet nam": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "uy ban mat tran to quoc": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "uy ban mat tran to quoc viet nam": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "hoi phu nu": "Hội Liên hiệp Phụ nữ",
    "hoi lien hiep phu nu": "Hội Liên hiệp Phụ nữ",
    "hoi lien hiep phu nu viet nam": "Hội Liên hiệp Phụ nữ",
    "doan thanh nien": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "doan thanh nien cong san": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "doan thanh nien cong san ho chi minh": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "hoi nong dan": "Hội Nông dân",
    "hoi nong dan viet nam": "Hội Nông dân",
    "hoi cuu chien binh": "Hội Cựu chiến binh",
    "lien doan lao dong": "Liên đoàn Lao động",
    "cong an": "Công an",
    "ban chi huy quan su": "Ban Chỉ huy Quân sự",
    "bo chi huy quan su": "Bộ Chỉ huy Quân sự",
    "trung tam y te": "Trung tâm Y tế",
    "bao hiem xa hoi": "Bảo hiểm xã hội",
    "kho bac nha nuoc": "Kho bạc Nhà nước",
    "ngan hang chinh sach xa hoi": "Ngân hàng Chính sách xã hội",
    "chi cuc thue": "Chi cục Thuế",
    "tinh uy": "Tỉnh ủy",
    "thanh uy": "Thành ủy",
    "huyen uy": "Huyện ủy",
    "dang uy": "Đảng ủy",
    "tinh doan": "Tỉnh đoàn",
    "thanh doan": "Thành đoàn",
    "huyen doan": "Huyện đoàn",
    "chinh phu": "Chính phủ",
    "thu tuong": "Thủ tướng Chính phủ",
    "thu tuong chinh phu": "Thủ tướng Chính phủ",
    "bo chinh tri": "Bộ Chính trị",
    "van phong chinh phu": "Văn phòng Chính phủ",
    "quoc hoi": "Quốc hội",
    # the district centre for culture, information and sports, named two ways in the samples
    "trung tam van hoa thong tin va the thao": "Trung tâm Văn hóa, Thông tin và Thể thao",
    "trung tam van hoa the thao thong tin": "Trung tâm Văn hóa, Thông tin và Thể thao",
    "trung tam van hoa thong tin the thao": "Trung tâm Văn hóa, Thông tin và Thể thao",
}

#: Group wordings (folded, tested in order) -> one name per family. ``None`` as a name means
#: "the level's People's Committees": "Ủy ban nhân dân cấp xã/huyện/tỉnh".
COLLECTIVE_NAMES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"^(?:uy ban nhan dan|hoi dong nhan dan)\b", None),
        (r"^(?:cac )?so\b.*\bdoan the\b", "Các sở, ban, ngành, đoàn thể"),
        (r"^(?:cac )?so\b", "Các sở, ban, ngành"),
        (r"^(?:cac )?phong\b.*\bdoan the\b", "Các phòng, ban, ngành, đoàn thể"),
        (r"^(?:cac )?phong\b", "Các phòng, ban, ngành"),
        (r"^(?:cac )?bo\b(?! phan)", "Các bộ, ngành"),
        (r"\b(?:chinh tri xa hoi|doan the|hoi)\b", "Các tổ chức chính trị - xã hội"),
        (r"^(?:cac )?dia phuong\b", "Các địa phương"),
        (r"^cong chuc chuyen mon\b", "Các công chức chuyên môn"),
        (r"^(?:cac )?(?:co quan|don vi|to chuc|bo phan)\b", "Các cơ quan, đơn vị liên quan"),
        (r"^(?:cac )?nganh\b", "Các ngành"),
    )
)

_LETTER = re.compile(r"[^\W_]")  # any letter or digit, in any script
_SPACES = re.compile(r"\s+")  # runs of white space, line breaks included (wrapped names)
_EDGE_JUNK = re.compile(
    r"""
    ^(?: [\s\-–—+•*.,;:()\[\]"“”'‘’]+         # bullets, dashes, quotes and punctuation before
       | [a-zđ]\) \s* | \d+(?:\.\d+)*[.)] \s* )  # "a) ", "1. ", "2.3) " list markers
    | [\s\-–—+•*.,;:()\[\]"“”'‘’]+$            # punctuation after
    """,
    re.X,
)
# Tone marks written on the second vowel ("Hoà", "Uỷ") move to the first ("Hòa", "Ủy"), the
# placement official texts use, so canonical names read alike. Only at the end of a syllable
# ("Hoàng" is right as is) and never after "q" ("Quý" is q + u + ý).
_TONE_PLACEMENT = re.compile(
    r"""
    (?<![qQ]) (?P<first> [oO]) (?P<second> [àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]) (?!\w)   # oà, oè
    | (?<![qQ]) (?P<ufirst> [uU]) (?P<usecond> [ỳýỷỹỵỲÝỶỸỴ]) (?!\w)          # uỷ
    """,
    re.X,
)
# Abbreviations as whole tokens; a dot may end "TP." so the right edge is a non-letter.
_ABBREVIATION = re.compile(
    r"(?<![\w&])(?:"
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&])"
)
# Heads of agencies, standing for their agency; "Trưởng" keeps its "phòng"/"ban".
_TITLES = re.compile(
    r"""
    ^(?: (?: thủ\s+trưởng | giám\s+đốc | phó\s+chủ\s+tịch | chủ\s+tịch | lãnh\s+đạo
           | người\s+đứng\s+đầu | bí\s+thư | chánh (?=\s+(?:văn\s+phòng|thanh\s+tra)\b)
           | trưởng (?=\s+(?:phòng|ban)\b) )
         (?: \s*,\s* | \s+và\s+ | \s+ ) )+        # chained: "Giám đốc, Thủ trưởng các sở"
    """,
    re.X | re.I,
)
# A text that is only a unit ("các xã, thị trấn", "TP Hồ Chí Minh") stands for its People's
# Committee; unit words that begin another body ("Huyện ủy") or a noun ("Xã hội") do not.
_BARE_UNIT = re.compile(
    r"""
    ^(?: các\s+ )?                                                     # "các xã, thị trấn"
    (?: tỉnh | huyện | quận | thị\s+xã | thành\s+phố | xã | phường | thị\s+trấn | đặc\s+khu )\b
    (?! \s* (?: ủy | đoàn | đội | hội ) \b )                            # not "Huyện ủy", "Xã hội"
    """,
    re.X | re.I,
)
_UNIT_WORD = r"tỉnh|huyện|quận|thị\s+xã|thành\s+phố|tp\.?|xã|phường|thị\s+trấn|đặc\s+khu"
# A trailing place: "tỉnh Quảng Ninh", "huyện", "cấp tỉnh", "trên địa bàn tỉnh". Unit words
# that begin another body ("Tỉnh ủy", "Huyện đoàn") or a noun ("xã hội", "Hợp tác xã") are not
# places. Everything after the unit word is the place's name.
_PLACE = re.compile(
    rf"""
    \s+ (?P<place>
        (?: của\s+ | trên\s+địa\s+bàn\s+ | thuộc\s+ | cấp\s+ )?   # optional lead-in
        (?<!tác\s)(?<!tấn\s)                                         # not "Hợp tác xã"
        (?: {_UNIT_WORD} ) (?!\s*(?:ủy|đoàn|đội|hội|lộ)\b)           # the unit word
        (?: [\s\-–]+ \S+ )* )                                         # the place's name
    \s*$
    """,
    re.X | re.I,
)
# Level markers found anywhere, earliest first; specific phrases before their parts.
_LEVEL_WORDS = re.compile(
    r"""
    \b(?:
      (?P<province> đoàn\s+đại\s+biểu\s+quốc\s+hội | bộ\s+chỉ\s+huy | đảng\s+ủy\s+khối
        | tỉnh(?:\s+ủy|\s+đoàn)? | cấp\s+tỉnh )\b
    | (?P<central> chính\s+phủ | thủ\s+tướng | quốc\s+hội | trung\s+ương | ban\s+bí\s+thư
        | bộ\s+chính\s+trị | thông\s+tấn\s+xã | đài\s+truyền\s+hình\s+việt\s+nam
        | đài\s+tiếng\s+nói\s+việt\s+nam | tối\s+cao )\b
    | (?P<district> huyện | quận | thị\s+xã | thị\s+ủy | cấp\s+huyện )\b
    | (?P<city> thành\s+phố | thành\s+ủy | thành\s+đoàn | tp )\b\.?
    | (?P<commune> (?<!hợp\stác\s)xã(?!\s+hội) | phường | thị\s+trấn | đặc\s+khu | cấp\s+xã
        | khu\s+phố | tổ\s+dân\s+phố | công\s+chức )\b
    )
    """,
    re.X,
)
# Head nouns that give a level when no place word does: "Sở" province, "Phòng" district, "Bộ"
# central; only as the head of the name or of a listed item ("các Sở", ", phòng").
_HEAD_WORDS = re.compile(
    r"""
    (?:^|(?<=các\s)|(?<=,\s)|(?<=và\s))
    (?: (?P<province> sở ) | (?P<district> phòng ) | (?P<central> bộ (?!\s+phận) ) )\b
    """,
    re.X,
)
# Wordings that make a group, matched on the loose form (no marks, punctuation kept): a
# leading "các", a body then "các"/"cấp"/a count or a list of unit words, a head noun followed by
# a comma ("Sở, ngành"), or a generic noun with no proper name after it.
_COLLECTIVE = re.compile(
    r"""
    ^cac\b
    | ^(?:uy\ ban\ nhan\ dan|hoi\ dong\ nhan\ dan|dang\ uy) \ (?:cac|cap|\d+)\b
    | ^(?:uy\ ban\ nhan\ dan|hoi\ dong\ nhan\ dan)
        \ (?:xa|phuong|thi\ tran|dac\ khu|huyen|quan|thi\ xa|thanh\ pho|tinh) \ ?,
    | ^(?:so|phong|bo|ban|nganh|co\ quan|don\ vi|doan\ the|to\ chuc|hoi) \ ?,
    | ^(?:co\ quan|don\ vi|dia\ phuong|nganh|doan\ the|to\ chuc|bo\ phan|bo\ nganh
        |hoi\ doan\ the|cong\ chuc\ chuyen\ mon)\b
    """,
    re.X,
)
_DEPARTMENT_HEAD = re.compile(
    r"""
    ^(?P<head> Sở | Phòng | Bộ ) \s+    # the kind of department
    (?P<rest> \S.* )$                   # its field, maybe followed by extraction noise
    """,
    re.X | re.I,
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")  # anything but an ASCII letter or digit
# Words that name nothing on their own ("các", "có liên quan"), on folded text.
_FUNCTION_WORDS = re.compile(r"\b(?:co lien quan|lien quan|cac|va|khac|cua|nay|do|tai|trong|the)\b")
_DEPARTMENT_WORDS = max(len(k.split()) for k in DEPARTMENTS)


@dataclass(frozen=True, slots=True)
class AgencyName:
    """An agency as the graph names it.

    Attributes:
        name: canonical Vietnamese name, abbreviations expanded, place words removed:
            "Phòng Lao động - Thương binh và Xã hội".
        key: ASCII slug of ``name``: "phong-lao-dong-thuong-binh-va-xa-hoi".
        level: level of the jurisdiction the agency belongs to.
        collective: True for a group ("các sở, ban, ngành"); still one node, flagged.
        written: the agency as the text wrote it.
        place: the place words removed from the name, as written ("tỉnh Quảng Ninh"), if any.
    """

    name: str
    key: str
    level: Level
    collective: bool
    written: str
    place: str | None = None


def _ascii_table() -> dict[int, int | None]:
    """Latin letters with marks -> their base letter, combining marks -> nothing (for translate)."""
    table: dict[int, int | None] = {ord("đ"): ord("d"), ord("Đ"): ord("D")}
    for code in range(0x00C0, 0x1F00):
        base = [c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c)]
        if len(base) == 1 and base[0].isascii() and base[0] != chr(code):
            table[code] = ord(base[0])
        elif unicodedata.combining(chr(code)):
            table[code] = None
    return table


# One translate() instead of a decomposition per character: the hot path of every call.
_TO_ASCII = _ascii_table()


def _loose(text: str) -> str:
    """Lower case without diacritics, punctuation kept: "Sở, ngành" -> "so, nganh"."""
    stripped = unicodedata.normalize("NFC", text).lower().translate(_TO_ASCII)
    return _SPACES.sub(" ", stripped).strip()


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces.

    Example:
        >>> fold("Sở Lao động-Thương binh và Xã hội")
        'so lao dong thuong binh va xa hoi'
    """
    return _NON_SLUG.sub(" ", _loose(text)).strip()


@lru_cache(maxsize=CACHE_SIZE)
def agency_key(name: str) -> str:
    """The ASCII slug of an agency name: ``agency_key("Sở Y tế") == "so-y-te"``."""
    return fold(name).replace(" ", "-")


def _lower(text: str) -> str:
    # str.lower() may lengthen a string ("İ"); offsets into the lowered text must stay valid.
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _retone(match: re.Match[str]) -> str:
    first, second = (
        (match["first"], match["second"]) if match["first"] else (match["ufirst"], match["usecond"])
    )
    base, *marks = unicodedata.normalize("NFD", second)
    return unicodedata.normalize("NFC", first + "".join(marks)) + base


def _clean(written: str) -> str:
    """NFC, one space between words, no bullets or edge punctuation, tone marks placed alike."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", written)).strip()
    for _ in range(3):  # "- a) Sở Y tế:" has several layers of junk
        stripped = _EDGE_JUNK.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    return _TONE_PLACEMENT.sub(_retone, text)


def _expand(text: str) -> str:
    """Abbreviations spelled out, titles of heads dropped, a bare unit read as its committee."""
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[0]], text)
    text = _SPACES.sub(" ", text)
    rest = _TITLES.sub("", text)
    text = rest if _LETTER.search(rest) else text
    return f"Ủy ban nhân dân {text}" if _BARE_UNIT.match(text) else text


def _city_level(text: str, end: int, document_level: str) -> Level:
    """Level of a "thành phố"/"Thành ủy" marker ending at ``end`` of ``text``."""
    after = text[end:].lstrip(" .")
    if after[:1].isupper():
        return "province" if fold(after).startswith(CENTRAL_CITIES) else "district"
    if document_level in ("province", "district"):
        return document_level  # type: ignore[return-value]
    return "province" if document_level == "central" else "district"


def _level(text: str, document_level: str) -> Level:
    """The jurisdiction level: place and body words, then the head noun, else the document's."""
    lower = _lower(text)
    found = _LEVEL_WORDS.search(lower)
    if found is not None:
        if found.lastgroup == "city":
            return _city_level(text, found.end(), document_level)
        return found.lastgroup  # type: ignore[return-value]
    head = _HEAD_WORDS.search(lower)
    if head is not None:
        if head.lastgroup == "district" and document_level == "commune":
            return "commune"  # communes have had Phòng since 1 July 2025
        return head.lastgroup  # type: ignore[return-value]
    return document_level  # type: ignore[return-value]


@cache
def _province_names() -> tuple[frozenset[str], frozenset[str]]:
    """Folded names of the provinces of both eras ("dong nai", "ba ria vung tau"), and their
    last words, to reject most texts after folding one word."""
    names = frozenset(fold(u.name) for u in all_units(level="province")) - BARE_PROVINCE_EXCEPTIONS
    return names, frozenset(name.rsplit(" ", 1)[-1] for name in names)


def _strip_province_name(text: str) -> tuple[str, str | None]:
    """A bare province name at the end: ("Báo và Phát thanh, Truyền hình", "Đồng Nai")."""
    tokens = text.split(" ")
    names, last_words = _province_names()
    if fold(tokens[-1]) not in last_words:
        return text, None
    for size in range(min(PROVINCE_NAME_TOKENS, len(tokens) - 1), 0, -1):
        tail = " ".join(tokens[-size:])
        head = " ".join(tokens[:-size]).rstrip(" ,-–")
        if fold(tail) in names and len(head.split()) >= MIN_WORDS_BEFORE_PROVINCE:
            return head, tail
    return text, None


def _strip_place(text: str) -> tuple[str, str | None]:
    """Remove trailing place words: ("Sở Y tế", "tỉnh Quảng Ninh")."""
    places: list[str] = []
    for _ in range(3):  # "Công an huyện Sông Lô tỉnh Vĩnh Phúc"
        match = _PLACE.search(text)
        if match is None or not _LETTER.search(text[: match.start()]):
            break
        places.insert(0, match["place"])
        text = text[: match.start()].rstrip(" ,-–")
    if not places:
        text, province = _strip_province_name(text)
        places = [province] if province else []
    return text, " ".join(places) or None


def _department(text: str) -> str | None:
    """ "Sở Khoa học và Công nghệ phát động …" -> "Sở Khoa học và Công nghệ"; None if unknown."""
    match = _DEPARTMENT_HEAD.match(text)
    if match is None:
        return None
    words = fold(match["rest"]).split()
    for size in range(min(len(words), _DEPARTMENT_WORDS), 0, -1):
        known = DEPARTMENTS.get(" ".join(words[:size]))
        if known is not None:
            return f"{match['head'].capitalize()} {known}"
    return None


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _canonical(text: str) -> tuple[str, str | None]:
    """Canonical name of one agency, and the place words removed from it."""
    bare, place = _strip_place(text)
    known = _department(bare) or KNOWN_BODIES.get(fold(bare))
    return (known or _capitalized(bare)), place


def _collective_name(folded: str, text: str, level: Level) -> str:
    for pattern, name in COLLECTIVE_NAMES:
        if pattern.search(folded):
            if name is None:
                body = "Hội đồng nhân dân" if folded.startswith("hoi dong") else "Ủy ban nhân dân"
                return f"{body} cấp {_LEVEL_WORDS_VI[level]}"
            return name
    return _capitalized(text)


_LEVEL_WORDS_VI = {
    "central": "trung ương",
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã",
}


@lru_cache(maxsize=CACHE_SIZE)
def _resolve(written: str, document_level: str) -> AgencyName | None:
    text = _clean(written)
    folded = fold(text)
    if not _FUNCTION_WORDS.sub("", folded).strip() or len(folded.split()) > MAX_AGENCY_WORDS:
        return None
    text = _expand(text)
    level = _level(text, document_level)
    loose = _loose(text)
    if _COLLECTIVE.search(loose):
        folded = _NON_SLUG.sub(" ", loose).strip()
        if folded.startswith(("cac dia phuong", "dia phuong", "uy ban nhan dan cac dia phuong")):
            level = LEVEL_BELOW.get(document_level, level)  # type: ignore[arg-type]
        name, place, collective = _collective_name(folded, text, level), None, True
    else:
        (name, place), collective = _canonical(text), False
    key = agency_key(name)
    if not key:
        return None
    return AgencyName(name, key, level, collective, written, place)


def resolve_agency(written: str, *, document_level: str) -> AgencyName | None:
    """Canonical name, key and jurisdiction level of an agency as a text writes it.

    Args:
        written: the agency as written ("Phòng LĐTB&XH", "UBND các xã, thị trấn").
        document_level: level of the document that names it; the agency's level when its own
            words do not tell ("Hội Nông dân" in a district plan is the district's).

    Returns:
        The :class:`AgencyName`, or None when the text names no agency (empty, punctuation,
        function words only, or a clause of more than :data:`MAX_AGENCY_WORDS` words).

    Examples:
        >>> resolve_agency("Sở KH&ĐT", document_level="district").level
        'province'
        >>> resolve_agency("Ủy ban MTTQ", document_level="commune").name
        'Ủy ban Mặt trận Tổ quốc Việt Nam'
        >>> resolve_agency("các cơ quan, đơn vị có liên quan", document_level="district").collective
        True
    """
    return _resolve(written, document_level)
