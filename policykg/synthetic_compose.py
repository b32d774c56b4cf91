"""Composing one synthetic document: its text from parts, and the Record with exact spans.

:class:`Builder` appends the text piece by piece and notes the span of every piece a fact
rests on (the symbol, the date, a cited symbol, a target clause, an assignment sentence), so a
Record's spans are right by construction. The ``compose_*`` functions write one kind of
document each, in the order and wording of real plans (see the bundled samples).

Example:
    >>> b = Builder()
    >>> _ = b.add("Số: ")
    >>> span = b.add("91/KH-UBND")
    >>> b.text()[span[0]:span[1]]
    '91/KH-UBND'
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date

from policykg.loaders.places import Unit
from policykg.loaders.record import Assignment, Citation, DocumentMeta, Record, Target
from policykg.synthetic_text import (
    ABBREVIATED,
    AGENCIES,
    COLLECTIVES,
    DOWNWARD_TASK,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    MONITOR_TASK,
    MONITORS,
    PARTY_DUTIES,
    REQUESTED,
    REQUESTED_TASK,
    SURNAMES,
    TASK_HEADINGS,
    TASKS,
    Indicator,
    phrase_target,
)

Span = tuple[int, int]
#: Hex digits of the content hash in a Record-local document id (as the loaders make it).
LOCAL_ID_HEX = 16
#: Share of agency mentions written with an abbreviation ("Sở KH&ĐT").
ABBREVIATION_SHARE = 0.15
#: Share of indicators written with the unit after them ("… của huyện").
INDICATOR_SUFFIX_SHARE = 0.15
#: Task groups in section III, tasks per group, and how many agencies support one task.
TASK_GROUPS = 5
TASKS_PER_GROUP = 2
SUPPORTERS = (0, 1, 1, 2, 2, 3)
#: Share of supporters that are groups ("các sở, ban, ngành").
COLLECTIVE_SUPPORT_SHARE = 0.25
#: Ordering of unit kinds when a plan lists them ("huyện, thị xã, thành phố").
KIND_ORDER = ("huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn")

_GENERAL_GOAL = (
    "Phấn đấu thực hiện thắng lợi các mục tiêu, nhiệm vụ đề ra, nâng cao đời sống vật chất, "
    "tinh thần của Nhân dân, bảo đảm phát triển nhanh và bền vững.\n"
)
_NATIONAL_HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
_PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM\n\n"


@dataclass(frozen=True, slots=True)
class Goal:
    """A target as a document sets it, before it is worded."""

    indicator: Indicator
    year: int
    comparator: str
    value: float
    value_max: float | None = None


@dataclass(frozen=True, slots=True)
class Parent:
    """What a child document knows of the one it cites: how to name it, and its targets."""

    symbol: str
    doc_type: str
    kind: str  # the type word in running text: "Nghị quyết", "Chương trình", "Kế hoạch"
    issued: date
    issuers: tuple[str, ...]  # how children write its issuer: ("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy")
    level: str
    topic: str
    goals: tuple[Goal, ...] = ()


class Builder:
    """Text written piece by piece, with the facts and their spans."""

    __slots__ = ("_parts", "_size", "spans", "citations", "targets", "assignments")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self.spans: dict[str, Span] = {}
        self.citations: dict[str, dict] = {}
        self.targets: list[Target] = []
        self.assignments: list[Assignment] = []

    def add(self, text: str) -> Span:
        """Append ``text``; its span."""
        start = self._size
        self._parts.append(text)
        self._size += len(text)
        return start, self._size

    @property
    def size(self) -> int:
        return self._size

    def cite(self, ref: Parent, relation: str, rng: random.Random) -> None:
        """Write "Kế hoạch số 91/KH-UBND ngày 26/04/2021 của Ủy ban nhân dân tỉnh"."""
        self.add(f"{ref.kind} số ")
        span = self.add(ref.symbol)
        issuer = rng.choice(ref.issuers)
        self.add(f" ngày {ref.issued:%d/%m/%Y} của {issuer}")
        entry = self.citations.get(ref.symbol)
        if entry is None:  # the first mention decides the relation, as in the loaders
            self.citations[ref.symbol] = {
                "symbol": ref.symbol,
                "doc_type": ref.doc_type,
                "issued": ref.issued,
                "issuer": issuer,
                "issuer_scope": ref.level,
                "relation": relation,
                "spans": [span],
            }
        else:
            entry["spans"].append(span)

    def text(self) -> str:
        return "".join(self._parts)


@dataclass(frozen=True)
class Issuer:
    """The issuing body of a document and the words around it."""

    name: str  # "Ủy ban nhân dân tỉnh Quảng Ninh"
    header: str  # "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH"
    level: str
    place: str  # place of the place-and-date line
    fill: dict  # placeholders of the agency tables: t, n, c, u
    unit: Unit | None = None


def _fill(unit: Unit | None, lower: list[Unit]) -> dict:
    """Placeholders for agency names: unit word, name, units below, party committee."""
    if unit is None:
        return {"t": "", "n": "", "c": "tỉnh, thành phố", "u": "Trung ương"}
    word = "thành phố" if unit.kind == "thành phố trực thuộc trung ương" else unit.kind
    kinds = sorted(
        {u.kind for u in lower}, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99
    )
    committee = {
        "tỉnh": "Tỉnh ủy",
        "thành phố": "Thành ủy",
        "huyện": "Huyện ủy",
        "quận": "Quận ủy",
        "thị xã": "Thị ủy",
    }.get(word, "Đảng ủy")
    return {"t": word, "n": unit.name, "c": ", ".join(kinds) or "xã", "u": committee}


def _agency(rng: random.Random, template: str, fill: dict) -> str:
    name = template.format(**fill).replace("  ", " ").strip()
    if rng.random() < ABBREVIATION_SHARE:
        for full, short in ABBREVIATED.items():
            if full in name:
                return name.replace(full, short, 1)
    return name


def _signer(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _sentence_start(name: str) -> str:
    """An agency opening a sentence takes a capital: "công chức Tư pháp" -> "Công chức Tư pháp"."""
    return name[:1].upper() + name[1:]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


# --------------------------------------------------------------------------------------------
# Parts of a document


def write_header(b: Builder, issuer: Issuer, symbol: str, issued: date, party: bool) -> None:
    """Issuer block, symbol, place-and-date line."""
    b.spans["issuer"] = b.add(issuer.header)
    b.add("\n*\nSố " if party else "\n\n" + _NATIONAL_HEADER + "Số: ")
    b.spans["symbol"] = b.add(symbol)
    b.add("\n\n" + (_PARTY_HEADER if party else "") + f"{issuer.place}, ngày ")
    b.spans["issued"] = b.add(f"{issued.day:02d} tháng {issued.month:02d} năm {issued.year}")
    b.add("\n\n")


def write_goals(b: Builder, rng: random.Random, goals: tuple[Goal, ...], fill: dict) -> None:
    """Section II: the general goal, then one bullet per target under its deadline heading."""
    b.add("II. MỤC TIÊU, CHỈ TIÊU\n1. Mục tiêu chung\n" + _GENERAL_GOAL)
    groups = (
        ("Các chỉ tiêu chủ yếu đến năm 2025", 2025, [g for g in goals if g.year <= 2027]),
        ("Định hướng đến năm 2030", 2030, [g for g in goals if g.year > 2027]),
    )
    number = 1
    for heading, year, group in groups:
        if not group:
            continue
        number += 1
        b.add(f"{number}. {heading}\n")
        for k, goal in enumerate(group, 1):
            b.add("- ")
            _write_target(b, rng, goal, year, fill, f"II/{number}/-{k}")
            b.add(";\n" if k < len(group) else ".\n")


def _write_target(
    b: Builder, rng: random.Random, goal: Goal, year: int, fill: dict, section: str
) -> None:
    indicator = goal.indicator
    wording = indicator.wordings[
        0 if rng.random() < 0.7 else rng.randrange(len(indicator.wordings))
    ]
    if fill["t"] and rng.random() < INDICATOR_SUFFIX_SHARE:
        wording += rng.choice((" của {t}", " toàn {t}", " trên địa bàn {t}")).format(**fill)
    phrase = phrase_target(indicator, goal.comparator, goal.value, goal.value_max, rng.randrange(2))
    if goal.year != year:  # a deadline of its own, said in the sentence
        wording = wording[0].lower() + wording[1:]
        clause = f"Đến năm {goal.year}, {wording} {phrase}"
    else:
        clause = f"{wording} {phrase}"
    span = b.add(clause)
    b.targets.append(
        Target(
            id=f"t{len(b.targets) + 1}",
            text=clause,
            section=section,
            indicator=wording,
            value=goal.value,
            value_max=goal.value_max,
            unit=indicator.unit,
            comparator=goal.comparator,
            year=goal.year,
            span=span,
        )
    )


def write_tasks(b: Builder, rng: random.Random, level: str, fill: dict, self_name: str) -> None:
    """Section III: task groups by domain, each task led by one agency and supported by others."""
    b.add("III. NHIỆM VỤ, GIẢI PHÁP\n")
    domains = ["tt", *rng.sample([d for d in TASKS if d != "tt"], TASK_GROUPS - 1)]
    for g, domain in enumerate(domains, 1):
        b.add(f"{g}. {TASK_HEADINGS[domain]}\n")
        for k in range(1, TASKS_PER_GROUP + 1):
            b.add("- ")
            _write_task(b, rng, level, fill, domain, self_name, f"III/{g}/-{k}")
            b.add("\n")


def _write_task(
    b: Builder,
    rng: random.Random,
    level: str,
    fill: dict,
    domain: str,
    self_name: str,
    section: str,
) -> None:
    table = AGENCIES[level]
    leads = [name for name, domains in table if domain in domains.split()] or [n for n, _ in table]
    lead_template = rng.choice(leads)
    lead = _sentence_start(_agency(rng, lead_template, fill))
    others = [n for n, _ in table if n != lead_template]
    supports: list[str] = []
    for _ in range(rng.choice(SUPPORTERS)):
        pool = COLLECTIVES[level] if rng.random() < COLLECTIVE_SUPPORT_SHARE else others
        name = _agency(rng, rng.choice(pool), fill)
        if name != lead and name not in supports:
            supports.append(name)
    task = rng.choice(TASKS[domain]).format(d=self_name)
    rest = f"chủ trì, phối hợp với {_join(supports)} {task}" if supports else f"chủ trì {task}"
    start = b.size
    b.add(f"{lead} {rest}.")
    span = (start, b.size)
    b.assignments.append(
        Assignment(agency=lead, role="lead", section=section, task_text=rest, span=span)
    )
    support_text = rest[rest.find("phối hợp với") :]
    for name in supports:
        b.assignments.append(
            Assignment(
                agency=name, role="support", section=section, task_text=support_text, span=span
            )
        )


def _item(b: Builder, number: int, sentence: str) -> Span:
    b.add(f"{number}. ")
    span = b.add(sentence)
    b.add("\n")
    return span


def write_organization(
    b: Builder, rng: random.Random, level: str, fill: dict, self_name: str, party: bool
) -> None:
    """Section IV: who monitors, who is asked, who carries it down; or a party's duties."""
    b.add("IV. TỔ CHỨC THỰC HIỆN\n")
    number = 0
    if party:
        for number, (template, task) in enumerate(PARTY_DUTIES[level], 1):
            agency, duty = template.format(**fill), task.format(d=self_name)
            span = _item(b, number, f"{agency} {duty}.")
            b.assignments.append(
                Assignment(
                    agency=agency, role="lead", section=f"IV/{number}", task_text=duty, span=span
                )
            )
    else:
        number = 1
        monitor, duty = (
            _sentence_start(_agency(rng, MONITORS[level], fill)),
            MONITOR_TASK.format(d=self_name),
        )
        span = _item(b, number, f"{monitor}: {duty}.")
        b.assignments.append(
            Assignment(agency=monitor, role="lead", section="IV/1", task_text=duty, span=span)
        )
        if level != "commune":
            number += 1
            below = _agency(rng, "Ủy ban nhân dân các {c}", fill)
            duty = DOWNWARD_TASK.format(d=self_name)
            span = _item(b, number, f"{below} {duty}.")
            b.assignments.append(
                Assignment(
                    agency=below, role="lead", section=f"IV/{number}", task_text=duty, span=span
                )
            )
    number += 1
    asked = [_agency(rng, t, fill) for t in rng.sample(REQUESTED[level], 2)]
    request = REQUESTED_TASK.format(d=self_name)
    span = _item(b, number, f"Đề nghị {_join(asked)} {request}.")
    for agency in asked:
        b.assignments.append(
            Assignment(
                agency=agency,
                role="requested",
                section=f"IV/{number}",
                task_text=request,
                span=span,
            )
        )


