"""Outgoing email: SMTP when MAIL_SERVER is set, else .eml files in MAIL_OUTBOX (development)."""

import logging
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

log = logging.getLogger("intranet.mail")


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message from the configured sender."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="library.kz")
    message.set_content(body)
    return message


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send one message; a failure is logged (without the address), never raised."""
    config = current_app.config
    message = build_message(to, subject, body)
    try:
        if config.get("MAIL_SERVER"):
            with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
                smtp.send_message(message)
        else:
            outbox = Path(config["MAIL_OUTBOX"])
            outbox.mkdir(parents=True, exist_ok=True)
            (outbox / f"{uuid.uuid4().hex}.eml").write_bytes(message.as_bytes())
    except (OSError, smtplib.SMTPException) as error:
        log.error("mail not sent: %s", error.__class__.__name__)
        return False
    return True
