"""``python -m newsbot``: the same as the ``newsbot`` console script."""

from __future__ import annotations

from newsbot.cli import main

raise SystemExit(main())
