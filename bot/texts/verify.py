"""What `werkbot audit verify` finds, in plain words for the administrator who reads it.

Persons are named by their number (the audit log holds ids, never names); for a secret ballot
no sentence pairs a seat or a person with a choice.
"""

from __future__ import annotations

from datetime import datetime

from bot.i18n import Translator
from bot.texts.board import when


class Wording:
    def __init__(self, t: Translator) -> None:
        self.t = t

    def _person(self, person_id: object) -> str:
        if person_id is None:
            return self.t.gettext("nobody")
        return self.t.gettext("person {id}").format(id=person_id)

    def _yes_no(self, value: bool) -> str:
        return self.t.gettext("yes") if value else self.t.gettext("no")

    def _moment(self, text: str | None) -> str:
        if text is None:
            return self.t.gettext("none")
        return when(datetime.fromisoformat(text), self.t)

    def _status(self, status: str) -> str:
        names = {
            "open": self.t.gettext("open"),
            "closed": self.t.gettext("closed"),
            "withdrawn": self.t.gettext("withdrawn"),
        }
        return names.get(status, status)

    def _result(self, result: str | None) -> str:
        names = {
            "adopted": self.t.gettext("adopted"),
            "rejected": self.t.gettext("rejected"),
            "no_decision": self.t.gettext("no decision"),
        }
        return self.t.gettext("none") if result is None else names.get(result, result)

    # --- the chain and its anchors

    def broken_chain(self, event_id: int, kind: str) -> str:
        return self.t.gettext(
            "Audit event {id} ({kind}) does not match its hash or the event before it: "
            "the log was edited there."
        ).format(id=event_id, kind=kind)

    def anchor_missing(self, anchor: str, seq: int, last: int) -> str:
        return self.t.gettext(
            "Anchor {anchor}: the audit log has no event number {seq} (its last is {last}); "
            "the log was cut off or rebuilt after that anchor was printed."
        ).format(anchor=anchor, seq=seq, last=last)

    def anchor_differs(self, anchor: str, seq: int, found: str) -> str:
        return self.t.gettext(
            "Anchor {anchor}: event {seq} now has the hash {found}; the log was rewritten "
            "at or before that event after the anchor was printed."
        ).format(anchor=anchor, seq=seq, found=found)

    # --- proposals

    def proposal_gone(self, motion_id: int) -> str:
        return self.t.gettext(
            "Proposal {motion}: the audit log records it, but it is gone from the database."
        ).format(motion=motion_id)

    def proposal_without_event(self, motion_id: int) -> str:
        return self.t.gettext(
            "Proposal {motion}: it is in the database, but the audit log has no event proposing it."
        ).format(motion=motion_id)

    def proposer_differs(self, motion_id: int, logged: object, stored: object) -> str:
        return self.t.gettext(
            "Proposal {motion}: the proposer is {stored}, but the audit log says {logged}."
        ).format(motion=motion_id, stored=self._person(stored), logged=self._person(logged))

    def title_differs(self, motion_id: int) -> str:
        return self.t.gettext(
            "Proposal {motion}: the title was changed after it was proposed."
        ).format(motion=motion_id)

    def text_differs(self, motion_id: int) -> str:
        return self.t.gettext(
            "Proposal {motion}: the text was changed after it was proposed."
        ).format(motion=motion_id)

    def deadline_differs(self, motion_id: int, logged: str | None, stored: datetime) -> str:
        return self.t.gettext(
            "Proposal {motion}: voting closes {stored}, but the audit log says {logged}."
        ).format(
            motion=motion_id,
            stored=when(stored, self.t),
            logged=self._moment(logged),
        )

    def meeting_differs(self, motion_id: int, logged: object, stored: int | None) -> str:
        return self.t.gettext(
            "Proposal {motion}: it belongs to meeting {stored}, but the audit log says "
            "meeting {logged}."
        ).format(
            motion=motion_id,
            stored=stored if stored is not None else "-",
            logged=logged if logged is not None else "-",
        )

    def secret_differs(self, motion_id: int, logged: bool) -> str:
        return self.t.gettext(
            "Proposal {motion}: secret ballot is {stored} in the database, but {logged} in "
            "the audit log."
        ).format(motion=motion_id, stored=self._yes_no(not logged), logged=self._yes_no(logged))

    def hidden_differs(self, motion_id: int, logged: bool) -> str:
        return self.t.gettext(
            "Proposal {motion}: the hidden tally is {stored} in the database, but {logged} "
            "in the audit log."
        ).format(motion=motion_id, stored=self._yes_no(not logged), logged=self._yes_no(logged))

    # --- closes and withdrawals

    def end_without_event(self, motion_id: int, status: str) -> str:
        return self.t.gettext(
            "Proposal {motion}: it is {status} in the database, but the audit log does not "
            "record that; the end of the log may have been cut off."
        ).format(motion=motion_id, status=self._status(status))

    def end_differs(self, motion_id: int, kind: str, status: str) -> str:
        logged = self._status("closed" if kind == "motion_closed" else "withdrawn")
        return self.t.gettext(
            "Proposal {motion}: the audit log says it was {logged}, but the database says "
            "it is {status}."
        ).format(motion=motion_id, logged=logged, status=self._status(status))

    def closer_differs(self, motion_id: int, logged: object, stored: object) -> str:
        return self.t.gettext(
            "Proposal {motion}: it was ended by {stored} in the database, but by {logged} in "
            "the audit log."
        ).format(motion=motion_id, stored=self._person(stored), logged=self._person(logged))

    def closed_at_differs(self, motion_id: int, logged: str, ended: datetime | None) -> str:
        stored = when(ended, self.t) if ended else self.t.gettext("none")
        return self.t.gettext(
            "Proposal {motion}: it ended {stored} in the database, but {logged} in the audit log."
        ).format(motion=motion_id, stored=stored, logged=self._moment(logged))

    def basis_differs(self, motion_id: int) -> str:
        return self.t.gettext(
            "Proposal {motion}: the presence, vice-chair or quorum stored with its close "
            "was changed afterwards."
        ).format(motion=motion_id)

    def outcome_differs(
        self, motion_id: int, stored: str | None, logged: str | None, recomputed: str
    ) -> str:
        return self.t.gettext(
            "Proposal {motion}: the stored result is {stored}, the audit log says {logged}, "
            "and counting the ballots again gives {recomputed}."
        ).format(
            motion=motion_id,
            stored=self._result(stored),
            logged=self._result(logged),
            recomputed=self._result(recomputed),
        )

    # --- ballots

    def ballot_gone(self, motion_id: int, seat: str) -> str:
        return self.t.gettext(
            "Proposal {motion}, seat {seat}: the audit log records a ballot, but it is gone "
            "from the database."
        ).format(motion=motion_id, seat=seat)

    def ballot_without_event(self, motion_id: int, seat: str) -> str:
        return self.t.gettext(
            "Proposal {motion}, seat {seat}: there is a ballot in the database that the "
            "audit log does not record."
        ).format(motion=motion_id, seat=seat)

    def choice_differs(self, motion_id: int, seat: str, stored: str, logged: str) -> str:
        return self.t.gettext(
            "Proposal {motion}, seat {seat}: the ballot says {stored}, but the audit log "
            "says {logged}."
        ).format(
            motion=motion_id, seat=seat, stored=self._choice(stored), logged=self._choice(logged)
        )

    def secret_choice_differs(self, motion_id: int, seat: str) -> str:
        return self.t.gettext(
            "Proposal {motion}, seat {seat}: the ballot differs from the audit log (a secret "
            "ballot: the choices are not shown)."
        ).format(motion=motion_id, seat=seat)

    def caster_differs(self, motion_id: int, seat: str, logged: object, stored: object) -> str:
        return self.t.gettext(
            "Proposal {motion}, seat {seat}: the ballot is recorded as cast by {stored}, but "
            "the audit log says {logged} cast it."
        ).format(
            motion=motion_id, seat=seat, stored=self._person(stored), logged=self._person(logged)
        )

    def secret_caster_differs(self, motion_id: int, seat: str) -> str:
        return self.t.gettext(
            "Proposal {motion}, seat {seat}: who cast the ballot differs from the audit log "
            "(a secret ballot: the persons are not shown)."
        ).format(motion=motion_id, seat=seat)

    def _choice(self, choice: str) -> str:
        names = {
            "for": self.t.gettext("for"),
            "against": self.t.gettext("against"),
            "abstain": self.t.gettext("abstain"),
        }
        return names.get(choice, choice)

    # --- seats

    def holder_without_event(self, seat: str, person_id: int) -> str:
        return self.t.gettext(
            "Seat {seat}: {person} holds it in the database, but the audit log never "
            "assigned it to them."
        ).format(seat=seat, person=self._person(person_id))

    def holder_differs(self, seat: str, logged: object, stored: int) -> str:
        return self.t.gettext(
            "Seat {seat}: {stored} holds it in the database, but the audit log last assigned "
            "it to {logged}."
        ).format(seat=seat, stored=self._person(stored), logged=self._person(logged))
