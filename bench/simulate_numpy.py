#!/usr/bin/python3
"""The simulation an analyst would write with numpy, for `make bench`.

Reads the episode's lines (low / typical / high per line, display currency)
from `stemcost estimate --format json` on standard input, draws N samples of
each line as PERT (a scaled beta, vectorised), sums them, and takes the
percentiles and a 20-bin histogram: the same work as `stemcost simulate`
without insurance or complications (which only add to stemcost's work).
Usage: stemcost estimate ... --format json | simulate_numpy.py DRAWS SEED
"""
import json
import sys

import numpy as np


def main():
    draws = int(sys.argv[1])
    seed = int(sys.argv[2])
    est = json.load(sys.stdin)
    lines = est["items"] + est["travel_items"]
    rng = np.random.default_rng(seed)
    total = np.zeros(draws)
    for line in lines:
        a, m, b = float(line["low"]), float(line["typical"]), float(line["high"])
        if b <= a:
            total += a
            continue
        alpha = 1 + 4 * (m - a) / (b - a)
        beta = 1 + 4 * (b - m) / (b - a)
        total += a + (b - a) * rng.beta(alpha, beta, draws)
    pct = np.percentile(total, [5, 10, 25, 50, 75, 90, 95])
    hist, edges = np.histogram(total, bins=20)
    print("numpy: %d lines, mean %.2f, p5 %.2f p50 %.2f p95 %.2f, %d bins"
          % (len(lines), total.mean(), pct[0], pct[3], pct[6], len(hist)))


main()
