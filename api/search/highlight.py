"""Snippets with the matched words marked, as safe HTML.

Done in Python over the handful of rows on a page (never over the table), the same way on
both databases: the text is HTML-escaped first and only <mark> tags are added afterwards.
"""

import html
import re

from api.search.terms import SearchTerms, fold

SNIPPET_CHARS = 180


def _pattern(terms: SearchTerms) -> re.Pattern[str] | None:
    # Stems match at a word start ("bon" marks "bonnen"); longer words also inside a word
    # ("bon" marks "kassabon"), as the search itself does.
    alternatives = [rf"\b{re.escape(stem)}\w*" for stem in terms.stems]
    alternatives += [rf"\w*{re.escape(word)}\w*" for word in terms.infixes]
    return re.compile("|".join(alternatives)) if alternatives else None


def best_snippet(texts: list[str], terms: SearchTerms) -> str:
    """The snippet of the first text (e.g. body, then title) in which something matches."""
    pattern = _pattern(terms)
    for text in texts:
        if text and pattern and pattern.search(fold(text)):
            return snippet(text, terms)
    return snippet(next((text for text in texts if text), ""), terms)


def snippet(text: str, terms: SearchTerms, *, length: int = SNIPPET_CHARS) -> str:
    """Up to `length` characters around the first match, escaped, matches in <mark>."""
    flat = " ".join(text.split())
    # fold() keeps one character per character for Latin text, so positions line up; where
    # it would not (rare ligatures), fall back to matching the text as it is.
    folded = fold(flat)
    haystack = folded if len(folded) == len(flat) else flat.lower()
    pattern = _pattern(terms)
    found = pattern.search(haystack) if pattern else None
    start = 0
    if found and found.start() > length // 3:
        start = flat.rfind(" ", 0, found.start() - length // 3) + 1
    end = min(len(flat), start + length)
    if end < len(flat):
        end = max(flat.rfind(" ", start, end), start + length // 2)
    pieces: list[str] = ["…" if start > 0 else ""]
    position = start
    for match in pattern.finditer(haystack, start, end) if pattern else ():
        pieces.append(html.escape(flat[position : match.start()]))
        pieces.append(f"<mark>{html.escape(flat[match.start() : match.end()])}</mark>")
        position = match.end()
    pieces.append(html.escape(flat[position:end]))
    pieces.append("…" if end < len(flat) else "")
    return "".join(pieces)
