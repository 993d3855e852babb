"""python -m bench qa: similar questions and search at chain scale, on PostgreSQL.

The issue's figure: with 50,000 questions and 150,000 answers, /questions/similar p95 <= 30 ms
and /search p95 <= 50 ms, measured in-process over the ASGI app next to a bare FastAPI JSON
endpoint. The goals are printed as information next to the figures; nothing here ever fails on
time.

The chain is the one bench/news.py builds (10 regions, 500 stores, 10,000 users, some of them
experts), with questions whose titles and texts are put together in SQL from Dutch (and some
English) shop-floor phrases, so the full-text indexes hold a realistic vocabulary with compound
words (kassabon, personeelskorting, vakantiedagen, roosterwijziging, statiegeld). Half the
questions have an accepted answer; answer_count matches the answers, vote_count the votes. A
few thousand live news posts for every store give /search news to rank next to the questions.

Once measured, the full-text statements the app ran are captured and shown with EXPLAIN
(ANALYZE, BUFFERS), with each request's statement count.
"""

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import Engine, text
from sqlmodel import Session

from api.main import create_app
from bench.chain import (
    CHAIN_STEPS,
    Caller,
    Chain,
    StatementLog,
    Step,
    caller_for,
    check,
    counts,
    explain,
    goal,
    machine,
    measure_callers,
    run_steps,
)
from bench.timing import bare_baseline, client_for, migrated_settings
from tests.support.databases import throwaway_postgres

PLANS_FILE = Path(tempfile.gettempdir()) / "winkelpraat-bench-qa-plans.txt"
SIMILAR_GOAL_MS = 30.0
SEARCH_GOAL_MS = 50.0

# What people type into the ask box, caught mid-word: the last word is a prefix.
SIMILAR_QUERIES = [
    "bon opnieuw pri",
    "hoeveel vakantiedag",
    "personeelskort",
    "statiegeld flessen",
    "rooster wijzig",
    "wachtwoord handscan",
    "how do I reprint a rec",
]
# What people look for in the search box: whole words.
SEARCH_QUERIES = [
    "kassabon opnieuw printen",
    "vakantiedagen aanvragen",
    "personeelskorting",
    "statiegeld lege flessen inleveren",
    "roosterwijziging doorgeven",
    "handscanner resetten",
    "staff discount",
]


@dataclass(frozen=True)
class QAChain(Chain):
    """The chain with its questions (answered ones get 1-7 answers, open ones 0-4: about
    150,000 answers) and live news posts for every store."""

    questions: int = 50_000
    posts: int = 4_000

    def params(self) -> dict[str, Any]:
        return {
            **super().params(),
            "questions": self.questions,
            "posts": self.posts,
            "vocabulary": json.dumps(_vocabulary()),
            "news_vocabulary": json.dumps(_news_vocabulary()),
        }


