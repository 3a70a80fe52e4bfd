"""What a mail comes to, on the middle floor: evidence.py gathers the evidence, decide.py is the policy (one pure
function naming its reasons), outcome.py writes what follows, classify.py (who sent it, for which cycle), review.py
and review_mail.py (what waits for a person), manual.py (reports that arrive outside the mailbox). It may import
cycles/, mail/, config/, the run's context, parsers and state; process.py, workflow, digest and cli/ import it."""
