"""The public names other projects rely on (DESIGN.md's contract) and their documentation."""

import enum
import inspect

import attrs
import pytest

import neighborparty as np_
import neighborparty.plot
import neighborparty.strategies

# Names and fields that tests outside this repository use; they change only with a deprecation.
CONTRACT: dict[str, set[str]] = {
    "District": {"id", "name"},
    "Subdistrict": {"id", "name", "district"},
    "Community": {"id", "name", "subdistrict"},
    "Compound": {"id", "name", "community", "households", "kind"},
    "Building": {"id", "compound", "households"},
    "Person": {"id", "name", "home", "party"},
    "Membership": {"standing", "category", "registered_in"},
    "PartyOrganization": {"id", "name", "kind", "parent", "covers", "formation"},
    "Appointment": {"person", "body", "role", "start", "end"},
    "OwnersCommittee": {"id", "compound", "term_start", "term_end"},
    "PropertyCompany": {"id", "name", "compounds"},
    "City": {
        "id",
        "name",
        "districts",
        "subdistricts",
        "communities",
        "compounds",
        "buildings",
        "people",
        "organizations",
        "appointments",
        "committees",
        "companies",
    },
}

ENUM_MEMBERS: dict[str, set[str]] = {
    "CompoundKind": {"MANAGED", "RESETTLEMENT", "UNMANAGED", "OLD_QUARTER"},
    "Standing": {"FULL", "PROBATIONARY"},
    "MemberCategory": {"IN_SERVICE", "RETIRED", "MOBILE"},
    "OrgKind": {
        "COMMUNITY_COMMITTEE",
        "COMPOUND_BRANCH",
        "COURTYARD_BRANCH",
        "GRID_BRANCH",
        "BUILDING_GROUP",
        "LANE_GROUP",
    },
    "Formation": {"STANDALONE", "JOINT"},
    "Role": {
        "SECRETARY",
        "DEPUTY_SECRETARY",
        "FIRST_SECRETARY",
        "BRANCH_COMMITTEE_MEMBER",
        "GROUP_LEADER",
        "BUILDING_HEAD",
        "CENTRAL_HOUSEHOLD",
        "COMPOUND_SECRETARY",
        "LIAISON",
        "OWNERS_CHAIR",
        "OWNERS_VICE_CHAIR",
        "OWNERS_MEMBER",
    },
    "Severity": {"INFO", "WARNING", "ERROR"},
}


@pytest.mark.parametrize(("name", "fields"), CONTRACT.items())
def test_contract_classes_have_their_fields_as_keywords(name: str, fields: set[str]) -> None:
    cls = getattr(np_, name)
    attributes = {a.name for a in attrs.fields(cls) if a.init}
    assert fields <= attributes
    assert all(
        p.kind is inspect.Parameter.KEYWORD_ONLY for p in inspect.signature(cls).parameters.values()
    )


@pytest.mark.parametrize(("name", "members"), ENUM_MEMBERS.items())
def test_contract_enums_have_their_members(name: str, members: set[str]) -> None:
    assert members <= set(getattr(np_, name).__members__)


def test_document_functions_and_errors_exist() -> None:
    for name in ("to_dict", "from_dict", "to_json", "from_json", "__version__"):
        assert hasattr(np_, name)
    assert issubclass(np_.DocumentError, ValueError)
    assert issubclass(np_.IntegrityError, ValueError)
    assert issubclass(np_.DocumentError, np_.NeighborPartyError)


def test_compare_is_a_top_level_name() -> None:
    """The docs call ``neighborparty.compare``, which only ``neighborparty.rules`` gave."""
    assert np_.compare is np_.rules.compare


def test_all_is_complete_without_repeats() -> None:
    assert len(set(np_.__all__)) == len(np_.__all__)
    for name in np_.__all__:
        assert hasattr(np_, name), name


PUBLIC_MODULES = [np_, np_.graph, np_.rules, np_.synth, np_.strategies, np_.points, np_.plot]


def _public_objects() -> list[tuple[str, object]]:
    found = []
    names = [(m, name) for m in PUBLIC_MODULES for name in m.__all__]
    for module, name in names:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            found.append((f"{module.__name__}.{name}", obj))
            if inspect.isclass(obj) and not issubclass(obj, enum.Enum):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        found.append((f"{module.__name__}.{name}.{attr}", member))
    return list(dict(found).items())


@pytest.mark.parametrize(("name", "obj"), _public_objects())
def test_every_public_function_and_class_has_a_runnable_example(name: str, obj: object) -> None:
    doc = inspect.getdoc(obj) or ""
    assert ">>> " in doc, f"{name} has no example in its docstring"


def test_dir_lists_no_optional_subpackage_and_every_name_resolves() -> None:
    import inspect
    import subprocess
    import sys

    import neighborparty

    assert set(neighborparty.__all__) <= set(dir(neighborparty))
    code = (
        "import inspect, sys, neighborparty\n"
        "names = dir(neighborparty)\n"
        "assert 'strategies' not in names, names\n"
        "assert 'plot' not in names, names\n"
        "inspect.getmembers(neighborparty)\n"
        "assert 'hypothesis' not in sys.modules and 'matplotlib' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert inspect.getmembers(neighborparty.graph)  # networkx names listed and readable