# Phrases per language; a question's title is opener + object + verb (+ detail) in Dutch and
# opener + verb + object (+ detail) in English, its text context + object + middle + closing.
# Answers are reply + place + tip.
PHRASES: dict[str, dict[str, list[str]]] = {
    "nl": {
        "openers": [
            "Hoe kan ik",
            "Hoe moet ik",
            "Waar kan ik",
            "Kan ik",
            "Mag ik",
            "Hoe kun je",
            "Wanneer mag ik",
            "Moet ik zelf",
            "Hoe snel kan ik",
            "Kunnen we",
            "Waar moet ik",
            "Hoeveel dagen van tevoren moet ik",
        ],
        "contexts": [
            "Een klant vroeg vanochtend naar",
            "Gisteren ging het mis met",
            "Sinds de update hebben we problemen met",
            "Bij ons in de winkel lukt het niet met",
            "Mijn collega wist ook niets over",
            "In de handleiding staat niets over",
            "Ik twijfel over",
            "Vorige week hadden we ook al gedoe met",
            "De nieuwe collega vroeg naar",
            "Tijdens de avonddienst kwam een vraag over",
        ],
        "middles": [
            "Ik heb het al geprobeerd via de kassa maar krijg een foutmelding.",
            "Op het intranet kan ik het niet vinden.",
            "De filiaalmanager is deze week op vakantie.",
            "Het is nu erg druk in de winkel.",
            "Het ging vroeger anders, dus ik weet niet wat nu de regel is.",
            "Moet ik daar een formulier voor invullen?",
            "Wie is daarvoor verantwoordelijk?",
            "Hoeveel dagen van tevoren moet dat?",
            "De klant stond te wachten en werd ongeduldig.",
        ],
        "closings": [
            "Alvast bedankt!",
            "Wie kan helpen?",
            "Graag snel antwoord.",
            "Groetjes van de avonddienst.",
            "Dank jullie wel!",
            "Iemand ervaring mee?",
        ],
        "replies": [
            "Dat kan via",
            "Je vindt dat in",
            "Vraag het even aan",
            "Bij ons doen we dat via",
            "Het makkelijkst is via",
            "Dat regel je in",
        ],
        "places": [
            "het kassamenu onder Beheer.",
            "de personeelsapp onder Mijn gegevens.",
            "je filiaalmanager, die kan het in de planningstool aanpassen.",
            "het intranet, kopje HR.",
            "de helpdesk (toestel 400).",
            "het formulier op het prikbord in de kantine.",
        ],
        "tips": [
            "Bewaar de kassabon altijd bij de retouren.",
            "Vakantiedagen vraag je minstens twee weken van tevoren aan.",
            "Personeelskorting geldt alleen met je personeelspas.",
            "Statiegeld boek je terug met de knop Retour emballage.",
            "Een roosterwijziging altijd even doorgeven aan de manager.",
            "Werkt het niet, herstart dan eerst het apparaat.",
            "Zo deden we het vorige maand ook.",
            "",
        ],
    },
    "en": {
        "openers": [
            "How do I",
            "Does anyone know how to",
            "Where can I",
            "Can I",
            "How can I",
            "Who can help me",
            "When may I",
            "What is the best way to",
        ],
        "contexts": [
            "A customer asked this morning about",
            "Yesterday something went wrong with",
            "Since the update we have problems with",
            "My colleague did not know anything about",
            "The manual says nothing about",
            "During the evening shift someone asked about",
        ],
        "middles": [
            "I tried it at the till but got an error.",
            "I cannot find it on the intranet.",
            "The store manager is on holiday this week.",
            "It is very busy in the store right now.",
            "Do I need to fill in a form for that?",
        ],
        "closings": ["Thanks in advance!", "Who can help?", "Any experience with this?", "Thanks!"],
        "replies": ["You can do that via", "You will find it in", "Just ask", "We use"],
        "places": [
            "the till menu under Management.",
            "the staff app under My details.",
            "your store manager, who can change it in the planning tool.",
            "the intranet, HR section.",
            "the helpdesk (extension 400).",
        ],
        "tips": [
            "Always keep the receipt with the returns.",
            "Request holiday days at least two weeks ahead.",
            "Staff discount only works with your staff card.",
            "If it does not work, restart the device first.",
            "",
        ],
    },
}

