"""The `check-report` command: `check-report FILE...` checks; `extract`, `rules`, `explain` show.

Exit codes are the named constants of `findings`: 0 clean, 1 findings at or above --fail-on, 2 usage or
input errors: any input that could not be read makes the run exit 2, after every other file was checked
and reported (a CI gate must not pass a corrupt upload). Every error is one line naming the file;
a traceback appears only with --debug. Heavy modules (pandas, rich, the engine, workbook readers) are
imported inside the functions that need them: start-up time is a feature.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache

from check_report.config import resolve_options
from check_report.findings import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Severity

PROG = "check-report"
SUBCOMMANDS = ("check", "baseline", "extract", "rules", "explain", "gx-suite")
FAIL_ON = ("error", "warning", "info", "never")


class CliError(Exception):
    """A usage or input problem: printed as one line, exit code 2."""


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    _no_collection_at_exit()
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv.pop(0) if argv and argv[0] in SUBCOMMANDS else "check"
    if command == "gx-suite":   # its own parser; imports great_expectations only here
        from check_report.gx import cli_gx_suite

        return cli_gx_suite(argv)
    parser = build_parser(command)
    args = parser.parse_args(argv)
    try:
        return _commands()[command](args)
    except CliError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if _is_user_error(exc):
            return _fail(" ".join(str(exc).split()))
        if args.debug:
            raise
        from check_report.i18n import default_lang, t

        lang = getattr(args, "lang", None) or default_lang()
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return _fail(f"{t('cli.internal', lang, path=PROG, error=detail)} {t('cli.debug_hint', lang)}")


@cache
def _no_collection_at_exit() -> None:
    """The process ends after its report: the interpreter's last garbage collection would walk every object
    of pandas, numpy and the rule set (60 ms of a run's serial time) for memory the system frees anyway.
    Frozen objects are not walked, and atexit runs before that collection. Nothing relies on it: every
    output is written and closed before main returns."""
    import atexit
    import gc

    atexit.register(gc.freeze)


def _tolerant_streams() -> None:
    """A console that cannot show Vietnamese (an ASCII or cp1252 one) gets escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="backslashreplace")


