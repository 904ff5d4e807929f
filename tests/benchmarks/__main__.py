"""``python -m tests.benchmarks [SECTION ...]``: run the benchmarks, print one table, save JSON.

Sections, in the order they run: router, accuracy, writer, profile, endtoend (the default is
all of them). The JSON goes to ``bench-results/bench-<UTC time>.json`` and ``latest.json``
with the machine's CPU model and Python version. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from . import accuracy, endtoend, profile_engine, router, writer
from .common import RESULTS, Row, machine

Section = Callable[[], tuple[list[Row], dict[str, Any]]]


def _profile() -> tuple[list[Row], dict[str, Any]]:
    return [], profile_engine.run()


SECTIONS: dict[str, Section] = {
    "router": router.run,
    "accuracy": accuracy.run,
    "writer": writer.run,
    "profile": _profile,
    "endtoend": endtoend.run,
}


#: What each section's figures are, printed under its name.
LEGENDS = {
    "router": "Engine.answer per question over tests/data: p50 / p99; ratio to 1x p50 / p99",
    "accuracy": "in-scope right / off-topic rejected / unstated rejected",
    "writer": "rows per second, first record() to close() done",
    "end-to-end": "updates/s, reply latency p50 / p99, bot CPU per update (rate limit off)",
    "footprint": "process start to first getUpdates, resident memory (VmRSS)",
}


def table(rows: list[Row]) -> str:
    """Rows grouped by section, columns sized to their contents."""
    widths = [max((len(getattr(r, f)) for r in rows), default=0) for f in ("what", "value")]
    lines: list[str] = []
    section = ""
    for r in rows:
        if r.section != section:
            section = r.section
            lines.append(f"\n[{section}] {LEGENDS.get(section, '')}".rstrip())
        extra = "  ".join(x for x in (r.compare, r.verdict) if x)
        lines.append(f"  {r.what:<{widths[0]}}  {r.value:<{widths[1]}}  {extra}".rstrip())
    return "\n".join(lines).lstrip("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("sections", nargs="*", choices=[*SECTIONS, []], metavar="SECTION")
    chosen = parser.parse_args(argv).sections or list(SECTIONS)
    started = time.perf_counter()
    rows: list[Row] = []
    results: dict[str, Any] = {"machine": machine(), "sections": {}}
    for name in chosen:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        begin = time.perf_counter()
        section_rows, data = SECTIONS[name]()
        rows.extend(section_rows)
        results["sections"][name] = {"seconds": time.perf_counter() - begin, "data": data}
    results["rows"] = [
        {
            "section": r.section,
            "what": r.what,
            "value": r.value,
            "compare": r.compare,
            "verdict": r.verdict,
        }
        for r in rows
    ]
    results["seconds"] = time.perf_counter() - started
    m = results["machine"]
    print(
        f"newsbot benchmarks: {m['cpu_model']} ({m['cpus']} CPUs), Python {m['python']}, "
        f"{results['seconds']:.0f} s\n"
    )
    print(table(rows))
    if "profile" in results["sections"]:
        print("\n" + profile_engine.format_profile(results["sections"]["profile"]["data"]))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(results, indent=1, default=str)
    (RESULTS / f"bench-{stamp}.json").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "latest.json").write_text(text + "\n", encoding="utf-8")
    print(f"\nJSON: {RESULTS / f'bench-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
