"""Words to index terms: normalisation, Snowball stems, a bilingual glossary, compounds, typos.

A term is one of

* ``@concept``: a glossary concept, shared by both languages ("voorzitter", "chair" ->
  ``@chair``), so an English question finds a Dutch clause and paraphrases meet;
* ``nl:stem`` / ``en:stem``: the Snowball stem of any other word, tagged with its language so a
  Dutch word never matches an English word that happens to be spelled the same ("taken");
* ``#123``: a number;
* ``~a+b``: two neighbouring words ("proposed decision"), rewarding the same wording;
* ``?word``: (questions only) a word nothing knows, which the clause search counts against the
  question's confidence.

A glossary word is indexed as its concept and its own stem. Dutch compounds are split into known
parts, and the parts are indexed beside the whole word, so "loonwaarde" finds
"loonwaardebepaling", "loonwaardemethode" finds "loonwaarde", and "reiskosten" are "kosten".
Dutch separable verbs are joined ("gaat ... in" -> "ingaan"). A question word that is in no
vocabulary is mapped to the closest known word with the same first letter (rapidfuzz's edit
distance with transpositions, at most 1 for words of 5 to 7 letters, 2 from 8 letters), compared
with the known words of about its length only, so a correction costs a few microseconds;
everyday words (:data:`COMMON_WORDS`) are known, so "zitten" is never read as "zetten".
Before that, an unknown question word is read through its lemma (simplemma): as a word of the
agreements with the same lemma ("vertegenwoordigde" -> "vertegenwoordigd"), and a Dutch verb
form followed by a particle as the separable verb ("stuurt ... aan" -> "aansturen").
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import Stemmer  # type: ignore[import-not-found]

from bot.ask import paraphrases
from bot.ask.paraphrases import PARAPHRASES
from bot.cache import kept

log = logging.getLogger(__name__)

LANGS = ("nl", "en")
#: Characters of a question that are read (a question is a sentence or two, not a document).
MAX_QUESTION = 500
#: The Snowball algorithms. PyStemmer's "dutch" is Snowball 3's newer Dutch stemmer, which
#: strips "ge-" ("gemeente" -> "meen", "geleding" and "leden" -> "leed"); the original Snowball
#: Dutch stemmer keeps the words of agreements apart better (on bench/questions.yaml: 92% against
#: 89% top-1 for Dutch clause questions).
ALGORITHMS = {"nl": "dutch_porter", "en": "english"}

_WORD = re.compile(r"[^\W_]+")


def wordlist(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


def other(lang: str) -> str:
    return "en" if lang == "nl" else "nl"


def fold(text: str) -> str:
    """Lower case without diacritics: "Financiën" -> "financien"."""
    if text.isascii():  # most words: the same result, without decomposing them
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: Words typed short in a chat, written out: "wnr" is "wanneer", "vh" "van het", "yrs" "years".
CHAT_SHORTHAND = {
    "wnr": "wanneer",
    "hvl": "hoeveel",
    "wrm": "waarom",
    "vh": "van het",
    "vd": "van de",
    "ivm": "in verband met",
    "mbt": "met betrekking tot",
    "tav": "ten aanzien van",
    "yr": "year",
    "yrs": "years",
    "govt": "government",
    "abt": "about",
    "bc": "because",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "info": "information",
    "mgmt": "management",
    "dept": "department",
    "org": "organisation",
    "orgs": "organisations",
    "gem": "gemeente",
    "wg": "werkgevers",
    "wn": "werknemers",
    "evt": "eventueel",
    "mn": "met name",
    "bijv": "bijvoorbeeld",
    "vnl": "voornamelijk",
    "zgn": "zogenaamde",
    "ca": "circa",
}
_SHORTHAND = re.compile(r"\b(?:" + "|".join(CHAT_SHORTHAND) + r")\b", re.IGNORECASE)


def written_out(text: str) -> str:
    """``text`` with the words typed short in a chat written out (:data:`CHAT_SHORTHAND`)."""
    return _SHORTHAND.sub(lambda m: CHAT_SHORTHAND[m.group(0).lower()], text)


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text: folded, with its place in the original text."""

    text: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of ``text`` (letters and digits; hyphens and apostrophes separate words)."""
    return [Word(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_texts(text: str) -> list[str]:
    """The folded words of ``text``, as :func:`words` finds them, without their places."""
    return [fold(w) for w in _WORD.findall(text)]


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...


@cache
def _stemmer(lang: str) -> _Stemmer:
    stemmer: _Stemmer = Stemmer.Stemmer(ALGORITHMS["en" if lang == "en" else "nl"])
    return stemmer


@lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a folded word in ``lang`` ("nl" or "en")."""
    return _stemmer(lang).stemWord(word)


@lru_cache(maxsize=1 << 14)
def lemma(word: str, lang: str) -> str:
    """The dictionary form of a folded word in ``lang`` by simplemma ("tekende" -> "tekenen",
    "stuurt" -> "sturen", "ingericht" -> "inrichten", "signed" -> "sign"); the word itself when
    simplemma knows no other.

    simplemma is imported, and its word list for ``lang`` loaded (about 0.3 s for Dutch), on the
    first call: only a question with a word the agreements do not use asks for a lemma.
    """
    from simplemma import lemmatize

    # a separable verb is "in_richten": "ingericht" is a form of "inrichten" ("inrichting")
    return fold(lemmatize(word, lang="en" if lang == "en" else "nl")).replace("_", "")


@lru_cache(maxsize=1 << 14)
def in_dictionary(word: str, lang: str) -> bool:
    """Whether simplemma's word list for ``lang`` holds the folded ``word``: a real word
    ("verzekering", "openingstijden"), not a typo ("vicevoorziter"). A real word the agreements
    do not use is seldom a typo of a word they do use (:meth:`Speller.correct`)."""
    from simplemma import is_known

    return bool(is_known(word, lang="en" if lang == "en" else "nl"))


def is_verb_form(word: str, lang: str) -> bool:
    """Whether a folded word the agreements do not use is a form of a verb ("levert",
    "uitgevoerd", "aangaat", "bijkomen"; "published", "leaving", "paid"): it says what is done
    with the subject, and a line that answers may well use another verb. A noun the agreements
    do not use ("verzekering", "geschillen", "insurance", "minutes") is a subject they do not
    treat, and is not one. Read through simplemma's lemma: a Dutch verb's lemma is its
    infinitive (in "-en" or "-n"), an English verb form is one the lemma changes, not a plural."""
    base = lemma(word, lang)
    if lang == "nl":
        if word.startswith("ge") and word[-1] in "dt" and base == word:
            # a participle simplemma does not know ("getoetst", "geinformeerd"): its verb is
            # ("toetsen", "informeren"); "geheimhoudingsplicht" has none
            stem_ = word[2:-1]
            verbs = (f"{stem_}en", re.sub(r"([aeou])\1([^aeiou])$", r"\1\2", stem_) + "en")
            return any(in_dictionary(verb, "nl") for verb in verbs)
        return base.endswith("n") and (base != word or word.endswith("en"))
    return base != word and not word.endswith("s")


NL_STOPWORDS = wordlist(
    """
    aan af al alle alles als altijd ander andere ben bent bij daar daarbij daarom daarvan dan dat
    de der deze die dit doch doe doen doet door dus een eigenlijk en er erin ervan even ge
    geen gebeurt gebeuren graag had heb hebben heeft hem het hier hierover hij hoe hoeveel hun ik
    in is ja je jij jou jouw jullie kan kon kun kunnen maar me meer men met mij mijn mag moet
    moeten mogen na naar niet niets nog nou nu of om omdat ons onze ook op over precies reeds
    staat staan te tegen toch toen tot u uit uw van veel voor waar waarom wanneer waren was wat
    we wel welk welke werd wie wij wil willen worden wordt zal ze zegt zeggen zelf zich zij zijn
    zo zonder zou zouden tov hiervoor hierbij hiermee hierin hierop hiervan hiertoe hierdoor
    hierna daarvoor daarmee daarin daarop daartoe daardoor daarna daarover name zichzelf zelfs
    misschien wellicht hoor vanaf sinds zodra totdat elkaar per zoals naartoe terwijl niks effe ff
    nogal beetje
    """
)
EN_STOPWORDS = wordlist(
    """
    a about after again all am an and any anyone anything are aren as at be because been before
    being both but by can cannot could couldn did didn do does doesn doing don during each else
    exactly for from further get gets got had has have having he her here him his how i if in
    into is isn it its just know let like may me might more most must my no nor not of off on
    only or
    other our ours out over own please same say says shall she should shouldn so some someone
    something such tell than that the their them then there these they this those through to
    too under until up us very was we were what when where which while who whom whose why will
    want wants with won would wouldn you your happen happens happened also re ve ll whether
    itself themselves himself herself ourselves yourself yourselves myself though although unless
    upon via either neither however therefore thus hence yes anyway somehow dont doesnt didnt
    cant wont isnt arent wasnt werent shouldnt wouldnt couldnt per behind since theirs
    underneath beneath
    """
)
#: Verbs that carry no subject in a question ("hoe is dat geregeld", "wie draait op voor").
GENERIC_WORDS = wordlist(
    """
    gaan gaat ging gingen gegaan komen komt kwam kwamen gekomen krijgen krijgt kreeg gekregen
    doen gedaan zitten zit zat staan stond gestaan liggen ligt lag draaien draait draaide
    regelen regelt geregeld organiseren organiseert georganiseerd geven geeft gaf gegeven
    vinden vindt vond gevonden weten weet hoeven hoeft zien ziet gezien zeg vertel uitleggen
    betekent betekenen hebt toegestaan toestaan mogelijk laten laat liet
    do does did done get gets got go goes went gone come comes came handle handled handles
    arranged organised organized mean means meant explain see find thing things allowed allow
    allows permitted permit possible able whats whos thats hows wheres
    pick fit serve receive send move stay pull kick put help hoort horen hoorde look looks looked
    """
)
STOPWORDS = NL_STOPWORDS | EN_STOPWORDS | GENERIC_WORDS
#: Numbers written as words: what a question counts ("the «four» measures"), never its subject.
#: A number word's value: "drie methodes" and "3 methods" say the same number.
NUMBER_VALUES = {
    word: value
    for words_ in (
        "twee drie vier vijf zes zeven acht negen tien elf twaalf",
        "two three four five six seven eight nine ten eleven twelve",
    )
    for value, word in enumerate(words_.split(), start=2)
}
NUMBER_WORDS = frozenset(NUMBER_VALUES)
#: The place of an item in a list ("the «fourth» measure"): no subject of its own.
ORDINAL_WORDS = wordlist(
    "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende laatste"
    " first second third fourth fifth sixth seventh eighth ninth tenth last"
    " 1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 1e 2e 3e 4e 5e 6e 1ste 2de 3de 4de 5de 6de"
)

