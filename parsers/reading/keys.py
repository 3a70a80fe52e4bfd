"""Matching keys for Vietnamese text: accent-free folding and tone-placement-insensitive keys."""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


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


def fold_chars(text: str) -> str:
    """fold() one character at a time, so positions in the result are positions in the input."""
    out = []
    for c in text:
        base = "".join(d for d in unicodedata.normalize("NFD", c) if unicodedata.category(d) != "Mn")
        base = "d" if c in "đĐ" else base.lower()
        out.append(base if len(base) == 1 else c.lower()[:1] or " ")
    return "".join(out)
