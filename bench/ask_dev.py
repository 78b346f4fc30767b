"""Accuracy, refusals and speed of free questions on the development and held-out sets.

    python bench/ask_dev.py [--verbose] [--rounds 5] [--questions FILE ...]

Every question of the sets below is answered as a private chat answers it (``answer()`` on the
one agreement it is about, in the question's language). The sets, all under bench/ (after the
first three, 180 questions each, written by helpers from the agreements alone, without the code
or the other sets):

* dev_questions.yaml, the set the thresholds are fitted on; heldout_questions.yaml, written
  afterwards; fresh_questions.yaml, 240 questions written independently of the code;
* final (read for its failure groups in the fourth session), blind and sixth (fourth and fifth
  sessions, read in the sixth);
* seventh, eighth and ninth (sixth session; the ninth its honest figure, read in the seventh);
* tenth and eleventh (seventh session; the tenth read midway, the eleventh its honest figure,
  read in the eighth);
* twelfth and thirteenth (eighth session; the thirteenth read, the twelfth its honest figure,
  read in the ninth);
* fourteenth to eighteenth (ninth session; the fifteenth, sixteenth and seventeenth read as they
  came, the fourteenth held back until midway and then read, the eighteenth its honest figure,
  read in the tenth);
* nineteenth and twentieth (tenth session; held back and scored at its start and end, its
  honest figure, never read question by question; asked more in people's own words than the
  sets before);
* twenty-first and twenty-second (eleventh session; held back and scored at its start and
  end, its honest figure: board members and secretaries, and outsiders in their own words);
  twenty-third and twenty-fourth (eleventh session, read as they came: outsiders' own words,
  and realistic chat messages);
* twenty-fifth and twenty-sixth (twelfth session; held back and scored at its start and end,
  its honest figure: board members and secretaries, and outsiders in their own everyday words);
  twenty-seventh and twenty-eighth (twelfth session, read as they came: outsiders in everyday
  words, and board members with a third of the questions unanswerable details);
* twenty-ninth and thirtieth (thirteenth session; held back and scored at its start and on
  its code of the answers at 07a8c0a, its honest figure: people new to the partnership from
  the inside, and outsiders in their own everyday words); thirty-first and thirty-second
  (thirteenth session, read as they came: people close to the partnership in a chat, a third
  unanswerable details close to the text, and outsiders in their own everyday words);
  thirty-third and thirty-fourth (thirteenth session, written midway and held back to its end,
  its second honest figure: board members and secretaries, and outsiders).

The answers read the questions partners asked (rules/agreements/data/asked/), which
bench/make_asked.py writes from the sets above: each set is scored with an index built without
its own questions (``asked_without``), so a set's figures are those of questions the index never
saw; the latency runs use the index as shipped, with all of them.

Each set is reported on its own. Per language it prints:

* top-1: the clause the answer cites first (when it refuses: the clause search's first hit) is
  one of the expected clauses, over the questions the agreement answers;
* answered: the answer is not a refusal and cites an expected clause first;
* fact: the expected fact (folded: case and accents do not matter) occurs in the answer;
* correct: answered with the fact for a question the agreement answers, refused for one it does
  not, over all the questions;
* refusal precision (refusals that were right) and recall (questions the agreement does not
  answer that were refused); an answer that the agreement is silent on the matter ("names no
  end date", ``Answer.silent``) counts as a refusal.

Questions about the bot itself (``expect: chat-greeting``, ``chat-vote``, ``chat-article``) are
checked against :mod:`bot.ask.chat`, which a private chat asks first.

Then the p50/p99 latency of an answer, three times, beside each other:

* the handling: the real python-telegram-bot ``Application`` (``runtime.app.build_application``)
  on a fresh SQLite database, with the Bot API stand-in (``standin.StandinRequest``, in process)
  as Telegram, run as production runs it (``runtime.inbox_worker.InboxWorker``: the inbox, not
  the gate, drops replays). Each question is an Update from a member of a board on the
  agreement it is about; the time is that of ``Application.process_update``: who is asking, the
  flood gate, the private-chat handler (greeting, article and how-to-vote checks, the asker's
  boards, the question's language, ``answer()``), and the reply with its button, rendered and
  checked by the stand-in, until it has been sent;
* through the inbox: from the update's arrival (stored in the inbox, as the webhook or long
  polling stores it before Telegram is told) to its reply: the store, the lease, the saved
  conversation looked up, the handling, the update marked done;
* of ``answer()`` alone (index built beforehand, caches warm), the inner step.

Each with the shipped agreements loaded and with 35 (the shipped ones copied under new ids; the
handler's index then holds all 35, as a bot serving 35 regions would, and ``answer()`` is asked
of every copy in turn).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from bot.ask.answer import Answer, answer
from bot.ask.chat import article_ref, asks_how_to_vote, is_greeting
from bot.ask.index import ClauseIndex
from bot.ask.lines import unmarked
from bot.ask.text import fold, words
from bot.i18n import translator
from rules.agreements.loader import question_key, shipped_agreements, shipped_asked
from rules.agreements.model import Agreement, AskedQuestion

HERE = Path(__file__).resolve().parent
QUESTIONS = (
    HERE / "dev_questions.yaml",
    HERE / "heldout_questions.yaml",
    HERE / "fresh_questions.yaml",
    HERE / "final_questions.yaml",
    HERE / "blind_questions.yaml",
    HERE / "sixth_questions.yaml",
    HERE / "seventh_questions.yaml",
    HERE / "eighth_questions.yaml",
    HERE / "ninth_questions.yaml",
    HERE / "tenth_questions.yaml",
    HERE / "eleventh_questions.yaml",
    HERE / "twelfth_questions.yaml",
    HERE / "thirteenth_questions.yaml",
    HERE / "fourteenth_questions.yaml",
    HERE / "fifteenth_questions.yaml",
    HERE / "sixteenth_questions.yaml",
    HERE / "seventeenth_questions.yaml",
    HERE / "eighteenth_questions.yaml",
    HERE / "nineteenth_questions.yaml",
    HERE / "twentieth_questions.yaml",
    HERE / "twentyfirst_questions.yaml",
    HERE / "twentysecond_questions.yaml",
    HERE / "twentythird_questions.yaml",
    HERE / "twentyfourth_questions.yaml",
    HERE / "twentyfifth_questions.yaml",
    HERE / "twentysixth_questions.yaml",
    HERE / "twentyseventh_questions.yaml",
    HERE / "twentyeighth_questions.yaml",
    HERE / "twentyninth_questions.yaml",
    HERE / "thirtieth_questions.yaml",
    HERE / "thirtyfirst_questions.yaml",
    HERE / "thirtysecond_questions.yaml",
    HERE / "thirtythird_questions.yaml",
    HERE / "thirtyfourth_questions.yaml",
    HERE / "thirtyfifth_questions.yaml",
    HERE / "thirtysixth_questions.yaml",
    HERE / "thirtyseventh_questions.yaml",
)
#: How many agreements the large latency run loads (the issue's 35 labour-market regions).
MANY = 35
TODAY = date(2026, 3, 1)


@dataclass
class Tally:
    answerable: int = 0
    top1: int = 0
    answered: int = 0
    fact: int = 0
    unanswerable: int = 0
    refused: int = 0
    refused_right: int = 0
    correct: int = 0
    chat: int = 0
    chat_right: int = 0
    near: int = 0  # answerable, told "does not say exactly", the fact in the closest line
    misses: list[str] = field(default_factory=list)


def load(path: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return items


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", fold(unmarked(text)))


def expected(item: dict[str, Any]) -> set[str]:
    expect = item["expect"]
    return set(expect) if isinstance(expect, list) else {expect}


def score(item: dict[str, Any], result: Answer, index: ClauseIndex, tally: Tally) -> str | None:
    """Add one question to ``tally``; a note when it went wrong.

    :attr:`Answer.refused` counts as a refusal: an answer that the agreement is silent on the
    matter ("names no end date") or only the closest line is the "the agreement does not say"
    the held-back check asks for."""
    refused = result.refused
    tally.refused += refused
    if item["expect"] == "none":
        tally.unanswerable += 1
        tally.refused_right += refused
        tally.correct += refused
        return None if refused else f"answered {result.clauses[:1]}: {result.lines[:1]}"
    tally.answerable += 1
    wanted = expected(item)
    if refused:
        hits = index.search(item["q"], item["lang"], agreements=[item["agreement"]], k=1)
        first = hits[0].clause_id if hits else None
    else:
        first = result.clauses[0][1] if result.clauses else None
    tally.top1 += first in wanted
    tally.answered += (not refused) and first in wanted
    in_lines = _plain(item["fact"]) in _plain(" ".join(result.lines))
    has_fact = not refused and in_lines
    tally.near += result.kind == "nearest" and in_lines
    tally.fact += has_fact
    tally.correct += has_fact and first in wanted
    if refused:
        return f"refused (search first: {first})"
    if first not in wanted or not has_fact:
        return f"cites {first}, fact {'yes' if has_fact else 'NO'}: {' | '.join(result.lines)}"
    return None


def chat_kind(text: str, agreements: dict[str, Agreement]) -> str | None:
    """What :mod:`bot.ask.chat` makes of ``text``: "chat-greeting", "chat-vote",
    "chat-article", or None when it goes to the agreement's answers."""
    if is_greeting(text):
        return "chat-greeting"
    if asks_how_to_vote(text):
        return "chat-vote"
    names = [
        (a.id, [a.region, *(w.text for w in words(a.short_title.get("nl")))])
        for a in agreements.values()
    ]  # as handlers.ask.small_talk names them
    if article_ref(text, names) is not None:
        return "chat-article"
    return None


