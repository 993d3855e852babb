"""Accessibility of every screen, in Dutch and English, in Chromium on a 390 px phone.

axe-core (pwa/node_modules/axe-core, a dev dependency) runs inside the page with the WCAG 2.0,
2.1 and 2.2 A and AA rules; every screen of app.tsx's `route()` is opened by the role that may
see it, with real data made through the API so lists, answers and buttons are really there.
Also checked: touch targets of at least 44x44 CSS px, the layout with 200% text, and the
language switch.

One world (a store with staff, a manager and head office) per language, and one browser
context per role and language, shared by the tests of this module: logging in once per
context keeps the whole module well under a minute.
"""

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, expect

from tests.e2e.conftest import (
    PHONE,
    PROJECT_ROOT,
    Api,
    LiveServer,
    catalogue,
    log_in,
    no_page_errors,
    unique,
)

pytestmark = pytest.mark.e2e

AXE_PATH = PROJECT_ROOT / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LANGS = ("nl", "en")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MIN_TARGET = 44
# A word in one post and one question of each world, so search has results of both kinds.
SEARCH_WORD = "kassalade"


# The world: one store per language with real content


@dataclass(frozen=True)
class Member:
    """Someone in a world: their API client (signed in with the tokens from joining)."""

    api: Api
    username: str
    password: str
    tokens: dict[str, Any]


@dataclass
class World:
    lang: str
    store: dict[str, Any]
    people: dict[str, Member]  # by role: staff, store_manager, hq
    invite_code: str
    must_read: dict[str, Any]  # by the manager, with comments and a reaction
    office_post: dict[str, Any]  # by head office
    question: dict[str, Any]  # asked by staff, answered twice, one answer accepted
    open_question: dict[str, Any]  # asked by staff, unanswered (the managers' queue)


def _post(api: Api, path: str, body: dict[str, Any], status: int = 201) -> Any:
    response = api.http.post(path, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    return Api._ok(response, status)


def _person(admin_api: Api, role: str, store: dict[str, Any] | None, lang: str) -> Member:
    """Someone who joined with an invite and chose `lang` as their language (PATCH /me)."""
    invite = admin_api.create_invite(store["id"] if store else None, role=role)
    username = unique(f"a11y{role.replace('_', '')}.")
    password = "pw-" + uuid.uuid4().hex
    name = {"staff": "Sam Vermeer", "store_manager": "Mira de Boer", "hq": "Henk Kantoor"}[role]
    pair = admin_api.join(invite["code"], name=name, username=username, password=password)
    api = Api(admin_api.base_url, pair["access_token"])
    Api._ok(api.http.patch("/me", json={"locale": lang}), 200)
    return Member(api, username, password, pair)


def _make_world(admin_api: Api, lang: str) -> World:
    region = admin_api.create_region(unique("A11y region "))
    suffix = uuid.uuid4().hex[:6].upper()
    store = admin_api.create_store(
        code=f"A11Y-{suffix}", name=f"Filiaal {suffix}", region_id=region["id"]
    )
    people = {
        role: _person(admin_api, role, None if role == "hq" else store, lang)
        for role in ("staff", "store_manager", "hq")
    }
    staff, manager, office = (people[role].api for role in ("staff", "store_manager", "hq"))
    audience = {"store_ids": [store["id"]]}
    must_read = manager.create_post(
        title=f"Nieuwe {SEARCH_WORD} vanaf maandag",
        body="Lees dit **voor maandag**: de nieuwe kassalade werkt met een pasje.",
        audience=audience,
        must_read=True,
    )
    office_post = office.create_post(
        title="Zomercollectie komt eraan", body="Vanaf juni in alle winkels.", audience=audience
    )
    for body in ("Waar liggen de pasjes?", "Bij de teamleider."):
        _post(staff, f"/news/{must_read['id']}/comments", {"body": body})
    Api._ok(staff.http.put(f"/news/{must_read['id']}/reactions/like"), 200)

    question = _post(
        staff,
        "/questions",
        {
            "title": f"Hoe open ik de {SEARCH_WORD} zonder pasje?",
            "body": "Mijn pasje is kwijt.",
            "category": "checkout",
            "scope": "store",
        },
    )
    accepted = _post(manager, f"/questions/{question['id']}/answers", {"body": "Vraag de sleutel."})
    _post(office, f"/questions/{question['id']}/answers", {"body": "Of bel de servicedesk."})
    Api._ok(
        staff.http.post(f"/questions/{question['id']}/accept", json={"answer_id": accepted["id"]}),
        200,
    )
    open_question = _post(
        staff,
        "/questions",
        {
            "title": "Mag ik mijn pauze ruilen?",
            "body": "",
            "category": "checkout",
            "scope": "store",
        },
    )

    start = (datetime.now(AMSTERDAM) + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    _post(
        manager,
        "/shifts",
        {
            "user_id": staff.me()["id"],
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=8)).isoformat(),
        },
    )
    invite = admin_api.create_invite(store["id"], role="staff", max_uses=5)
    # Head office's own entries in the audit log: one about a person (a link), one about an invite.
    office.create_invite(store["id"], role="staff")
    Api._ok(office.http.post(f"/users/{staff.me()['id']}/sign-in-code"), 201)
    return World(
        lang, store, people, invite["code"], must_read, office_post, question, open_question
    )