# Per category and language: objects, verbs (infinitives) and details (with a leading space).
TOPICS: dict[str, dict[str, dict[str, list[str]]]] = {
    "checkout": {
        "nl": {
            "objects": [
                "een kassabon",
                "de kassabon",
                "een retourbon",
                "het statiegeld",
                "statiegeldflessen",
                "een pinbetaling",
                "de kassalade",
                "een cadeaubon",
                "de bonnenprinter",
                "een contante betaling",
                "een storno",
                "de klantenkaart",
                "de spaarzegels",
                "het wisselgeld",
                "een kassaverschil",
                "lege flessen",
            ],
            "verbs": [
                "opnieuw printen",
                "terugboeken",
                "annuleren",
                "verwerken",
                "controleren",
                "uitbetalen",
                "inleveren",
                "corrigeren",
                "opzoeken",
                "afrekenen",
            ],
            "details": [
                " na sluitingstijd",
                " zonder bon",
                " bij een retour",
                " voor een klant",
                " als de pin storing heeft",
                " bij een kapotte flessenautomaat",
                " op koopzondag",
            ],
        },
        "en": {
            "objects": [
                "a receipt",
                "the receipt",
                "a refund",
                "the bottle deposit",
                "a card payment",
                "the cash drawer",
                "a gift card",
                "the receipt printer",
                "the loyalty card",
            ],
            "verbs": ["reprint", "refund", "cancel", "process", "check", "correct", "look up"],
            "details": [" after closing time", " without a receipt", " for a customer"],
        },
    },
    "products": {
        "nl": {
            "objects": [
                "de houdbaarheidsdatum",
                "een prijssticker",
                "de schapkaartjes",
                "afgeprijsde producten",
                "de aanbiedingen",
                "de voorraad",
                "een productterugroeping",
                "de koelingtemperatuur",
                "de bestelling",
                "de levering",
                "de nieuwe collectie",
                "beschadigde verpakkingen",
                "het assortiment",
                "de statiegeldautomaat",
                "de derving",
            ],
            "verbs": [
                "controleren",
                "bestellen",
                "afprijzen",
                "registreren",
                "aanpassen",
                "terugsturen",
                "opzoeken",
                "doorgeven",
                "tellen",
                "uitpakken",
            ],
            "details": [
                " voor de weekaanbieding",
                " bij de zuivel",
                " in het magazijn",
                " voor het vers",
                " na de levering",
                " voor de inventarisatie",
            ],
        },
        "en": {
            "objects": [
                "the best-before date",
                "a price label",
                "the shelf labels",
                "reduced products",
                "the weekly offers",
                "the stock",
                "a product recall",
                "the fridge temperature",
            ],
            "verbs": ["check", "order", "reduce", "register", "adjust", "return", "count"],
            "details": [" for the weekly offer", " in the stockroom", " after the delivery"],
        },
    },
    "planning": {
        "nl": {
            "objects": [
                "mijn rooster",
                "een roosterwijziging",
                "mijn dienst",
                "een ruildienst",
                "de openingstijden",
                "de koopzondag",
                "mijn pauzetijden",
                "de weekplanning",
                "extra uren",
                "een invaldienst",
                "het zomerrooster",
                "mijn beschikbaarheid",
                "een avonddienst",
            ],
            "verbs": [
                "doorgeven",
                "ruilen",
                "aanpassen",
                "bekijken",
                "aanvragen",
                "wijzigen",
                "inplannen",
                "afzeggen",
                "opgeven",
                "registreren",
            ],
            "details": [
                " voor volgende week",
                " in het weekend",
                " tijdens de feestdagen",
                " als ik ziek ben",
                " via de app",
                " met een collega",
            ],
        },
        "en": {
            "objects": [
                "my schedule",
                "a rota change",
                "my shift",
                "a shift swap",
                "the opening hours",
                "my breaks",
                "extra hours",
                "my availability",
            ],
            "verbs": ["change", "swap", "see", "request", "cancel", "plan"],
            "details": [" for next week", " at the weekend", " during the holidays"],
        },
    },
    "hr": {
        "nl": {
            "objects": [
                "mijn vakantiedagen",
                "de personeelskorting",
                "mijn salarisstrook",
                "een verlofaanvraag",
                "een ziekmelding",
                "mijn contracturen",
                "de reiskostenvergoeding",
                "mijn loonstrook",
                "het vakantiegeld",
                "mijn overuren",
                "bijzonder verlof",
                "de pensioenregeling",
                "mijn personeelspas",
                "het personeelsfeest",
                "een functioneringsgesprek",
            ],
            "verbs": [
                "aanvragen",
                "bekijken",
                "doorgeven",
                "gebruiken",
                "terugvinden",
                "laten uitbetalen",
                "opnemen",
                "wijzigen",
                "regelen",
                "controleren",
            ],
            "details": [
                " voor de zomer",
                " na mijn proeftijd",
                " als oproepkracht",
                " in december",
                " met terugwerkende kracht",
                " bij een andere vestiging",
            ],
        },
        "en": {
            "objects": [
                "my holiday days",
                "the staff discount",
                "my payslip",
                "a leave request",
                "a sick note",
                "my contract hours",
                "the travel allowance",
                "holiday pay",
                "my overtime",
                "my staff card",
            ],
            "verbs": ["request", "check", "use", "find", "get paid", "change", "arrange"],
            "details": [" before the summer", " after my probation", " in December"],
        },
    },
    "it": {
        "nl": {
            "objects": [
                "mijn wachtwoord",
                "de handscanner",
                "de kassasoftware",
                "de labelprinter",
                "de wifi",
                "de personeelsapp",
                "mijn account",
                "de pinautomaat",
                "het intranet",
                "de tablet",
                "de weegschaal",
                "de tweestapsverificatie",
            ],
            "verbs": [
                "resetten",
                "opnieuw opstarten",
                "koppelen",
                "instellen",
                "updaten",
                "opladen",
                "vervangen",
                "aanmelden",
                "herstellen",
                "ontgrendelen",
            ],
            "details": [
                " als ik het vergeten ben",
                " na de storing",
                " zonder de helpdesk",
                " op een nieuwe telefoon",
                " in het magazijn",
                " na de update",
            ],
        },
        "en": {
            "objects": [
                "my password",
                "the handheld scanner",
                "the till software",
                "the label printer",
                "the wifi",
                "the staff app",
                "my account",
                "the card terminal",
            ],
            "verbs": ["reset", "restart", "pair", "set up", "update", "charge", "unlock"],
            "details": [" if I forgot it", " after the outage", " on a new phone"],
        },
    },
}

