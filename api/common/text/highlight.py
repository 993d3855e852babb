"""Snippets with the matched words marked, as safe HTML.

Done in Python over the handful of rows on a page (never over the table), the same way on
both databases: the text is HTML-escaped first and only <mark> tags are added afterwards.

Anyone can write the text searched here, so the work per hit is bounded: no regular expression
that can backtrack (a pattern like `\\w*word\\w*` over a long run of one letter took seconds), a
scan that reads each character once, and at most SCAN_CHARS characters of a text looked at.
"""

import html
import re
from dataclasses import dataclass

from api.common.text.terms import WORD, SearchTerms, fold

SNIPPET_CHARS = 180
# A match further in than this is not looked for: the snippet shows the start of the text.
SCAN_CHARS = 20_000
_ASCII_RUN_OR_CHAR = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


@dataclass(frozen=True)
class FoldedText:
    """`fold(text)` with, for each folded character, the index of the character it came from:
    folding can change lengths ("ﬁ" -> "fi", "İ" -> "i̇"), and marks must land on the original."""

    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "FoldedText":
        pieces: list[str] = []
        origin: list[int] = []
        # ASCII folds one to one (lower case); only the other characters are folded one by one.
        for run in _ASCII_RUN_OR_CHAR.finditer(text):
            piece = run.group()
            if piece.isascii():
                pieces.append(piece.lower())
                origin.extend(range(run.start(), run.end()))
            else:
                folded = fold(piece)
                pieces.append(folded)
                origin.extend([run.start()] * len(folded))
        return cls(folded="".join(pieces), origin=tuple(origin))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded[start:end] came from."""
        return self.origin[start], self.origin[end - 1] + 1


def matches(text: str, terms: SearchTerms) -> list[tuple[int, int]]:
    """Spans of `text` (its first SCAN_CHARS characters) holding a word that matches: a word
    starting with a stem ("bon" marks "bonnen") or, for longer words, containing the word
    ("bon" marks "kassabon"), as the search itself does."""
    stems, infixes = terms.stems, terms.infixes
    if not stems and not infixes:
        return []
    folded = FoldedText.of(text[:SCAN_CHARS])
    spans = []
    for word in WORD.finditer(folded.folded):
        found = word.group()
        if found.startswith(stems) or any(infix in found for infix in infixes):
            spans.append(folded.original_span(word.start(), word.end()))
    return spans


def best_snippet(texts: list[str], terms: SearchTerms) -> str:
    """The snippet of the first text (e.g. body, then title) in which something matches."""
    for text in texts:
        flat = " ".join(text.split())
        spans = matches(flat, terms)
        if spans:
            return _marked(flat, spans, SNIPPET_CHARS)
    return snippet(next((text for text in texts if text), ""), terms)


def snippet(text: str, terms: SearchTerms, *, length: int = SNIPPET_CHARS) -> str:
    """Up to `length` characters around the first match, escaped, matches in <mark>."""
    flat = " ".join(text.split())
    return _marked(flat, matches(flat, terms), length)


def _marked(flat: str, spans: list[tuple[int, int]], length: int) -> str:
    start = 0
    if spans and spans[0][0] > length // 3:
        start = flat.rfind(" ", 0, spans[0][0] - length // 3) + 1
    end = min(len(flat), start + length)
    if end < len(flat):
        end = max(flat.rfind(" ", start, end), start + length // 2)
    pieces: list[str] = ["…" if start > 0 else ""]
    position = start
    for found_start, found_end in spans:
        # A word running past either edge of the snippet is marked as far as it shows.
        span_start, span_end = max(found_start, position), min(found_end, end)
        if span_start >= span_end:
            continue
        pieces.append(html.escape(flat[position:span_start]))
        pieces.append(f"<mark>{html.escape(flat[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(html.escape(flat[position:end]))
    pieces.append("…" if end < len(flat) else "")
    return "".join(pieces)
