"""A database driver's error said in the person's language (psycopg, pymysql, sqlite3).

The drivers speak English ("connection refused", "Access denied for user…"), which read as a
foreign body inside a Chinese sentence. The common causes are recognised and said from the
catalogue; the driver's own first line is kept only as a detail after them, for the admin who
searches for it. Never a password: it is cut from the driver's text, with any URL or DSN that
carries one.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import URL

from studio.i18n import Message

#: (what the driver's text holds, lower-cased; ``*`` stands for any text) -> the cause in words.
#: The first match wins.
_CAUSES: tuple[tuple[tuple[str, ...], Message], ...] = (
    (
        (
            "password authentication failed",
            "authentication failed",
            "access denied for user",
            "no password supplied",
        ),
        Message("the server refused the user name or password"),
    ),
    (
        ("unknown database", 'database "*" does not exist'),
        Message("there is no such database on the server"),
    ),
    (
        (
            "connection refused",
            "errno 111",
            "errno 10061",
            "can't connect to mysql server",
            # a local PostgreSQL that is not running: its socket file is missing ("No such
            # file or directory"), which is not a database file to look for
            "is the server running",
        ),
        Message("the server refused the connection (is it running, at this host and port?)"),
    ),
    (
        (
            "could not translate host name",
            "name or service not known",
            "nodename nor servname",
            "getaddrinfo failed",
            "name resolution",
        ),
        Message("no server of that name can be found"),
    ),
    (
        (
            "timeout expired",
            "timed out",
            "statement timeout",
            "max_statement_time",
            "max_execution_time",
            "query execution was interrupted",
            "interrupted",
        ),
        Message("the database did not answer in time"),
    ),
    (
        ("unable to open database file", "no such file or directory"),
        Message("the database file cannot be found or opened"),
    ),
)

# user:password@ in a URL; password=… in a keyword DSN (psycopg's "host=… password=…")
_URL_PASSWORD = re.compile(r"(\w[\w+.-]*://[^/\s:@'\"]*):[^@\s'\"]*@")
_DSN_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def driver_detail(exc: BaseException, url: URL | None = None) -> str:
    """The first line of the driver's message (at most 300 characters), without a password."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    text = lines[0][:300] if lines else type(orig).__name__
    if url is not None and url.password:
        text = text.replace(str(url.password), "***")
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    return _DSN_PASSWORD.sub(r"\1***", text)


def driver_cause(exc: BaseException) -> Message | None:
    """The common cause of ``exc`` (a driver error, or SQLAlchemy's wrapping one) in words;
    ``None`` when it is none of them."""
    orig = getattr(exc, "orig", None) or exc
    raw = str(orig).lower()
    return next((cause for needles, cause in _CAUSES if any(_holds(raw, n) for n in needles)), None)


def _holds(raw: str, needle: str) -> bool:
    if "*" not in needle:
        return needle in raw
    return re.search(".*".join(re.escape(part) for part in needle.split("*")), raw) is not None


def driver_reason(exc: BaseException, url: URL | None = None) -> Message:
    """Why the database failed, in words, with the driver's text as a detail after them:
    "the server refused the connection (…) — driver: connection refused…"."""
    cause = driver_cause(exc) or Message("the database answered with an error")
    return Message(
        "{cause} (the driver said: {detail})", cause=cause, detail=driver_detail(exc, url)
    )
