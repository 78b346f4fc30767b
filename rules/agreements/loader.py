"""Load agreement files and report what is wrong with them in one clear message."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from rules.agreements.model import (
    Agreement,
    AskedQuestion,
    AskedQuestions,
    BlocMajorityStep,
    Condition,
    DoubleMajorityStep,
    MajorityStep,
    MandateStep,
    Procedure,
    SeatRole,
    VetoStep,
    WeightedMajorityStep,
)

VOTING_STEPS = (MajorityStep, WeightedMajorityStep, BlocMajorityStep, DoubleMajorityStep)

DATA_DIR = Path(__file__).parent / "data"
#: Scenarios live beside their agreement: ``region.yaml`` and ``region.scenarios.yaml``.
SCENARIO_SUFFIX = ".scenarios.yaml"
#: The questions partners asked of an agreement: ``asked/<agreement id>.yaml``.
ASKED_DIR = DATA_DIR / "asked"


class AgreementError(Exception):
    """An agreement file that cannot be used; ``str()`` names the file, the field and the fault."""

    def __init__(self, file: str, problems: list[tuple[str, str]]) -> None:
        self.file = file
        self.problems = problems
        lines = [f"{path}: {what}" if path else what for path, what in problems]
        super().__init__(
            f"{file}: " + ("; ".join(lines) if len(lines) == 1 else "\n  " + "\n  ".join(lines))
        )


def error_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def friendly_error(error: Any) -> str:
    """Pydantic's message, with the offending value where that helps."""
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] in {"missing"}:
        return "required field is missing"
    value = error.get("input")
    if isinstance(value, str | int | float | bool) and error["type"] != "value_error":
        return f"{message} (got {value!r})"
    return message.removeprefix("Value error, ")


