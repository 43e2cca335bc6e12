#!/usr/bin/env python3
# The peer of the campaign bench (bench/run.mjs): what a regional analyst without uchebnik would write to
# learn how much each publisher was ordered, in money, from the schools' order workbooks — pandas reading
# each file's «Заказ» sheet through openpyxl (header in row 5, as `uchebnik order template` lays it out),
# quantity × price summed per publisher. It checks nothing (no registry, no catalogue, no formulas, no
# duplicates): it does far less than `order validate`, which is the point of the comparison.
#
#   python3 bench/peer-pandas.py --list FILE      (one workbook path a line)
#
# Prints one JSON line: files, rows (with a numeric price), copies and kopecks (rows whose price and
# quantity are both numbers: round(quantity × round(price × 100)), as bench/lowerbound.mjs counts
# them), per publisher, and ms. Exit 3 when pandas or openpyxl is missing, so the bench can say so.
import json
import sys
import time

try:
    import numpy as np
    import openpyxl  # noqa: F401  (pandas' engine for .xlsx)
    import pandas as pd
except ImportError as e:
    print(json.dumps({"missing": str(e)}))
    sys.exit(3)


def main():
    started = time.perf_counter()
    args = sys.argv[1:]
    files = []
    i = 0
    while i < len(args):
        if args[i] == "--list":
            with open(args[i + 1], encoding="utf-8") as f:
                files += [line for line in f.read().split("\n") if line]
            i += 2
        else:
            files.append(args[i])
            i += 1
    by_publisher = {}
    rows = copies = kopecks = 0
    for path in files:
        df = pd.read_excel(path, sheet_name="Заказ", header=4, engine="openpyxl")
        price = pd.to_numeric(df["Цена, руб."], errors="coerce")
        qty = pd.to_numeric(df["Количество"], errors="coerce")
        rows += int(price.notna().sum())
        ok = price.notna() & qty.notna()
        # rounded half up, as JavaScript's Math.round in bench/lowerbound.mjs (pandas' round() is half to even);
        # a quantity typed as 2.5 is summed as it is, so no total is truncated per file
        kop = np.floor(qty[ok] * np.floor(price[ok] * 100 + 0.5) + 0.5)
        copies += float(qty[ok].sum())
        kopecks += float(kop.sum())
        for publisher, s in kop.groupby(df["Издательство"][ok]).sum().items():
            by_publisher[publisher] = by_publisher.get(publisher, 0) + float(s)
    whole = lambda x: int(x) if float(x).is_integer() else x  # noqa: E731
    print(json.dumps({"files": len(files), "rows": rows, "copies": whole(copies), "kopecks": whole(kopecks), "publishers": {k: whole(v) for k, v in by_publisher.items()}, "ms": round((time.perf_counter() - started) * 1000)}, ensure_ascii=False))


main()
