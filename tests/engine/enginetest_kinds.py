"""Check kinds for engine tests: one that finds a problem, one that raises."""

from check_report.checks.base import Problem
from check_report.findings import Location, Severity

ID = "test-kind"
SUMMARY = {"en": "test", "vi": "thử"}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"word": "hello"}


def check(ctx, options):
    yield Problem(message=f"{options['word']} in {ctx.path} ({ctx.lang})", locations=(Location(ctx.path, line=3),))
    yield Problem(message="soft", severity=Severity.INFO)


def boom(ctx, options):
    raise ZeroDivisionError("division by zero inside a check")
    yield  # pragma: no cover
