#!/usr/bin/env python3
"""Evaluate od.config override texts the way pyos's reader does, and print each value as tagged JSON.

Usage: unrepr_values.py < texts.json   (a JSON list of strings)
Output: a JSON list, one entry per text: {"value": ...} or {"error": "<exception type>: <message>"}.
Each text is written as the value of a [global] key in a configparser file, with '%' doubled as the generator
does, and read back with cherrypy.lib.reprconf.Config, so configparser's handling is included. Values are tagged
where JSON has no such type: {"int": "12"}, {"float": 1.5} ("inf" where infinite), {"complex": [re, im]}, {"bytes": [...]},
{"tuple": [...]}, {"dict": [[k, v], ...]}; strings, booleans, None and lists are JSON's own.
Exit codes: 0 ok, 3 CherryPy missing.
"""
import json
import math
import os
import sys
import tempfile

try:
    from cherrypy.lib.reprconf import Config
except ImportError:
    sys.stderr.write("CherryPy is not installed for %s: run scripts/setup.sh\n" % sys.executable)
    sys.exit(3)


def number(value):
    return value if math.isfinite(value) else repr(value)


def tag(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": number(value)}
    if isinstance(value, complex):
        return {"complex": [number(value.real), number(value.imag)]}
    if isinstance(value, bytes):
        return {"bytes": list(value)}
    if isinstance(value, tuple):
        return {"tuple": [tag(v) for v in value]}
    if isinstance(value, list):
        return [tag(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [[tag(k), tag(v)] for k, v in value.items()]}
    return {"other": type(value).__name__}


def evaluate(text, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("[global]\nkey: %s\n" % text.replace("%", "%%"))
    try:
        return {"value": tag(Config(path)["global"]["key"])}
    except BaseException as error:  # SyntaxError, ValueError, RecursionError, ... all mean pyos would not start
        return {"error": "%s: %s" % (type(error).__name__, error)}


def main():
    texts = json.load(sys.stdin)
    handle, path = tempfile.mkstemp(suffix=".config")
    os.close(handle)
    try:
        json.dump([evaluate(text, path) for text in texts], sys.stdout, allow_nan=False)
    finally:
        os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
