"""Stage 4 of the pipeline: the report record (`records.build_report`) in, text out.

An explicit registry, no if/elif chain: format name -> "module:function". Each function is
`render(report: dict, *, lang: str) -> str` over the record built by `records.build_report`. Modules are
imported only when their format is asked for, so a JSON run never imports rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# One line per format. Add a format by adding a line.
FORMATS: dict[str, str] = {
    "rich": "check_report.reporters.terminal:render",
    "json": "check_report.reporters.json_:render",
    "sarif": "check_report.reporters.sarif:render",
    "junit": "check_report.reporters.junit:render",
    "github": "check_report.reporters.github:render",
    "markdown": "check_report.reporters.markdown:render",
}


def renderer(name: str) -> Callable[..., str]:
    """The render function of a format; KeyError names the known formats."""
    try:
        target = FORMATS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r} (known: {', '.join(sorted(FORMATS))})") from None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def render(report: dict, fmt: str, *, lang: str) -> str:
    return renderer(fmt)(report, lang=lang)
