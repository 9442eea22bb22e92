"""`check-report extract`, `rules` and `explain`: what was read, and what the rules are.

`rules` and `explain` import neither pandas nor the readers (a test checks it): they read rule files only.
"""

from __future__ import annotations

import sys

from check_report.cli import CliError, _base_ruleset, _write, write_stdout
from check_report.config import resolve_options
from check_report.findings import EXIT_OK


def cmd_extract(args) -> int:
    from check_report import readers
    from check_report.extract import extract
    from check_report.i18n import t
    from check_report.pipeline import same_file

    run = resolve_options(args)
    if args.output and same_file(args.output, [args.file]):
        raise CliError(t("cli.output_input", run.lang, path=args.output))
    source = readers.read(args.file)
    plans: list[dict] = []
    facts, notes = extract(source, vocabulary=list(run.settings.vocabulary) or None, plans=plans)
    text = _facts_text(facts, args.format, plans)
    if args.output:
        _write(args.output, text, run.lang)
    else:
        write_stdout(text)
    for note in notes:
        print(note, file=sys.stderr)
    return EXIT_OK


def _facts_text(facts, fmt: str, plans: list | None = None) -> str:
    import json
    from contextlib import suppress

    from check_report import facts as F

    # whole-number columns with gaps would print as 3.0; nullable integers print as 3
    for column in (F.LINE, F.PERIOD_START, F.PERIOD_END, F.YEAR, F.DECIMALS):
        with suppress(TypeError, ValueError, KeyError):   # not whole numbers after all: shown as they are
            facts = facts.astype({column: "Int64"})
    if fmt == "csv":
        return facts.to_csv(index=False, lineterminator="\n")
    records = json.loads(facts.to_json(orient="records", force_ascii=False))
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    from check_report.reporters.terminal import facts_table, render_plain

    shown = (F.SHEET, F.CELL, F.LINE, F.CODE, F.INDICATOR, F.MEASURE, F.PERIOD, F.UNIT, F.RAW, F.VALUE)
    table = facts_table(records, shown)
    # each table's column plan first: what every column was read as, or why it was not
    layout = facts_table(plans, ("sheet", "table", "column", "header", "read as")) if plans else None
    if sys.stdout.isatty():
        from check_report.reporters.terminal import make_console

        console = make_console()
        if layout is not None:
            console.print(layout)
            console.print()
        console.print(table)
        return ""
    return (render_plain(layout) + "\n" if layout is not None else "") + render_plain(table)


def cmd_rules(args) -> int:
    from check_report.reporters.terminal import make_console, print_rules

    run = resolve_options(args)
    print_rules(_listed_rules(run.settings), make_console(), lang=run.lang)
    return EXIT_OK


def _listed_rules(settings):
    """The rule set plus the cross-file rules (`--together`), which live in code, not in a pack."""
    from check_report import pipeline

    try:
        from check_report.crossfile import RULES as cross_rules
    except ImportError:
        cross_rules = {}
    return pipeline.with_cross_rules(_base_ruleset(settings), cross_rules)


def cmd_explain(args) -> int:
    from check_report.i18n import t
    from check_report.reporters.terminal import make_console, print_explanation

    run = resolve_options(args)
    ruleset = _listed_rules(run.settings)
    rule = ruleset.get(args.rule)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.rule, [r.id for r in ruleset.rules], n=1)
        hint = t("cli.did_you_mean", run.lang, name=close[0]) if close else ""
        raise CliError(t("cli.unknown_rule", run.lang, rule=args.rule, hint=hint))
    print_explanation(rule, make_console(), lang=run.lang)
    return EXIT_OK
