"""A commented starting file for a new region's agreement (``werkbot agreements new``).

:func:`render_template` turns a few answers (who sits on the board, how it decides, which
subjects need more) into YAML that validates as written, with a comment at every place the
region must fill in from its own agreement. The comments are in English like the shipped files;
the placeholders for the clause texts are in Dutch, the language of the agreements.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal, get_args

#: How the board decides, as ``agreements new`` offers it.
Decides = Literal[
    "consensus",
    "consensus_then_majority",
    "majority",
    "majority_present",
    "two_thirds",
    "unanimity",
]
DECIDES: tuple[Decides, ...] = get_args(Decides)
Tie = Literal["casting_vote", "rejected", "deferred", "no_decision"]
TIES: tuple[Tie, ...] = ("casting_vote", "rejected", "deferred", "no_decision")
SubjectRule = Literal["unanimity", "two_thirds", "three_quarters"]
SUBJECT_RULES: tuple[SubjectRule, ...] = ("unanimity", "two_thirds", "three_quarters")
InWriting = Literal["none", "unanimity", "no_objection"]
IN_WRITING: tuple[InWriting, ...] = ("none", "unanimity", "no_objection")


@dataclass(frozen=True)
class Member:
    """A party on the board and how many seats it has."""

    name: str
    seats: int = 1


@dataclass(frozen=True)
class NewAgreement:
    id: str
    region: str
    chair: str
    members: tuple[Member, ...]
    decides: Decides = "majority"
    tie: Tie = "rejected"
    subjects: tuple[tuple[str, SubjectRule], ...] = ()
    in_writing: InWriting = "none"


def slug(name: str) -> str:
    """ "Hof van Twente" -> "hof-van-twente" (at most 40 characters, never empty)."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return text or "x"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _text(nl: str, en: str) -> str:
    return "{nl: " + _q(nl) + ", en: " + _q(en) + "}"


_MAJORITY = {
    "consensus_then_majority": ("votes_cast", 1, 2, "true"),
    "majority": ("votes_cast", 1, 2, "true"),
    "majority_present": ("present", 1, 2, "true"),
    "two_thirds": ("votes_cast", 2, 3, "false"),
}
_SUBJECT = {"two_thirds": (2, 3), "three_quarters": (3, 4)}


def _majority_step(spec: NewAgreement, indent: str) -> list[str]:
    basis, num, den, more = _MAJORITY[spec.decides]
    lines = [
        f"{indent}- kind: majority",
        f"{indent}  count: seats            # or delegations, parties, weight, inhabitants",
        f"{indent}  basis: {basis}" + " " * (17 - len(basis)) + "# or present, members",
        f"{indent}  threshold: {{numerator: {num}, denominator: {den}, more_than: {more}}}",
        f"{indent}  abstentions: not_cast   # blank votes are not votes cast; or: cast",
    ]
    if num * 2 <= den:
        lines.append(f"{indent}  tie: {spec.tie}" + " " * (19 - len(spec.tie)) + "# " + _TIE_NOTE)
        if spec.tie == "casting_vote":
            lines.append(f"{indent}  tie_break: [chair]")
        if spec.tie == "deferred":
            lines.append(f"{indent}  tie_again: rejected     # a second tie at the next meeting")
    lines.append(f"{indent}  cites: [besluitvorming]")
    return lines


_TIE_NOTE = "casting_vote, rejected, deferred or no_decision"


def _procedure(spec: NewAgreement, indent: str) -> list[str]:
    steps = f"{indent}  "
    lines = [f"{indent}steps:"]
    if spec.decides in ("consensus", "consensus_then_majority"):
        lines.append(f"{steps}- {{kind: consensus, cites: [besluitvorming]}}")
    if spec.decides == "consensus":
        lines.append(f"{steps}- {{kind: none, cites: [besluitvorming]}}   # no vote after that")
    elif spec.decides == "unanimity":
        lines.append(f"{steps}- {{kind: unanimity, basis: votes_cast, cites: [besluitvorming]}}")
    else:
        lines += _majority_step(spec, steps)
    return lines


def _subject_step(rule: SubjectRule) -> str:
    if rule == "unanimity":
        return "- {kind: unanimity, basis: members, cites: [besluitvorming]}"
    num, den = _SUBJECT[rule]
    return (
        "- {kind: majority, basis: members, "
        f"threshold: {{numerator: {num}, denominator: {den}, more_than: false}}, "
        "cites: [besluitvorming]}"
    )


