"""What the figures give as a reviewer computes it by hand: an expression evaluated on the figures as
written (each slot at its stated value: the middle of its interval, or its foot for "hơn 1.690"), for the
few applications that failed. Findings show this value; the intervals only decide whether a relation holds.
"""

from __future__ import annotations

import numpy as np

from check_report.engine import expr as X
from check_report.engine.evaluate import Domain, Evaluation
from check_report.engine.table import FactIndex


class _PointIndex:
    """A FactIndex seen with every slot at its midpoint (lower = upper); everything else is the index's."""

    def __init__(self, index: FactIndex):
        self._index = index
        middle = getattr(index, "slot_point", None)
        if middle is None:
            middle = (index.slot_lo + index.slot_hi) / 2
        self.slot_lo = self.slot_hi = middle
        self.lo_ext = self.hi_ext = np.append(middle, np.nan)

    def __getattr__(self, name):
        return getattr(self._index, name)


def point_values(index: FactIndex, domain: Domain, apps: list[int], node: X.Node, text: str) -> list[float]:
    """The value of `node` for each application in `apps`, on the figures as written (NaN when unknown)."""
    if not apps:
        return []
    picked = np.asarray(apps, dtype=np.int64)
    anchor = domain.anchor[picked] if domain.anchor is not None else None
    sub = Domain(domain.ent[picked], domain.per[picked], anchor)
    value = Evaluation(_PointIndex(index), sub, text).run(node)
    return [float(v) for v in (value.lo + value.hi) / 2]
