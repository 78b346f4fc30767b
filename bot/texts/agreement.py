"""What an agreement says, as plain lines for the command line and the bot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from bot.texts.html import esc
from rules.agreements.model import (
    Agreement,
    BlocMajorityStep,
    Clause,
    ConsensusStep,
    MandateStep,
    NoDecisionStep,
    Period,
    SeatRole,
    SeatSpec,
    Step,
)
from rules.deadlines import MilestoneKind, milestones, report_due
from rules.explain import (
    Translator,
    citation,
    procedure_text,
    quorum_rule_sentence,
    rule_text,
)

BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def long_date(day: date, t: Translator) -> str:
    """ "3 december 2014" / "3 December 2014"."""
    from babel.dates import format_date  # imported here: it costs ~20 ms, most lines need none

    return format_date(day, format="long", locale=BABEL_LOCALES.get(t.language, "en_GB"))


def role_label(role: SeatRole, t: Translator) -> str:
    labels = {
        SeatRole.CHAIR: t.gettext("chair"),
        SeatRole.VICE_CHAIR: t.gettext("vice-chair"),
        SeatRole.MEMBER: t.gettext("member"),
        SeatRole.ADVISOR: t.gettext("advisor"),
        SeatRole.SECRETARY: t.gettext("secretary"),
        SeatRole.DEPUTY_SECRETARY: t.gettext("deputy secretary"),
        SeatRole.TEMPORARY: t.gettext("temporary seat"),
    }
    return labels[role]


def period_label(period: Period, t: Translator) -> str:
    labels = {
        Period.MONTH: t.gettext("every month"),
        Period.BIMONTH: t.gettext("every two months"),
        Period.QUARTER: t.gettext("every quarter"),
        Period.HALF_YEAR: t.gettext("every half year"),
        Period.YEAR: t.gettext("every year"),
    }
    return labels[period]


def seat_count(spec: SeatSpec, t: Translator) -> str:
    count = spec.count
    if count.max == count.min:
        return str(count.min)
    if count.max is None and count.min == 0:
        return t.gettext("0 or more")
    if count.max is None:
        return t.gettext("at least {min}").format(min=count.min)
    if count.min == 0:
        return t.gettext("at most {max}").format(max=count.max)
    return t.gettext("{min} to {max}").format(min=count.min, max=count.max)


_NUMBER = re.compile(r"^(?:art(?:ikel|icle)?\.?\s*)?([0-9]+(?:\.[0-9]+)?)$", re.I)


def find_clauses(agreement: Agreement, ref: str) -> list[Clause]:
    """The clauses ``ref`` names: by id ("art-3", "kanttekening-3-7") or by number ("3",
    "art. 3", "3.7"; the Werkcentrum note numbers an argument and a remark "1.1" alike)."""
    ref = ref.strip().lower()
    by_id = {c.id: c for c in agreement.clauses}
    if ref in by_id:
        return [by_id[ref]]
    match = _NUMBER.match(ref)
    if match:
        return [c for c in agreement.clauses if c.number == match.group(1)]
    return []


def find_clause(agreement: Agreement, ref: str) -> Clause | None:
    """The first clause ``ref`` names (:func:`find_clauses`), or None."""
    found = find_clauses(agreement, ref)
    return found[0] if found else None


def clause_label(clause: Clause, lang: str) -> str:
    """ "Art. 7 Loonwaardebepaling"; the title alone when it already names the clause."""
    title = clause.title.get(lang)
    if clause.number is None and clause.label is None:
        return title
    label = clause.cite_label(lang)
    if title.casefold().startswith(label.casefold()):
        return title
    return f"{label[:1].upper()}{label[1:]} {title}"


def render_clause(
    agreement: Agreement, clause: Clause, t: Translator, *, original: bool = False
) -> str:
    """The article in the reader's language: Dutch original, or our translation marked as such."""
    head = f"<b>{esc(clause_label(clause, t.language))}</b>"
    source = f"<i>{esc(agreement.short_title.get(t.language))}</i>"
    if t.language == "en" and not original:
        note = "<i>" + t.gettext("Our English translation; the Dutch original is binding.") + "</i>"
        return "\n".join([head, source, note, "", esc(clause.text.en)])
    return "\n".join([head, source, "", esc(clause.text.nl)])


def step_line(step: Step, agreement: Agreement, t: Translator) -> str:
    cite = citation(agreement, step.cites, t)
    if isinstance(step, ConsensusStep):
        return t.gettext("Consensus ({cite})").format(cite=cite)
    if (
        isinstance(step, BlocMajorityStep)
        and step.tie == "casting_vote"
        and step.basis == "votes_cast"
    ):
        return t.gettext(
            "Otherwise a vote: one vote per delegation, majority decides; "
            "on a tie the chair's vote, or the vice-chair's if the chair is absent ({cite})"
        ).format(cite=cite)
    if isinstance(step, MandateStep):
        party = agreement.party(step.party).name.get(t.language)
        return t.gettext("Otherwise {party} decides (mandate, {cite})").format(
            party=party, cite=cite
        )
    if isinstance(step, NoDecisionStep):
        return t.gettext("Otherwise no decision: the agreement provides no vote ({cite})").format(
            cite=cite
        )
    return rule_text(step, agreement, t)


