"""Ask the agreement: /clause (/artikel), /search (/zoek) and free questions in a private chat."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.ask.answer import answer
from bot.ask.chat import article_ref, asks_how_to_vote, is_greeting
from bot.ask.index import ClauseIndex, Hit
from bot.ask.shipped import shipped_index
from bot.ask.text import question_language, words
from bot.i18n import Translator, translator
from bot.services import boards
from bot.services.views import BoardRef
from bot.texts.agreement import clause_label, find_clause, render_clause
from bot.texts.html import esc
from handlers.callbacks import Callback, Kind, encode
from handlers.commands import MOTIONS, RESULT, SUBSTITUTE, description
from handlers.context import WerkbotContext
from handlers.replies import Answer, reply
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement, Clause


def agreement_ids() -> list[str]:
    """Stable positions for callback data (agreement ids can be longer than a button allows)."""
    return sorted(shipped_agreements())


async def my_agreements(context: WerkbotContext) -> list[Agreement]:
    """The agreements of the boards the person sits on; all shipped ones for someone without."""
    mine: list[BoardRef] = await boards.boards_of(context.db, context.me.id)
    return agreements_of(b.agreement_id for b in mine)


def agreements_of(ids: Iterable[str]) -> list[Agreement]:
    """The agreements of ``ids`` (each once); all shipped ones when there are none."""
    return [shipped_agreements()[i] for i in (list(dict.fromkeys(ids)) or agreement_ids())]


def clause_button(
    agreement: Agreement, clause: Clause, label: str, *, original: bool = False
) -> InlineKeyboardButton:
    """A button for the article (``original``: the Dutch text) by positions, to stay in 64 bytes."""
    position = agreement_ids().index(agreement.id)
    index = [c.id for c in agreement.clauses].index(clause.id)
    kind = Kind.CLAUSE_ORIGINAL if original else Kind.CLAUSE
    return InlineKeyboardButton(label, callback_data=encode(kind, position, index))


async def send_clause(update: Update, agreement: Agreement, clause: Clause, t: Translator) -> None:
    markup = None
    if t.language == "en":
        button = clause_button(agreement, clause, t.gettext("Dutch original"), original=True)
        markup = InlineKeyboardMarkup([[button]])
    await reply(update, render_clause(agreement, clause, t), markup)


async def show_clause(update: Update, context: WerkbotContext) -> None:
    """/clause N (/artikel N), or /clause AGREEMENT N; without N the list of articles."""
    t = context.t
    args = list(context.args or [])
    agreements = await my_agreements(context)
    if args and args[0].lower() in shipped_agreements():
        agreements = [shipped_agreements()[args.pop(0).lower()]]
    if not args:
        await reply(update, "\n\n".join(render_article_list(a, t) for a in agreements))
        return
    ref = " ".join(args)
    found = [(a, c) for a in agreements if (c := find_clause(a, ref)) is not None]
    if not found:
        await reply(
            update,
            t.gettext("No article {ref} in {agreements}. Send /clause for the list.").format(
                ref=esc(ref),
                agreements=esc(", ".join(a.short_title.get(t.language) for a in agreements)),
            ),
        )
        return
    for agreement, clause in found:
        await send_clause(update, agreement, clause, t)


def render_article_list(agreement: Agreement, t: Translator) -> str:
    lines = [f"<b>{esc(agreement.title.get(t.language))}</b> ({esc(agreement.id)})"]
    for clause in agreement.clauses:
        lines.append(esc(clause_label(clause, t.language)))
    return "\n".join(lines)


async def clause_pressed(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    """The full article (or the Dutch original) behind a button."""
    ids = agreement_ids()
    position, index = callback.int_arg(0), callback.int_arg(1)
    if position >= len(ids) or index >= len(shipped_agreements()[ids[position]].clauses):
        return Answer(context.t.gettext("This button is no longer valid."), alert=True)
    agreement = shipped_agreements()[ids[position]]
    clause = agreement.clauses[index]
    if callback.kind is Kind.CLAUSE_ORIGINAL:
        await reply(update, render_clause(agreement, clause, context.t, original=True))
    else:
        await send_clause(update, agreement, clause, context.t)
    return None


def marked(snippet: str) -> str:
    """Escape a snippet and turn its «matched words» into bold."""
    return re.sub(r"«(.+?)»", r"<b>\1</b>", esc(snippet))


async def search(update: Update, context: WerkbotContext) -> None:
    """/search WORDS (/zoek): the best matching articles, each with a highlighted snippet."""
    t = context.t
    words = " ".join(context.args or []).strip()
    if not words:
        await reply(update, t.gettext("What should I look for? For example: /search loonwaarde"))
        return
    agreements = await my_agreements(context)
    hits = index_of(context).search(words, t.language, agreements=[a.id for a in agreements], k=3)
    if not hits:
        await reply(
            update,
            t.gettext(
                'No article matches "{words}". Send /clause for the list of articles.'
            ).format(words=esc(words)),
        )
        return
    await reply(update, render_hits(hits, t), hits_keyboard(hits, t))


def render_hits(hits: list[Hit], t: Translator) -> str:
    blocks = []
    for hit in hits:
        agreement = shipped_agreements()[hit.agreement_id]
        clause = agreement.clause(hit.clause_id)
        if clause.number is None and clause.label is None:  # "Partijen": no "Partijen: Partijen"
            cited = esc(agreement.short_title.get(t.language))
        else:
            cited = (
                f"{esc(clause.cite_label(t.language))} {esc(agreement.short_title.get(t.language))}"
            )
        title = f"<b>{cited}</b>: {esc(clause.title.get(t.language))}"
        blocks.append(title + "\n" + marked(hit.snippet))
    return "\n\n".join(blocks)


def hits_keyboard(hits: list[Hit], t: Translator) -> InlineKeyboardMarkup:
    rows = []
    for hit in hits:
        agreement = shipped_agreements()[hit.agreement_id]
        clause = agreement.clause(hit.clause_id)
        label = t.gettext("Full text: {article}").format(article=clause.cite_label(t.language))
        rows.append([clause_button(agreement, clause, label)])
    return InlineKeyboardMarkup(rows)


def render_greeting(name: str, t: Translator) -> str:
    """Hello, and the three things the bot does (from /start), and where the commands are."""
    intro = t.gettext(
        "Hello {name}! I am werkbot, the assistant of the boards of regional labour-market "
        "partnerships. Members check their seat and vote from their phone, secretaries invite "
        "members and keep the decision list, and everyone can read what the agreement says."
    ).format(name=esc(name))
    return intro + "\n\n" + t.gettext("Send /help for the commands.")


def render_how_to_vote(t: Translator) -> str:
    """How to vote, from the bot's own help: the commands a member votes with."""
    lines = [t.gettext("How to vote:")]
    for command in (MOTIONS, RESULT, SUBSTITUTE):
        lines.append(f"/{command.shown_name(t.language)} - {description(command, t)}")
    return "\n".join(lines)


