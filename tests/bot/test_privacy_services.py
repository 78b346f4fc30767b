"""Privacy services: retention (prune), erasure of substitutions, and the export's audit part."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.engine import Database
from bot.db.models import (
    ConversationState,
    InboxUpdate,
    Invite,
    OutboxMessage,
    ProcessedUpdate,
    Substitution,
    utcnow,
)
from bot.services import audit, boards, invites, meetings, people, privacy, substitutes
from bot.services.verify import verify_board


async def test_prune_deletes_only_what_is_past_the_retention_period(db: Database) -> None:
    now = utcnow()
    old, recent = now - timedelta(days=40), now - timedelta(days=5)
    board = await boards.create_board(db, "achterhoek-2014")
    member = await people.identify(db, 7, "Lid")
    for seat, created, days in (
        ("uwv", old, 1),  # expired 39 days ago: pruned
        ("werkgevers-1", recent, 1),  # expired 4 days ago: kept
        ("werkgevers-2", now, 14),  # still open: kept
        ("werkgevers-3", old, 30),  # used 40 days ago (below): pruned
    ):
        code = await invites.create_invite(
            db, board.id, seat, created_by=None, valid_for=timedelta(days=days), now=created
        )
        if seat == "werkgevers-3":
            await invites.claim(db, code.code, member.id, now=old)
    async with db.transaction() as session:
        session.add_all(
            [
                ProcessedUpdate(update_id=1, received_at=old),
                ProcessedUpdate(update_id=2, received_at=old),
                ProcessedUpdate(update_id=3, received_at=recent),
                InboxUpdate(update_id=11, payload="{}", lane="7:7", received_at=old, done_at=old),
                InboxUpdate(update_id=12, payload="{}", lane="7:7", received_at=old),  # unfinished
                InboxUpdate(
                    update_id=13, payload="{}", lane="7:7", received_at=recent, done_at=recent
                ),
                ConversationState(
                    lane="7:7", telegram_user_id=7, updated_at=now - timedelta(days=2)
                ),
                ConversationState(
                    lane="8:8", telegram_user_id=8, updated_at=now - timedelta(hours=2)
                ),
                OutboxMessage(key="a", chat_id=7, text="sent", status="sent", created_at=old),
                OutboxMessage(key="b", chat_id=7, text="waits", status="pending", created_at=old),
                OutboxMessage(key="c", chat_id=7, text="new", status="sent", created_at=recent),
            ]
        )

    counts = await privacy.prune(db, older_than_days=30, now=now)

    assert counts == {
        "processed_updates": 2,
        "invites": 2,
        "inbox_updates": 1,
        "conversation_states": 1,
        "outbox": 1,
    }
    async with db.transaction() as session:
        assert list(await session.scalars(select(ProcessedUpdate.update_id))) == [3]
        assert sorted(await session.scalars(select(InboxUpdate.update_id))) == [12, 13]
        assert list(await session.scalars(select(ConversationState.lane))) == ["8:8"]
        assert sorted(await session.scalars(select(OutboxMessage.key))) == ["b", "c"]
        assert len(list(await session.scalars(select(Invite.id)))) == 2
    assert await invites.open_invites(db, board.id, now=now) == 1
    assert (await verify_board(db, board.id)).intact  # the seat taken with a pruned invite stays
    assert await privacy.prune(db, older_than_days=30, now=now) == dict.fromkeys(counts, 0)


async def test_erasure_revokes_substitutions_to_come_and_is_logged_once(db: Database) -> None:
    board = await boards.create_board(db, "achterhoek-2014")
    secretary = await people.identify(db, 1, "Secretaris")
    holder = await people.identify(db, 2, "Houder")
    substitute = await people.identify(db, 3, "Vervanger")
    await boards.assign(db, board.id, "secretaris", secretary.id)
    await boards.assign(db, board.id, "uwv", holder.id)
    meeting = await meetings.schedule(
        db, board.id, secretary.id, utcnow() + timedelta(days=3), "Zutphen", ""
    )
    await substitutes.name(
        db, board.id, "uwv", holder.id, meeting_id=meeting.id, person_id=substitute.id
    )

    exported = await privacy.export(db, substitute.id)
    assert [(s["seat"], s["you_are_the_substitute"]) for s in exported["substitutions"]] == [
        ("uwv", True)
    ]
    assert [e["kind"] for e in exported["audit_events"]] == ["substitute_named"]

    erasure = await privacy.forget(db, substitute.id)
    assert erasure.substitutions_revoked == 1
    assert erasure.telegram_user_id == 3
    async with db.transaction() as session:
        revoked = await session.scalar(select(Substitution.revoked_at))
        assert revoked is not None
    again = await privacy.forget(db, substitute.id)
    assert again.already_erased
    assert (await privacy.export(db, substitute.id))["person"]["name"] == privacy.ERASED_NAME
    assert (await verify_board(db, board.id)).intact
    assert await audit.first_broken_event(db) is None
