"""Wording of synthetic policy documents: indicators, agencies, tasks, topics, names, numbers.

The tables here are what makes a synthetic cascade (:mod:`policykg.synthetic`) read like the
real plans of the samples: indicators worded as plans word them ("Tỷ lệ hộ nghèo giảm xuống dưới
1,5%"), agencies of each level as they are named (Sở at a province, Phòng at a district, công
chức at a commune), tasks as verb phrases an agency is given. They were written for this project
from the shapes of the five bundled samples, not copied from any document.

Example:
    >>> indicator = INDICATORS[0]
    >>> indicator.wordings[0], indicator.unit
    ('Thu nhập bình quân đầu người', 'triệu đồng/người')
    >>> format_number(27026.0, 0), format_number(1.5, 1)
    ('27.026', '1,5')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator plans set targets for.

    ``base`` holds the national values for 2025 and 2030. A ``count`` indicator (jobs, revenue)
    scales with the size of the unit and is split among children, not restated.
    """

    key: str
    wordings: tuple[str, ...]  # how plans name it; the first is the usual one
    unit: str  # as Target.unit carries it
    direction: Direction  # "up": more is better; "down": less is better
    base: tuple[float, float]  # national value for 2025, 2030
    decimals: int = 0
    cap: float | None = None  # a share cannot pass 100
    count: bool = False

    def attach(self, number: str) -> str:
        """The number with its unit as the text writes it: "1,5%", "60 triệu đồng/người"."""
        return f"{number}{self.unit}" if self.unit.startswith("%") else f"{number} {self.unit}"


def _i(key, wordings, unit, direction, base, decimals=0, cap=None, count=False) -> Indicator:
    wordings = (wordings,) if isinstance(wordings, str) else tuple(wordings)
    return Indicator(key, wordings, unit, direction, base, decimals, cap, count)