def _seats(spec: NewAgreement) -> list[str]:
    chair = slug(spec.chair)
    lines = [
        "seats:",
        "  # One entry per kind of seat. role: chair, vice_chair, member, advisor, secretary.",
        "  # A seat that votes needs a delegation; votes: false for a chair without a vote.",
        f"  - {{id: voorzitter, label: {_text('Voorzitter (' + spec.chair + ')', 'Chair (' + spec.chair + ')')}, "
        f"role: chair, delegation: {chair}, party: {chair}, cites: [samenstelling]}}",
    ]
    for member in spec.members:
        key = slug(member.name)
        if member.seats > 1:
            label = _text(member.name + " {n}", member.name + " {n}")
            count = (
                f", count: {{min: {member.seats}, max: {member.seats}, default: {member.seats}}}"
            )
        else:
            label, count = _text(member.name, member.name), ""
        lines.append(
            f"  - {{id: {key}, label: {label}, delegation: {key}, party: {key}{count}, "
            "cites: [samenstelling]}"
        )
    return lines


def render_template(spec: NewAgreement) -> str:
    """The starting file: valid as written, with comments where the region fills in its own."""
    names = [spec.chair, *(m.name for m in spec.members)]
    lines = [
        f"# Agreement of {spec.region}, started with `werkbot agreements new`.",
        "# Replace every placeholder text with the agreement's own words (Dutch verbatim, English",
        "# our translation); docs/agreement-format.md explains every field with examples.",
        "# Check it with: werkbot agreements validate FILE, and werkbot agreements check FILE",
        "# once you have written scenarios beside it (FILE.scenarios.yaml).",
        f"id: {slug(spec.id)}",
        f"title: {_text('Samenwerkingsovereenkomst ' + spec.region, 'Cooperation agreement ' + spec.region)}",
        f"short_title: {_text('Overeenkomst ' + spec.region, spec.region + ' agreement')}",
        f"board_name: {_text('Bestuur ' + spec.region, 'Board of ' + spec.region)}",
        f"region: {_q(spec.region)}",
        "source:",
        f"  file: {slug(spec.id)}.source.txt   # the agreement's text, kept beside this file",
        f"  description: {_text('Tekst van de overeenkomst.', 'Text of the agreement.')}",
        "parties:",
        "  # kind: municipality, uwv, employers, employees, education, sbb or other;",
        "  # inhabitants: N for votes derived from inhabitants.",
    ]
    seen: set[str] = set()
    for name in names:
        if slug(name) in seen:
            continue
        seen.add(slug(name))
        lines.append(
            f"  - {{id: {slug(name)}, name: {_text(name, name)}, kind: other, "
            "cites: [samenstelling]}"
        )
    lines += [
        "delegations:",
        "  # The blocs of a bloc vote; here every party is its own delegation.",
    ]
    lines += [
        f"  - {{id: {key}, name: {_text(name, name)}}}"
        for key, name in {slug(n): n for n in names}.items()
    ]
    lines += _seats(spec)
    lines += ["procedure:", "  # In a meeting; steps are tried in order until one decides."]
    lines += _procedure(spec, "  ")
    if spec.in_writing != "none":
        step = (
            "- {kind: unanimity, basis: members, cites: [besluitvorming]}"
            if spec.in_writing == "unanimity"
            else "- {kind: no_objection, cites: [besluitvorming]}"
        )
        lines += ["outside_meeting:   # schriftelijke besluitvorming", "  steps:", "    " + step]
    if spec.subjects:
        lines += ["subjects:   # what a proposer picks from when the procedure differs"]
        lines += [
            f"  - {{id: {slug(name)}, name: {_text(name, name)}, cites: [besluitvorming]}}"
            for name, _ in spec.subjects
        ]
        lines += ["by_subject:"]
        for name, rule in spec.subjects:
            lines += [
                f"  - subjects: [{slug(name)}]",
                "    procedure:",
                "      steps:",
                "        " + _subject_step(rule),
            ]
    lines += [
        "clauses:",
        "  # Every article the rules cite, verbatim; add the others too.",
        "  - id: samenstelling",
        '    number: "2"   # the article number as the agreement writes it',
        f"    title: {_text('Samenstelling', 'Composition')}",
        "    text:",
        f"      nl: {_q('Vul hier de letterlijke tekst van het artikel over de samenstelling in.')}",
        f"      en: {_q('Fill in the translation of the article on the composition.')}",
        "  - id: besluitvorming",
        '    number: "3"',
        f"    title: {_text('Besluitvorming', 'Decision-making')}",
        "    text:",
        f"      nl: {_q('Vul hier de letterlijke tekst van het artikel over de besluitvorming in.')}",
        f"      en: {_q('Fill in the translation of the article on decision-making.')}",
    ]
    return "\n".join(lines) + "\n"
