#!/usr/bin/env python3
"""Parse an od.config the way pyos does and print it as JSON.

Usage: parse_od_config.py FILE
pyos loads od.config with cherrypy.lib.reprconf.Config (oc/od/settings.py) and configures logging
from Config(path)['global']['logging'] (oc/logging.py). Output: {"sections": {...}, "globalKeys": [...]}
where globalKeys lists the [global] option names in file order.
Exit codes: 0 ok, 2 parse error, 3 CherryPy missing.
"""
import json
import sys

try:
    from cherrypy.lib.reprconf import Config, Parser
except ImportError:
    sys.stderr.write("CherryPy is not installed for %s: run `pip install cherrypy`\n" % sys.executable)
    sys.exit(3)


def main(path):
    try:
        config = Config(path)          # what pyos does; raises on duplicates or invalid literals
        parser = Parser()
        parser.read(path)
        keys = parser.options("global") if parser.has_section("global") else []
    except Exception as error:        # report, don't trace
        sys.stderr.write("od.config parse error: %s: %s\n" % (type(error).__name__, error))
        return 2
    json.dump({"sections": dict(config), "globalKeys": keys}, sys.stdout, default=list)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
