"""Dictionary words in free text with jieba (law names written without 《》, crime-signal words), loaded lazily and
shared: the case's narratives are read with it; the catalog gives the words."""
from __future__ import annotations

import re
import threading
from typing import Iterable, Optional


def any_of(words: Iterable[str]) -> re.Pattern:
    """One pattern matching any of ``words``, built as a trie (共同前缀 factored out): a flat alternation of a few
    thousand law names tries every branch at every position; the trie tries one branch per character."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return re.compile(pattern(trie)) if trie else re.compile(r"(?!)")


class WordFinder:
    """Finds dictionary words (law names, signal words) in free text with jieba, each a single word of its
    dictionary. A cheap regular expression says first whether any word occurs at all (most texts name laws only
    inside 《》, read without jieba, or name none); jieba's dictionary is loaded only when one does, once per
    process and shared by every finder (``warm`` loads it ahead, for a server). Safe to share between threads."""

    _base_lock = threading.Lock()
    _base: Optional[tuple[dict, int]] = None  # jieba's default dictionary (FREQ, total), loaded once

    def __init__(self, names: Iterable[str], skip_bracketed: bool = False, within_tokens: bool = False):
        self._names = {n for n in names if len(n) >= 2}
        # both patterns are compiled on first use (some 0.1 s and 0.2 s for the catalog's 2,000 law names): a one-file
        # `check` pays only for the forward one; `warm` (a server, a batch worker) compiles the faster reversed one too
        self._forward: Optional[re.Pattern] = None
        self._reversed: Optional[re.Pattern] = None
        self._skip_bracketed = skip_bracketed
        self._within = within_tokens  # also count a word inside a longer token (病死 in 病死猪)
        self._tokenizer = None
        self._lock = threading.Lock()

    @classmethod
    def _default_dictionary(cls) -> tuple[dict, int]:
        with cls._base_lock:
            if cls._base is None:
                import jieba  # local: its import prints to stderr, and most reviews never need it

                jieba.setLogLevel(60)
                t = jieba.Tokenizer()
                t.initialize()
                cls._base = (t.FREQ, t.total)
            return cls._base

    @property
    def _any_name(self) -> re.Pattern:
        if self._forward is None:
            self._forward = any_of(self._names)
        return self._forward

    def _any_word_in(self, text: str) -> bool:
        """Whether any word occurs at all. Warm, with the same words reversed over the text reversed: law names begin
        with some 300 characters but end with about ten (法, 例, 定 …), and the regular-expression engine tries the first
        characters of a pattern's branches one after another at each position — reversed, ten tries instead of 300.
        Cold, with the forward pattern (the same answer; cheaper to compile, slower to run)."""
        if self._reversed is not None:
            return self._reversed.search(text[::-1]) is not None
        return self._any_name.search(text) is not None

    def warm(self) -> "WordFinder":
        """Build the tokenizer and both patterns now (a server does this at start, so no review waits: the forward one
        still finds where the words are once the reversed one says there are some)."""
        if self._reversed is None:
            self._reversed = any_of(n[::-1] for n in self._names)
        self._any_name  # noqa: B018 - compiles the forward pattern
        self._jieba()
        return self

    def _jieba(self):
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    import jieba

                    freq, total = self._default_dictionary()
                    t = jieba.Tokenizer()
                    t.FREQ, t.total, t.initialized = dict(freq), total, True
                    for name in self._names:
                        t.add_word(name, freq=10**7)
                    self._tokenizer = t
        return self._tokenizer

    _BRACKETED = re.compile(r"《[^《》]*》")

    # jieba cuts each run of these characters on its own (its re_han_default): a run holding no dictionary word
    # cannot yield one, so only the runs around a match are cut — the same tokens as cutting the whole text
    _RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]")
    _RUN_REST = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]*")

    def _worth_cutting(self, text: str) -> bool:
        text = self._BRACKETED.sub("", text) if self._skip_bracketed else text
        return self._any_word_in(text)

    def __call__(self, text: str) -> Iterable[tuple[int, int, str]]:
        if not self._worth_cutting(text):
            return []
        return [w for lo, hi in self._runs_with_a_word(text) for w in self._words_in(text[lo:hi], lo)]

    def _words_in(self, segment: str, offset: int = 0) -> list[tuple[int, int, str]]:
        found = []
        for token, start, end in self._jieba().tokenize(segment, HMM=False):
            if token in self._names:
                found.append((offset + start, offset + end, token))
            elif self._within:
                found += [(offset + start, offset + end, w) for w in self._names if w in token]
        return found

    def _runs_with_a_word(self, text: str) -> list[tuple[int, int]]:
        """The runs (jieba's blocks) that a dictionary word touches, merged, in order; each character is looked at a
        bounded number of times, so the pass stays linear in the text."""
        runs: list[tuple[int, int]] = []
        for m in self._any_name.finditer(text):
            s, e = m.start(), m.end()
            if runs and s < runs[-1][1]:
                if e > runs[-1][1]:  # the run already reaches past most matches: rescanning it each time was quadratic
                    runs[-1] = (runs[-1][0], self._RUN_REST.match(text, e).end())
                continue
            lo = s
            floor = runs[-1][1] if runs else 0
            while lo > floor and self._RUN_CHAR.match(text, lo - 1):
                lo -= 1
            runs.append((lo, self._RUN_REST.match(text, e).end()))
        return runs

    def whole_text(self, text: str) -> list[tuple[int, int, str]]:
        """The same words found by cutting the whole text (the reference the windowed reading is tested against)."""
        return self._words_in(text) if self._worth_cutting(text) else []


class LawNameFinder(WordFinder):
    """Law names and aliases written without 《》 (those inside 《》 are read without jieba)."""

    def __init__(self, names: Iterable[str]):
        super().__init__(names, skip_bracketed=True)
