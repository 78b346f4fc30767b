"""Outcomes explained in sentences, in Dutch and in English, citing the agreement."""

from __future__ import annotations

from bot.cli import main
from bot.i18n import translator
from rules.agreements.loader import get_agreement
from rules.decide import Ballot, Choice, decide
from rules.explain import render_outcome

F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN
TIE = {"voorzitter": F, "wsp-achterhoek-west": F, "werkgevers-1": F, "werknemers-1": A, "uwv": A}


def explain(agreement_id: str, ballots: dict[str, Choice], lang: str, **kwargs: object) -> str:
    agreement = get_agreement(agreement_id)
    outcome = decide(
        agreement.procedure,
        agreement.expand_seats(),
        [Ballot(s, c) for s, c in ballots.items()],
        **kwargs,  # type: ignore[arg-type]
    )
    return " ".join(render_outcome(outcome, agreement, translator(lang)))


def test_chair_casting_vote_is_explained_in_dutch_with_the_article() -> None:
    text = explain("achterhoek-2014", TIE, "nl")
    assert text.startswith("Aangenomen. Geen unanimiteit: 3 voor, 2 tegen, 0 onthoudingen.")
    assert "Stemming per geleding, 2-2" in text
    assert "art. 3 Convenant Werkbedrijf Achterhoek" in text
    assert "De stem van de voorzitter (voor) gaf de doorslag." in text


def test_chair_casting_vote_is_explained_in_english() -> None:
    text = explain("achterhoek-2014", TIE, "en")
    assert text.startswith("Adopted. No unanimity: 3 for, 2 against, 0 abstaining.")
    assert "The vote of the chair (for) was decisive." in text
    assert "art. 3 Werkbedrijf Achterhoek Covenant" in text


def test_absent_chair_and_vice_chair_are_both_named() -> None:
    ballots = {k: v for k, v in TIE.items() if k != "voorzitter"} | {"iswi": F}
    text = explain("achterhoek-2014", ballots, "nl", vice_chair="werkgevers-2")
    assert "De voorzitter was afwezig." in text
    assert "De vicevoorzitter was afwezig." in text
    assert text.startswith("Geen besluit.")


def test_twente_objection_says_the_agreement_has_no_vote() -> None:
    text = explain("twente-2020", {"uwv": F, "werkgevers-1": A}, "en")
    assert text.startswith("No decision.")
    assert "provides no vote when consensus fails" in text
    assert "art. 3 Werkbedrijf Twente Cooperation Agreement" in text


def test_werkcentrum_mandate_names_enschede_and_the_remark() -> None:
    text = explain("werkcentrum-twente-2025", {"almelo": A, "enschede": F}, "nl")
    assert text.startswith("Aangenomen.")
    assert "Het mandaat ligt bij Gemeente Enschede (centrumgemeente), die voor stemde" in text
    assert "kanttekening 3.7 Toelichting Werkcentrum Twente" in text


def test_ignored_ballots_are_counted_in_the_reader_language() -> None:
    text = explain("achterhoek-2014", {"uwv": F, "secretaris": A}, "nl")
    assert "1 stem van een zetel zonder stemrecht is niet meegeteld." in text


def test_cli_decide_prints_the_explanation_and_refuses_bad_input(capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["agreements", "decide", "achterhoek-2014", "--lang", "en"]
    assert main([*args, *(f"{s}={c.value}" for s, c in TIE.items())]) == 0
    assert "The vote of the chair (for) was decisive." in capsys.readouterr().out
    assert main([*args, "uwv=maybe"]) == 2
    assert 'Ballot "uwv=maybe" is not SEAT=for' in capsys.readouterr().err
    assert main([*args, "nobody=for"]) == 2
    assert "Unknown seat(s): nobody." in capsys.readouterr().err
    assert main([*args, "uwv=for", "uwv=against"]) == 2
    assert "Seat uwv has more than one ballot." in capsys.readouterr().err
