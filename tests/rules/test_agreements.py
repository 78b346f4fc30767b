"""The shipped agreements: verbatim against their sources, seated as written, and validated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from rules.agreements import sourcecheck
from rules.agreements.loader import (
    DATA_DIR,
    AgreementError,
    load_agreement_file,
    shipped_agreements,
    source_text,
)
from rules.agreements.model import (
    NON_VOTING_ROLES,
    Agreement,
    BlocMajorityStep,
    ConsensusStep,
    MandateStep,
    NoDecisionStep,
    Seat,
    SeatRole,
)
from rules.agreements.sourcecheck import ClauseText, Mismatch, Repair

SHIPPED_IDS = ("twente-2020", "achterhoek-2014", "werkcentrum-twente-2025")


def _agreement(agreement_id: str) -> Agreement:
    return shipped_agreements()[agreement_id]


def _repairs(agreement: Agreement) -> list[Repair]:
    return [Repair(r.pattern, r.replace, r.why) for r in agreement.source.repairs]


def _clause_texts(agreement: Agreement) -> list[ClauseText]:
    return [ClauseText(c.id, c.heading, c.text.nl) for c in agreement.clauses]


def _replace_clause_text(
    clauses: list[ClauseText], clause_id: str, old: str, new: str
) -> list[ClauseText]:
    out = []
    for clause in clauses:
        if clause.id == clause_id:
            assert old in clause.text, f"{old!r} is not in clause {clause_id}"
            clause = ClauseText(clause.id, clause.heading, clause.text.replace(old, new, 1))
        out.append(clause)
    return out


def _voting(seats: tuple[Seat, ...]) -> list[Seat]:
    return [s for s in seats if s.votes]


# --- the shipped agreements load --------------------------------------------------------------


def test_all_three_shipped_agreements_load_by_id() -> None:
    agreements = shipped_agreements()

    assert set(agreements) == set(SHIPPED_IDS)
    assert all(agreement.id == key for key, agreement in agreements.items())


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_each_shipped_file_loads_on_its_own(agreement_id: str) -> None:
    agreement = load_agreement_file(DATA_DIR / f"{agreement_id}.yaml")

    assert agreement == _agreement(agreement_id)


# --- clause texts are the source word for word ------------------------------------------------


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_dutch_clause_texts_match_the_source_word_for_word(agreement_id: str) -> None:
    agreement = _agreement(agreement_id)

    mismatch = sourcecheck.compare(
        source_text(agreement), _repairs(agreement), _clause_texts(agreement)
    )

    assert mismatch is None, str(mismatch)


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_declared_repairs_are_needed_for_the_match(agreement_id: str) -> None:
    agreement = _agreement(agreement_id)
    assert agreement.source.repairs, "every shipped source declares at least one repair"

    mismatch = sourcecheck.compare(source_text(agreement), [], _clause_texts(agreement))

    assert isinstance(mismatch, Mismatch)


@pytest.mark.parametrize(
    ("old", "new", "source_word", "clause_word"),
    [
        pytest.param(
            "naar consensus", "naar unanimiteit", "consensus", "unanimiteit", id="changed"
        ),
        pytest.param(
            "streven naar consensus", "streven consensus", "naar", "consensus", id="dropped"
        ),
        pytest.param("streven naar", "streven altijd naar", "naar", "altijd", id="invented"),
    ],
)
def test_compare_catches_an_altered_word_and_names_the_clause(
    old: str, new: str, source_word: str, clause_word: str
) -> None:
    agreement = _agreement("twente-2020")
    clauses = _replace_clause_text(_clause_texts(agreement), "art-3", old, new)

    mismatch = sourcecheck.compare(source_text(agreement), _repairs(agreement), clauses)

    assert isinstance(mismatch, Mismatch)
    assert mismatch.clause_id == "art-3"
    assert source_word in mismatch.expected
    assert clause_word in mismatch.found
    assert "art-3" in str(mismatch)


def test_compare_catches_an_altered_word_in_a_later_agreement_clause() -> None:
    agreement = _agreement("achterhoek-2014")
    clauses = _replace_clause_text(_clause_texts(agreement), "art-10", "6 weken", "8 weken")

    mismatch = sourcecheck.compare(source_text(agreement), _repairs(agreement), clauses)

    assert mismatch is not None
    assert mismatch.clause_id == "art-10"


def test_compare_catches_source_text_left_over_after_the_last_clause() -> None:
    agreement = _agreement("twente-2020")

    mismatch = sourcecheck.compare(
        source_text(agreement), _repairs(agreement), _clause_texts(agreement)[:-1]
    )

    assert mismatch is not None
    assert mismatch.clause_id == "(after the last clause)"
    assert mismatch.found == ()


def test_a_repair_that_matches_nothing_is_an_error() -> None:
    agreement = _agreement("twente-2020")
    useless = Repair(r"^THIS LINE IS NOT IN THE SOURCE\n", "", "documents nothing")

    with pytest.raises(ValueError, match="matches nothing"):
        sourcecheck.compare(
            source_text(agreement), [*_repairs(agreement), useless], _clause_texts(agreement)
        )


def test_bullet_glyphs_tokenize_as_a_dash() -> None:
    assert sourcecheck.tokens("\uf0b7 Een, twee.") == ["-", "Een", ",", "twee", "."]


# --- clauses are complete and uniquely named --------------------------------------------------


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_every_clause_has_an_english_text_and_title(agreement_id: str) -> None:
    for clause in _agreement(agreement_id).clauses:
        assert clause.text.en.strip(), clause.id
        assert clause.title.en.strip(), clause.id
        assert clause.title.nl.strip(), clause.id


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_clause_ids_are_unique(agreement_id: str) -> None:
    ids = [c.id for c in _agreement(agreement_id).clauses]

    assert len(ids) == len(set(ids))


# --- seats and procedures as written ----------------------------------------------------------


def test_twente_board_is_seated_as_article_2_writes_it() -> None:
    agreement = _agreement("twente-2020")
    seats = agreement.expand_seats()
    voting = _voting(seats)

    chairs = [s for s in seats if s.role is SeatRole.CHAIR]
    assert len(chairs) == 1
    assert chairs[0].party == "enschede"
    assert chairs[0].votes
    members = Counter(s.delegation for s in voting if s.role is SeatRole.MEMBER)
    assert members == {
        "gemeenten": 4,
        "uwv": 1,
        "werkgevers": 3,
        "werknemers": 3,
        "onderwijs": 3,
    }
    assert len(voting) == 15
    secretaries = [s for s in seats if s.role is SeatRole.SECRETARY]
    assert len(secretaries) == 1
    assert not secretaries[0].votes
    assert len(seats) == 16


def test_achterhoek_board_is_seated_as_article_2_writes_it() -> None:
    agreement = _agreement("achterhoek-2014")
    voting = _voting(agreement.expand_seats())

    chairs = [s for s in voting if s.role is SeatRole.CHAIR]
    assert [c.party for c in chairs] == ["doetinchem"]
    assert Counter(s.delegation for s in voting) == {
        "gemeenten": 4,
        "werkgevers": 3,
        "werknemers": 1,
        "uwv": 1,
    }
    assert len(voting) == 9


def test_advisors_secretary_and_deputy_never_vote() -> None:
    agreement = _agreement("achterhoek-2014")
    seats = agreement.expand_seats({"adviseur": 2})

    non_voting_roles = {s.role for s in seats if s.role in NON_VOTING_ROLES}
    assert non_voting_roles == {SeatRole.ADVISOR, SeatRole.SECRETARY, SeatRole.DEPUTY_SECRETARY}
    assert [s.id for s in seats if s.role is SeatRole.ADVISOR] == ["adviseur-1", "adviseur-2"]
    assert not any(s.votes for s in seats if s.role in NON_VOTING_ROLES)


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_no_shipped_seat_with_a_non_voting_role_votes(agreement_id: str) -> None:
    agreement = _agreement(agreement_id)

    for spec in agreement.seats:
        if spec.role in NON_VOTING_ROLES:
            assert not spec.votes, spec.id


def test_werkcentrum_seats_fourteen_municipalities_and_uwv() -> None:
    agreement = _agreement("werkcentrum-twente-2025")
    voting = _voting(agreement.expand_seats())

    assert Counter(s.delegation for s in voting) == {"gemeenten": 14, "uwv": 1}
    municipal_parties = {s.party for s in voting if s.delegation == "gemeenten"}
    assert len(municipal_parties) == 14
    assert "enschede" in municipal_parties
    assert [s.party for s in voting if s.role is SeatRole.CHAIR] == ["enschede"]


def test_twente_decides_by_consensus_or_not_at_all() -> None:
    steps = _agreement("twente-2020").procedure.steps

    assert [type(step) for step in steps] == [ConsensusStep, NoDecisionStep]


def test_achterhoek_falls_back_to_a_bloc_majority_with_chair_then_vice_chair() -> None:
    steps = _agreement("achterhoek-2014").procedure.steps

    assert isinstance(steps[0], ConsensusStep)
    assert isinstance(steps[1], BlocMajorityStep)
    assert steps[1].tie_break == ("chair", "vice_chair")
    assert len(steps) == 2


def test_werkcentrum_falls_back_to_the_mandate_of_enschede() -> None:
    steps = _agreement("werkcentrum-twente-2025").procedure.steps

    assert isinstance(steps[0], ConsensusStep)
    assert isinstance(steps[1], MandateStep)
    assert steps[1].party == "enschede"
    assert len(steps) == 2


# --- expand_seats numbering -------------------------------------------------------------------


def test_numbered_seats_get_an_id_and_label_per_seat() -> None:
    employers = [s for s in _agreement("achterhoek-2014").expand_seats() if s.spec == "werkgevers"]

    assert [s.id for s in employers] == ["werkgevers-1", "werkgevers-2", "werkgevers-3"]
    assert [s.label.nl for s in employers] == ["Werkgevers 1", "Werkgevers 2", "Werkgevers 3"]
    assert [s.label.en for s in employers] == ["Employers 1", "Employers 2", "Employers 3"]
    assert all(s.delegation == "werkgevers" and s.votes for s in employers)


def test_expand_seats_takes_a_count_per_spec() -> None:
    seats = _agreement("achterhoek-2014").expand_seats({"werkgevers": 5})

    employers = [s.id for s in seats if s.spec == "werkgevers"]
    assert employers == [f"werkgevers-{n}" for n in range(1, 6)]
    assert len(_voting(seats)) == 11


def test_single_seats_keep_their_spec_id() -> None:
    seats = _agreement("achterhoek-2014").expand_seats()

    assert [s.id for s in seats if s.spec == "voorzitter"] == ["voorzitter"]
    assert [s.id for s in seats if s.spec == "uwv"] == ["uwv"]


# --- the validator names file, field and fault ------------------------------------------------


def _write_broken(
    tmp_path: Path, agreement_id: str, breaks: Callable[[dict[str, Any]], None]
) -> Path:
    data = yaml.safe_load((DATA_DIR / f"{agreement_id}.yaml").read_text(encoding="utf-8"))
    breaks(data)
    path = tmp_path / f"broken-{agreement_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _unknown_delegation(data: dict[str, Any]) -> None:
    data["seats"][2]["delegation"] = "bestuurders"


def _no_chair(data: dict[str, Any]) -> None:
    data["seats"][0]["role"] = "member"


def _cites_missing_clause(data: dict[str, Any]) -> None:
    data["rhythm"][0]["cites"] = ["art-99"]


def _signed_not_a_date(data: dict[str, Any]) -> None:
    data["signed"] = "not a date"


def _count_not_a_number(data: dict[str, Any]) -> None:
    data["seats"][1]["count"] = {"min": "three"}


def _unknown_top_level_field(data: dict[str, Any]) -> None:
    data["colour"] = "red"


def _unknown_seat_field(data: dict[str, Any]) -> None:
    data["seats"][3]["weight"] = 2


def _missing_required_field(data: dict[str, Any]) -> None:
    del data["procedure"]


def _advisor_votes(data: dict[str, Any]) -> None:
    data["seats"][7]["votes"] = True


def _duplicate_clause_id(data: dict[str, Any]) -> None:
    data["clauses"][3]["id"] = data["clauses"][2]["id"]


def _vice_chair_never_defined(data: dict[str, Any]) -> None:
    del data["vice_chair"]


def _parties_quote_not_in_clause(data: dict[str, Any]) -> None:
    data["parties_quote"]["words"] = "De overeenkomst wordt gesloten tussen Twente en Drenthe"


def _parties_quote_unknown_clause(data: dict[str, Any]) -> None:
    data["parties_quote"]["clause"] = "art-99"


def _mandate_unknown_party(data: dict[str, Any]) -> None:
    data["procedure"]["steps"][1]["party"] = "deventer"


@pytest.mark.parametrize(
    ("agreement_id", "breaks", "field", "fault"),
    [
        pytest.param(
            "twente-2020",
            _unknown_delegation,
            "seats[2].delegation",
            "unknown delegation 'bestuurders'",
            id="unknown-delegation",
        ),
        pytest.param("twente-2020", _no_chair, "seats", "no seat has role 'chair'", id="no-chair"),
        pytest.param(
            "twente-2020",
            _cites_missing_clause,
            "rhythm[0].cites[0]",
            "cites clause 'art-99', which the agreement does not have",
            id="cites-missing-clause",
        ),
        pytest.param(
            "twente-2020",
            _parties_quote_not_in_clause,
            "parties_quote.words",
            "not in the Dutch text of clause 'preamble'",
            id="parties-quote-not-in-clause",
        ),
        pytest.param(
            "twente-2020",
            _parties_quote_unknown_clause,
            "parties_quote.clause",
            "unknown clause 'art-99'",
            id="parties-quote-unknown-clause",
        ),
        pytest.param(
            "achterhoek-2014",
            _signed_not_a_date,
            "signed",
            "'not a date'",
            id="signed-not-a-date",
        ),
        pytest.param(
            "twente-2020",
            _count_not_a_number,
            "seats[1].count.min",
            "valid integer",
            id="count-not-a-number",
        ),
        pytest.param(
            "twente-2020", _unknown_top_level_field, "colour", "unknown field", id="unknown-field"
        ),
        pytest.param(
            "twente-2020",
            _unknown_seat_field,
            "seats[3].weight",
            "unknown field",
            id="unknown-seat-field",
        ),
        pytest.param(
            "twente-2020",
            _missing_required_field,
            "procedure",
            "required field is missing",
            id="missing-field",
        ),
        pytest.param(
            "achterhoek-2014",
            _advisor_votes,
            "seats[7]",
            "a seat with role 'advisor' cannot vote",
            id="advisor-votes",
        ),
        pytest.param(
            "twente-2020",
            _duplicate_clause_id,
            "clauses[3].id",
            "duplicate id 'art-2'",
            id="duplicate-clause-id",
        ),
        pytest.param(
            "achterhoek-2014",
            _vice_chair_never_defined,
            "procedure.steps[1].tie_break",
            "names the vice-chair, who is never defined",
            id="vice-chair-undefined",
        ),
        pytest.param(
            "werkcentrum-twente-2025",
            _mandate_unknown_party,
            "procedure.steps[1].party",
            "unknown party 'deventer'",
            id="mandate-unknown-party",
        ),
    ],
)
def test_a_broken_agreement_is_named_with_its_file_field_path_and_fault(
    tmp_path: Path,
    agreement_id: str,
    breaks: Callable[[dict[str, Any]], None],
    field: str,
    fault: str,
) -> None:
    path = _write_broken(tmp_path, agreement_id, breaks)

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    message = str(caught.value)
    assert message.startswith(path.name), message
    assert f"{field}: " in message, message
    assert fault in message, message
    assert any(p == field and fault in what for p, what in caught.value.problems)


def test_unknown_delegation_is_named_with_its_field_path(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "twente-2020", _unknown_delegation)

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    assert str(caught.value) == (
        f"{path.name}: seats[2].delegation: unknown delegation 'bestuurders' "
        "(known: gemeenten, onderwijs, uwv, werkgevers, werknemers)"
    )


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    def breaks(data: dict[str, Any]) -> None:
        _unknown_delegation(data)
        _cites_missing_clause(data)

    path = _write_broken(tmp_path, "twente-2020", breaks)

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    fields = [field for field, _ in caught.value.problems]
    assert "seats[2].delegation" in fields
    assert "rhythm[0].cites[0]" in fields


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad-syntax.yaml"
    path.write_text("id: twente-2020\ntitle: {nl: open\nregion: [\n", encoding="utf-8")

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    message = str(caught.value)
    assert "bad-syntax.yaml" in message
    assert "line " in message
    assert "column " in message


def test_a_file_that_is_not_a_mapping_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a-list.yaml"
    path.write_text("- twente-2020\n- achterhoek-2014\n", encoding="utf-8")

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    assert str(caught.value) == "a-list.yaml: the file must hold a mapping of fields"


def test_an_empty_file_is_rejected_as_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")

    with pytest.raises(AgreementError, match=r"empty\.yaml: the file must hold a mapping"):
        load_agreement_file(path)


def test_a_missing_file_is_reported_as_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    message = str(caught.value)
    assert "nowhere.yaml" in message
    assert "cannot read the file" in message


# --- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize("agreement_id", SHIPPED_IDS)
def test_cli_validate_accepts_a_shipped_file(
    agreement_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA_DIR / f"{agreement_id}.yaml"

    code = main(["agreements", "validate", str(path), "--lang", "en"])

    out, err = capsys.readouterr()
    assert code == 0
    assert "valid" in out
    assert agreement_id in out
    assert err == ""


def test_cli_validate_counts_seats_and_clauses(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA_DIR / "twente-2020.yaml"

    assert main(["agreements", "validate", str(path), "--lang", "en"]) == 0

    out = capsys.readouterr().out
    assert out.strip() == f"{path}: valid (twente-2020: 16 seats, 10 clauses)."


def test_cli_validate_rejects_a_broken_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_broken(tmp_path, "twente-2020", _unknown_delegation)

    code = main(["agreements", "validate", str(path), "--lang", "en"])

    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "seats[2].delegation: unknown delegation 'bestuurders'" in err
    assert path.name in err
    assert "Traceback" not in err


def test_cli_validate_rejects_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["agreements", "validate", str(tmp_path / "nowhere.yaml")])

    err = capsys.readouterr().err
    assert code == 1
    assert "cannot read the file" in err
    assert "Traceback" not in err


def test_cli_lists_the_shipped_agreements(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreements", "list", "--lang", "en"]) == 0

    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert sorted(listed) == sorted(SHIPPED_IDS)


@pytest.mark.parametrize(
    ("lang", "board_name"),
    [("nl", "Bestuur Werkbedrijf Achterhoek"), ("en", "Board of the Werkbedrijf Achterhoek")],
)
def test_cli_shows_an_agreement_in_the_asked_language(
    lang: str, board_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreements", "show", "achterhoek-2014", "--lang", lang]) == 0

    assert board_name in capsys.readouterr().out


def test_cli_show_of_an_unknown_agreement_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["agreements", "show", "nope", "--lang", "en"])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "nope" in err
    assert all(agreement_id in err for agreement_id in SHIPPED_IDS)
