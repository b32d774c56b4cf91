"""The six kinds of document of a synthetic cascade, each written as real ones are laid out.

Each ``compose_*`` function takes the document's own random generator, its symbol and date,
its unit and the documents it cites, and returns its Record together with the :class:`Parent`
its children will cite. Relations follow the loaders' reading: the document named in the title
("Thực hiện Chương trình số 34-CTr/TU …") is implemented, the first one after "Căn cứ" is a
basis, any other citation is a mention; every non-central document implements exactly one.

Example:
    >>> import random
    >>> record, parent = compose_politburo(random.Random(1), "16-NQ/TW", date(2020, 3, 2), 0, ())
    >>> record.document.issuer, parent.issuers[0]
    ('Bộ Chính trị', 'Bộ Chính trị')
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from policykg.loaders.places import Unit, children
from policykg.loaders.record import Record
from policykg.synthetic_compose import (
    Builder,
    Goal,
    Issuer,
    Parent,
    _fill,
    finish,
    write_goals,
    write_header,
    write_organization,
    write_signature,
    write_tasks,
)
from policykg.synthetic_text import TOPICS

#: Share of district plans also based on the district party committee's plan (KH/HU).
DISTRICT_PARTY_BASIS_SHARE = 0.5
#: Share of district plans that also mention the provincial party programme.
PARTY_MENTION_SHARE = 0.3
#: Days before a district plan that the district party committee's plan is dated (inclusive).
PARTY_PLAN_LEAD_DAYS = (3, 20)
_UBND_SIGNATURES = (
    "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
)
_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM\n\n"
#: The law every Government resolution is based on; cited by name, without a number.
_GOVERNMENT_LAW = "Luật Tổ chức Chính phủ"
_PARTY_SIGNATURES = ("T/M BAN THƯỜNG VỤ\nBÍ THƯ", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ")


def _source(seed: int, cascade: int, unit: Unit | None, doc_type: str) -> str:
    return f"synthetic/{seed}-{cascade}/{unit.code if unit else 'tw'}-{doc_type}.txt"


def _title(b: Builder, rng: random.Random, lead: str, ref: Parent | None, topic: str) -> None:
    """The trích yếu line: "Thực hiện <cited document> <topic>", its span noted."""
    start = b.size
    b.add(lead)
    if ref is not None:
        b.cite(ref, "implements", rng)
        b.add(" ")
    b.add(topic)
    b.spans["title"] = (start, b.size)
    b.add("\n\n")


def _purpose(b: Builder, rng: random.Random, politburo: Parent, also: Parent | None = None) -> None:
    """Section I: what the plan is for, mentioning the central resolution."""
    b.add("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nQuán triệt và cụ thể hóa các mục tiêu, nhiệm vụ của ")
    b.cite(politburo, "mentions", rng)
    if also is not None:
        b.add(" và ")
        b.cite(also, "mentions", rng)
    b.add(", phù hợp với tình hình thực tế.\n")
    b.add(
        "2. Yêu cầu\nXác định rõ nhiệm vụ trọng tâm, lộ trình thực hiện và trách nhiệm "
        "của từng cơ quan, "
        "đơn vị; bảo đảm sự phối hợp chặt chẽ, thường xuyên trong quá trình tổ chức thực hiện.\n"
    )


def _body(
    b: Builder,
    rng: random.Random,
    level: str,
    issuer: Issuer,
    goals: tuple[Goal, ...],
    self_name: str,
    party: bool,
) -> None:
    write_goals(b, rng, goals, issuer.fill)
    write_tasks(b, rng, level, issuer.fill, self_name)
    write_organization(b, rng, level, issuer.fill, self_name, party)


def _unit_issuer(unit: Unit, body: str, header_body: str, place: str) -> Issuer:
    word = "thành phố" if unit.kind == "thành phố trực thuộc trung ương" else unit.kind
    return Issuer(
        f"{body} {word} {unit.name}",
        f"{header_body}\n{word.upper()} {unit.name.upper()}",
        unit.level,
        place,
        _fill(unit, children(unit)),
        unit,
    )


def compose_politburo(
    rng: random.Random,
    symbol: str,
    issued: date,
    cascade: int,
    goals: tuple[Goal, ...],
    *,
    seed: int = 0,
) -> tuple[Record, Parent]:
    """The Politburo's resolution that starts a cascade."""
    topic = TOPICS[cascade % len(TOPICS)]
    issuer = Issuer("Bộ Chính trị", "BỘ CHÍNH TRỊ", "central", "Hà Nội", _fill(None, []))
    b = Builder()
    b.add("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố ")
    b.spans["symbol"] = b.add(symbol)
    b.add(f"\n\n{_PARTY}Hà Nội, ngày ")
    b.spans["issued"] = b.add(f"{issued.day:02d} tháng {issued.month:02d} năm {issued.year}")
    b.add("\n\nNGHỊ QUYẾT\nCỦA ")
    b.spans["issuer"] = b.add("BỘ CHÍNH TRỊ")
    b.add("\n")
    _title(b, rng, "", None, topic[0].upper() + topic[1:])
    b.add(
        "I. TÌNH HÌNH VÀ NGUYÊN NHÂN\nCác cấp ủy, chính quyền đã tích cực triển khai, "
        "đạt nhiều kết quả "
        "quan trọng; tuy nhiên một số mục tiêu chưa đạt, chuyển biến chưa đồng đều giữa các vùng.\n"
    )
    _body(b, rng, "central", issuer, goals, "Nghị quyết", party=True)
    write_signature(b, rng, "T/M BỘ CHÍNH TRỊ")
    record = finish(
        b,
        issuer,
        symbol=symbol,
        doc_type="NQ",
        issued=issued,
        source=_source(seed, cascade, None, "NQ"),
    )
    return record, Parent(
        symbol, "NQ", "Nghị quyết", issued, ("Bộ Chính trị",), "central", topic, goals
    )