#: Words that carry no subject of their own: how a question is put ("hoeveel", "how much"),
#: verbs any sentence may use ("loopt", "houdt", "treedt", "mentioned") and words for the kind
#: of answer wanted ("position", "manier"). In a question they are never corrected and never
#: count against a match (a clause without them covers the question as well); a clause that
#: uses them still ranks a little higher (they are ``extra`` terms, see :class:`Term`).
SOFT_WORDS = wordlist(
    """
    hoeveel hoelang hoevaak hoever welk welke wiens waaruit waarvoor waarover waarmee waarbij
    waarin waarop loopt lopen liep liepen houdt houden hield hielden treedt treden trad traden
    noemt noemen noemde genoemd vermeld vermeldt vermelden beschreven beschrijft beschrijven
    staat staan stond stonden bezig precies ongeveer soort manier wijze inhouden inhoud betreft
    betreffen volgens eigenlijk waarschijnlijk verwachting ergens iets iemand welbepaalde
    much many mentioned mention mentions said state states stated described describe
    describes written position positions hold holds held kind sort type way stand stands
    exactly roughly probably likely somewhere somebody anybody regarding concerning according
    hallo hoi hey hi hello dank bedankt alsjeblieft alstublieft thanks thank please mensen
    personen people persons achter ervoor erover ermee erin terecht idee bedoeld bedoelt
    bedoelen heet heten word nog plaats dient dienen diende moment datum minimaal maximaal
    minstens tenminste hoogstens straks binnenkort vaak dikwijls nummer stad dorp plaatsnaam
    nieuw nieuwe
    gewoon gewone allemaal opnieuw terug erop eraan erbij rond rondom echt echte daadwerkelijk
    werkelijk helemaal volledig volledige speciaal speciale specifiek specifieke concreet
    concrete uiteindelijk nogmaals mee periode beslaat beslaan behalve
    iedereen verschillend verschillende aparte betrokken sectoren
    give gives gave given make makes made set sets take takes took date dates minimum
    maximum least most next everything stick sticking forever permanently indefinitely
    list lists pls plz nutshell piece now presently right
    verwacht verwachten richting low lower others well also too rijtje opsommen opsomming
    tonight today tomorrow vanavond vandaag speaking
    besides else anyone someone anything something already try tries count counts asked ask
    clear often frequently number town city new
    actually really specific specifically extensive full fully whole entire basically
    again instead going particular period periods cover covers covered sure apart except
    run runs running reach reaches reached one everyone everybody different various involved
    involvement kinds sorts types separate sector sectors
    officially formally officieel officiele formeel formele ever never quite rather maybe perhaps
    brand big due min max between among amongst tussen dossier another
    bit lot lots stuff anymore nowadays ways steeds alweer inmiddels ondertussen tegenwoordig
    momenteel eventueel eventuele dingen ding ok okay oke klopt kloppen klopte true
    puur destijds toentertijd zin kort context general generally overall plain words
    total totaal altogether turns turned blijkt bleek
    """
)
_STOP_ONLY = {"nl": NL_STOPWORDS - EN_STOPWORDS, "en": EN_STOPWORDS - NL_STOPWORDS}

#: What boards often ask and no shipped agreement settles, each a concept of :data:`GLOSSARY`
#: (the same syntax): the everyday words for them ("members present", "term of office", "public
#: meetings") are no longer read as the agreement's words ("members", "board", "meeting"), and
#: a question about one that its agreement does not name is told the agreement does not say
#: (:data:`TOPICS`), however well its other words match.
TOPIC_GLOSSARY: tuple[tuple[str, str, str], ...] = (
    (
        "quorum",
        "quorum, quorumeis, aanwezigheidsquorum, aanwezig moeten zijn, moeten aanwezig zijn, "
        "minimaal aanwezig, minimum aanwezig, geldig besluit, geldige besluiten, rechtsgeldig "
        "besluit, om te mogen besluiten, om te kunnen besluiten, geldig besluiten",
        "quorum, quorate, inquorate, members present, must be present, need to be present, "
        "have to be present, minimum attendance, valid decision, "
        "valid decisions",
    ),
    (
        "termofoffice",
        "zittingstermijn, zittingstermijnen, zittingsduur, ambtstermijn, herbenoeming, "
        "herbenoemd, herbenoembaar, herkiesbaar, termijn van een bestuurslid, "
        "termijn van de voorzitter, termijn van de vicevoorzitter",
        "term of office, terms of office, reappointed, reappointment, reappoint, re-elected, "
        "re-election, re appointed, appointed for, serve for, serves for, member s term, "
        "board member s term, board members term, members term, length of term, term length, "
        "chair s term, chairs term, vice chair s term",
    ),
    (
        "notice",
        "oproeping, convocatie, van tevoren, vantevoren, tevoren, dagen voor de vergadering, "
        "agenda toegestuurd, agenda verstuurd, agenda rondgestuurd",
        "notice, days before, days in advance, in advance, beforehand, agenda sent, agenda "
        "go out, agenda goes out, send out the agenda, sends out the agenda",
    ),
    (
        "address",
        "adres, adressen, bezoekadres, postadres, straat, postcode, huisnummer",
        "address, addresses, street, postcode, post code, zip code, postal address",
    ),
    (
        "openinghours",
        "openingstijden, openingstijd, openingsuren, geopend, opengaan",
        "opening hours, opening times, office hours, open hours",
    ),
    (
        "salary",
        "salaris, salarissen, bezoldiging, verdient, verdienen, maandloon, uurloon",
        "salary, salaries, remuneration, earn, earns, wage, wages, hourly wage",
    ),
    (
        "liability",
        "aansprakelijk, aansprakelijkheid, aansprakelijkgesteld, schadeclaim, aangeklaagd",
        "liability, liable, sued, lawsuit, damages claim",
    ),
    (
        "proxy",
        "volmacht, volmachten, machtiging, namens mij stemmen, stem overdragen, stem meegeven, "
        "mijn stem geven, vervanger sturen, vervanger meesturen, iemand anders sturen, "
        "laten vervangen, invaller sturen, collega sturen, collega meesturen, "
        "plaatsvervanger sturen",
        "proxy, proxies, vote on my behalf, vote for me, give my vote, pass my vote, transfer my "
        "vote, hand my vote, send a substitute, send a stand-in, send a replacement, "
        "send someone else, send someone in my place, send a deputy, send my deputy, "
        "send a colleague, send my colleague",
    ),
    (
        "dispute",
        "geschil, geschillen, geschillenregeling, geschillencommissie, arbitrage, mediation",
        "dispute, disputes, dispute resolution, arbitration, mediation",
    ),
    (
        "confidentiality",
        "geheimhouding, geheimhoudingsplicht, !vertrouwelijk, !vertrouwelijke, !vertrouwelijkheid",
        "confidentiality, confidential, secrecy, non disclosure",
    ),
    (
        "contactdetails",
        "contactgegevens, contact opnemen, contact op, telefoonnummer, "
        "e-mailadres, emailadres, mailadres",
        "contact details, contact them, contact you, contact the, get in touch, "
        "phone number, telephone number, email address, e-mail address, reach them",
    ),
    (
        "privacy",
        "privacy, persoonsgegevens, gegevensbescherming, avg, persoonlijke gegevens, "
        "gegevens delen, gegevensuitwisseling",
        "privacy, personal data, data protection, gdpr, data sharing, share data, sharing data",
    ),
    (
        "complaint",
        "klacht, klachten, klachtenregeling, klachtenprocedure, bezwaar, bezwaarschrift, "
        "in beroep, beroep aantekenen, beroepsprocedure",
        "complaint, complaints, complaints procedure, grievance, grievances, objection, "
        "appeal, appeals, appealed, appeal against, lodge an appeal",
    ),
    (  # no agreement says what comes after it: "will it be extended after 2026?"
        "extension",
        "verlengen, verlengd, verlenging, verlengt, stilzwijgend verlengd, vervolgovereenkomst, "
        "opvolger",
        # not "extend" alone: "Can the board be extended?" asks whether it may be expanded
        "agreement extended, covenant extended, extend the agreement, extend the covenant, "
        "extension of the agreement, extension of the covenant, renew, renewed, renews, "
        "renewal, successor agreement, follow-up agreement",
    ),
    (
        "email",
        "email, e-mail, per mail, via de mail, mailen, gemaild, schriftelijke ronde",
        "email, e-mail, by email, via email, emails, emailed, written procedure",
    ),
    (
        "minutes",
        "notulen, notuleren, notuleert, notulist",
        "minutes, minute taker, minute taking, takes the minutes, write up the minutes, "
        "writes up the minutes",
    ),
    (
        "sanction",
        "sanctie, sancties, boete, boetes, strafmaatregel, strafmaatregelen",
        "penalty, penalties, sanction, sanctions, fine, fines",
    ),
    (  # a wage subsidy is a reintegration instrument (bot.ask.paraphrases)
        "subsidy",
        # exact: "gesubsidieerde krachten", "subsidised placements" are the people placed
        "!subsidie, !subsidies, subsidieregeling",
        "!subsidy, !subsidies",
    ),
    (
        "openness",
        "openbaar, openbare, openbaarheid, openbare vergadering, openbare vergaderingen, "
        "vergaderingen openbaar, vergadering openbaar, achter gesloten deuren, besloten "
        "vergadering, besloten vergaderingen",
        "public meeting, public meetings, meetings public, open to the public, behind closed "
        "doors, closed session, closed sessions, in camera",
    ),
    (  # no agreement says how a party leaves it: "can a party terminate its participation?"
        # is not about "the end of the calendar year" (Achterhoek, art. 10)
        "withdraw",
        "beeindiging, beeindigen, opzegging, opzeggen, opzegt, opgezegd, uittreden, uittreding, "
        "uitstappen, stapt uit, terugtrekken, trekt zich terug, stoppen met deelnemen, "
        "stopt met deelnemen, opzegtermijn, opzegtermijnen",
        "terminate, terminates, terminated, termination, withdraw, withdraws, withdrawal, "
        "pull out, pulls out, opt out, opts out, stop participating, stops participating, "
        "stop taking part, stops taking part, notice period, notice periods",
    ),
)
#: The concepts of :data:`TOPIC_GLOSSARY` ("Zijn de bestuursvergaderingen «openbaar»?" is not
#: answered by when the board meets).
TOPICS = frozenset(f"@{concept}" for concept, _, _ in TOPIC_GLOSSARY)

