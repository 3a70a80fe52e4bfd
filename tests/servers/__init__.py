"""Real servers on 127.0.0.1 for the tests: Dovecot (IMAP), aiosmtpd (SMTP) and a TCP fault proxy."""
