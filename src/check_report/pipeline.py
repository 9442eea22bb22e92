"""One input file through the whole pipeline: read -> extract -> run rules -> `FileResult`.

`check_file` never raises for a bad input: an unreadable file becomes `FileResult(status="error")` with a
one-line message naming the file, so one bad file in a batch is a reported outcome. Everything it needs
travels in `Settings`, a frozen, picklable value, so a batch runs each file in a child process
(`check_report.workers`: a native crash is that file's error) or on a Dask cluster
(`check_report.cluster`) and gets exactly what checking it here gets.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass, field
from functools import lru_cache

from check_report.config import PathSettings, glob_matches
from check_report.findings import FileResult, RuleStats
from check_report.readers.limits import DEFAULT as DEFAULT_LIMITS
from check_report.readers.limits import Limits

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...] = ("default",)      # packs by name or paths of rule files
    enable: tuple[str, ...] = ()               # switch on (also rules off by default); ids or prefixes
    select: tuple[str, ...] = ()               # only rules with these ids or prefixes (empty: all)
    ignore: tuple[str, ...] = ()               # never rules with these ids or prefixes
    severity: Pairs = ()                       # (id or prefix, level), later pairs win
    vocabulary: tuple[str, ...] = ()           # extra header vocabulary files
    lang: str = "en"
    per_path: tuple[PathSettings, ...] = ()     # from the config's per-path table
    base_dir: str = "."                        # where per-path globs are relative to
    show_unchecked: bool = False
    keep_facts: bool = False                   # keep the fact table (cross-file checks)
    debug: bool = False
    engine: str = "native"                     # "native" | "gx" (a GX checkpoint; check-report[gx])
    gx_docs: str | None = None                 # with engine "gx": build Data Docs under this folder
    limits: Limits = DEFAULT_LIMITS            # how large an input may be (config `limits:`)


@dataclass
class Outcome:
    """What checking one file gives: the result, and on request its facts and unchecked numbers."""
    result: FileResult
    facts: object = None                        # pandas DataFrame when Settings.keep_facts
    unchecked: list = field(default_factory=list)   # [(where, raw, context, quoted)] for --show-unchecked


def check_file(path: str, settings: Settings) -> FileResult:
    return analyse(path, settings).result


def analyse(path: str, settings: Settings) -> Outcome:
    from check_report.readers.base import InputError

    try:
        return _analyse(path, settings)
    except InputError as exc:
        return Outcome(FileResult(path=path, status="error", error=_naming(path, str(exc))))
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        message = settings.limits.refusal("memory_mb", "it ran out of memory") if settings.limits.memory_mb \
            else "ran out of memory while checking it"
        return Outcome(FileResult(path=path, status="error", error=f"{path}: {message}"))
    except BaseException as exc:  # a bug (or a Rust panic, a BaseException) must not take the batch down
        if settings.debug:
            traceback.print_exc(file=sys.stderr)
        from check_report.i18n import t

        message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return Outcome(FileResult(path=path, status="error",
                                  error=t("cli.internal", settings.lang, path=path, error=message)))


def _analyse(path: str, settings: Settings) -> Outcome:
    from check_report import readers

    return analyse_source(readers.read(path, settings.limits), path, settings, owned=True)


def analyse_source(source, path: str, settings: Settings, owned: bool = False) -> Outcome:
    """Extract, check and summarise a Source already read (raises for a bad input: see `analyse`).
    `owned`: nobody else holds the source, so its sheets' cells are let go once their facts are out (a
    100k-row sheet's cells are ~80 MB the checks never read)."""
    from check_report import engine
    from check_report.extract import extract

    facts, notes = extract(source, vocabulary=list(settings.vocabulary) or None, release=owned)
    ruleset = ruleset_for(path, settings)
    if settings.engine == "gx":
        from pathlib import Path

        from check_report.gx import run_with_gx

        # one Data Docs site per input: each run is its own ephemeral GX context
        docs = None if settings.gx_docs is None else str(Path(settings.gx_docs) / Path(path).name)
        run = run_with_gx(facts, ruleset, path=path, lang=settings.lang, docs_dir=docs, document=source.document)
    else:
        run = engine.run_rules(facts, ruleset, path=path, document=source.document, lang=settings.lang)
    findings = _localised(facts, ruleset, run, settings.debug)
    totals = RuleStats()
    for stats in run.per_rule.values():
        totals.add(stats)
    result = FileResult(
        path=path, facts=len(facts), findings=sorted(findings, key=lambda f: f.sort_key()),
        stats=totals, per_rule=dict(run.per_rule), notes=list(notes),
        coverage=_coverage(source.document, facts, run.checked_facts, _uncertain(ruleset, facts, source.document)),
    )
    unchecked = _unchecked(source.document, facts, run.checked_facts) if settings.show_unchecked else []
    if settings.show_unchecked:
        unchecked += _uncompared(source.document, _uncertain(ruleset, facts, source.document, listed=True),
                                 settings.lang)
    return Outcome(result, facts if settings.keep_facts else None, unchecked)