# News: a title is topic + ": " + suffix; a text is the topic's own lead sentence and two
# general ones. Both languages list the same things in the same order, so an English
# translation of a post says the same thing, and a topic's words only show up in its own posts
# (about one in twenty), as in a real feed.
NEWS: dict[str, dict[str, list[str]]] = {
    "nl": {
        "topics": [
            "Nieuwe werkwijze statiegeld",
            "Roosterwijziging rond de feestdagen",
            "Personeelskorting verhoogd",
            "Vakantiedagen aanvragen via de app",
            "Update kassasysteem",
            "Nieuwe handscanners",
            "Digitale kassabon",
            "Actie van de week",
            "Veiligheid op de winkelvloer",
            "Inventarisatie",
            "Koopzondag",
            "Salarisstrook in de personeelsapp",
            "Wachtwoord vernieuwen",
            "Nieuwe collectie",
            "Derving terugdringen",
            "Klanttevredenheid",
            "Energie besparen",
            "Nieuwe collega's",
            "Hygiëne bij de versafdeling",
            "Zomerrooster",
        ],
        "leads": [
            "Lege flessen met statiegeld lever je voortaan in bij de automaat bij de ingang.",
            "Rond de feestdagen verandert het rooster; kijk in de app welke diensten je hebt.",
            "De personeelskorting gaat omhoog en geldt op het hele assortiment.",
            "Vakantiedagen vraag je voortaan aan in de personeelsapp.",
            "Maandagnacht krijgt het kassasysteem een update; de kassa's starten opnieuw op.",
            "Deze week worden de nieuwe handscanners geleverd en ingesteld.",
            "De kassabon wordt voortaan standaard digitaal verstuurd, op papier alleen op verzoek.",
            "Deze week zijn koffie en thee in de aanbieding; zet de schapkaartjes klaar.",
            "Houd de looppaden vrij en ruim lege dozen direct op.",
            "Zondag tellen we de voorraad; iedereen helpt mee met de inventarisatie.",
            "Op koopzondag zijn alle winkels open van twaalf tot vijf.",
            "Je salarisstrook staat vanaf deze maand in de personeelsapp.",
            "Vernieuw je wachtwoord voor het einde van de maand.",
            "De nieuwe collectie komt binnen; de etalage wordt dinsdag aangepast.",
            "We gooien te veel weg; prijs producten op tijd af.",
            "Klanten geven ons een acht; dank voor jullie vriendelijkheid.",
            "Zet de verlichting in het magazijn uit als er niemand is.",
            "Deze maand starten vijftig nieuwe collega's; help ze op weg.",
            "Was je handen en draag handschoenen bij het snijden van vleeswaren.",
            "Het zomerrooster staat klaar; ruilen kan tot volgende week.",
        ],
        "suffixes": [
            "wat verandert er",
            "vanaf maandag",
            "lees dit even",
            "vragen en antwoorden",
            "let op",
            "de belangrijkste punten",
        ],
        "sentences": [
            "Beste collega's, hierbij een korte update van het hoofdkantoor.",
            "Lees dit bericht goed door en bespreek het in het werkoverleg.",
            "Bij vragen kun je terecht bij je leidinggevende.",
            "Meer informatie volgt binnenkort op het intranet.",
            "Dank voor jullie inzet de afgelopen weken.",
            "Dit geldt voor alle winkels in alle regio's.",
            "Hang dit bericht ook op in de kantine.",
            "Samen maken we er een succes van.",
            "Heb je ideeën? Laat het ons weten.",
            "Fijne werkdag allemaal!",
        ],
    },
    "en": {
        "topics": [
            "New way of working for bottle deposits",
            "Schedule changes around the holidays",
            "Staff discount increased",
            "Request holiday days in the app",
            "Till system update",
            "New handheld scanners",
            "Digital receipt",
            "Offer of the week",
            "Safety on the shop floor",
            "Stocktake",
            "Sunday opening",
            "Payslip in the staff app",
            "Renew your password",
            "New collection",
            "Reducing waste",
            "Customer satisfaction",
            "Saving energy",
            "New colleagues",
            "Hygiene at the fresh counter",
            "Summer schedule",
        ],
        "leads": [
            "Return empty deposit bottles at the machine by the entrance from now on.",
            "The schedule changes around the holidays; check your shifts in the app.",
            "The staff discount goes up and applies to the whole range.",
            "From now on you request holiday days in the staff app.",
            "On Monday night the till system gets an update; the tills will restart.",
            "The new handheld scanners are delivered and set up this week.",
            "Receipts are now sent digitally by default, on paper only on request.",
            "Coffee and tea are on offer this week; get the shelf labels ready.",
            "Keep the aisles clear and clear away empty boxes at once.",
            "On Sunday we count the stock; everyone helps with the stocktake.",
            "On Sunday opening days all stores are open from twelve to five.",
            "Your payslip is in the staff app from this month.",
            "Renew your password before the end of the month.",
            "The new collection arrives; the shop window changes on Tuesday.",
            "We throw away too much; reduce prices in time.",
            "Customers give us an eight; thank you for your friendliness.",
            "Switch off the stockroom lights when nobody is there.",
            "Fifty new colleagues start this month; help them along.",
            "Wash your hands and wear gloves when slicing meats.",
            "The summer schedule is ready; swaps are possible until next week.",
        ],
        "suffixes": [
            "what changes",
            "from Monday",
            "please read",
            "questions and answers",
            "attention",
            "the main points",
        ],
        "sentences": [
            "Dear colleagues, a short update from head office.",
            "Please read this message carefully and discuss it in the team meeting.",
            "Questions? Ask your manager.",
            "More information follows soon on the intranet.",
            "Thank you for your hard work in recent weeks.",
            "This applies to all stores in all regions.",
            "Please also put this message up in the canteen.",
            "Together we will make it a success.",
            "Got ideas? Let us know.",
            "Have a good day at work, everyone!",
        ],
    },
}