@pytest.fixture(scope="module")
def worlds(admin_api: Api) -> Iterator[dict[str, World]]:
    made = {lang: _make_world(admin_api, lang) for lang in LANGS}
    yield made
    for world in made.values():
        for member in world.people.values():
            member.api.close()


# The phones: one browser context per role and language, logged in once


def watched(page: Page) -> Page:
    """Collect uncaught errors in the app for no_page_errors (as conftest's new_phone does)."""
    problems: list[str] = []

    def on_error(error: Error) -> None:
        problems.append(f"page error: {error}")

    page.on("pageerror", on_error)
    page.problems = problems  # type: ignore[attr-defined]
    return page


AXE_SOURCE = AXE_PATH.read_text(encoding="utf-8") if AXE_PATH.is_file() else ""


@pytest.fixture(scope="module")
def phones(
    browser: Browser, live_server: LiveServer, worlds: dict[str, World]
) -> Iterator[Callable[[str, str], Page]]:
    if not AXE_SOURCE:
        pytest.fail(f"{AXE_PATH} is missing: run `npm install` in pwa/")
    contexts: dict[tuple[str, str], Page] = {}
    opened: list[BrowserContext] = []

    def phone(role: str, lang: str) -> Page:
        if (role, lang) in contexts:
            return contexts[(role, lang)]
        # The app's CSP allows only its own scripts; axe is a test tool put in from outside.
        # Layout is in CSS px, so one device pixel per px checks the same and renders faster.
        options: dict[str, Any] = {**PHONE, "device_scale_factor": 1}
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, **options)
        context.set_default_timeout(10_000)
        opened.append(context)
        context.add_init_script(AXE_SOURCE)
        page = watched(context.new_page())
        if role == "anonymous":
            # No account yet: the language is this device's setting (what the app stores).
            page.goto("/login")
            page.evaluate("(lang) => localStorage.setItem('wp.locale', lang)", lang)
            page.reload()
        else:
            # Signed in with the tokens from joining: a password check per phone costs a
            # second on a busy machine, and the login form has its own tests.
            pair = worlds[lang].people[role].tokens
            page.goto("/login")
            page.evaluate(
                """(pair) => {
                    localStorage.setItem("wp.access_token", pair.access_token);
                    localStorage.setItem("wp.refresh_token", pair.refresh_token);
                }""",
                pair,
            )
            page.goto("/")
        # Home follows the language stored on the server (PATCH /me above).
        expect(page.locator("html")).to_have_attribute("lang", lang)
        contexts[(role, lang)] = page
        return page

    yield phone
    for context in opened:
        context.close()


# The screens


@dataclass(frozen=True)
class Screen:
    name: str
    role: str
    path: Callable[[World], str]
    ready: str  # CSS selectors (joined by " & ") all visible once the screen shows its data
    act: Callable[[Page, World], None] | None = None  # brings the screen into a transient state
    after: str = ""  # a CSS selector visible once `act` is done (an error message)
    main: bool = False  # a main screen for the 200% text check


def _wrong_login(page: Page, world: World) -> None:
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill("niemand")
    form.locator("input[name=password]").fill("fout-wachtwoord")
    form.locator("button[type=submit]").click()


