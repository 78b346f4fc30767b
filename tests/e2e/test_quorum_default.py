"""A quorum by default (issue 20, point 2): one member cannot decide for the board; the
secretary or chair sets the board's quorum from the phone; every result names the quorum that
applied and where it comes from. On SQLite and PostgreSQL."""

from __future__ import annotations

from tests.e2e.conftest import Harness
from tests.e2e.test_voting import propose, results_to, seat_everyone, vote


async def test_one_ballot_of_nine_decides_nothing_by_default(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary)
    await vote(bot, members["uwv"], motion, "for")
    await bot.send(secretary, f"/sluit {motion}")
    result = results_to(bot, members["uwv"])[-1]
    assert "<b>Geen besluit.</b>" in result, result
    assert "Te weinig stemmen: 1 van de 9 stemgerechtigde zetels deed mee" in result, result
    assert "meer dan de helft (5)" in result, result
    assert "de standaard van werkbot" in result, result


async def test_more_than_half_decides_and_the_result_names_the_quorum(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary)
    for key in ("voorzitter", "wsp-achterhoek-west", "loopbaanplein-oost", "iswi", "uwv"):
        await vote(bot, members[key], motion, "for")
    await bot.send(secretary, f"/sluit {motion}")
    result = results_to(bot, members["uwv"])[-1]
    assert "<b>Aangenomen.</b>" in result, result
    assert "Quorum gehaald: 5 van 9" in result, result
    assert "de standaard van werkbot" in result, result


async def test_the_secretary_sets_the_quorum_with_buttons_and_members_read_it(
    bot: Harness,
) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    shown = (await bot.send(members["uwv"], "/instellingen"))[-1]
    assert "Quorum: meer dan 1/2 van de stemgerechtigde zetels" in (shown.text or ""), shown.text
    assert not shown.buttons()  # a member reads, and is told who can change it
    assert "De secretaris of de voorzitter kan het quorum" in (shown.text or "")

    settings = (await bot.send(secretary, "/instellingen"))[-1]
    labels = [b["text"] for b in settings.buttons()]
    assert labels == [
        "Meer dan de helft deed mee (standaard)",
        "Twee derde deed mee",
        "Geen quorum",
    ]
    none = await bot.press_label(secretary, settings, "Geen quorum")
    assert "Quorum: geen (het bestuur stelde er geen in)" in (none.text or ""), none.text
    motion = await propose(bot, secretary)
    await vote(bot, members["uwv"], motion, "for")
    await bot.send(secretary, f"/sluit {motion}")
    assert "<b>Aangenomen.</b>" in results_to(bot, members["uwv"])[-1]

    two_thirds = await bot.press_label(secretary, none, "Twee derde")
    assert "een instelling van het bestuur" in (two_thirds.text or ""), two_thirds.text
    motion = await propose(bot, secretary, "Tweede")
    for key in ("voorzitter", "wsp-achterhoek-west", "loopbaanplein-oost", "iswi", "uwv"):
        await vote(bot, members[key], motion, "for")
    await bot.send(secretary, f"/sluit {motion}")
    result = results_to(bot, members["uwv"])[-1]
    assert "<b>Geen besluit.</b>" in result, result
    assert "een instelling van het bestuur" in result, result


async def test_the_chair_may_set_it_and_a_member_may_not(bot: Harness) -> None:
    board, members, _ = await seat_everyone(bot, "achterhoek-2014")
    chair = members["voorzitter"]
    settings = (await bot.send(chair, "/instellingen"))[-1]
    assert settings.buttons()
    plain = members["iswi"]
    shown = (await bot.send(plain, "/instellingen"))[-1]
    assert not shown.buttons()
    # a member forging the chair's button changes nothing
    await bot.press(plain, shown, f"sq|{board}|o")
    answer = bot.api.callback_answers[-1]
    assert answer.get("show_alert") is True
    reread = (await bot.send(plain, "/instellingen"))[-1]
    assert "meer dan 1/2" in (reread.text or "")
