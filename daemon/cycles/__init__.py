"""Reporting cycles and what they make happen, on the middle floor: calendar.py (working days, holidays in
data/), adhoc.py (every cycle baocao knows, who is expected), reminder_plan.py and reminders.py, status.py (who
has sent), summarize.py (the summary mailed to the office). It may import mail/, config/, the run's context,
summary/, parsers and state; decision/, the pass (workflow, process, runner, digest) and cli/ import it."""
