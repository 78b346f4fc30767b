"""The new procedures explained in Dutch and English: each step, its counts or weights, the
threshold and the clause that grounds it."""

from __future__ import annotations

from pathlib import Path

from bot.i18n import translator
from rules.agreements.loader import load_agreement_file
from rules.agreements.model import Agreement
from rules.decide import Ballot, Choice, decide
from rules.explain import procedure_text, render_outcome

REGIONS = Path(__file__).parent / "regions"
F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN


def region(name: str) -> Agreement:
    return load_agreement_file(REGIONS / f"{name}.yaml")


def explain(agreement: Agreement, ballots: dict[str, Choice], lang: str, **kwargs: object) -> str:
    subject = kwargs.pop("subject", None)
    meeting = bool(kwargs.pop("in_meeting", True))
    outcome = decide(
        agreement.procedure_for(subject, in_meeting=meeting),  # type: ignore[arg-type]
        agreement.expand_seats(),
        [Ballot(s, c) for s, c in ballots.items()],
        quorum=agreement.quorum,
        inhabitants=agreement.inhabitants(),
        in_meeting=meeting,
        **kwargs,  # type: ignore[arg-type]
    )
    return " ".join(render_outcome(outcome, agreement, translator(lang)))


def test_a_qualified_majority_names_counts_threshold_and_article_in_dutch() -> None:
    ballots = {"voorzitter": F, "vlissingen": F, "goes": F, "uwv": A, "onderwijs": A}
    text = explain(region("zeeland-delta"), ballots, "nl")
    assert text.startswith("Verworpen.")
    assert (
        "Stemmen van de leden: 3 voor, 2 tegen, 0 onthoudingen; nodig ten minste 2/3 van de "
        "uitgebrachte stemmen (5): niet gehaald (art. 5 Convenant Zeeland Delta)." in text
    )
    assert "Het voorstel is dus verworpen." in text


def test_a_double_majority_names_both_conditions_in_english() -> None:
    ballots = {"eersel": F, "bergeijk": F, "reusel": F, "veldhoven": A}
    text = explain(region("kempen"), ballots, "en", attendance=["bladel", "oirschot"])
    assert text.startswith("Rejected.")
    assert "Votes of the members: 3 for, 1 against, 0 abstaining; needed more than 1/2" in text
    assert (
        "Inhabitants represented: 51500 for, 46000 against, 0 abstaining; needed at least 1/2 "
        "of all members (137500): not reached (art. 6 De Kempen Arrangements)." in text
    )


def test_a_tie_deferred_to_the_next_meeting_is_said_in_dutch() -> None:
    ballots = {"voorzitter": F, "uwv": F, "huizen": A, "wijdemeren": A}
    ballots |= {"werkgevers-1": A, "werkgevers-2": A, "werknemers": A}
    text = explain(region("gooi-vecht"), ballots, "nl")
    assert text.startswith("Uitgesteld tot de volgende vergadering.")
    assert "Gewogen stemmen: 6 voor, 6 tegen" in text
    assert "opnieuw in stemming gebracht" in text


def test_an_adjourned_meeting_and_the_next_one_without_quorum() -> None:
    agreement = region("noorderkwartier")
    first = explain(agreement, {"voorzitter": F}, "en", attendance=[])
    assert first.startswith("Deferred to the next meeting.")
    assert "so the meeting is adjourned and the proposal goes to the next meeting" in first
    second = explain(agreement, {"voorzitter": F}, "en", attendance=[], adjourned=True)
    assert second.startswith("Adopted.")
    assert "this meeting decides whatever the attendance (art. 4 JA Noorderkwartier)" in second


def test_a_veto_names_the_party_unless_the_ballot_is_secret() -> None:
    agreement = region("veluwe-noord")
    ballots = {"uwv": A, "harderwijk-1": F, "ermelo": F}
    text = explain(agreement, ballots, "en", subject="uwv-dienstverlening")
    assert "UWV voted against and used its veto, so the proposal is rejected (art. 6" in text


def test_a_written_decision_says_it_was_taken_outside_a_meeting() -> None:
    text = explain(region("zeeland-delta"), {"goes": A}, "nl", in_meeting=False)
    assert text.startswith("Verworpen.")
    assert "1 lid maakte binnen de termijn bezwaar (art. 6 Convenant Zeeland Delta)." in text
    assert "Buiten vergadering (schriftelijk) besloten: 1 van 9" in text


def test_the_procedure_is_named_as_the_ballot_message_says_it() -> None:
    agreement = region("zeeland-delta")
    nl = procedure_text(agreement.procedure_for("begroting"), agreement, translator("nl"))
    assert nl.startswith("Besluit bij ten minste 3/4 van alle leden (één stem per lid)")
    assert "(art. 5 Convenant Zeeland Delta)" in nl
    en = procedure_text(region("gooi-vecht").procedure, region("gooi-vecht"), translator("en"))
    assert "tied again, it is rejected" in en
