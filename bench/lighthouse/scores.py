"""Prints one Lighthouse report's four scores and timings on a line; exits 1 unless every score is 100,
and 2 when Lighthouse itself failed to record the page (its runtimeError, such as NO_NAVSTART: a
trace Lighthouse 12 could not read, seen in about one run in eight with chromium 156), which
run.sh answers by running Lighthouse on that page again."""

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
failure = report.get("runtimeError")
if failure:
    sys.stdout.write(f"{page:28} no scores: Lighthouse failed ({failure['code']})\n")
    sys.exit(2)
scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
timings = ", ".join(f"{label} {report['audits'][audit]['displayValue']}" for label, audit in TIMINGS.items())
line = f"{page:28} " + "  ".join(f"{name} {score}" for name, score in scores.items()) + f"  ({timings})"
sys.stdout.write(line + "\n")
sys.exit(0 if all(score == 100 for score in scores.values()) else 1)