#: The bilingual domain glossary: (concept, Dutch entries, English entries). Entries are
#: comma-separated; an entry is a word or a phrase; a word also matches every word with the same
#: stem unless it is marked ``!`` (exact); ``word=a+b`` maps the word to concepts a and b.
GLOSSARY: tuple[tuple[str, str, str], ...] = (
    (
        "chair",
        "voorzitter, voorzitters, voorzitterschap, voorzitster, preses, !baas",
        "chair, chairs, chairman, chairwoman, chairperson, chairmanship, preside, presides, boss",
    ),
    (
        "vicechair",
        "vicevoorzitter, vice voorzitter, plaatsvervangend voorzitter, tweede voorzitter",
        "vice chair, vicechair, vice chairman, vice chairwoman, vice chairperson, "
        "deputy chair, deputy chairman, vice president",
    ),
    ("emptychair", "lege stoel", "empty chair, empty seat"),
    (
        "secretary",
        "secretaris, secretarissen, secretariaat, papierwerk",
        "secretary, secretaries, secretariat, paperwork",
    ),
    (
        "deputy",
        "plaatsvervanger, plaatsvervangend, plaatsvervangende, vervanger, vervanging",
        "deputy, substitute, replacement, stand in",
    ),
    (
        "absent",
        "afwezig, afwezigheid, verhinderd, verhindering",
        "absent, absence, unavailable, away",
    ),
    (
        "vote",
        "stem, stemmen, stemming, stemmingen, stemt, stemde, gestemd, stemrecht, meestemmen, "
        "stemgerechtigd, stemgerechtigde",
        "vote, votes, voting, voted, ballot, ballots",
    ),
    (
        "casting",
        "doorslaggevend, doorslaggevende, beslissend, beslissende, bepalend, bepalende",
        "decisive, casting, deciding, tiebreaker, tie breaker, tie break",
    ),
    (
        "majority",
        "meerderheid, meerderheden, gewone meerderheid, meerderheidsbesluit, meerderheidsregel",
        "majority, majorities, simple majority, majority rule, simple majority rule, majority "
        "decision, majority vote",
    ),
    (
        "consensus",
        "consensus, unaniem, unanieme, unanimiteit, eensgezind, overeenstemming, eens, oneens, "
        "onenigheid, uitkomen, uitkomt, eruit, samen, patstelling, impasse",
        "consensus, unanimous, unanimously, unanimity, !agree, !agrees, disagree, disagrees, "
        "disagreement, reach agreement, reach an agreement, reaches agreement, come to an "
        "agreement, deadlock, deadlocked, stalemate, impasse",
    ),
    (
        "tie",
        "gelijke stand, gelijk aantal, staken, staking, gelijkspel",
        "tie, tied, ties, equal number, split vote, vote is deadlocked, votes are deadlocked, "
        "deadlocked vote, deadlocked votes, vote deadlocked, votes deadlocked",
    ),
    (
        "decision",
        "besluit, besluiten, besluitvorming, beslissen, beslist, beslissing, beslissingen, "
        "besloten, besluitvormingsorganen",
        "decision, decisions, decide, decides, decided, decision making",
    ),
    (
        "mandate",
        "mandaat, mandaten, bevoegdheid, bevoegdheden, zeggenschap, beslissingsbevoegdheid, "
        "overrulen, overruled, terugfluiten, teruggefloten",
        "mandate, mandates, authority, powers, say-so, decision-making power, overrule, "
        "overrules, overruled, override, overrides",
    ),
    (
        "meeting",
        "vergadering, vergaderingen, vergaderen, vergadert, vergaderd, vergaderde, vergader, "
        "bijeenkomst, bijeenkomsten, bijeenkomen, vergaderfrequentie=meeting+frequency, "
        "vergaderritme=meeting+frequency",
        "meeting, meetings, meet, meets, convene, convenes, session, sessions",
    ),
    (
        "frequency",
        "frequentie, ritme, regelmaat, vaak, dikwijls, keer, keren",
        "frequency, rhythm, often, !regularly, cadence, once, twice, times",
    ),
    ("quarter", "kwartaal, kwartalen", "quarter, quarters, quarterly"),
    ("month", "maand, maanden, maandelijks", "month, months, monthly"),
    (
        "year",
        "jaar, jaren, jaarlijks, jaarlijkse, kalenderjaar",
        "year, years, yearly, annual, annually, calendar year",
    ),
    (
        "report",
        "verslag, verslagen, rapportage, rapporteren, rapport, jaarverslag=report+year",
        "report, reports, reporting",
    ),
    ("accountability", "verantwoording, verantwoorden", "accountability, accountable"),
    (
        "evaluation",
        "evaluatie, evaluaties, evalueren, evalueert, geevalueerd, evaluatiemoment, "
        "terugkijken, terugblikken, terugblik",
        "evaluation, evaluations, evaluate, evaluates, evaluated, look back",
    ),
    (
        "wagevalue",
        "loonwaarde, loonwaardemeting, loonwaardebepaling=wagevalue+assessment",
        "wage value, wage values, wage capacity",
    ),
    ("assessment", "bepaling, vaststelling, meting", "assessment, determination, determining"),
    (
        "delegation",
        "geleding, geledingen, vertegenwoordiging, vertegenwoordigingen, delegatie",
        "delegation, delegations, representation, bloc, blocs, representatives, reps",
    ),
    (
        "employer",
        "werkgever, werkgevers, werkgeversorganisatie, werkgeversorganisaties, "
        "werkgeversvertegenwoordiging, werkgeversvereniging, werkgeversverenigingen, "
        "werkgeversfederatie, ondernemersvereniging, ondernemers, bedrijfsleven, bedrijven, mkb, "
        "vno ncw",
        "employer, employers, business, businesses, business community, vno ncw, "
        "employers organisation, employers organisations, employer organisation, "
        "employer organisations, employers organization, employers organizations, "
        "employers association, employers federation, business association",
    ),
    (
        "employee",
        "werknemer, werknemers, werknemersorganisatie, werknemersorganisaties, "
        "werknemersvertegenwoordiging, vakbond, vakbonden, fnv, cnv",
        "employee, employees, union, unions, trade union, trade unions, fnv, cnv, "
        "employees organisation, employees organisations, employee organisation, "
        "employee organisations, employees organization, employees organizations",
    ),
    (
        "municipality",
        "gemeente, gemeenten, gemeentes, gemeentelijk, gemeentelijke",
        "municipality, municipalities, municipal",
    ),
    (
        "council",
        "gemeenteraad, gemeenteraden, raad, raden, raadsleden, raadslid",
        "council, councillors, councilors, council members",
    ),
    (
        "portfolio",
        "portefeuillehouder, portefeuillehouders, wethouder, wethouders, politicus, politici",
        "portfolio holder, portfolio holders, alderman, aldermen, politician, politicians",
    ),
    ("executive", "college, colleges", "executive, executives"),
    (
        "education",
        "onderwijs, beroepsonderwijs, school, scholen, roc, mbo",
        "education, vocational, school, schools, roc",
    ),
    ("seat", "zetel, zetels, stoel, stoelen, plek, plekken", "seat, seats, !sit, !sits, !sitting"),
    (
        "member",
        "lid, !leden, lidmaatschap",
        "member, members, membership",
    ),
    (
        "boardmember",
        "bestuurslid, bestuursleden, bestuurleden, bestuurder, bestuurders",
        "board member, board members",
    ),
    (
        "advisor",
        "adviseur, adviseurs, adviseren, adviseert, deskundige, deskundigen, expert, experts",
        "advisor, advisors, adviser, advisers, expert, experts",
    ),
    ("board", "bestuur, besturen, bestuurlijk, bestuurlijke, aan tafel", "board, boards"),
    (
        "costs",
        "kosten, kost, financien, financiering, financieel, "
        "financiele, begroting, budget, geld, betalen, betaalt, betaald, bekostiging, middelen, "
        "potje, potjes",
        "cost, costs, expenses, expense, pay, pays, paid, paying, funding, finance, finances, "
        "financial, budget, money, funds",
    ),
    ("tasks", "taak, taken, takenpakket", "task, tasks, duties"),
    (
        "displacement",
        "verdringing, verdringen, verdrongen, wegdrukken, weggedrukt, wegconcurreren, "
        "reguliere banen, reguliere werknemers, reguliere arbeid",
        "displacement, displace, displaced, displacing, crowd out, crowding out, push out, "
        "pushed out, regular staff, regular workers, regular jobs, regular employees",
    ),
    (
        "settlement",
        "verrekening, verrekenen, verrekend, afrekenen, afrekening, doorbelasten, doorberekenen",
        "settlement, settle, settled, settling, recharge, recharged, offset, charge each other, "
        "invoice each other, bill each other, compensate each other, reimburse each other, "
        "compensate, compensates, compensated",
    ),
    (
        "temporary",
        "tijdelijk, tijdelijke, voor een periode, voor een tijdje, een tijdje",
        "temporary, temporarily, for a while, for a time, for a period",
    ),
    (
        "influence",
        "invloed, inspraak, zeggenschap, meepraten, meebeslissen, meebepalen",
        "influence, have a say, having a say, a say, voice, input",
    ),
    ("autonomy", "autonomie, zelfstandigheid, zelfstandig", "autonomy, independence, grip"),
    ("role", "rol, rollen", "role, roles"),
    (
        "start",
        "ingangsdatum, ingang, aanvang, inwerkingtreding, begint, begon, ingaan, opent, openen, "
        "geopend, opening, starten, startte, startten, gestart",
        "commencement, commences, commence, start, starts, started, begin, begins, force, "
        "opens, opening, opened",
    ),
    (
        "end",
        "einde, eind, einddatum, eindigt, eindigen, afloop, verloopt, vervalt, looptijd",
        "end, ends, ending, end date, expire, expires, expiry, expiration, duration, lapse",
    ),
    *TOPIC_GLOSSARY,
    # "Toelichting voor de openbare besluitenlijst": the list is public, not the meetings
    (
        "decisionlist",
        "besluitenlijst, openbare besluitenlijst",
        "decision list, public decision list",
    ),
    ("validity", "geldt, geldig, geldigheid", "valid, validity, applies, apply, applied"),
    (
        "legal",
        "rechtspersoonlijkheid, rechtspersoon, juridisch, juridische, stichting, stichtingen, "
        "entiteit",
        "legal, legally, legal personality, legal entity, entity, entities, foundation",
    ),
    (
        "jobsagreement",
        "banenafspraak, baanafspraak, baanafspraken, garantiebanen",
        "jobs agreement, job agreement, jobs agreements, guaranteed jobs",
    ),
    (
        "disability",
        "arbeidsbeperking, arbeidsbeperkingen, beperking, handicap",
        "disability, disabilities, disabled, handicap, impairment",
    ),
    ("targetgroup", "doelgroep, doelgroepen", "target group, target groups"),
    ("jobseeker", "werkzoekende, werkzoekenden", "jobseeker, jobseekers, job seeker, job seekers"),
    ("vacancy", "vacature, vacatures", "vacancy, vacancies"),
    ("services", "dienstverlening", "services, service"),
    ("marketplan", "marktbewerkingsplan, marktbewerking", "market approach plan, market approach"),
    ("reintegration", "reintegratie, re integratie", "reintegration, re integration"),
    (
        "outcome",
        "effect, effecten, resultaat, resultaten, opleveren, oplevert, !bereiken, !bereikt",
        "effect, effects, result, results, outcome, outcomes, deliver, delivers, achieve, achieves",
    ),
    (
        "execute",
        "uitvoering, uitvoeren, uitvoert, uitgevoerd, voert uit, voeren uit",
        "implementation, implement, implements, implemented, carry out, carries out, "
        "carried out, execute, executes, executed, execution",
    ),
    ("instrument", "instrument, instrumenten", "instrument, instruments, tools"),
    (
        "parties",
        "partij, partijen, deelnemers, deelnemer, deelnemende, deelnemen, deelname, meedoen, "
        "!organisaties, !instanties",
        "party, parties, participants, participant, participating, participate, take part, "
        "!organisations, !organizations",
    ),
    (
        "merge",
        "samenvoeging, samenvoegen, samengevoegd, fusie, fuseren, fuseert, opgaan",
        "merge, merger, merges, merged, merging, amalgamation",
    ),
    (
        "signature",
        "ondertekening, ondertekend, ondertekenen, handtekening, handtekeningen, getekend, "
        "ondertekenaars",
        "signature, signatures, signed, sign, signatory, signatories",
    ),
    (
        "amend",
        "wijzigen, wijziging, wijzigingen, aanpassen, aanpassing, aanpassingen, aanvullen, "
        "aangevuld",
        "amend, amended, amendment, amendments, change, changes, modify, adjust, supplement, "
        "update, updated, revision, revised",
    ),
    (
        "explanation",
        "toelichting, toelichten, uitleg, uitleggen, informatiebijeenkomst=explanation+meeting",
        "explanation, explanatory, explain, explained, briefing=explanation+meeting, "
        "briefings=explanation+meeting, information session=explanation+meeting",
    ),
    (
        "responsible",
        "verantwoordelijk, verantwoordelijkheid, aan het roer, de leiding",
        "responsible, responsibility, in charge, accountable",
    ),
    (
        "agreement",
        "overeenkomst, convenant, samenwerkingsovereenkomst, afspraken",
        "agreement, agreements, covenant, contract, deal, deals",
    ),
    (
        "dissolve",
        "opheffen, opheffing, opgeheven, afschaffen, afschaffing, afgeschaft, ontbinden, "
        "ontbinding, ontbonden, verdwijnen, verdwijnt",
        "dissolve, dissolved, dissolution, abolish, abolished, abolition, close down, "
        "closed down, closing down, scrap, scrapped, wind up, wound up, disband, disbanded, "
        "disappear, disappears",
    ),
    (
        "persuade",
        "verleiden, overhalen, overtuigen, aansporen, aanmoedigen, stimuleren, stimulering",
        "persuade, persuading, convince, convincing, encourage, encouraging, urge, stimulate, "
        "stimulating, motivate",
    ),
    (
        "employment",
        "werkgelegenheid, in dienst nemen, in dienst neemt, indiensttreding",
        "employment, employ, employs, hire, hires, hired, hiring, recruit, recruits, take on",
    ),
    (
        "cooperation",
        "samenwerking, samenwerken, samenwerkingsverband",
        "cooperation, cooperate, partnership, collaboration",
    ),
    ("werkcentrum", "werkcentrum", "werkcentrum, work centre, work center"),
    (
        "location",
        "locatie, vestiging, gevestigd, hoofdlocatie, inlooppunt, inlooplocatie, gebouw, pand",
        "location, located, walk in, drop in, based, situated, headquartered, building, premises",
    ),
    ("region", "regio, regionaal, regionale", "region, regional"),
    (
        "binding",
        "bindend, bindende, afdwingbaar, afdwingbare, hard, harde",
        "binding, enforceable, hard",
    ),
    (
        "joint",
        "gezamenlijk, gezamenlijke, gemeenschappelijk, gemeenschappelijke, gedeeld, gedeelde",
        "joint, shared, common, combined",
    ),
    ("website", "website, websites, online, internet", "website, websites, online"),
    ("each", "elk, elke, ieder, iedere", "each, every"),
    (
        "servicepoint",
        "werkgeversservicepunt, werkgeversservicepunten, wsp",
        "employer service point, employers service point, employer services point, "
        "werkgeversservicepunt, wsp",
    ),
    (
        "prevent",
        "voorkomen, voorkomt, tegengaan, tegengegaan, vermijden, vermijdt",
        "prevent, prevents, prevented, preventing, avoid, avoids, counteract",
    ),
    (
        "management",
        "aansturing, aansturen, aanstuurt, beheer, beheren, beheert",
        "!manage, !manages, !managed, !managing, !management, steer, steers, steering, !kept",
    ),
    ("uwv", "uwv", "uwv"),
    ("labourmarket", "arbeidsmarkt", "labour market, labor market"),
    (
        "law",
        "wet, wetten, wettelijk, wettelijke, wetgeving, wettelijke taak",
        # an Act by its name: "acts" alone is also a verb ("who acts on behalf of ...")
        "law, statutory, legislation, suwi act, participation act, employment act, "
        "implementation act, legal obligation, legal requirement, legally required, "
        "required by law, legal duty, statutory task",
    ),
)

