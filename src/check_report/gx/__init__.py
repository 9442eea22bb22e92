"""Great Expectations integration (optional extra: `pip install 'check-report[gx]'`).

Importing this package is cheap: great_expectations (~2.5 s, ~200 MB) is imported only inside the
functions that need it, so the plain CLI never pays for it.
"""

from __future__ import annotations

from check_report.gx.names import check_gx_name, gx_name_error

__all__ = ["check_gx_name", "gx_name_error"]
