"""openpyxl, the library most scripts use, on our workbooks: open them, or fill them in as a script would.

Run with Debian's /usr/bin/python3 (python3-openpyxl). Reads one JSON job on stdin, writes one JSON answer on stdout.
  {"open": [paths]}                                  -> {"path": null | "error message", ...}
  {"fill": path, "out": path, "single": {key: value}, "cells": {"E3": value}}
                                                     -> fills the answer column of the single sheet by field key,
                                                        and header cells by address
  {"fill": path, "out": path, "bulk": [{key: value}]} -> fills one bulk row per object from the first data row
"""
import json
import sys

import openpyxl


def key_row(ws, marker):
    for r in range(1, 13):
        values = [c.value for c in ws[r]]
        if marker in values:
            return r, {v: i + 1 for i, v in enumerate(values) if v is not None}
    raise ValueError("no key row with %s in %s" % (marker, ws.title))


def fill_single(ws, answers):
    row, cols = key_row(ws, "answer")
    rows = {}
    for r in range(row + 2, ws.max_row + 1):
        key = ws.cell(r, cols["field"]).value
        if key is not None:
            rows[str(key)] = r
    for key, value in answers.items():
        ws.cell(rows[key], cols["answer"]).value = value


def fill_bulk(ws, units):
    row, cols = key_row(ws, "unit.code")
    for i, values in enumerate(units):
        for key, value in values.items():
            ws.cell(row + 2 + i, cols[key]).value = value


def main():
    job = json.load(sys.stdin)
    if "open" in job:
        out = {}
        for path in job["open"]:
            try:
                openpyxl.load_workbook(path).close()
                out[path] = None
            except Exception as e:  # every failure is the answer, not a crash
                out[path] = "%s: %s" % (type(e).__name__, e)
        json.dump(out, sys.stdout)
        return
    wb = openpyxl.load_workbook(job["fill"])
    if "single" in job:
        fill_single(wb["检查表"], job["single"])
        for address, value in job.get("cells", {}).items():
            wb["检查表"][address] = value
    else:
        fill_bulk(wb["批量录入"], job["bulk"])
    wb.save(job["out"])
    json.dump({"saved": job["out"]}, sys.stdout)


main()