def _empty_question(page: Page, world: World) -> None:
    page.get_by_test_id("ask-submit").click()


def _empty_join(page: Page, world: World) -> None:
    page.get_by_test_id("join-form").locator("button[type=submit]").click()


def _empty_reset(page: Page, world: World) -> None:
    page.get_by_test_id("reset-submit").click()


def _staff_page(world: World) -> str:
    """The team's page of the world's staff member."""
    return f"/team/people/{world.people['staff'].api.me()['id']}"


def _ask_to_deactivate(page: Page, world: World) -> None:
    page.get_by_test_id("person-deactivate").click()


def _make_sign_in_code(page: Page, world: World) -> None:
    page.get_by_test_id("person-make-code").click()


def _stores_path(world: World) -> str:
    """The stores and regions screen, showing the world's region."""
    return f"/team/stores?region={world.store['region_id']}"


def _change_store(page: Page, world: World) -> None:
    row = page.locator(f"[data-testid=store-row][data-id='{world.store['id']}']")
    row.get_by_test_id("store-change").click()


def _empty_new_store(page: Page, world: World) -> None:
    page.get_by_test_id("store-new-open").click()
    page.get_by_test_id("store-new-save").click()


def _invite_path(suffix: str = "") -> Callable[[World], str]:
    """The page of the world's invite (the manager's list holds it), plus `suffix`."""

    def path(world: World) -> str:
        manager = world.people["store_manager"].api
        page = Api._ok(manager.http.get("/invites", params={"store_id": world.store["id"]}), 200)
        [invite] = [i for i in page["items"] if i["code"] == world.invite_code]
        return f"/team/invites/{invite['id']}{suffix}"

    return path


def _zero_uses(page: Page, world: World) -> None:
    page.get_by_test_id("invite-uses").fill("0")
    page.get_by_test_id("invite-create").click()


def _import_csv(text: Callable[[World], str]) -> Callable[[Page, World], None]:
    def act(page: Page, world: World) -> None:
        data = text(world).encode()
        page.get_by_test_id("import-file").set_input_files(
            {"name": "invites.csv", "mimeType": "text/csv", "buffer": data}
        )
        page.get_by_test_id("import-submit").click()

    return act