def _localised(facts, ruleset, run, debug: bool = False) -> list:
    """The findings with their likely wrong figure named and one finding per mistake
    (check_report.localise); the failures shown within another finding are counted per rule. Naming a
    suspect is a help on top of the findings: if it fails, the findings are reported as the engine made them."""
    from check_report.localise import localise

    try:
        localised = localise(facts, ruleset, run.findings)
    except Exception:  # noqa: BLE001 - never lose the findings for the sake of their suspects
        if debug:
            traceback.print_exc(file=sys.stderr)
        return list(run.findings)
    for rule_id, count in localised.grouped.items():
        if rule_id in run.per_rule:
            run.per_rule[rule_id].grouped += count
    return localised.findings


def _naming(path: str, message: str) -> str:
    message = " ".join(message.split())
    return message if path in message else f"{path}: {message}"


def _coverage(document, facts, checked: set[int], uncertain: int) -> dict[str, int]:
    prose = _prose_function("prose_coverage") if document is not None else None
    if prose is not None:
        return {key: int(value) for key, value in prose(document, facts, checked, uncertain).items()}
    return {"read": len(facts), "checked": len(checked)}


def _uncertain(ruleset, facts, document, listed: bool = False):
    """How many pairs of mentions of one indicator cross-mention left uncompared (an identity not sure), when
    the rule set compares mentions at all; `listed`: the pairs themselves (as many as mentions squared)."""
    rule = next((r for r in ruleset.rules if getattr(r, "check", None) == "cross-mention"), None)
    if rule is None or document is None or facts is None or not len(facts):
        return [] if listed else 0
    from check_report.checks import crossmention

    return (crossmention.uncertain_pairs if listed else crossmention.uncertain_count)(facts, rule.options)


def _uncompared(document, pairs: list, lang: str) -> list:
    """--show-unchecked: each pair not compared, at its second mention, saying with what and why."""
    from check_report import facts as F
    from check_report.i18n import t

    listed = []
    for a, b in pairs:
        doubts = "; ".join(str(d) for d in (a.get(F.DOUBT), b.get(F.DOUBT)) if isinstance(d, str) and d) or \
            "one paragraph or list, or a breakdown's category apart from its whole"   # sure identities (cross-mention)
        line = a[F.LINE] if a[F.LINE] == a[F.LINE] and a[F.LINE] is not None else a[F.WHERE]
        listed.append((_where(document.path, b[F.LINE] if b[F.LINE] == b[F.LINE] and b[F.LINE] is not None
                              else b[F.WHERE]), str(b[F.RAW]),
                       t("check.cross_mention.uncompared", lang, raw=a[F.RAW], where=_where(document.path, line))
                       + (f" ({doubts})" if doubts and lang != "vi" else ""), False))
    return listed


def _unchecked(document, facts, checked: set[int]) -> list:
    finder = _prose_function("unchecked_numbers") if document is not None else None
    if finder is None:
        return []
    return [(_where(document.path, where), str(raw), str(context or ""), True)
            for where, raw, context in finder(document, facts, checked)]


def _where(path: str, where) -> str:
    """A line number becomes `path:line`, the place a reviewer's editor jumps to."""
    if isinstance(where, int):
        return f"{path}:{where}"
    return str(where) if where is not None else path


def _prose_function(name: str):
    """A function of the prose extractor when it is there (it lands separately), else None."""
    try:
        from check_report.extract import prose
    except ImportError:
        return None
    return getattr(prose, name, None)


def run_batch(paths: list[str], settings: Settings, jobs: int = 1, on_done=None,
              scheduler: str | None = None) -> list[Outcome]:
    """Check every file, each in a child process (`jobs` at a time), or on the Dask cluster at
    `scheduler`; outcomes come back in input order, so the report does not depend on which worker
    finished first. `on_done(path)` follows progress."""
    if scheduler:
        from check_report.cluster import run_on_cluster

        return run_on_cluster(paths, settings, scheduler, on_done=on_done)
    from check_report import workers

    return workers.run(paths, settings, jobs, on_done)