def _dates(agreement: Agreement, t: Translator, today: date) -> Iterator[str]:
    if agreement.signed:
        yield t.gettext("Signed: {date}").format(date=long_date(agreement.signed, t))
    names = {
        MilestoneKind.IN_FORCE: t.gettext("In force from: {date}"),
        MilestoneKind.EVALUATION: t.gettext("Evaluation: {date} to {end}"),
        MilestoneKind.EXPIRY: t.gettext("Valid until: {date}"),
    }
    for milestone in milestones(agreement, today):
        line = names[milestone.kind].format(
            date=long_date(milestone.due, t), end=long_date(milestone.ends, t)
        )
        yield line + (" " + t.gettext("(past)") if milestone.past else "")
    if agreement.dates_reading:
        yield t.gettext("Reading: {text}").format(text=agreement.dates_reading.get(t.language))


def _seats(agreement: Agreement, t: Translator) -> Iterator[str]:
    for spec in agreement.seats:
        label = spec.label.get(t.language).replace(" {n}", "").replace("{n}", "")
        vote = t.gettext("votes") if spec.votes else t.gettext("no vote")
        delegation = (
            agreement.delegation(spec.delegation).name.get(t.language) if spec.delegation else "-"
        )
        yield "  " + t.gettext("{count} x {label} ({role}; {delegation}; {vote})").format(
            count=seat_count(spec, t),
            label=label,
            role=role_label(spec.role, t),
            delegation=delegation,
            vote=vote,
        )
    if agreement.vice_chair is not None:
        yield "  " + t.gettext("Vice-chair: {how}").format(
            how=agreement.vice_chair.chosen_by.get(t.language)
        )


def render_agreement(agreement: Agreement, t: Translator, today: date) -> str:
    """A summary of the agreement: dates, seats, procedure, rhythm, reports and articles."""
    lang = t.language
    lines = [
        agreement.title.get(lang),
        t.gettext("Region: {region}").format(region=agreement.region),
    ]
    lines += _dates(agreement, t, today)
    lines += ["", t.gettext("Board: {name}").format(name=agreement.board_name.get(lang))]
    lines += _seats(agreement, t)
    lines += ["", t.gettext("How the board decides:")]
    for step in agreement.procedure.steps:
        lines.append("  - " + step_line(step, agreement, t))
        if step.reading is not None:
            lines.append("    " + t.gettext("Reading: {text}").format(text=step.reading.get(lang)))
    lines.append("  - " + quorum_rule_sentence(agreement, t))
    if agreement.outside_meeting is not None:
        lines.append(
            "  - "
            + t.gettext("Outside a meeting: {procedure}").format(
                procedure=procedure_text(agreement.outside_meeting, agreement, t)
            )
        )
    for entry in agreement.by_subject:
        names = ", ".join(agreement.subject(s).name.get(lang) for s in entry.subjects)
        lines.append(
            "  - "
            + t.gettext("On {subjects}: {procedure}").format(
                subjects=names, procedure=procedure_text(entry.procedure, agreement, t)
            )
        )
    if agreement.rhythm:
        lines += ["", t.gettext("Meetings:")]
        for rule in agreement.rhythm:
            n = rule.min_meetings
            line = "  " + t.ngettext(
                "at least once {period} ({cite})", "at least {n} times {period} ({cite})", n
            ).format(
                n=n, period=period_label(rule.period, t), cite=citation(agreement, rule.cites, t)
            )
            if rule.starts and rule.ends:
                line += " " + t.gettext("from {start} to {end}").format(
                    start=long_date(rule.starts, t), end=long_date(rule.ends, t)
                )
            elif rule.starts:
                line += " " + t.gettext("from {start}").format(start=long_date(rule.starts, t))
            elif rule.ends:
                line += " " + t.gettext("until {end}").format(end=long_date(rule.ends, t))
            lines.append(line)
    for duty in agreement.reports:
        lines += [
            "",
            t.ngettext(
                "{report}: to {recipients}, within {weeks} week after each calendar year (for {year}: by {due}; {cite})",
                "{report}: to {recipients}, within {weeks} weeks after each calendar year (for {year}: by {due}; {cite})",
                duty.due_weeks_after_year,
            ).format(
                report=duty.name.get(lang),
                recipients=duty.recipients.get(lang),
                weeks=duty.due_weeks_after_year,
                year=today.year - 1,
                due=long_date(report_due(duty, today.year - 1), t),
                cite=citation(agreement, duty.cites, t),
            ),
        ]
    lines += ["", t.gettext("Articles:")]
    for clause in agreement.clauses:
        lines.append(f"  [{clause.id}] {clause.title.get(lang)}")
    return "\n".join(lines)