def _vocabulary() -> list[dict[str, Any]]:
    """One row per category and language with every word list a question needs."""
    return [
        {"category": category, "locale": locale, **PHRASES[locale], **words}
        for category, languages in TOPICS.items()
        for locale, words in languages.items()
    ]


def _news_vocabulary() -> list[dict[str, Any]]:
    return [{"locale": locale, **lists} for locale, lists in NEWS.items()]


# After the chain's people (bench/chain.py), in the same transaction. pg_temp.pick(words, r)
# is the word at random number r (0 <= r < 1).
BUILD_STEPS: list[Step] = [
    *CHAIN_STEPS,
    (
        "vocabulary",
        """
        CREATE FUNCTION pg_temp.pick(words text[], r float8) RETURNS text
            LANGUAGE sql IMMUTABLE AS 'SELECT words[1 + floor(r * cardinality(words))::int]';
        CREATE TEMPORARY TABLE bench_vocabulary ON COMMIT DROP AS
        SELECT * FROM json_to_recordset(CAST(:vocabulary AS json)) AS v(
            category text, locale text, openers text[], objects text[], verbs text[],
            details text[], contexts text[], middles text[], closings text[], replies text[],
            places text[], tips text[]);
        CREATE TEMPORARY TABLE bench_news_vocabulary ON COMMIT DROP AS
        SELECT * FROM json_to_recordset(CAST(:news_vocabulary AS json)) AS v(
            locale text, topics text[], leads text[], suffixes text[], sentences text[])
        """,
    ),
    (
        "plan: questions",
        # One row per question with every random choice. Askers are managers and staff, a few
        # HQ people (whose questions are for the whole company).
        """
        CREATE TEMPORARY TABLE bench_question ON COMMIT DROP AS
        SELECT g.*, u.store_id,
               CASE WHEN g.c < 0.25 THEN 'checkout' WHEN g.c < 0.45 THEN 'products'
                    WHEN g.c < 0.65 THEN 'planning' WHEN g.c < 0.9 THEN 'hr'
                    ELSE 'it' END AS category,
               CASE WHEN u.store_id IS NULL OR g.s < 0.3 THEN 'company'
                    ELSE 'store' END AS scope,
               CASE WHEN g.answered THEN 1 + floor(g.n * 7)::int
                    ELSE floor(g.n * 5)::int END AS answers
        FROM (SELECT id,
                     CASE WHEN random() < 0.03
                          THEN :admins + 1 + floor(random() * (:hq_last - :admins))::int
                          ELSE :first_manager + floor(random() * (:users - :first_manager))::int
                     END AS author,
                     CASE WHEN random() < 0.1 THEN 'en' ELSE 'nl' END AS locale,
                     random() < 0.5 AS answered,
                     random() AS c, random() AS s, random() AS n,
                     random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                     random() AS r5, random() AS r6, random() AS r7, random() AS r8,
                     random() AS r9,
                     now() - interval '730 days' * (1 - id::float8 / :questions)
                         - interval '30 minutes' * random() AS at
              FROM generate_series(1, :questions) id) g
        JOIN org_user u ON u.id = g.author
        """,
    ),
    (
        "questions",
        """
        INSERT INTO qa_question (id, author_id, store_id, scope, category, title, body,
                                 body_html, locale, status, answer_count, created_at)
        SELECT id, author, store_id, scope, category, title, body, '<p>' || body || '</p>',
               locale, CASE WHEN answered THEN 'answered' ELSE 'open' END, answers, at
        FROM (SELECT q.*,
                     CASE WHEN q.locale = 'en'
                          THEN pg_temp.pick(v.openers, q.r1) || ' '
                               || pg_temp.pick(v.verbs, q.r3) || ' '
                               || pg_temp.pick(v.objects, q.r2)
                          ELSE pg_temp.pick(v.openers, q.r1) || ' '
                               || pg_temp.pick(v.objects, q.r2) || ' '
                               || pg_temp.pick(v.verbs, q.r3) END
                     || CASE WHEN q.r4 < 0.5 THEN pg_temp.pick(v.details, q.r5) ELSE '' END
                     || '?' AS title,
                     pg_temp.pick(v.contexts, q.r6) || ' ' || pg_temp.pick(v.objects, q.r7)
                     || '. ' || pg_temp.pick(v.middles, q.r8) || ' '
                     || pg_temp.pick(v.closings, q.r9) AS body
              FROM bench_question q JOIN bench_vocabulary v USING (category, locale)) q
        ORDER BY id
        """,
    ),
    (
        "answers",
        # By the store's manager, an HQ expert or a colleague from anywhere; in the question's
        # language.
        """
        INSERT INTO qa_answer (question_id, author_id, body, body_html, vote_count, created_at)
        SELECT id, author, body, '<p>' || body || '</p>', votes, answered_at
        FROM (SELECT q.id,
                     CASE WHEN q.who < 0.35 AND q.store_id IS NOT NULL
                          THEN :first_manager + q.store_id - 1
                          WHEN q.who < 0.55 THEN :admins + 1 + floor(random() * 30)::int
                          ELSE :first_staff + floor(random() * :staff)::int END AS author,
                     rtrim(pg_temp.pick(v.replies, random()) || ' '
                           || pg_temp.pick(v.places, random()) || ' '
                           || pg_temp.pick(v.tips, random())) AS body,
                     floor(power(random(), 3) * 12)::int AS votes,
                     least(now(), q.at + interval '1 hour' * j * (1 + 20 * random()))
                         AS answered_at,
                     j
              FROM (SELECT *, random() AS who FROM bench_question) q
              JOIN bench_vocabulary v USING (category, locale),
              generate_series(1, 7) j
              WHERE j <= q.answers) a
        ORDER BY id, j
        """,
    ),
    (
        "accepted answers: the most voted one",
        """
        UPDATE qa_question q SET accepted_answer_id = best.id
        FROM (SELECT DISTINCT ON (question_id) question_id, id
              FROM qa_answer ORDER BY question_id, vote_count DESC, id) best
        WHERE best.question_id = q.id AND q.status = 'answered'
        """,
    ),
    (
        "votes (vote_count of them per answer)",
        """
        INSERT INTO qa_vote (answer_id, user_id, created_at)
        SELECT a.id, :first_staff + (a.id * 31 + j * 977) % :staff, a.created_at
        FROM qa_answer a, generate_series(1, 12) j
        WHERE j <= a.vote_count
        ORDER BY a.id, j
        """,
    ),
    (
        "plan: news",
        """
        CREATE TEMPORARY TABLE bench_post ON COMMIT DROP AS
        SELECT id, CASE WHEN random() < 0.1 THEN 'en' ELSE 'nl' END AS locale,
               :admins + 1 + floor(random() * (:hq_last - :admins))::int AS author,
               random() AS r1, random() AS r2, random() AS r3, random() AS r4,
               now() - interval '365 days' * (1 - id::float8 / :posts)
                   - interval '5 minutes' * random() AS at
        FROM generate_series(1, :posts) id
        """,
    ),
    (
        "news posts (every store; one in ten expired after a week)",
        """
        INSERT INTO news_post (id, author_id, title, body, body_html, locale, status, urgency,
                               is_must_read, is_pinned, has_place_filter, has_role_filter,
                               published_at, expires_at, created_at, updated_at)
        SELECT id, author, title, body, '<p>' || body || '</p>', locale, 'published', 'normal',
               id % 25 = 0, false, false, false, at,
               CASE WHEN id % 10 = 0 THEN at + interval '7 days' END,
               at - interval '10 minutes', at
        FROM (SELECT p.*,
                     pg_temp.pick(v.topics, p.r1) || ': ' || pg_temp.pick(v.suffixes, p.r2)
                         AS title,
                     pg_temp.pick(v.sentences, p.r3) || ' ' || pg_temp.pick(v.leads, p.r1)
                     || ' ' || pg_temp.pick(v.sentences, p.r4) AS body
              FROM bench_post p JOIN bench_news_vocabulary v USING (locale)) p
        ORDER BY id
        """,
    ),
    (
        "news translations (English, for one in ten Dutch posts)",
        """
        INSERT INTO news_translation (post_id, locale, title, body, body_html)
        SELECT id, 'en', title, body, '<p>' || body || '</p>'
        FROM (SELECT p.id,
                     pg_temp.pick(v.topics, p.r1) || ': ' || pg_temp.pick(v.suffixes, p.r2)
                         AS title,
                     pg_temp.pick(v.sentences, p.r3) || ' ' || pg_temp.pick(v.leads, p.r1)
                     || ' ' || pg_temp.pick(v.sentences, p.r4) AS body
              FROM bench_post p JOIN bench_news_vocabulary v ON v.locale = 'en'
              WHERE p.locale = 'nl' AND p.id % 10 = 3) p
        """,
    ),
    (
        "sequences",
        """
        SELECT setval(pg_get_serial_sequence('org_region', 'id'), :regions);
        SELECT setval(pg_get_serial_sequence('org_store', 'id'), :stores);
        SELECT setval(pg_get_serial_sequence('org_user', 'id'), :all_users);
        SELECT setval(pg_get_serial_sequence('qa_question', 'id'), :questions);
        SELECT setval(pg_get_serial_sequence('news_post', 'id'), :posts)
        """,
    ),
    ("drop pg_temp.pick", "DROP FUNCTION pg_temp.pick(text[], float8)"),
]

