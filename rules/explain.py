"""Turn an :class:`~rules.decide.Outcome` into a short list of sentences, in Dutch or English.

The renderer takes a translator (anything with gettext-style ``gettext``/``ngettext``, such as
``gettext.GNUTranslations``) so the sentences live in the project's catalogs while ``rules``
stays free of any i18n library. Every message is a whole sentence with named placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rules.agreements.model import (
    Agreement,
    AnyStep,
    BlocMajorityStep,
    Condition,
    ConsensusStep,
    DoubleMajorityStep,
    MajorityStep,
    MandateStep,
    NoObjectionStep,
    Procedure,
    QuorumRule,
    Threshold,
    UnanimityStep,
    VetoStep,
    VotingStep,
    WeightedMajorityStep,
    can_tie,
)
from rules.decide import (
    BlocVote,
    Choice,
    Measure,
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
        Result.DEFERRED: t.gettext("Deferred to the next meeting"),
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
    if step.kind == "bloc_majority" and step.reason in _BLOC_REASONS:
        return _bloc_sentences(step, agreement, t, cite, secret)
    if step.kind == "mandate":
        return _mandate_sentences(step, agreement, t, cite, secret)
    if step.kind in ("unanimity", "veto", "no_objection"):
        return _condition_sentences(step, agreement, t, cite, secret)
    return _majority_sentences(step, t, cite, secret)


_BLOC_REASONS = (Reason.MAJORITY, Reason.TIE_BROKEN, Reason.TIE_UNBROKEN)


def threshold_text(threshold: Threshold, t: Translator) -> str:
    """ "more than 1/2", "at least 2/3", "at least 75%"."""
    share = f"{threshold.numerator}/{threshold.denominator}"
    if threshold.denominator == 100:
        share = f"{threshold.numerator}%"
    if threshold.more_than:
        return t.gettext("more than {share}").format(share=share)
    return t.gettext("at least {share}").format(share=share)


def count_label(count: str, t: Translator) -> str:
    labels = {
        "seats": t.gettext("Votes of the members"),
        "delegations": t.gettext("Votes of the delegations"),
        "parties": t.gettext("Votes of the parties"),
        "weight": t.gettext("Weighted votes"),
        "inhabitants": t.gettext("Inhabitants represented"),
    }
    return labels[count]


def basis_label(basis: str, t: Translator) -> str:
    labels = {
        "votes_cast": t.gettext("the votes cast"),
        "present": t.gettext("the members present"),
        "members": t.gettext("all members"),
    }
    return labels[basis]


def measure_sentence(measure: Measure, t: Translator, cite: str) -> str:
    """One majority test with its counts, the share needed, of what, and whether it was met."""
    if measure.reached:
        text = t.gettext(
            "{count}: {votes_for} for, {votes_against} against, {abstentions} abstaining; "
            "needed {threshold} of {basis} ({whole}): reached ({cite})."
        )
    else:
        text = t.gettext(
            "{count}: {votes_for} for, {votes_against} against, {abstentions} abstaining; "
            "needed {threshold} of {basis} ({whole}): not reached ({cite})."
        )
    return text.format(
        count=count_label(measure.count, t),
        votes_for=measure.votes_for,
        votes_against=measure.votes_against,
        abstentions=measure.abstentions,
        threshold=threshold_text(measure.threshold, t),
        basis=basis_label(measure.basis, t),
        whole=measure.whole,
        cite=cite,
    )


def _then(result: Result | None, t: Translator) -> str:
    """What a step that did not reach its condition leads to."""
    texts = {
        None: t.gettext("So the next step decides."),
        Result.REJECTED: t.gettext("So the proposal is rejected."),
        Result.NO_DECISION: t.gettext("So nothing was decided."),
        Result.DEFERRED: t.gettext("So the proposal goes to the next meeting."),
        Result.ADOPTED: t.gettext("So the proposal is adopted."),
    }
    return texts[result]


def _majority_sentences(step: StepOutcome, t: Translator, cite: str, secret: bool) -> list[str]:
    out = [measure_sentence(m, t, cite) for m in step.measures]
    if step.reason is Reason.NOT_REACHED:
        out.append(_then(step.result, t))
    elif step.reason is Reason.TIE_REJECTED:
        out.append(t.gettext("The votes are tied, which means the proposal is rejected."))
    elif step.reason is Reason.TIE_DEFERRED:
        out.append(
            t.gettext("The votes are tied, so the proposal is voted on again at the next meeting.")
        )
    elif step.reason is Reason.TIE_NO_DECISION:
        out.append(t.gettext("The votes are tied, so nothing was decided."))
    elif step.reason in (Reason.TIE_BROKEN, Reason.TIE_UNBROKEN):
        out.append(t.gettext("The votes are tied."))
        out += [_tie_break_text(tie, t, secret=secret) + "." for tie in step.tie_breaks]
        if step.reason is Reason.TIE_UNBROKEN:
            out.append(
                t.gettext("Nobody could give the casting vote.") + " " + _then(step.result, t)
            )
    return out


def _condition_sentences(
    step: StepOutcome, agreement: Agreement, t: Translator, cite: str, secret: bool
) -> list[str]:
    tally = tally_text(step.tally, t)
    if step.reason is Reason.UNANIMOUS:
        return [t.gettext("Unanimously for: {tally} ({cite}).").format(tally=tally, cite=cite)]
    if step.reason is Reason.NOT_UNANIMOUS:
        text = t.gettext("Unanimity required but not reached: {tally} ({cite}).")
        return [text.format(tally=tally, cite=cite), _then(step.result, t)]
    if step.reason is Reason.NO_OBJECTION:
        text = t.gettext("Nobody objected within the term: {tally} ({cite}).")
        return [text.format(tally=tally, cite=cite)]
    if step.reason is Reason.OBJECTION:
        n = step.tally.votes_against
        text = t.ngettext(
            "{n} member objected within the term ({cite}).",
            "{n} members objected within the term ({cite}).",
            n,
        )
        return [text.format(n=n, cite=cite), _then(step.result, t)]
    if step.reason is Reason.NO_VETO:
        return [t.gettext("No party with a veto voted against ({cite}).").format(cite=cite)]
    if secret:
        return [t.gettext("A party with a veto used it ({cite}).").format(cite=cite)]
    names = ", ".join(agreement.party(p).name.get(t.language) for p in step.vetoes)
    text = t.gettext(
        "{parties} voted against and used its veto, so the proposal is rejected ({cite})."
    )
    return [text.format(parties=names, cite=cite)]


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


def quorum_source(source: str, cites: tuple[str, ...], agreement: Agreement, t: Translator) -> str:
    """Where a quorum comes from: the agreement's article, a setting of the board, or werkbot's
    default (``source`` as in QuorumRule.source)."""
    if source == "default":
        return t.gettext(
            "werkbot's default, since neither the agreement nor the board sets a quorum"
        )
    if cites and source == "agreement":
        return citation(agreement, cites, t)
    return t.gettext("a setting of the board")


def _quorum_sentence(
    check: QuorumCheck, agreement: Agreement, t: Translator, result: Result
) -> str:
    source = quorum_source(check.source, check.cites, agreement, t)
    if check.source == "default" and not check.met and not check.waived:
        return t.ngettext(
            "Too few votes: {present} of {total} voting seats took part, and more than half ({needed}) must ({source}).",
            "Too few votes: {present} of {total} voting seats took part, and more than half ({needed}) must ({source}).",
            check.present,
        ).format(present=check.present, total=check.total, needed=check.needed, source=source)
    if check.waived:
        return t.gettext(
            "The previous meeting was adjourned for lack of quorum, so this meeting decides "
            "whatever the attendance ({source})."
        ).format(source=source)
    if not check.met and result is Result.DEFERRED:
        if check.basis == "delegations":
            text = t.gettext(
                "Quorum not reached ({present} of {total} delegations; {needed} needed), so the "
                "meeting is adjourned and the proposal goes to the next meeting ({source})."
            )
        else:
            text = t.gettext(
                "Quorum not reached ({present} of {total} seats; {needed} needed), so the "
                "meeting is adjourned and the proposal goes to the next meeting ({source})."
            )
        return text.format(
            present=check.present, total=check.total, needed=check.needed, source=source
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
    if not outcome.in_meeting:
        text = t.gettext(
            "Decided outside a meeting (in writing): {present} of {total} voting seats responded."
        )
    elif outcome.attendance_used:
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
        sentences.append(_quorum_sentence(outcome.quorum, agreement, t, outcome.result))
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
            "The agreement sets no quorum. Unless the board sets one (or none), a vote decides only when more than half of the voting seats took part; every result says which quorum applied."
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


def _unit_text(count: str, t: Translator) -> str:
    units = {
        "seats": t.gettext("one vote per member"),
        "delegations": t.gettext("one vote per delegation"),
        "parties": t.gettext("one vote per party"),
        "weight": t.gettext("weighted votes"),
        "inhabitants": t.gettext("weighted by inhabitants"),
    }
    return units[count]


def condition_text(condition: Condition, t: Translator, agreement: Agreement | None = None) -> str:
    """ "more than 1/2 of the votes cast (one vote per member)"."""
    if condition.among and agreement is not None:
        names = ", ".join(agreement.delegation(d).name.get(t.language) for d in condition.among)
        return t.gettext("{threshold} of {basis} of {delegations} ({unit})").format(
            threshold=threshold_text(condition.threshold, t),
            basis=basis_label(condition.basis, t),
            delegations=names,
            unit=_unit_text(condition.count, t),
        )
    return t.gettext("{threshold} of {basis} ({unit})").format(
        threshold=threshold_text(condition.threshold, t),
        basis=basis_label(condition.basis, t),
        unit=_unit_text(condition.count, t),
    )


def tie_rule_text(step: VotingStep, t: Translator) -> str:
    """What a tie in ``step`` leads to ("on a tie the chair's vote decides")."""
    casting = t.gettext(
        "on a tie the chair's vote decides, or the vice-chair's if the chair is absent"
    )
    if step.tie_break == ("chair",):
        casting = t.gettext("on a tie the chair's vote decides")
    if step.tie == "casting_vote":
        return casting
    if step.tie == "rejected":
        return t.gettext("on a tie the proposal is rejected")
    if step.tie == "no_decision":
        return t.gettext("on a tie there is no decision")
    if step.tie_again == "casting_vote":
        return t.gettext(
            "on a tie the proposal is voted on again at the next meeting, where a tie is "
            "decided by the casting vote"
        )
    if step.tie_again == "no_decision":
        return t.gettext(
            "on a tie the proposal is voted on again at the next meeting; tied again, no decision"
        )
    return t.gettext(
        "on a tie the proposal is voted on again at the next meeting; tied again, it is rejected"
    )


def rule_text(step: AnyStep, agreement: Agreement, t: Translator) -> str:
    """What one step of a procedure requires, as the ballot message and /overeenkomst say it."""
    cite = citation(agreement, step.cites, t)
    if isinstance(step, DoubleMajorityStep):
        conditions = "; ".join(condition_text(c, t, agreement) for c in step.conditions)
        text = t.gettext("Decision only when all of these hold: {conditions}; {tie} ({cite})")
        return text.format(conditions=conditions, tie=tie_rule_text(step, t), cite=cite)
    if isinstance(step, MajorityStep | WeightedMajorityStep | BlocMajorityStep):
        if not can_tie(step):  # equal numbers never reach it: no tie rule applies
            return t.gettext("Decision by {condition} ({cite})").format(
                condition=condition_text(step, t, agreement), cite=cite
            )
        return t.gettext("Decision by {condition}; {tie} ({cite})").format(
            condition=condition_text(step, t, agreement),
            tie=tie_rule_text(step, t),
            cite=cite,
        )
    if isinstance(step, UnanimityStep):
        return t.gettext("Decision only unanimously, by {basis} ({cite})").format(
            basis=basis_label(step.basis, t), cite=cite
        )
    if isinstance(step, VetoStep):
        names = ", ".join(agreement.party(p).name.get(t.language) for p in step.parties)
        return t.gettext("A vote against by {parties} is a veto ({cite})").format(
            parties=names, cite=cite
        )
    if isinstance(step, NoObjectionStep):
        return t.gettext("Adopted when no member objects within the term ({cite})").format(
            cite=cite
        )
    if isinstance(step, ConsensusStep):
        return t.gettext("Consensus ({cite})").format(cite=cite)
    if isinstance(step, MandateStep):
        party = agreement.party(step.party).name.get(t.language)
        return t.gettext("Otherwise {party} decides (mandate, {cite})").format(
            party=party, cite=cite
        )
    return t.gettext("Otherwise no decision: the agreement provides no vote ({cite})").format(
        cite=cite
    )


def procedure_text(procedure: Procedure, agreement: Agreement, t: Translator) -> str:
    """The whole procedure in one line: each step's rule, in order."""
    parts = [rule_text(step, agreement, t) for step in procedure.steps]
    return "; ".join([parts[0], *(_lower_first(part) for part in parts[1:])]) + "."


def _lower_first(text: str) -> str:
    """ "Besluit bij ..." -> "besluit bij ..." after a semicolon; "UWV ..." stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
