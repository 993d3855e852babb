"""A new part-timer's first shift, on a phone, through a connection that comes and goes.

She joins with the store's code, reads and acknowledges the must-read, asks a question, then
walks into the stockroom: no signal. There she does twenty things (comments, reactions, an
acknowledgement, answers to a colleague, two new questions), reloads the app once, and her
access token expires meanwhile. Back on the shop floor the connection returns, the answer to
the first comment sent is lost on the way back (the server stored it, the phone never heard),
and still everything arrives exactly once. In Dutch and in English, and the screens she sees
offline (pending items, the outbox) have no accessibility violations.

"No signal" is real here: the phone talks to the server through a proxy that is cut (every
connection closed, new ones refused), and Chromium is told it is offline so the app knows.
"""

import re
import secrets
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.app_storage import kv_put, outbox_at_rest, outbox_items, outbox_settled
from tests.e2e.conftest import (
    Api,
    Person,
    catalogue,
    come_back_online,
    go_offline,
    no_page_errors,
    unique,
    wait_for_service_worker_control,
)
from tests.e2e.test_accessibility import AXE_SOURCE, axe_violations, readable
from tests.support.cuttable_proxy import CuttableProxy

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
ApiAs = Callable[[Person], Api]
Words = dict[str, str]
# Twenty things and a lost answer take a few rounds of the outbox's retries.
SENT_TIMEOUT_MS = 45_000


def comment(page: Page, words: Words, text: str) -> None:
    page.get_by_label(words["news.commentLabel"]).fill(text)
    page.get_by_role("button", name=words["news.commentSend"]).click()
    expect(page.get_by_test_id("pending-comment").filter(has_text=text)).to_have_count(1)


def react(page: Page, kind: str) -> None:
    button = page.get_by_test_id(f"reaction-{kind}")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def answer(page: Page, words: Words, text: str) -> None:
    page.get_by_label(words["qa.answerLabel"]).fill(text)
    page.get_by_test_id("answer-submit").click()
    expect(page.get_by_test_id("pending-answer").filter(has_text=text)).to_have_count(1)


def ask(page: Page, words: Words, title: str) -> None:
    page.goto("/questions/new")
    page.get_by_label(words["qa.field.title"]).fill(title)
    page.get_by_label(words["qa.field.category"]).select_option("products")
    page.get_by_test_id("ask-submit").click()


def open_post(page: Page, post: dict[str, Any]) -> None:
    page.goto(f"/news/{post['id']}")
    expect(page.get_by_test_id("news-title")).to_have_text(post["title"])


def open_question(page: Page, question: dict[str, Any]) -> None:
    page.goto(f"/questions/{question['id']}")
    expect(page.get_by_test_id("question-title")).to_have_text(question["title"])


def no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{readable(violations)}"


def waiting(page: Page) -> Locator:
    return page.get_by_test_id("outbox-indicator")