def run_set(
    path: Path, agreements: dict[str, Agreement], index: ClauseIndex, verbose: bool
) -> list[dict[str, Any]]:
    """Score and print one question file; its questions for the agreement's answers."""
    items = load(path)
    tallies: dict[str, Tally] = {"nl": Tally(), "en": Tally(), "all": Tally()}
    asked = []
    for item in items:
        if str(item["expect"]).startswith("chat-"):
            kind = chat_kind(item["q"], agreements)
            for key in (item["lang"], "all"):
                tallies[key].chat += 1
                tallies[key].chat_right += kind == item["expect"]
            if kind != item["expect"] and verbose:
                print(f"  [{item['lang']}] {item['q']!r} expect {item['expect']}, got {kind}")
            continue
        if chat_kind(item["q"], agreements) is not None:
            result = Answer("chat", (), ())
        else:
            result = answer(
                item["q"], [agreements[item["agreement"]]], index, translator(item["lang"]), TODAY
            )
        asked.append(item)
        for key in (item["lang"], "all"):
            note = score(item, result, index, tallies[key])
        if note is not None and verbose:
            print(f"  [{item['agreement']} {item['lang']}] {item['q']!r} expect {item['expect']}")
            print(f"      {note}")

    print(f"{len(items)} questions ({path.name})")
    print(
        f"  {'':5} {'n':>4} {'top-1':>6} {'answered':>9} {'fact':>6} {'correct':>8}"
        f" {'none':>5} {'refused':>8} {'ref.prec':>9} {'ref.rec':>8} {'chat':>6} {'near':>5}"
    )
    for key, t in tallies.items():
        precision = t.refused_right / t.refused if t.refused else 1.0
        recall = t.refused_right / t.unanswerable if t.unanswerable else 1.0
        n = max(t.answerable, 1)
        chat = f"{t.chat_right}/{t.chat}"
        print(
            f"  {key:5} {t.answerable + t.unanswerable:4d} {t.top1 / n:6.0%}"
            f" {t.answered / n:9.0%} {t.fact / n:6.0%}"
            f" {t.correct / max(t.answerable + t.unanswerable, 1):8.0%} {t.unanswerable:5d}"
            f" {t.refused:8d} {precision:9.0%} {recall:8.0%} {chat:>6} {t.near / n:5.0%}"
        )
    print()
    return asked


