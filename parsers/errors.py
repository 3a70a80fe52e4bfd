"""The one exception parsers raise internally; it always carries the problem to tell the school."""

from __future__ import annotations

from parsers.model import Problem


class ParseError(Exception):
    def __init__(self, filename: str, problem: Problem) -> None:
        super().__init__(f"{filename}: {problem.code}")
        self.filename = filename
        self.problem = problem