SCREENS = [
    Screen("login", "anonymous", lambda w: "/login", "[data-testid=login-form]", main=True),
    Screen(
        "login-error",
        "anonymous",
        lambda w: "/login",
        "[data-testid=login-form]",
        act=_wrong_login,
        after="[data-testid=form-error]",
    ),
    Screen("join", "anonymous", lambda w: "/join", "[data-testid=join-form]"),
    Screen(
        "join-error",
        "anonymous",
        lambda w: "/join",
        "[data-testid=join-form]",
        act=_empty_join,
        after=".field-error",
    ),
    Screen(
        "join-code",
        "anonymous",
        lambda w: f"/join/{w.invite_code}",
        "[data-testid=join-invite-summary]",
    ),
    Screen(
        "reset", "anonymous", lambda w: "/reset/ABCDE-FGHJK", "[data-testid=reset-form]", main=True
    ),
    Screen(
        "reset-error",
        "anonymous",
        lambda w: "/reset",
        "[data-testid=reset-form]",
        act=_empty_reset,
        after=".field-error",
    ),
    Screen("not-found", "anonymous", lambda w: "/bestaat-niet", "#not-found-title"),
    Screen(
        "home",
        "staff",
        lambda w: "/",
        "[data-testid=news-card] & [data-testid=language-switch]",
        main=True,
    ),
    Screen(
        "news-post",
        "staff",
        lambda w: f"/news/{w.must_read['id']}",
        "[data-testid=news-ack-button] & [data-testid=comment-item]"
        " & [data-testid=reaction-like][aria-pressed=true]",
        main=True,
    ),
    Screen(
        "composer-new",
        "store_manager",
        lambda w: "/news/new",
        "[data-testid=composer-form]",
        main=True,
    ),
    Screen("composer-new-hq", "hq", lambda w: "/news/new", "[data-testid=composer-stores]"),
    Screen(
        "composer-edit",
        "store_manager",
        lambda w: f"/news/{w.must_read['id']}/edit",
        "[data-testid=composer-form]",
    ),
    Screen(
        "stats",
        "store_manager",
        lambda w: f"/news/{w.must_read['id']}/stats",
        "[data-testid=stats-totals]",
    ),
    Screen(
        "stats-hq", "hq", lambda w: f"/news/{w.office_post['id']}/stats", "[data-testid=stats-row]"
    ),
    Screen("questions", "staff", lambda w: "/questions", "[data-testid=question-card]", main=True),
    Screen("ask", "staff", lambda w: "/questions/new", "[data-testid=ask-form]", main=True),
    Screen(
        "ask-errors",
        "staff",
        lambda w: "/questions/new",
        "[data-testid=ask-form]",
        act=_empty_question,
        after=".field-error",
    ),
    Screen(
        "question",
        "staff",
        lambda w: f"/questions/{w.question['id']}",
        "[data-testid=answer-accepted] & [data-testid=answer-item] >> nth=1",
        main=True,
    ),
    Screen(
        "question-edit",
        "staff",
        lambda w: f"/questions/{w.question['id']}/edit",
        "[data-testid=ask-form]",
    ),
    Screen(
        "unanswered",
        "store_manager",
        lambda w: "/questions/unanswered",
        "[data-testid=queue-list]",
    ),
    Screen(
        "search",
        "staff",
        lambda w: f"/search?q={SEARCH_WORD}",
        "[data-testid=search-hit]",
        main=True,
    ),
    Screen("inbox", "staff", lambda w: "/inbox", "[data-testid=inbox-item]", main=True),
    Screen("me", "store_manager", lambda w: "/me", "[data-testid=me-plan]", main=True),
    Screen("shifts", "staff", lambda w: "/shifts", "[data-testid=shift]", main=True),
    Screen(
        "planner", "store_manager", lambda w: "/shifts/plan", "[data-testid=plan-shift]", main=True
    ),
    Screen(
        "planner-hq",
        "hq",
        lambda w: f"/shifts/plan?store={w.store['id']}",
        "[data-testid=plan-shift]",
    ),
    Screen("team", "store_manager", lambda w: "/team", "[data-testid=team-person]", main=True),
    Screen("team-hq", "hq", lambda w: f"/team?store={w.store['id']}", "[data-testid=team-person]"),
    Screen("person", "store_manager", _staff_page, "[data-testid=person-actions]", main=True),
    Screen("person-hq", "hq", _staff_page, "[data-testid=person-change-form] input"),
    Screen(
        "person-deactivate",
        "store_manager",
        _staff_page,
        "[data-testid=person-actions]",
        act=_ask_to_deactivate,
        after="[data-testid=deactivate-dialog]",
    ),
    Screen(
        "person-sign-in-code",
        "store_manager",
        _staff_page,
        "[data-testid=person-actions]",
        act=_make_sign_in_code,
        after="[data-testid=signin-code-qr]",
    ),
    Screen(
        "preferences",
        "staff",
        lambda w: "/settings/notifications",
        "[data-testid=pref-form]",
        main=True,
    ),
    Screen("forbidden", "staff", lambda w: "/news/new", "[data-testid=forbidden]"),
    Screen(
        "forbidden-queue", "staff", lambda w: "/questions/unanswered", "[data-testid=forbidden]"
    ),
    Screen("forbidden-team", "staff", lambda w: "/team", "[data-testid=forbidden]"),
    Screen(
        "invites", "store_manager", lambda w: "/team/invites", "[data-testid=invite-row]", main=True
    ),
    Screen(
        "invites-hq",
        "hq",
        lambda w: f"/team/invites?store={w.store['id']}",
        "[data-testid=invite-row] & [data-testid=invites-store]",
    ),
    Screen(
        "invite-new",
        "store_manager",
        lambda w: "/team/invites/new",
        "[data-testid=invite-form]",
        main=True,
    ),
    Screen("invite-new-hq", "hq", lambda w: "/team/invites/new", "[data-testid=invite-store]"),
    Screen(
        "invite-new-errors",
        "store_manager",
        lambda w: "/team/invites/new",
        "[data-testid=invite-form]",
        act=_zero_uses,
        after="[data-testid=invite-max_uses-error]",
    ),
    Screen("invite", "store_manager", _invite_path(), "[data-testid=invite-qr]", main=True),
    Screen(
        "invite-poster",
        "store_manager",
        _invite_path("/print"),
        "[data-testid=poster-qr]",
        main=True,
    ),
    Screen("import", "hq", lambda w: "/team/import", "[data-testid=import-form]", main=True),
    Screen(
        "import-errors",
        "hq",
        lambda w: "/team/import",
        "[data-testid=import-form]",
        act=_import_csv(lambda w: "store_code,role,uses\nNO-SUCH-STORE,staff,5\n"),
        after="[data-testid=import-error-row]",
    ),
    Screen(
        "import-sheet",
        "hq",
        lambda w: "/team/import",
        "[data-testid=import-form]",
        act=_import_csv(lambda w: f"store_code,role,uses\n{w.store['code']},staff,5\n"),
        after="[data-testid=sheet-entry]",
    ),
    Screen("forbidden-invites", "staff", lambda w: "/team/invites", "[data-testid=forbidden]"),
    Screen(
        "stores",
        "hq",
        _stores_path,
        "[data-testid=region-row] & [data-testid=store-row]",
        main=True,
    ),
    Screen(
        "stores-change",
        "hq",
        _stores_path,
        "[data-testid=store-row]",
        act=_change_store,
        after="[data-testid=store-row] form",
    ),
    Screen(
        "stores-errors",
        "hq",
        _stores_path,
        "[data-testid=store-row]",
        act=_empty_new_store,
        after=".field-error",
    ),
    Screen("audit", "hq", lambda w: "/team/audit", "a[data-testid=audit-target]", main=True),
    Screen(
        "forbidden-stores", "store_manager", lambda w: "/team/stores", "[data-testid=forbidden]"
    ),
    Screen("forbidden-audit", "store_manager", lambda w: "/team/audit", "[data-testid=forbidden]"),
]