def write_stdout(text: str) -> None:
    """Machine output is UTF-8 whatever the console's encoding, as files written with --output are."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:          # a replaced stream (tests, IDEs): it takes text
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _fail(message: str) -> int:
    print(error_line(message), file=sys.stderr)
    return EXIT_ERROR


def error_line(message: str) -> str:
    """Every error the command prints is one line starting with "check-report: "."""
    message = " ".join(str(message).split())
    return message if message.startswith(f"{PROG}:") else f"{PROG}: {message}"


def _is_user_error(exc: Exception) -> bool:
    """Errors whose message is already the one line a user needs: bad config, bad rules, bad input."""
    from check_report.config import ConfigError
    from check_report.engine.model import RuleError
    from check_report.readers.base import InputError

    return isinstance(exc, (ConfigError, RuleError, InputError)) or type(exc).__name__ in ("GxError", "ClusterError")


# --- arguments ---------------------------------------------------------------------------------------

def build_parser(command: str) -> argparse.ArgumentParser:
    prog = PROG if command == "check" else f"{PROG} {command}"
    parser = argparse.ArgumentParser(prog=prog, description=_DESCRIPTIONS[command],
                                     epilog=None if command != "check" else _EPILOG)
    if command == "check":
        from check_report import __version__

        parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
        _check_arguments(parser)
    elif command == "baseline":
        _check_arguments(parser)
    elif command == "extract":
        parser.add_argument("file", help="the report to read")
        parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
        parser.add_argument("--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
        parser.add_argument("--vocabulary", action="append", default=[], metavar="FILE")
    elif command == "explain":
        parser.add_argument("rule", help="a rule id, e.g. core.pct-of-plan")
    _common_arguments(parser)
    return parser


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    from check_report.reporters import FORMATS

    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="files, directories or globs to check; '-' reads standard input")
    parser.add_argument("--format", choices=sorted(FORMATS), default="rich")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    parser.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails the run (error)")
    parser.add_argument("--vocabulary", action="append", default=[], metavar="FILE",
                        help="extra header vocabulary (YAML), repeatable")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="check N files in parallel")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="check the files on a Dask cluster (tcp://host:8786; check-report[dask]); the "
                             "workers must see the files at the same paths")
    parser.add_argument("--show-unchecked", action="store_true", help="list numbers no rule looked at")
    parser.add_argument("--quiet", "-q", action="store_true", help="findings only: no summary, no progress")
    parser.add_argument("--annotate", metavar="DIR",
                        help="write annotated copies into DIR (created if needed); one input's copy may be "
                             "named instead (q1.checked.xlsx, report.checked.html)")
    parser.add_argument("--together", action="store_true", help="also check the files against each other")
    parser.add_argument("--engine", choices=("native", "gx"), default="native",
                        help="evaluate the rules natively or in a Great Expectations checkpoint (check-report[gx])")
    parser.add_argument("--gx-docs", metavar="DIR", help="with --engine gx: also build GX Data Docs in DIR")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                        help="skip files and folders matching PATTERN (gitignore syntax) inside folders and globs")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="with '-': the name (and so the type) of the report read from standard input")
    parser.add_argument("--baseline", metavar="FILE",
                        help="findings recorded in FILE (check-report baseline) are known: listed, not failing")


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules and configuration")
    group.add_argument("--rules", action="append", default=[], metavar="PACK_OR_PATH",
                       help="rule pack by name or rule file by path, repeatable (default: default)")
    group.add_argument("--enable", action="append", default=[], metavar="ID",
                       help="switch on rules with this id or prefix (also rules off by default)")
    group.add_argument("--select", action="append", default=[], metavar="ID[,ID]",
                       help="only rules with these ids or prefixes (replaces the configuration's select)")
    group.add_argument("--ignore", "--disable", dest="disable", action="append", default=[], metavar="ID[,ID]",
                       help="skip rules with these ids or prefixes, repeatable")
    group.add_argument("--severity", action="append", default=[], metavar="ID=LEVEL",
                       help="override a rule's severity (error, warning, info)")
    group.add_argument("--lang", choices=("vi", "en"), help="language of messages (default: config, locale)")
    group.add_argument("--config", metavar="FILE", help="use this config file instead of discovery")
    group.add_argument("--no-config", action="store_true", help="ignore configuration files")
    group.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


_DESCRIPTIONS = {
    "check": "Check statistical reports (.xlsx .xls .ods .csv .docx .md .txt) for figures that disagree.",
    "baseline": "Record today's findings as known: check-report baseline FILES > .check-report-baseline.json, "
                "then check with --baseline .check-report-baseline.json.",
    "extract": "Show the fact table read from a report: every figure with its place.",
    "rules": "List the rules with ids, severities and descriptions, per pack.",
    "explain": "Explain a rule: what it checks, why it matters, a failing and a passing example.",
}
_EPILOG = ("other commands: check-report extract FILE | check-report rules | check-report explain RULE | "
           "check-report baseline FILE... | check-report gx-suite. "
           "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or an input that could not "
           "be read (the other inputs are still checked and reported).")


# --- check -------------------------------------------------------------------------------------------

def cmd_check(args) -> int:
    checked = _run_checks(args)
    if checked is None:
        return EXIT_ERROR
    report, run, readable = checked
    _emit(report, args, run.lang, readable)
    if any(file["status"] != "ok" for file in report["files"]):
        return EXIT_ERROR      # an input that could not be read fails the run, after the others were reported
    return exit_code(report, run.fail_on)


def cmd_baseline(args) -> int:
    """The findings of this run as a baseline file (stdout, or --output): known from now on."""
    from check_report.known import baseline_json

    checked = _run_checks(args)
    if checked is None or not checked[2]:
        return EXIT_ERROR
    text = baseline_json(checked[0])
    if args.output:
        _write(args.output, text, checked[1].lang)
    else:
        write_stdout(text)
    return EXIT_OK


def _run_checks(args):
    """Check the inputs; returns (report record, run options, whether any input was readable)."""
    from dataclasses import replace

    from check_report import __version__, inputs, known, pipeline
    from check_report.i18n import t
    from check_report.reporters.records import build_report

    run = resolve_options(args)
    groups = (("*",),) if args.together else run.together
    if groups:   # cross-file checks need every file's facts back from the workers
        run = replace(run, settings=replace(run.settings, keep_facts=True))
    if args.jobs < 1:
        raise CliError(t("cli.jobs", run.lang))
    if not args.files:
        raise CliError(t("cli.no_inputs", run.lang))
    if args.files.count(inputs.STDIN) > 1:
        raise CliError(t("cli.stdin_twice", run.lang))
    ruleset = pipeline.ruleset_for("", run.settings)
    if run.settings.engine == "gx" or any(rule.external == "gx" for rule in ruleset.rules):
        # GX missing or a bad gx: rule (kwargs checked by GX's model) is one line and exit 2, before any file
        from check_report.gx import compile_suite

        compile_suite(ruleset)
    entries = known.load_baseline(args.baseline, run.lang) if args.baseline else None
    written = [args.output, args.annotate, run.settings.gx_docs]
    paths, problems = inputs.expand_inputs(args.files, lang=run.lang, exclude=run.exclude, outputs=written)
    if args.output and inputs.same_file(args.output, paths):
        raise CliError(t("cli.output_input", run.lang, path=args.output))
    shown = {}
    if inputs.STDIN in paths:   # standard input goes through a private copy named like --stdin-filename
        copy, name = inputs.read_stdin(args.stdin_filename, run.lang)
        paths[paths.index(inputs.STDIN)] = copy
        shown[copy] = name
    base_ruleset = _validate_rules(paths, run.settings)
    targets = inputs.annotation_targets(paths, args.annotate, run.lang, shown) if args.annotate else {}
    outcomes = _check_all(paths, run.settings, args)
    extra, listed = _together(outcomes, groups, base_ruleset, run) if groups else ([], base_ruleset)
    sources = {shown.get(path, path): path for path in paths}
    results = known.apply_acceptance([_shown_as(o.result, shown) for o in outcomes], sources) + problems
    stale = None
    if entries is not None:
        results, extra, stale = known.apply_baseline(results, extra, entries)
    report = build_report(results, lang=run.lang, tool_version=__version__, ruleset=listed,
                          extra_findings=extra, unchecked={shown.get(o.result.path, o.result.path): o.unchecked
                                                           for o in outcomes},
                          baseline=None if stale is None else {"path": args.baseline, "stale": stale})
    readable = any(r.status == "ok" for r in results)
    in_report = readable and args.format == "rich" and not args.output and not args.quiet
    for result in results:
        if result.status != "ok" and not in_report:   # the terminal report lists them itself
            print(error_line(result.error), file=sys.stderr)
    if targets:
        _annotate([replace(o, result=r) for o, r in zip(outcomes, results)], targets, run.lang, extra, sources)
    return report, run, readable


def _shown_as(result, shown: dict):
    """A result of standard input's private copy, under the name the user gave it (--stdin-filename)."""
    if result.path not in shown:
        return result
    from check_report.inputs import renamed

    return renamed(result, result.path, shown[result.path])


