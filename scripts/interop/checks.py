#!/usr/bin/python3
"""Checks of the release bundle with clients we did not write, run by
scripts/interop.sh. Run it with Debian's /usr/bin/python3, which sees the
Debian packages python3-pandas and python3-openpyxl.

Our CSV tables (csv/*.csv, read with Python's csv module) are the reference;
datapackage.json gives each column's declared type (string, date, integer,
number), the primary and the foreign keys.

Every check prints one line that starts with "ok   " or "FAIL " and says
what it compared; "note " lines are information and count as neither. The
exit status is 1 when any check failed.

    checks.py expect BUNDLE OUT.json         expectations for the Node checks
    checks.py bundle BUNDLE                  datapackage.json against the files
    checks.py pandas BUNDLE                  pandas and openpyxl
    checks.py libreoffice BUNDLE CSVDIR FODS LibreOffice's CSV and flat ODS
    checks.py ajv REPO BUNDLE CURATE AJV FORMATS
                                             ajv against curate validate
    checks.py jsonld BUNDLE GOLD_NQ JS_NQ GOLD_VERSION JS_VERSION
                                             json-gold against jsonld.js
    checks.py readme BUNDLE                  the README's python blocks run
    checks.py r BUNDLE WORK                  base R's read.csv, and the
                                             README's r block
"""

import csv
import glob
import hashlib
import json
import math
import os
import re
import subprocess
import sys

failures = 0


def ok(msg):
    print("ok   " + msg, flush=True)


def fail(msg):
    global failures
    failures += 1
    print("FAIL " + msg, flush=True)


def note(msg):
    print("note " + msg, flush=True)


def check(cond, msg, why=""):
    if cond:
        ok(msg)
    else:
        fail(msg + (": " + why if why else ""))
    return cond


def nrows(n):
    return "1 row" if n == 1 else "%d rows" % n


def short(items, n=3):
    items = list(items)
    s = "; ".join(str(x) for x in items[:n])
    if len(items) > n:
        s += "; ... (%d in all)" % len(items)
    return s


# --- the bundle -----------------------------------------------------------


class Table:
    """A tabular resource of datapackage.json with our CSV's content."""

    def __init__(self, bundle, res):
        self.name = res["name"]
        self.path = res["path"]
        schema = res.get("schema", {})
        self.fields = [f["name"] for f in schema.get("fields", [])]
        self.types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
        self.required = {f["name"] for f in schema.get("fields", []) if f.get("constraints", {}).get("required")}
        pk = schema.get("primaryKey", [])
        self.primary_key = [pk] if isinstance(pk, str) else list(pk)
        self.foreign_keys = schema.get("foreignKeys", [])
        with open(os.path.join(bundle, self.path), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        self.header = rows[0] if rows else []
        self.rows = rows[1:]

    def cols(self, type_):
        return [c for c in self.header if self.types.get(c) == type_]

    def column(self, name):
        i = self.header.index(name)
        return [r[i] for r in self.rows]

    def key(self, row):
        return tuple(row[self.header.index(c)] for c in self.primary_key)


def load(bundle):
    with open(os.path.join(bundle, "datapackage.json"), encoding="utf-8") as f:
        dp = json.load(f)
    tables = [Table(bundle, r) for r in dp["resources"] if r.get("profile") == "tabular-data-resource"]
    return dp, tables


def same_text(got, ours):
    """Whether a non-string value a reader inferred reads back as our text."""
    if isinstance(got, (bool,)) or type(got).__name__ == "bool_":
        return ours.lower() == str(bool(got)).lower()
    try:
        f = float(got)
    except (TypeError, ValueError):
        return False
    if f.is_integer() and ours == str(int(f)):
        return True
    return ours == repr(f)


def same_number(got, ours):
    """Whether two texts are the same number (1500 and 1.5e3); both empty
    is the same too."""
    if got == "" or ours == "":
        return got == ours
    try:
        return num_equal(float(got), float(ours))
    except ValueError:
        return False


def num_equal(a, b):
    return a == b or (math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)))


# --- expect: what the Node checks compare with ------------------------------


def join_rows(tables, owner, link, owner_col, col3):
    """owner ⋈ link ⋈ actors, as [owner id, owner title, position, actor id,
    actor label, link's col3], sorted by owner id and position."""
    t = {x.name: x for x in tables}
    o, l, a = t[owner], t[link], t["actors"]
    titles = dict(zip(o.column("id"), o.column("title")))
    labels = dict(zip(a.column("id"), a.column("label")))
    out = []
    for r in l.rows:
        rec = dict(zip(l.header, r))
        oid, aid = rec[owner_col], rec["actor_id"]
        if oid in titles and aid in labels:
            out.append([oid, titles[oid], int(rec["position"]), aid, labels[aid], rec[col3]])
    out.sort(key=lambda r: (r[0], r[2]))
    return out


