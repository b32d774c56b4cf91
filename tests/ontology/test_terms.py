"""terms.py: generated from the ontology, in step with it, and importable without rdflib."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from policykg.ontology import NAMESPACE, terms
from policykg.ontology.mapping import (
    REGENERATE_COMMAND,
    TERMS_PATH,
    VALUE_SCHEME,
    main,
    rendered_terms,
)

ONTOLOGY_DIR = TERMS_PATH.parent
# A datatype property the checked-in terms.py does not know, to prove --check notices.
NEW_PROPERTY_TTL = """
pkg:budget a owl:DatatypeProperty ;
    rdfs:label "budget"@en , "kinh phí"@vi ;
    rdfs:comment "Funds set aside for a task."@en ;
    rdfs:domain pkg:Task ; rdfs:range xsd:decimal .
"""


def test_terms_py_is_what_the_ontology_renders_to() -> None:
    assert TERMS_PATH.read_text(encoding="utf-8") == rendered_terms(), (
        f"ontology/terms.py is stale: run {REGENERATE_COMMAND} and commit it with the ontology"
    )


def test_check_fails_on_an_edited_terms_py(tmp_path: Path) -> None:
    stale = tmp_path / "terms.py"
    stale.write_text(TERMS_PATH.read_text(encoding="utf-8") + "EXTRA = 1\n", encoding="utf-8")
    assert main(["--check", "--terms", str(stale)]) == 1
    assert main(["--write", "--terms", str(stale)]) == 0
    assert main(["--check", "--terms", str(stale)]) == 0


def test_check_fails_on_an_edited_ontology(tmp_path: Path) -> None:
    edited = tmp_path / "policykg.ttl"
    edited.write_text((ONTOLOGY_DIR / "policykg.ttl").read_text(encoding="utf-8")
                      + NEW_PROPERTY_TTL, encoding="utf-8")
    assert main(["--check", "--ontology", str(edited)]) == 1


def test_cli_entry_point_reports_current() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "policykg.ontology.mapping", "--check"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr


def _member_cases() -> list[tuple[str, str, URIRef]]:
    cases = [("Label", m.value, URIRef(terms.LABEL_IRI[m])) for m in terms.Label]
    cases += [("Rel", m.value, URIRef(terms.REL_IRI[m])) for m in terms.Rel]
    cases += [("Prop", m.value, URIRef(terms.PROP_IRI[m])) for m in terms.Prop]
    return cases


def _declared(graph: Graph, enum: str, iri: URIRef) -> bool:
    if enum == "Label":
        return (iri, RDF.type, OWL.Class) in graph
    if enum == "Rel":
        return (iri, RDF.type, OWL.ObjectProperty) in graph
    # A property key is a datatype property or a code-list object property.
    return (iri, RDF.type, OWL.DatatypeProperty) in graph or (iri, VALUE_SCHEME, None) in graph


@pytest.mark.parametrize(("enum", "name", "iri"), _member_cases(),
                         ids=[f"{e}.{n}" for e, n, _ in _member_cases()])
def test_every_name_resolves_to_a_declared_term(
    ontology_graph: Graph, enum: str, name: str, iri: URIRef
) -> None:
    assert iri.startswith(NAMESPACE)
    assert _declared(ontology_graph, enum, iri), f"{enum}.{name}: {iri} is not declared"


def test_every_ontology_term_has_a_place_in_terms(ontology_graph: Graph) -> None:
    placed = {*terms.LABEL_IRI.values(), *terms.REL_IRI.values(), *terms.PROP_IRI.values()}
    for edge in terms.QUALIFIED.values():
        placed |= {edge.class_iri, edge.qualifier_iri, edge.target_iri, edge.kind_iri}
    declared = {
        str(s)
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology_graph.subjects(RDF.type, t)
        if str(s).startswith(NAMESPACE)
    }
    assert declared - placed == set()


def test_iri_dicts_cover_their_enums() -> None:
    assert set(terms.LABEL_IRI) == set(terms.Label) == set(terms.SUPER_LABELS)
    assert set(terms.REL_IRI) == set(terms.Rel)
    assert set(terms.PROP_IRI) == set(terms.Prop)
    assert set(terms.LEVEL_IRI) == set(terms.Level)
    assert set(terms.DOCUMENT_TYPE_IRI) == set(terms.DocumentType)


VALUES = [
    (terms.Label.PLAN, "Plan"),
    (terms.Rel.BASED_ON, "BASED_ON"),
    (terms.Prop.SPAN_START, "span_start"),
    (terms.Level.DISTRICT, "district"),
    (terms.DocumentType.QD, "QĐ"),
    (terms.DocumentType.CTR, "CTr"),
    (terms.Comparison.DIFFERENT_DEADLINE, "differentDeadline"),
]


@pytest.mark.parametrize(("member", "value"), VALUES, ids=[repr(m) for m, _ in VALUES])
def test_member_values(member: str, value: str) -> None:
    assert member == value


def test_plan_also_carries_policy_document_label() -> None:
    assert terms.SUPER_LABELS[terms.Label.PLAN] == (terms.Label.POLICY_DOCUMENT,)


def test_header_says_generated_and_how_to_regenerate() -> None:
    head = TERMS_PATH.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("# GENERATED") and REGENERATE_COMMAND in head[0]


@pytest.mark.parametrize("statement", [
    "import policykg.ontology.terms",
    "from policykg.ontology import Label, Rel, Prop, ONTOLOGY_TTL",
], ids=["terms", "package"])
def test_import_does_not_load_rdflib(statement: str) -> None:
    code = f"{statement}; import sys; print('rdflib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.py")), ids=lambda p: p.name)
def test_ontology_package_imports_only_stdlib_and_rdflib(path: Path) -> None:
    allowed_roots = set(sys.stdlib_module_names) | {"rdflib"}
    for module in _imported_modules(path):
        root = module.split(".")[0]
        own = module == "policykg.ontology" or module.startswith("policykg.ontology.")
        assert root in allowed_roots or own, f"{path.name} imports {module}"


def test_package_re_exports_resolve() -> None:
    import policykg.ontology as package

    for name in package.__all__:
        assert getattr(package, name) is not None, name
    assert package.Label is terms.Label
