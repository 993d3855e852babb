"""Similar questions while typing and the search box, on each database's own full-text engine."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import World

Q = "/api/v1/questions"

ASKED = [
    ("Hoe kan ik een kassabon opnieuw printen?", "De klant wil een kopie.", "checkout"),
    ("Klant wil geld terug zonder bon", "Mag dat?", "checkout"),
    ("Waar staat de printer voor prijskaartjes?", "Ik kan hem niet vinden.", "products"),
    ("Hoeveel vakantiedagen heb ik nog?", "Waar zie ik mijn saldo?", "hr"),
    ("Wanneer wordt de personeelskorting uitbetaald?", "", "hr"),
    ("How do I reprint a receipt for a customer?", "English speaking colleague here.", "checkout"),
]


def ask(
    client: TestClient,
    world: World,
    title: str,
    body: str,
    category: str,
    who: str = "staff",
    **kw: object,
) -> int:
    payload = {"title": title, "body": body, "category": category, "scope": "company"} | kw
    response = client.post(Q, json=payload, headers=world.headers(who))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def seed(client: TestClient, world: World) -> dict[str, int]:
    return {title: ask(client, world, title, body, category) for title, body, category in ASKED}


def similar(
    client: TestClient, world: World, text: str, who: str = "colleague"
) -> list[dict[str, Any]]:
    response = client.get(f"{Q}/similar", params={"q": text}, headers=world.headers(who))
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


def test_a_dutch_paraphrase_finds_the_original_first(client: TestClient, world: World) -> None:
    ids = seed(client, world)
    found = similar(client, world, "hoe print ik een bon opnieuw")
    assert found[0]["id"] == ids["Hoe kan ik een kassabon opnieuw printen?"]
    assert found[0]["score"] > 0 and found[0]["status"] == "open"


def test_part_of_a_compound_word_finds_the_compound(client: TestClient, world: World) -> None:
    ids = seed(client, world)
    assert ids["Wanneer wordt de personeelskorting uitbetaald?"] in {
        item["id"] for item in similar(client, world, "korting")
    }
    assert ids["Hoeveel vakantiedagen heb ik nog?"] in {
        item["id"]
        for item in similar(client, world, "vakantie")  # typing, mid-word
    }


def test_stems_match_other_word_forms(client: TestClient, world: World) -> None:
    ids = seed(client, world)
    found = [item["id"] for item in similar(client, world, "prijskaartje printers")]
    assert found[0] == ids["Waar staat de printer voor prijskaartjes?"]


def test_english_finds_english(client: TestClient, world: World) -> None:
    ids = seed(client, world)
    found = similar(client, world, "reprinting receipts")
    assert found[0]["id"] == ids["How do I reprint a receipt for a customer?"]


def test_answered_questions_rank_higher(client: TestClient, world: World) -> None:
    first = ask(client, world, "Mag ik mijn pauze later nemen?", "", "planning")
    second = ask(client, world, "Mag ik mijn pauze later nemen?", "", "planning", who="colleague")
    answer = client.post(
        f"{Q}/{first}/answers", json={"body": "Ja, overleg even."}, headers=world.headers("manager")
    )
    client.post(
        f"{Q}/{first}/accept",
        json={"answer_id": answer.json()["id"]},
        headers=world.headers("staff"),
    )
    found = similar(client, world, "pauze later")
    assert [item["id"] for item in found[:2]] == [first, second]
    assert found[0]["status"] == "answered"


def test_only_questions_the_caller_may_see(client: TestClient, world: World) -> None:
    hidden = ask(
        client, world, "Sleutel van de kluis kwijt", "", "checkout", scope="store", who="staff_b"
    )
    assert similar(client, world, "sleutel kluis", who="staff") == []
    assert [item["id"] for item in similar(client, world, "sleutel kluis", who="manager_b")] == [
        hidden
    ]
    assert [item["id"] for item in similar(client, world, "sleutel kluis", who="hq")] == [hidden]


def test_nothing_to_look_for(client: TestClient, world: World) -> None:
    seed(client, world)
    assert similar(client, world, "") == []
    assert similar(client, world, "de het een ?!") == []
    assert similar(client, world, '"bon" OR * NEAR(') != []  # FTS syntax is data, not syntax
    too_long = client.get(f"{Q}/similar", params={"q": "x" * 201}, headers=world.headers("staff"))
    assert too_long.status_code == 422


def test_search_finds_news_and_questions_with_marks(client: TestClient, world: World) -> None:
    ids = seed(client, world)
    post = client.post(
        "/api/v1/news",
        json={
            "title": "Nieuwe kassabonnen vanaf maandag",
            "body": "De <b>kassabon</b> krijgt een QR-code.",
        },
        headers=world.headers("hq"),
    ).json()
    response = client.get(
        "/api/v1/search", params={"q": "kassabon"}, headers=world.headers("staff")
    )
    assert response.status_code == 200, response.text
    hits = response.json()["items"]
    kinds = {(hit["type"], hit["id"]) for hit in hits}
    assert ("news", post["id"]) in kinds
    assert ("question", ids["Hoe kan ik een kassabon opnieuw printen?"]) in kinds
    news_hit = next(hit for hit in hits if hit["type"] == "news")
    assert news_hit["url"] == f"/news/{post['id']}"
    # User text is escaped; only the marks are HTML.
    assert "&lt;b&gt;" in news_hit["snippet"] and "<b>" not in news_hit["snippet"]
    assert "<mark>" in news_hit["snippet"]


def test_search_respects_news_audiences_and_drafts(client: TestClient, world: World) -> None:
    hq = world.headers("hq")
    for_b = client.post(
        "/api/v1/news",
        json={
            "title": "Inventaris winkel B",
            "body": "Tellen.",
            "audience": {"store_ids": [world.store_b.id]},
        },
        headers=hq,
    ).json()
    draft = client.post(
        "/api/v1/news",
        json={"title": "Inventaris concept", "body": "Nog niet.", "draft": True},
        headers=hq,
    ).json()

    def found(who: str) -> set[int]:
        hits = client.get(
            "/api/v1/search", params={"q": "inventaris"}, headers=world.headers(who)
        ).json()
        return {hit["id"] for hit in hits["items"] if hit["type"] == "news"}

    assert found("staff") == set()
    assert found("staff_b") == {for_b["id"]}
    assert draft["id"] not in found("hq")


def test_search_pages_and_bad_input(client: TestClient, world: World) -> None:
    for number in range(5):
        ask(client, world, f"Vraag over de kassa nummer {number}", "", "checkout")
    staff = world.headers("staff")
    first = client.get("/api/v1/search", params={"q": "kassa", "limit": 3}, headers=staff).json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    rest = client.get(
        "/api/v1/search",
        params={"q": "kassa", "limit": 3, "cursor": first["next_cursor"]},
        headers=staff,
    ).json()
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    seen = [hit["id"] for hit in first["items"] + rest["items"]]
    assert len(set(seen)) == 5
    for params in ({"q": ""}, {"q": "kassa", "cursor": "nonsense!"}, {"q": "kassa", "limit": 0}):
        assert client.get("/api/v1/search", params=params, headers=staff).status_code == 422, params
    assert client.get("/api/v1/search", params={"q": "kassa"}).status_code == 401
