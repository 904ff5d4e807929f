"""newsbot: answers readers' questions about one news article.

Public types: :class:`~newsbot.reply.Reply` (what the engine returns) and
:class:`~newsbot.engine.Engine` (question in, reply out).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
