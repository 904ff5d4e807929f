"""``newsbot run`` with the conversation log off: the end-to-end benchmark's "log off" case.

``newsbot run`` always opens the conversation log and has no setting to turn it off, so this
script does what :func:`newsbot.telegram_bot.run` does in polling mode (same settings, same
application, same polling arguments) with no log. Run as a script:
``python tests/benchmarks/nolog_bot.py``, with the same environment as ``newsbot run``.
"""

from __future__ import annotations

import logging
import os
import sys

from newsbot.config import load_settings
from newsbot.engine import Engine
from newsbot.telegram_bot import ALLOWED_UPDATES, build_application
from newsbot.telegram_logging import install_token_filter


def main() -> None:
    settings = load_settings(env_file=None)
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    engine = Engine.from_file(settings.digest)
    install_token_filter(settings.require_token())
    worker = len(os.sched_getaffinity(0)) >= 2  # as newsbot.telegram_bot.run decides
    app = build_application(settings, engine, None, open_log=False, engine_worker=worker)
    app.run_polling(poll_interval=0.0, timeout=10, allowed_updates=ALLOWED_UPDATES)


if __name__ == "__main__":
    main()