P = 100.0  # cap of a share in per cent
#: Indicators of the cascades, national values for 2025 and 2030.
INDICATORS: tuple[Indicator, ...] = (
    _i(
        "thu-nhap",
        ("Thu nhập bình quân đầu người", "Thu nhập bình quân đầu người/năm"),
        "triệu đồng/người",
        "up",
        (60, 90),
    ),
    _i(
        "ho-ngheo",
        ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều"),
        "%",
        "down",
        (1.5, 0.5),
        1,
    ),
    _i("ho-can-ngheo", "Tỷ lệ hộ cận nghèo", "%", "down", (3.0, 1.5), 1),
    _i(
        "bhyt",
        ("Tỷ lệ dân số tham gia bảo hiểm y tế", "Tỷ lệ bao phủ bảo hiểm y tế"),
        "%",
        "up",
        (95, 98),
        1,
        P,
    ),
    _i("bac-sy", ("Số bác sỹ/vạn dân", "Số bác sĩ trên một vạn dân"), "bác sỹ", "up", (11, 13), 1),
    _i(
        "giuong-benh",
        ("Số giường bệnh/vạn dân", "Tỷ lệ giường bệnh/vạn dân"),
        "giường",
        "up",
        (30, 35),
        1,
    ),
    _i("che-phu-rung", "Tỷ lệ che phủ rừng", "%", "up", (42, 43), 1, P),
    _i("lao-dong-dao-tao", "Tỷ lệ lao động qua đào tạo", "%", "up", (70, 75), 1, P),
    _i(
        "lao-dong-bang-cap",
        "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ",
        "%",
        "up",
        (28, 35),
        1,
        P,
    ),
    _i("that-nghiep", "Tỷ lệ thất nghiệp ở khu vực thành thị", "%", "down", (4.0, 3.5), 1),
    _i(
        "grdp",
        ("Tốc độ tăng trưởng kinh tế bình quân", "Tốc độ tăng trưởng GRDP bình quân"),
        "%/năm",
        "up",
        (6.5, 7.0),
        1,
    ),
    _i("cong-nghiep", "Tỷ trọng công nghiệp - xây dựng trong GRDP", "%", "up", (38, 40), 1, P),
    _i("do-thi-hoa", "Tỷ lệ đô thị hóa", "%", "up", (45, 50), 1, P),
    _i(
        "ntm",
        ("Tỷ lệ xã đạt chuẩn nông thôn mới", "Số xã đạt chuẩn nông thôn mới chiếm"),
        "%",
        "up",
        (80, 90),
        1,
        P,
    ),
    _i(
        "nuoc-sach-nt",
        "Tỷ lệ dân số nông thôn được sử dụng nước sạch đạt quy chuẩn",
        "%",
        "up",
        (65, 80),
        1,
        P,
    ),
    _i(
        "nuoc-sach-dt",
        "Tỷ lệ dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung",
        "%",
        "up",
        (95, 100),
        1,
        P,
    ),
    _i(
        "rac-do-thi",
        "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý",
        "%",
        "up",
        (95, 98),
        1,
        P,
    ),
    _i(
        "rac-nong-thon",
        "Tỷ lệ chất thải rắn sinh hoạt nông thôn được thu gom, xử lý",
        "%",
        "up",
        (80, 90),
        1,
        P,
    ),
    _i("truong-chuan", "Tỷ lệ trường học đạt chuẩn quốc gia", "%", "up", (75, 85), 1, P),
    _i(
        "mau-giao",
        "Tỷ lệ huy động trẻ em trong độ tuổi mẫu giáo đến trường",
        "%",
        "up",
        (98, 99),
        1,
        P,
    ),
    _i("tuoi-tho", "Tuổi thọ trung bình", "tuổi", "up", (74.5, 75.5), 1),
    _i(
        "thap-coi",
        "Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi",
        "%",
        "down",
        (19, 15),
        1,
    ),
    _i("tram-y-te", "Tỷ lệ trạm y tế xã đạt chuẩn quốc gia về y tế", "%", "up", (95, 100), 1, P),
    _i("quan-ly-suc-khoe", "Tỷ lệ dân số được quản lý sức khỏe", "%", "up", (90, 95), 1, P),
    _i(
        "bhxh",
        "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội",
        "%",
        "up",
        (45, 60),
        1,
        P,
    ),
    _i(
        "bh-that-nghiep",
        "Tỷ lệ lực lượng lao động tham gia bảo hiểm thất nghiệp",
        "%",
        "up",
        (35, 45),
        1,
        P,
    ),
    _i(
        "viec-lam",
        "Số lao động được giải quyết việc làm mới hằng năm",
        "lao động",
        "up",
        (1_600_000, 1_700_000),
        count=True,
    ),
    _i(
        "thu-ngan-sach",
        "Tổng thu ngân sách nhà nước trên địa bàn",
        "tỷ đồng",
        "up",
        (1_700_000, 2_400_000),
        count=True,
    ),
    _i("thoat-ngheo", "Số hộ thoát nghèo", "hộ", "up", (250_000, 200_000), count=True),
    _i(
        "gia-dinh-van-hoa",
        "Tỷ lệ hộ gia đình đạt danh hiệu \u201cGia đình văn hóa\u201d",
        "%",
        "up",
        (90, 92),
        1,
        P,
    ),
    _i("thon-van-hoa", "Tỷ lệ thôn, tổ dân phố đạt danh hiệu văn hóa", "%", "up", (85, 90), 1, P),
    _i(
        "co-so-moi-truong",
        "Tỷ lệ cơ sở sản xuất, kinh doanh đạt chuẩn về môi trường",
        "%",
        "up",
        (90, 95),
        1,
        P,
    ),
    _i(
        "tuoi-tieu",
        "Tỷ lệ diện tích đất nông nghiệp được tưới, tiêu chủ động",
        "%",
        "up",
        (85, 90),
        1,
        P,
    ),
    _i(
        "gia-tri-ha",
        "Giá trị sản phẩm thu được trên 1 ha đất trồng trọt",
        "triệu đồng/ha",
        "up",
        (120, 150),
    ),
    _i("tiem-chung", "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", "%", "up", (95, 97), 1, P),
    _i(
        "dvc-truc-tuyen",
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến",
        "%",
        "up",
        (80, 90),
        1,
        P,
    ),
    _i(
        "hai-long",
        "Tỷ lệ người dân hài lòng với dịch vụ hành chính công",
        "%",
        "up",
        (90, 95),
        1,
        P,
    ),
    _i("gioi-tinh-sinh", "Tỷ số giới tính khi sinh", "bé trai/100 bé gái", "down", (109, 108), 1),
    _i("tu-vong-tre", "Tỷ suất chết trẻ em dưới 1 tuổi", "%0", "down", (12, 10), 1),
    _i("nha-o", "Diện tích nhà ở bình quân đầu người", "m2/người", "up", (27, 30), 1),
    _i(
        "lao-dong-nong-nghiep",
        "Tỷ trọng lao động nông nghiệp trong tổng lao động xã hội",
        "%",
        "down",
        (30, 25),
        1,
    ),
    _i(
        "internet",
        "Tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng",
        "%",
        "up",
        (80, 90),
        1,
        P,
    ),
)