# Violations in files other engineers own, with their exact fix: (check, screen) -> reason.
# Such a test must fail (strict xfail) until the fix is in; then remove the entry.
KNOWN: dict[tuple[str, str], str] = {}


def _param(screen: Screen, check: str, lang: str | None = None) -> Any:
    values = (screen, lang) if lang else (screen,)
    marks = []
    if (check, screen.name) in KNOWN:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(check, screen.name)]))
    return pytest.param(*values, id=f"{screen.name}-{lang}" if lang else screen.name, marks=marks)


def go(page: Page, path: str) -> None:
    """Open `path` the way the app's own links do (history + popstate: no reload, so no
    second start-up per screen); the same address again is a real reload, for a fresh form."""
    here = page.evaluate("() => location.pathname + location.search")
    if here == path or not page.evaluate("() => !!document.querySelector('main')"):
        page.goto(path)
    else:
        page.evaluate(
            """(path) => {
                history.pushState(null, "", path);
                dispatchEvent(new PopStateEvent("popstate"));
            }""",
            path,
        )


def show(
    phones: Callable[[str, str], Page], worlds: dict[str, World], screen: Screen, lang: str
) -> Page:
    """Open `screen` in the phone of its role and language, and wait for its data."""
    world = worlds[lang]
    page = phones(screen.role, lang)
    page.evaluate("() => document.documentElement.style.removeProperty('font-size')")
    go(page, screen.path(world))
    for selector in screen.ready.split(" & "):
        expect(page.locator(selector).first).to_be_visible()
    if screen.act:
        screen.act(page, world)
        expect(page.locator(screen.after).first).to_be_visible()
    # Nothing still loading (a list's aria-busy, a lazy screen's placeholder).
    expect(page.locator("main [aria-busy=true]")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    return page


def axe_violations(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: { type: "tag", values: tags },
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary,
                                             html: n.html.slice(0, 200) })),
            }));
        }""",
        WCAG_TAGS,
    )
    return result


def readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            for line in (node["summary"] or "").splitlines():
                lines.append(f"      {line}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("screen", "lang"), [_param(screen, "axe", lang) for lang in LANGS for screen in SCREENS]
)
def test_screen_has_no_wcag_violations(
    phones: Callable[[str, str], Page], worlds: dict[str, World], screen: Screen, lang: str
) -> None:
    page = show(phones, worlds, screen, lang)
    violations = axe_violations(page)
    assert not violations, f"{screen.name} ({lang}) at {page.url}:\n{readable(violations)}"
    no_page_errors(page)


# Touch targets: WCAG 2.5.8 asks 24 px; the project's own rule (and 2.5.5 AAA) is 44 px.

SMALL_TARGETS_JS = """(min) => {
    const visible = (el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
    };
    // A link inside running text is exempt (WCAG 2.5.8 "inline"): its line decides its size.
    const inline = (el) => {
        if (el.tagName !== "A") return false;
        const parent = el.parentElement;
        const display = getComputedStyle(el).display;
        if (!parent || display !== "inline") return false;
        return parent.textContent.trim().length > el.textContent.trim().length;
    };
    // A link stretched over its card (::after, position absolute) is as big as the card.
    const stretched = (el) => {
        const after = getComputedStyle(el, "::after");
        if (after.content === "none" || after.position !== "absolute") return null;
        let up = el.parentElement;
        while (up && getComputedStyle(up).position === "static") up = up.parentElement;
        return up;
    };
    // A checkbox or radio is tapped through its label: measure both together.
    const box = (el) => {
        const card = stretched(el);
        if (card) return card.getBoundingClientRect();
        const own = el.getBoundingClientRect();
        const label = el.closest("label")
            || (el.id && document.querySelector(`label[for="${el.id}"]`));
        if (!label || !["checkbox", "radio"].includes(el.type)) return own;
        const l = label.getBoundingClientRect();
        const left = Math.min(own.left, l.left), top = Math.min(own.top, l.top);
        return {
            width: Math.max(own.right, l.right) - left,
            height: Math.max(own.bottom, l.bottom) - top,
        };
    };
    const selector =
        "button, a[href], input:not([type=hidden]), select, textarea, [role=button], summary";
    const tickable = (el) => ["checkbox", "radio"].includes(el.type);
    return [...document.querySelectorAll(selector)]
        .filter((el) => !el.closest(".visually-hidden") && (visible(el) || tickable(el)))
        .filter((el) => !inline(el))
        .map((el) => ({ el, b: box(el) }))
        .filter(({ b }) => b.width < min - 0.5 || b.height < min - 0.5)
        .map(({ el, b }) => ({
            html: el.outerHTML.slice(0, 160),
            parent: el.parentElement.outerHTML.slice(0, 80),
            width: Math.round(b.width * 10) / 10,
            height: Math.round(b.height * 10) / 10,
        }));
}"""


@pytest.mark.parametrize("screen", [_param(s, "targets") for s in SCREENS if not s.act])
def test_touch_targets_are_at_least_44_px(
    phones: Callable[[str, str], Page], worlds: dict[str, World], screen: Screen
) -> None:
    page = show(phones, worlds, screen, "nl")
    assert page.viewport_size and page.viewport_size["width"] == 390
    small = page.evaluate(SMALL_TARGETS_JS, MIN_TARGET)
    assert not small, f"{screen.name}: targets under {MIN_TARGET}x{MIN_TARGET} px:\n" + "\n".join(
        json.dumps(s) for s in small
    )


# 200% text (WCAG 1.4.4): no sideways scrolling, no clipped text

CLIPPED_JS = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || el.closest(".visually-hidden")) continue;
        const style = getComputedStyle(el);
        // Fixed bars follow a viewport that overflowing content has widened: report the cause.
        if (el.closest(".bottom-nav, .toast")) continue;
        if (box.right > width + 1 || box.left < -1) {
            const html = el.outerHTML.slice(0, 120);
            out.push({ why: "outside the screen", html, right: box.right });
            continue;
        }
        // A form field scrolls its own text; that is not clipping.
        if (el.matches("input, select, textarea")) continue;
        const cuts = (overflow) => overflow === "hidden" || overflow === "clip";
        const clips = cuts(style.overflowX) || cuts(style.overflowY);
        const more = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (clips && more) {
            out.push({ why: "clipped", html: el.outerHTML.slice(0, 120) });
        }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 15) };
}"""


