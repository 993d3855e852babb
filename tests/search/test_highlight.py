"""Snippets: marks on the right letters, and bounded work whatever text someone planted."""

import pytest
from fastapi.testclient import TestClient

from api.common.text import highlight, terms
from tests.conftest import World


@pytest.fixture
def folded_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the highlighter folds and scans."""
    sizes: list[int] = []
    real = highlight.FoldedText.of

    def counting(text: str) -> highlight.FoldedText:
        sizes.append(len(text))
        return real(text)

    monkeypatch.setattr(highlight.FoldedText, "of", staticmethod(counting))
    return sizes


def test_marks_whole_words_by_stem_and_inside_longer_words() -> None:
    marked = highlight.snippet("Print de bonnen bij de kassabon.", terms.parse("bon"))
    assert marked == "Print de <mark>bonnen</mark> bij de <mark>kassabon</mark>."


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        # "ﬁ" folds to two letters: the mark still covers the word as written.
        ("De ﬁets staat buiten", "fiets", "De <mark>ﬁets</mark> staat buiten"),
        # "İ" lower-cases to two characters, so every later position shifts by one.
        ("İİİ Grote kassabon", "kassabon", "İİİ Grote <mark>kassabon</mark>"),
        ("Café Noël bij de kassa", "noel", "Café <mark>Noël</mark> bij de kassa"),
    ],
)
def test_marks_land_on_the_original_letters_when_folding_changes_lengths(
    text: str, query: str, expected: str
) -> None:
    assert highlight.snippet(text, terms.parse(query)) == expected


def test_marked_text_is_escaped() -> None:
    marked = highlight.snippet("<b>kassabon</b> & meer", terms.parse("kassabon"))
    assert marked == "&lt;b&gt;<mark>kassabon</mark>&lt;/b&gt; &amp; meer"


def test_a_planted_run_of_one_letter_is_scanned_at_most_once_and_only_so_far(
    folded_sizes: list[int],
) -> None:
    planted = "a" * 1_000_000 + " kassabon"
    query = terms.parse("a" * 199 + "b kassabon")
    assert all(len(word) <= terms.MAX_WORD_CHARS for word in query.words)

    marked = highlight.best_snippet([planted, "Titel"], query)

    assert marked.startswith("<mark>aaaa") and marked.endswith("…")
    # Each text is folded once, and never more than SCAN_CHARS of it.
    assert folded_sizes and max(folded_sizes) <= highlight.SCAN_CHARS
    assert len(folded_sizes) <= 3


def test_search_over_planted_text_does_bounded_work(
    client: TestClient, world: World, folded_sizes: list[int]
) -> None:
    body = "a" * 9_900 + " kassabon"
    created = client.post(
        "/api/v1/questions",
        json={"title": "aaaa kassabon", "body": body, "category": "checkout", "scope": "company"},
        headers=world.headers("staff"),
    )
    assert created.status_code == 201, created.text

    response = client.get(
        "/api/v1/search",
        params={"q": "a" * 150 + "b kassabon aaaa"},
        headers=world.headers("colleague"),
    )

    assert response.status_code == 200, response.text
    hit = next(item for item in response.json()["items"] if item["id"] == created.json()["id"])
    assert "<mark>" in hit["snippet"]
    # At most body and title of each hit on the page, each folded once and capped.
    assert max(folded_sizes) <= highlight.SCAN_CHARS
    assert len(folded_sizes) <= 2 * len(response.json()["items"]) + 2
