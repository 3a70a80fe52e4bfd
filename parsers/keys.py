"""Matching keys for Vietnamese text: accent-free folding and school names in free text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from parsers.model import SchoolRef

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}

# long forms first: "tieu hoc va trung hoc co so" must not become "th va thcs"
_SCHOOL_WORDS = [
    (r"\btieu hoc (?:va|&|-) ?trung hoc co so\b", "ththcs"),
    (r"\bth ?(?:&|-|va) ?thcs\b", "ththcs"),
    (r"\bpho thong dan toc ban tru\b", "ptdtbt"),
    (r"\bpho thong dan toc noi tru\b", "ptdtnt"),
    (r"\btrung hoc co so\b", "thcs"),
    (r"\btieu hoc\b", "th"),
    (r"\bmam non\b", "mn"),
    (r"\bmau giao\b", "mn"),
    (r"\bmg\b", "mn"),
]
_LEVELS = frozenset({"ththcs", "thcs", "th", "mn", "ptdtbt", "ptdtnt"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Accent-, case- and tone-placement-insensitive key: "Hoà"/"hòa"/"HOA" all give "hoa"; đ gives d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_DASHES))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D").replace("\u0110", "D")
    return " ".join(stripped.lower().split())


def tone_key(text: str) -> str:
    """Like NFC lower-case, but "hoà" and "hòa" agree: each syllable's tone mark moves to its end."""
    out = []
    for word in unicodedata.normalize("NFD", text.lower()).split():
        tones = "".join(_TONES[c] for c in word if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in word if c not in _TONES))
        out.append(base + tones)
    return " ".join(out)


def words(text: str) -> list[str]:
    """Folded word tokens: letters and digits, punctuation dropped."""
    return re.findall(r"[a-z0-9]+", fold(text))


def school_tokens(text: str) -> list[str]:
    """Folded tokens with school-level phrases collapsed to one token each (th, thcs, mn, ththcs ...)."""
    folded = " ".join(re.findall(r"[a-z0-9&]+|-", fold(text)))
    for pattern, short in _SCHOOL_WORDS:
        folded = re.sub(pattern, short, folded)
    return [t for t in folded.split() if t not in {"-", "&", "truong"}]


def _split_level(tokens: list[str]) -> tuple[str | None, list[str]]:
    levels = [t for t in tokens if t in _LEVELS]
    return (levels[0] if levels else None), [t for t in tokens if t not in _LEVELS]


def _find(seq: list[str], sub: list[str]) -> list[int]:
    n = len(sub)
    return [i for i in range(len(seq) - n + 1) if seq[i : i + n] == sub] if n else []


def match_school(text: str, schools: Sequence[SchoolRef]) -> SchoolRef | None:
    """The one school named in a subject line or header; None when none or several fit equally."""
    tokens = school_tokens(text)
    scored: list[tuple[int, int, int, SchoolRef]] = []
    wanted = tone_key(text)
    for school in schools:
        best: tuple[int, int, int] | None = None
        for form in (school.name, *school.aliases):
            level, name = _split_level(school_tokens(form))
            for at in _find(tokens, name):
                before = tokens[at - 1] if at > 0 else None
                if level is not None and before == level:
                    score = 3
                elif before in _LEVELS:
                    continue  # the name of another level's school ("THCS Him Lam" is not "TH Him Lam")
                else:
                    score = 1
                exact = 1 if tone_key(" ".join(form.split()[-len(name) :])) in wanted else 0
                cand = (score, len(name), exact)
                best = cand if best is None or cand > best else best
        if best is not None:
            scored.append((*best, school))
    if not scored:
        return None
    scored.sort(key=lambda s: s[:3], reverse=True)
    top = [s for s in scored if s[:3] == scored[0][:3]]
    return top[0][3] if len(top) == 1 else None


def fold_chars(text: str) -> str:
    """fold() one character at a time, so positions in the result are positions in the input."""
    out = []
    for c in text:
        base = "".join(d for d in unicodedata.normalize("NFD", c) if unicodedata.category(d) != "Mn")
        base = "d" if c in "đĐ" else base.lower()
        out.append(base if len(base) == 1 else c.lower()[:1] or " ")
    return "".join(out)
