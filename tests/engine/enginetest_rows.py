"""A check kind that compares the facts of one measure and says so through `checked_rows`."""

from check_report import facts as F

ID = "test-rows"
SUMMARY = {"en": "test rows", "vi": "thử dòng"}
OPTIONS = {"measure": "share"}


def check(ctx, options):
    return iter(())


def checked_rows(facts, options):
    return set(facts.index[facts[F.MEASURE] == options["measure"]].tolist())
