"""A board's Telegram group (issue 18, point 4): linked only by the secretary or the chair, with
who else is in it said; unlinked when the bot is removed; moved when the group becomes a
supergroup; newcomers who are not on the board named. On SQLite and PostgreSQL."""

from __future__ import annotations

from bot.services import boards, groups, people
from standin import FakeChat, FakeUser
from tests.e2e.conftest import Harness

GROUP = FakeChat(-4001, "group", "Bestuur Achterhoek")


async def seated(bot: Harness, board: int, seat: str, user_id: int, name: str) -> FakeUser:
    user = bot.user(user_id, name)
    person = await people.identify(bot.db, user.id, name, telegram_language="nl")
    await boards.assign(bot.db, board, seat, person.id)
    return user


async def test_only_the_secretary_or_the_chair_links_and_hears_who_else_is_in(
    bot: Harness,
) -> None:
    board, secretary = await bot.board_with_secretary()
    chair = await seated(bot, board.id, "voorzitter", 501, "Carla Chair")
    member = await seated(bot, board.id, "uwv", 502, "Mira Member")
    boss = bot.user(503, "Olaf Outsider")  # an administrator of the group, not on the board
    lurker = bot.user(504, "Lotte Lurker")  # a plain member, not on the board
    bot.api.add_group(GROUP, [secretary, member, lurker], admins=[chair, boss])

    refused = await bot.say(member, "/koppelgroep", GROUP)
    assert "Alleen de secretaris of de voorzitter" in refused, refused
    assert await groups.board_of_group(bot.db, GROUP.id) is None

    linked = await bot.say(chair, "/koppelgroep", GROUP)
    assert "gekoppeld" in linked, linked
    assert "3 bestuursleden" in linked, linked
    assert "Olaf Outsider" in linked, linked
    assert "Lotte" not in linked, linked  # Telegram does not show her to a bot...
    assert "Nog 1 persoon" in linked, linked  # ...but she is counted
    assert "Verwijder" in linked, linked
    assert (await groups.board_of_group(bot.db, GROUP.id)) is not None


async def test_a_group_of_board_members_only_is_said_to_be_so(bot: Harness) -> None:
    board, secretary = await bot.board_with_secretary()
    member = await seated(bot, board.id, "uwv", 511, "Mira Member")
    bot.api.add_group(GROUP, [member], admins=[secretary])
    linked = await bot.say(secretary, "/linkgroup", GROUP)
    assert "Verder zit niemand in deze groep" in linked, linked


async def test_removing_the_bot_unlinks_the_group_and_tells_the_secretary(
    bot: Harness,
) -> None:
    board, secretary = await bot.board_with_secretary()
    admin = await seated(bot, board.id, "voorzitter", 521, "Carla Chair")
    bot.api.add_group(GROUP, [secretary], admins=[admin])
    await bot.send(secretary, "/koppelgroep", GROUP)
    assert await groups.board_of_group(bot.db, GROUP.id) is not None

    await bot.feed(bot.api.bot_removed_update(GROUP, admin))
    assert await groups.board_of_group(bot.db, GROUP.id) is None
    told = bot.api.messages_to(secretary.id)[-1].text or ""
    assert "niet meer in de Telegramgroep" in told, told
    told_chair = bot.api.messages_to(admin.id)[-1].text or ""
    assert "/koppelgroep" in told_chair, told_chair
    # the same update again (Telegram retries) changes and sends nothing more
    before = len(bot.api.messages)
    await bot.feed(bot.api.bot_removed_update(GROUP, admin))
    assert len(bot.api.messages) == before


async def test_a_group_that_becomes_a_supergroup_keeps_its_link(bot: Harness) -> None:
    board, secretary = await bot.board_with_secretary()
    bot.api.add_group(GROUP, [], admins=[secretary])
    await bot.send(secretary, "/koppelgroep", GROUP)
    supergroup = FakeChat(-1004001, "supergroup", "Bestuur Achterhoek")
    await bot.feed(bot.api.migrate_update(GROUP, secretary, supergroup))
    assert await groups.board_of_group(bot.db, GROUP.id) is None
    moved = await groups.board_of_group(bot.db, supergroup.id)
    assert moved is not None
    assert moved.id == board.id


async def test_a_newcomer_who_is_not_on_the_board_is_named_in_the_group(bot: Harness) -> None:
    board, secretary = await bot.board_with_secretary()
    bot.api.add_group(GROUP, [], admins=[secretary])
    await bot.send(secretary, "/koppelgroep", GROUP)
    member = await seated(bot, board.id, "uwv", 531, "Mira Member")
    assert await bot.feed(bot.api.join_update(GROUP, [member])) == []  # on the board: quiet
    stranger = FakeUser(532, "Vera Vreemd", language_code="nl")
    said = await bot.feed(bot.api.join_update(GROUP, [stranger]))
    assert len(said) == 1
    assert "Vera Vreemd" in (said[0].text or "")
    assert "geen zetel" in (said[0].text or "")
