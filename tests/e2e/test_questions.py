"""Asking the agreement through the bot: /clause, /search and free questions, both languages."""

from __future__ import annotations

import pytest

from bot.services import boards, people
from standin import FakeUser
from tests.e2e.conftest import Harness


async def member_of(
    bot: Harness, agreement: str, user_id: int, language: str = "nl", seat: str = "uwv"
) -> FakeUser:
    board = await boards.create_board(bot.db, agreement)
    user = bot.user(user_id, f"Lid {user_id}", language)
    person = await people.identify(bot.db, user.id, user.first_name, telegram_language=language)
    await boards.assign(bot.db, board.id, seat, person.id)
    return user


async def test_clause_shows_the_dutch_original_to_dutch_readers(bot: Harness) -> None:
    member = await member_of(bot, "achterhoek-2014", 3000)
    text = await bot.say(member, "/artikel 3")
    assert "<b>Art. 3 Besluitvorming</b>" in text
    assert "Partijen streven naar consensus over de te nemen besluiten." in text


async def test_english_readers_get_the_translation_and_the_original_one_tap_away(
    bot: Harness,
) -> None:
    member = await member_of(bot, "achterhoek-2014", 3001, "en")
    message = (await bot.send(member, "/clause 3"))[-1]
    assert "Our English translation; the Dutch original is binding." in (message.text or "")
    assert "Decision-making" in (message.text or "")
    before = len(bot.api.messages_to(member.id))
    await bot.press_label(member, message, "Dutch original")
    original = bot.api.messages_to(member.id)[before:]
    assert "Partijen streven naar consensus" in (original[-1].text or "")


async def test_clause_by_agreement_and_unknown_numbers(bot: Harness) -> None:
    stranger = bot.user(3002, "Partner", "en")
    assert "Wage value assessment" in await bot.say(stranger, "/clause achterhoek-2014 7")
    assert "No article 99" in await bot.say(stranger, "/clause achterhoek-2014 99")
    listing = await bot.say(stranger, "/clause twente-2020")
    assert "Art. 7 Information" in listing
    assert "Information, accountability and evaluation" in listing or "Information" in listing


async def test_a_long_article_is_split_within_the_limit(bot: Harness) -> None:
    member = await member_of(bot, "achterhoek-2014", 3003)
    parts = await bot.send(member, "/artikel 8")
    assert all(len(p.text or "") <= 4096 for p in parts)
    assert "Ontwikkelagenda" in (parts[0].text or "")


async def test_search_highlights_matches(bot: Harness) -> None:
    member = await member_of(bot, "achterhoek-2014", 3004)
    message = (await bot.send(member, "/zoek loonwaarde"))[-1]
    assert "art. 7" in (message.text or "")
    assert "<b>" in (message.text or "")
    assert message.buttons()


async def test_a_dutch_question_about_the_chair_names_rule_and_holder(bot: Harness) -> None:
    member = await member_of(bot, "achterhoek-2014", 3005)
    board = (await boards.boards_of(bot.db, (await people.identify(bot.db, 3005, "Lid 3005")).id))[
        0
    ]
    chair = await people.identify(bot.db, 3100, "Anna Voorzitter")
    await boards.assign(bot.db, board.id, "voorzitter", chair.id)
    text = await bot.say(member, "Wie is de voorzitter?")
    assert "Doetinchem" in text
    assert "Anna Voorzitter" in text


async def test_an_english_question_finds_the_dutch_clause_through_the_translation(
    bot: Harness,
) -> None:
    member = await member_of(bot, "achterhoek-2014", 3006, "en")
    text = await bot.say(member, "Which methods for wage value may we use?")
    assert "art. 7" in text.lower()


async def test_a_question_nothing_answers_says_so(bot: Harness) -> None:
    member = await member_of(bot, "twente-2020", 3007)
    text = await bot.say(member, "Hoeveel kost een pizza op Mars?")
    assert "/zoek" in text
    assert "art." not in text.lower()


async def test_a_person_on_two_boards_gets_both_agreements(bot: Harness) -> None:
    member = await member_of(bot, "twente-2020", 3008, "en")
    second = await boards.create_board(bot.db, "achterhoek-2014")
    person = await people.identify(bot.db, 3008, "Lid 3008")
    await boards.assign(bot.db, second.id, "uwv", person.id)
    text = await bot.say(member, "How often does the board meet?")
    assert "Werkbedrijf Twente" in text
    assert "Werkbedrijf Achterhoek" in text


