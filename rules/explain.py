"""Turn an :class:`~rules.decide.Outcome` into a short list of sentences, in Dutch or English.

The renderer takes a translator (anything with gettext-style ``gettext``/``ngettext``, such as
``gettext.GNUTranslations``) so the sentences live in the project's catalogs while ``rules``
stays free of any i18n library. Every message is a whole sentence with named placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rules.agreements.model import Agreement, QuorumRule
from rules.decide import (
    BlocVote,
    Choice,
    Outcome,
    QuorumCheck,
    Reason,
    Result,
    StepOutcome,
    Tally,
    TieBreak,
    TieBreakStatus,
)


class Translator(Protocol):
    @property
    def language(self) -> str:
        """ "nl" or "en"."""
        ...

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


def result_label(result: Result, t: Translator) -> str:
    labels = {
        Result.ADOPTED: t.gettext("Adopted"),
        Result.REJECTED: t.gettext("Rejected"),
        Result.NO_DECISION: t.gettext("No decision"),
    }
    return labels[result]


def choice_label(choice: Choice | None, t: Translator) -> str:
    labels = {
        Choice.FOR: t.gettext("for"),
        Choice.AGAINST: t.gettext("against"),
        Choice.ABSTAIN: t.gettext("abstains"),
        None: t.gettext("did not vote"),
    }
    return labels[choice]


def citation(agreement: Agreement, cites: tuple[str, ...], t: Translator) -> str:
    """ "art. 3 Convenant Werkbedrijf Achterhoek" for the cited clauses, in the reader's language."""
    lang = t.language
    ids = {c.id for c in agreement.clauses}
    labels = [agreement.clause(cid).cite_label(lang) for cid in cites if cid in ids]
    if not labels:
        return agreement.short_title.get(lang)
    return t.gettext("{clauses} {agreement}").format(
        clauses=", ".join(labels), agreement=agreement.short_title.get(lang)
    )


def tally_text(tally: Tally, t: Translator) -> str:
    """ "3 for, 1 against, 1 abstaining" ("3 voor, 1 tegen, 1 onthouding")."""
    # Translators: the plural form follows the number of abstentions
    return t.ngettext(
        "{votes_for} for, {votes_against} against, {abstentions} abstaining",
        "{votes_for} for, {votes_against} against, {abstentions} abstaining",
        tally.abstentions,
    ).format(
        votes_for=tally.votes_for, votes_against=tally.votes_against, abstentions=tally.abstentions
    )


def _bloc_text(bloc: BlocVote, agreement: Agreement, t: Translator) -> str:
    name = agreement.delegation(bloc.delegation).name.get(t.language)
    return t.gettext("{delegation}: {vote}").format(
        delegation=name, vote=choice_label(bloc.vote, t)
    )


def _office(office: str, t: Translator) -> str:
    return t.gettext("the chair") if office == "chair" else t.gettext("the vice-chair")


def _tie_break_text(tie: TieBreak, t: Translator, *, secret: bool = False) -> str:
    office = _office(tie.office, t)
    if secret and tie.status is TieBreakStatus.DECIDED:
        text = t.gettext("the vote of {office} was decisive").format(office=office)
        return text[:1].upper() + text[1:]
    texts = {
        TieBreakStatus.DECIDED: t.gettext("the vote of {office} ({choice}) was decisive"),
        TieBreakStatus.ABSTAINED: t.gettext("{office} abstained, so the tie stands"),
        TieBreakStatus.NO_BALLOT: t.gettext("{office} was present but cast no ballot"),
        TieBreakStatus.ABSENT: t.gettext("{office} was absent"),
        TieBreakStatus.NO_SEAT: t.gettext("the board has not designated {office}"),
    }
    text = texts[tie.status].format(office=office, choice=choice_label(tie.choice, t))
    return text[:1].upper() + text[1:]


def _step_sentences(
    step: StepOutcome, agreement: Agreement, t: Translator, secret: bool
) -> list[str]:
    cite = citation(agreement, step.cites, t)
    tally = tally_text(step.tally, t)
    if step.reason is Reason.CONSENSUS_FOR:
        return [t.gettext("Consensus: {tally} ({cite}).").format(tally=tally, cite=cite)]
    if step.reason is Reason.CONSENSUS_AGAINST:
        return [t.gettext("Unanimously against: {tally} ({cite}).").format(tally=tally, cite=cite)]
    if step.reason is Reason.NO_BALLOTS:
        return [t.gettext("No ballots were cast, so there is no consensus.")]
    if step.reason is Reason.NO_CONSENSUS:
        return [t.gettext("No unanimity: {tally}.").format(tally=tally)]
    if step.reason is Reason.NO_PROCEDURE:
        return [
            t.gettext(
                "The agreement provides no vote when consensus fails, so nothing was decided ({cite})."
            ).format(cite=cite)
        ]
    if step.kind == "bloc_majority":
        return _bloc_sentences(step, agreement, t, cite, secret)
    return _mandate_sentences(step, agreement, t, cite, secret)


def _bloc_sentences(
    step: StepOutcome, agreement: Agreement, t: Translator, cite: str, secret: bool
) -> list[str]:
    tally = step.tally
    if secret:  # which delegation voted what would name the single seat of a one-seat delegation
        vote = t.gettext("Vote per delegation, {votes_for}-{votes_against} ({cite}).").format(
            votes_for=tally.votes_for, votes_against=tally.votes_against, cite=cite
        )
    else:
        blocs = "; ".join(_bloc_text(b, agreement, t) for b in step.blocs)
        vote = t.gettext(
            "Vote per delegation, {votes_for}-{votes_against} ({blocs}; {cite})."
        ).format(
            votes_for=tally.votes_for, votes_against=tally.votes_against, blocs=blocs, cite=cite
        )
    out = [vote]
    if step.reason is Reason.MAJORITY:
        out.append(t.gettext("The majority of the delegations decided."))
        return out
    out.append(
        t.gettext("The delegations are tied {votes_for}-{votes_against}.").format(
            votes_for=tally.votes_for, votes_against=tally.votes_against
        )
    )
    out += [_tie_break_text(tie, t, secret=secret) + "." for tie in step.tie_breaks]
    if step.reason is Reason.TIE_UNBROKEN:
        out.append(t.gettext("Nobody could break the tie, so nothing was decided."))
    return out


