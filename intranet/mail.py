"""Outgoing email: SMTP when MAIL_SERVER is set, else .eml files in MAIL_OUTBOX (development).

Only the worker calls `deliver`; a request writes to the outbox instead
(`intranet/notifications/services/outbox.py`).
"""

import secrets
import smtplib
import time
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr
from pathlib import Path

from flask import current_app

SMTP_TIMEOUT = 30


class MailError(Exception):
    """A message that was not sent; `permanent` when sending it again cannot help."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def new_message_id() -> str:
    """A fresh Message-ID, kept with the message so that every retry carries the same one.

    Random from `secrets`: make_msgid draws on the `random` module, whose state a reseeding
    library (the property tests' Hypothesis) can repeat within one tick. Short enough that the
    header is never folded.
    """
    return f"<{int(time.time())}.{secrets.token_hex(12)}@library.kz>"


def build_message(to: str, subject: str, body: str, message_id: str) -> MIMEText:
    """A plain-text UTF-8 message from the configured sender.

    A header value with CR or LF is refused (ValueError), so nothing can be injected. The
    subject is encoded by `email.header.Header`: the newer email policy drops the space
    between two encoded words when it folds a long Kazakh or Russian subject.
    """
    if any("\r" in value or "\n" in value for value in (to, subject, message_id)):
        raise ValueError("a header value with a line break")
    message = MIMEText(body, "plain", "utf-8")
    message["From"] = formataddr(parseaddr(current_app.config["MAIL_DEFAULT_SENDER"]), "utf-8")
    message["To"] = to
    message["Subject"] = Header(subject, "utf-8")  # type: ignore[assignment]
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    return message


def deliver(to: str, subject: str, body: str, message_id: str) -> None:
    """Send one message or raise MailError saying whether a later try may succeed."""
    config = current_app.config
    try:
        message = build_message(to, subject, body, message_id)
    except ValueError as error:  # an address or subject with a line break: never sendable
        raise MailError("invalid header", permanent=True) from error
    try:
        if config.get("MAIL_SERVER"):
            with smtplib.SMTP(
                config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT
            ) as smtp:
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
                smtp.send_message(message)
        else:
            outbox = Path(config["MAIL_OUTBOX"])
            outbox.mkdir(parents=True, exist_ok=True)
            name = message_id.strip("<>").replace("@", "_").replace("/", "_")
            (outbox / f"{name}.eml").write_bytes(message.as_bytes())
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        raise MailError(
            f"recipient refused {codes[0] if codes else ''}".strip(),
            permanent=all(code >= 500 for code in codes),
        ) from error
    except smtplib.SMTPResponseException as error:
        # A server-wide refusal (authentication, a full disk) may pass: tried again later.
        raise MailError(f"{error.__class__.__name__} {error.smtp_code}", permanent=False) from error
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(error.__class__.__name__, permanent=False) from error