#: Everyday words a question may use that the agreements do not: known, so never "corrected"
#: into a word of the agreements (they still count as words the agreements cannot answer).
COMMON_WORDS = wordlist(
    """
    aanvraag aanvragen adres afspraak alleen antwoord april auto augustus bedrag bedrijf begin
    beginnen bekend belangrijk bellen bericht beste betalen bezig bijna binnen blijven blijft
    boek bonus boven brief buiten cadeau dag dagen dank december denken denkt deel direct dokter
    duidelijk echt eerder eerst eigen elkaar email euro eten familie februari feest fiets film
    foto geld geleden genoeg gewoon gisteren goed groot grote half hand helpen hoofdstad hond
    huis idee iedereen januari juli juni kantoor kat keer kind kinderen klein klopt koffie kopen
    kort laat land lang laten later leggen leuk leven lezen liever lijst lunch maand maart mail
    mei mensen minder minuut misschien morgen naam natuurlijk nieuw nieuwe nodig november nummer
    ochtend oktober oud ouders parkeren pagina papier praten probleem regel regels reis reizen
    salaris school schrijven september snel soms spelen stad steeds straat tafel telefoon tijd
    trein twee uur vader vakantie vallen vanavond vast verdienen verdient vergeten verhaal
    verkeerd vertellen vlak voetbal vraag vragen vriend vrouw wachten wedstrijd week weer weten
    wereld werken winkel woord zeker zetten zien zoeken zondag maandag dinsdag woensdag donderdag
    vrijdag zaterdag weekend gewonnen winnen verloren hoofd ziek beter slecht mooi koud warm
    about across actually add age ago air allow already always amount answer anyway area
    around ask away back bad bank bar base bear become bed begin behind believe best better big
    bill bit black blue body bonus book boss bottom box boy break bring brother build building
    buy call car care carry case cat cause change check child city class clear close coffee cold
    company computer country course cover create cup cut dark data daughter day dead deal dear
    deep degree develop die difference different dinner doctor dog door down draw dream drink
    drive drop early earn earns east easy eat economy edge eight either email enjoy enough enter
    evening event ever example expect experience eye face fact fall family far fast father fear
    feel few field fight figure file fill film final fine finish fire first fish five floor fly
    follow food foot football forget form forward four free friend front full fun game garden
    general girl give glass goal great green ground group grow guess hair half hall hand hang
    happy hard hat head health hear heart heat heavy hello help high hill history hit hold
    holiday home hope horse hospital hot hotel hour house huge human hundred husband idea image
    imagine important include increase indeed inside interest issue item job join joke keep key
    kid kind king kitchen lady land language large last late later laugh lay learn least leave
    left leg less letter level lie life light likely line list listen little live local long
    look lose lot love low lunch machine main man many market match matter mean measure memory
    middle mind minute miss model moment month morning mother move movie music name nation
    natural near never news next nice night nobody north note nothing notice number office oil
    old open order outside page pain paper parent park part pass past peace people perhaps
    person phone pick picture piece place plant play player point police poor popular position
    possible pound power present pretty price private probably problem process program property
    provide public pull purpose push put question quick quite race rain raise range rate rather
    reach read ready real reason receive recent record red remember rest result return rich ride
    right ring rise road rock room round rule rules run safe salary sale save science sea season
    second seem sell sense serious serve set seven shake share ship shoe shop short shot show
    side simple since sing single sister site six size skill sleep small smile social soft son
    song soon sorry sort sound south space speak special spend sport spring staff stage stand
    star state stay step stick still stock stop store story street strong student study stuff
    style subject success summer sun support sure table talk tax tea teach team teacher ten term
    test thank think third thousand three time tiny today together tomorrow tonight top total
    touch town trade train travel treat tree trip trouble true truth try turn type understand
    unit upon usual various view visit voice wait walk wall war watch water way wear weather
    week weight welcome well west whatever white whole wide wife win wind window winter wish
    woman wonder word work world worry write wrong yeah yes yesterday young won lost capital
    """
)

#: Parts of Dutch compounds that the agreements may not use on their own.
DOMAIN_PARTS = wordlist(
    """
    loon waarde jaar verslag werk gever gevers nemer nemers dienst verlening markt arbeid regio
    bestuur vergader frequentie ritme overeenkomst samenwerking plan kosten reis uitvoering
    bepaling meting methode termijn datum eind begin ingang stem voorzitter secretaris zetel
    geleding besluit vorming beleid gemeente raad college agenda afspraak banen plaats baan
    """
)

#: The last parts of Dutch compounds that only say whose: "werkgeverskant" and
#: "vakbondsmensen" are the employers and the unions, "bijlagenummer" the annex's number; the
#: word before them is the subject.
LIGHT_HEADS = ("kant", "zijde", "mensen", "personen", "nummer")

#: Dutch separable verbs: a form of the verb -> (particle, verb); the particle later in the
#: same sentence makes the verb ("het verband gaat op 1 januari in" -> "ingaan").
_SEPARABLE_VERBS: tuple[tuple[str, str, str], ...] = (
    ("zit zat zitten", "voor", "voorzitten"),
    ("neemt nemen nam namen", "over", "overnemen"),
    ("neemt nemen nam namen", "waar", "waarnemen"),
    ("neemt nemen nam namen", "deel", "deelnemen"),
    ("komt komen kwam kwamen", "bijeen", "bijeenkomen"),
    ("komt komen kwam kwamen", "samen", "samenkomen"),
    ("loopt lopen liep liepen", "af", "aflopen"),
    ("gaat gaan ging gingen", "in", "ingaan"),
    ("gaat gaan ging gingen", "op", "opgaan"),
    ("doet doen deed deden", "mee", "meedoen"),
    ("treedt treden trad traden", "af", "aftreden"),
)
SEPARABLE: dict[str, dict[str, str]] = {}
for _forms, _particle, _verb in _SEPARABLE_VERBS:
    for _form in _forms.split():
        SEPARABLE.setdefault(_form, {})[_particle] = _verb
_SENTENCE_BREAK = re.compile(r"[.;:!?\n]")
#: Words that begin a new clause after a particle ("stelt de agenda vast «en» ...").
_CLAUSE_JOINS = frozenset({"en", "of", "maar", "om", "dat"})
#: The particles of Dutch separable verbs ("stuurt ... aan" is "aansturen"): a verb form that one
#: of them follows in the sentence is also read as the particle joined to the verb's lemma, when
#: the agreements use that verb (:meth:`Analyzer.query`).
PARTICLES = wordlist("aan af bij door in mee na om op over terug toe uit voor weg samen vast")
#: What leads a separable verb's "te" form ("deel te nemen", "op te zeggen"): the particles and a
#: few nouns, but not "om" ("om te ...": the infinitive's "in order to").
TE_PARTICLES = (PARTICLES - {"om"}) | wordlist("deel plaats bijeen voort stand")


