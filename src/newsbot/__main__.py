"""``python -m newsbot``: the same as the ``newsbot`` console script."""

from __future__ import annotations

from newsbot.cli import main

if __name__ == "__main__":  # not when a multiprocessing spawn imports it again
    raise SystemExit(main())
