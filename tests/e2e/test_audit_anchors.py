"""A result message carries the audit chain's anchor: a member who kept it catches a log that
was rebuilt from the start afterwards, as `werkbot audit verify --anchor` would."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.db.models import AuditEvent, BallotRow, Seat
from bot.services import audit
from bot.services.verify import verify_board
from tests.conftest import lift_audit_guard
from tests.e2e.conftest import Harness
from tests.e2e.test_voting import propose, results_to, seat_everyone, vote_blocs


async def test_the_result_message_carries_an_anchor_that_catches_a_rehash(bot: Harness) -> None:
    board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "for", "werkgevers": "for", "werknemers": "against", "uwv": "against"},
    )
    await bot.send(secretary, f"/sluit {motion_id}")
    message = results_to(bot, members["uwv"])[-1]
    assert "Controlegetal: " in message
    [kept] = audit.find_anchors(message)
    assert kept.seq == (await audit.anchor_now(bot.db)).seq
    assert (await verify_board(bot.db, board_id, anchors=[kept])).problems == []
    shown = await bot.say(secretary, f"/uitslag {motion_id}")
    assert "Controlegetal: " in shown

    # flip a named ballot that does not change the result, in its row and its event, and rebuild the chain from the start
    async with bot.db.transaction() as session:
        await lift_audit_guard(session)
        named_ballot = await session.scalar(
            select(BallotRow)
            .join(Seat, Seat.id == BallotRow.seat_id)
            .where(BallotRow.motion_id == motion_id, Seat.key == "iswi")
        )
        assert named_ballot is not None
        assert named_ballot.choice == "for"
        named_ballot.choice = "against"
        prev = audit.GENESIS
        for event in (await session.scalars(select(AuditEvent).order_by(AuditEvent.id))).all():
            payload = event.payload
            if (
                event.kind == "ballot_cast"
                and payload.get("motion") == motion_id
                and payload.get("seat") == named_ballot.seat_id
            ):
                payload = {**payload, "choice": "against"}
            new = audit.event_hash(prev, event.kind, event.board_id, payload, event.created_at)
            await session.execute(
                update(AuditEvent)
                .where(AuditEvent.id == event.id)
                .values(payload=payload, prev_hash=prev, hash=new)
            )
            prev = new
    assert (await verify_board(bot.db, board_id)).problems == []
    caught = await verify_board(bot.db, board_id, anchors=[kept])
    assert any(
        p.startswith(f"Anchor {kept.text}: event {kept.seq} now has") for p in caught.problems
    )