def separable_verbs(found: Sequence[Word], text: str) -> dict[int, str]:
    """{position of a verb form: the separable verb} where its particle follows in the sentence."""
    out: dict[int, str] = {}
    for i, word in enumerate(found):
        particles = SEPARABLE.get(word.text)
        if not particles:
            continue
        for j in range(i + 1, min(len(found), i + 9)):
            if _SENTENCE_BREAK.search(text, found[j - 1].end, found[j].start):
                break
            verb = particles.get(found[j].text)
            if verb is not None:
                out[i] = verb
                break
    return out


Concepts = tuple[str, ...]


class Thesaurus:
    """Words and phrases of both languages mapped to shared concepts (``@name``)."""

    def __init__(
        self, entries: Iterable[tuple[str, str, str]], *, drop_stopwords: bool = True
    ) -> None:
        self.surface: dict[str, dict[str, Concepts]] = {lang: {} for lang in LANGS}
        self.stems: dict[str, dict[str, Concepts]] = {lang: {} for lang in LANGS}
        self.phrases: dict[str, dict[tuple[str, ...], Concepts]] = {lang: {} for lang in LANGS}
        #: Phrases that need their small words ("for a while", "have a say", "take on"): by
        #: the stems of all their words, matched on a text's every word.
        self.full_phrases: dict[str, dict[tuple[str, ...], Concepts]] = {lang: {} for lang in LANGS}
        stem_votes: dict[str, dict[str, set[Concepts]]] = {lang: {} for lang in LANGS}
        for concept, nl_entries, en_entries in entries:
            for lang, text in (("nl", nl_entries), ("en", en_entries)):
                for item in text.split(","):
                    self._add(item.strip(), concept, lang, drop_stopwords, stem_votes[lang])
        for lang in LANGS:
            for word_stem, votes in stem_votes[lang].items():
                if len(votes) == 1:  # a stem shared by two concepts matches by surface only
                    self.stems[lang][word_stem] = next(iter(votes))
        self.longest = max(
            (
                len(k)
                for table in (self.phrases, self.full_phrases)
                for p in table.values()
                for k in p
            ),
            default=1,
        )

    def _add(
        self,
        item: str,
        concept: str,
        lang: str,
        drop_stopwords: bool,
        stem_votes: dict[str, set[Concepts]],
    ) -> None:
        exact = item.startswith("!")
        phrase, _, override = item.lstrip("!").partition("=")
        concepts = tuple(f"@{c}" for c in (override.split("+") if override else [concept]))
        parts = [w.text for w in words(phrase)]
        kept = [w for w in parts if w not in STOPWORDS]
        if drop_stopwords and len(parts) > 1 and len(kept) < 2:
            # "for a while" is not "while", "take on" not "take": the phrase as it stands
            self.full_phrases[lang][tuple(stem(w, lang) for w in parts)] = concepts
            return
        if drop_stopwords and len(parts) > 1 and any(w in SOFT_WORDS for w in parts):
            # "«set» in stone": a question is read without its soft words, so the phrase is
            # also matched as it stands, on all the words
            self.full_phrases[lang][tuple(stem(w, lang) for w in parts)] = concepts
        if drop_stopwords:
            parts = [w for w in parts if w not in STOPWORDS]
        if len(parts) == 1:
            word = parts[0]
            self.surface[lang][word] = _merge(self.surface[lang].get(word, ()), concepts)
            if not exact:
                stem_votes.setdefault(stem(word, lang), set()).add(concepts)
        elif parts:
            self.phrases[lang][tuple(stem(w, lang) for w in parts)] = concepts

    def word(self, word: str, lang: str) -> Concepts | None:
        """The concepts of one folded word in ``lang``: by spelling, else by stem."""
        found = self.surface[lang].get(word)
        if found is None:
            found = self.stems[lang].get(stem(word, lang))
        return found

    def phrase_at(self, stems: Sequence[str], i: int, lang: str) -> tuple[int, Concepts] | None:
        """The longest phrase of ``lang`` starting at ``stems[i]``: (its length, its concepts)."""
        table, full = self.phrases[lang], self.full_phrases[lang]
        for n in range(min(self.longest, len(stems) - i), 1, -1):
            key = tuple(stems[i : i + n])
            found = table.get(key) or full.get(key)  # the latter only where small words count
            if found is not None:
                return n, found
        return None

    def full_phrases_in(
        self, found: Sequence[Word], text: str, lang: str
    ) -> list[tuple[int, int, Concepts]]:
        """The phrases with small words in ``found`` (a text's every word, in ``lang``):
        (first position, length, concepts), left to right, longest first; never across the end
        of a sentence ("the parties take. On 1 January" holds no "take on")."""
        table = self.full_phrases[lang]
        if not table:
            return []
        stems = [stem(w.text, lang) for w in found]
        out: list[tuple[int, int, Concepts]] = []
        i = 0
        while i < len(stems):
            for n in range(min(self.longest, len(stems) - i), 1, -1):
                key = tuple(stems[i : i + n])
                if key not in table or _SENTENCE_BREAK.search(
                    text, found[i].end, found[i + n - 1].start
                ):
                    continue
                out.append((i, n, table[key]))
                i += n
                break
            else:
                i += 1
        return out

    def vocabulary(self) -> Iterator[str]:
        """Every single word the thesaurus knows, in either language."""
        for lang in LANGS:
            yield from self.surface[lang]
        for lang in LANGS:
            for key in self.phrases[lang]:
                yield from key
            for key in self.full_phrases[lang]:
                yield from (w for w in key if w not in STOPWORDS)


def _merge(a: Concepts, b: Concepts) -> Concepts:
    return a + tuple(c for c in b if c not in a)


@cache
def glossary() -> Thesaurus:
    """The domain glossary with the partners' everyday words (:mod:`bot.ask.paraphrases`),
    compiled once, and kept on disk between processes (compiling it takes about 15 ms of a
    cold ``werkbot ask``; loading it back about 1 ms)."""
    return kept("glossary", glossary_key(), _compile_glossary, Thesaurus, log)


def _compile_glossary() -> Thesaurus:
    return Thesaurus(GLOSSARY + PARAPHRASES)


