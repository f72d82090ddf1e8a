"""The targets an eval run is judged against: one line per metric that has one.

The figures are the project's stated goals (README, 评测结果: 检索 @5 ≥ 0.95, 要点召回率 ≥ 0.90, 拒答准确率
≥ 0.90, 误拒率 ≤ 0.05, 引用有效率 1.00); a metric not listed here has no target and gets no verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Target:
    """A metric's goal: at least (``"min"``) or at most (``"max"``) ``value``."""

    key: str
    kind: Literal["min", "max"]
    value: float

    def met(self, measured: float | None) -> bool | None:
        """Whether ``measured`` meets the goal; None when there is nothing to judge (no such items)."""
        if measured is None:
            return None
        # Rounding noise must not fail an exact goal such as 1.00.
        return measured >= self.value - 1e-9 if self.kind == "min" else measured <= self.value + 1e-9


TARGETS: dict[str, Target] = {
    t.key: t
    for t in (
        Target("hit@5", "min", 0.95),
        Target("key_point_recall", "min", 0.90),
        Target("refusal_accuracy", "min", 0.90),
        Target("citation_validity", "min", 1.0),
        Target("false_refusal_rate", "max", 0.05),
    )
}
