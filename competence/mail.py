"""Sending an email: through the SMTP server the environment names, or, with none
configured (the embedded default), as an .eml file in $COMPETENCE_DATA_DIR/outbox/, the
log saying where. The log never holds an address or a message's text."""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from competence import settings

logger = logging.getLogger(__name__)


def outbox() -> Path:
    folder = settings.data_dir() / "outbox"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def message(to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = settings.MAIL_FROM, to, subject
    mail["Date"], mail["Message-ID"] = formatdate(localtime=False), make_msgid(domain="competence.local")
    mail.set_content(body)
    return mail


def send(to: str, subject: str, body: str) -> None:
    mail = message(to, subject, body)
    smtp = settings.smtp()
    if smtp is None:
        path = outbox() / f"{mail['Date'].replace(' ', '_').replace(',', '')}-{secrets.token_hex(4)}.eml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(mail))
        logger.info("no SMTP server configured: email written to %s", path)
        return
    context = ssl.create_default_context()
    if smtp.security == "tls":
        server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=20, context=context)
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=20)
    with server:
        if smtp.security == "starttls":
            server.starttls(context=context)
        if smtp.user:
            server.login(smtp.user, smtp.password)
        server.send_message(mail)