def exit_code(report: dict, fail_on: str) -> int:
    """Known findings (baseline, accepted in the file) never fail a run."""
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    failing = any(Severity.parse(f["severity"]) >= threshold for f in report["findings"] if not f.get("known"))
    return EXIT_FINDINGS if failing else EXIT_OK


def _validate_rules(paths: list[str], settings):
    """Load every rule selection the run needs before reading any file: a bad rule file is exit 2."""
    from check_report import pipeline

    base = _base_ruleset(settings)
    for key in {pipeline.selection_for(path, settings) for path in paths}:
        pipeline.load_ruleset(settings.rules, settings.enable, *key)
    return base


def _check_all(paths: list[str], settings, args) -> list:
    from check_report import pipeline

    if args.quiet or args.format != "rich" or len(paths) < 2 or not sys.stderr.isatty():
        return pipeline.run_batch(paths, settings, jobs=args.jobs, scheduler=args.scheduler)
    from rich.progress import Progress

    from check_report.i18n import t
    from check_report.reporters.terminal import make_console

    with Progress(console=make_console(sys.stderr), transient=True) as progress:
        task = progress.add_task(t("report.checking", settings.lang), total=len(paths))
        return pipeline.run_batch(paths, settings, jobs=args.jobs, scheduler=args.scheduler,
                                  on_done=lambda _path: progress.advance(task))


def _together(outcomes: list, groups, ruleset, run) -> tuple[list, object]:
    """Cross-file findings of each group of inputs, and the rules to list: the rule set + cross rules."""
    from check_report import pipeline

    crossfile = _optional("check_report.crossfile", "--together")
    findings = pipeline.cross_findings(crossfile.check_together, outcomes, groups, ruleset, run.lang,
                                       run.settings.base_dir)
    return findings, pipeline.with_cross_rules(ruleset, getattr(crossfile, "RULES", {}))


def _emit(report: dict, args, lang: str, readable: bool) -> None:
    from check_report.reporters import render

    if args.output:
        _write(args.output, render(report, args.format, lang=lang), lang)
    elif args.format == "rich":
        if readable:
            from check_report.reporters.terminal import make_console, print_report

            print_report(report, make_console(), lang=lang, quiet=args.quiet)
    else:
        write_stdout(render(report, args.format, lang=lang))


def _write(path: str, text: str, lang: str = "en") -> None:
    from check_report.pipeline import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        from check_report.i18n import t

        raise CliError(t("cli.write", lang, path=path, error=exc.strerror or exc)) from None


def _annotate(outcomes: list, targets: dict[str, str], lang: str, extra: list, sources: dict) -> None:
    """One annotated copy per readable input. Cross-file findings (`--together`) go into the copy of
    every file they point into. `sources` maps a result's path to the file to read."""
    from pathlib import Path

    from check_report.i18n import t

    annotate = _optional("check_report.annotate", "--annotate")
    for outcome in outcomes:
        result = outcome.result
        if result.status != "ok":
            continue
        source = sources.get(result.path, result.path)
        Path(targets[source]).parent.mkdir(parents=True, exist_ok=True)
        annotate.write_annotated(result, source, targets[source], lang, extra_findings=extra)
        print(t("cli.annotated", lang, path=targets[source]), file=sys.stderr)


def _optional(module: str, option: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        from check_report.i18n import t

        raise CliError(t("cli.unavailable", "en", option=option, module=module)) from None


def _base_ruleset(settings):
    from check_report import pipeline

    return pipeline.load_ruleset(settings.rules, settings.enable, settings.select, settings.ignore,
                                 settings.severity)


def _commands() -> dict:
    from check_report import cli_show

    return {"check": cmd_check, "baseline": cmd_baseline, "extract": cli_show.cmd_extract,
            "rules": cli_show.cmd_rules, "explain": cli_show.cmd_explain}
