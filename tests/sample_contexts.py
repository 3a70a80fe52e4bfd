"""Sample contexts for rendering every template: one place, so a new template gets one entry here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from daemon.mail.compose import render


def render_sample(name: str, known: dict[str, dict[str, Any]], tmp: Path) -> str:
    from tests.mail_cases import CASES
    from tests.test_digest import SCHED_SAMPLES

    # every mail kind's states are in tests/mail_cases.py (golden text, 400 px rendering): its first state here
    known = {**{template: context for template, context in reversed(CASES.values())}, **known, **SCHED_SAMPLES}
    template = name.split(".")[0]
    if template in known:
        return render(name, known[template])
    if template == "summary_email":
        from daemon.summary import compute_totals, render_summary_email, write_summary
        from daemon.summary.sample import sample_data

        data = sample_data(12)
        subject, text, html = render_summary_email(data, compute_totals(data), write_summary(data, tmp))
        return {"subject": subject, "txt": text, "html": html}[name.split(".")[1]]
    raise AssertionError(f"no sample context for template {name!r}: add its states in tests/mail_cases.py")