async def test_a_greeting_gets_what_the_bot_does_in_the_persons_language(bot: Harness) -> None:
    member = await member_of(bot, "twente-2020", 3009)
    text = await bot.say(member, "Goedemorgen werkbot!")
    assert "Ik ben werkbot" in text
    assert "stemmen vanaf hun telefoon" in text
    assert "/hulp" in text
    english = bot.user(3010, "Partner", "en")
    text = await bot.say(english, "hey there")
    assert "I am werkbot" in text
    assert "/help" in text
    assert "does not say" not in text


async def test_how_to_vote_comes_from_the_bots_own_help(bot: Harness) -> None:
    member = await member_of(bot, "achterhoek-2014", 3011)
    text = await bot.say(member, "Waar kan ik stemmen?")
    assert "/voorstellen - Open voorstellen en jouw stem" in text
    assert "art." not in text.lower()
    english = bot.user(3012, "Partner", "en")
    text = await bot.say(english, "How can I cast my vote?")
    assert "/motions - Open proposals and your ballot" in text


async def test_an_article_typed_as_text_shows_the_article(bot: Harness) -> None:
    member = await member_of(bot, "achterhoek-2014", 3013)
    text = await bot.say(member, "art. 7")
    assert "<b>Art. 7 Loonwaardebepaling</b>" in text
    assert text == await bot.say(member, "/artikel 7")
    stranger = bot.user(3014, "Partner", "en")
    text = await bot.say(stranger, "clause 6 twente")
    assert "Funding" in text
    assert "Implementation structure" not in text  # not art. 6 of the Achterhoek covenant


async def test_a_clause_without_a_number_is_named_once(bot: Harness) -> None:
    """ "Partijen" has no article number: the list and the clause name it once, not
    "Partijen: Partijen"."""
    member = await member_of(bot, "achterhoek-2014", 3009)
    listing = await bot.say(member, "/artikel")
    assert "Partijen: Partijen" not in listing
    assert "\nPartijen\n" in listing
    assert "Art. 3 Besluitvorming" in listing
    found = await bot.say(member, "/zoek Winterswijk")
    assert "Partijen" in found
    assert "Partijen Convenant" not in found


async def test_a_question_is_answered_in_the_language_it_is_asked_in(bot: Harness) -> None:
    dutch_setting = await member_of(bot, "achterhoek-2014", 3009, "nl")
    text = await bot.say(dutch_setting, "Which methods for wage value may we use?")
    assert "Art. 7 Wage value assessment" in text  # our translation ...
    assert "Dutch original: “" in text  # ... with the words that bind beneath it
    assert "Loonbalans" in text
    english_setting = await member_of(bot, "achterhoek-2014", 3010, "en")
    text = await bot.say(
        english_setting, "Welke methodes voor loonwaardebepaling mogen we gebruiken?"
    )
    assert "Art. 7 Loonwaardebepaling" in text
    assert "Dutch original" not in text


async def test_a_question_the_agreement_does_not_answer_gets_the_closest_line_and_its_button(
    bot: Harness,
) -> None:
    member = await member_of(bot, "achterhoek-2014", 3090)
    reply = (await bot.send(member, "Hoeveel vakantiedagen krijgt de ambtelijk secretaris?"))[-1]
    text = reply.text or ""
    assert text.startswith("De overeenkomst zegt dit niet rechtstreeks.")
    assert "Art. 9 Financiën" in text
    assert [b["text"] for b in reply.buttons()] == ["Volledige tekst: art. 9"]


async def test_a_question_is_read_with_the_updates_record_and_never_stale(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate reads what a question needs (the asker's boards and who holds the offices) in
    the unit of work that records the update: the handler needs no unit of its own, and a
    change of chair between two questions of a person the gate knows is seen at once."""
    member = await member_of(bot, "achterhoek-2014", 3020)
    board = (await boards.boards_of(bot.db, (await people.identify(bot.db, 3020, "Lid 3020")).id))[
        0
    ]
    first = await people.identify(bot.db, 3101, "Anna Eerste")
    second = await people.identify(bot.db, 3102, "Bert Tweede")
    await boards.assign(bot.db, board.id, "voorzitter", first.id)

    async def own_unit(*_: object) -> None:
        raise AssertionError("the question read the asker's boards in a unit of its own")

    monkeypatch.setattr(boards, "asking", own_unit)
    assert "Anna Eerste" in await bot.say(member, "Wie is de voorzitter?")
    await boards.assign(bot.db, board.id, "voorzitter", second.id)
    text = await bot.say(member, "Wie is nu de voorzitter?")
    assert "Bert Tweede" in text
    assert "Anna Eerste" not in text
