"""Publishing store news: audiences, scheduling, urgency, translations, bad input."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from api.audit.models import AuditEntry
from api.news import service as news_service
from api.news.models import NewsPost
from tests.conftest import World
from tests.factories import make_store, make_user

NEWS = "/api/v1/news"


def post_body(**kw: object) -> dict[str, object]:
    return {
        "title": "Nieuwe kassa's",
        "body": "Vanaf **maandag** werken we met nieuwe kassa's.",
    } | kw


def feed_titles(client: TestClient, headers: dict[str, str], query: str = "") -> list[str]:
    response = client.get(f"{NEWS}{query}", headers=headers)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def parse_elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """The elements a browser would build (escaped text stays text)."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def post_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(NewsPost)).one()


def test_hq_publishes_to_everyone_and_staff_read_it(client: TestClient, world: World) -> None:
    response = client.post(NEWS, json=post_body(), headers=world.headers("hq"))
    assert response.status_code == 201
    post = response.json()
    assert post["status"] == "published" and post["urgency"] == "normal"
    assert (
        post["body_html"] == "<p>Vanaf <strong>maandag</strong> werken we met nieuwe kassa's.</p>\n"
    )
    assert post["author"]["id"] == world.users["hq"].id
    for reader in ("staff", "staff_b", "manager_b", "admin"):
        assert feed_titles(client, world.headers(reader)) == ["Nieuwe kassa's"], reader


def test_store_and_region_audiences_are_a_union_and_roles_narrow(
    client: TestClient, session: Session, world: World
) -> None:
    other_region_store = make_store(session)
    far_staff = make_user(session, store=other_region_store)
    hq = world.headers("hq")
    client.post(
        NEWS,
        json=post_body(title="Store A", audience={"store_ids": [world.store_a.id]}),
        headers=hq,
    )
    client.post(
        NEWS, json=post_body(title="Region", audience={"region_ids": [world.region.id]}), headers=hq
    )
    client.post(
        NEWS,
        json=post_body(
            title="Managers of A and far store",
            audience={
                "store_ids": [world.store_a.id, other_region_store.id],
                "roles": ["store_manager"],
            },
        ),
        headers=hq,
    )
    assert set(feed_titles(client, world.headers("staff"))) == {"Store A", "Region"}
    assert set(feed_titles(client, world.headers("staff_b"))) == {"Region"}
    assert set(feed_titles(client, world.headers("manager"))) == {
        "Store A",
        "Region",
        "Managers of A and far store",
    }
    from tests.conftest import TEST_SECRET
    from tests.factories import token_for

    far = {"Authorization": f"Bearer {token_for(session, far_staff, key=TEST_SECRET)}"}
    assert feed_titles(client, far) == []


def test_manager_publishes_to_own_store_only(
    client: TestClient, session: Session, world: World
) -> None:
    manager = world.headers("manager")
    own = client.post(
        NEWS, json=post_body(audience={"store_ids": [world.store_a.id]}), headers=manager
    )
    assert own.status_code == 201
    for audience in (
        {"store_ids": [world.store_b.id]},
        {},
        {"region_ids": [world.region.id]},
        {"store_ids": [world.store_a.id, world.store_b.id]},
    ):
        response = client.post(NEWS, json=post_body(audience=audience), headers=manager)
        assert response.status_code == 403, audience
    assert post_count(session) == 1
    assert client.post(NEWS, json=post_body(), headers=world.headers("staff")).status_code == 403


def test_urgent_needs_a_reason_and_is_audited(
    client: TestClient, session: Session, world: World
) -> None:
    hq = world.headers("hq")
    missing = client.post(NEWS, json=post_body(urgency="urgent"), headers=hq)
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "urgent_reason"]
    response = client.post(
        NEWS, json=post_body(urgency="urgent", urgent_reason="Storing: kassa's plat"), headers=hq
    )
    assert response.status_code == 201
    entry = session.exec(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.subject_id, entry.reason) == (
        "news.urgent",
        world.users["hq"].id,
        response.json()["id"],
        "Storing: kassa's plat",
    )
    manager = client.post(
        NEWS,
        json=post_body(
            urgency="urgent", urgent_reason="Brand", audience={"store_ids": [world.store_a.id]}
        ),
        headers=world.headers("manager"),
    )
    assert manager.status_code == 201


