"""The loader pipeline: bytes -> read -> normalize -> parse -> extract -> Record.

A pure function of the document's bytes (the name only helps detect the format and labels
errors), so a Record can be produced anywhere and loaded later; the same bytes always give the
same Record.

Example:
    >>> record = extract_record(Path("samples/001_13b6eeb6396df31a.txt").read_bytes(), "001.txt")  # doctest: +SKIP
    >>> record.document.symbol, record.citations[0].symbol                                        # doctest: +SKIP
    ('91/KH-UBND', '92-KL/TW')
"""

from __future__ import annotations

import hashlib

from policykg.loaders.assignments import extract_assignments
from policykg.loaders.citation_links import extract_citation_links
from policykg.loaders.citation_titles import add_citation_titles
from policykg.loaders.citations import CitationContext, extract_citations
from policykg.loaders.normalize import normalize_text
from policykg.loaders.parse import ParsedDocument, parse_document
from policykg.loaders.places import resolve_issuer_place
from policykg.loaders.read import read_document
from policykg.loaders.record import DocumentMeta, Record, RecordWarning
from policykg.loaders.targets import extract_targets

#: Length of the content-hash prefix in a Record-local document id.
LOCAL_ID_HEX = 16


def extract_record(data: bytes, name: str = "document") -> Record:
    """Turn one document's bytes into its Record.

    Raises:
        DocumentError: the bytes cannot be read as a document (one line naming ``name``).
    """
    sha = hashlib.sha256(data).hexdigest()
    source = read_document(data, name)
    # read_document's text is NFC, and says whether it was found printable.
    normalized = normalize_text(source.text, nfc=True, printable=source.printable)
    parsed = parse_document(normalized.text, normalized.metadata)
    warnings = [*source.warnings, *normalized.warnings, *parsed.warnings]
    document = _document_meta(parsed, sha, warnings)
    context = CitationContext(level=document.level, province=document.province,
                              district=document.district, commune=document.commune)
    citations, citation_warnings = extract_citations(
        parsed.text, parsed.sections, own_symbol=document.symbol, context=context)
    citations = add_citation_titles(parsed.text, citations)
    citation_links = extract_citation_links(parsed.text, citations)
    return Record(
        source=name,
        text=parsed.text,
        document=document,
        citations=citations,
        citation_links=citation_links,
        targets=extract_targets(parsed.text, parsed.sections),
        assignments=extract_assignments(parsed.text, parsed.sections),
        warnings=[*warnings, *citation_warnings],
    )


def _document_meta(parsed: ParsedDocument, sha: str, warnings: list[RecordWarning]) -> DocumentMeta:
    header = parsed.header
    issuer = header.issuer
    level = issuer.level if issuer else None
    places = {"province": None, "district": None, "commune": None}
    if issuer is not None and issuer.place and level and level != "central":
        places[level] = issuer.place
        resolution = resolve_issuer_place(level, issuer.place, on=header.issued, text=parsed.text)
        places.update(_ancestors(resolution, level))
        if not resolution.confident:
            warnings.append(RecordWarning(code="place_uncertain", message=(
                f"{issuer.unit or ''} {issuer.place}: {resolution.reason}").strip()))
    return DocumentMeta(
        id=f"doc-{sha[:LOCAL_ID_HEX]}",
        symbol=header.symbol,
        doc_type=header.doc_type,
        issuer=issuer.name if issuer else None,
        level=level,
        issued=header.issued,
        title=header.title,
        signer=header.signer,
        source_sha256=sha,
        spans=header.spans,
        **places,
    )


def _ancestors(resolution, level: str) -> dict[str, str | None]:
    """The province (and district) above the issuing unit, when the gazetteer is sure."""
    found: dict[str, str | None] = {}
    if resolution.confident:
        if level in ("district", "commune") and resolution.province:
            found["province"] = resolution.province
        if level == "commune" and resolution.district:
            found["district"] = resolution.district
    return found