COUNTED = ["org_user", "qa_question", "qa_answer", "qa_vote", "news_post", "news_translation"]


def _facts(engine: Engine) -> list[str]:
    """What the build made, checked: the counters agree with the rows they count."""
    with engine.connect() as conn:
        row = conn.execute(
            text(
                """
                SELECT count(*) FILTER (WHERE status = 'answered'),
                       count(*) FILTER (WHERE scope = 'company'),
                       count(*) FILTER (WHERE locale = 'en'),
                       count(*) FILTER (WHERE answer_count = 0),
                       count(*) FILTER (WHERE answer_count <> (
                           SELECT count(*) FROM qa_answer a WHERE a.question_id = q.id)),
                       count(*) FILTER (WHERE status = 'answered' AND accepted_answer_id IS NULL),
                       (SELECT count(*) FROM qa_answer a WHERE vote_count <> (
                           SELECT count(*) FROM qa_vote v WHERE v.answer_id = a.id)),
                       (SELECT count(DISTINCT w) FROM qa_question,
                                unnest(tsvector_to_array(search_vector)) w)
                FROM qa_question q
                """
            )
        ).one()
        samples = conn.execute(
            text("SELECT title FROM qa_question WHERE id % 9973 = 0 ORDER BY id LIMIT 5")
        ).scalars()
        return [
            f"questions: {row[0]:,} answered, {row[1]:,} company-wide, {row[2]:,} in English,"
            f" {row[3]:,} without answers; {row[7]:,} distinct lexemes",
            f"consistency: answer_count wrong on {row[4]}, answered without an accepted answer"
            f" {row[5]}, vote_count wrong on {row[6]}",
            *(f"  e.g. {title}" for title in samples),
        ]