def _cites(node: BaseModel, path: str) -> Iterator[tuple[str, str]]:
    """Every (path, clause id) cited anywhere in the model tree."""
    for name in type(node).model_fields:
        value = getattr(node, name)
        here = f"{path}.{name}" if path else name
        if name == "cites":
            yield from ((f"{here}[{i}]", cid) for i, cid in enumerate(value))
        elif isinstance(value, BaseModel):
            yield from _cites(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _cites(item, f"{here}[{i}]")


def _duplicates(ids: list[str], path: str) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            yield f"{path}[{i}].id", f"duplicate id {item!r}"
        seen.add(item)


def consistency_problems(agreement: Agreement) -> list[tuple[str, str]]:
    """What makes a well-typed agreement inconsistent: dangling references, missing offices."""
    problems: list[tuple[str, str]] = []
    clause_ids = {c.id for c in agreement.clauses}
    delegation_ids = {d.id for d in agreement.delegations}
    party_ids = {p.id for p in agreement.parties}
    for attr in ("clauses", "delegations", "parties", "seats", "reports"):
        problems += _duplicates([x.id for x in getattr(agreement, attr)], attr)
    for path, cid in _cites(agreement, ""):
        if cid not in clause_ids:
            problems.append((path, f"cites clause {cid!r}, which the agreement does not have"))
    for i, spec in enumerate(agreement.seats):
        if spec.delegation is not None and spec.delegation not in delegation_ids:
            known = ", ".join(sorted(delegation_ids))
            problems.append(
                (
                    f"seats[{i}].delegation",
                    f"unknown delegation {spec.delegation!r} (known: {known})",
                )
            )
        if spec.party is not None and spec.party not in party_ids:
            problems.append((f"seats[{i}].party", f"unknown party {spec.party!r}"))
    chairs = [s for s in agreement.seats if s.role is SeatRole.CHAIR]
    if not chairs:
        problems.append(("seats", "no seat has role 'chair'; every board has a chair"))
    elif len(chairs) > 1 or chairs[0].count.max != 1:
        problems.append(("seats", "there must be exactly one chair seat (count max 1)"))
    vice_seats = [s for s in agreement.seats if s.role is SeatRole.VICE_CHAIR]
    if vice_seats and agreement.vice_chair is not None:
        problems.append(
            ("vice_chair", "give either a vice_chair seat or a vice_chair rule, not both")
        )
    for where, procedure in _procedures(agreement):
        problems += _procedure_problems(agreement, procedure, where)
    problems += _subject_problems(agreement)
    quote = agreement.parties_quote
    if quote is not None:
        if quote.clause not in clause_ids:
            problems.append(("parties_quote.clause", f"unknown clause {quote.clause!r}"))
        elif folded(quote.words) not in folded(agreement.clause(quote.clause).text.nl):
            problems.append(
                ("parties_quote.words", f"not in the Dutch text of clause {quote.clause!r}")
            )
    if agreement.substitutes is not None:
        spec_ids = {s.id for s in agreement.seats}
        for spec_id in agreement.substitutes.seat_specs or ():
            if spec_id not in spec_ids:
                problems.append(("substitutes.seat_specs", f"unknown seat kind {spec_id!r}"))
    return problems


def _procedures(agreement: Agreement) -> Iterator[tuple[str, Procedure]]:
    yield "procedure", agreement.procedure
    if agreement.outside_meeting is not None:
        yield "outside_meeting", agreement.outside_meeting
    for i, entry in enumerate(agreement.by_subject):
        yield f"by_subject[{i}].procedure", entry.procedure
        if entry.outside_meeting is not None:
            yield f"by_subject[{i}].outside_meeting", entry.outside_meeting


def _voting_parties(agreement: Agreement) -> set[str]:
    return {s.party for s in agreement.seats if s.votes and s.party is not None}


def _office_problem(agreement: Agreement, office: str) -> str | None:
    """Why a casting vote of ``office`` can never be given, or None."""
    if office == "vice_chair":
        seats = [s for s in agreement.seats if s.role is SeatRole.VICE_CHAIR]
        if not seats and agreement.vice_chair is None:
            return "names the vice-chair, who is never defined"
        if seats and not any(s.votes for s in seats):
            return "names the vice-chair, whose seat has no vote"
        return None
    chairs = [s for s in agreement.seats if s.role is SeatRole.CHAIR]
    if chairs and not any(s.votes for s in chairs):
        return "gives the chair a casting vote, but the chair's seat has no vote"
    return None


def _condition_problems(
    agreement: Agreement, condition: Condition, where: str
) -> Iterator[tuple[str, str]]:
    party_ids = {p.id for p in agreement.parties}
    voting = _voting_parties(agreement)
    delegation_ids = {d.id for d in agreement.delegations}
    for j, delegation in enumerate(condition.among or ()):
        if delegation not in delegation_ids:
            yield f"{where}.among[{j}]", f"unknown delegation {delegation!r}"
    if condition.threshold.unreachable:
        yield (
            f"{where}.threshold",
            "more than the whole can never be reached, so this step never adopts",
        )
    if condition.count in ("weight", "inhabitants") and any(
        s.votes and s.party is None for s in agreement.seats
    ):
        yield f"{where}.count", "counts per party, but a voting seat has no party"
    if condition.weights is not None:
        for party in condition.weights:
            if party not in party_ids:
                yield f"{where}.weights.{party}", f"a weight for unknown party {party!r}"
        for party in sorted(voting - set(condition.weights)):
            yield f"{where}.weights", f"voting party {party!r} has no weight"
        if not any(condition.weights.get(p, 0) > 0 for p in voting):
            yield f"{where}.weights", "no voting party has a weight above 0"
    if condition.votes_per_inhabitants is not None or condition.count == "inhabitants":
        known = agreement.inhabitants()
        for party in sorted(voting - set(known)):
            yield f"{where}.count", f"voting party {party!r} has no inhabitants"


def _procedure_problems(
    agreement: Agreement, procedure: Procedure, path: str
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    party_ids = {p.id for p in agreement.parties}
    voting = _voting_parties(agreement)
    for i, step in enumerate(procedure.steps):
        where = f"{path}.steps[{i}]"
        if isinstance(step, MandateStep):
            holders = [s for s in agreement.seats if s.party == step.party and s.votes]
            if step.party not in party_ids:
                problems.append((f"{where}.party", f"unknown party {step.party!r}"))
            elif not holders:
                problems.append((f"{where}.party", f"party {step.party!r} has no voting seat"))
        if isinstance(step, VetoStep):
            for j, party in enumerate(step.parties):
                if party not in party_ids:
                    problems.append((f"{where}.parties[{j}]", f"unknown party {party!r}"))
                elif party not in voting:
                    problems.append(
                        (f"{where}.parties[{j}]", f"party {party!r} has no voting seat")
                    )
        if isinstance(step, MajorityStep | WeightedMajorityStep | BlocMajorityStep):
            problems += _condition_problems(agreement, step, where)
        if isinstance(step, DoubleMajorityStep):
            for j, condition in enumerate(step.conditions):
                problems += _condition_problems(agreement, condition, f"{where}.conditions[{j}]")
        if isinstance(step, VOTING_STEPS):
            first = step.conditions[0] if isinstance(step, DoubleMajorityStep) else step
            uses_casting = not first.threshold.qualified and (
                step.tie == "casting_vote"
                or (step.tie == "deferred" and step.tie_again == "casting_vote")
            )
            if uses_casting and not step.tie_break:
                problems.append((f"{where}.tie_break", "a casting vote needs an office"))
            for office in step.tie_break if uses_casting else ():
                why = _office_problem(agreement, office)
                if why is not None:
                    problems.append((f"{where}.tie_break", why))
    return problems


def _subject_problems(agreement: Agreement) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    problems += _duplicates([s.id for s in agreement.subjects], "subjects")
    known = {s.id for s in agreement.subjects}
    seen: set[str] = set()
    for i, entry in enumerate(agreement.by_subject):
        for j, subject in enumerate(entry.subjects):
            where = f"by_subject[{i}].subjects[{j}]"
            if subject not in known:
                names = ", ".join(sorted(known)) or "none"
                problems.append(
                    (
                        where,
                        f"a procedure for subject {subject!r}, which nobody can pick "
                        f"(subjects: {names})",
                    )
                )
            elif subject in seen:
                problems.append((where, f"subject {subject!r} has two procedures"))
            seen.add(subject)
    return problems


M = TypeVar("M", bound=BaseModel)


def validated(
    kind: type[M], data: object, file: str, problems: Callable[[M], list[tuple[str, str]]]
) -> M:
    """``data`` (already parsed) as a ``kind``, with no ``problems``; else an
    :class:`AgreementError` naming ``file``, each field at fault and what is wrong with it."""
    if not isinstance(data, dict):
        raise AgreementError(file, [("", "the file must hold a mapping of fields")])
    try:
        model = kind.model_validate(data)
    except ValidationError as exc:
        raise AgreementError(
            file, [(error_path(e["loc"]), friendly_error(e)) for e in exc.errors()]
        ) from None
    found = problems(model)
    if found:
        raise AgreementError(file, found)
    return model


def parse_agreement(data: object, file: str) -> Agreement:
    """Validate already-parsed data; raise :class:`AgreementError` naming ``file``."""
    return validated(Agreement, data, file, consistency_problems)


#: libyaml's loader when PyYAML has it: it reads the shipped agreements about 15 times faster
#: than the pure-Python one, with the same result (a file it refuses is read again by the pure
#: Python loader, whose messages name the line and the problem as they always have).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
    return yaml.safe_load(text)


def read_yaml_file(path: Path, name: str) -> object:
    """The data of a YAML file; an :class:`AgreementError` naming it ``name`` when it cannot be
    read or is not YAML (the line and column of the fault)."""
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AgreementError(name, [("", f"cannot read the file ({exc.strerror})")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise AgreementError(name, [("", f"{where}{problem}")]) from None


def load_agreement_file(path: Path) -> Agreement:
    """Read and validate one agreement file (YAML)."""
    return parse_agreement(read_yaml_file(path, path.name), path.name)


@cache
def shipped_agreements() -> dict[str, Agreement]:
    """The agreements shipped with werkbot, by id."""
    agreements = {}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        if path.name.endswith(SCENARIO_SUFFIX):
            continue
        agreement = load_agreement_file(path)
        agreements[agreement.id] = agreement
    return agreements


def asked_problems(asked: AskedQuestions, agreement: Agreement) -> list[tuple[str, str]]:
    """What is wrong with the questions asked of ``agreement``: another agreement's questions,
    a clause it does not have, a fact its clauses do not say word for word."""
    if asked.agreement != agreement.id:
        return [("agreement", f"the questions are about {asked.agreement}, not {agreement.id}")]
    asked_of = {c for question in asked.questions for c in question.clauses}
    texts = {  # only the clauses asked of: bench/make_asked.py checks one question at a time
        c.id: [folded(t) for t in (c.text.nl, c.text.en, c.title.nl, c.title.en, c.heading)]
        for c in agreement.clauses
        if c.id in asked_of
    }
    problems = []
    for i, question in enumerate(asked.questions):
        where = f"questions[{i}]"
        unknown = [c for c in question.clauses if c not in texts]
        fact = fact_pattern(question.fact)
        if unknown:
            problems.append((f"{where}.clauses", f"no clause {', '.join(unknown)}"))
        elif not any(fact.search(text) for c in question.clauses for text in texts[c]):
            problems.append((f"{where}.fact", f"not in the clause's text: {question.fact!r}"))
    return problems


def fact_pattern(fact: str) -> re.Pattern[str]:
    """Where a text (:func:`folded`) holds ``fact``: from the start of a word ("leden" is not
    in "bestuurleden", "6" not in "2026"), to the end of a number ("2015" is not in "20156");
    a word may go on ("ambassador" is in "ambassadors")."""
    text = folded(fact)
    end = r"(?!\d)" if text[-1:].isdigit() else ""
    return re.compile(rf"(?<!\w){re.escape(text)}{end}")


def question_key(text: str) -> str:
    """What makes two questions the same question: their words, folded ("How often ...?" and
    "how often ..." are one)."""
    return " ".join(re.findall(r"\w+", folded(text)))


def folded(text: str) -> str:
    """``text`` without case, accents or runs of white space: how a fact is looked up."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def load_asked_file(path: Path, agreement: Agreement) -> tuple[AskedQuestion, ...]:
    """Read and check the questions asked of ``agreement`` (:data:`ASKED_DIR`); an
    :class:`AgreementError` names the file as ``asked/<name>`` and the entry at fault."""
    name = f"{path.parent.name}/{path.name}"
    data = read_yaml_file(path, name)
    return validated(
        AskedQuestions, data, name, partial(asked_problems, agreement=agreement)
    ).questions


@cache
def shipped_asked() -> dict[str, tuple[AskedQuestion, ...]]:
    """The questions asked of the shipped agreements, by agreement id (none: no file). A file
    named after no shipped agreement is an error, not a file quietly left unread."""
    agreements = shipped_agreements()
    for path in sorted(ASKED_DIR.glob("*.yaml")):
        if path.stem not in agreements:
            raise AgreementError(
                f"{ASKED_DIR.name}/{path.name}", [("", f"no agreement has the id {path.stem}")]
            )
    return {
        agreement.id: load_asked_file(path, agreement)
        for agreement in agreements.values()
        if (path := ASKED_DIR / f"{agreement.id}.yaml").is_file()
    }


def get_agreement(agreement_id: str) -> Agreement:
    """A shipped agreement by id; ``KeyError`` when there is none."""
    return shipped_agreements()[agreement_id]


def source_text(agreement: Agreement) -> str:
    """The source document kept beside the agreement file."""
    return (DATA_DIR / agreement.source.file).read_text(encoding="utf-8")
