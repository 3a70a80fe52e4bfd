"""SMTP: the only importer of smtplib. Loaded only when there is mail to send, or by `baocao check`."""

from __future__ import annotations

import logging
import smtplib
import ssl
from typing import Any

from daemon.config.settings import SmtpOutgoing
from daemon.errors import SendAmbiguousError, SendAuthError, SendError, SendQuotaError, SendRejectedError
from daemon.mail.oauth import sign_in, xoauth2

log = logging.getLogger(__name__)


class SmtpTransport:
    """One SMTP connection, opened at the first message; every library error leaves as one of ours."""

    def __init__(self, outgoing: SmtpOutgoing):
        self.outgoing = outgoing
        self.smtp: smtplib.SMTP | None = None

    def send(self, row: dict[str, Any], sender: str) -> None:
        if self.smtp is None:
            self.smtp = _connect(self.outgoing)
        try:
            refused = self.smtp.sendmail(sender, row["recipients"], row["raw"])
        except smtplib.SMTPRecipientsRefused as e:
            # judged by the first refusal: a 4xx (greylisting, 421) is retried, a quota reply pauses
            code, text = next(iter(e.recipients.values()), (550, b""))
            if code == 421:
                self.close()
            error = _classify(code, text)
            if type(error) is SendRejectedError:
                error = SendRejectedError(f"all recipients refused: {_codes(e.recipients)}")
            raise error from e
        except smtplib.SMTPSenderRefused as e:
            raise _classify(e.smtp_code, e.smtp_error) from e
        except smtplib.SMTPDataError as e:
            raise _classify(e.smtp_code, e.smtp_error) from e
        except smtplib.SMTPResponseException as e:
            self.close()
            raise _classify(e.smtp_code, e.smtp_error) from e
        except (smtplib.SMTPServerDisconnected, OSError) as e:
            self.close()
            raise SendAmbiguousError(f"connection lost while sending: {e or type(e).__name__}") from e
        if refused:
            log.warning("outbox %s: some recipients refused: %s", row["id"], _codes(refused))

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None


def check_login(outgoing: SmtpOutgoing) -> None:
    """Connect and log in, send nothing: for `baocao check`."""
    smtp = _connect(outgoing)
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _connect(outgoing: SmtpOutgoing) -> smtplib.SMTP:
    try:
        return _open(outgoing)
    except smtplib.SMTPAuthenticationError as e:
        hint = "for Gmail use an app password" if outgoing.oauth is None else \
            "the OAuth token must be of this account; run baocao auth google and sign in as it"
        raise SendAuthError(f"SMTP login to {outgoing.host} as {outgoing.username} refused "
                            f"({e.smtp_code}). Hint: {hint}") from e
    except smtplib.SMTPResponseException as e:
        raise _classify(e.smtp_code, e.smtp_error) from e
    except (smtplib.SMTPException, OSError) as e:
        raise SendError(f"cannot connect to SMTP {outgoing.host}:{outgoing.port}: {e}") from e


def _open(outgoing: SmtpOutgoing) -> smtplib.SMTP:
    password = outgoing.secret.read()
    context = ssl.create_default_context(cafile=str(outgoing.ca_file) if outgoing.ca_file else None)
    if outgoing.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(outgoing.host, outgoing.port, timeout=outgoing.timeout_s,
                                              context=context)
    else:
        smtp = smtplib.SMTP(outgoing.host, outgoing.port, timeout=outgoing.timeout_s)
    try:
        if outgoing.security == "starttls":
            smtp.starttls(context=context)
        if outgoing.oauth is not None:  # AUTH XOAUTH2 with the grant `baocao auth google` stored
            sign_in(outgoing.oauth, lambda token: _xoauth2(smtp, outgoing.username, token),
                    smtplib.SMTPAuthenticationError)
        elif password or outgoing.security != "none":
            smtp.login(outgoing.username, password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _xoauth2(smtp: smtplib.SMTP, username: str, token: str) -> None:
    smtp.ehlo_or_helo_if_needed()
    # a refusal comes as a 334 challenge (a JSON error) that the client answers with an empty line, then 535
    smtp.auth("XOAUTH2", lambda challenge=None: xoauth2(username, token) if challenge is None else "")


def _classify(code: int, text: bytes | str) -> SendError:
    message = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    line = f"{code} {message}".replace("\n", " ")[:300]
    if code in (534, 535, 530) or "5.7.8" in message or "5.7.9" in message:
        return SendAuthError(line)
    if "5.4.5" in message or (code == 550 and "quota" in message.lower()):
        return SendQuotaError(line)
    if code == -1:
        return SendAmbiguousError(line)
    if 500 <= code < 600:
        return SendRejectedError(line)
    return SendError(line)


def _codes(mapping: dict[str, Any]) -> str:
    return ", ".join(f"{addr} ({value[0]})" for addr, value in mapping.items())