def compose_government(
    rng: random.Random,
    symbol: str,
    issued: date,
    politburo: Parent,
    goals: tuple[Goal, ...],
    *,
    seed: int,
    cascade: int,
) -> tuple[Record, Parent]:
    """The Government's resolution issuing its action programme."""
    issuer = Issuer("Chính phủ", "CHÍNH PHỦ", "central", "Hà Nội", _fill(None, []))
    b = Builder()
    write_header(b, issuer, symbol, issued, party=False)
    b.add("NGHỊ QUYẾT\n")
    _title(
        b,
        rng,
        "Ban hành Chương trình hành động của Chính phủ thực hiện ",
        politburo,
        politburo.topic,
    )
    b.add("CHÍNH PHỦ\nCăn cứ ")
    law = b.add(_GOVERNMENT_LAW)
    b.citations[_GOVERNMENT_LAW] = {
        "symbol": None,
        "relation": "based_on",
        "issuer_scope": "central",
        "name": _GOVERNMENT_LAW,
        "spans": [law],
    }
    b.add(
        " ngày 19 tháng 6 năm 2015;\nQUYẾT NGHỊ:\nĐiều 1. Ban hành kèm theo Nghị quyết này "
        "Chương trình "
        "hành động của Chính phủ thực hiện "
    )
    b.cite(politburo, "implements", rng)
    b.add(
        ".\nĐiều 2. Nghị quyết này có hiệu lực kể từ ngày ký ban hành.\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
    )
    _purpose(b, rng, politburo)
    _body(b, rng, "central", issuer, goals, "Chương trình hành động này", party=False)
    write_signature(b, rng, "TM. CHÍNH PHỦ\nTHỦ TƯỚNG")
    record = finish(
        b,
        issuer,
        symbol=symbol,
        doc_type="NQ",
        issued=issued,
        source=_source(seed, cascade, None, "NQ-CP"),
    )
    return record, Parent(
        symbol, "NQ", "Nghị quyết", issued, ("Chính phủ",), "central", politburo.topic, goals
    )


def compose_party_programme(
    rng: random.Random,
    symbol: str,
    issued: date,
    unit: Unit,
    politburo: Parent,
    goals: tuple[Goal, ...],
    *,
    seed: int,
    cascade: int,
) -> tuple[Record, Parent]:
    """A provincial party committee's action programme (CTr/TU)."""
    fill = _fill(unit, children(unit))
    committee = fill["u"]
    issuer = Issuer(
        f"{committee} {unit.name}",
        f"{committee.upper()} {unit.name.upper()}",
        "province",
        unit.name,
        fill,
        unit,
    )
    b = Builder()
    write_header(b, issuer, symbol, issued, party=True)
    b.add("CHƯƠNG TRÌNH HÀNH ĐỘNG\n")
    _title(b, rng, "Thực hiện ", politburo, politburo.topic)
    b.add("Thực hiện ")
    b.cite(politburo, "implements", rng)
    b.add(f", Ban Thường vụ {committee} xây dựng Chương trình hành động như sau:\n")
    _purpose(b, rng, politburo)
    _body(b, rng, "province", issuer, goals, "Chương trình hành động này", party=True)
    write_signature(b, rng, rng.choice(_PARTY_SIGNATURES))
    record = finish(
        b,
        issuer,
        symbol=symbol,
        doc_type="CTr",
        issued=issued,
        source=_source(seed, cascade, unit, "CTr-TU"),
    )
    issuers = (f"Ban Thường vụ {committee}", committee, f"Ban Thường vụ {committee} {unit.name}")
    return record, Parent(
        symbol, "CTr", "Chương trình", issued, issuers, "province", politburo.topic, goals
    )