def write_signature(b: Builder, rng: random.Random, block: str) -> None:
    b.add("\nNơi nhận:\n- Như mục IV;\n- Lưu: VT.\n\n" + block + "\n\n")
    b.spans["signer"] = b.add(_signer(rng))


def finish(
    b: Builder, issuer: Issuer, *, symbol: str, doc_type: str, issued: date, source: str
) -> Record:
    """The Record of a built document."""
    text = b.text()
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    unit = issuer.unit
    province = district = commune = None
    if unit is not None:
        province = unit.province_name or unit.name
        district = unit.name if unit.level == "district" else (unit.district_name or None)
        commune = unit.name if unit.level == "commune" else None
    title_span = b.spans["title"]
    document = DocumentMeta(
        id=f"doc-{sha[:LOCAL_ID_HEX]}",
        symbol=symbol,
        doc_type=doc_type,
        issuer=issuer.name,
        level=issuer.level,
        province=province,
        district=district,
        commune=commune,
        issued=issued,
        title=text[title_span[0] : title_span[1]],
        signer=text[b.spans["signer"][0] : b.spans["signer"][1]],
        source_sha256=sha,
        spans=dict(b.spans),
    )
    citations = [Citation(**entry) for entry in b.citations.values()]
    return Record(
        source=source,
        text=text,
        document=document,
        citations=citations,
        targets=b.targets,
        assignments=b.assignments,
    )
