"""«Mente du …?»: the closest known name to a misspelt one, cheap enough to ask
for thousands of unresolved references in a large catalogue. A trigram index
picks a few candidates; difflib ranks only those."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

CANDIDATES = 25


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self.index: dict[str, list[str]] = {}
        for name in self.names:
            for gram in _trigrams(name):
                self.index.setdefault(gram, []).append(name)

    def closest(self, text: str) -> str | None:
        shared: Counter[str] = Counter()
        for gram in _trigrams(text):
            shared.update(self.index.get(gram, ()))
        candidates = [name for name, _ in shared.most_common(CANDIDATES)]
        found = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
        return found[0] if found else None