def compose_province_plan(
    rng: random.Random,
    symbol: str,
    issued: date,
    unit: Unit,
    party: Parent,
    government: Parent,
    politburo: Parent,
    goals: tuple[Goal, ...],
    *,
    seed: int,
    cascade: int,
) -> tuple[Record, Parent]:
    """A provincial People's Committee's plan (KH-UBND)."""
    issuer = _unit_issuer(unit, "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", unit.name)
    word = issuer.fill["t"]
    b = Builder()
    write_header(b, issuer, symbol, issued, party=False)
    b.add("KẾ HOẠCH\n")
    _title(b, rng, "Thực hiện ", party, party.topic)
    b.add("Căn cứ ")
    b.cite(government, "based_on", rng)
    b.add(" ban hành Chương trình hành động của Chính phủ thực hiện ")
    b.cite(politburo, "mentions", rng)
    b.add(";\nThực hiện ")
    b.cite(party, "implements", rng)
    b.add(f", Ủy ban nhân dân {word} ban hành Kế hoạch thực hiện như sau:\n")
    _purpose(b, rng, politburo)
    _body(b, rng, "province", issuer, goals, "Kế hoạch này", party=False)
    write_signature(b, rng, rng.choice(_UBND_SIGNATURES))
    record = finish(
        b,
        issuer,
        symbol=symbol,
        doc_type="KH",
        issued=issued,
        source=_source(seed, cascade, unit, "KH-UBND"),
    )
    issuers = (f"Ủy ban nhân dân {word}", f"UBND {word}", f"Ủy ban nhân dân {word} {unit.name}")
    return record, Parent(symbol, "KH", "Kế hoạch", issued, issuers, "province", party.topic, goals)


def compose_district(
    rng: random.Random,
    symbol: str,
    issued: date,
    unit: Unit,
    plan: Parent,
    politburo: Parent,
    party: Parent,
    goals: tuple[Goal, ...],
    *,
    seed: int,
    cascade: int,
) -> tuple[Record, Parent]:
    """A district People's Committee's plan (KH-UBND), implementing the provincial plan."""
    issuer = _unit_issuer(unit, "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", unit.name)
    word, committee = issuer.fill["t"], issuer.fill["u"]
    b = Builder()
    write_header(b, issuer, symbol, issued, party=False)
    b.add("KẾ HOẠCH\n")
    _title(b, rng, "Thực hiện ", plan, plan.topic)
    if rng.random() < DISTRICT_PARTY_BASIS_SHARE:
        lead = timedelta(days=rng.randint(*PARTY_PLAN_LEAD_DAYS))
        number = int(symbol.split("/")[0]) + rng.randrange(1, 9) * 16
        basis = Parent(
            f"{number}-KH/HU",
            "KH",
            "Kế hoạch",
            max(issued - lead, plan.issued),
            (f"Ban Thường vụ {committee}",),
            "district",
            plan.topic,
        )
        b.add("Căn cứ ")
        b.cite(basis, "based_on", rng)
        b.add(";\n")
    b.add("Thực hiện ")
    b.cite(plan, "implements", rng)
    b.add(f", Ủy ban nhân dân {word} ban hành Kế hoạch thực hiện như sau:\n")
    _purpose(b, rng, politburo, party if rng.random() < PARTY_MENTION_SHARE else None)
    _body(b, rng, "district", issuer, goals, "Kế hoạch này", party=False)
    write_signature(b, rng, rng.choice(_UBND_SIGNATURES))
    record = finish(
        b,
        issuer,
        symbol=symbol,
        doc_type="KH",
        issued=issued,
        source=_source(seed, cascade, unit, "KH-UBND"),
    )
    issuers = (f"Ủy ban nhân dân {word} {unit.name}", f"UBND {word}", f"Ủy ban nhân dân {word}")
    return record, Parent(symbol, "KH", "Kế hoạch", issued, issuers, "district", plan.topic, goals)


def compose_commune(
    rng: random.Random,
    symbol: str,
    issued: date,
    unit: Unit,
    parent: Parent,
    politburo: Parent,
    goals: tuple[Goal, ...],
    *,
    seed: int,
    cascade: int,
) -> tuple[Record, Parent]:
    """A commune's programme: the People's Committee's (CTr-UBND) or the party's (CTr/ĐU)."""
    party = symbol.endswith("/ĐU")
    body = "Đảng ủy" if party else "Ủy ban nhân dân"
    issuer = _unit_issuer(unit, body, body.upper(), unit.name)
    b = Builder()
    write_header(b, issuer, symbol, issued, party=party)
    b.add("CHƯƠNG TRÌNH HÀNH ĐỘNG\n")
    _title(b, rng, "Thực hiện ", parent, parent.topic)
    b.add("Thực hiện ")
    b.cite(parent, "implements", rng)
    b.add(f", {body} {issuer.fill['t']} xây dựng Chương trình hành động như sau:\n")
    _purpose(b, rng, politburo)
    _body(b, rng, "commune", issuer, goals, "Chương trình này", party=party)
    write_signature(b, rng, "T/M ĐẢNG ỦY\nBÍ THƯ" if party else rng.choice(_UBND_SIGNATURES))
    doc_type = "CTr"
    record = finish(
        b,
        issuer,
        symbol=symbol,
        doc_type=doc_type,
        issued=issued,
        source=_source(seed, cascade, unit, "CTr-DU" if party else "CTr-UBND"),
    )
    return record, Parent(
        symbol, doc_type, "Chương trình", issued, (issuer.name,), "commune", parent.topic, goals
    )
