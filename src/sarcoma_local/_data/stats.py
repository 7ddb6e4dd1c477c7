"""Small statistics the pages draw: the Wilson score interval of a proportion.

Pure functions of counts; nothing here reads the catalogue.
"""

from __future__ import annotations

import math

__all__ = ["Z_95", "wilson_interval"]

#: The two-sided 95% normal quantile (1.959963984540054, i.e. Phi^-1(0.975)).
Z_95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``n``, as proportions in [0, 1].

    Unlike the textbook p +/- z*SE interval it never leaves [0, 1] and is not empty at
    0 or n successes, which matters for the small series in the catalogue.

    >>> low, high = wilson_interval(81, 263)
    >>> round(low, 4), round(high, 4)
    (0.2553, 0.3662)
    >>> wilson_interval(0, 10)[0]
    0.0
    """
    if isinstance(successes, bool) or isinstance(n, bool):
        raise TypeError("wilson_interval needs whole-number counts, not True/False")
    if n <= 0:
        raise ValueError(f"wilson_interval needs at least one trial, got n={n}")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n={n}, got {successes}")
    if z <= 0:
        raise ValueError(f"z must be positive, got {z}")
    p = successes / n
    z2 = z * z
    scale = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / scale
    half = (z / scale) * math.sqrt(p * (1.0 - p) / n + z2 / (4 * n * n))
    # At 0 or n successes the bound is exactly 0 or 1; rounding error would leave 1e-17.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high
