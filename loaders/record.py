"""The Record: the one thing that crosses from loaders/ to graph/.

A Record is plain data, one per document, a pure function of the document's bytes: the
normalized text, the document's metadata, and the facts extracted from it (citations, targets,
assignments), each with the character spans that support it. Records travel as JSON Lines and
can be produced anywhere (a process pool, a cluster) and loaded later.

Spans are ``[start, end)`` offsets into ``Record.text``, the normalized text stored with the
Record, so ``record.text[start:end]`` is always the evidence quote. The graph turns
``(document.source_sha256, span)`` into Evidence nodes.

The JSON Schema generated from these models is checked in at
``loaders/record.schema.json``; ``policykg schema`` prints it and a test fails when it is stale.
Field names here are a public contract other tools rely on: add fields, never rename them.

Example (sample 000, the Sông Lô district plan, abridged)::

    {"schema_version": "1",
     "document": {"id": "doc-1f0c…", "symbol": null, "doc_type": "KH",
                  "issuer": "UBND huyện Sông Lô", "level": "district",
                  "province": "Vĩnh Phúc", "district": "Sông Lô", "issued": null, …},
     "citations": [{"symbol": "12-NQ/TU", "doc_type": "NQ", "issuer_scope": "province",
                    "relation": "implements", "spans": [[58, 66]], …}],
     "targets": [{"indicator": "Thu nhập bình quân đầu người", "value": 60.0,
                  "unit": "triệu đồng/người", "comparator": ">", "year": 2025, …}],
     "warnings": [{"code": "header_missing", "message": "…"}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from policykg.errors import RecordError

#: Version of the Record contract; bump it when a field changes meaning.
SCHEMA_VERSION = "1"

Level = Literal["central", "province", "district", "commune"]
Relation = Literal["implements", "based_on", "mentions"]
Comparator = Literal[">", ">=", "<", "<=", "=", "~", "range"]
Role = Literal["lead", "support", "requested"]


def _check_span(span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if start < 0 or end < start:
        raise ValueError(f"span [{start}, {end}) is not a range of offsets")
    return span


def _new_dict() -> dict:
    """A new empty dict: the default factory of dict fields.

    pydantic reads a default factory's signature (does it take the validated data?); for the
    builtins ``dict`` and ``list`` that means tokenizing their text signatures, ~2 ms of every
    process's start-up. A plain function's signature is read at once.
    """
    return {}


def _new_list() -> list:
    """A new empty list: the default factory of list fields (see :func:`_new_dict`)."""
    return []


#: ``[start, end)`` character offsets into ``Record.text``.
Span = Annotated[tuple[int, int], AfterValidator(_check_span)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Model(BaseModel):
    # Unknown fields are refused so that a typo in a producer fails loudly, not silently.
    model_config = ConfigDict(extra="forbid", frozen=False)


class DocumentMeta(_Model):
    """What the document says about itself: its header, signer block and issuing body."""

    id: str = Field(description="Record-local id derived from the content hash ('doc-' + 16 hex); the graph assigns the canonical ELI-like id.")
    symbol: str | None = Field(None, description="Normalized 'số, ký hiệu', e.g. '91/KH-UBND' or '12-NQ/TU'; null when the text gives none (never invented).")
    doc_type: str | None = Field(None, description="Type code: NQ, KL, CT, KH, CTr, QĐ, NĐ, TT, CĐ, TTr, BC, HD, TB, CV (official letter), …")
    issuer: str | None = Field(None, description="Issuing body as written, e.g. 'Ủy ban nhân dân huyện Sông Lô'.")
    level: Level | None = Field(None, description="Level of the issuing body.")
    province: str | None = Field(None, description="Province of the issuing body, as named at the document's date, e.g. 'Vĩnh Phúc'.")
    district: str | None = Field(None, description="District of the issuing body, if any, e.g. 'Sông Lô'.")
    commune: str | None = Field(None, description="Commune, ward or town of the issuing body, if any, e.g. 'Vĩnh Lộc'.")
    issued: date | None = Field(None, description="Date of issue from the place-and-date line (ISO YYYY-MM-DD); null when absent.")
    title: str | None = Field(None, description="Title (trích yếu), e.g. 'Kế hoạch thực hiện Kết luận số 92-KL/TW …'.")
    signer: str | None = Field(None, description="Name of the signer, from the signature block.")
    source_sha256: Sha256 = Field(description="sha256 of the source file's bytes.")
    spans: dict[str, Span] = Field(default_factory=_new_dict, description="Evidence for metadata: field name -> span, e.g. {'symbol': [40, 50]}.")


class Citation(_Model):
    """A document the text cites, deduplicated: one entry per cited document, every span kept."""

    symbol: str | None = Field(description="Normalized symbol ('12-NQ/TU', '26/2021/QĐ-TTg'); null for a named document without a number.")
    doc_type: str | None = Field(None, description="Type code, from the symbol or the words before it ('Nghị quyết' -> NQ); CV for an official letter ('8935/BNV-CTTN&BĐG', 'Công văn số …').")
    issued: date | None = Field(None, description="Date of the cited document as the text gives it (majority date when it gives several).")
    issuer: str | None = Field(None, description="Issuer as written, e.g. 'Ban Chấp hành Đảng bộ tỉnh'.")
    issuer_scope: Level | None = Field(None, description="Level of the issuer, from the issuer code and the context.")
    relation: Relation = Field(description="implements ('Thực hiện …' in title or preamble), based_on ('Căn cứ …') or mentions.")
    name: str | None = Field(None, description="Name of the cited document as written ('Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII').")
    title: str | None = Field(None, description="Title words the citing text gives after the symbol: 'về nâng cao thu nhập và phúc lợi của người dân Vĩnh Phúc …'.")
    spans: list[Span] = Field(min_length=1, description="Every place the document is cited.")


class CitationLink(_Model):
    """What the text says about two documents it cites: "Quyết định số 2013/QĐ-UBND … thực hiện
    Nghị quyết số 13-NQ/TW" makes the first implement the second.

    The graph needs these to draw a cascade through documents it has not read: sample 004 is
    the only source saying that Trà Vinh's decision 2013/QĐ-UBND carries out 13-NQ/TW.
    """

    source: int = Field(ge=0, description="Index in Record.citations of the document that implements.")
    target: int = Field(ge=0, description="Index in Record.citations of the document implemented.")
    relation: Literal["implements"] = Field("implements", description="Only implements is read from such phrases.")
    span: Span = Field(description="From the first citation to the second, e.g. '2013/QĐ-UBND … thực hiện Nghị quyết số 13-NQ/TW'.")


class YearValue(_Model):
    """One step of a yearly path: 'năm 2021 đạt 95%'."""

    year: int = Field(ge=1900, le=2200)
    value: float


class Target(_Model):
    """A quantitative target (chỉ tiêu)."""

    id: str = Field(description="Id unique within the Record, e.g. 't3'.")
    text: str = Field(description="The target's clause as written.")
    section: str | None = Field(None, description="Heading path of the enclosing section, numbering joined by '/', e.g. 'I/2/a'.")
    indicator: str | None = Field(None, description="Indicator as written, e.g. 'Số bác sỹ/vạn dân'.")
    indicator_id: str | None = Field(None, description="Id in the indicator vocabulary; filled by the graph's matcher, null from loaders.")
    value: float | None = Field(description="Value; the lower bound of a range. 'Không còn hộ nghèo' is 0.")
    value_max: float | None = Field(None, description="Upper bound of a range ('10-11%'), else null.")
    unit: str | None = Field(None, description="Unit as normalized: '%', '%0' (per mille), 'triệu đồng/người', 'bác sỹ/vạn dân', …")
    comparator: Comparator = Field("=", description="> >= < <= = ~ or range.")
    year: int | None = Field(None, ge=1900, le=2200, description="Deadline year ('đến năm 2025'), from the sentence or the nearest enclosing heading.")
    yearly: list[YearValue] = Field(default_factory=_new_list, description="Yearly path ('cụ thể: năm 2020 đạt 94,5%; …').")
    in_tasks: bool = Field(False, description="True when stated in a task section rather than the objectives.")
    span: Span = Field(description="Span of the target's clause.")

    @model_validator(mode="after")
    def _range_has_bounds(self) -> Target:
        if self.comparator == "range" and (self.value is None or self.value_max is None):
            raise ValueError("a 'range' target needs both value and value_max")
        return self


class Assignment(_Model):
    """An agency given a task: 'X chủ trì, phối hợp với Y', 'Giao X …', 'Đề nghị X …'."""

    agency: str = Field(description="Agency as written (abbreviations kept: 'Phòng LĐTB&XH').")
    role: Role = Field(description="lead (chủ trì, giao), support (phối hợp) or requested (đề nghị).")
    section: str | None = Field(None, description="Heading path of the task section, as for targets.")
    task_text: str = Field(description="The task as written.")
    span: Span = Field(description="Span of the sentence that assigns it.")


class RecordWarning(_Model):
    """Something a reader should know: a guess made, a conflict kept, a part not understood."""

    code: str = Field(description="Stable machine code, e.g. 'header_missing', 'citation_date_conflict'.")
    message: str = Field(description="One line for people.")
    span: Span | None = Field(None, description="Where in the text, if anywhere.")


class Record(_Model):
    """One document: normalized text, metadata and extracted facts, each with evidence spans."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: str | None = Field(None, description="Name of the source file as given to the loader (not part of the content).")
    text: str = Field(description="Normalized text; every span points into it.")
    document: DocumentMeta
    citations: list[Citation] = Field(default_factory=_new_list)
    citation_links: list[CitationLink] = Field(default_factory=_new_list, description="Cited documents that the text says implement other cited documents.")
    targets: list[Target] = Field(default_factory=_new_list)
    assignments: list[Assignment] = Field(default_factory=_new_list)
    warnings: list[RecordWarning] = Field(default_factory=_new_list)

    @model_validator(mode="after")
    def _spans_inside_text(self) -> Record:
        limit = len(self.text)
        for i, link in enumerate(self.citation_links):
            if max(link.source, link.target) >= len(self.citations) or link.source == link.target:
                raise ValueError(f"citation_links[{i}]: source and target must be two different "
                                 f"indices below {len(self.citations)}")
        if self._last_span_end() > limit:  # the spans are named only to say which one is wrong
            for where, span in self.iter_spans():
                if span[1] > limit:
                    raise ValueError(
                        f"{where}: span {list(span)} ends past the text ({limit} characters)")
        return self

    def _last_span_end(self) -> int:
        """The largest end of the Record's spans (0 without spans)."""
        return max((span[1] for _field, _i, _j, span in self._spans()), default=0)

    def _spans(self) -> Iterator[tuple[str, int | str, int | None, tuple[int, int]]]:
        """(field, index or metadata key, index within a citation's spans, span) of every span:
        the one list of where spans sit, for the bounds check and ``iter_spans`` alike."""
        for key, span in self.document.spans.items():
            yield "document", key, None, span
        for i, citation in enumerate(self.citations):
            for j, span in enumerate(citation.spans):
                yield "citations", i, j, span
        for field, facts in (("citation_links", self.citation_links), ("targets", self.targets),
                             ("assignments", self.assignments), ("warnings", self.warnings)):
            for i, fact in enumerate(facts):
                if fact.span:  # a warning may have none
                    yield field, i, None, fact.span

    def iter_spans(self) -> list[tuple[str, tuple[int, int]]]:
        """Every span in the Record with a path naming where it sits, e.g. ('targets[2].span', (5, 9))."""
        out = []
        for field, i, j, span in self._spans():
            if field == "document":
                out.append((f"document.spans.{i}", span))
            elif field == "citations":
                out.append((f"citations[{i}].spans[{j}]", span))
            else:
                out.append((f"{field}[{i}].span", span))
        return out

    def quote(self, span: tuple[int, int]) -> str:
        """The evidence text of a span."""
        return self.text[span[0] : span[1]]


def record_json_schema() -> dict:
    """The JSON Schema of a Record (draft 2020-12), as checked in at loaders/record.schema.json."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:policykg:schema:record:1"
    return schema


def render_record_schema() -> str:
    """The checked-in text of the schema: sorted keys, two-space indent, trailing newline."""
    return json.dumps(record_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump_record(record: Record) -> bytes:
    """``record.model_dump_json()`` as UTF-8 bytes, the same bytes without the round trip through
    ``str``: a Record is tens of kB of mostly Vietnamese JSON, which ``model_dump_json`` decodes
    and a writer or a process pipe encodes again.

    Example:
        >>> record = Record(source="kh.txt", text="Kế hoạch", document=DocumentMeta(id="doc-1"))  # doctest: +SKIP
        >>> dump_record(record) == record.model_dump_json().encode()                          # doctest: +SKIP
        True
    """
    return Record.__pydantic_serializer__.to_json(record)


def parse_record(line: str | bytes, where: str = "record") -> Record:
    """Validate one JSON Lines entry into a Record.

    Raises:
        RecordError: one line naming ``where`` and the first field at fault.
    """
    try:
        return Record.model_validate_json(line)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise RecordError(f"{where}: field {loc}: {first['msg']}") from None
