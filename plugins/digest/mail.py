"""A week's digest as an e-mail a mailing tool sends as is (`invoke digest`): the
plain-text alternative and the HTML version the build wrote, in one MIME message."""

import datetime as dt
import os
import re
from email.message import EmailMessage
from email.policy import SMTP

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def current_week(now):
    year, week, _ = now.isocalendar()
    return f"{year}-{week:02d}"


def write_email(output, digest_url, week):
    """Writes OUTPUT/DIGEST_URL/WEEK/lettre-WEEK.eml; returns its path. A French error when
    that week has no digest."""
    folder = os.path.join(output, digest_url, week)
    try:
        with open(os.path.join(folder, "email.html"), encoding="utf-8") as handle:
            html = handle.read()
        with open(os.path.join(folder, "email.txt"), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        raise FileNotFoundError(f"Pas de lettre pour la semaine {week} dans {folder} : aucune publication ni "
                                "aucun événement à annoncer, ou semaine mal écrite (AAAA-SS, ex. 2026-47).") from None
    message = EmailMessage(policy=SMTP)
    message["Subject"] = TITLE.search(html).group(1).split(" — ")[0]
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    path = os.path.join(folder, f"lettre-{week}.eml")
    with open(path, "wb") as out:
        out.write(message.as_bytes())
    return path


def week_of(agenda_now):
    """The week `invoke digest` writes by default: AGENDA_NOW's, or this one (Paris)."""
    from zoneinfo import ZoneInfo
    now = dt.datetime.fromisoformat(agenda_now) if agenda_now else dt.datetime.now(ZoneInfo("Europe/Paris"))
    return current_week(now)
