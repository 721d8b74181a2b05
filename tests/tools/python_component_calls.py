#!/usr/bin/env python3
"""Byte-compile a Python Pulumi program and print the keyword arguments of its component calls as JSON.

Usage: python_component_calls.py FILE CLASS CFILE
Compiles FILE with py_compile (bytecode written to CFILE, outside the repository), then prints
{"calls": [[keyword, ...], ...]} for every call of `<module>.CLASS(...)` or `CLASS(...)`.
Exit codes: 0 ok, 2 syntax error.
"""
import ast
import json
import py_compile
import sys


def main(path, class_name, cfile):
    try:
        py_compile.compile(path, cfile=cfile, doraise=True)
    except py_compile.PyCompileError as error:
        sys.stderr.write("%s\n" % error.msg)
        return 2
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), filename=path)
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == class_name:
                calls.append([keyword.arg for keyword in node.keywords])
    json.dump({"calls": calls}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
