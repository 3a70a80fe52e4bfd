"""Which metric a row label or a phrase speaks of, tolerant of rewording, abbreviations and extra words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parsers.model import MetricSpec
from parsers.reading.keys import words

# school abbreviations written in labels ("Số CBQL, GV chủ chốt", "lượt HS")
_EXPAND = {
    "cbql": "can bo quan ly", "gv": "giao vien", "hs": "hoc sinh", "cb": "can bo", "nv": "nhan vien",
    "cbgv": "can bo giao vien", "cbgvnv": "can bo giao vien nhan vien", "cmhs": "cha me hoc sinh",
    "qcn": "quyen con nguoi", "gd": "giao duc", "sl": "so luong", "dvt": "don vi tinh",
}  # fmt: skip
_STOP = frozenset(
    "so ve va cua cac nhung trong cho voi la thi nay do tai theo nam hoac mot tong cong".split()
)
# below these the label is not this metric: "Số học sinh" is not "Số lượt học sinh tham gia"
MIN_RECALL = 0.75
MIN_SCORE = 0.5


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for w in words(text):
        out.extend(_EXPAND.get(w, w).split())
    return [w for w in out if w not in _STOP]


def has_phrase(plain: str, phrase: str) -> bool:
    """Whether a phrase's words stand together in text already made plain (" word word ")."""
    wanted = " ".join(words(phrase))
    return bool(wanted) and f" {wanted} " in plain


def allowed(spec: MetricSpec, plain: str) -> bool:
    """A metric's distinguishing words are there and none of the words that rule it out."""
    if spec.requires and not any(has_phrase(plain, p) for p in spec.requires):
        return False
    return not any(has_phrase(plain, p) for p in spec.excludes)


@dataclass(frozen=True)
class Match:
    spec: MetricSpec
    score: float
    margin: float


class LabelIndex:
    """Scores text against every metric: precision over the metric vocabulary times best phrase recall."""

    def __init__(self, specs: Sequence[MetricSpec]) -> None:
        self.specs = tuple(specs)
        self.phrases = {s.key: [set(tokens(p)) for p in (s.label, *s.aliases) if tokens(p)] for s in specs}
        self.vocab = {k: set().union(*ps) if ps else set() for k, ps in self.phrases.items()}
        self.universe: set[str] = set().union(*self.vocab.values()) if self.vocab else set()
        # a word several metrics share ("tham gia", "quyền con người") says less about which one is meant
        self.weight = {t: 1 / sum(t in v for v in self.vocab.values()) for t in self.universe}

    def score(self, text: str) -> list[tuple[float, MetricSpec]]:
        found = set(tokens(text))
        known = found & self.universe
        if not known:
            return []
        out = []
        plain = f" {' '.join(words(text))} "
        for spec in self.specs:
            if not allowed(spec, plain):
                continue
            total = sum(self.weight[t] for t in known)
            precision = sum(self.weight[t] for t in known & self.vocab[spec.key]) / total
            recall = max((len(p & found) / len(p) for p in self.phrases[spec.key]), default=0.0)
            if recall >= MIN_RECALL:
                out.append((precision * recall, spec))
        out.sort(key=lambda s: s[0], reverse=True)
        return out

    def best(self, text: str, kinds: set[str] | None = None, keys: set[str] | None = None) -> Match | None:
        scored = [
            s
            for s in self.score(text)
            if (kinds is None or s[1].type in kinds) and (keys is None or s[1].key in keys)
        ]
        if not scored or scored[0][0] < MIN_SCORE:
            return None
        second = scored[1][0] if len(scored) > 1 else 0.0
        return Match(scored[0][1], scored[0][0], scored[0][0] - second)