@pytest.mark.parametrize("screen", [_param(s, "text200") for s in SCREENS if s.main])
def test_screen_works_with_200_percent_text(
    phones: Callable[[str, str], Page], worlds: dict[str, World], screen: Screen
) -> None:
    # English: its words are longer than the Dutch ones in the nav and buttons that matter.
    page = show(phones, worlds, screen, "en")
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    page.wait_for_timeout(50)  # one layout
    result = page.evaluate(CLIPPED_JS)
    page.evaluate("() => document.documentElement.style.removeProperty('font-size')")
    assert result["scrollWidth"] <= result["width"], (
        f"{screen.name} scrolls sideways (with no element listed: a ::before/::after): {result}"
    )
    assert not result["out"], f"{screen.name} with 200% text:\n" + "\n".join(
        json.dumps(o) for o in result["out"]
    )


# The language switch


def test_switching_to_english_changes_the_whole_ui_at_once_and_survives_a_reload(
    browser: Browser, live_server: LiveServer, admin_api: Api, worlds: dict[str, World]
) -> None:
    nl, en = catalogue("nl"), catalogue("en")
    store = worlds["nl"].store
    person = _person(admin_api, "store_manager", store, "nl")
    phone: dict[str, Any] = PHONE
    context = browser.new_context(base_url=live_server.url, **phone)
    try:
        page = watched(context.new_page())
        log_in(page, person.username, person.password)
        bottom = page.get_by_role("navigation", name=nl["nav.label"])
        expect(bottom.get_by_test_id("nav-home")).to_have_text(nl["nav.home"])
        expect(page.locator("html")).to_have_attribute("lang", "nl")

        page.get_by_test_id("language-switch").get_by_role("button", name=en["lang.en"]).click()

        # At once, without a reload: the bars, the page and the document language.
        bottom = page.get_by_role("navigation", name=en["nav.label"])
        for key, test_id in [
            ("nav.home", "nav-home"),
            ("nav.questions", "nav-questions"),
            ("nav.unanswered", "nav-unanswered"),
            ("nav.search", "nav-search"),
        ]:
            expect(bottom.get_by_test_id(test_id)).to_have_text(en[key])
        header = page.get_by_role("navigation", name=en["nav.personal"]).get_by_role("link")
        expect(header.nth(1)).to_have_accessible_name(en["nav.me"])
        expect(page.get_by_test_id("logout-button")).to_have_text(en["home.logout"])
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page).to_have_title(en["app.name"])

        # Kept after a reload (this device and the server both know).
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(
            page.get_by_role("navigation", name=en["nav.label"]).get_by_test_id("nav-search")
        ).to_have_text(en["nav.search"])
        page.goto("/questions")
        expect(page.get_by_role("heading", level=1)).to_have_text(en["qa.title"])
        assert person.api.me()["locale"] == "en"
        no_page_errors(page)
    finally:
        context.close()
        person.api.close()