def glossary_key() -> str:
    """A digest of what the glossary is compiled from: this module and the paraphrases (the
    words, the stopwords and the code), the stemmer's library and Python."""
    digest = hashlib.sha256(sys.version.encode())
    for path in (Path(__file__), Path(paraphrases.__file__)):
        digest.update(path.read_bytes())
    library = Path(Stemmer.__file__).stat()
    digest.update(f"{library.st_size}:{library.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def question_language(question: str, hint: str) -> str:
    """The language a question is written in: the one more of its words belong to alone (its
    stopwords, its glossary words); ``hint`` (the person's setting) when neither has more.
    Light: no index, so ``werkbot ask`` and a private chat know it before any search."""
    return words_language(word_texts(question[:MAX_QUESTION]), hint)


def words_language(found: Iterable[str], hint: str) -> str:
    """:func:`question_language` of a question's folded words."""
    counts = dict.fromkeys(LANGS, 0)
    for word in found:
        for lang in LANGS:
            mine = word in _STOP_ONLY[lang] or word in glossary().surface[lang]
            theirs = word in _STOP_ONLY[other(lang)] or word in glossary().surface[other(lang)]
            counts[lang] += mine and not theirs
    nl, en = counts["nl"], counts["en"]
    return "nl" if nl > en else "en" if en > nl else hint


@cache
def _swapped_stopwords() -> frozenset[str]:
    """The small words of three letters or more with two neighbouring letters swapped ("teh",
    "adn", "waht"): a typo of a word that carries no subject, which the speller (4 letters or
    more, known words only) leaves alone. A real word ("wei" for "wie") is read as itself."""
    return (
        frozenset(
            f"{w[:i]}{w[i + 1]}{w[i]}{w[i + 2 :]}"
            for w in STOPWORDS
            if len(w) >= 3
            for i in range(len(w) - 1)
            if w[i] != w[i + 1]
        )
        - STOPWORDS
    )


def typo_limit(word: str) -> int:
    """How many edits a query word may be away from the word meant: 0, 1 (4+ letters), 2 (8+)."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


class Speller:
    """Maps an unknown word to the closest known one.

    The closest word has the same first letter and the fewest edits (at most
    :func:`typo_limit`; the optimal string alignment distance of rapidfuzz, which counts a swap
    of two neighbours as one edit), then the highest frequency, then comes first
    alphabetically. It is looked for among the known words of 4 or more letters (only letters)
    with that first letter and a length within the limit: one call of
    ``rapidfuzz.process.extract`` over a few dozen words, a few microseconds per unknown word,
    and nothing to build beforehand but those groups. rapidfuzz is imported on the first
    correction, so a command-line answer without a typo does not pay for it.
    """

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self.frequencies = frequencies
        self._groups: dict[tuple[str, int], list[str]] | None = None

    def _by_first_letter_and_length(self) -> dict[tuple[str, int], list[str]]:
        if self._groups is None:
            groups: dict[tuple[str, int], list[str]] = {}
            for word in self.frequencies:
                if len(word) >= 4 and word.isalpha():
                    groups.setdefault((word[0], len(word)), []).append(word)
            self._groups = groups
        return self._groups

    def warm_up(self) -> None:
        """Group the known words (and import rapidfuzz) now rather than on the first typo."""
        self._by_first_letter_and_length()
        _fuzzy()

    def correct(self, word: str, real: bool = False) -> str | None:
        """The known word meant by ``word``, or None (too short, known, or nothing close).

        A ``real`` word (one the language has, just not the agreements) is read as a typo of
        a word one edit away only: "verzekering" is not a misspelt "verbetering"."""
        if real and len(word) < 5:
            return None  # "bord", "data": words of their own, not typos
        limit = min(typo_limit(word), 1) if real else typo_limit(word)
        if limit == 0 or len(word) > 24 or word in self.frequencies or not word.isalpha():
            return None
        groups = self._by_first_letter_and_length()
        # typos rarely hit the first letter; real words do
        candidates = [
            candidate
            for length in range(len(word) - limit, len(word) + limit + 1)
            for candidate in groups.get((word[0], length), ())
        ]
        process, osa = _fuzzy()
        found = process.extract(word, candidates, scorer=osa, score_cutoff=limit, limit=None)
        if not found:
            return None
        best = min(found, key=lambda hit: (hit[1], -self.frequencies[hit[0]], hit[0]))
        return str(best[0])


@cache
def _fuzzy() -> tuple[Any, Any]:
    """rapidfuzz's ``process`` module and its optimal string alignment distance."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return process, OSA.distance


def split_compound(word: str, lexicon: Container[str], min_part: int = 4) -> list[str] | None:
    """A Dutch compound as its known parts, longest head first, or None.

    "loonwaardebepaling" -> ["loonwaarde", "bepaling"]; "arbeidsmarkt" -> ["arbeid", "markt"]
    (the linking "s" dropped). The tail must be a known word or itself a compound.
    """
    for cut in range(len(word) - min_part, min_part - 1, -1):
        head, tail = word[:cut], word[cut:]
        if head in lexicon:
            pass
        elif head[-1] == "s" and head[:-1] in lexicon and len(head) > min_part:
            head = head[:-1]
        else:
            continue
        if tail in lexicon:
            return [head, tail]
        rest = split_compound(tail, lexicon, min_part) if len(tail) >= 2 * min_part else None
        if rest:
            return [head, *rest]
    return None


#: Query weights: a glossary word's own stem beside its concept, a corrected typo, and the
#: parts of a compound beside the whole word.
OWN_WORD = 0.5
CORRECTED = 0.7
#: What of a corrected word still counts against a match: a question with three typos
#: ("wich wage valeu methods are alowed") is not a question about something else.
TYPO_DOUBT = 0.1
PART = 0.5
PAIR = 0.5
SOFT = 0.3


def pair(a: str, b: str) -> str:
    """The term of two neighbouring words."""
    return f"~{a}+{b}"


@dataclass(frozen=True, slots=True)
class Unit:
    """Words ``first``..``last`` of a text (indices into :func:`words`) and their terms."""

    first: int
    last: int
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Term:
    """A query term with its weight; ``term`` is ``?word`` for a word nothing knows.

    An ``extra`` term (a glossary word's own stem, a compound's part) adds to a clause's score
    but not to what the question could score at most: it rewards the exact wording without
    making a question of glossary words look longer than it is.
    """

    term: str
    weight: float
    extra: bool = False
    #: The question's word a term of the question's language reads ("expected" for
    #: "en:expect"): see :meth:`Analyzer.is_verb`.
    source: str | None = None


#: What a question's context may weigh: "Ik ben net wethouder geworden. Is het Werkbedrijf een
#: rechtspersoon?", "I run the UWV office here - who represents UWV?" The sentence before the
#: question says who asks or why; its words rank a line a little, at this share of their
#: weight, and a word of it the agreements do not know does not count against a match. 0.3
#: since the twelfth session (0.5 before): with more remarks split off (a remark before two
#: questions, "Ik ben jobcoach. Wat doet «dat» werkbedrijf?"), "Prepping the agenda: from what
#: date did the partnership begin?" quoted the development agenda before the start date;
#: over the read sets, each left out, 0.25-0.35 gained 3-4 answers per language (no context
#: at all lost 15 in Dutch).
CONTEXT = 0.3
#: How many words of its own (see :func:`_own_words`) a question must hold for what is said
#: around it to be its context ...
CONTEXT_OWN = 1
#: ... and how many when it points back ("Het ISWI: wat gebeurt «ermee»?" needs what came
#: before; "Has «this» Werkbedrijf been running since 2014, or did «it» start later?" does not).
POINTER_OWN = 2
#: What the known words of a yes/no question's alternative weigh (see
#: :func:`alternative_split`), and how many words of its own the question must hold before it.
#: Its words no agreement knows never count against a match.
ALTERNATIVE_OWN = 2
ALTERNATIVE = 1.0

#: The words that ask what, who, where, when, why, which ("ik ben secretaris, «wanneer» ...").
_WH_WORDS = wordlist(
    "wie wat hoe wanneer waar waarom welke welk hoeveel waarvoor waarmee"
    " who what how when where why which whose whom"
)
#: The verbs a yes/no question opens with.
_ASKING_VERBS = wordlist(
    "is zijn heeft hebben kan kunnen mag mogen moet moeten wordt worden klopt"
    " does do did are was were can could may must has have will would should"
)
#: Where a question's context ends: a sentence's end, a colon, a dash between spaces, a comma
#: before a question word.
_CONTEXT_END = re.compile(
    r"(?<=[.!?:;])\s+|\s+[-\u2013\u2014]+\s+"
    # a comma before a question word, or before "but" and a word that asks ("Ik zit hier
    # namens een school, «maar heeft» het onderwijs een plek?")
    rf"|,\s+(?=(?:{'|'.join(sorted(_WH_WORDS))})\b)"
    rf"|,\s+(?=(?:maar|but)\s+(?:{'|'.join(sorted(_WH_WORDS | _ASKING_VERBS))})\b)",
    re.IGNORECASE,
)
#: Words that open a question (a part opening with one is no context): the question words and
#: the verbs a yes/no question opens with.
_ASKING = _WH_WORDS | _ASKING_VERBS
#: Words before a question word that asks ("«Tot» wanneer ...", "«By» when ...").
_BEFORE_ASKING = wordlist(
    "tot vanaf sinds voor door met in op over bij naar van uit aan"
    " to by for from on with since until till at of about into"
)
#: Words that join a question to the one before it ("«En» hoe vaak ...").
_JOINS = wordlist("en and maar but dus so of or ok oke")
#: Words with which a question points back at its context ("The Werkcentrum: who pays for
#: «it»?"): the context is then what it asks about, and stays part of the question.
_POINTERS = wordlist(
    "it its that this these those they them one dat dit die deze daar daarvan daarover"
    " daarvoor hiervan hierover hiervoor ervan erover ermee eraan erop erin erbij ervoor"
)


def asks(piece: str) -> bool:
    """Whether a piece of a message asks: it ends in a question mark or opens with a question
    word ("wie ...", "how ...")."""
    if piece.rstrip().endswith("?"):
        return True
    found = [w.text for w in words(piece)[:3]]
    if found and found[0] in _JOINS:  # "En hoe vaak ...", "And who ..."
        found = found[1:]
    if len(found) > 1 and found[0] in _BEFORE_ASKING and found[1] in _WH_WORDS:
        found = found[1:]  # "Tot wanneer ...", "Voor wie ...", "In which year ..."
    return bool(found) and found[0] in _ASKING


@lru_cache(maxsize=4096)
def context_split(question: str) -> tuple[str, str]:
    """(the question asked, its context): when some pieces of ``question`` ask (see
    :func:`asks`) and the pieces before or after them do not ("Ik ben net wethouder geworden.
    «Is het Werkbedrijf een rechtspersoon?»", "«When was the covenant signed?» need it for a
    memo", "ik ben secretaris, «wanneer ...»", "Ik ben jobcoach. «Wat doet het, wat zijn de
    taken?»"), the asking pieces (from the first to the last) are the question and the others
    its context, provided the question holds a word of its own (two when it points back).
    Otherwise (``question``, "")."""
    text = question.strip()
    pieces: list[tuple[int, int]] = []  # (start, end) of each piece in ``text``
    at = 0
    for m in _CONTEXT_END.finditer(text):
        pieces.append((at, m.start()))
        at = m.end()
    pieces.append((at, len(text)))
    pieces = [(a, b) for a, b in pieces if text[a:b].strip()]
    asking = [i for i, (a, b) in enumerate(pieces) if asks(text[a:b])]
    if not asking or len(asking) == len(pieces):
        return question, ""
    # several questions in a row ("Ik ben jobcoach. «Wat doet het, wat zijn de taken?»") are
    # asked together; what is said before and after them is their context
    start, end = pieces[asking[0]][0], pieces[asking[-1]][1]
    asked = text[start:end]
    own = len(_own_words(asked))
    if own < CONTEXT_OWN or (own < POINTER_OWN and _points_back(asked)):
        return question, ""
    context = f"{text[:start]} {text[end:]}"
    return asked, context.strip().strip("-\u2013\u2014, ")


def _points_back(text: str) -> bool:
    """Whether ``text`` holds a word that points back ("wat gebeurt «ermee»?", "does «it»
    ..."). "dat" or "that" names a thing when the question ends on it ("wat doet «dat»
    werkbedrijf (eigenlijk)?"): a word of the question's own, no verb ("gaan ze «dat» doen?")
    and nothing said of it after ("wanneer moet «dat» klaar zijn?")."""
    found = [w.text for w in words(text)]
    lang = "en" if any(w in _DETERMINERS_EN for w in found) else "nl"

    def names_it(i: int) -> bool:
        rest = found[i + 2 :]
        return (
            found[i] in _DETERMINERS
            and i + 1 < len(found)
            and _content(found[i + 1])
            and found[i + 1] not in SOFT_WORDS
            and all(w in SOFT_WORDS for w in rest)
            and not is_verb_form(found[i + 1], lang)
        )

    return any(word in _POINTERS and not names_it(i) for i, word in enumerate(found))


_DETERMINERS_EN = wordlist("that this these those")
_DETERMINERS = wordlist("dat dit die deze") | _DETERMINERS_EN


def _own_words(text: str) -> list[str]:
    """The words of ``text`` that carry a subject (no stopwords, no soft words)."""
    return [w.text for w in words(text) if _content(w.text) and w.text not in SOFT_WORDS]


#: "..., or ...": the alternative a yes/no question offers ("Is het verplicht «of vrijwillig»?",
#: "Does the board oversee it, «or is it just a talking shop»?").
_ALTERNATIVE = {
    "nl": re.compile(r",?\s+of\s+(?=\S)", re.IGNORECASE),
    "en": re.compile(r",?\s+or\s+(?=\S)", re.IGNORECASE),
}


@lru_cache(maxsize=4096)
def alternative_split(question: str, lang: str) -> tuple[str, str]:
    """(the question, the alternative it offers): the words after its last "or" / "of" when the
    words before it hold at least two words of their own ("Weet iemand «of» ...": "of" asks
    whether) and the question ends in a question mark ("Is het Werkbedrijf verplicht «of is
    het vrijwillig»?"). The alternative's known words count as the question's
    (:data:`ALTERNATIVE`); its words no agreement knows do not count against a match: the
    agreement says one of the two, and need not use the other's words."""
    if not question.rstrip().endswith("?"):
        return question, ""
    found = list(_ALTERNATIVE[lang].finditer(question))
    if not found:
        return question, ""
    cut = found[-1]
    if len(_own_words(question[: cut.start()])) < ALTERNATIVE_OWN:
        return question, ""
    return question[: cut.start()] + "?", question[cut.end() :]


class Analyzer:
    """Turns clause texts and questions into terms, knowing the words of the corpus."""

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        """``texts``: the corpus per language ("nl", "en")."""
        self.glossary = glossary()
        counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
        for lang in LANGS:
            for text in texts.get(lang, ()):
                counts[lang].update(word_texts(text))
            counts[lang].update(list(self.glossary.surface[lang]))
        self.language_words = {
            lang: frozenset(counts[lang]) - frozenset(counts[other(lang)]) | _STOP_ONLY[lang]
            for lang in LANGS
        }
        dutch = {w for w in counts["nl"] if len(w) >= 4 and w not in STOPWORDS}
        self.lexicon = frozenset(dutch | {stem(w, "nl") for w in dutch} | DOMAIN_PARTS) - STOPWORDS
        every: Counter[str] = counts["nl"] + counts["en"]
        every.update(dict.fromkeys(self.glossary.vocabulary(), 1))
        every.update(dict.fromkeys(STOPWORDS | COMMON_WORDS, 1))
        self.speller = Speller(every)
        self._corpus = {lang: tuple(counts[lang]) for lang in LANGS}
        # "communicatie", "informatie": the verbs in "-eren" of these nouns share their term
        self.action_nouns = {
            m.group(1): m.group(0) for w in counts["nl"] if (m := _ACTION_NOUN.match(w))
        }
        self._lemmas: dict[str, dict[str, tuple[str, ...]]] = {}
        self._word_terms: dict[tuple[str, str], tuple[str, ...]] = {}
        #: Dutch words of the agreements -> the term of the separable verb they are a form of
        self._verb_keys: dict[str, str | None] = {}

    # -- documents ---------------------------------------------------------------------------

    def units(self, text: str, lang: str) -> list[Unit]:
        """The terms of a clause text in ``lang``, by the words they come from."""
        found = words(text)
        spans = self.glossary.full_phrases_in(found, text, lang)
        inside = {k for i, n, _ in spans for k in range(i, i + n)}
        content = [i for i, w in enumerate(found) if _content(w.text) and i not in inside]
        stems = [stem(found[i].text, lang) for i in content]
        out: list[Unit] = [
            Unit(
                i,
                i + n - 1,
                concepts
                + tuple(
                    dict.fromkeys(
                        f"{lang}:{stem(w.text, lang)}" for w in found[i : i + n] if _content(w.text)
                    )
                ),
            )
            for i, n, concepts in spans
        ]
        j = 0
        while j < len(content):
            phrase = self.glossary.phrase_at(stems, j, lang)
            if phrase is not None:
                n, concepts = phrase
                own = tuple(dict.fromkeys(f"{lang}:{s}" for s in stems[j : j + n]))
                out.append(Unit(content[j], content[j + n - 1], concepts + own))
                j += n
                continue
            i = content[j]
            out.append(Unit(i, i, self.word_terms(found[i].text, lang)))
            j += 1
        if spans:
            out.sort(key=lambda unit: unit.first)
        if lang == "nl":
            verbs = separable_verbs(found, text)
            if verbs:
                by_first = {unit.first: unit for unit in out}
                for i, verb in verbs.items():
                    unit = by_first.get(i, Unit(i, i, ()))
                    extra = tuple(t for t in self.word_terms(verb, "nl") if t not in unit.terms)
                    by_first[i] = Unit(unit.first, unit.last, unit.terms + extra)
                out = sorted(by_first.values(), key=lambda u: u.first)
        return out

    def terms(self, text: str, lang: str) -> list[str]:
        """The index terms of a text: those of its words, and a term for each pair of
        neighbouring words ("proposed decision"), so a question that uses the same words
        together finds the text that does; in Dutch also the separable verbs it uses, split
        or not ("stelde ... vast", "vastgesteld": vaststellen)."""
        units = self.units(text, lang)
        out = [term for unit in units for term in unit.terms]
        out += [
            pair(a.terms[0], b.terms[0])
            for a, b in pairwise(units)
            if b.first - a.last <= 3 and a.terms and b.terms
        ]
        if lang == "nl":
            out += self._separable_verbs(text)
        return out

    def verb_key(self, word: str) -> str | None:
        """The term of the Dutch separable verb ``word`` is a form of ("vastgesteld",
        "vaststellen": ``nl:=vaststellen``), or None. Worked out for the agreements' words when
        they are indexed (it loads simplemma's lemmas); a question only looks them up."""
        if word not in self._verb_keys:
            base = lemma(word, "nl") if len(word) >= 6 and word.isalpha() else ""
            particle = next((p for p in PARTICLES if base.startswith(p)), None)
            rest = base[len(particle) :] if particle else ""
            verb = base.endswith("en") and len(rest) >= 4 and rest.endswith("en")
            self._verb_keys[word] = f"nl:={base}" if verb else None
        return self._verb_keys[word]

    def _separable_verbs(self, text: str) -> list[str]:
        """The terms of the separable verbs of a Dutch text: a verb form followed in its
        sentence by a particle that ends the clause ("De regio «stelde» eind 2023 de agenda
        «vast».": vaststellen), and the words that are such a verb whole ("vastgestelde")."""
        found = words(text)
        out = [key for w in found if (key := self.verb_key(w.text)) is not None]
        for i, word in enumerate(found):
            if word.text in STOPWORDS or word.text in PARTICLES or len(word.text) < 3:
                continue
            base = lemma(word.text, "nl") if word.text.isalpha() else ""
            if not base.endswith("en"):
                continue
            for j in _particles_after(found, i, text, 12, clause_end=True):
                if in_dictionary(found[j].text + base, "nl"):
                    out.append(f"nl:={found[j].text}{base}")
                break  # the first particle that ends the clause is the verb's
        return out

    def word_terms(self, word: str, lang: str) -> tuple[str, ...]:
        """The terms of one content word of a text in ``lang`` (cached)."""
        key = (word, lang)
        found = self._word_terms.get(key)
        if found is None:
            found = self._compute_word_terms(word, lang)
            self._word_terms[key] = found
        return found

    def _compute_word_terms(self, word: str, lang: str) -> tuple[str, ...]:
        if word.isdigit():
            return (f"#{word}",)
        if word in NUMBER_VALUES:
            return (f"#{NUMBER_VALUES[word]}", f"{lang}:{stem(word, lang)}")
        concepts = self.glossary.word(word, lang)
        if concepts is not None:
            return (*concepts, f"{lang}:{stem(word, lang)}")
        out = [f"{lang}:{stem(word, lang)}"]
        if lang == "nl":
            noun = self.action_noun(word)
            if noun is not None and noun != out[0]:
                out.append(noun)
            for part in self.parts(word) or self.known_tail(word):
                out += [t for t in self.word_terms(part, "nl") if t not in out]
        return tuple(out)

    def action_noun(self, word: str) -> str | None:
        """The term of the noun in "-atie" that the agreements use for what a Dutch verb in
        "-eren" does ("communiceert", "gecommuniceerd" -> "communicatie"; "informeren" ->
        "informatie"), or None. A verb whose noun the agreements never use ("vergaderen") has
        none."""
        found = _ACTION_VERB.match(word)
        noun = self.action_nouns.get(found.group(1)) if found else None
        return f"nl:{stem(noun, 'nl')}" if noun else None

    def known_tail(self, word: str) -> list[str]:
        """The longest known word a Dutch word ends in when it is no compound of known parts
        ("netwerkuitvoeringsorganisaties" ends in "uitvoeringsorganisaties"): an agreement's
        word is then also a kind of it, and a question's "organisaties" meets it. Only for the
        agreements' own words: a question's unknown word ("opzegtermijn") is not read as its
        tail ("termijn"), its subject would look treated."""
        if len(word) < 10 or not word.isalpha():
            return []
        for cut in range(4, len(word) - 4):
            if word[cut:] in self.lexicon:
                return [word[cut:]]
        return []

    def parts(self, word: str) -> list[str]:
        """The known parts of a Dutch compound (empty when it is none)."""
        if len(word) < 8 or not word.isalpha():
            return []
        return split_compound(word, self.lexicon) or []

    # -- questions ---------------------------------------------------------------------------

    def language(self, question: Sequence[str], hint: str) -> str:
        """The language the question is written in: the one more of its words belong to."""
        nl = sum(1 for w in question if w in self.language_words["nl"])
        en = sum(1 for w in question if w in self.language_words["en"])
        return "nl" if nl > en else "en" if en > nl else hint

    def query(
        self,
        question: str,
        hint: str,
        known: Container[str],
        context: str | None = None,
        asked_terms: Container[str] = (),
    ) -> list[Term]:
        """The weighted terms of a question; ``known`` holds the terms of the agreements' own
        texts. What is said around the question (:func:`context_split`, or ``context`` when
        the caller split it off) and the alternative it offers (:func:`alternative_split`)
        weigh less, and their words no agreement (nor question asked of one) knows do not
        count.

        ``asked_terms`` holds every term of the index, those of the questions partners asked
        of the agreements among them: a word of the question that only those use (no typo of
        an agreement's word, no form of one, no verb) is read as it is, as their questions
        were, rather than as unknown or corrected."""
        question = question[:MAX_QUESTION]
        tokens = words(question)
        found = [w.text for w in tokens]
        lang = self.language(found, hint)
        if context is None:
            asked, context = context_split(question)
        else:
            asked = question
        share = CONTEXT
        if not context:
            asked, context = alternative_split(question, lang)
            share = ALTERNATIVE
        if context:
            terms = self.query(asked, hint, known, asked_terms=asked_terms)
            seen = {t.term for t in terms}
            for around in self.query(context, hint, known, asked_terms=asked_terms):
                if around.term not in seen and not around.term.startswith("?"):
                    terms.append(replace(around, weight=around.weight * share))
            return terms
        content: list[tuple[str, float]] = []
        unexplained: list[Term] = []
        soft: list[str] = []
        joined = list(separable_verbs(tokens, question).values())
        spans = self.glossary.full_phrases_in(
            tokens, question, lang
        ) or self.glossary.full_phrases_in(tokens, question, other(lang))
        inside = {k for i, n, _ in spans for k in range(i, i + n)}
        consumed: set[str] = set()
        if lang == "nl":
            for verb_form, verb in self._particle_verbs(tokens, question, known):
                joined.append(verb)
                consumed.add(verb_form)
            for at, verb in self._te_infinitives(found, known):  # "deel te nemen": deelnemen
                joined.append(verb)
                inside |= {at, at + 1, at + 2}
        for word in [w for k, w in enumerate(found) if k not in inside] + joined:
            if not _content(word):
                continue
            if word in SOFT_WORDS:
                soft.append(word)
                continue
            weight = 1.0
            if (
                not self._known_word(word, lang, known)
                and not self.parts(word)
                and (lang != "nl" or self._whose(word, known) is None)
            ):
                if word in consumed:  # "stuurt" of "stuurt ... aan": read as "aansturen"
                    continue
                same = self.same_lemma(word, lang, known)
                if same is not None:  # "vertegenwoordigt" is "vertegenwoordigd"
                    content.append((same, weight))
                    continue
                real = in_dictionary(word, lang)
                if not real and word in _swapped_stopwords():
                    continue  # "who signed «teh» covenant": a small word, typed fast
                # "federation": a word partners asked with, as they wrote it (a verb other
                # than the agreement's still carries no subject: "neemt", "bring")
                asked_word = self._asked_term(
                    word, lang, asked_terms
                ) is not None and not is_verb_form(word, lang)
                if real and asked_word:
                    content.append((word, weight))
                    continue
                corrected = self.speller.correct(word, real=real)
                if corrected is None and asked_word:  # no word of the agreements it misspells
                    content.append((word, weight))
                    continue
                if real and corrected in self.language_words[other(lang)]:
                    corrected = None  # a Dutch "groep" is no misspelt English "group"
                if corrected is None and lemma(word, lang) in STOPWORDS:
                    continue  # "word" for "wordt"
                if corrected is None and is_verb_form(word, lang):
                    soft.append(word)
                    continue
                if corrected is not None:
                    # the correction may be wrong: a little of the word stays unexplained
                    unexplained.append(Term(f"?{word}", TYPO_DOUBT))
                    word, weight = corrected, CORRECTED
                    if word in STOPWORDS:
                        continue
            content.append((word, weight))
        stems = {code: [stem(w, code) for w, _ in content] for code in (lang, other(lang))}
        weights: dict[str, float] = {}
        extras: set[str] = set()
        sources: dict[str, str] = {}  # a word's main term -> the word

        def add(term: str, weight: float, extra: bool = False) -> None:
            if term in weights and not extra and term.startswith("@") and term not in known:
                # "minimaal aanwezig ... (quorum)": each word for a subject no agreement
                # names is missing, as the words were before the glossary knew them
                weights[term] += weight
                return
            if term not in weights or weight > weights[term]:
                weights[term] = weight
                if extra:
                    extras.add(term)
                else:
                    extras.discard(term)

        j = 0
        before: str | None = None  # the main term of the previous word, for word pairs
        while j < len(content):
            phrase = self.glossary.phrase_at(stems[lang], j, lang) or self.glossary.phrase_at(
                stems[other(lang)], j, other(lang)
            )
            if phrase is not None:
                n, concepts = phrase
                weight = min(w for _, w in content[j : j + n])
                if not any(concept in known for concept in concepts):
                    # "open to the public" where no agreement names it: missing as much as
                    # its words would be, not as one word
                    weight *= n
                for concept in concepts:  # not its words: "board members" are not "the board"
                    add(concept, weight)
                main: str | None = concepts[0]
                j += n
            else:
                word, weight = content[j]
                resolved = self._query_word(word, lang, known)
                for term, factor, extra in resolved:
                    add(term, weight * factor, extra)
                sources[resolved[0][0]] = word
                main = resolved[0][0]
                j += 1
            if before is not None and main is not None and pair(before, main) in known:
                add(pair(before, main), PAIR * weight, extra=True)
            before = main
        for _, _, concepts in spans:  # "for a while": a concept the words alone are not
            for concept in concepts:
                add(concept, 1.0)
        for word in soft:  # never against a match; a little for a clause that uses them
            for code in (lang, other(lang)):
                term = f"{code}:{stem(word, code)}"
                if term in known and term not in weights:
                    weights[term] = SOFT
                    extras.add(term)
        for term, weight in list(weights.items()):
            instead = self._asked_term(term[1:], lang, asked_terms) if term[0] == "?" else None
            if instead is not None and instead not in weights:
                del weights[term]
                weights[instead] = weight
        own = f"{lang}:"  # a word's term in the question's language, not a glossary concept
        terms = [
            Term(term, weight, term in extras, sources.get(term) if term.startswith(own) else None)
            for term, weight in weights.items()
        ]
        return terms + unexplained

    def is_verb(self, term: Term) -> bool:
        """Whether ``term`` reads a form of a verb ("expected", "gecommuniceerd"): a word one
        agreement uses may be missing from the one asked about, and then, like a verb no
        agreement uses, it does not count against a match (what is done with the subject may
        be said with another verb). Asked only then: it may load simplemma's word lists."""
        if term.source is None:
            return False
        return is_verb_form(term.source, term.term.split(":", 1)[0])

    def lemma_forms(self, lang: str) -> dict[str, tuple[str, ...]]:
        """{lemma: the words of the agreements in ``lang`` with that lemma}, built on first use
        (a few milliseconds, and loading simplemma's word list)."""
        found = self._lemmas.get(lang)
        if found is None:
            forms: dict[str, list[str]] = {}
            for word in self._corpus[lang]:
                if len(word) >= 3 and word.isalpha() and word not in STOPWORDS:
                    forms.setdefault(lemma(word, lang), []).append(word)
            found = {key: tuple(value) for key, value in forms.items()}
            self._lemmas[lang] = found
        return found

    def same_lemma(self, word: str, lang: str, known: Container[str]) -> str | None:
        """A word the agreements (or the glossary) know with the lemma of an unknown question
        word: a word of the agreements with that lemma ("vertegenwoordigt" and
        "vertegenwoordigd" are both "vertegenwoordigen"), else the lemma itself when it is
        known and carries content; None when there is none."""
        base = lemma(word, lang)
        for form in self.lemma_forms(lang).get(base, ()):
            if form != word and self._known_word(form, lang, known):
                return form
        if base != word and _content(base) and self._known_word(base, lang, known):
            return base
        return None

    def warm_up(self) -> None:
        """Group the speller's words and load the lemmas now rather than on the first
        question that needs them."""
        self.speller.warm_up()
        for lang in LANGS:
            self.lemma_forms(lang)

    def _te_infinitives(self, found: Sequence[str], known: Container[str]) -> list[tuple[int, str]]:
        """(position, verb) of a Dutch separable verb written as its particle, "te" and the
        verb ("om «deel te nemen»", "«op te zeggen»"), when the agreements know the verb."""
        out: list[tuple[int, str]] = []
        for i in range(len(found) - 2):
            particle, te, verb = found[i : i + 3]
            if te == "te" and particle in TE_PARTICLES:
                whole = particle + verb
                if verb.endswith("en") and self._known_word(whole, "nl", known):
                    out.append((i, whole))
        return out

    def _particle_verbs(
        self, tokens: Sequence[Word], text: str, known: Container[str]
    ) -> list[tuple[str, str]]:
        """(verb form, separable verb) for the Dutch separable verbs of a question that the
        agreements use: a verb form followed in its sentence by a particle, read as the
        particle joined to the verb's lemma ("wie stuurt het werkcentrum aan" -> "aansturen").
        Only a verb form the agreements never use is read so (the ones they use are already
        terms of their own; :data:`SEPARABLE` lists the common ones), so a question of known
        words never loads the lemmas."""
        out: list[tuple[str, str]] = []
        for i, word in enumerate(tokens):
            if (
                word.text in STOPWORDS
                or word.text in PARTICLES
                or len(word.text) < 3
                or word.text in SEPARABLE
                or self._known_word(word.text, "nl", known)
            ):
                continue
            for j in _particles_after(tokens, i, text, 9):
                particle = tokens[j].text
                verb = particle + lemma(word.text, "nl")
                if (
                    # a form that is its own lemma is a noun, unless it is a plural verb form
                    # ("Rekenen gemeenten ... af": "afrekenen")
                    (verb != particle + word.text or word.text.endswith("en"))
                    and verb.endswith("en")
                    and self._known_word(verb, "nl", known)
                ):
                    out.append((word.text, verb))
                    break
        return out

    @staticmethod
    def _asked_term(word: str, lang: str, asked: Container[str]) -> str | None:
        """The term of ``word`` among the questions partners asked (:meth:`query`), or None."""
        if not asked:
            return None
        for code in (lang, other(lang)):
            term = f"{code}:{stem(word, code)}"
            if term in asked:
                return term
        return None

    def _known_word(self, word: str, lang: str, known: Container[str]) -> bool:
        if word.isdigit() or word in self.speller.frequencies:
            return True
        return any(
            self.glossary.word(word, code) is not None or f"{code}:{stem(word, code)}" in known
            for code in (lang, other(lang))
        )

    def _whose(self, word: str, known: Container[str]) -> str | None:
        """The known word a Dutch compound in one of :data:`LIGHT_HEADS` is about
        ("werkgeverskant", "vakbondsmensen": "werkgevers", "vakbond"), or None."""
        for light in LIGHT_HEADS:
            whose = word[: -len(light)]
            if word.endswith(light) and len(whose) >= 4:
                for base in (whose, whose[:-1] if whose.endswith("s") else ""):
                    if len(base) >= 4 and self._known_word(base, "nl", known):
                        return base
        return None

    def _known_terms(self, part: str, known: Container[str]) -> list[str]:
        return [t for t in self.word_terms(part, "nl") if t in known] if part else []

    def _query_word(
        self, word: str, lang: str, known: Container[str]
    ) -> list[tuple[str, float, bool]]:
        """(term, weight, extra) for one content word of a question."""
        if word.isdigit():
            return [(f"#{word}", 1.0, False)]
        verb = self._verb_keys.get(word) if lang == "nl" else None
        if verb is not None and verb in known:  # "vastgesteld" meets "stelde ... vast"
            term = f"nl:{stem(word, 'nl')}"
            return [(verb, 1.0, False)] + ([(term, OWN_WORD, True)] if term in known else [])
        if word in NUMBER_VALUES:  # "three" meets "3" and "drie"; its own spelling ranks higher
            term = f"{lang}:{stem(word, lang)}"
            own = [(term, OWN_WORD, True)] if term in known else []
            return [(f"#{NUMBER_VALUES[word]}", 1.0, False), *own]
        for code in (lang, other(lang)):
            concepts = self.glossary.word(word, code)
            term = f"{code}:{stem(word, code)}"
            if concepts is not None:
                own = [(term, OWN_WORD, True)] if term in known else []
                return [(c, 1.0, False) for c in concepts] + own
            if term in known:
                noun = self.action_noun(word) if code == "nl" else None
                if noun is not None and noun != term and noun in known:
                    # "gecommuniceerd" is about "communicatie": a line saying either answers
                    return [(noun, 1.0, False), (term, OWN_WORD, True)]
                out = [(term, 1.0, False)]
                if code == "nl":
                    *modifiers, head = self.parts(word) or [""]
                    # a compound is a kind of its last part: "reiskosten" are "kosten"
                    out += [(t, 1.0, False) for t in self._known_terms(head, known)]
                    for part in modifiers:
                        out += [(t, PART, True) for t in self._known_terms(part, known)]
                return out
        whose = self._whose(word, known) if lang == "nl" else None
        if whose is not None:  # "werkgeverskant": the employers
            return self._query_word(whose, "nl", known)
        parts = self.parts(word)
        if parts:
            # a compound is a kind of its last part ("openingstijden" are times, not an opening)
            *modifiers, head = parts
            out = [(t, 1.0, False) for t in self.word_terms(head, "nl")]
            return out + [(t, PART, False) for p in modifiers for t in self.word_terms(p, "nl")]
        if is_verb_form(word, lang):
            # a verb form the agreements' words hold but no term of theirs reads ("gezet" of
            # "in gang gezet"): a verb, which never counts against a match (see is_verb)
            return [(f"{lang}:{stem(word, lang)}", 1.0, False)]
        return [(f"?{word}", 1.0, False)]


#: A Dutch noun of action in "-atie" ("communicatie", "registratie") and the verb forms in
#: "-eren" of the same root ("communiceren", "communiceert", "gecommuniceerd", "registreerde").
_ACTION_NOUN = re.compile(r"^([a-z]{4,})aties?$")
_ACTION_VERB = re.compile(r"^(?:ge)?([a-z]{4,}?)(?:eren|eer|eert|eerde|eerden|eerd)$")


def _particles_after(
    found: Sequence[Word], i: int, text: str, window: int, *, clause_end: bool = False
) -> Iterator[int]:
    """The positions of the separable particles after ``found[i]`` in its sentence and within
    ``window`` words ("De regio «stelde» eind 2023 de agenda «vast»."). With ``clause_end`` only
    those that end their clause (a comma, the end of the sentence, or "en"/"of"/... after it),
    and a comma ends the search: an agreement's text, not a question."""
    for j in range(i + 1, min(len(found), i + window)):
        between = text[found[j - 1].end : found[j].start]
        if _SENTENCE_BREAK.search(between) or (clause_end and "," in between):
            return
        if found[j].text not in PARTICLES:
            continue
        if clause_end:
            after = text[found[j].end : found[j + 1].start] if j + 1 < len(found) else "."
            joins = j + 1 < len(found) and found[j + 1].text in _CLAUSE_JOINS
            if not (_SENTENCE_BREAK.search(after) or "," in after or (not after.strip() and joins)):
                continue
        yield j


def _content(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())
