"""Cost split: each partner carries the extra cost in proportion to its share of the benefits.

Model step 10 (Finansiering): "partners who gain carry the extra cost". Proposed cost of partner
p = total cost × max(0, B_p) / Σ_q max(0, B_q), with B the present value of benefits. Partners
whose benefit is not positive are proposed no share.
"""

from __future__ import annotations

from collections.abc import Mapping


def cost_split(benefits_by_partner: Mapping[str, float], total_cost: float) -> dict[str, float]:
    """Proposed cost per partner; all zero when nobody benefits."""
    positive = {p: max(0.0, b) for p, b in benefits_by_partner.items()}
    total = sum(positive.values())
    if total <= 0:
        return {p: 0.0 for p in benefits_by_partner}
    # The share first: total_cost * b can lose precision when the benefits are tiny.
    return {p: total_cost * (b / total) for p, b in positive.items()}