def test_scheduled_post_appears_when_the_job_publishes_it(
    client: TestClient, session: Session, world: World, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    at = frozen_clock.current + timedelta(hours=2)
    response = client.post(
        NEWS, json=post_body(publish_at=at.isoformat()), headers=world.headers("hq")
    )
    assert response.status_code == 201 and response.json()["status"] == "scheduled"
    assert feed_titles(client, world.headers("staff")) == []
    assert (
        client.get(f"{NEWS}/{response.json()['id']}", headers=world.headers("staff")).status_code
        == 404
    )
    frozen_clock.advance(hours=2, seconds=1)
    assert feed_titles(client, world.headers("staff")) == []  # not published on read
    assert news_service.publish_due(session) == [response.json()["id"]]
    assert feed_titles(client, world.headers("staff")) == ["Nieuwe kassa's"]
    post = session.get(NewsPost, response.json()["id"])
    assert post is not None and post.published_at == at.replace(microsecond=at.microsecond)


def test_expired_posts_leave_the_feed(client: TestClient, world: World, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    expires = frozen_clock.current + timedelta(days=1)
    client.post(NEWS, json=post_body(expires_at=expires.isoformat()), headers=world.headers("hq"))
    assert feed_titles(client, world.headers("staff")) == ["Nieuwe kassa's"]
    frozen_clock.advance(days=1, seconds=1)
    assert feed_titles(client, world.headers("staff")) == []


def test_drafts_are_only_for_their_author_and_hq(client: TestClient, world: World) -> None:
    draft = client.post(NEWS, json=post_body(draft=True), headers=world.headers("hq")).json()
    assert draft["status"] == "draft"
    assert feed_titles(client, world.headers("staff")) == []
    assert client.get(f"{NEWS}/{draft['id']}", headers=world.headers("staff")).status_code == 404
    assert client.get(f"{NEWS}/{draft['id']}", headers=world.headers("admin")).status_code == 200
    published = client.patch(
        f"{NEWS}/{draft['id']}", json={"draft": False}, headers=world.headers("hq")
    )
    assert published.json()["status"] == "published"
    assert feed_titles(client, world.headers("staff")) == ["Nieuwe kassa's"]


def test_readers_get_their_language(client: TestClient, session: Session, world: World) -> None:
    english = make_user(session, store=world.store_a, locale="en")
    from tests.conftest import TEST_SECRET
    from tests.factories import token_for

    client.post(
        NEWS,
        json=post_body(translations={"en": {"title": "New tills", "body": "From *Monday* on."}}),
        headers=world.headers("hq"),
    )
    en = {"Authorization": f"Bearer {token_for(session, english, key=TEST_SECRET)}"}
    item = client.get(NEWS, headers=en).json()["items"][0]
    assert (item["title"], item["locale"], item["body_html"]) == (
        "New tills",
        "en",
        "<p>From <em>Monday</em> on.</p>\n",
    )
    assert item["translations"] == ["en", "nl"]
    assert feed_titles(client, world.headers("staff")) == ["Nieuwe kassa's"]


def test_pinned_first_then_newest_with_a_cursor(
    client: TestClient, world: World, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    hq = world.headers("hq")
    for n in range(5):
        frozen_clock.advance(minutes=1)
        client.post(NEWS, json=post_body(title=f"post {n}", pinned=n == 1), headers=hq)
    seen: list[str] = []
    cursor = None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"{NEWS}{query}", headers=world.headers("staff")).json()
        seen += [item["title"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["post 1", "post 4", "post 3", "post 2", "post 0"]


@pytest.mark.parametrize(
    ("override", "status"),
    [
        ({"title": ""}, 422),
        ({"title": "x" * 201}, 422),
        ({"body": "x" * 20_001}, 422),
        ({"body": "   "}, 422),
        ({"urgency": "panic"}, 422),
        ({"must_read": "yes"}, 422),
        ({"audience": {"store_ids": [999_999]}}, 422),
        ({"audience": {"region_ids": [999_999]}}, 422),
        ({"audience": {"roles": ["boss"]}}, 422),
        ({"audience": {"store_ids": [True]}}, 422),
        ({"publish_at": "2030-01-02T00:00:00Z", "expires_at": "2030-01-01T00:00:00Z"}, 422),
        ({"expires_at": "2020-01-01T00:00:00Z"}, 422),
        ({"publish_at": "2030-01-01T00:00:00"}, 422),
        ({"translations": {"de": {"title": "x", "body": "y"}}}, 422),
        ({"translations": {"nl": {"title": "x", "body": "y"}}}, 422),
        ({"author_id": 1}, 422),
    ],
)
def test_bad_posts_are_refused_and_nothing_is_stored(
    client: TestClient, session: Session, world: World, override: dict[str, object], status: int
) -> None:
    response = client.post(NEWS, json=post_body(**override), headers=world.headers("admin"))
    assert response.status_code == status, response.text
    # The error points at the field that is wrong, so the app can show it there.
    location = response.json()["detail"][0]["loc"]
    assert location[0] == "body" and location[1] in override, response.json()
    assert post_count(session) == 0
    assert session.exec(select(func.count()).select_from(AuditEntry)).one() == 0


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        '<a href="#" onclick="steal()">x</a>',
        "[x](JaVaScRiPt:alert(1))",
        "![x](javascript:alert(1))",
    ],
)
def test_html_injection_never_survives(client: TestClient, world: World, markdown: str) -> None:
    post = client.post(NEWS, json=post_body(body=markdown), headers=world.headers("hq")).json()
    elements = parse_elements(post["body_html"])
    assert "script" not in {tag for tag, _ in elements}
    for _tag, attrs in elements:
        assert not any(name.startswith("on") for name in attrs), attrs
        for name in ("href", "src"):
            assert not attrs.get(name, "").strip().lower().startswith("javascript"), attrs


def test_the_same_idempotency_key_returns_the_same_post(
    client: TestClient, session: Session, world: World
) -> None:
    headers = world.headers("hq") | {"Idempotency-Key": "outbox-1"}
    first = client.post(NEWS, json=post_body(), headers=headers)
    again = client.post(NEWS, json=post_body(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert post_count(session) == 1
    other_user = client.post(
        NEWS, json=post_body(), headers=world.headers("admin") | {"Idempotency-Key": "outbox-1"}
    )
    assert other_user.json()["id"] != first.json()["id"]
    assert post_count(session) == 2


def test_idempotency_key_longer_than_200_is_422(client: TestClient, world: World) -> None:
    headers = world.headers("hq") | {"Idempotency-Key": "k" * 201}
    assert client.post(NEWS, json=post_body(), headers=headers).status_code == 422


def test_author_and_hq_edit_and_delete_others_cannot(
    client: TestClient, session: Session, world: World
) -> None:
    post = client.post(
        NEWS,
        json=post_body(audience={"store_ids": [world.store_a.id]}),
        headers=world.headers("manager"),
    ).json()
    url = f"{NEWS}/{post['id']}"
    assert (
        client.patch(url, json={"title": "Edited"}, headers=world.headers("staff")).status_code
        == 403
    )
    assert (
        client.patch(url, json={"title": "Edited"}, headers=world.headers("staff_b")).status_code
        == 404
    )
    edited = client.patch(
        url, json={"title": "Edited", "pinned": True}, headers=world.headers("manager")
    )
    assert (edited.json()["title"], edited.json()["pinned"]) == ("Edited", True)
    moved = client.patch(
        url, json={"audience": {"store_ids": [world.store_b.id]}}, headers=world.headers("manager")
    )
    assert moved.status_code == 403
    assert client.delete(url, headers=world.headers("staff")).status_code == 403
    assert client.delete(url, headers=world.headers("hq")).status_code == 204
    assert client.get(url, headers=world.headers("manager")).status_code == 404
    assert post_count(session) == 0


def test_editors_get_the_source_with_every_translation(client: TestClient, world: World) -> None:
    post = client.post(
        NEWS,
        json=post_body(
            audience={"store_ids": [world.store_a.id]},
            translations={"en": {"title": "New tills", "body": "From Monday."}},
        ),
        headers=world.headers("manager"),
    ).json()
    url = f"{NEWS}/{post['id']}/source"
    source = client.get(url, headers=world.headers("hq")).json()
    assert (source["title"], source["locale"]) == ("Nieuwe kassa's", "nl")
    assert source["translations"] == {"en": {"title": "New tills", "body": "From Monday."}}
    assert source["audience"] == {"store_ids": [world.store_a.id], "region_ids": [], "roles": []}
    assert client.get(url, headers=world.headers("staff")).status_code == 403
    assert client.get(url, headers=world.headers("staff_b")).status_code == 404


def test_the_source_language_can_change_but_not_to_a_translated_one(
    client: TestClient, world: World
) -> None:
    post = client.post(
        NEWS,
        json=post_body(translations={"en": {"title": "New tills", "body": "From Monday."}}),
        headers=world.headers("hq"),
    ).json()
    url = f"{NEWS}/{post['id']}"
    clash = client.patch(url, json={"locale": "en"}, headers=world.headers("hq"))
    assert clash.status_code == 422
    assert clash.json()["detail"][0]["loc"] == ["body", "translations"]
    swapped = client.patch(
        url,
        json={
            "locale": "en",
            "title": "New tills",
            "body": "From Monday.",
            "translations": {"nl": {"title": "Nieuwe kassa's", "body": "Vanaf maandag."}},
        },
        headers=world.headers("hq"),
    )
    assert swapped.status_code == 200
    source = client.get(f"{url}/source", headers=world.headers("hq")).json()
    assert source["locale"] == "en" and set(source["translations"]) == {"nl"}
