"""Prints one Lighthouse report's four scores and timings on a line; exits 1 unless every score is 100."""

import json
import sys

TIMINGS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
}

report_path, page = sys.argv[1:3]
with open(report_path) as f:
    report = json.load(f)
scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
timings = ", ".join(f"{label} {report['audits'][audit]['displayValue']}" for label, audit in TIMINGS.items())
line = f"{page:28} " + "  ".join(f"{name} {score}" for name, score in scores.items()) + f"  ({timings})"
sys.stdout.write(line + "\n")
sys.exit(0 if all(score == 100 for score in scores.values()) else 1)
