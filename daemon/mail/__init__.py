"""Mail in and out, on the bottom floor beside config/: mailbox.py (IMAP, the only importer of imap_tools),
maildir.py, watch.py (IDLE), ingest.py (fetch, archive, record), inbound.py (reading a raw mail), compose.py
(building ours), outbox.py and smtp.py (the only importer of smtplib), logins.py, oauth.py and consent.py (sign-in).
It may import config/, the run's context (context, archive, pulse, errors), parsers and state; cycles/,
decision/, summary/, the pass and the command line import it, never the other way."""