#: Policy subjects of the ten cascades' central resolutions ("về …" in every title below).
TOPICS: tuple[str, ...] = (
    "về nâng cao thu nhập và phúc lợi của người dân đến năm 2025, định hướng đến năm 2030",
    "về chính sách xã hội giai đoạn 2021-2030",
    "về nông nghiệp, nông dân, nông thôn đến năm 2030, tầm nhìn đến năm 2045",
    "về tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân trong tình hình mới",
    "về tiếp tục đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "về giảm nghèo bền vững giai đoạn 2021-2025, định hướng đến năm 2030",
    "về chủ động ứng phó với biến đổi khí hậu, quản lý tài nguyên và bảo vệ môi trường",
    "về phát triển văn hóa, con người đáp ứng yêu cầu phát triển bền vững",
    "về đẩy mạnh công nghiệp hóa, hiện đại hóa đến năm 2030, tầm nhìn đến năm 2045",
    "về chuyển đổi số và cải cách hành chính gắn với phục vụ người dân, doanh nghiệp",
)

# Agencies of each level, with the task domains they lead. "{t}" is the unit word of the
# issuing unit ("tỉnh", "thành phố", "huyện", "thị xã", "xã", "phường"), "{n}" its name.
# Domains: tt tuyên truyền, kt kinh tế, xh xã hội, yt y tế, gd giáo dục, nn nông nghiệp,
# mt môi trường, vh văn hóa, nv nội vụ, tc tài chính.
AGENCIES: dict[str, tuple[tuple[str, str], ...]] = {
    "central": (
        ("Bộ Kế hoạch và Đầu tư", "kt tc"),
        ("Bộ Tài chính", "tc"),
        ("Bộ Lao động - Thương binh và Xã hội", "xh"),
        ("Bộ Y tế", "yt"),
        ("Bộ Giáo dục và Đào tạo", "gd"),
        ("Bộ Nông nghiệp và Phát triển nông thôn", "nn"),
        ("Bộ Tài nguyên và Môi trường", "mt"),
        ("Bộ Xây dựng", "kt mt"),
        ("Bộ Công Thương", "kt"),
        ("Bộ Thông tin và Truyền thông", "tt nv"),
        ("Bộ Văn hóa, Thể thao và Du lịch", "vh"),
        ("Bộ Nội vụ", "nv"),
        ("Bộ Tư pháp", "nv"),
        ("Bộ Khoa học và Công nghệ", "kt"),
        ("Ủy ban Dân tộc", "xh"),
        ("Bảo hiểm xã hội Việt Nam", "xh yt"),
        ("Ngân hàng Nhà nước Việt Nam", "tc"),
        ("Ban Tuyên giáo Trung ương", "tt vh"),
    ),
    "province": (
        ("Sở Kế hoạch và Đầu tư", "kt tc"),
        ("Sở Tài chính", "tc"),
        ("Sở Lao động - Thương binh và Xã hội", "xh"),
        ("Sở Y tế", "yt"),
        ("Sở Giáo dục và Đào tạo", "gd"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "nn"),
        ("Sở Tài nguyên và Môi trường", "mt"),
        ("Sở Xây dựng", "kt mt"),
        ("Sở Công Thương", "kt"),
        ("Sở Thông tin và Truyền thông", "tt nv"),
        ("Sở Văn hóa, Thể thao và Du lịch", "vh"),
        ("Sở Nội vụ", "nv"),
        ("Sở Tư pháp", "nv"),
        ("Sở Khoa học và Công nghệ", "kt"),
        ("Ban Dân tộc {t}", "xh"),
        ("Bảo hiểm xã hội {t}", "xh yt"),
        ("Công an {t}", "nv"),
        ("Báo {n}", "tt"),
        ("Đài Phát thanh và Truyền hình {t}", "tt vh"),
        ("Cục Thống kê {t}", "kt"),
    ),
    "district": (
        ("Phòng Tài chính - Kế hoạch", "kt tc"),
        ("Phòng Lao động - Thương binh và Xã hội", "xh"),
        ("Phòng Y tế", "yt"),
        ("Phòng Giáo dục và Đào tạo", "gd"),
        ("Phòng Tài nguyên và Môi trường", "mt"),
        ("Phòng Nông nghiệp và Phát triển nông thôn", "nn"),
        ("Phòng Kinh tế và Hạ tầng", "kt mt"),
        ("Phòng Văn hóa và Thông tin", "tt vh"),
        ("Phòng Nội vụ", "nv"),
        ("Phòng Tư pháp", "nv"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {t}", "nv"),
        ("Trung tâm Y tế {t}", "yt"),
        ("Trung tâm Văn hóa, Thông tin và Thể thao {t}", "tt vh"),
        ("Công an {t}", "nv"),
        ("Bảo hiểm xã hội {t}", "xh yt"),
        ("Chi cục Thống kê {t}", "kt"),
    ),
    "commune": (
        ("công chức Văn hóa - Xã hội", "vh xh tt"),
        ("công chức Tài chính - Kế toán", "tc kt"),
        ("công chức Địa chính - Xây dựng", "mt kt nn"),
        ("công chức Tư pháp - Hộ tịch", "nv"),
        ("công chức Văn phòng - Thống kê", "nv kt"),
        ("Công an {t}", "nv"),
        ("Trạm Y tế {t}", "yt"),
        ("Trường Trung học cơ sở", "gd"),
        ("Trường Mầm non", "gd"),
        ("Ban Chỉ huy Quân sự {t}", "nv"),
        ("Ban quản lý xây dựng nông thôn mới {t}", "nn mt"),
        ("Hợp tác xã nông nghiệp", "nn kt"),
    ),
}
#: Mass organizations, asked ("Đề nghị …") rather than ordered; "{t}" as above.
REQUESTED: dict[str, tuple[str, ...]] = {
    "central": (
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "Tổng Liên đoàn Lao động Việt Nam",
        "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
        "Trung ương Hội Nông dân Việt Nam",
    ),
    "province": (
        "Ủy ban Mặt trận Tổ quốc Việt Nam {t}",
        "Hội Liên hiệp Phụ nữ {t}",
        "Hội Nông dân {t}",
        "Hội Cựu chiến binh {t}",
        "Liên đoàn Lao động {t}",
        "các tổ chức chính trị - xã hội {t}",
    ),
    "district": (
        "Ủy ban Mặt trận Tổ quốc Việt Nam {t}",
        "Hội Liên hiệp Phụ nữ {t}",
        "Hội Nông dân {t}",
        "Hội Cựu chiến binh {t}",
        "Đoàn Thanh niên {t}",
        "các tổ chức chính trị - xã hội {t}",
    ),
    "commune": (
        "Ủy ban Mặt trận Tổ quốc Việt Nam {t}",
        "Hội Liên hiệp Phụ nữ {t}",
        "Hội Nông dân {t}",
        "Hội Cựu chiến binh {t}",
        "Đoàn Thanh niên {t}",
        "các đoàn thể",
    ),
}
#: Groups that support at each level; "{c}" is the list of the units below ("xã, thị trấn").
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "central": (
        "các bộ, ngành",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        "các cơ quan, đơn vị có liên quan",
    ),
    "province": (
        "các sở, ban, ngành",
        "các sở, ngành liên quan",
        "Ủy ban nhân dân các {c}",
        "các cơ quan, đơn vị có liên quan",
    ),
    "district": (
        "các phòng, ban, ngành",
        "Ủy ban nhân dân các {c}",
        "các cơ quan, đơn vị có liên quan",
    ),
    "commune": ("các ban, ngành, đoàn thể", "các thôn, tổ dân phố", "các đơn vị liên quan"),
}
#: Abbreviated forms a plan may use instead; applied to a share of mentions.
ABBREVIATED: dict[str, str] = {
    "Lao động - Thương binh và Xã hội": "LĐTB&XH",
    "Kế hoạch và Đầu tư": "KH&ĐT",
    "Tài nguyên và Môi trường": "TN&MT",
    "Giáo dục và Đào tạo": "GD&ĐT",
    "Văn hóa, Thể thao và Du lịch": "VH-TT&DL",
    "Nông nghiệp và Phát triển nông thôn": "NN&PTNT",
    "Tài chính - Kế hoạch": "TC-KH",
    "Ủy ban nhân dân": "UBND",
    "Mặt trận Tổ quốc Việt Nam": "MTTQ",
}