# Dates and times: the UI language and the store's zone, also on a phone set to another zone


def test_news_times_are_in_the_stores_zone_on_a_phone_in_another_zone(
    browser: Browser, live_server: LiveServer, worlds: dict[str, World]
) -> None:
    world = worlds["en"]
    post = world.must_read
    published = datetime.fromisoformat(post["published_at"]).astimezone(AMSTERDAM)
    tokyo: dict[str, Any] = {**PHONE, "timezone_id": "Asia/Tokyo"}
    context = browser.new_context(base_url=live_server.url, **tokyo)
    try:
        page = context.new_page()
        staff = world.people["staff"]
        log_in(page, staff.username, staff.password)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.goto(f"/news/{post['id']}")
        when = page.locator("main time").first
        expect(when).to_be_visible()
        text = when.inner_text()
        # The hour of the shop (not Tokyo's, 8 hours later), the month in English, and
        # the zone named because it is not the phone's.
        assert published.strftime("%-I:%M %p") in text, text  # English: a 12-hour clock
        assert published.strftime("%b") in text, text
        assert "GMT+1" in text or "GMT+2" in text or "CET" in text or "CEST" in text, text

        # Shifts too: 09:00 to 17:00 in the shop, and the screen says which zone it shows.
        page.goto("/shifts")
        expect(page.get_by_test_id("shift-time").first).to_have_text("09:00 AM \u2013 05:00 PM")
        expect(page.get_by_test_id("shifts-zone")).to_be_visible()
    finally:
        context.close()
