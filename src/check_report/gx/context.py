"""A quiet, throw-away GX context: in memory, no progress bars, Data Docs only where asked.

GX prints tqdm bars for every metric unless the context config says otherwise, and a file context would
write a `gx/` folder into the user's project: neither belongs in a checker run from the command line.
"""

from __future__ import annotations

import logging
from pathlib import Path

DOCS_SITE = "check_report_docs"
DATASOURCE = "check_report"
ASSET = "facts"
BATCH = "whole_table"


def quiet_gx_logging() -> None:
    """GX logs config warnings at WARNING level on stderr; a checker's stderr is for the user's errors."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def ephemeral_context(docs_dir: str | Path | None = None):
    """An in-memory context with progress bars off and, with `docs_dir`, one local Data Docs site."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    quiet_gx_logging()
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        data_docs_sites={},
        analytics_enabled=False,
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    if docs_dir is not None:
        context.add_data_docs_site(DOCS_SITE, _docs_site(Path(docs_dir)))
    return context


def _docs_site(docs_dir: Path) -> dict:
    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(docs_dir.resolve()),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }


def whole_table_batch(context, asset_name: str = ASSET):
    """A DataFrame asset (of one pandas data source) whose batch is the whole frame passed at run time."""
    try:
        source = context.data_sources.get(DATASOURCE)
    except (KeyError, ValueError, LookupError):
        source = context.data_sources.add_pandas(DATASOURCE)
    return source.add_dataframe_asset(asset_name).add_batch_definition_whole_dataframe(BATCH)