def cross_findings(check_together, outcomes: list[Outcome], groups, ruleset, lang: str,
                   base_dir: str) -> list:
    """Findings of the cross-file checks over each group of readable inputs (a group is a tuple of
    globs; ("*",) is every input). A finding found by two groups is listed once."""
    readable = [(o.result.path, o.facts) for o in outcomes if o.result.status == "ok" and o.facts is not None]
    findings: dict = {}
    for globs in groups:
        inputs = [(path, facts) for path, facts in readable
                  if globs == ("*",) or any(glob_matches(g, path, base_dir) for g in globs)]
        if len(inputs) > 1:
            findings.update(dict.fromkeys(check_together(inputs, ruleset, lang)))
    return list(findings)


def with_cross_rules(ruleset, cross_rules: dict):
    """A rule-set-like view with the cross-file rules (which live in code) after the set's own rules."""
    from types import SimpleNamespace

    known = {rule.id for rule in ruleset.rules}
    listed = list(ruleset.rules) + [rule for rule_id, rule in sorted(cross_rules.items()) if rule_id not in known]
    return SimpleNamespace(rules=listed, get=lambda rule_id: next((r for r in listed if r.id == rule_id), None))


# --- rule sets ---------------------------------------------------------------------------------------

def selection_for(path: str, settings: Settings) -> tuple[tuple[str, ...], tuple[str, ...], Pairs]:
    """(select, ignore, severity) for one file: the run's, refined by matching per-path settings.
    A per-path `select` replaces the run's selection; `ignore` and `severity` add to it."""
    select, ignore, severity = settings.select, settings.ignore, settings.severity
    for extra in settings.per_path:
        if glob_matches(extra.pattern, path, settings.base_dir):
            select = extra.select or select
            ignore = ignore + extra.ignore
            severity = severity + extra.severity
    return select, ignore, severity


def register_integrations() -> None:
    """Import the integrations that add rule kinds to the engine (cheap: each imports its heavy library
    only when one of its rules runs), so rule files may use them: `gx:` rules of check_report.gx."""
    import check_report.gx  # noqa: F401  (registers the gx: rule kind)


def ruleset_for(path: str, settings: Settings):
    return load_ruleset(settings.rules, settings.enable, *selection_for(path, settings))


@lru_cache(maxsize=32)
def load_ruleset(specs: tuple[str, ...], enable: tuple[str, ...], select: tuple[str, ...],
                 ignore: tuple[str, ...], severity: Pairs):
    """The rule set for one selection (cached per process). Raises engine.RuleError for bad rules.

    enable/ignore are the engine's switches (the most specific id or prefix decides); `select` then
    keeps only the rules it names, ruff's way, so a config can say "only these"."""
    from dataclasses import replace

    from check_report import engine
    from check_report.engine.packs import matches

    register_integrations()
    ruleset = engine.load_rules(list(specs), enable=enable, disable=ignore, severities=dict(severity))
    if not select:
        return ruleset
    for pattern in select:
        if not any(matches(rule.id, pattern) for rule in ruleset.rules):
            raise engine.RuleError(f"select: no rule or prefix {pattern!r} among the enabled rules")
    return replace(ruleset, rules=[r for r in ruleset.rules if any(matches(r.id, p) for p in select)])


# --- inputs and outputs ------------------------------------------------------------------------------

# Inputs (folders, globs, standard input) and annotated copies' names live in check_report.inputs.
from check_report.inputs import annotated_name, annotation_targets, expand_inputs, same_file  # noqa: E402,F401


def write_atomic(path: str, text: str) -> None:
    """Write through a temporary file in the target folder, then rename: never a half-written report. A
    device, a pipe or a terminal (`--output /dev/null`, `/dev/stdout`) is written to as it is: renaming over
    it would put a file where the device was. Through a link, the file it names is the report."""
    import os
    import stat
    import tempfile

    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        return
    path = os.path.realpath(path) if os.path.islink(path) else path
    folder = os.path.dirname(os.path.abspath(path))
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".check-report-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _created_mode())   # mkstemp makes 0600; a report is an ordinary file
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _created_mode() -> int:
    """The mode a plain open() would create a file with under the current umask."""
    import os

    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
