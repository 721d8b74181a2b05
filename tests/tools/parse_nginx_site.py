#!/usr/bin/env python3
"""Parse an nginx site file (sites-enabled/default) with crossplane and print its directives as JSON.

Usage: parse_nginx_site.py FILE
The site is wrapped in `events {} http { ... }`, as nginx.conf includes it, and parsed in single-file
mode so `include route.conf` (shipped in the oc.nginx image) is kept as a directive, not followed.
Context and argument checks are on. Exit codes: 0 ok, 2 parse error, 3 crossplane missing.
"""
import json
import os
import sys
import tempfile

try:
    import crossplane
except ImportError:
    sys.stderr.write("crossplane is not installed for %s: run `pip install crossplane`\n" % sys.executable)
    sys.exit(3)


def main(path):
    with open(path, encoding="utf-8") as site:
        text = site.read()
    with tempfile.TemporaryDirectory() as tmp:
        wrapper = os.path.join(tmp, "nginx.conf")
        with open(wrapper, "w", encoding="utf-8") as conf:
            conf.write("events {}\nhttp {\n%s\n}\n" % text)
        payload = crossplane.parse(wrapper, single=True, check_ctx=True, check_args=True, catch_errors=True)
    errors = payload["errors"] + [e for c in payload["config"] for e in c["errors"]]
    if payload["status"] != "ok" or errors:
        sys.stderr.write("nginx parse error: %s\n" % json.dumps(errors))
        return 2
    http = [d for d in payload["config"][0]["parsed"] if d["directive"] == "http"][0]
    json.dump(http["block"], sys.stdout)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
