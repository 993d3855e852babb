"""What a notification says, in both languages: the recipient's language is picked in SQL."""

from dataclasses import dataclass

from api.notifications.models import Category
from api.org.models import Locale

TITLE_MAX = 200
BODY_MAX = 500


@dataclass(frozen=True)
class Message:
    kind: str
    category: Category
    url: str
    title: dict[Locale, str]
    body: dict[Locale, str]
    subject: str | None = None  # what it is about, e.g. "news_post:12"
    needs_ack: bool = False  # repeated in summaries until the person acknowledges it

    def title_in(self, locale: Locale) -> str:
        return _clip(self.title.get(locale) or _first(self.title), TITLE_MAX)

    def body_in(self, locale: Locale) -> str:
        return _clip(self.body.get(locale) or _first(self.body), BODY_MAX)


def _first(texts: dict[Locale, str]) -> str:
    """The original, when there is no version in the reader's language."""
    return next(iter(texts.values()))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def both(text: str) -> dict[Locale, str]:
    """User-written text (a question's title) reads the same in every language."""
    return {Locale.NL: text, Locale.EN: text}


def new_answer(*, question_id: int, question_title: str, answerer: str) -> Message:
    return Message(
        kind="qa.answer",
        category=Category.QA,
        url=f"/questions/{question_id}",
        title={
            Locale.NL: f"{answerer} heeft je vraag beantwoord",
            Locale.EN: f"{answerer} answered your question",
        },
        body=both(question_title),
    )


def answer_accepted(*, question_id: int, question_title: str) -> Message:
    return Message(
        kind="qa.accepted",
        category=Category.QA,
        url=f"/questions/{question_id}",
        title={
            Locale.NL: "Je antwoord is gekozen als beste",
            Locale.EN: "Your answer was chosen as the best",
        },
        body=both(question_title),
    )


def question_for_you(*, question_id: int, question_title: str, category: str) -> Message:
    return Message(
        kind="qa.routed",
        category=Category.QA,
        url=f"/questions/{question_id}",
        title={
            Locale.NL: f"Nieuwe vraag ({category}) die op jouw antwoord wacht",
            Locale.EN: f"A new question ({category}) is waiting for your answer",
        },
        body=both(question_title),
    )


def news_published(*, post_id: int, titles: dict[Locale, str], must_read: bool) -> Message:
    prefix = {Locale.NL: "Moet je lezen: ", Locale.EN: "Must read: "} if must_read else None
    return Message(
        kind="news.published",
        category=Category.NEWS,
        url=f"/news/{post_id}",
        title={
            locale: (prefix[locale] if prefix else "") + text for locale, text in titles.items()
        },
        body={Locale.NL: "Nieuw bericht in Winkelpraat", Locale.EN: "New in Winkelpraat"},
        subject=f"news_post:{post_id}",
        needs_ack=must_read,
    )


def summary(*, count: int, locale: Locale) -> tuple[str, str]:
    """Title and body of the one push that stands for everything held for a person."""
    if locale == Locale.EN:
        title = (
            "1 update since your last shift"
            if count == 1
            else f"{count} updates since your last shift"
        )
        return title, "Open Winkelpraat to read them."
    title = (
        "1 nieuw bericht sinds je laatste dienst"
        if count == 1
        else f"{count} nieuwe berichten sinds je laatste dienst"
    )
    return title, "Open Winkelpraat om ze te lezen."