async def small_talk(update: Update, context: WerkbotContext, text: str) -> bool:
    """A greeting, "how do I vote" or an article typed as text: answered, and True."""
    t = context.t
    if is_greeting(text):
        await reply(update, render_greeting(context.me.name, t))
        return True
    if asks_how_to_vote(text):
        await reply(update, render_how_to_vote(t))
        return True
    named = [
        (a.id, [a.region, *(w.text for w in words(a.short_title.get("nl")))])
        for a in shipped_agreements().values()
    ]
    ref = article_ref(text, named)
    if ref is None:
        return False
    if ref.agreement_id is not None:
        agreements = [shipped_agreements()[ref.agreement_id]]
    else:
        agreements = await my_agreements(context)
    found = [(a, c) for a in agreements if (c := find_clause(a, ref.number)) is not None]
    if not found:
        await reply(
            update,
            t.gettext("No article {ref} in {agreements}. Send /clause for the list.").format(
                ref=esc(ref.number),
                agreements=esc(", ".join(a.short_title.get(t.language) for a in agreements)),
            ),
        )
        return True
    for agreement, clause in found:
        await send_clause(update, agreement, clause, t)
    return True


async def question(update: Update, context: WerkbotContext) -> None:
    """Free text in a private chat: a greeting, how to vote or an article typed as text, else
    answered from the agreement, or an honest "not found"."""
    t = context.t
    text = update.effective_message.text if update.effective_message else ""
    if text and await small_talk(update, context, text):
        return
    mine = context.asking
    if mine is None:  # not read with the update's record (the inbox records later)
        mine = await boards.asking(context.db, context.me.id)
    agreements = agreements_of(mine.agreement_ids)
    # who holds an office is known only of the person's own boards
    holders = mine.holders if mine.agreement_ids else None
    index = index_of(context)
    # answered in the language asked: an English question gets our translation, with the
    # Dutch original beneath it, whatever the person's setting
    t = translator(question_language(text or "", t.language))
    result = answer(text or "", agreements, index, t, date.today(), holders)
    body = "\n".join(marked(line) for line in result.lines)
    markup = None
    if result.clauses:
        agreement_id, clause_id = result.clauses[0]
        agreement = shipped_agreements()[agreement_id]
        clause = agreement.clause(clause_id)
        label = t.gettext("Full text: {article}").format(article=clause.cite_label(t.language))
        markup = InlineKeyboardMarkup([[clause_button(agreement, clause, label)]])
    await reply(update, body, markup)


def index_of(context: WerkbotContext) -> ClauseIndex:
    return shipped_index()