#: Tasks by domain: what an agency is given, as a verb phrase (no final dot).
TASKS: dict[str, tuple[str, ...]] = {
    "tt": (
        "tổ chức tuyên truyền, phổ biến sâu rộng nội dung {d} đến cán bộ, đảng viên và Nhân dân",
        "xây dựng chuyên trang, chuyên mục phản ánh kết quả thực hiện {d}",
        "biểu dương, nhân rộng các mô hình hay, cách làm hiệu quả trong thực hiện {d}",
    ),
    "kt": (
        "rà soát, đề xuất danh mục dự án trọng điểm giai đoạn 2021-2025 để thực hiện {d}",
        "tham mưu cơ chế, chính sách thu hút đầu tư, phát triển doanh nghiệp trên địa bàn",
        "theo dõi, tổng hợp tình hình thực hiện các chỉ tiêu kinh tế - xã hội hằng năm",
    ),
    "tc": (
        "cân đối, bố trí kinh phí thực hiện các nhiệm vụ của {d} trong dự toán hằng năm",
        "hướng dẫn việc quản lý, sử dụng và thanh quyết toán kinh phí theo đúng quy định",
        "lồng ghép các nguồn vốn chương trình mục tiêu quốc gia để thực hiện các chỉ tiêu",
    ),
    "xh": (
        "triển khai đồng bộ các chính sách hỗ trợ hộ nghèo, hộ cận nghèo và người có công",
        "đẩy mạnh đào tạo nghề, giải quyết việc làm cho lao động nông thôn",
        "rà soát, phân loại hộ nghèo, hộ cận nghèo hằng năm bảo đảm chính xác, công khai",
    ),
    "yt": (
        "nâng cao chất lượng khám bệnh, chữa bệnh tại tuyến cơ sở",
        "vận động Nhân dân tham gia bảo hiểm y tế, hướng tới bảo hiểm y tế toàn dân",
        "triển khai công tác quản lý sức khỏe người dân bằng hồ sơ sức khỏe điện tử",
    ),
    "gd": (
        "đầu tư cơ sở vật chất, xây dựng trường học đạt chuẩn quốc gia",
        "nâng cao chất lượng giáo dục toàn diện, duy trì kết quả phổ cập giáo dục",
        "đẩy mạnh giáo dục hướng nghiệp và phân luồng học sinh sau trung học cơ sở",
    ),
    "nn": (
        "chuyển đổi cơ cấu cây trồng, vật nuôi theo hướng sản xuất hàng hóa gắn với chuỗi giá trị",
        "triển khai Chương trình mỗi xã một sản phẩm, nâng hạng sản phẩm OCOP",
        "duy trì và nâng cao chất lượng các tiêu chí nông thôn mới",
    ),
    "mt": (
        "tăng cường kiểm tra, xử lý vi phạm pháp luật về bảo vệ môi trường",
        "thu gom, xử lý chất thải rắn sinh hoạt bảo đảm vệ sinh môi trường",
        "quản lý chặt chẽ việc sử dụng đất, tài nguyên khoáng sản, tài nguyên nước",
    ),
    "vh": (
        "đẩy mạnh phong trào \u201cToàn dân đoàn kết xây dựng đời sống văn hóa\u201d",
        "bảo tồn, phát huy giá trị di sản văn hóa gắn với phát triển du lịch",
        "nâng cao hiệu quả hoạt động của thiết chế văn hóa, thể thao cơ sở",
    ),
    "nv": (
        "đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
        "kiện toàn tổ chức bộ máy, nâng cao chất lượng đội ngũ cán bộ, công chức",
        "bảo đảm an ninh chính trị, trật tự, an toàn xã hội trên địa bàn",
    ),
}
#: What a lower level's People's Committees are told to do ("{d}": the document named).
DOWNWARD_TASK = (
    "căn cứ nội dung {d} xây dựng kế hoạch thực hiện phù hợp với tình hình thực tế của địa phương"
)
#: What mass organizations are asked to do.
REQUESTED_TASK = (
    "tăng cường tuyên truyền, vận động hội viên, đoàn viên và Nhân dân tích cực thực hiện {d}"
)
#: What the monitoring agency leads, in the closing section.
MONITOR_TASK = (
    "Chủ trì, theo dõi, đôn đốc, tổng hợp kết quả thực hiện {d}, định kỳ báo cáo theo quy định"
)
#: Headings of the task groups, by domain.
TASK_HEADINGS: dict[str, str] = {
    "tt": "Công tác tuyên truyền, quán triệt",
    "kt": "Phát triển kinh tế, thu hút đầu tư",
    "tc": "Bảo đảm nguồn lực",
    "xh": "Giảm nghèo, an sinh xã hội và việc làm",
    "yt": "Chăm sóc sức khỏe Nhân dân",
    "gd": "Giáo dục và đào tạo",
    "nn": "Nông nghiệp, nông thôn",
    "mt": "Tài nguyên, môi trường",
    "vh": "Văn hóa, xã hội",
    "nv": "Cải cách hành chính, quốc phòng, an ninh",
}

