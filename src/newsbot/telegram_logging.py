"""Keeping the bot token out of the logs.

python-telegram-bot logs the Bot API URL, token included, at DEBUG ("Set Bot API URL ..."),
and exceptions such as ``InvalidToken`` carry it in their message. Setting the ``httpx``
logger to WARNING is therefore not enough: :class:`TokenFilter` masks the token in every
record that reaches a handler, whatever logger it comes from, including tracebacks.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

MASK = "<token>"


class TokenFilter(logging.Filter):
    """Replace the token (and its URL-encoded form) with ``<token>`` in a record."""

    def __init__(self, token: str) -> None:
        super().__init__()
        # The URL-encoded form matters: httpx and PTB may log the ':' as '%3A'.
        self._forms = tuple({token, quote(token, safe="")})

    def _mask(self, text: str) -> str:
        for form in self._forms:
            text = text.replace(form, MASK)
        return text

    def _contains(self, text: str) -> bool:
        return any(form in text for form in self._forms)

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask in place and always let the record through."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix; mask what we can
            message = str(record.msg)
        if self._contains(message):
            record.msg = self._mask(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            # Format the traceback now so the formatter reuses our masked copy.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self._contains(record.exc_text):
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info and self._contains(record.stack_info):
            record.stack_info = self._mask(record.stack_info)
        return True


def install_token_filter(token: str) -> TokenFilter:
    """Attach one :class:`TokenFilter` to every handler that exists now.

    Called once logging is configured (by the CLI); handlers on the root logger and on any
    named logger get it, so a record is masked whichever handler writes it.
    """
    token_filter = TokenFilter(token)
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers.extend(
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    )
    handlers = [handler for logger in loggers for handler in logger.handlers]
    if logging.lastResort is not None:  # used when nothing is configured
        handlers.append(logging.lastResort)
    for handler in handlers:
        for old in [f for f in handler.filters if isinstance(f, TokenFilter)]:
            handler.removeFilter(old)
        handler.addFilter(token_filter)
    # Request lines (with the token in the URL) are httpx INFO records; keep them out.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return token_filter