def _mandate_sentences(
    step: StepOutcome, agreement: Agreement, t: Translator, cite: str, secret: bool
) -> list[str]:
    party = agreement.party(step.party or "").name.get(t.language)
    if step.reason is Reason.MANDATE_DECIDED and secret:
        text = t.gettext("The mandate lies with {party}, which decided ({cite}).")
        return [text.format(party=party, cite=cite)]
    if step.reason is Reason.MANDATE_DECIDED:
        choice = Choice.FOR if step.result is Result.ADOPTED else Choice.AGAINST
        text = t.gettext("The mandate lies with {party}, which voted {choice} ({cite}).")
        return [text.format(party=party, choice=choice_label(choice, t), cite=cite)]
    if step.reason is Reason.MANDATE_ABSTAINED:
        text = t.gettext(
            "The mandate lies with {party}, which abstained, so nothing was decided ({cite})."
        )
        return [text.format(party=party, cite=cite)]
    text = t.gettext(
        "The mandate lies with {party}, which did not vote, so nothing was decided ({cite})."
    )
    return [text.format(party=party, cite=cite)]


def _quorum_sentence(check: QuorumCheck, agreement: Agreement, t: Translator) -> str:
    source = (
        citation(agreement, check.cites, t) if check.cites else t.gettext("a setting of the board")
    )
    if check.basis == "delegations":
        if check.met:
            text = t.gettext(
                "Quorum reached: {present} of {total} delegations present, {needed} needed ({source})."
            )
        else:
            text = t.gettext(
                "Quorum not reached ({present} of {total} delegations; {needed} needed), so nothing was decided ({source})."
            )
    elif check.met:
        text = t.gettext(
            "Quorum reached: {present} of {total} seats present, {needed} needed ({source})."
        )
    else:
        text = t.gettext(
            "Quorum not reached ({present} of {total} seats; {needed} needed), so nothing was decided ({source})."
        )
    return text.format(present=check.present, total=check.total, needed=check.needed, source=source)


def _presence_sentences(
    outcome: Outcome, t: Translator, seat_labels: Mapping[str, str] | None
) -> list[str]:
    """Who counted as present, and why (the meeting's attendance, or the ballots cast)."""
    total = len(outcome.present) + len(outcome.absent)
    if outcome.attendance_used:
        text = t.gettext(
            "Present: {present} of {total} voting seats, by the meeting's attendance and the ballots cast."
        )
    else:
        text = t.gettext(
            "Present: {present} of {total} voting seats; without a meeting, a seat that voted counts as present."
        )
    out = [text.format(present=len(outcome.present), total=total)]
    if seat_labels and outcome.absent:
        absent = sorted(outcome.absent, key=lambda key: list(seat_labels).index(key))
        out.append(
            t.gettext("Absent: {seats}.").format(
                seats=", ".join(seat_labels.get(key, key) for key in absent)
            )
        )
    return out


def render_outcome(
    outcome: Outcome,
    agreement: Agreement,
    t: Translator,
    *,
    secret: bool = False,
    seat_labels: Mapping[str, str] | None = None,
) -> list[str]:
    """The outcome as sentences: the result, the quorum, each step tried, who was present.

    For a secret ballot no sentence says which delegation, chair or party voted what; the
    result itself may still imply it (a casting vote that adopted was a vote for).
    ``seat_labels`` (seat id to label, in board order) lets the presence name absent seats.
    """
    sentences = [result_label(outcome.result, t) + "."]
    if outcome.quorum is not None:
        sentences.append(_quorum_sentence(outcome.quorum, agreement, t))
    for step in outcome.steps:
        sentences += _step_sentences(step, agreement, t, secret)
    sentences += _presence_sentences(outcome, t, seat_labels)
    if outcome.ignored:
        n = len(outcome.ignored)
        sentences.append(
            t.ngettext(
                "{n} ballot from a seat without a vote was not counted.",
                "{n} ballots from seats without a vote were not counted.",
                n,
            ).format(n=n)
        )
    return sentences


def quorum_rule_sentence(agreement: Agreement, t: Translator) -> str:
    """What the agreement says about a quorum: its rule with the clause, or that it sets none."""
    if agreement.quorum is None:
        return t.gettext(
            "The agreement sets no quorum; a board can set one itself, and then says so in every result."
        )
    return t.gettext("Quorum: {quorum} ({cite}).").format(
        quorum=quorum_text(agreement.quorum, t),
        cite=citation(agreement, agreement.quorum.cites, t),
    )


def quorum_text(rule: QuorumRule | None, t: Translator) -> str:
    """ "more than 1/2 of the voting seats", "2/3 of the delegations", or "none"."""
    if rule is None:
        return t.gettext("none")
    share = f"{rule.numerator}/{rule.denominator}"
    if rule.denominator == 100:
        share = f"{rule.numerator}%"
    if rule.basis == "delegations":
        text = (
            t.gettext("more than {share} of the delegations")
            if rule.more_than
            else t.gettext("at least {share} of the delegations")
        )
    else:
        text = (
            t.gettext("more than {share} of the voting seats")
            if rule.more_than
            else t.gettext("at least {share} of the voting seats")
        )
    return text.format(share=share)