#: Parts of signers' names.
SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
)
MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Công")
GIVEN_NAMES = (
    "Hùng",
    "Sơn",
    "Hạnh",
    "Lan",
    "Tuấn",
    "Dũng",
    "Hải",
    "Hà",
    "Long",
    "Thắng",
    "Bình",
    "Cường",
    "Hiếu",
    "Hoa",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Trung",
    "Việt",
    "Thảo",
    "Khánh",
)


def format_number(value: float, decimals: int) -> str:
    """A number as Vietnamese texts write it: "." between thousands, "," before decimals.

    Trailing zero decimals are dropped ("95", not "95,0"), as plans write them.

    Examples:
        >>> format_number(27026, 0), format_number(87.5, 1), format_number(95.0, 1)
        ('27.026', '87,5', '95')
    """
    text = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def phrase_target(
    indicator: Indicator, comparator: str, value: float, value_max: float | None, variant: int
) -> str:
    """The part of a target clause after the indicator: "giảm xuống dưới 1,5%".

    Args:
        indicator: what is measured.
        comparator: one of Target's comparators.
        value: the value (the lower bound of a range).
        value_max: the upper bound of a range.
        variant: picks one of the wordings plans use for the same comparator.
    """
    number = indicator.attach(format_number(value, indicator.decimals))
    down = indicator.direction == "down"
    if comparator == "range":
        upper = indicator.attach(format_number(value_max or value, indicator.decimals))
        low = format_number(value, indicator.decimals)
        return f"{'giảm còn' if down else 'đạt'} {low}-{upper}"
    wordings = {
        ">": ("đạt trên", "đạt trên"),
        ">=": ("đạt từ {} trở lên", "đạt ít nhất"),
        "<": ("giảm xuống dưới", "còn dưới"),
        "<=": ("không quá", "giảm còn không quá"),
        "~": ("giảm còn khoảng" if down else "đạt khoảng", "ở mức khoảng"),
        "=": ("giảm còn" if down else "đạt", "đạt" if not down else "giảm xuống còn"),
    }[comparator]
    wording = wordings[variant % 2]
    return wording.format(number) if "{}" in wording else f"{wording} {number}"


