"""baocao's errors: one base, named for who must act."""


class BaocaoError(Exception):
    """Base of every error baocao raises on purpose."""


class ConfigError(BaocaoError):
    """The configuration is wrong: one line naming the key and file:line; exit 2."""


class MailboxError(BaocaoError):
    """The IMAP server or the Maildir could not be read; retried with backoff."""


class MailboxAuthError(MailboxError):
    """The IMAP login was refused: retrying will not help until the password is replaced."""


class SendError(BaocaoError):
    """A message could not be sent now; retried with backoff."""


class SendAmbiguousError(SendError):
    """The connection broke after the server may have taken the message: resending blindly could deliver it twice."""


class SendAuthError(SendError):
    """The SMTP login was refused (535/534): sending stops until the password is replaced."""


class SendQuotaError(SendError):
    """The provider's daily sending limit is reached (550 5.4.5): sending pauses for the day."""


class SendRejectedError(SendError):
    """The server refused this one message for good (5xx other than quota/auth)."""


class OAuthRevokedError(MailboxAuthError, SendAuthError):
    """Google refused the stored OAuth grant (revoked, expired, password changed): someone runs `baocao auth google`."""


class OAuthUnreachableError(MailboxError, SendError):
    """The token endpoint could not be reached or answered nonsense: retried like any network error."""


class LockedError(BaocaoError):
    """Another baocao process holds the state directory."""
