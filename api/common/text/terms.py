"""What someone typed, turned into search terms the same way for both databases.

Dutch glues words together ("kassabon", "personeelskorting"), so someone typing "bon" or
"korting" must still find them: besides stemmed words (Snowball, the same algorithms
PostgreSQL's dutch/english configurations use) each word is also looked for *inside* longer
words (PostgreSQL: pg_trgm word similarity; SQLite: an FTS5 trigram index).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

MAX_WORDS = 8
# Longer "words" are cut: no real word is this long, and matching costs grow with the length.
MAX_WORD_CHARS = 40
# Below this length a word matches inside far too many others to mean anything.
MIN_INFIX = 3
# One word: letters and digits. A single character class with `+` matches each character once.
WORD = re.compile(r"[^\W_]+")

# Words that say nothing about what a question is about, in both languages. PostgreSQL's
# configurations drop theirs; SQLite's FTS5 has none, so the terms drop these for both.
_DUTCH_STOPWORDS = """
    de het een en of maar dat die dit deze van in op aan met voor naar bij uit om te tot als
    is zijn was waren wordt worden ben bent heb hebt heeft hebben had kan kun kunt kunnen
    moet moeten mag mogen wil wilt willen zal zou ik je jij u hij zij ze we wij jullie mijn
    jouw uw zijn haar ons onze hun er hier daar waar wat wie hoe wanneer waarom welke niet
    geen ook nog al wel dan toch zo heel erg meer veel iets niets iemand mij me hem
"""
_ENGLISH_STOPWORDS = """
    the a an and or but that this these those of in on at to for from with by as is are was
    were be been being have has had do does did can could should would will shall may might
    must i you he she it we they my your his her its our their me him us them what which who
    whom how when where why not no yes also just so very there here about into than then
"""
STOPWORDS = frozenset(_DUTCH_STOPWORDS.split()) | frozenset(_ENGLISH_STOPWORDS.split())


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]  # lower case, accents removed, no stopwords
    # Per word, its Dutch and English stems (the word itself when stemming leaves it short).
    word_stems: tuple[tuple[str, ...], ...] = ()
    # The last word while someone is still typing it: matched as a prefix.
    partial: str | None = None

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stem for stems in self.word_stems for stem in stems))

    @property
    def infixes(self) -> tuple[str, ...]:
        return tuple(word for word in self.words if len(word) >= MIN_INFIX)

    def __bool__(self) -> bool:
        return bool(self.words)


@lru_cache(maxsize=2)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


def fold(text: str) -> str:
    """Lower case without accents: "Café" and "cafe" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse(text: str, *, typing: bool = False) -> SearchTerms:
    """Terms of a query; with `typing`, the last word may be unfinished (a prefix)."""
    words: list[str] = []
    for found in WORD.findall(fold(text)):
        word = found[:MAX_WORD_CHARS]
        if len(word) >= 2 and word not in STOPWORDS and word not in words:
            words.append(word)
    words = words[:MAX_WORDS]
    word_stems = tuple(_stems_of(word) for word in words)
    ends_mid_word = typing and bool(text) and not text[-1].isspace()
    partial = words[-1] if ends_mid_word and words else None
    return SearchTerms(words=tuple(words), word_stems=word_stems, partial=partial)


def _stems_of(word: str) -> tuple[str, ...]:
    stems = [_stemmer(language).stemWord(word) for language in ("dutch", "english")]
    return tuple(dict.fromkeys(stem if len(stem) >= 2 else word for stem in stems))