def _callers(engine: Engine, chain: QAChain) -> tuple[list[Caller], Caller]:
    """Two staff of each measured store, and one HQ person who is no expert."""
    with Session(engine) as session:
        ids = session.execute(
            text(
                """
                SELECT id FROM (
                    SELECT id, store_id,
                           row_number() OVER (PARTITION BY store_id ORDER BY id) AS n
                    FROM org_user
                    WHERE role = 'staff' AND is_active AND store_id = ANY(:stores)) s
                WHERE n <= 2 ORDER BY store_id, id
                """
            ),
            {"stores": list(chain.measured_stores)},
        ).scalars()
        staff = [
            caller_for(session, user_id, f"staff, store {chain.store_of(user_id)}")
            for user_id in ids
        ]
        hq = caller_for(session, chain.plain_hq, "hq")
        session.commit()
    return staff, hq


def _similar(query: str) -> str:
    return "/api/v1/questions/similar?" + urlencode({"q": query})


def _search(query: str) -> str:
    return "/api/v1/search?" + urlencode({"q": query})


async def _show_results(client: httpx.AsyncClient, staff: list[Caller], hq: Caller) -> None:
    """Every caller gets 200 for every query; what a few of them find."""
    for query in SIMILAR_QUERIES:
        found = [await check(client, _similar(query), who) for who in [*staff, hq]]
        top = found[0]["items"][0]["title"] if found[0]["items"] else "-"
        print(
            f"  similar {query!r}: {len(found[0]['items'])} items for staff,"
            f" {len(found[-1]['items'])} for hq; staff's best: {top!r}"
        )
    for query in SEARCH_QUERIES:
        found = [await check(client, _search(query), who) for who in [*staff, hq]]
        items = found[0]["items"]
        questions = sum(item["type"] == "question" for item in items)
        top = f"{items[0]['type']} {items[0]['title']!r}" if items else "-"
        print(
            f"  search {query!r}: {len(items)} items for staff ({questions} questions,"
            f" {len(items) - questions} news), {len(found[-1]['items'])} for hq;"
            f" best: {top}"
        )


