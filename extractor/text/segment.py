"""Vietnamese word segmentation (underthesea) on small neighbourhoods, with source offsets.

underthesea is slow (~150 kchar/s) and glues words across line breaks, so stages never
segment a whole document: they ask for the words of a short span (a window around a
number, a phrase), which is cut into lines and segmented line by line, with a cache.

underthesea also rewrites what it reads (it moves tone marks, ``HOÀ`` -> ``HÒA``), so its
tokens are not always substrings of the source. Each token is re-aligned to the source by
skipping whitespace and comparing letters without case or diacritics.

Only ``word_tokenize`` and ``pos_tag`` are used: both ship in the wheel and never download.
"""

from __future__ import annotations

from functools import lru_cache

from .fold import fold_char

Word = tuple[str, int, int]  # (word as written in the source, start, end)
TaggedWord = tuple[str, str, int, int]  # (word, part-of-speech tag, start, end)

_CACHE_SIZE = 20000


@lru_cache(maxsize=_CACHE_SIZE)
def _tokenize_line(line: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # imported lazily: ~0.25 s to load the model

    return tuple(word_tokenize(line))


@lru_cache(maxsize=_CACHE_SIZE)
def _tag_line(line: str) -> tuple[tuple[str, str], ...]:
    from underthesea import pos_tag

    return tuple((w, t) for w, t in pos_tag(line))


def align_tokens(source: str, tokens: list[str] | tuple[str, ...], offset: int = 0) -> list[Word | None]:
    """Offsets of each token in ``source`` (plus ``offset``), in order.

    Letters are compared folded (no case, no diacritics) and whitespace is ignored on
    both sides, so a token whose tone mark moved or whose inner space differs still
    aligns. A token that cannot be found gives ``None``; later tokens still align."""
    positions = [i for i, c in enumerate(source) if not c.isspace()]
    folded = "".join(fold_char(source[i]) for i in positions)
    out: list[Word | None] = []
    cursor = 0
    for tok in tokens:
        key = "".join(fold_char(c) for c in tok if not c.isspace())
        if not key:
            out.append(None)
            continue
        at = cursor if folded.startswith(key, cursor) else folded.find(key, cursor)
        if at < 0:
            out.append(None)
            continue
        s, e = positions[at], positions[at + len(key) - 1] + 1
        out.append((source[s:e], s + offset, e + offset))
        cursor = at + len(key)
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """Non-blank lines of ``text[start:end]`` with their offsets."""
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            out.append((line, pos))
        pos += len(line) + 1
    return out


def segment_words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words of ``text[start:end]`` as ``(word, start, end)``, offsets into ``text``.

    The word is the source's own spelling (not underthesea's rewrite); a multi-syllable
    word spans its inner spaces ("vụ việc")."""
    end = len(text) if end is None else end
    words: list[Word] = []
    for line, pos in _lines(text, start, end):
        words += [w for w in align_tokens(line, _tokenize_line(line), pos) if w is not None]
    return words


def tag_words(text: str, start: int = 0, end: int | None = None) -> list[TaggedWord]:
    """Like ``segment_words`` with underthesea's part-of-speech tag ("N", "Nc", "V", ...)."""
    end = len(text) if end is None else end
    words: list[TaggedWord] = []
    for line, pos in _lines(text, start, end):
        tagged = _tag_line(line)
        aligned = align_tokens(line, [w for w, _ in tagged], pos)
        words += [(a[0], t, a[1], a[2]) for a, (_, t) in zip(aligned, tagged, strict=True) if a is not None]
    return words


def clear_cache() -> None:
    _tokenize_line.cache_clear()
    _tag_line.cache_clear()