def asked_without(path: Path) -> dict[str, tuple[AskedQuestion, ...]]:
    """The questions asked of the shipped agreements (rules/agreements/data/asked/, written from
    the read sets by bench/make_asked.py) without those of the set at ``path``, nor the same
    questions asked by another set (:func:`question_key`: case and punctuation aside): each set
    is scored with an index that never saw its questions."""
    own = {(item["agreement"], item["lang"], question_key(item["q"])) for item in load(path)}
    return {
        agreement: tuple(q for q in questions if (agreement, q.lang, question_key(q.q)) not in own)
        for agreement, questions in shipped_asked().items()
    }


def copies(agreements: dict[str, Agreement], n: int) -> list[Agreement]:
    """``n`` agreements: the shipped ones, then copies of them under new ids."""
    shipped = list(agreements.values())
    out = list(shipped)
    while len(out) < n:
        original = shipped[len(out) % len(shipped)]
        out.append(original.model_copy(update={"id": f"{original.id}-copy{len(out)}"}))
    return out


def latency(items: list[dict[str, Any]], loaded: list[Agreement], rounds: int) -> list[float]:
    """Per-answer milliseconds over ``rounds`` rounds, each question asked of every agreement
    of ``loaded`` that is a copy of its own (the index holds all of ``loaded``)."""
    index = ClauseIndex.build(loaded, shipped_asked())
    calls = []
    for item in items:
        tr = translator(item["lang"])
        for agreement in loaded:
            if agreement.id.split("-copy")[0] == item["agreement"]:
                calls.append((item["q"], agreement, tr))
    for q, agreement, tr in calls:  # warm the caches
        answer(q, [agreement], index, tr, TODAY)
    samples = []
    for _ in range(rounds):
        for q, agreement, tr in calls:
            started = time.perf_counter()
            answer(q, [agreement], index, tr, TODAY)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