async def _plans(
    client: httpx.AsyncClient, engine: Engine, staff: list[Caller], hq: Caller
) -> None:
    """One request of each kind with its statements captured, then EXPLAIN of the full-text
    ones (the SET LOCAL of the trigram threshold first, as the request ran it)."""
    PLANS_FILE.write_text("")
    log = StatementLog(engine)
    print(f"\n  plans (EXPLAIN ANALYZE, BUFFERS; full text in {PLANS_FILE}):")
    requests = [
        (f"similar {query!r} ({who.name})", _similar(query), who)
        for query, who in [("bon opnieuw pri", staff[0]), ("personeelskort", hq)]
    ]
    requests += [
        (f"search {query!r} ({who.name})", _search(query), who)
        for query, who in [("kassabon opnieuw printen", staff[0]), ("personeelskorting", hq)]
    ]
    for title, path, who in requests:
        with log.active():
            await check(client, path, who)
        print(f"  {title}: {log.summary()}")
        for statement, _, ms in log.entries:
            print(f"      {ms:6.2f} ms  {' '.join(statement.split())[:90]}")
        setup = log.find_all("SET LOCAL pg_trgm")[:1]
        for number, (statement, parameters) in enumerate(log.find_all("@@"), start=1):
            lines = explain(
                engine, PLANS_FILE, f"{title} #{number}", statement, parameters, setup=setup
            )
            for line in lines:
                print("    " + line)


async def run() -> None:
    chain = QAChain()
    var = Path(tempfile.mkdtemp(prefix="winkelpraat-bench-qa-"))
    with throwaway_postgres("winkelpraat_bench_qa") as url:
        settings = migrated_settings(var, url)
        app = create_app(settings)
        engine: Engine = app.state.engine
        print(
            f"\n[questions and search, postgresql] {chain.regions} regions,"
            f" {chain.stores} stores, {chain.users:,} users, {chain.questions:,} questions,"
            f" {chain.posts:,} news posts: building"
        )
        seconds = run_steps(engine, BUILD_STEPS, chain.params())
        with engine.connect() as conn:
            print(f"  built in {seconds:.1f} s: {counts(conn, COUNTED)}")
        for line in _facts(engine):
            print("  " + line)
        staff, hq = _callers(engine, chain)
        print(machine())
        baseline = await bare_baseline()
        print(baseline.line())
        async with client_for(app) as client:
            await _show_results(client, staff, hq)
            similar = [_similar(query) for query in SIMILAR_QUERIES]
            search = [_search(query) for query in SEARCH_QUERIES]
            who = f"{len(staff)} staff"
            for name, paths, callers, goal_ms in [
                (f"GET /questions/similar ({who})", similar, staff, SIMILAR_GOAL_MS),
                ("GET /questions/similar (hq)", similar, [hq], SIMILAR_GOAL_MS),
                (f"GET /search ({who})", search, staff, SEARCH_GOAL_MS),
                ("GET /search (hq)", search, [hq], SEARCH_GOAL_MS),
            ]:
                latency = await measure_callers(client, name, paths, callers)
                print(latency.line(baseline) + goal(latency, goal_ms))
            await _plans(client, engine, staff, hq)
        engine.dispose()