#: Section IV of party documents: whom the party committee charges with what. "{u}" is the
#: committee ("Tỉnh ủy", "Thành ủy", "Đảng ủy"), "{t}" the unit word, "{d}" the document.
PARTY_DUTIES: dict[str, tuple[tuple[str, str], ...]] = {
    "central": (
        (
            "Các tỉnh ủy, thành ủy, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
            "tổ chức học tập, quán triệt và xây dựng chương trình hành động thực hiện {d}",
        ),
        (
            "Ban cán sự đảng Chính phủ",
            "lãnh đạo xây dựng Chương trình hành động của Chính phủ thực hiện {d}",
        ),
        ("Đảng đoàn Quốc hội", "lãnh đạo rà soát, sửa đổi, bổ sung các luật có liên quan"),
        ("Ban Tuyên giáo Trung ương", "hướng dẫn việc học tập, quán triệt, tuyên truyền {d}"),
        ("Ủy ban Kiểm tra Trung ương", "kiểm tra, giám sát việc thực hiện {d}"),
        (
            "Văn phòng Trung ương Đảng",
            "theo dõi, đôn đốc, định kỳ tổng hợp tình hình thực hiện {d}",
        ),
    ),
    "province": (
        ("Ban cán sự đảng Ủy ban nhân dân {t}", "lãnh đạo xây dựng kế hoạch thực hiện {d}"),
        (
            "Đảng đoàn Hội đồng nhân dân {t}",
            "lãnh đạo ban hành cơ chế, chính sách thực hiện các mục tiêu của {d}",
        ),
        ("Ban Tuyên giáo {u}", "hướng dẫn việc học tập, quán triệt, tuyên truyền {d}"),
        ("Ủy ban Kiểm tra {u}", "kiểm tra, giám sát việc thực hiện {d}"),
        (
            "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc {u}",
            "xây dựng chương trình, kế hoạch thực hiện {d} sát với thực tế địa phương",
        ),
        ("Văn phòng {u}", "theo dõi, đôn đốc, định kỳ tổng hợp tình hình thực hiện {d}"),
    ),
    "commune": (
        ("Ủy ban nhân dân {t}", "xây dựng kế hoạch cụ thể hóa các chỉ tiêu của {d}"),
        ("Các chi bộ trực thuộc", "tổ chức quán triệt, xây dựng kế hoạch thực hiện {d}"),
        ("Văn phòng {u}", "theo dõi, đôn đốc, tổng hợp kết quả thực hiện {d}"),
    ),
}
#: The agency that monitors a plan, at each level ("{t}" as above).
MONITORS: dict[str, str] = {
    "central": "Bộ Kế hoạch và Đầu tư",
    "province": "Sở Kế hoạch và Đầu tư",
    "district": "Phòng Tài chính - Kế hoạch",
    "commune": "công chức Văn phòng - Thống kê",
}
