"""Every mail's HTML part as a phone shows it: headless Chromium at 400 px, no horizontal overflow, and a screenshot
kept under tests/artifacts/mails/ for a person to look at (its first 900 px: a phone's first screens). Chromium comes from scripts/setup-system.sh; without it
the test fails: it never skips."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from daemon.mail.compose import render
from tests.mail_cases import CASES

WIDTH = 400  # a phone
ARTIFACTS = Path(__file__).parent / "artifacts" / "mails"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--window-size={WIDTH},900")
# Chromium's windows are at least 500 px wide whatever --window-size says: the mail is laid out in a 400 px frame
# (its own viewport: innerWidth 400; no scroll bars, as on a phone), and after layout the page writes the frame's widths where --dump-dom prints them
FRAME = """<!DOCTYPE html><html><body style="margin: 0; overflow: hidden; background: #ccc">
<iframe id="mail" scrolling="no" style="width: {width}px; height: 900px; border: 0; background: #fff" srcdoc="{srcdoc}"></iframe>
<script>addEventListener("load", () => {{
  const frame = document.getElementById("mail"), page = frame.contentDocument.documentElement;
  frame.style.height = page.scrollHeight + "px";
  document.body.setAttribute("data-measured", [page.scrollWidth, frame.contentWindow.innerWidth].join(" "));
}});</script></body></html>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Chromium is missing: run scripts/setup-system.sh (it installs Debian's chromium)")
    return found


def show(html: str, page: Path, shot: Path, profile: Path) -> tuple[int, int]:
    """(scrollWidth, innerWidth) of `html` rendered at WIDTH px, and its screenshot at `shot`."""
    page.write_text(FRAME.format(width=WIDTH, srcdoc=escape(html, quote=True)), encoding="utf-8")
    done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", "--dump-dom",
                           page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'data-measured="(\d+) (\d+)"', done.stdout)
    assert found, f"Chromium printed no measure (exit {done.returncode}): {done.stderr[-2000:]}"
    return int(found[1]), int(found[2])


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_html_part_fits_a_phone_screen(case: str, tmp_path: Path) -> None:
    template, context = CASES[case]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{case}.png"
    shot.unlink(missing_ok=True)
    scroll, inner = show(render(f"{template}.html.j2", context), tmp_path / f"{case}.html", shot, tmp_path / "p")
    assert inner == WIDTH, "the window is not a phone's width: the measure would prove nothing"
    assert scroll <= WIDTH, f"{case}: {scroll} px wide at {WIDTH} px, see {shot}"
    assert shot.stat().st_size > 1000


def test_the_measure_sees_an_overflow(tmp_path: Path) -> None:
    """The old missing list's table overflowed a phone: the test must be able to see that."""
    wide = "<html><body><table><tr>" + "<td>Trường&nbsp;Tiểu&nbsp;học&nbsp;Him&nbsp;Lam</td>" * 4 + \
        "</tr></table></body></html>"
    scroll, inner = show(wide, tmp_path / "wide.html", tmp_path / "wide.png", tmp_path / "p")
    assert inner == WIDTH and scroll > WIDTH