async def _handler_samples(
    items: list[dict[str, Any]], loaded: list[Agreement], rounds: int
) -> tuple[list[float], list[float]]:
    """Per-answer milliseconds over ``rounds`` rounds: from the update's arrival to its reply
    through the inbox (as production runs), and of ``Application.process_update`` within it."""

    import handlers.ask
    from bot.db.engine import Database, make_engine
    from bot.db.schema import upgrade_engine
    from bot.services import boards, people
    from bot.settings import Settings
    from handlers.flood import FloodGate
    from runtime.app import build_application
    from runtime.inbox_worker import InboxWorker
    from standin import BotAPIStandin, FakeUser, StandinRequest

    # the private chat's index holds all ``loaded``, with the questions asked of the shipped ones
    index = ClauseIndex.build(loaded, shipped_asked())
    swap = patch.object(handlers.ask, "index_of", lambda context: index)
    folder = tempfile.mkdtemp()
    url = f"sqlite+aiosqlite:///{folder}/ask.sqlite3"
    engine = make_engine(url)
    await upgrade_engine(engine)
    db = Database(engine)
    api = BotAPIStandin()
    members: dict[str, FakeUser] = {}
    for number, agreement_id in enumerate(sorted({item["agreement"] for item in items})):
        board = await boards.create_board(db, agreement_id)
        seat = next(s.key for s in (await boards.overview(db, board.id)).seats if s.votes)
        user = FakeUser(8_000_000 + number, f"Lid {number}", language_code="nl")
        api.add_user(user)
        person = await people.identify(db, user.id, user.first_name, telegram_language="nl")
        await boards.assign(db, board.id, seat, person.id)
        members[agreement_id] = user
    # the stand-in is no Telegram: replies are not paced (bench/broadcast.py measures pacing)
    settings = Settings(
        _env_file=None, database_url=url, log_level="WARNING", send_rate_per_second=2000
    )
    app = build_application(settings, api.token, request=StandinRequest(api), database=db)
    whole: list[float] = []
    handling: list[float] = []
    try:
        swap.start()
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        worker = InboxWorker(app)  # as runtime.transport runs it, webhook or long polling
        process = app.process_update

        async def timed_process(update: object) -> None:
            started = time.perf_counter()
            await process(update)
            handling.append((time.perf_counter() - started) * 1000)

        app.process_update = timed_process  # type: ignore[method-assign]
        for round_ in range(rounds + 1):  # the first round warms the caches
            for item in items:
                app.bot_data.flood = FloodGate()  # one partner asking a thousand questions in a row
                payload = api.message_update(members[item["agreement"]], item["q"])
                before = len(api.messages)
                started = time.perf_counter()
                await worker.receive([payload])
                await worker.run_once()
                took = (time.perf_counter() - started) * 1000
                if len(api.messages) != before + 1:
                    raise AssertionError(f"no single reply to {item['q']!r}")
                if round_:
                    whole.append(took)
                else:
                    handling.pop()
    finally:
        await app.shutdown()
        await db.dispose()
        swap.stop()
    return whole, handling


def handler_latency(
    items: list[dict[str, Any]], loaded: list[Agreement], rounds: int
) -> tuple[list[float], list[float]]:
    return asyncio.run(_handler_samples(items, loaded, rounds))


def _print_cuts(label: str, n: int, samples: list[float]) -> None:
    cuts = statistics.quantiles(samples, n=100)
    print(
        f"  {label:18} {n:3d} agreements: p50 {cuts[49]:5.2f} ms  p99 {cuts[98]:5.2f} ms"
        f"  max {max(samples):6.2f} ms  ({len(samples)} answers)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true", help="show every miss")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--questions", type=Path, nargs="+", default=list(QUESTIONS))
    args = parser.parse_args()

    agreements = shipped_agreements()
    asked = []
    for path in args.questions:
        index = ClauseIndex.build(agreements.values(), asked_without(path))
        asked += run_set(path, agreements, index, args.verbose)

    print(f"latency of an answer, {len(asked)} questions, {args.rounds} rounds (target p99:")
    print(f"  5 ms with the shipped agreements, 20 ms with {MANY}):")
    for n in (len(agreements), MANY):
        rounds = args.rounds if n == len(agreements) else max(1, args.rounds // 3)
        loaded = copies(agreements, n)
        whole, handling = handler_latency(asked, loaded, rounds)
        _print_cuts("the handling", n, handling)
        _print_cuts("through the inbox", n, whole)
        _print_cuts("answer() alone", n, latency(asked, loaded, rounds))


if __name__ == "__main__":
    main()
