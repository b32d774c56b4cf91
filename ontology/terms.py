# GENERATED from ontology/policykg.ttl by `python -m policykg.ontology.mapping --write`.
# Do not edit: change the ontology, regenerate, commit both; tests/ontology fail when it is stale.
"""Property-graph names of the policykg ontology, generated from ``ontology/policykg.ttl``.

Node labels, relationship types and property keys, each with its IRI; the ancestor labels of each
label; the code lists (SKOS notations) and how qualified relations are drawn as relationships.
Standard library only, because graph code imports it on hot paths. The naming rules are
documented in ``policykg.ontology.mapping``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

#: Namespace of every policykg term.
NAMESPACE = "https://w3id.org/policykg/ontology#"


class Label(StrEnum):
    """Node labels: one per ontology class except qualified relations."""

    #: administrative unit (đơn vị hành chính)
    ADMIN_UNIT = "AdminUnit"
    #: circular (thông tư)
    CIRCULAR = "Circular"
    #: conclusion (kết luận)
    CONCLUSION = "Conclusion"
    #: People's Council resolution (nghị quyết của Hội đồng nhân dân)
    COUNCIL_RESOLUTION = "CouncilResolution"
    #: decision (quyết định)
    DECISION = "Decision"
    #: decree (nghị định)
    DECREE = "Decree"
    #: directive (chỉ thị)
    DIRECTIVE = "Directive"
    #: evidence (bằng chứng trích dẫn)
    EVIDENCE = "Evidence"
    #: Government resolution (nghị quyết của Chính phủ)
    GOVERNMENT_RESOLUTION = "GovernmentResolution"
    #: indicator (chỉ tiêu thống kê)
    INDICATOR = "Indicator"
    #: organization (cơ quan, tổ chức)
    ORGANIZATION = "Organization"
    #: other document (văn bản khác)
    OTHER_DOCUMENT = "OtherDocument"
    #: Party resolution (nghị quyết của Đảng)
    PARTY_RESOLUTION = "PartyResolution"
    #: plan (kế hoạch)
    PLAN = "Plan"
    #: policy document (văn bản chính sách)
    POLICY_DOCUMENT = "PolicyDocument"
    #: programme (chương trình)
    PROGRAMME = "Programme"
    #: report (báo cáo)
    REPORT = "Report"
    #: target (chỉ tiêu)
    TARGET = "Target"
    #: task (nhiệm vụ)
    TASK = "Task"


class Rel(StrEnum):
    """Relationship types: one per object property drawn as an edge."""

    #: applies to (phạm vi áp dụng)
    APPLIES_TO = "APPLIES_TO"
    #: assigns (giao nhiệm vụ)
    ASSIGNS = "ASSIGNS"
    #: based on (căn cứ)
    BASED_ON = "BASED_ON"
    #: cites (viện dẫn)
    CITES = "CITES"
    #: derived from (cụ thể hóa từ)
    DERIVED_FROM = "DERIVED_FROM"
    #: has evidence (có bằng chứng)
    HAS_EVIDENCE = "HAS_EVIDENCE"
    #: has jurisdiction over (địa bàn quản lý)
    HAS_JURISDICTION = "HAS_JURISDICTION"
    #: implements (triển khai thực hiện)
    IMPLEMENTS = "IMPLEMENTS"
    #: issued by (cơ quan ban hành)
    ISSUED_BY = "ISSUED_BY"
    #: lead agency (cơ quan chủ trì)
    LEAD_AGENCY = "LEAD_AGENCY"
    #: measures (đo bằng chỉ tiêu thống kê)
    MEASURES = "MEASURES"
    #: milestone of (mốc năm của)
    MILESTONE_OF = "MILESTONE_OF"
    #: part of (trực thuộc)
    PART_OF = "PART_OF"
    #: requested agency (cơ quan được đề nghị)
    REQUESTED_AGENCY = "REQUESTED_AGENCY"
    #: sets target (đặt chỉ tiêu)
    SETS_TARGET = "SETS_TARGET"
    #: sub-organization of (trực thuộc cơ quan)
    SUB_ORGANIZATION_OF = "SUB_ORGANIZATION_OF"
    #: succeeded by (đơn vị kế thừa)
    SUCCEEDED_BY = "SUCCEEDED_BY"
    #: supporting agency (cơ quan phối hợp)
    SUPPORT_AGENCY = "SUPPORT_AGENCY"


class Prop(StrEnum):
    """Property keys: datatype properties and code-list properties."""

    #: alias (tên gọi khác)
    ALIAS = "alias"
    #: GSO code (mã đơn vị hành chính)
    CODE = "code"
    #: comparator (phép so sánh)
    COMPARATOR = "comparator"
    #: comparison (kết quả so sánh)
    COMPARISON = "comparison"
    #: unit dimension (thứ nguyên đơn vị tính)
    DIMENSION = "dimension"
    #: document type (loại văn bản)
    DOCUMENT_TYPE = "document_type"
    #: higher is better (càng cao càng tốt)
    HIGHER_IS_BETTER = "higher_is_better"
    #: identifier (mã định danh)
    IDENTIFIER = "identifier"
    #: stated in tasks (nêu trong phần nhiệm vụ)
    IN_TASKS = "in_tasks"
    #: indicator as written (tên chỉ tiêu theo văn bản)
    INDICATOR_TEXT = "indicator_text"
    #: date of issue (ngày ban hành)
    ISSUED = "issued"
    #: level (cấp)
    LEVEL = "level"
    #: name (tên)
    NAME = "name"
    #: quote (đoạn trích)
    QUOTE = "quote"
    #: ratio (tỷ số)
    RATIO = "ratio"
    #: section (mục)
    SECTION = "section"
    #: evidence source sha256 (mã băm sha256 của văn bản chứa đoạn trích)
    SHA256 = "sha256"
    #: signer (người ký)
    SIGNER = "signer"
    #: source sha256 (mã băm sha256 của tệp nguồn)
    SOURCE_SHA256 = "source_sha256"
    #: span end (vị trí kết thúc)
    SPAN_END = "span_end"
    #: span start (vị trí bắt đầu)
    SPAN_START = "span_start"
    #: stated date (ngày ghi khi viện dẫn)
    STATED_DATE = "stated_date"
    #: symbol (số, ký hiệu)
    SYMBOL = "symbol"
    #: text (nội dung)
    TEXT = "text"
    #: title (trích yếu)
    TITLE = "title"
    #: unit (đơn vị tính)
    UNIT = "unit"
    #: valid from (hiệu lực từ ngày)
    VALID_FROM = "valid_from"
    #: valid until (hiệu lực đến ngày)
    VALID_UNTIL = "valid_until"
    #: value (giá trị)
    VALUE = "value"
    #: upper bound (giá trị cận trên)
    VALUE_MAX = "value_max"
    #: target year (năm đạt)
    YEAR = "year"


#: IRI of the class behind each label.
LABEL_IRI: dict[Label, str] = {
    Label.ADMIN_UNIT: "https://w3id.org/policykg/ontology#AdminUnit",
    Label.CIRCULAR: "https://w3id.org/policykg/ontology#Circular",
    Label.CONCLUSION: "https://w3id.org/policykg/ontology#Conclusion",
    Label.COUNCIL_RESOLUTION: "https://w3id.org/policykg/ontology#CouncilResolution",
    Label.DECISION: "https://w3id.org/policykg/ontology#Decision",
    Label.DECREE: "https://w3id.org/policykg/ontology#Decree",
    Label.DIRECTIVE: "https://w3id.org/policykg/ontology#Directive",
    Label.EVIDENCE: "https://w3id.org/policykg/ontology#Evidence",
    Label.GOVERNMENT_RESOLUTION: "https://w3id.org/policykg/ontology#GovernmentResolution",
    Label.INDICATOR: "https://w3id.org/policykg/ontology#Indicator",
    Label.ORGANIZATION: "https://w3id.org/policykg/ontology#Organization",
    Label.OTHER_DOCUMENT: "https://w3id.org/policykg/ontology#OtherDocument",
    Label.PARTY_RESOLUTION: "https://w3id.org/policykg/ontology#PartyResolution",
    Label.PLAN: "https://w3id.org/policykg/ontology#Plan",
    Label.POLICY_DOCUMENT: "https://w3id.org/policykg/ontology#PolicyDocument",
    Label.PROGRAMME: "https://w3id.org/policykg/ontology#Programme",
    Label.REPORT: "https://w3id.org/policykg/ontology#Report",
    Label.TARGET: "https://w3id.org/policykg/ontology#Target",
    Label.TASK: "https://w3id.org/policykg/ontology#Task",
}


#: IRI of the object property behind each relationship type.
REL_IRI: dict[Rel, str] = {
    Rel.APPLIES_TO: "https://w3id.org/policykg/ontology#appliesTo",
    Rel.ASSIGNS: "https://w3id.org/policykg/ontology#assigns",
    Rel.BASED_ON: "https://w3id.org/policykg/ontology#basedOn",
    Rel.CITES: "https://w3id.org/policykg/ontology#cites",
    Rel.DERIVED_FROM: "https://w3id.org/policykg/ontology#derivedFrom",
    Rel.HAS_EVIDENCE: "https://w3id.org/policykg/ontology#hasEvidence",
    Rel.HAS_JURISDICTION: "https://w3id.org/policykg/ontology#hasJurisdiction",
    Rel.IMPLEMENTS: "https://w3id.org/policykg/ontology#implements",
    Rel.ISSUED_BY: "https://w3id.org/policykg/ontology#issuedBy",
    Rel.LEAD_AGENCY: "https://w3id.org/policykg/ontology#leadAgency",
    Rel.MEASURES: "https://w3id.org/policykg/ontology#measures",
    Rel.MILESTONE_OF: "https://w3id.org/policykg/ontology#milestoneOf",
    Rel.PART_OF: "https://w3id.org/policykg/ontology#partOf",
    Rel.REQUESTED_AGENCY: "https://w3id.org/policykg/ontology#requestedAgency",
    Rel.SETS_TARGET: "https://w3id.org/policykg/ontology#setsTarget",
    Rel.SUB_ORGANIZATION_OF: "https://w3id.org/policykg/ontology#subOrganizationOf",
    Rel.SUCCEEDED_BY: "https://w3id.org/policykg/ontology#succeededBy",
    Rel.SUPPORT_AGENCY: "https://w3id.org/policykg/ontology#supportAgency",
}


#: IRI of the property behind each property key.
PROP_IRI: dict[Prop, str] = {
    Prop.ALIAS: "https://w3id.org/policykg/ontology#alias",
    Prop.CODE: "https://w3id.org/policykg/ontology#code",
    Prop.COMPARATOR: "https://w3id.org/policykg/ontology#comparator",
    Prop.COMPARISON: "https://w3id.org/policykg/ontology#comparison",
    Prop.DIMENSION: "https://w3id.org/policykg/ontology#dimension",
    Prop.DOCUMENT_TYPE: "https://w3id.org/policykg/ontology#documentType",
    Prop.HIGHER_IS_BETTER: "https://w3id.org/policykg/ontology#higherIsBetter",
    Prop.IDENTIFIER: "https://w3id.org/policykg/ontology#identifier",
    Prop.IN_TASKS: "https://w3id.org/policykg/ontology#inTasks",
    Prop.INDICATOR_TEXT: "https://w3id.org/policykg/ontology#indicatorText",
    Prop.ISSUED: "https://w3id.org/policykg/ontology#issued",
    Prop.LEVEL: "https://w3id.org/policykg/ontology#level",
    Prop.NAME: "https://w3id.org/policykg/ontology#name",
    Prop.QUOTE: "https://w3id.org/policykg/ontology#quote",
    Prop.RATIO: "https://w3id.org/policykg/ontology#ratio",
    Prop.SECTION: "https://w3id.org/policykg/ontology#section",
    Prop.SHA256: "https://w3id.org/policykg/ontology#sha256",
    Prop.SIGNER: "https://w3id.org/policykg/ontology#signer",
    Prop.SOURCE_SHA256: "https://w3id.org/policykg/ontology#sourceSha256",
    Prop.SPAN_END: "https://w3id.org/policykg/ontology#spanEnd",
    Prop.SPAN_START: "https://w3id.org/policykg/ontology#spanStart",
    Prop.STATED_DATE: "https://w3id.org/policykg/ontology#statedDate",
    Prop.SYMBOL: "https://w3id.org/policykg/ontology#symbol",
    Prop.TEXT: "https://w3id.org/policykg/ontology#text",
    Prop.TITLE: "https://w3id.org/policykg/ontology#title",
    Prop.UNIT: "https://w3id.org/policykg/ontology#unit",
    Prop.VALID_FROM: "https://w3id.org/policykg/ontology#validFrom",
    Prop.VALID_UNTIL: "https://w3id.org/policykg/ontology#validUntil",
    Prop.VALUE: "https://w3id.org/policykg/ontology#value",
    Prop.VALUE_MAX: "https://w3id.org/policykg/ontology#valueMax",
    Prop.YEAR: "https://w3id.org/policykg/ontology#year",
}


#: Labels a node carries besides its own, nearest ancestor first: a Plan node is also a
#: PolicyDocument.
SUPER_LABELS: dict[Label, tuple[Label, ...]] = {
    Label.ADMIN_UNIT: (),
    Label.CIRCULAR: (Label.POLICY_DOCUMENT,),
    Label.CONCLUSION: (Label.POLICY_DOCUMENT,),
    Label.COUNCIL_RESOLUTION: (Label.POLICY_DOCUMENT,),
    Label.DECISION: (Label.POLICY_DOCUMENT,),
    Label.DECREE: (Label.POLICY_DOCUMENT,),
    Label.DIRECTIVE: (Label.POLICY_DOCUMENT,),
    Label.EVIDENCE: (),
    Label.GOVERNMENT_RESOLUTION: (Label.POLICY_DOCUMENT,),
    Label.INDICATOR: (),
    Label.ORGANIZATION: (),
    Label.OTHER_DOCUMENT: (Label.POLICY_DOCUMENT,),
    Label.PARTY_RESOLUTION: (Label.POLICY_DOCUMENT,),
    Label.PLAN: (Label.POLICY_DOCUMENT,),
    Label.POLICY_DOCUMENT: (),
    Label.PROGRAMME: (Label.POLICY_DOCUMENT,),
    Label.REPORT: (Label.POLICY_DOCUMENT,),
    Label.TARGET: (),
    Label.TASK: (),
}


class Comparison(StrEnum):
    """Concepts of pkg:ComparisonScheme; each value is the skos:notation."""

    #: different deadline (khác thời hạn)
    DIFFERENT_DEADLINE = "differentDeadline"
    #: equal (giữ nguyên)
    EQUAL = "equal"
    #: looser (thấp hơn yêu cầu)
    LOOSER = "looser"
    #: stricter (cao hơn yêu cầu)
    STRICTER = "stricter"
    #: unit mismatch (khác đơn vị tính)
    UNIT_MISMATCH = "unitMismatch"


#: IRI of each Comparison concept.
COMPARISON_IRI: dict[Comparison, str] = {
    Comparison.DIFFERENT_DEADLINE: (
        "https://w3id.org/policykg/ontology#comparison_differentDeadline"
    ),
    Comparison.EQUAL: "https://w3id.org/policykg/ontology#comparison_equal",
    Comparison.LOOSER: "https://w3id.org/policykg/ontology#comparison_looser",
    Comparison.STRICTER: "https://w3id.org/policykg/ontology#comparison_stricter",
    Comparison.UNIT_MISMATCH: "https://w3id.org/policykg/ontology#comparison_unitMismatch",
}


class Dimension(StrEnum):
    """Concepts of pkg:DimensionScheme; each value is the skos:notation."""

    #: count (số lượng)
    COUNT = "count"
    #: count per population (số lượng trên dân số)
    COUNT_PER_POPULATION = "countPerPopulation"
    #: growth rate (tốc độ tăng)
    GROWTH_RATE = "growthRate"
    #: amount of money (số tiền)
    MONEY = "money"
    #: money per person (số tiền bình quân đầu người)
    MONEY_PER_PERSON = "moneyPerPerson"
    #: proportion (tỷ lệ)
    PROPORTION = "proportion"


#: IRI of each Dimension concept.
DIMENSION_IRI: dict[Dimension, str] = {
    Dimension.COUNT: "https://w3id.org/policykg/ontology#dimension_count",
    Dimension.COUNT_PER_POPULATION: (
        "https://w3id.org/policykg/ontology#dimension_countPerPopulation"
    ),
    Dimension.GROWTH_RATE: "https://w3id.org/policykg/ontology#dimension_growthRate",
    Dimension.MONEY: "https://w3id.org/policykg/ontology#dimension_money",
    Dimension.MONEY_PER_PERSON: "https://w3id.org/policykg/ontology#dimension_moneyPerPerson",
    Dimension.PROPORTION: "https://w3id.org/policykg/ontology#dimension_proportion",
}


class DocumentType(StrEnum):
    """Concepts of pkg:DocumentTypeScheme; each value is the skos:notation."""

    #: report (Báo cáo)
    BC = "BC"
    #: official telegram (Công điện)
    CD = "CĐ"
    #: directive (Chỉ thị)
    CT = "CT"
    #: programme (Chương trình)
    CTR = "CTr"
    #: scheme (project) (Đề án)
    DA = "ĐA"
    #: guidance (Hướng dẫn)
    HD = "HD"
    #: plan (Kế hoạch)
    KH = "KH"
    #: conclusion (Kết luận)
    KL = "KL"
    #: decree (Nghị định)
    ND = "NĐ"
    #: resolution (Nghị quyết)
    NQ = "NQ"
    #: regulation (rules) (Quy chế)
    QC = "QC"
    #: decision (Quyết định)
    QD = "QĐ"
    #: notice (Thông báo)
    TB = "TB"
    #: circular (Thông tư)
    TT = "TT"
    #: joint circular (Thông tư liên tịch)
    TTLT = "TTLT"
    #: submission (Tờ trình)
    TTR = "TTr"


#: IRI of each DocumentType concept.
DOCUMENT_TYPE_IRI: dict[DocumentType, str] = {
    DocumentType.BC: "https://w3id.org/policykg/ontology#doctype_BC",
    DocumentType.CD: "https://w3id.org/policykg/ontology#doctype_CD",
    DocumentType.CT: "https://w3id.org/policykg/ontology#doctype_CT",
    DocumentType.CTR: "https://w3id.org/policykg/ontology#doctype_CTr",
    DocumentType.DA: "https://w3id.org/policykg/ontology#doctype_DA",
    DocumentType.HD: "https://w3id.org/policykg/ontology#doctype_HD",
    DocumentType.KH: "https://w3id.org/policykg/ontology#doctype_KH",
    DocumentType.KL: "https://w3id.org/policykg/ontology#doctype_KL",
    DocumentType.ND: "https://w3id.org/policykg/ontology#doctype_ND",
    DocumentType.NQ: "https://w3id.org/policykg/ontology#doctype_NQ",
    DocumentType.QC: "https://w3id.org/policykg/ontology#doctype_QC",
    DocumentType.QD: "https://w3id.org/policykg/ontology#doctype_QD",
    DocumentType.TB: "https://w3id.org/policykg/ontology#doctype_TB",
    DocumentType.TT: "https://w3id.org/policykg/ontology#doctype_TT",
    DocumentType.TTLT: "https://w3id.org/policykg/ontology#doctype_TTLT",
    DocumentType.TTR: "https://w3id.org/policykg/ontology#doctype_TTr",
}


class Level(StrEnum):
    """Concepts of pkg:LevelScheme; each value is the skos:notation."""

    #: central (trung ương)
    CENTRAL = "central"
    #: commune (xã)
    COMMUNE = "commune"
    #: district (huyện)
    DISTRICT = "district"
    #: province (tỉnh)
    PROVINCE = "province"


#: IRI of each Level concept.
LEVEL_IRI: dict[Level, str] = {
    Level.CENTRAL: "https://w3id.org/policykg/ontology#level_central",
    Level.COMMUNE: "https://w3id.org/policykg/ontology#level_commune",
    Level.DISTRICT: "https://w3id.org/policykg/ontology#level_district",
    Level.PROVINCE: "https://w3id.org/policykg/ontology#level_province",
}


#: Code-list properties: the enum of their values (a node stores the notation).
CODE_LISTS: dict[Prop, type[StrEnum]] = {
    Prop.COMPARISON: Comparison,
    Prop.DIMENSION: Dimension,
    Prop.DOCUMENT_TYPE: DocumentType,
    Prop.LEVEL: Level,
}


#: Concept scheme of each code-list property.
CODE_LIST_SCHEME_IRI: dict[Prop, str] = {
    Prop.COMPARISON: "https://w3id.org/policykg/ontology#ComparisonScheme",
    Prop.DIMENSION: "https://w3id.org/policykg/ontology#DimensionScheme",
    Prop.DOCUMENT_TYPE: "https://w3id.org/policykg/ontology#DocumentTypeScheme",
    Prop.LEVEL: "https://w3id.org/policykg/ontology#LevelScheme",
}


class QualifiedEdge(NamedTuple):
    """How a relationship drawn from a qualified-relation class is written back to RDF.

    The relationship runs from the subject of ``qualifier_iri`` to the object of ``target_iri``;
    ``kind_iri`` (when set) names the relationship type as a property IRI; ``props`` are scalar
    edge properties and ``list_props`` parallel lists, item i of each being one Evidence.
    """

    class_iri: str
    qualifier_iri: str
    target_iri: str
    kind_iri: str | None
    props: tuple[Prop, ...]
    list_props: tuple[Prop, ...]


_CITATION_EDGE = QualifiedEdge(
    class_iri="https://w3id.org/policykg/ontology#Citation",
    qualifier_iri="https://w3id.org/policykg/ontology#qualifiedCitation",
    target_iri="https://w3id.org/policykg/ontology#citedDocument",
    kind_iri="https://w3id.org/policykg/ontology#citationRelation",
    props=(Prop.STATED_DATE,),
    list_props=(Prop.QUOTE, Prop.SHA256, Prop.SPAN_END, Prop.SPAN_START),
)


_TARGET_DERIVATION_EDGE = QualifiedEdge(
    class_iri="https://w3id.org/policykg/ontology#TargetDerivation",
    qualifier_iri="https://w3id.org/policykg/ontology#qualifiedDerivation",
    target_iri="https://w3id.org/policykg/ontology#sourceTarget",
    kind_iri=None,
    props=(Prop.COMPARISON, Prop.RATIO),
    list_props=(),
)


#: Relationship types drawn from a qualified-relation class (pkg:Citation, pkg:TargetDerivation):
#: how to write each back to RDF.
QUALIFIED: dict[Rel, QualifiedEdge] = {
    Rel.BASED_ON: _CITATION_EDGE,
    Rel.CITES: _CITATION_EDGE,
    Rel.DERIVED_FROM: _TARGET_DERIVATION_EDGE,
    Rel.IMPLEMENTS: _CITATION_EDGE,
}
