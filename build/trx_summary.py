"""Adds up the counters of every TRX file in a folder: prints 'N passed, N failed, N skipped'.

A test run that aborted (a crashed test host, say) executes no test yet is a failure: it counts
as one failed test, and its file is named on stderr.
"""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = sorted(glob.glob(f"{sys.argv[1]}/*.trx"))
if not files:
    sys.exit("no TRX results found")
for path in files:
    summary = ET.parse(path).getroot().find("t:ResultSummary", NS)
    counters = summary.find("t:Counters", NS)
    count = lambda name: int(counters.get(name, 0))
    run_failed = count("failed") + count("error") + count("timeout") + count("aborted")
    passed += count("passed")
    skipped += count("notExecuted")
    if run_failed == 0 and summary.get("outcome") not in ("Completed", "Passed"):
        print(f"test run aborted ({summary.get('outcome')}): {path}", file=sys.stderr)
        run_failed = 1
    failed += run_failed
print(f"{passed} passed, {failed} failed, {skipped} skipped")
