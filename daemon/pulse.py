"""What a long job and the daemon's loop tell each other while it works: stop now, and a beat for the watchdog.

The loop sets `stopping` from its SIGTERM/SIGINT handler and makes `beat` its watchdog ping; the poll looks at the
first and calls the second after each message and during a long parse. `baocao poll` from a shell gets a pulse
of its own, so Ctrl-C or a kill ends it between messages too.
"""

from __future__ import annotations

from collections.abc import Callable


class Stopped(BaseException):  # noqa: N818 - a request, not an error; BaseException: no `except Exception` eats it
    """Raised by `Pulse.check()` once a stop is requested: the work under way is left for the next start."""


class Pulse:
    def __init__(self, beat: Callable[[], None] | None = None) -> None:
        self.stopping = False
        self._beat = beat

    def bind(self, beat: Callable[[], None]) -> None:
        self._beat = beat

    def beat(self) -> None:
        if self._beat is not None:
            self._beat()

    def check(self) -> None:
        """A beat, then Stopped if a stop was requested: for the waits inside a message."""
        self.beat()
        if self.stopping:
            raise Stopped
