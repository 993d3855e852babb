"""Questions, answers and search in the PWA, in Chromium: asking (with similar questions while
typing), answering, voting and accepting, the managers' unanswered queue, and the search box."""

import re
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Locator, Page, Request, expect

from tests.e2e.conftest import Api, Person, catalogue, fill, log_in, no_page_errors, unique

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
EN = catalogue("en")

JoinAs = Callable[..., Person]
ApiAs = Callable[[Person], Api]

REPRINT = "Hoe print ik een kassabon opnieuw?"


def ask(api: Api, title: str, *, body: str = "", category: str = "checkout", **kw: Any) -> Any:
    """Ask through the API (store scope unless told: other tests' stores never see it)."""
    response = api.http.post(
        "/questions",
        json={"title": title, "body": body, "category": category, "scope": "store", **kw},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    return Api._ok(response, 201)


def answer(api: Api, question_id: int, body: str) -> Any:
    response = api.http.post(
        f"/questions/{question_id}/answers",
        json={"body": body},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    return Api._ok(response, 201)


def accept(api: Api, question_id: int, answer_id: int) -> Any:
    response = api.http.post(f"/questions/{question_id}/accept", json={"answer_id": answer_id})
    return Api._ok(response, 200)


def question(api: Api, question_id: int) -> Any:
    return Api._ok(api.http.get(f"/questions/{question_id}"), 200)


def opened(page: Page, heading: str) -> None:
    """Wait until an in-app page change is complete: the router has focused the new screen's
    heading (typing before that could land in the heading instead of a field)."""
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_have_text(heading)
    expect(h1).to_be_focused()


def card(page: Page, question_id: int) -> Locator:
    return page.locator(f'[data-testid="question-card"][data-id="{question_id}"]')


def list_ids(page: Page, test_id: str = "qa-list") -> list[int]:
    """The ids in a question list once its current request has been answered."""
    listing = page.get_by_test_id(test_id)
    expect(listing).to_have_attribute("aria-busy", "false")
    return [
        int(c.get_attribute("data-id") or 0) for c in listing.get_by_test_id("question-card").all()
    ]


def answer_item(page: Page, answer_id: int) -> Locator:
    return page.locator(f'[data-testid="answer-item"][data-id="{answer_id}"]')


def is_similar(request: Request) -> bool:
    return "/api/v1/questions/similar?" in request.url


def is_ask(request: Request) -> bool:
    return request.method == "POST" and request.url.endswith("/api/v1/questions")


def test_staff_asks_after_seeing_a_similar_question_a_colleague_answers_and_the_asker_accepts(
    new_phone: Any,
    store: dict[str, Any],
    staff: Person,
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    colleague = join_as("staff", store, "Noor Bakker")
    manager = join_as("store_manager", store)
    colleague_api = api_as(colleague)
    manager_api = api_as(manager)
    # Already asked and answered in this store; and an older question nobody answered yet.
    reprint = ask(colleague_api, REPRINT, body="De klant wil een kopie.")
    accept(
        colleague_api, reprint["id"], answer(manager_api, reprint["id"], "Via Menu > Kopie.")["id"]
    )
    waiting = ask(
        colleague_api, unique("Waar liggen de nieuwe prijskaartjes "), category="products"
    )

    # The staff member opens Questions from the nav and starts typing a question.
    phone: Page = new_phone()
    log_in(phone, staff.username, staff.password)
    expect(phone.get_by_test_id("nav-unanswered")).to_have_count(0)  # not for plain staff
    phone.get_by_test_id("nav-questions").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(NL["qa.title"])
    expect(phone.get_by_test_id("nav-questions")).to_have_attribute("aria-current", "page")
    phone.get_by_test_id("qa-ask").click()
    opened(phone, NL["qa.askTitle"])

    looked_up: list[str] = []
    phone.on("request", lambda r: looked_up.append(r.url) if is_similar(r) else None)
    typed = "bon opnieuw printen"
    title = phone.get_by_label(NL["qa.field.title"])
    title.press_sequentially(typed, delay=40)
    similar = phone.get_by_test_id("similar-questions")
    expect(similar.get_by_role("heading")).to_have_text(NL["qa.similar.heading"])
    match = similar.locator(f'[data-testid="similar-question"][data-id="{reprint["id"]}"]')
    expect(match.get_by_role("link")).to_have_text(REPRINT)
    expect(match.get_by_test_id("question-status")).to_have_text(NL["qa.status.answered"])
    expect(match.get_by_role("link")).to_have_attribute("href", f"/questions/{reprint['id']}")
    # Debounced: far fewer look-ups than key presses, the last one for the whole text.
    assert 1 <= len(looked_up) < len(typed) // 2, looked_up
    assert parse_qs(urlparse(looked_up[-1]).query)["q"] == [typed]

    # A look at the match, and back: the half-written question is still there.
    match.get_by_role("link").click()
    expect(phone.get_by_test_id("question-title")).to_have_text(REPRINT)
    expect(phone.get_by_test_id("answer-accepted")).to_be_visible()
    phone.go_back()
    expect(title).to_have_value(typed)

    # It is about the self-scan checkout, so they ask anyway.
    own_title = unique("Bon opnieuw printen bij de zelfscan ") + "?"
    title.fill(own_title)
    phone.get_by_label(NL["qa.field.body"]).fill("De printer van de **zelfscan** geeft niets.")
    phone.get_by_label(NL["qa.field.category"]).select_option("checkout")
    phone.get_by_label(NL["qa.scope.storeLong"]).check()
    with phone.expect_request(is_ask) as sent:
        phone.get_by_test_id("ask-submit").click()
    assert sent.value.headers.get("idempotency-key")
    assert sent.value.post_data_json == {
        "title": own_title,
        "body": "De printer van de **zelfscan** geeft niets.",
        "category": "checkout",
        "scope": "store",
    }
    expect(phone.get_by_test_id("question-title")).to_have_text(own_title)
    expect(phone.get_by_test_id("question-body").locator("strong")).to_have_text("zelfscan")
    expect(phone.get_by_test_id("question-status")).to_have_text(NL["qa.status.open"])
    expect(phone.get_by_test_id("answers-empty")).to_have_text(NL["qa.noAnswers"])
    asked_id = int(phone.url.rstrip("/").rsplit("/", 1)[1])

    # The manager finds it in the unanswered queue, oldest first, with its age.
    boss: Page = new_phone()
    boss_requests: list[str] = []
    boss.context.on("request", lambda r: boss_requests.append(r.url))
    log_in(boss, manager.username, manager.password)
    boss.get_by_test_id("nav-unanswered").click()
    expect(boss.get_by_role("heading", level=1)).to_have_text(NL["qa.queue.title"])
    queue = list_ids(boss, "queue-list")
    assert queue.index(waiting["id"]) < queue.index(asked_id)
    assert reprint["id"] not in queue  # answered already
    expect(card(boss, asked_id).get_by_test_id("queue-age")).to_have_text(
        fill(NL["qa.queue.waiting"], age="1 min")
    )
    expect(card(boss, asked_id).get_by_test_id("queue-age")).to_have_attribute("datetime", "PT1M")
    # The queue is its own chunk, fetched when opened.
    assert any("/assets/manage-Unanswered-" in url for url in boss_requests)

    # A colleague answers from the question list.
    helper: Page = new_phone()
    log_in(helper, colleague.username, colleague.password)
    helper.get_by_test_id("nav-questions").click()
    card(helper, asked_id).get_by_role("link").click()
    form = helper.get_by_test_id("answer-form")
    form.get_by_label(NL["qa.answerLabel"]).fill("Zet hem even uit en aan, dan doet hij het weer.")
    with helper.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith(f"/questions/{asked_id}/answers")
    ) as answered:
        form.get_by_role("button", name=NL["qa.answerSend"]).click()
    assert answered.value.status == 201
    assert answered.value.request.headers.get("idempotency-key")
    answer_id = answered.value.json()["id"]
    own = answer_item(helper, answer_id)
    expect(own.get_by_test_id("answer-body")).to_have_text(
        "Zet hem even uit en aan, dan doet hij het weer."
    )
    expect(own.get_by_test_id("answer-vote")).to_be_disabled()  # not on your own answer
    expect(own.get_by_test_id("answer-accept")).to_have_count(0)  # not the asker
    expect(form.get_by_label(NL["qa.answerLabel"])).to_have_value("")

    # It has left the manager's queue.
    boss.reload()
    assert asked_id not in list_ids(boss, "queue-list")

    # The asker votes for the answer and chooses it: the question is answered.
    phone.reload()
    item = answer_item(phone, answer_id)
    vote = item.get_by_test_id("answer-vote")
    expect(vote).to_have_attribute("aria-pressed", "false")
    with phone.expect_response(lambda r: r.url.endswith(f"/answers/{answer_id}/vote")) as voted:
        vote.click()
    assert (voted.value.request.method, voted.value.status) == ("PUT", 204)
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(item.get_by_test_id("answer-votes")).to_have_text("1")
    with phone.expect_response(lambda r: r.url.endswith(f"/questions/{asked_id}/accept")) as chosen:
        item.get_by_test_id("answer-accept").click()
    assert chosen.value.status == 200
    expect(item.get_by_test_id("answer-accepted")).to_have_text(re.compile(NL["qa.accepted"]))
    expect(phone.get_by_test_id("question-status")).to_have_text(NL["qa.status.answered"])
    expect(item.get_by_test_id("answer-accept")).to_have_count(0)
    stored = question(colleague_api, asked_id)
    assert stored["status"] == "answered"
    assert stored["accepted_answer_id"] == answer_id
    assert stored["answers"][0]["votes"] == 1

    # Staff typing the queue's address get a refusal, and never the manager's chunk.
    phone_requests: list[str] = []
    phone.context.on("request", lambda r: phone_requests.append(r.url))
    phone.goto("/questions/unanswered")
    expect(phone.get_by_test_id("forbidden")).to_contain_text(NL["qa.queue.forbidden"])
    assert not [url for url in phone_requests if "/assets/manage-" in url]
    for page in (phone, boss, helper):
        no_page_errors(page)


def test_a_vote_already_cast_on_another_phone_is_kept_not_doubled(
    new_phone: Any, store: dict[str, Any], staff: Person, join_as: JoinAs, api_as: ApiAs
) -> None:
    colleague = join_as("staff", store)
    asked = ask(api_as(colleague), unique("Wie heeft de sleutel van het magazijn "))
    given = answer(api_as(colleague), asked["id"], "Die hangt bij de kassa.")

    page: Page = new_phone()
    log_in(page, staff.username, staff.password)
    page.goto(f"/questions/{asked['id']}")
    vote = answer_item(page, given["id"]).get_by_test_id("answer-vote")
    expect(vote).to_have_attribute("aria-pressed", "false")
    # Meanwhile the same person votes on their other phone; this screen does not know.
    assert api_as(staff).http.put(f"/answers/{given['id']}/vote").status_code == 204

    with page.expect_response(lambda r: r.url.endswith(f"/answers/{given['id']}/vote")) as put:
        vote.click()
    assert put.value.status == 409
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(answer_item(page, given["id"]).get_by_test_id("answer-votes")).to_have_text("1")
    expect(page.get_by_role("alert")).to_have_count(0)

    # Taking it back works, and the server agrees.
    with page.expect_response(lambda r: r.url.endswith(f"/answers/{given['id']}/vote")) as deleted:
        vote.click()
    assert (deleted.value.request.method, deleted.value.status) == ("DELETE", 204)
    expect(vote).to_have_attribute("aria-pressed", "false")
    expect(answer_item(page, given["id"]).get_by_test_id("answer-votes")).to_have_text("0")
    assert question(api_as(staff), asked["id"])["answers"][0]["votes"] == 0
    no_page_errors(page)


def test_search_finds_a_news_post_and_a_question_with_the_matches_marked(
    page: Page,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    colleague = join_as("staff", store)
    post = admin_api.create_post(
        title="Nieuwe kassabonnen vanaf maandag",
        body="De kassabon krijgt een QR-code. Gooi oude <b>rollen</b> niet weg.",
        audience={"store_ids": [store["id"]]},
    )
    asked = ask(
        api_as(colleague), REPRINT, body="Een <script>klant</script> wil de kassabon nog eens."
    )

    log_in(page, staff.username, staff.password)
    page.get_by_test_id("nav-search").click()
    opened(page, NL["search.title"])
    box = page.get_by_role("searchbox", name=NL["search.label"])
    box.press_sequentially("kassabon", delay=30)

    results = page.get_by_test_id("search-results")
    news_hit = results.locator(
        f'[data-testid="search-hit"][data-type="news"][data-id="{post["id"]}"]'
    )
    question_hit = results.locator(
        f'[data-testid="search-hit"][data-type="question"][data-id="{asked["id"]}"]'
    )
    expect(news_hit.get_by_role("link")).to_have_text(post["title"])
    expect(news_hit.get_by_role("link")).to_have_attribute("href", f"/news/{post['id']}")
    expect(news_hit.get_by_test_id("search-hit-type")).to_have_text(NL["search.type.news"])
    expect(question_hit.get_by_role("link")).to_have_text(REPRINT)
    expect(question_hit.get_by_role("link")).to_have_attribute("href", f"/questions/{asked['id']}")
    expect(question_hit.get_by_test_id("search-hit-type")).to_have_text(NL["search.type.question"])
    expect(question_hit.get_by_test_id("question-status")).to_have_text(NL["qa.status.open"])
    expect(page.get_by_test_id("search-status")).to_have_text(
        fill(NL["search.results"], query="kassabon")
    )

    # The snippets are HTML with the matches in <mark>; what people typed stays text.
    news_snippet = news_hit.get_by_test_id("search-snippet")
    expect(news_snippet.locator("mark").first).to_have_text(re.compile("^kassabon", re.I))
    expect(news_snippet).to_contain_text("<b>rollen</b>")
    expect(news_snippet.locator("b")).to_have_count(0)
    question_snippet = question_hit.get_by_test_id("search-snippet")
    expect(question_snippet.locator("mark").first).to_have_text(re.compile("kassabon", re.I))
    expect(question_snippet).to_contain_text("<script>klant</script>")
    expect(question_snippet.locator("script")).to_have_count(0)

    # The search stays in the address: back from a hit shows the same results.
    question_hit.get_by_role("link").click()
    expect(page.get_by_test_id("question-title")).to_have_text(REPRINT)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/search\?q=kassabon$"))
    expect(box).to_have_value("kassabon")
    expect(news_hit.get_by_role("link")).to_have_text(post["title"])
    news_hit.get_by_role("link").click()
    expect(page.get_by_test_id("news-title")).to_have_text(post["title"])

    # Nothing found says so.
    page.get_by_test_id("nav-search").click()
    opened(page, NL["search.title"])
    page.get_by_role("searchbox").fill("")
    page.get_by_role("searchbox").fill("xylofoonstemmer")
    expect(page.get_by_test_id("search-status")).to_have_text(
        fill(NL["search.nothing"], query="xylofoonstemmer")
    )
    expect(page.get_by_test_id("search-hit")).to_have_count(0)
    no_page_errors(page)


def test_question_list_filters_by_status_category_and_mine(
    page: Page, store: dict[str, Any], staff: Person, join_as: JoinAs, api_as: ApiAs
) -> None:
    colleague = join_as("staff", store)
    manager = join_as("store_manager", store)
    staff_api, colleague_api = api_as(staff), api_as(colleague)
    mine_open = ask(staff_api, unique("Mag ik mijn pauze ruilen "), category="planning")
    mine_answered = ask(staff_api, unique("Waar vind ik mijn loonstrook "), category="hr")
    accept(
        staff_api,
        mine_answered["id"],
        answer(api_as(manager), mine_answered["id"], "In de app van de salarisadministratie.")[
            "id"
        ],
    )
    theirs = ask(colleague_api, unique("Is de wifi voor klanten kapot "), category="it")

    log_in(page, staff.username, staff.password)
    page.get_by_test_id("nav-questions").click()
    assert list_ids(page) == [theirs["id"], mine_answered["id"], mine_open["id"]]
    expect(card(page, theirs["id"]).get_by_test_id("question-status")).to_have_text(
        NL["qa.status.open"]
    )
    expect(card(page, mine_answered["id"]).get_by_test_id("question-status")).to_have_text(
        NL["qa.status.answered"]
    )
    expect(card(page, mine_answered["id"]).get_by_test_id("question-answer-count")).to_have_text(
        fill(NL["qa.answerCount"], count=1)
    )

    page.get_by_test_id("qa-filter-open").click()
    expect(page.get_by_test_id("qa-filter-open")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("question-card")).to_have_count(2)
    assert list_ids(page) == [theirs["id"], mine_open["id"]]

    page.get_by_test_id("qa-filter-mine").click()
    expect(page.get_by_test_id("question-card")).to_have_count(1)
    assert list_ids(page) == [mine_open["id"]]

    page.get_by_test_id("qa-filter-answered").click()
    expect(page.get_by_test_id("question-card")).to_have_count(1)
    assert list_ids(page) == [mine_answered["id"]]

    # The filters are in the address, so back from a question keeps them.
    page.get_by_test_id("qa-filter-all").click()
    expect(page.get_by_test_id("qa-filter-mine")).to_have_attribute("aria-pressed", "true")
    page.get_by_label(NL["qa.filter.category"]).select_option("hr")
    expect(page.get_by_test_id("question-card")).to_have_count(1)
    assert list_ids(page) == [mine_answered["id"]]
    expect(page).to_have_url(re.compile(r"/questions\?category=hr&mine=1$"))
    card(page, mine_answered["id"]).get_by_role("link").click()
    expect(page.get_by_test_id("question-title")).to_have_text(mine_answered["title"])
    page.go_back()
    expect(page.get_by_label(NL["qa.filter.category"])).to_have_value("hr")
    expect(page.get_by_test_id("qa-filter-mine")).to_have_attribute("aria-pressed", "true")
    assert list_ids(page) == [mine_answered["id"]]

    page.get_by_label(NL["qa.filter.category"]).select_option("it")
    expect(page.get_by_test_id("qa-empty")).to_have_text(NL["qa.empty.filtered"])
    no_page_errors(page)


def test_the_ask_form_shows_what_is_missing_and_the_servers_field_errors(
    new_phone: Any, store: dict[str, Any], staff: Person, join_as: JoinAs, api_as: ApiAs
) -> None:
    # Nothing filled in: the app says what is missing next to the fields and sends nothing.
    page: Page = new_phone(service_workers="block")  # page.route does not see worker requests
    log_in(page, staff.username, staff.password)
    page.goto("/questions/new")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if is_ask(r) else None)
    page.get_by_test_id("ask-submit").click()
    expect(page.get_by_test_id("form-error")).to_have_text(NL["qa.checkFields"])
    expect(page.get_by_test_id("ask-title-error")).to_have_text(NL["form.required"])
    expect(page.get_by_test_id("ask-category-error")).to_have_text(NL["qa.chooseCategory"])
    expect(page.get_by_label(NL["qa.field.title"])).to_be_focused()
    page.get_by_label(NL["qa.field.title"]).fill("Hé")
    page.get_by_test_id("ask-submit").click()
    expect(page.get_by_test_id("ask-title-error")).to_have_text(fill(NL["qa.titleTooShort"], min=3))
    assert sent == []

    # The server's 422, as it answers an unknown category (which the form never offers): the
    # message appears next to the category.
    real = api_as(staff).http.post(
        "/questions", json={"title": "Waar is de ladder?", "category": "ladders", "scope": "store"}
    )
    assert real.status_code == 422
    page.route(
        "**/api/v1/questions",
        lambda route: (
            route.fulfill(status=422, content_type="application/json", body=real.text)
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_label(NL["qa.field.title"]).fill("Waar is de ladder?")
    page.get_by_label(NL["qa.field.category"]).select_option("products")
    page.get_by_test_id("ask-submit").click()
    expect(page.get_by_test_id("ask-category-error")).to_have_text(real.json()["detail"][0]["msg"])
    expect(page.get_by_label(NL["qa.field.category"])).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/questions/new$"))

    # Head office has no store of its own: the company is the only choice.
    hq = join_as("hq")
    office: Page = new_phone()
    log_in(office, hq.username, hq.password)
    office.goto("/questions/new")
    expect(office.get_by_label(NL["qa.scope.storeLong"])).to_be_disabled()
    expect(office.get_by_label(NL["qa.scope.companyLong"])).to_be_checked()
    no_page_errors(page)
    no_page_errors(office)


def test_the_asker_edits_and_deletes_their_question_and_others_get_no_such_buttons(
    new_phone: Any, store: dict[str, Any], staff: Person, join_as: JoinAs, api_as: ApiAs
) -> None:
    colleague = join_as("staff", store)
    asked = ask(api_as(staff), unique("Wanneer komt de nieuwe rooster "), category="planning")

    other: Page = new_phone()
    log_in(other, colleague.username, colleague.password)
    other.goto(f"/questions/{asked['id']}")
    expect(other.get_by_test_id("question-title")).to_have_text(asked["title"])
    expect(other.get_by_test_id("question-edit")).to_have_count(0)
    expect(other.get_by_test_id("question-delete")).to_have_count(0)

    page: Page = new_phone()
    log_in(page, staff.username, staff.password)
    page.goto(f"/questions/{asked['id']}")
    page.get_by_test_id("question-edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NL["qa.editTitle"])
    title = page.get_by_label(NL["qa.field.title"])
    expect(title).to_have_value(asked["title"])
    expect(page.get_by_test_id("similar-questions")).to_have_count(0)
    new_title = unique("Wanneer komt het nieuwe rooster ") + "?"
    title.fill(new_title)
    with page.expect_response(
        lambda r: r.request.method == "PATCH" and r.url.endswith(f"/questions/{asked['id']}")
    ) as patched:
        page.get_by_test_id("ask-submit").click()
    assert patched.value.status == 200
    assert patched.value.request.post_data_json == {"title": new_title}  # only what changed
    expect(page.get_by_test_id("question-title")).to_have_text(new_title)

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(
        lambda r: r.request.method == "DELETE" and r.url.endswith(f"/questions/{asked['id']}")
    ) as deleted:
        page.get_by_test_id("question-delete").click()
    assert deleted.value.status == 204
    expect(page.get_by_role("heading", level=1)).to_have_text(NL["qa.title"])
    expect(card(page, asked["id"])).to_have_count(0)
    assert api_as(colleague).http.get(f"/questions/{asked['id']}").status_code == 404
    no_page_errors(page)
    no_page_errors(other)


def test_english_labels_for_questions_and_search(
    page: Page, store: dict[str, Any], join_as: JoinAs, api_as: ApiAs
) -> None:
    manager = join_as("store_manager", store)
    staff = join_as("staff", store)
    asked = ask(api_as(staff), unique("Mag ik de kassa eerder sluiten "))

    log_in(page, manager.username, manager.password)
    nav = page.get_by_role("navigation", name=NL["nav.label"])
    expect(nav.get_by_role("link")).to_have_text(
        [NL["nav.home"], NL["nav.questions"], NL["nav.unanswered"], NL["nav.search"]]
    )
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me") and r.request.method == "PATCH"
    ):
        page.get_by_test_id("language-switch").get_by_role("button", name=EN["lang.en"]).click()
    nav = page.get_by_role("navigation", name=EN["nav.label"])
    expect(nav.get_by_role("link")).to_have_text(
        [EN["nav.home"], EN["nav.questions"], EN["nav.unanswered"], EN["nav.search"]]
    )

    nav.get_by_role("link", name=EN["nav.questions"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EN["qa.title"])
    expect(page.get_by_test_id("qa-ask")).to_have_text(EN["qa.ask"])
    expect(page.get_by_test_id("qa-filter-answered")).to_have_text(EN["qa.filter.answered"])
    expect(page.get_by_test_id("qa-filter-mine")).to_have_text(EN["qa.filter.mine"])
    expect(card(page, asked["id"]).get_by_test_id("question-status")).to_have_text(
        EN["qa.status.open"]
    )

    nav.get_by_role("link", name=EN["nav.unanswered"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EN["qa.queue.title"])
    expect(card(page, asked["id"]).get_by_test_id("queue-age")).to_have_text(
        fill(EN["qa.queue.waiting"], age="1 min")
    )

    page.get_by_test_id("nav-questions").click()
    page.get_by_test_id("qa-ask").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EN["qa.askTitle"])
    expect(page.get_by_label(EN["qa.field.title"])).to_be_visible()
    expect(page.get_by_label(EN["qa.field.category"])).to_be_visible()
    expect(page.get_by_label(EN["qa.scope.companyLong"])).to_be_visible()
    expect(page.get_by_test_id("ask-submit")).to_have_text(EN["qa.submit"])

    nav.get_by_role("link", name=EN["nav.search"]).click()
    expect(page.get_by_role("searchbox", name=EN["search.label"])).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    no_page_errors(page)