def instrument_rows(tables):
    """measures ⋈ measure_instruments, as [measure id, title, position,
    instrument, gsdb_type], sorted by measure id and position."""
    t = {x.name: x for x in tables}
    m, i = t["measures"], t["measure_instruments"]
    titles = dict(zip(m.column("id"), m.column("title")))
    out = []
    for r in i.rows:
        rec = dict(zip(i.header, r))
        if rec["measure_id"] in titles:
            out.append([rec["measure_id"], titles[rec["measure_id"]], int(rec["position"]), rec["instrument"], rec["gsdb_type"]])
    out.sort(key=lambda r: (r[0], r[2]))
    return out


def multilateral(tables):
    """Each measure id: whether it is multilateral as the codebook defines
    it (more than one imposer, or any coordination)."""
    t = {x.name: x for x in tables}
    imposers = {}
    for mid in t["measure_imposers"].column("measure_id"):
        imposers[mid] = imposers.get(mid, 0) + 1
    coordinated = set(t["measure_coordination"].column("measure_id"))
    return {mid: imposers.get(mid, 0) > 1 or mid in coordinated for mid in t["measures"].column("id")}


def cmd_expect(bundle, out):
    _, tables = load(bundle)
    exp = {
        "tables": {
            t.name: {
                "path": t.path,
                "header": t.header,
                "rows": t.rows,
                "types": [t.types.get(c, "string") for c in t.header],
                "required": [c in t.required for c in t.header],
                "primaryKey": t.primary_key,
            }
            for t in tables
        },
        "joins": {
            "event_actors": join_rows(tables, "events", "event_actors", "event_id", "role"),
            "measure_targets": join_rows(tables, "measures", "measure_targets", "measure_id", "scope"),
            "measure_instruments": instrument_rows(tables),
        },
        "multilateral": multilateral(tables),
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(exp, f)


# --- bundle: datapackage.json against the files ----------------------------


def cmd_bundle(bundle):
    dp, tables = load(bundle)
    res = dp["resources"]
    bad = []
    for r in res:
        p = os.path.join(bundle, r["path"])
        if not os.path.isfile(p):
            bad.append("%s: %s missing" % (r["name"], r["path"]))
            continue
        b = open(p, "rb").read()
        if r.get("bytes") != len(b):
            bad.append("%s: bytes %s, file has %d" % (r["name"], r.get("bytes"), len(b)))
        if r.get("hash") != "sha256:" + hashlib.sha256(b).hexdigest():
            bad.append("%s: hash %s differs from the file's sha256" % (r["name"], r.get("hash")))
    check(not bad, "datapackage.json: %d resources exist, with the bytes and sha256 they declare" % len(res), short(bad))

    names = {r["name"] for r in res}
    check(len(names) == len(res), "datapackage.json: resource names are unique (%d)" % len(res))

    # The schema version: every schema/ file declares one, and
    # datapackage.json, README.md and CODEBOOK.md name it.
    versions = set()
    for n in glob.glob(os.path.join(bundle, "schema", "*.schema.json")):
        with open(n, encoding="utf-8") as f:
            versions.add(json.load(f).get("version"))
    ver = next(iter(versions)) if len(versions) == 1 else None
    with open(os.path.join(bundle, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    with open(os.path.join(bundle, "CODEBOOK.md"), encoding="utf-8") as f:
        codebook = f.read().split("\n", 1)[0]
    check(ver is not None and dp.get("schemaVersion") == ver and ("schema version %s" % ver) in readme and ("schema %s" % ver) in codebook,
          "schema version %s: declared by all %d schema/ files, named by datapackage.json (schemaVersion), README.md and CODEBOOK.md" % (ver, len(glob.glob(os.path.join(bundle, "schema", "*.schema.json")))),
          "schema files %s, datapackage.json %r" % (sorted(str(v) for v in versions), dp.get("schemaVersion")))

    bad = ["%s: header %s, schema %s" % (t.name, t.header, t.fields) for t in tables if t.header != t.fields]
    check(not bad, "csv: each of the %d CSV headers equals its Table Schema field names, in order" % len(tables), short(bad))

    bad = []
    nkeys = 0
    for t in tables:
        if not t.primary_key or any(c not in t.header for c in t.primary_key):
            bad.append("%s: primary key %s not among the columns" % (t.name, t.primary_key))
            continue
        keys = [t.key(r) for r in t.rows]
        nkeys += len(keys)
        if len(set(keys)) != len(keys):
            bad.append("%s: duplicate primary key" % t.name)
        if any("" in k for k in keys):
            bad.append("%s: empty primary key cell" % t.name)
        for c in t.required:
            if c in t.header and any(v == "" for v in t.column(c)):
                bad.append("%s: empty cell in required column %s" % (t.name, c))
    check(not bad, "csv: primary keys unique and filled (%d keys), required columns filled" % nkeys, short(bad))

    by = {t.name: t for t in tables}
    bad = []
    nfk = nvals = 0
    for t in tables:
        for fk in t.foreign_keys:
            nfk += 1
            ref = fk["reference"]
            target = by.get(ref["resource"] or t.name)
            fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            rfields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
            if target is None:
                bad.append("%s: foreign key to unknown resource %r" % (t.name, ref["resource"]))
                continue
            if any(f not in t.header for f in fields) or any(f not in target.header for f in rfields):
                bad.append("%s: foreign key %s -> %s.%s names a missing field" % (t.name, fields, target.name, rfields))
                continue
            have = {tuple(r[target.header.index(f)] for f in rfields) for r in target.rows}
            for r in t.rows:
                v = tuple(r[t.header.index(f)] for f in fields)
                if all(x == "" for x in v):
                    continue
                nvals += 1
                if v not in have:
                    bad.append("%s.%s = %s not in %s.%s" % (t.name, ",".join(fields), v, target.name, ",".join(rfields)))
    check(not bad, "datapackage.json: %d foreign keys name existing resources and fields; all %d values found" % (nfk, nvals), short(bad))

    listed = set()
    with open(os.path.join(bundle, "SHA256SUMS"), encoding="utf-8") as f:
        for line in f:
            listed.add(line.rstrip("\n").split("  ", 1)[1])
    files = set()
    for root, _, fs in os.walk(bundle):
        for x in fs:
            files.add(os.path.relpath(os.path.join(root, x), bundle).replace(os.sep, "/"))
    missing = sorted(files - listed - {"SHA256SUMS"})
    extra = sorted(listed - files)
    check(not missing and not extra, "SHA256SUMS lists every file of the bundle (%d)" % len(listed),
          "not listed: %s; listed but absent: %s" % (short(missing), short(extra)))


# --- pandas and openpyxl --------------------------------------------------


def cmd_pandas(bundle):
    import numpy as np
    import openpyxl
    import pandas as pd

    _, tables = load(bundle)
    v = "pandas %s" % pd.__version__

    def compare(t, df, what):
        """Compare a DataFrame's cells with our CSV by declared type;
        return a list of differences."""
        diffs = []
        if list(df.columns) != t.header:
            return ["columns %s, ours %s" % (list(df.columns), t.header)]
        if len(df) != len(t.rows):
            return ["%d rows, ours %d" % (len(df), len(t.rows))]
        for j, c in enumerate(t.header):
            typ = t.types.get(c, "string")
            col = df[c]
            if typ == "date" and any(r[j] for r in t.rows) and not pd.api.types.is_datetime64_any_dtype(col):
                diffs.append("%s: dtype %s, not datetime64" % (c, col.dtype))
                continue
            # An empty table or column says nothing of its type to a
            # reader: pandas gives it dtype object.
            if typ in ("integer", "number") and any(r[j] for r in t.rows) and not pd.api.types.is_numeric_dtype(col):
                diffs.append("%s: dtype %s, not numeric" % (c, col.dtype))
                continue
            if typ == "integer" and t.rows and all(r[j] for r in t.rows) and not pd.api.types.is_integer_dtype(col):
                diffs.append("%s: dtype %s, not an integer type" % (c, col.dtype))
                continue
            for i, r in enumerate(t.rows):
                ours, got = r[j], col.iloc[i]
                if ours == "":
                    if not pd.isna(got):
                        diffs.append("%s row %d: %r, ours empty" % (c, i + 1, got))
                    continue
                if pd.isna(got):
                    diffs.append("%s row %d: missing (NaN), ours %r" % (c, i + 1, ours))
                elif typ == "date":
                    if pd.Timestamp(got).strftime("%Y-%m-%d") != ours:
                        diffs.append("%s row %d: %s, ours %s" % (c, i + 1, got, ours))
                elif typ in ("integer", "number"):
                    if not num_equal(float(got), float(ours)):
                        diffs.append("%s row %d: %r, ours %s" % (c, i + 1, got, ours))
                else:
                    # pandas may infer a number or a boolean for a text
                    # column whose cells all look like one: that is fine
                    # as long as the value reads back the same ("2022" as
                    # 2022), not when it changes ("007" as 7).
                    same = got == ours if isinstance(got, str) else same_text(got, ours)
                    if not same:
                        diffs.append("%s row %d: %r (%s), ours %r" % (c, i + 1, got, type(got).__name__, ours))
        return diffs

    # CSV with default settings, then with parse_dates.
    for t in tables:
        p = os.path.join(bundle, t.path)
        try:
            df = pd.read_csv(p)
        except Exception as e:  # noqa: BLE001
            fail("%s: read_csv(%s) raised %s" % (v, t.path, e))
            continue
        shape_ok = list(df.columns) == t.header and len(df) == len(t.rows)
        dates = [c for c in t.cols("date") if any(t.column(c))]
        try:
            dfd = pd.read_csv(p, parse_dates=dates) if dates else df
        except Exception as e:  # noqa: BLE001
            fail("%s: read_csv(%s, parse_dates=%s) raised %s" % (v, t.path, dates, e))
            continue
        diffs = compare(t, dfd, "csv")
        keys_ok = True
        if t.primary_key:
            k = dfd[t.primary_key].astype(str)
            keys = set(map(tuple, k.values.tolist()))
            keys_ok = len(keys) == len(dfd) and not dfd[t.primary_key].isna().any().any() and \
                keys == {tuple(str(x) for x in t.key(r)) for r in t.rows}
        what = "%s: read_csv(%s) gives %s x %d columns%s; cells and key (%s) equal ours" % (
            v, t.path, nrows(len(t.rows)), len(t.header),
            (", parse_dates=[%s] gives datetime64" % ", ".join(dates)) if dates else "",
            ", ".join(t.primary_key))
        why = []
        if not shape_ok:
            why.append("default read_csv gives columns %s and %d rows" % (list(df.columns), len(df)))
        why += diffs
        if not keys_ok:
            why.append("primary key values differ, repeat or are missing")
        check(not why, what, short(why))

    # XLSX through read_excel (openpyxl engine).
    xp = os.path.join(bundle, "curate.xlsx")
    try:
        sheets = pd.read_excel(xp, sheet_name=None)
    except Exception as e:  # noqa: BLE001
        fail("%s: read_excel(curate.xlsx) raised %s" % (v, e))
        sheets = None
    if sheets is not None:
        want = ["about"] + [t.name for t in tables]
        check(list(sheets) == want, "%s: read_excel(curate.xlsx) gives the sheets about + the %d tables, in order" % (v, len(tables)),
              "got %s" % list(sheets))
        for t in tables:
            df = sheets.get(t.name)
            if df is None:
                fail("%s: read_excel: no sheet %s" % (v, t.name))
                continue
            diffs = compare(t, df, "xlsx")
            kinds = [k for k, on in (("dates datetime64", t.cols("date")), ("numbers numeric", t.cols("integer") + t.cols("number"))) if on]
            check(not diffs, "%s: read_excel sheet %s: %s x %d columns, %scells equal csv/%s.csv" % (
                v, t.name, nrows(len(t.rows)), len(t.header), "".join(k + ", " for k in kinds), t.name), short(diffs))

    # openpyxl: the cell types and the date number format themselves.
    wb = openpyxl.load_workbook(xp)
    counts = {"date": 0, "number": 0, "text": 0, "empty": 0}
    bad = []
    for t in tables:
        ws = wb[t.name] if t.name in wb.sheetnames else None
        if ws is None:
            bad.append("no sheet %s" % t.name)
            continue
        rows = list(ws.iter_rows(values_only=False))
        hdr = [c.value for c in rows[0]] if rows else []
        if hdr != t.header:
            bad.append("%s: header %s" % (t.name, hdr))
            continue
        if len(rows) - 1 != len(t.rows):
            bad.append("%s: %d rows, ours %d" % (t.name, len(rows) - 1, len(t.rows)))
            continue
        for i, (cells, ours) in enumerate(zip(rows[1:], t.rows)):
            for j, (cell, o) in enumerate(zip(cells, ours)):
                typ = t.types.get(t.header[j], "string")
                where = "%s!%s" % (t.name, cell.coordinate)
                if o == "":
                    counts["empty"] += 1
                    if cell.value is not None:
                        bad.append("%s: %r, ours empty" % (where, cell.value))
                elif typ == "date":
                    counts["date"] += 1
                    if not cell.is_date or cell.number_format.lower() != "yyyy-mm-dd" or cell.value.strftime("%Y-%m-%d") != o:
                        bad.append("%s: %r (format %s), ours date %s" % (where, cell.value, cell.number_format, o))
                elif typ in ("integer", "number"):
                    counts["number"] += 1
                    if cell.data_type != "n" or isinstance(cell.value, bool) or not num_equal(float(cell.value), float(o)):
                        bad.append("%s: %r (type %s), ours number %s" % (where, cell.value, cell.data_type, o))
                else:
                    counts["text"] += 1
                    if cell.data_type != "s" or cell.value != o:
                        bad.append("%s: %r (type %s), ours text %r" % (where, cell.value, cell.data_type, o))
    check(not bad, "openpyxl %s: %d date cells are dates shown yyyy-mm-dd, %d numbers are numeric cells, %d texts are text cells, %d empty cells empty" % (
        openpyxl.__version__, counts["date"], counts["number"], counts["text"], counts["empty"]), short(bad))

    # Parquet: pandas needs pyarrow or fastparquet.
    engine = None
    for m in ("pyarrow", "fastparquet"):
        try:
            __import__(m)
            engine = m
            break
        except ImportError:
            pass
    if engine is None:
        note("%s: read_parquet not run: neither pyarrow nor fastparquet is installed (Debian bookworm packages neither); DuckDB reads the Parquet files" % v)
        return
    for t in tables:
        p = os.path.join(bundle, "parquet", t.name + ".parquet")
        try:
            df = pd.read_parquet(p, engine=engine)
        except Exception as e:  # noqa: BLE001
            fail("%s: read_parquet(%s) raised %s" % (v, p, e))
            continue
        for c in t.cols("date"):
            df[c] = pd.to_datetime(df[c])
        diffs = compare(t, df, "parquet")
        check(not diffs, "%s (%s): read_parquet(parquet/%s.parquet) cells equal csv/%s.csv" % (v, engine, t.name, t.name), short(diffs))


# --- LibreOffice ------------------------------------------------------------


def cmd_libreoffice(bundle, csvdir, fods, version):
    import xml.etree.ElementTree as ET

    _, tables = load(bundle)
    v = "libreoffice %s" % version
    stem = "curate"
    got = sorted(os.path.basename(p) for p in glob.glob(os.path.join(csvdir, "*.csv")))
    want = sorted(["%s-%s.csv" % (stem, n) for n in ["about"] + [t.name for t in tables]])
    check(got == want, "%s: --convert-to csv (sheet -1) wrote one CSV per sheet: about + %d tables" % (v, len(tables)),
          "got %s" % short(got, 20))
    for t in tables:
        p = os.path.join(csvdir, "%s-%s.csv" % (stem, t.name))
        if not os.path.exists(p):
            fail("%s: no CSV for sheet %s" % (v, t.name))
            continue
        with open(p, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        diffs = []
        if not rows or rows[0] != t.header:
            diffs.append("header %s, ours %s" % (rows[0] if rows else None, t.header))
        else:
            body = rows[1:]
            if len(body) != len(t.rows):
                diffs.append("%d rows, ours %d" % (len(body), len(t.rows)))
            for i, (a, b) in enumerate(zip(body, t.rows)):
                a = a + [""] * (len(b) - len(a))
                for j, (x, y) in enumerate(zip(a, b)):
                    # A number cell shows its value, not how the dataset
                    # wrote it: 1.5e3 is shown 1500.
                    if x != y and not (t.types.get(t.header[j]) in ("integer", "number") and same_number(x, y)):
                        diffs.append("row %d %s: %r, ours %r" % (i + 1, t.header[j], x, y))
        check(not diffs, "%s: sheet %s as CSV (cells as shown, UTF-8) equals csv/%s.csv (%s, %d columns)" % (
            v, t.name, t.name, nrows(len(t.rows)), len(t.header)), short(diffs))

    # The flat ODS shows how LibreOffice typed each cell.
    NS = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    }
    T = "{%s}" % NS["table"]
    O = "{%s}" % NS["office"]
    doc = ET.parse(fods)
    sheets = {}
    for tab in doc.iter(T + "table"):
        grid = []
        for row in tab.iter(T + "table-row"):
            cells = []
            for c in row:
                if c.tag not in (T + "table-cell", T + "covered-table-cell"):
                    continue
                n = int(c.get(T + "number-columns-repeated", "1"))
                cells.extend([c] * min(n, 1000))
            nr = int(row.get(T + "number-rows-repeated", "1"))
            grid.extend([cells] * min(nr, 2))
        sheets[tab.get(T + "name")] = grid
    counts = {"date": 0, "float": 0, "string": 0, "empty": 0}
    bad = []
    for t in tables:
        grid = sheets.get(t.name)
        if grid is None:
            bad.append("no sheet %s" % t.name)
            continue
        for i, ours in enumerate(t.rows):
            cells = grid[i + 1] if i + 1 < len(grid) else []
            for j, o in enumerate(ours):
                c = cells[j] if j < len(cells) else None
                vt = c.get(O + "value-type") if c is not None else None
                typ = t.types.get(t.header[j], "string")
                where = "%s row %d %s" % (t.name, i + 1, t.header[j])
                if o == "":
                    counts["empty"] += 1
                    if vt is not None:
                        bad.append("%s: a %s cell, ours empty" % (where, vt))
                elif typ == "date":
                    counts["date"] += 1
                    if vt != "date" or (c.get(O + "date-value") or "")[:10] != o:
                        bad.append("%s: %s %s, ours date %s" % (where, vt, c.get(O + "date-value") if c is not None else None, o))
                elif typ in ("integer", "number"):
                    counts["float"] += 1
                    if vt != "float" or not num_equal(float(c.get(O + "value")), float(o)):
                        bad.append("%s: %s %s, ours number %s" % (where, vt, c.get(O + "value") if c is not None else None, o))
                else:
                    counts["string"] += 1
                    if vt != "string":
                        bad.append("%s: a %s cell, ours text %r" % (where, vt, o))
    check(not bad, "%s: reads %d date cells as dates, %d numbers as numbers (float), %d texts as strings, %d empty cells as empty" % (
        v, counts["date"], counts["float"], counts["string"], counts["empty"]), short(bad))


# --- ajv against curate validate ---------------------------------------------

# Rules of curate's diagnostics that are JSON Schema keywords (edtf-* are the
# failures of our "edtf" format).
SCHEMA_RULES = {
    "required", "additionalProperties", "type", "enum", "const", "pattern", "minLength", "maxLength",
    "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "format", "if", "then", "else", "allOf", "anyOf", "oneOf", "not", "propertyNames", "dependentRequired",
}
# Checks across records: not JSON Schema's business, and they do not change
# what a schema validator sees in the file. A file validated alone reports
# its references to other files as "reference".
CROSS_RULES = {"reference", "reference-kind", "duplicate-id", "evidence", "evidence-not-found", "source-hash", "source-file"}


def is_schema_rule(r):
    return r in SCHEMA_RULES or r.startswith("edtf-")


def is_cross_rule(r):
    return r in CROSS_RULES or r.startswith("evidence") or r.startswith("source-") or r.startswith("reference")


def curate_diags(curate, paths, cwd):
    p = subprocess.run([curate, "validate", "--format", "json"] + paths, cwd=cwd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError("curate validate %s: exit %d: %s" % (" ".join(paths), p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)["diagnostics"]


def ajv_run(ajv, args, files, cwd):
    """Runs ajv validate on files; returns {file: (valid, errors-text)}."""
    out = {}
    p = subprocess.run([ajv, "validate"] + args + ["--errors=line"] + sum((["-d", f] for f in files), []),
                       cwd=cwd, capture_output=True, text=True)
    lines = (p.stdout + "\n" + p.stderr).splitlines()
    for i, line in enumerate(lines):
        for f in files:
            if line == f + " valid":
                out[f] = (True, "")
            elif line == f + " invalid":
                out[f] = (False, lines[i + 1] if i + 1 < len(lines) else "")
    missing = [f for f in files if f not in out]
    if missing and len(files) > 1:
        for f in missing:  # one file ajv cannot read ends the batch: retry alone
            out.update(ajv_run(ajv, args, [f], cwd))
    elif missing:
        out[files[0]] = (None, (p.stderr or p.stdout).strip().splitlines()[-1:] or ["no verdict"])
    return out


def ajv_errors(text, n=2):
    try:
        errs = json.loads(text)
        return "; ".join("%s %s" % (e.get("instancePath") or "/", e.get("message")) for e in errs[:n])
    except (ValueError, TypeError, AttributeError):
        return str(text)[:200]


def cmd_ajv(repo, bundle, curate, ajv, formats):
    repo, bundle, curate, ajv, formats = (os.path.abspath(x) for x in (repo, bundle, curate, ajv, formats))
    schema_dir = os.path.join(bundle, "schema")
    names = sorted(os.listdir(schema_dir))
    nm = os.path.dirname(os.path.dirname(os.path.abspath(ajv)))  # node_modules/.bin/ajv

    def version(pkg):
        try:
            with open(os.path.join(nm, pkg, "package.json"), encoding="utf-8") as f:
                return json.load(f)["version"]
        except (OSError, ValueError, KeyError):
            return "?"

    ver = "%s (ajv-cli %s, ajv-formats %s)" % (version("ajv"), version("ajv-cli"), version("ajv-formats"))
    v = "ajv %s" % ver
    base = ["--spec=draft2020", "-c", "ajv-formats", "-c", formats]

    def refs(main):
        return sum((["-r", os.path.join(schema_dir, n)] for n in names if n != main), [])

    strict = ["--strict=true"]
    for main in ("records.schema.json", "dataset.schema.json"):
        p = subprocess.run([ajv, "compile"] + base + strict + ["-s", os.path.join(schema_dir, main)] + refs(main),
                           capture_output=True, text=True)
        if p.returncode == 0:
            ok("%s: compiles schema/%s (draft 2020-12, --strict=true, ajv-formats + edtf, iri) with the other %d schema files" % (
                v, main, len(names) - 1))
            continue
        # Say every strict-mode complaint, not just the first: the
        # complaints of strictTypes and strictRequired are logged rather
        # than thrown, so one compile lists them all.
        logged = ["--strict=true", "--strict-types=log", "--strict-required=log"]
        q = subprocess.run([ajv, "compile"] + base + logged + ["-s", os.path.join(schema_dir, main)] + refs(main),
                           capture_output=True, text=True)
        msgs = sorted(set(l for l in (q.stdout + q.stderr).splitlines() if l.startswith("strict mode")))
        groups = {}
        for m in msgs:
            g = re.match(r'strict mode: (.*) at "https://curate.invalid/schema/([^"]*)" \((\w+)\)$', m)
            if g:
                groups.setdefault("%s (%s)" % (g.group(1), g.group(3)), []).append(g.group(2))
            else:
                groups.setdefault(m, [])
        text = "; ".join("%s at %s" % (k, ", ".join(w)) if w else k for k, w in groups.items())
        fail("%s: compiles schema/%s in strict mode: %s" % (v, main, text or " ".join((p.stdout + p.stderr).strip().splitlines()[:3])))
        if q.returncode == 0 and strict == ["--strict=true"]:
            strict = logged
            note("%s: the differential below runs with --strict-types=log --strict-required=log (strict otherwise), since the schema fails them" % v)

    args = base + strict

    def run_side(files, main):
        return ajv_run(ajv, args + ["-s", os.path.join(schema_dir, main)] + refs(main), files, repo)

    # The bundled dataset: every file valid for both.
    ds = os.path.join(repo, "dataset")
    files = sorted(os.path.relpath(p, repo) for p in glob.glob(os.path.join(ds, "**", "*.json"), recursive=True))
    meta = [f for f in files if os.path.basename(f) == "dataset.json"]
    recs = [f for f in files if f not in meta]
    verdict = {}
    if recs:
        verdict.update(run_side(recs, "records.schema.json"))
    if meta:
        verdict.update(run_side(meta, "dataset.schema.json"))
    diags = curate_diags(curate, ["dataset"], repo)
    bad = []
    for f in files:
        mine = [d["rule"] for d in diags if d.get("severity", "error") == "error" and os.path.normpath(d["file"]) == os.path.normpath(f)]
        a_valid, a_err = verdict.get(f, (None, "no verdict"))
        if mine or a_valid is not True:
            bad.append("%s: curate %s, ajv %s %s" % (f, mine or "valid", {True: "valid", False: "invalid", None: "error"}[a_valid], ajv_errors(a_err)))
    check(not bad, "%s = curate validate on the bundled dataset: all %d files valid in both" % (v, len(files)), short(bad))

    # The broken files of validate/testdata/cases, each validated alone.
    cases = sorted(glob.glob(os.path.join(repo, "validate", "testdata", "cases", "*.json")))
    extra = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata", "cases", "*.json")))
    if not cases:
        note("%s: validate/testdata/cases has no *.json: the differential covers the dataset only" % v)
    compared, skipped = [], []
    for path in cases + extra:
        rel = os.path.relpath(path, repo)
        try:
            d = curate_diags(curate, [rel], repo)
        except (RuntimeError, ValueError) as e:
            fail("%s differential: curate validate %s: %s" % (v, rel, e))
            continue
        rules = sorted({x["rule"] for x in d if x.get("severity", "error") == "error"})
        other = [r for r in rules if not is_schema_rule(r) and not is_cross_rule(r)]
        if other:
            skipped.append("%s (%s)" % (os.path.basename(path), ", ".join(other)))
            continue
        compared.append((rel, [r for r in rules if is_schema_rule(r)], [r for r in rules if is_cross_rule(r)]))
    if skipped:
        note("%s differential: %d cases not compared, their faults are not JSON Schema's (JSON syntax and the like): %s" % (
            v, len(skipped), ", ".join(skipped)))
    meta = [c for c in compared if os.path.basename(c[0]) == "dataset.json"]
    verdict = {}
    rec_files = [c[0] for c in compared if c not in meta]
    if rec_files:
        verdict.update(run_side(rec_files, "records.schema.json"))
    if meta:
        verdict.update(run_side([c[0] for c in meta], "dataset.schema.json"))
    for rel, schema_rules, cross in compared:
        a_valid, a_err = verdict.get(rel, (None, "no verdict"))
        c_valid = not schema_rules
        name = rel
        if a_valid is None:
            fail("%s differential: %s: ajv gave no verdict: %s" % (v, name, a_err))
        elif a_valid == c_valid:
            if c_valid:
                ok("%s differential: %s valid for both (curate: %s)" % (
                    v, name, ("only cross-record rules: " + ", ".join(cross)) if cross else "no diagnostics"))
            else:
                ok("%s differential: %s invalid for both (curate: %s; ajv: %s)" % (v, name, ", ".join(schema_rules), ajv_errors(a_err, 1)))
        else:
            fail("%s differential: %s: curate says %s, ajv says %s" % (
                v, name, ("invalid (%s)" % ", ".join(schema_rules)) if schema_rules else "schema-valid",
                ("invalid: " + ajv_errors(a_err)) if a_valid is False else "valid"))


# --- JSON-LD ---------------------------------------------------------------


def cmd_jsonld(bundle, gold_nq, js_nq, gold_version, js_version):
    _, tables = load(bundle)
    a = open(gold_nq, encoding="utf-8").read().splitlines()
    b = open(js_nq, encoding="utf-8").read().splitlines()
    what = "jsonld.js %s = json-gold %s: canonical N-Quads (URDNA2015) of curate.jsonld" % (js_version, gold_version)
    if not a or not b:
        fail(what + ": empty output (json-gold %d lines, jsonld.js %d lines)" % (len(a), len(b)))
        return
    sa, sb = sorted(a), sorted(b)
    if sa == sb:
        ok("%s are identical (%d quads%s)" % (what, len(a), "" if a == b else ", same lines in another order"))
    else:
        only_a = sorted(set(sa) - set(sb))
        only_b = sorted(set(sb) - set(sa))
        fail("%s differ: %d quads vs %d; json-gold only: %s; jsonld.js only: %s" % (what, len(a), len(b), short(only_a, 2), short(only_b, 2)))
    # The graph against the CSV tables: one typed node per record and per
    # list item (an alias's citation is a cur:Citation too, as in
    # actor_aliases; events and measures share cur:Figure).
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    vocab = "https://curate.invalid/vocab#"
    schema_org = "https://schema.org/"
    counts = {}
    for line in a:
        parts = line.split(" ")
        if len(parts) >= 3 and parts[1] == rdf_type and parts[2].startswith("<"):
            t = parts[2][1:-1].replace(vocab, "cur:").replace(schema_org, "schema:")
            counts[t] = counts.get(t, 0) + 1
    by = {t.name: len(t.rows) for t in tables}
    pairs = [("cur:Actor", ["actors"]), ("cur:Alias", ["actor_aliases"]), ("cur:Role", ["actor_roles"]),
             ("schema:PropertyValue", ["actor_identifiers"]), ("cur:Source", ["sources"]), ("cur:Event", ["events"]),
             ("cur:Participation", ["event_actors"]), ("cur:Figure", ["event_figures", "measure_figures"]),
             ("cur:Measure", ["measures"]), ("cur:Target", ["measure_targets"]), ("cur:Statement", ["statements"]),
             ("cur:Citation", ["citations", "actor_aliases"])]
    rows = lambda ts: sum(by.get(t, -10**9) for t in ts)
    bad = ["%s %d, %s %d rows" % (k, counts.get(k, 0), " + ".join(ts), rows(ts)) for k, ts in pairs if counts.get(k, 0) != rows(ts)]
    check(not bad, "json-ld: typed nodes equal CSV rows: %s" % ", ".join("%s %d = %s" % (k, counts.get(k, 0), " + ".join(ts)) for k, ts in pairs), short(bad))
    # The dataset node names the schema version the bundle's schema/ files declare.
    versions = set()
    for n in glob.glob(os.path.join(bundle, "schema", "*.schema.json")):
        with open(n, encoding="utf-8") as f:
            versions.add(json.load(f).get("version"))
    sv = [l for l in a if " <https://schema.org/schemaVersion> " in l]
    check(len(versions) == 1 and len(sv) == 1 and ('"%s"' % next(iter(versions))) in sv[0],
          "json-ld: the dataset node's schema:schemaVersion is the version every schema/ file declares (%s)" % ", ".join(sorted(str(v) for v in versions)),
          "schema:schemaVersion triples: %s" % short(sv))


# --- the bundle README's snippets ------------------------------------------


def readme_blocks(bundle, lang):
    with open(os.path.join(bundle, "README.md"), encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"```" + re.escape(lang) + r"\n(.*?)```", text, re.S)


def cmd_readme(bundle):
    import pandas as pd

    blocks = readme_blocks(bundle, "python")
    if not blocks:
        fail("README.md of the bundle: no ```python block to run")
    for i, code in enumerate(blocks, 1):
        p = subprocess.run([sys.executable, "-c", code], cwd=bundle, capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, "pandas %s: the bundle README's python block %d runs in the bundle folder (%d lines of output)" % (
            pd.__version__, i, len(p.stdout.splitlines())), " ".join((p.stderr or "").strip().splitlines()[-2:]))


# --- R ---------------------------------------------------------------------


def cmd_r(bundle, work):
    """Base R reads every CSV with read.csv (defaults), date columns convert
    with as.Date, and what R read equals our tables value for value; integer
    and number columns come out numeric. Then the README's r block runs."""
    here = os.path.dirname(os.path.abspath(__file__))
    version = subprocess.run(["Rscript", "-e", "cat(R.version$major, R.version$minor, sep='.')"],
                             capture_output=True, text=True).stdout.strip() or "?"
    _, tables = load(bundle)
    os.makedirs(work, exist_ok=True)
    specs = ["%s:%s" % (t.name, ",".join(t.cols("date"))) for t in tables]
    p = subprocess.run(["Rscript", os.path.join(here, "read.R"), bundle, work] + specs,
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        fail("R %s: read.csv of the CSV tables: %s" % (version, " ".join(p.stderr.strip().splitlines()[-3:])))
        return
    for t in tables:
        with open(os.path.join(work, t.name + ".classes"), encoding="utf-8") as f:
            classes = f.read().split()
        with open(os.path.join(work, t.name + ".tsv"), encoding="utf-8") as f:
            got = [line.rstrip("\n").split("\t") for line in f]
        header, rows = (got[0], got[1:]) if got else ([], [])
        problems = []
        if header != t.header:
            problems.append("header %s" % short(header))
        if len(rows) != len(t.rows):
            problems.append("%d rows, ours %d" % (len(rows), len(t.rows)))
        for c, cls in zip(t.header, classes):
            want = {"date": ("Date",), "integer": ("integer",), "number": ("numeric", "integer")}.get(t.types.get(c))
            if want and cls not in want and any(t.column(c)):
                problems.append("column %s is %s, not %s" % (c, cls, want[0]))
        for i, (g, o) in enumerate(zip(rows, t.rows)):
            for j, (gv, ov) in enumerate(zip(g, o)):
                if gv != ov and not (t.types.get(t.header[j]) in ("integer", "number") and same_number(gv, ov)):
                    problems.append("row %d column %s: R read %r, ours %r" % (i + 1, t.header[j], gv, ov))
        check(not problems, "R %s read.csv: %s equals %s (%s, %d columns; dates Date, numbers numeric)" % (
            version, t.name, t.path, nrows(len(t.rows)), len(t.header)), short(problems))
    for i, code in enumerate(readme_blocks(bundle, "r"), 1):
        p = subprocess.run(["Rscript", "-e", code], cwd=bundle, capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, "R %s: the bundle README's r block %d runs in the bundle folder (%d lines of output)" % (
            version, i, len(p.stdout.splitlines())), " ".join((p.stderr or "").strip().splitlines()[-2:]))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    fn = {"expect": cmd_expect, "bundle": cmd_bundle, "pandas": cmd_pandas, "libreoffice": cmd_libreoffice,
          "ajv": cmd_ajv, "jsonld": cmd_jsonld, "readme": cmd_readme, "r": cmd_r}.get(cmd)
    if fn is None:
        print(__doc__, file=sys.stderr)
        return 2
    fn(*args)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
