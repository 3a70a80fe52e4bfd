"""What the command line reads and writes beyond argparse: --now's instant and --json's output."""

from __future__ import annotations

import datetime as dt
import json

from daemon.config.settings import Config
from daemon.errors import ConfigError


def parse_now(text: str, config: Config) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--now: {text!r} is not an ISO 8601 time. Hint: 2024-11-14T23:59 or "
                          "2024-11-14T16:59:00+00:00") from None
    return value if value.tzinfo else value.replace(tzinfo=config.office.timezone)


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