def expire_access_token(page: Page) -> str:
    """The access token runs out while she is in the stockroom: from now on the server refuses
    what the page and the service worker hold (a token whose signature no longer matches gets
    the same 401 as an expired one), and only the refresh token can get a new one."""
    refused: str = page.evaluate(
        """() => {
            const token = localStorage.getItem("wp.access_token");
            const [head, payload, signature] = token.split(".");
            const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
            const refused = [head, payload, flipped].join(".");
            localStorage.setItem("wp.access_token", refused);
            return refused;
        }"""
    )
    kv_put(page, "access_token", refused)  # the copy the service worker sends with
    return refused


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_shift_in_and_out_of_the_stockroom_loses_and_duplicates_nothing(
    lang: str,
    new_phone: Callable[..., Page],
    proxy: CuttableProxy,
    admin_api: Api,
    store: dict[str, Any],
    join_as: Callable[..., Person],
    api_as: ApiAs,
) -> None:
    to_store = {"store_ids": [store["id"]]}
    welcome = admin_api.create_post(
        title=unique("Welkom in het team "), audience=to_store, must_read=True
    )
    promo = admin_api.create_post(title=unique("Actie van de week "), audience=to_store)
    safety = admin_api.create_post(
        title=unique("Nieuwe regels koelcel "), audience=to_store, must_read=True
    )
    colleague = join_as("staff", store, "Daan Visser")
    as_colleague = api_as(colleague)
    questions = [
        as_colleague.http.post(
            "/questions",
            json={"title": unique(title), "category": "products", "scope": "store"},
        ).json()
        for title in ("Waar staan de nieuwe prijskaartjes ", "Wie heeft de sleutel van de kooi ")
    ]
    assert all("id" in q for q in questions), questions

    # She joins with the store's code, on her own phone, through the proxy, in her language.
    # (axe-core is a test tool put in from outside; the app's CSP allows only its own scripts.)
    page = new_phone(base_url=proxy.url, bypass_csp=True)
    page.context.add_init_script(AXE_SOURCE)
    invite = admin_api.create_invite(store["id"])
    username = unique("lotte.")
    page.goto(f"/join/{invite['code']}")
    form = page.get_by_test_id("join-form")
    form.get_by_label(NL["join.language"]).select_option(lang)
    words = catalogue(lang)
    form.get_by_label(words["join.name"]).fill("Lotte Jansen")
    form.get_by_label(words["join.username"]).fill(username)
    form.get_by_label(words["join.password"]).fill("pw-" + secrets.token_urlsafe(10))
    form.get_by_role("button", name=words["join.submit"]).click()
    expect(page.get_by_test_id("home-greeting")).to_be_visible()
    wait_for_service_worker_control(page)
    lotte = next(p for p in admin_api.users_of_store(store["id"]) if p["username"] == username)
    assert lotte["locale"] == lang

    # Online: she reads and acknowledges the welcome, and asks her first question.
    open_post(page, welcome)
    page.get_by_test_id("news-ack-button").click()
    expect(page.get_by_test_id("news-acknowledged")).to_have_text(words["news.acknowledged"])
    first_question = unique("Hoe laat begint de pauze ") + "?"
    ask(page, words, first_question)
    expect(page.get_by_test_id("question-title")).to_have_text(first_question)

    # What she looks at on the shop floor is what she can read in the stockroom.
    for post in (promo, safety):
        open_post(page, post)
    page.goto("/questions/new")  # the categories, for asking offline
    expect(page.get_by_label(words["qa.field.category"]).locator("option")).not_to_have_count(1)
    for question in questions:
        open_question(page, question)
    outbox_settled(page)

    go_offline(page, proxy)
    open_post(page, promo)  # from the cache
    comment(page, words, "1. Staat de actie ook in de folder?")
    comment(page, words, "2. De borden hangen al")
    react(page, "like")
    react(page, "clap")
    expect(page.get_by_test_id("offline-banner")).to_contain_text(words["offline.title"])
    no_axe_violations(page)
    open_post(page, safety)
    react(page, "laugh")  # 5.
    comment(page, words, "6. Duidelijk, dank je")
    react(page, "heart")
    page.get_by_test_id("news-ack-button").click()  # 8.
    expect(page.get_by_test_id("news-acknowledged")).to_have_text(words["outbox.ackWaiting"])
    open_question(page, questions[0])
    answer(page, words, "9. In de la onder de kassa")
    answer(page, words, "10. En reserve in het magazijn, bovenste plank")

    # The app is closed and opened again in the stockroom: nothing waiting is lost.
    page.reload()
    expect(page.get_by_test_id("question-title")).to_have_text(questions[0]["title"])
    expect(page.get_by_test_id("pending-answer")).to_have_count(2)
    expect(page.get_by_test_id("offline-banner")).to_contain_text(words["offline.title"])

    open_question(page, questions[1])
    answer(page, words, "11. De manager heeft hem")
    new_questions = [unique("Mag ik mijn dienst ruilen ") + "?", unique("Waar is de ladder ") + "?"]
    for title in new_questions:  # 12, 13.
        ask(page, words, title)
        expect(page).to_have_url(re.compile(r"/questions$"))
        expect(page.get_by_test_id("pending-question").filter(has_text=title)).to_have_count(1)
    open_post(page, promo)
    comment(page, words, "14. Hoeveel stuks per klant?")
    react(page, "thanks")
    comment(page, words, "16. Ik zet ze morgen bij")
    open_question(page, questions[1])
    answer(page, words, "17. Of in het sleutelkastje")
    open_post(page, safety)
    comment(page, words, "18. Geldt dit ook voor de vriezer?")
    react(page, "wow")
    comment(page, words, "20. Ik hang het briefje op")
    expect(waiting(page)).to_be_visible()
    # All twenty wait on the phone (with the read marks of the posts she opened, if those had
    # not gone out before the signal went); nothing got through to the server yet.
    queued = outbox_at_rest(page)
    chosen = Counter(item["kind"] for item in queued if item["kind"] != "read")
    assert chosen == {"comment": 7, "reaction": 6, "ack": 1, "answer": 4, "question": 2}
    assert all(item["state"] == "waiting" for item in queued)
    expect(waiting(page)).to_have_attribute("data-waiting", str(len(queued)))
    waiting(page).click()
    expect(page.get_by_test_id("outbox-item")).to_have_count(len(queued))
    no_axe_violations(page)
    page.go_back()
    expect(page.get_by_test_id("news-title")).to_have_text(safety["title"])
    assert api_as(colleague).comments(promo["id"]) == []
    assert proxy.refused > 0

    # Back on the shop floor. The token ran out meanwhile, and the answer to the first comment
    # that goes out is lost on the way back although the server stored it.
    refused_token = expire_access_token(page)
    with httpx.Client(base_url=f"{admin_api.base_url}/api/v1") as raw:
        refused = raw.get("/me", headers={"Authorization": f"Bearer {refused_token}"})
    assert refused.status_code == 401
    proxy.kill_after_forwarding(r"^POST /api/v1/news/\d+/comments ")
    come_back_online(page, proxy)
    try:
        expect(waiting(page)).to_have_count(0, timeout=SENT_TIMEOUT_MS)
    except AssertionError as error:
        raise AssertionError(f"still in the outbox: {outbox_items(page)}") from error
    assert proxy.killed and proxy.killed[0].startswith("POST /api/v1/news/")

    # Everything arrived, once, in the order she did it.
    bodies = {p["id"]: [c["body"] for c in admin_api.comments(p["id"])] for p in (promo, safety)}
    assert bodies[promo["id"]] == [
        "1. Staat de actie ook in de folder?",
        "2. De borden hangen al",
        "14. Hoeveel stuks per klant?",
        "16. Ik zet ze morgen bij",
    ]
    assert bodies[safety["id"]] == [
        "6. Duidelijk, dank je",
        "18. Geldt dit ook voor de vriezer?",
        "20. Ik hang het briefje op",
    ]
    as_lotte = Api(admin_api.base_url, page.evaluate("localStorage.getItem('wp.access_token')"))
    try:
        seen_promo = as_lotte.news_post(promo["id"])
        seen_safety = as_lotte.news_post(safety["id"])
        assert sorted(seen_promo["my_reactions"]) == ["clap", "like", "thanks"]
        assert sorted(seen_safety["my_reactions"]) == ["heart", "laugh", "wow"]
        assert seen_safety["read"] is True and seen_safety["acknowledged"] is True
        assert as_lotte.news_post(welcome["id"])["acknowledged"] is True
        answers = {
            q["id"]: [
                a["body"]
                for a in as_lotte.http.get(f"/questions/{q['id']}").json()["answers"]
                if a["author"]["id"] == lotte["id"]
            ]
            for q in questions
        }
        mine = as_lotte.http.get("/questions", params={"mine": "true", "limit": 100}).json()
    finally:
        as_lotte.close()
    assert answers[questions[0]["id"]] == [
        "9. In de la onder de kassa",
        "10. En reserve in het magazijn, bovenste plank",
    ]
    assert answers[questions[1]["id"]] == [
        "11. De manager heeft hem",
        "17. Of in het sleutelkastje",
    ]
    assert sorted(q["title"] for q in mine["items"]) == sorted([first_question, *new_questions])

    # The refresh token was used (the expired access token was not the end of her login).
    assert page.evaluate("localStorage.getItem('wp.access_token')") != refused_token
    # And the phone shows each of them once, with nothing left waiting after a reload.
    page.reload()
    expect(page.get_by_test_id("news-title")).to_have_text(safety["title"])
    expect(page.get_by_test_id("comment-item")).to_have_count(3)
    expect(page.get_by_test_id("pending-comment")).to_have_count(0)
    expect(page.get_by_test_id("offline-banner")).to_be_hidden()
    no_page_errors(page)
