"""An idle poll loads only what an idle poll needs: no templates, no parsers, no document or chart libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.mails import SCHOOLS, write_config

# what an idle poll has no use for: templates, parsing, the summary, sending, the scheduler
HEAVY = ("jinja2", "parsers", "docx", "pdfplumber", "matplotlib", "openpyxl", "PIL", "numpy", "smtplib",
         "daemon.commands_sched", "schedule")
# the real entry point, then what it loaded
PROBE = """
import json, sys
from daemon.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_idle_poll_imports_nothing_heavy(tmp_path: Path) -> None:
    mail = tmp_path / "mail"
    for sub in ("cur", "new", "tmp"):
        (mail / sub).mkdir(parents=True)
    config = write_config(tmp_path, mailbox={"maildir": str(mail)}, outgoing={"outbox_dir": str(tmp_path / "out")},
                          schools=SCHOOLS)
    empty = tmp_path / "cwd"  # not tmp_path: its state/ directory would shadow the `state` package
    empty.mkdir()
    done = subprocess.run([sys.executable, "-c", PROBE, "-c", str(config), "poll"], capture_output=True, text=True,
                          check=True, cwd=empty)
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0
    loaded = result["modules"]
    assert [name for name in HEAVY if any(m == name or m.startswith(name + ".") for m in loaded)] == []
