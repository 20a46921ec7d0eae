"""A whole city as tables (:func:`neighborparty.frames.to_frames`) and back
(:func:`neighborparty.frames.from_frames`): the sheets and their columns, round trips in memory
and through CSV files and an Excel workbook, the cells a table may hold, and problems whose
paths name the sheet, the row and the column."""

import io
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import (
    City,
    CompoundKind,
    DocumentError,
    IntegrityError,
    Whistle,
    examples,
    from_dict,
    synth,
    to_dict,
)
from neighborparty.frames import SHEETS, from_frames, to_frames
from neighborparty.model import COLLECTIONS
from neighborparty.strategies import cities

pd = pytest.importorskip("pandas")

Frames = dict[str, Any]

SEED = examples.seed_city()


@pytest.fixture(scope="module")
def synthetic() -> City:
    """A synthetic city of a few thousand people."""
    return synth.city(seed=1, scale=0.02)


def as_csv(frames: Frames) -> Frames:
    """The tables written as CSV text and read back as the tutorial reads them."""
    return {
        name: pd.read_csv(io.StringIO(frame.to_csv(index=False)), dtype=str, keep_default_na=False)
        for name, frame in frames.items()
    }


def as_excel(frames: Frames, **options: Any) -> Frames:
    """The tables written as one Excel workbook, a sheet each, and read back."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    buffer.seek(0)
    read: Frames = pd.read_excel(buffer, sheet_name=None, **options)
    return read


EXCEL = {"dtype": object, "keep_default_na": False}


def kept(city: City, *, digits: int | None = None) -> City:
    """The city as its tables give it back: a whistle's empty department absent; with
    ``digits``, every number to that many significant digits (what an Excel workbook keeps)."""
    doc = to_dict(city)
    for whistle in doc.get("whistles", []):
        if whistle.get("department") == "":
            del whistle["department"]
    if digits is not None:

        def rounded(value: Any) -> Any:
            if isinstance(value, float):
                return float(f"{value:.{digits}g}")
            if isinstance(value, list):
                return [rounded(v) for v in value]
            if isinstance(value, dict):
                return {k: rounded(v) for k, v in value.items()}
            return value

        doc = rounded(doc)
    return from_dict(doc)


def problems(frames: Frames, error: type[Exception] = DocumentError) -> list[str]:
    """The problems that reading the tables raises, one ``path: message`` each."""
    with pytest.raises(error) as caught:
        from_frames(frames)
    return [str(p) for p in caught.value.problems]  # type: ignore[attr-defined]


def edited(frames: Frames, sheet: str, edit: Callable[[Any], None]) -> Frames:
    """The tables with one sheet changed (as ``object`` columns, which take any value)."""
    frame = frames[sheet].astype(object)
    edit(frame)
    return {**frames, sheet: frame}


# --------------------------------------------------------------------------- the sheets


def test_the_sheets_are_the_city_then_each_collection_followed_by_its_link_sheets() -> None:
    owners = [name.partition(".")[0] for name in SHEETS]
    assert owners[0] == "city"
    assert list(dict.fromkeys(owners[1:])) == list(COLLECTIONS)
    assert [name for name in SHEETS if "." in name] == [
        "grids.compounds",
        "organizations.covers",
        "companies.compounds",
    ]
    assert SHEETS["city"] == ("format_version", "id", "name")
    assert SHEETS["organizations.covers"] == ("organization", "place")
    # Excel takes sheet names of at most 31 characters.
    assert max(map(len, SHEETS)) <= 31


def test_every_field_has_a_column_and_nested_values_prefixed_ones() -> None:
    for name, cls in COLLECTIONS.items():
        columns = {c.partition(".")[0] for c in SHEETS[name]}
        links = {n.partition(".")[2] for n in SHEETS if n.startswith(f"{name}.")}
        assert columns | links == {f.name for f in attrs.fields(cls)}, name
    assert SHEETS["people"][3:5] == ("party.standing", "party.category")
    assert "four_haves.assessed_on" in SHEETS["people"]
    assert SHEETS["compounds"][-2:] == ("coordinates.longitude", "coordinates.latitude")


def test_to_frames_gives_every_sheet_with_its_columns_even_an_empty_one(city: City) -> None:
    frames = to_frames(city)
    assert list(frames) == list(SHEETS)
    for name, frame in frames.items():
        assert tuple(frame.columns) == SHEETS[name]
        assert list(frame.index) == list(range(len(frame)))
    for name in COLLECTIONS:
        assert len(frames[name]) == len(getattr(city, name))
    empty = to_frames(City(id="x", name="x"))
    assert [len(frame) for frame in empty.values()] == [1] + [0] * (len(SHEETS) - 1)
    assert from_frames(empty) == City(id="x", name="x")


def test_values_are_the_citys_in_typed_columns(city: City) -> None:
    frames = to_frames(city)
    compounds, people = frames["compounds"], frames["people"]
    assert compounds.dtypes["households"] == "int64"
    assert compounds.dtypes["residents"] == "Int64"  # nullable: some compounds lack it
    assert compounds.dtypes["coordinates.longitude"] == "float64"
    assert compounds.dtypes["kind"] == "object"
    assert compounds["kind"].tolist() == [c.kind.value for c in city.compounds]
    assert people.dtypes["party.identity_shown"] == "boolean"
    assert frames["appointments"].dtypes["dispatched"] == "bool"
    lin = city.get("p-lin")
    row = people.set_index("id").loc["p-lin"]
    assert type(row["party.joined"]) is date
    assert row["party.joined"] == lin.party.joined
    assert row["party.registered_in"] == lin.party.registered_in
    non_member = next(p for p in city.people if p.party is None)
    empty = people.set_index("id").loc[non_member.id]
    assert all(pd.isna(empty[c]) for c in SHEETS["people"] if c.startswith("party."))


def test_a_list_of_ids_is_one_row_per_id_in_its_order(city: City) -> None:
    covers = to_frames(city)["organizations.covers"]
    expected = [(o.id, place) for o in city.organizations for place in o.covers]
    assert list(covers.itertuples(index=False, name=None)) == expected


# --------------------------------------------------------------------------- round trips


@settings(max_examples=40, deadline=None)
@given(cities())
def test_tables_round_trip(city: City) -> None:
    assert from_frames(to_frames(city)) == kept(city)


@settings(max_examples=20, deadline=None)
@given(cities())
def test_tables_round_trip_through_csv(city: City) -> None:
    assert from_frames(as_csv(to_frames(city))) == kept(city)


@settings(max_examples=6, deadline=None)
@given(cities())
def test_tables_round_trip_through_excel_to_sixteen_digits(city: City) -> None:
    # openpyxl writes numbers with 16 significant digits ("%.16g"), and Excel shows 15.
    assert from_frames(as_excel(to_frames(city), **EXCEL)) == kept(city, digits=16)


def test_a_synthetic_city_round_trips_in_memory_and_through_csv(synthetic: City) -> None:
    frames = to_frames(synthetic)
    assert from_frames(frames) == synthetic
    assert from_frames(as_csv(frames)) == synthetic


def test_a_synthetic_city_round_trips_through_one_excel_workbook(synthetic: City) -> None:
    read = as_excel(to_frames(synthetic), **EXCEL)
    assert list(read) == list(SHEETS)
    assert from_frames(read) == synthetic


def test_the_seed_city_round_trips_through_excel_read_with_its_missing_values(
    city: City,
) -> None:
    # Read with pandas' default missing values, empty cells are NaN: they read as empty.
    assert from_frames(as_excel(to_frames(city), dtype=object)) == city


def test_an_empty_department_reads_back_as_absent(city: City) -> None:
    whistle = Whistle(id="w-blank", compound="c-jinan", raised_on=date(2020, 5, 1), department="")
    blank = city.with_updates(whistles=[whistle])
    assert blank.get("w-blank").department == ""
    assert from_frames(to_frames(blank)).get("w-blank").department is None
    assert from_frames(to_frames(blank)) == kept(blank)


def test_text_that_looks_like_a_number_or_a_missing_value_is_kept(city: City) -> None:
    names = ["001", "NA", "null", "1e3", "True", " 2 ", "2020-01-05", ""]
    people = [
        attrs.evolve(person, name=name) for person, name in zip(city.people, names, strict=False)
    ]
    odd = attrs.evolve(city, people=[*people, *city.people[len(names) :]])
    frames = to_frames(odd)
    assert from_frames(frames) == odd
    assert from_frames(as_csv(frames)) == odd
    assert from_frames(as_excel(frames, **EXCEL)) == odd


def test_read_without_the_options_text_is_lost_or_refused(city: City) -> None:
    """Why the tutorial reads CSV with ``dtype=str, keep_default_na=False``: pandas' guesses
    turn a name ``NA`` into a missing value, a column of names like ``001`` into numbers and
    whole numbers with gaps into floats."""
    district = attrs.evolve(city.districts[0], name="001")
    person = attrs.evolve(city.people[0], name="NA")
    odd = city.with_updates(districts=[district], people=[person])
    text = {name: frame.to_csv(index=False) for name, frame in to_frames(odd).items()}
    guessed = {name: pd.read_csv(io.StringIO(t), dtype=str) for name, t in text.items()}
    assert from_frames(guessed).get(person.id).name == ""  # NA read as an empty cell
    numbers = {name: pd.read_csv(io.StringIO(t)) for name, t in text.items()}
    found = problems(numbers)
    assert "districts[row 2].name: expected str, got 1" in found
    assert found[-1].startswith("compounds[row 2].residents: expected int, got 350.0 (pandas")


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        ("households", "120", 120),
        ("households", "-0", 0),
        ("residents", pd.NA, None),
        ("residents", float("nan"), None),
        ("residents", "", None),
        ("residents", None, None),
        ("coordinates.longitude", "118.5", 118.5),
        ("coordinates.longitude", "1e2", 100.0),
        ("coordinates.longitude", 118, 118.0),
        ("kind", CompoundKind.UNMANAGED, CompoundKind.UNMANAGED),
    ],
)
def test_a_compounds_cell_reads_as_its_value(
    city: City, column: str, cell: object, value: object
) -> None:
    def edit(frame: Any) -> None:
        frame.loc[0, column] = cell
        if column.startswith("coordinates."):
            frame.loc[0, "coordinates.latitude"] = 24.5

    read = from_frames(edited(to_frames(city), "compounds", edit)).compounds[0]
    if column.startswith("coordinates."):
        assert read.coordinates == (value, 24.5)
    else:
        assert getattr(read, column) == value


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        (date(2021, 3, 2), date(2021, 3, 2)),
        (datetime(2021, 3, 2), date(2021, 3, 2)),
        ("2021-03-02", date(2021, 3, 2)),
        (pd.Timestamp("2021-03-02"), date(2021, 3, 2)),
        (pd.NaT, None),
    ],
)
def test_a_day_is_a_date_a_datetime_at_midnight_or_iso_text(
    city: City, cell: object, value: object
) -> None:
    frames = edited(to_frames(city), "appointments", lambda f: f.__setitem__("end", cell))
    assert {a.end for a in from_frames(frames).appointments} == {value}


@pytest.mark.parametrize(
    ("cell", "value"), [("True", True), ("false", False), ("TRUE", True), (True, True)]
)
def test_a_boolean_is_a_bool_or_its_text(city: City, cell: object, value: bool) -> None:
    frames = edited(to_frames(city), "appointments", lambda f: f.__setitem__("dispatched", cell))
    assert {a.dispatched for a in from_frames(frames).appointments} == {value}


def test_numpy_scalars_read_as_python_values(city: City) -> None:
    np = pytest.importorskip("numpy")

    def edit(frame: Any) -> None:
        frame.loc[0, "households"] = np.int64(121)
        frame.loc[0, "name"] = np.str_("金安")

    read = from_frames(edited(to_frames(city), "compounds", edit)).compounds[0]
    assert (read.households, read.name) == (121, "金安")


def test_an_empty_cell_of_a_required_text_column_is_the_empty_text(city: City) -> None:
    frames = edited(to_frames(city), "people", lambda f: f.__setitem__("name", ""))
    assert {p.name for p in from_frames(frames).people} == {""}


def test_missing_optional_columns_and_sheets_are_defaults(city: City) -> None:
    frames = to_frames(city)
    frames["compounds"] = frames["compounds"][["id", "name", "community", "households", "kind"]]
    del frames["activities"]
    read = from_frames(frames)
    assert {c.residents for c in read.compounds} == {None}
    assert read.activities == ()


# --------------------------------------------------------------------------- problems


def test_problems_name_the_sheet_the_row_and_the_column(city: City) -> None:
    frames = to_frames(city)

    def compounds(frame: Any) -> None:
        frame.loc[0, "households"] = "12a"
        frame.loc[1, "households"] = 120.0
        frame.loc[2, "coordinates.latitude"] = 24.5
        frame.loc[3, "kind"] = "gated"

    def people(frame: Any) -> None:
        frame.loc[9, "party.standing"] = "ful"
        frame.loc[0, "party.category"] = None
        frame.loc[1, "party.joined"] = "2020-1-5"
        frame.loc[2, "party.identity_shown"] = "yes"
        frame.loc[3, "party.joined"] = datetime(2020, 1, 5, 10, 30)

    frames = edited(frames, "compounds", compounds)
    frames = edited(frames, "people", people)
    assert problems(frames) == [
        "compounds[row 2].households: expected int, got '12a'",
        "compounds[row 3].households: expected int, got 120.0 (pandas makes floats of the "
        "whole numbers and booleans of a column with empty cells: read the sheet with "
        "dtype=object)",
        "compounds[row 4].coordinates.longitude: expected number, got an empty cell",
        "compounds[row 5].kind: expected one of 'managed', 'resettlement', 'unmanaged', "
        "'old_quarter', got 'gated'",
        "people[row 2].party.category: required, but the cell is empty",
        "people[row 3].party.joined: expected a date as YYYY-MM-DD, got '2020-1-5'",
        "people[row 4].party.identity_shown: expected bool, got 'yes'",
        "people[row 5].party.joined: expected date string YYYY-MM-DD, got a date and time "
        "2020-01-05 10:30:00",
        "people[row 11].party.standing: expected one of 'full', 'probationary', got 'ful'",
    ]


def test_problems_of_values_together_and_of_link_rows(city: City) -> None:
    frames = to_frames(city)
    frames = edited(frames, "appointments", lambda f: f.__setitem__("end", date(1990, 1, 1)))
    covers = frames["organizations.covers"]
    frames["organizations.covers"] = pd.concat([covers, covers.iloc[[1]]], ignore_index=True)
    found = problems(frames)
    assert found[0] == "organizations.covers[row 12].place: lists 'cm-jinan' more than once"
    assert found[1].startswith("appointments[row 2].end: must not be before start")
    assert len(found) == 1 + len(city.appointments)


def test_unknown_sheets_and_columns_are_refused_with_suggestions(city: City) -> None:
    frames = to_frames(city)
    frames["peopel"] = frames["people"]
    frames["compounds"] = frames["compounds"].rename(columns={"residents": "residnets"})
    frames["organizations"] = frames["organizations"].assign(covers="c-jinan", notes="")
    assert problems(frames) == [
        "peopel: unknown sheet; did you mean 'people'?",
        "compounds.residnets: unknown column; did you mean 'residents'?",
        "organizations.covers: unknown column; a list of ids goes in the sheet "
        "'organizations.covers', one id a row",
        "organizations.notes: unknown column",
    ]


def test_a_missing_required_column_is_one_problem_and_its_rows_are_not_read(
    city: City,
) -> None:
    frames = to_frames(city)
    frames["people"] = frames["people"].drop(columns=["home"]).assign(id=None)
    frames["compounds"] = edited(frames, "compounds", lambda f: f.__setitem__("kind", "x"))[
        "compounds"
    ].drop(columns=["name"])
    assert problems(frames) == [
        "compounds.name: required column missing",
        "people.home: required column missing",
    ]
    # An empty sheet needs no columns at all.
    assert from_frames({**to_frames(City(id="x", name="x")), "lanes": pd.DataFrame()}) == City(
        id="x", name="x"
    )


def test_a_nested_required_column_missing_is_said_in_each_row_that_needs_it(
    city: City,
) -> None:
    frames = to_frames(city)
    frames["people"] = frames["people"].drop(columns=["party.category"])
    members = sum(1 for p in city.people if p.party is not None)
    found = problems(frames)
    assert len(found) == members
    assert found[0] == (
        "people[row 2].party.category: required, but the sheet has no column 'party.category'"
    )


def test_the_city_sheet_is_required_and_holds_one_row(city: City) -> None:
    frames = to_frames(city)
    del frames["city"]
    assert problems(frames) == ["city: required sheet missing (one row: format_version, id, name)"]
    frames["city"] = pd.DataFrame({"format_version": [1, 1], "id": ["a", "b"], "name": ["", ""]})
    assert problems(frames) == ["city: expected one row, got 2"]
    frames["city"] = pd.DataFrame({"format_version": ["2"], "id": [""], "name": [""]})
    assert problems(frames) == [
        "city[row 2].format_version: unsupported version 2; this version of neighborparty "
        "reads version 1",
        "city[row 2].id: required, but the cell is empty",
    ]
    frames["city"] = pd.DataFrame({"id": ["x"]})
    assert problems(frames) == [
        "city.format_version: required column missing",
        "city.name: required column missing",
    ]


def test_empty_rows_and_incomplete_link_rows_are_refused(city: City) -> None:
    frames = to_frames(city)
    votes = frames["votes"].astype(object)
    votes.loc[len(votes)] = [None] * len(votes.columns)
    frames["votes"] = votes
    grids = frames["grids.compounds"]
    frames["grids.compounds"] = pd.DataFrame(
        {
            "grid": [*grids["grid"], None, "g-old-1", None, 7],
            "compound": [*grids["compound"], None, None, "c-old", "c-old"],
        }
    )
    start = len(grids) + 2
    assert problems(frames) == [
        f"grids.compounds[row {start}]: the row is empty",
        f"grids.compounds[row {start + 1}].compound: required, but the cell is empty",
        f"grids.compounds[row {start + 2}].grid: required, but the cell is empty",
        f"grids.compounds[row {start + 3}].grid: expected str, got 7",
        "votes[row 3]: the row is empty",
    ]


def test_tables_that_do_not_fit_together_raise_an_integrity_error(city: City) -> None:
    frames = to_frames(city)
    frames = edited(frames, "people", lambda f: f.loc.__setitem__((1, "id"), "p-lin"))
    covers = frames["organizations.covers"]
    frames["organizations.covers"] = pd.concat(
        [covers, pd.DataFrame({"organization": ["br-none"], "place": ["c-jinan"]})],
        ignore_index=True,
    )
    found = problems(frames, IntegrityError)
    assert found[0] == "people[row 3].id: duplicate id 'p-lin', first used at people[row 2]"
    assert (
        f"organizations.covers[row {len(covers) + 2}].organization: no party organisation "
        "with id 'br-none' in the sheet 'organizations'"
    ) in found
    with pytest.raises(IntegrityError) as caught:
        from_frames(frames)
    assert caught.value.problems[0].ids == ("p-lin",)


def test_an_id_that_looks_like_a_path_is_left_as_it_is(city: City) -> None:
    def edit(frame: Any) -> None:
        frame.loc[0, "id"] = "people[99]"
        frame.loc[1, "id"] = "people[99]"

    found = problems(edited(to_frames(city), "people", edit), IntegrityError)
    assert found[0] == "people[row 3].id: duplicate id 'people[99]', first used at people[row 2]"


def test_an_array_in_a_cell_is_refused(city: City) -> None:
    np = pytest.importorskip("numpy")
    frames = edited(
        to_frames(city), "compounds", lambda f: f.__setitem__("households", [np.array([1, 2])] * 4)
    )
    assert problems(frames)[0] == "compounds[row 2].households: expected int, got array([1, 2])"


def test_a_link_row_names_the_place_that_does_not_fit(city: City) -> None:
    frames = to_frames(city)
    frames = edited(
        frames, "organizations.covers", lambda f: f.loc.__setitem__((1, "place"), "d-1")
    )
    assert problems(frames, IntegrityError) == [
        "organizations.covers[row 3].place: 'd-1' is a district, expected a community or compound"
    ]


def test_document_problems_come_before_the_integrity_check(city: City) -> None:
    frames = to_frames(city)
    frames = edited(frames, "people", lambda f: f.loc.__setitem__((0, "home"), "nowhere"))
    frames["peopel"] = frames["people"]
    assert problems(frames) == ["peopel: unknown sheet; did you mean 'people'?"]


def test_the_problems_listed_are_bounded_and_the_rest_counted(synthetic: City) -> None:
    def misspell(frame: Any) -> None:
        frame.loc[frame["party.standing"].notna(), "party.standing"] = "ful"

    frames = edited(to_frames(synthetic), "people", misspell)
    frames["peopel"] = frames["people"]
    members = sum(1 for p in synthetic.people if p.party is not None)
    with pytest.raises(DocumentError) as caught:
        from_frames(frames)
    assert caught.value.total == members + 1
    assert len(caught.value.problems) == 100
    assert str(caught.value.problems[0]) == "peopel: unknown sheet; did you mean 'people'?"


def test_a_long_cell_is_shortened_in_the_message(city: City) -> None:
    frames = edited(
        to_frames(city), "compounds", lambda f: f.loc.__setitem__((0, "households"), "9" * 80 + "x")
    )
    [found] = problems(frames)
    assert found.startswith("compounds[row 2].households: expected int, got '9999")
    assert found.endswith("...")
    assert len(found) < 120


@pytest.mark.parametrize(
    ("frames", "expected"),
    [
        ([], "expected a mapping of sheet names to DataFrames, got list"),
        ({"city": {"id": "x"}}, "city: expected a DataFrame, got object"),
    ],
)
def test_what_is_not_tables_is_refused(frames: object, expected: str) -> None:
    assert problems(frames) == [expected]  # type: ignore[arg-type]


def test_without_pandas_the_city_tables_raise_an_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch, city: City
) -> None:
    frames = to_frames(city)
    monkeypatch.setitem(sys.modules, "pandas", None)
    for make in (lambda: to_frames(city), lambda: from_frames(frames)):
        with pytest.raises(ImportError, match=r'pip install "neighborparty\[pandas\]"'):
            make()


# --------------------------------------------------------------------------- any cell

CELLS = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.sampled_from(["", "full", "ful", "c-jinan", "p-lin", "br-jinan", "2020-02-30", "nan"]),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=2),
    st.just(pd.NA),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(SHEETS)), st.integers(0, 20), CELLS), max_size=6))
def test_any_cell_anywhere_reads_or_raises_problems_with_sheet_paths(
    changes: list[tuple[str, int, Any]],
) -> None:
    frames = {name: frame.astype(object) for name, frame in to_frames(SEED).items()}
    for sheet, where, cell in changes:
        frame = frames[sheet]
        columns = list(frame.columns)
        row = where % (len(frame) + 1)  # a row of the sheet, or a new one at its end
        if row == len(frame):
            frame.loc[row] = [None] * len(columns)
        frame.at[row, columns[where % len(columns)]] = cell
    try:
        from_frames(frames)
    except (DocumentError, IntegrityError) as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.partition("[")[0].partition(".")[0] in {
                name.partition(".")[0] for name in SHEETS
            }, problem
