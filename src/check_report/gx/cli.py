"""`check-report gx-suite RULES... -o suite.json`: a rule set as a GX expectation suite file.

The suite is the rule set: when some rule has no GX form, nothing is written and every such rule is named
on stderr (exit 2). `--allow-partial` writes the rules that have one and lists those left out (exit 0).
Errors are one line starting with "check-report: " and exit 2, like the rest of the CLI.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from check_report.findings import EXIT_ERROR, EXIT_OK

PROG = "check-report gx-suite"
PREFIX = "check-report: gx-suite"


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
    parser.add_argument("--allow-partial", action="store_true",
                        help="write the rules that have a GX form and list the others (default: fail naming them)")
    parser.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)   # the default now
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
        print(f"{PREFIX}: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_ERROR


def _run(args) -> int:
    from check_report.engine import load_rules
    from check_report.gx.compile import compile_suite, suite_json

    from check_report.i18n import t

    ruleset = load_rules(args.rules or ["default"], enable=args.enable, disable=args.disable)
    suite, unsupported = compile_suite(ruleset, lang=args.lang, name=args.name)
    for rule_id, reason in unsupported:
        print(f"{PREFIX}: {t('gx_suite.unsupported', args.lang, rule=rule_id, reason=reason)}", file=sys.stderr)
    if unsupported and not args.allow_partial:
        print(f"{PREFIX}: {t('gx_suite.partial', args.lang, count=len(unsupported))}", file=sys.stderr)
        return EXIT_ERROR
    text = json.dumps(suite_json(suite), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.output:
        _write_atomically(Path(args.output), text)
    else:
        sys.stdout.write(text)
    summary = t("gx_suite.summary", args.lang, expectations=len(suite.expectations), rules=len(ruleset.rules))
    left_out = f"; {t('gx_suite.left_out', args.lang, count=len(unsupported))}" if unsupported else ""
    print(f"{PREFIX}: {summary}{left_out}", file=sys.stderr)
    return EXIT_OK


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
