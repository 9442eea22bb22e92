"""`check-report gx-suite RULES... -o suite.json`: a rule set as a GX expectation suite file.

Rules with no GX form are listed on stderr (never dropped silently); `--strict` makes them fail the run.
Errors are one line and exit 2, like the rest of the CLI.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from check_report.findings import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

PROG = "check-report gx-suite"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Compile check-report rule sets into a Great Expectations suite (JSON).")
    parser.add_argument("rules", nargs="*", metavar="RULES",
                        help="rule packs by name or rule files by path (default: default)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the suite here (default: stdout)")
    parser.add_argument("--name", default="check-report", help="suite name (default: check-report)")
    parser.add_argument("--enable", action="append", default=[], metavar="ID")
    parser.add_argument("--disable", action="append", default=[], metavar="ID")
    parser.add_argument("--lang", choices=("en", "vi"), default="en", help="language of finding messages")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a rule has no GX form (default: list them and go on)")
    return parser


def cli_gx_suite(argv: list[str] | None = None) -> int:
    """Entry point for the `gx-suite` subcommand; returns the exit code."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return _run(args)
    except Exception as exc:
        if type(exc).__name__ not in {"RuleError", "GxError", "OSError", "PermissionError",
                                      "FileNotFoundError", "IsADirectoryError"}:
            raise
        print(f"{PROG}: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_ERROR


def _run(args) -> int:
    from check_report.engine import load_rules
    from check_report.gx.compile import compile_suite, suite_json

    ruleset = load_rules(args.rules or ["default"], enable=args.enable, disable=args.disable)
    suite, unsupported = compile_suite(ruleset, lang=args.lang, name=args.name)
    text = json.dumps(suite_json(suite), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.output:
        _write_atomically(Path(args.output), text)
    else:
        sys.stdout.write(text)
    for rule_id, reason in unsupported:
        print(f"{PROG}: {rule_id}: not in the suite: {reason}", file=sys.stderr)
    print(f"{PROG}: {len(suite.expectations)} expectations from {len(ruleset.rules)} rules"
          f"{f', {len(unsupported)} without a GX form' if unsupported else ''}", file=sys.stderr)
    return EXIT_FINDINGS if unsupported and args.strict else EXIT_OK


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
