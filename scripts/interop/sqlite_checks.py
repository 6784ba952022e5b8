#!/usr/bin/python3
"""Checks of the bundle's SQLite database (curate.sqlite) and of the
workbook's print setup, run by scripts/interop.sh with Debian's
/usr/bin/python3. Our CSV tables are the reference, read as checks.py reads
them; every check prints one "ok   " or "FAIL " line, as checks.py does.

    sqlite_checks.py sqlite BUNDLE WORK    the sqlite3 program (integrity,
                                           foreign keys, row counts), pandas
                                           read_sql through Python's sqlite3,
                                           R's RSQLite (sqlite.R)
    sqlite_checks.py workbook BUNDLE       openpyxl: flat sheets first, print
                                           setup, header repeated, wrapping
"""

import math
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from checks import check, fail, load, note, nrows, num_equal, ok, short  # noqa: E402

DB = "curate.sqlite"
PUTIN = "actor-vladimir-putin"

# The question of the bundle's README and the report: which measures
# targeted Putin, imposed by whom, announced when; in SQL, one query.
PUTIN_SQL = """SELECT f.id, f.imposed_by, f.announced, f.announced_earliest, f.announced_latest, f.announced_basis
FROM measures_flat AS f JOIN measure_targets AS t ON t.measure_id = f.id
WHERE t.actor_id = 'actor-vladimir-putin'
ORDER BY f.announced_latest, f.id"""


def same(t, col, got, ours):
    """Whether a value a client read is our CSV cell: empty as NULL, numbers
    as numbers, everything else (dates YYYY-MM-DD too) as the same text."""
    if got is None or (isinstance(got, float) and math.isnan(got)):
        return ours == ""
    if ours == "":
        return False
    if t.types.get(col) in ("integer", "number"):
        try:
            return num_equal(float(got), float(ours))
        except (TypeError, ValueError):
            return False
    return isinstance(got, str) and got == ours


def cmd_sqlite(bundle, work):
    _, tables = load(bundle)
    db = os.path.join(bundle, DB)
    if not os.path.isfile(db):
        fail("%s: not in the bundle" % DB)
        return
    flat = [t.name for t in tables if t.name.endswith("_flat")]

    # The sqlite3 program.
    version = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split(" ")[:1]
    v = "sqlite3 %s" % (version[0] if version else "?")
    p = subprocess.run(["sqlite3", "-readonly", db, "PRAGMA integrity_check;"], capture_output=True, text=True)
    check(p.returncode == 0 and p.stdout.strip() == "ok", "%s: PRAGMA integrity_check of %s is ok" % (v, DB),
          (p.stdout + p.stderr).strip()[:300])
    p = subprocess.run(["sqlite3", "-readonly", db, "PRAGMA foreign_key_check;"], capture_output=True, text=True)
    nfk = subprocess.run(["sqlite3", "-readonly", db,
                          "SELECT count(*) FROM sqlite_schema AS s, pragma_foreign_key_list(s.name) WHERE s.type = 'table';"],
                         capture_output=True, text=True).stdout.strip()
    check(p.returncode == 0 and p.stdout.strip() == "" and nfk not in ("", "0"),
          "%s: PRAGMA foreign_key_check finds no violation of the %s declared foreign keys" % (v, nfk),
          (p.stdout + p.stderr).strip()[:300])
    sql = "".join("SELECT '%s', count(*) FROM \"%s\";" % (t.name, t.name) for t in tables)
    p = subprocess.run(["sqlite3", "-readonly", "-separator", "\t", db, sql], capture_output=True, text=True)
    counts = dict(line.split("\t") for line in p.stdout.splitlines() if "\t" in line)
    bad = ["%s: %s rows, csv %d" % (t.name, counts.get(t.name), len(t.rows)) for t in tables if counts.get(t.name) != str(len(t.rows))]
    check(p.returncode == 0 and not bad, "%s: row counts of the %d tables and %d views equal the CSV tables (%d rows in all)" % (
        v, len(tables) - len(flat), len(flat), sum(len(t.rows) for t in tables)), short(bad) or p.stderr.strip()[:300])
    p = subprocess.run(["sqlite3", "-readonly", db, "SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1;"],
                       capture_output=True, text=True)
    objs = p.stdout.split("\n")
    views = sorted(o[5:] for o in objs if o.startswith("view "))
    idx = [o for o in objs if o.startswith("index ")]
    check(views == sorted(flat) and len(idx) > 0, "%s: the flat tables are views (%s); %d indexes on foreign-key columns" % (
        v, ", ".join(flat), len(idx)), "views %s" % views)

    # pandas through Python's sqlite3 module.
    import pandas as pd

    pv = "pandas %s read_sql (sqlite3 module, SQLite %s)" % (pd.__version__, sqlite3.sqlite_version)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    for t in tables:
        try:
            df = pd.read_sql('SELECT * FROM "%s"' % t.name, con)
        except Exception as e:  # noqa: BLE001
            fail("%s: %s raised %s" % (pv, t.name, e))
            continue
        diffs = []
        if list(df.columns) != t.header:
            diffs.append("columns %s" % list(df.columns))
        elif len(df) != len(t.rows):
            diffs.append("%d rows, ours %d" % (len(df), len(t.rows)))
        else:
            for j, c in enumerate(t.header):
                col = df[c].tolist()
                for i, r in enumerate(t.rows):
                    if not same(t, c, col[i], r[j]):
                        diffs.append("row %d %s: %r, ours %r" % (i + 1, c, col[i], r[j]))
        kind = "view" if t.name in flat else "table"
        check(not diffs, "%s: %s %s equals csv/%s.csv (%s, %d columns)" % (pv, kind, t.name, t.name, nrows(len(t.rows)), len(t.header)), short(diffs))
    cb = pd.read_sql("SELECT table_name, column_name FROM codebook ORDER BY table_name, position", con)
    want = sorted((t.name, c) for t in tables for c in t.header)
    check(sorted(map(tuple, cb.values.tolist())) == want, "%s: the codebook table has a row for each of the %d columns" % (pv, len(want)))

    # The question, in SQL and in pandas (three lines), on the bundled dataset.
    ids = {r[0] for t in tables if t.name == "actors" for r in t.rows}
    if PUTIN in ids:
        sql_rows = [tuple("" if x is None else x for x in r) for r in con.execute(PUTIN_SQL)]
        # The pandas lines, as the report gives them:
        m = pd.read_sql("SELECT * FROM measures_flat", con)
        hit = m[m.target_ids.fillna("").str.split("; ").apply(lambda ids: PUTIN in ids)]
        answer = hit[["id", "imposed_by", "announced", "announced_earliest", "announced_latest", "announced_basis"]].sort_values(["announced_latest", "id"])
        pd_rows = [tuple("" if x is None or (isinstance(x, float) and math.isnan(x)) else x for x in r) for r in answer.values.tolist()]
        t = {x.name: x for x in tables}
        targets = t["measure_targets"]
        want_ids = sorted({r[targets.header.index("measure_id")] for r in targets.rows if r[targets.header.index("actor_id")] == PUTIN})
        check(sql_rows and sql_rows == pd_rows and sorted(r[0] for r in sql_rows) == want_ids,
              "%s: which measures targeted Putin, imposed by whom, announced when: one SQL query and three pandas lines agree: %s" % (
                  pv, "; ".join("%s by %s, announced %s" % (r[0], r[1], r[2] or "(no date)") for r in sql_rows)),
              "sql %s, pandas %s, measure_targets %s" % (sql_rows, pd_rows, want_ids))
    con.close()

    # R's RSQLite.
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(work, exist_ok=True)
    p = subprocess.run(["Rscript", os.path.join(here, "sqlite.R"), db, work] + [t.name for t in tables],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        fail("R RSQLite: reading %s: %s" % (DB, " ".join(p.stderr.strip().splitlines()[-3:])))
        return
    with open(os.path.join(work, "versions.txt"), encoding="utf-8") as f:
        rv = "R %s RSQLite %s" % tuple(f.read().split()[:2])
    with open(os.path.join(work, "tables.txt"), encoding="utf-8") as f:
        listed = set(f.read().split())
    missing = [t.name for t in tables if t.name not in listed]
    check(not missing, "%s: dbListTables lists every table and view (%d)" % (rv, len(tables)), short(missing))
    for t in tables:
        with open(os.path.join(work, t.name + ".classes"), encoding="utf-8") as f:
            classes = f.read().split()
        with open(os.path.join(work, t.name + ".tsv"), encoding="utf-8") as f:
            lines = [unescape_row(line.rstrip("\n")) for line in f]
        header, rows = (lines[0], lines[1:]) if lines else ([], [])
        problems = []
        if header != t.header:
            problems.append("header %s" % short(header))
        elif len(rows) != len(t.rows):
            problems.append("%d rows, ours %d" % (len(rows), len(t.rows)))
        else:
            for c, cls in zip(t.header, classes):
                want = {"integer": ("integer", "numeric"), "number": ("numeric", "integer")}.get(t.types.get(c))
                if want and cls not in want and any(t.column(c)):
                    problems.append("column %s is %s, not %s" % (c, cls, want[0]))
            for i, (g, o) in enumerate(zip(rows, t.rows)):
                for j, (gv, ov) in enumerate(zip(g, o)):
                    if gv != ov and not (t.types.get(t.header[j]) in ("integer", "number") and checks.same_number(gv, ov)):
                        problems.append("row %d column %s: R read %r, ours %r" % (i + 1, t.header[j], gv, ov))
        check(not problems, "%s: dbGetQuery of %s equals csv/%s.csv (%s, %d columns; NULL as NA)" % (
            rv, t.name, t.name, nrows(len(t.rows)), len(t.header)), short(problems))


def unescape_row(line):
    """A row of sqlite.R's TSV: fields split on tabs, then \\t \\n \\r \\\\
    restored."""
    out = []
    for field in line.split("\t"):
        s, i, b = field, 0, []
        while i < len(s):
            if s[i] == "\\" and i + 1 < len(s):
                b.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(s[i + 1], s[i + 1]))
                i += 2
            else:
                b.append(s[i])
                i += 1
        out.append("".join(b))
    return out


def cmd_workbook(bundle):
    """The workbook as people use it, through openpyxl: the flat sheets right
    after about and listed there; every sheet printed landscape, fitted to
    the page's width; the header row repeated on every printed page; column
    widths capped; long texts wrapped; each date's days beside its EDTF."""
    import openpyxl

    _, tables = load(bundle)
    v = "openpyxl %s" % openpyxl.__version__
    wb = openpyxl.load_workbook(os.path.join(bundle, "curate.xlsx"))
    flat = [t.name for t in tables if t.name.endswith("_flat")]
    check(wb.sheetnames[1:1 + len(flat)] == flat and flat == ["measures_flat", "events_flat", "statements_flat"],
          "%s: the flat sheets %s come right after about" % (v, ", ".join(flat)), "sheets %s" % wb.sheetnames[:5])
    about = [[c for c in r] for r in wb["about"].iter_rows(values_only=True)]
    first = {}
    for i, r in enumerate(about):
        if r and r[0] is not None and r[0] not in first:
            first[r[0]] = i
    listed = [n for n in flat if n in first and len(about[first[n]]) > 1 and about[first[n]][1]]
    check(listed == flat and all(first[n] < first.get("Sources", -1) for n in flat),
          "%s: the about sheet lists the flat sheets, each with what it answers, before the sources" % v,
          "listed %s" % listed)
    bad = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        if ps.orientation != "landscape" or str(ps.fitToWidth) != "1" or str(ps.fitToHeight) != "0" or not ws.sheet_properties.pageSetUpPr.fitToPage:
            bad.append("%s: orientation %s, fit %s x %s, fitToPage %s" % (ws.title, ps.orientation, ps.fitToWidth, ps.fitToHeight,
                                                                        ws.sheet_properties.pageSetUpPr.fitToPage))
        if ws.title != "about" and ws.print_title_rows not in ("1:1", "$1:$1"):
            bad.append("%s: print title rows %r" % (ws.title, ws.print_title_rows))
        if ws.title != "about" and ws.freeze_panes != "A2":
            bad.append("%s: frozen at %r" % (ws.title, ws.freeze_panes))
        wide = [k for k, d in ws.column_dimensions.items() if d.width and d.width > 60]
        if wide and ws.title != "about":  # about's codebook column is 100 wide, its texts wrapped
            bad.append("%s: columns %s wider than 60" % (ws.title, wide))
    check(not bad, "%s: all %d sheets print landscape fitted to the page's width; table sheets repeat the header row on each page, keep it frozen, and no column is wider than 60" % (
        v, len(wb.worksheets)), short(bad))
    # The about sheet's codebook descriptions wrap.
    about_ws = wb["about"]
    unwrapped = [c.coordinate for row in about_ws.iter_rows(min_col=5, max_col=5) for c in row
                 if isinstance(c.value, str) and len(c.value) > 100 and not c.alignment.wrap_text]
    check(not unwrapped, "%s: the about sheet's long codebook texts wrap in their column" % v, short(unwrapped))
    # Long texts wrap: every text cell longer than its column is wide.
    nlong, bad = 0, []
    for t in tables:
        ws = wb[t.name]
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and len(c.value) > 60 and t.types.get(t.header[c.column - 1]) == "string":
                    nlong += 1
                    if not c.alignment.wrap_text:
                        bad.append("%s!%s" % (t.name, c.coordinate))
    check(not bad, "%s: all %d texts longer than 60 characters wrap in their cells" % (v, nlong), short(bad))
    # Each date's first and last days are date cells beside its EDTF text.
    bad, n = [], 0
    for t in tables:
        for i, c in enumerate(t.header):
            if c.endswith("_earliest") and t.types.get(c) == "date":
                n += 1
                base = c[: -len("_earliest")]
                if i == 0 or t.header[i - 1] != base or i + 1 >= len(t.header) or t.header[i + 1] != base + "_latest":
                    bad.append("%s.%s" % (t.name, c))
    check(not bad and n > 0, "%s: each of the %d dates shows its EDTF text, then its first and last days as date cells" % (v, n), short(bad))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    fn = {"sqlite": cmd_sqlite, "workbook": cmd_workbook}.get(argv[1])
    if fn is None:
        print(__doc__, file=sys.stderr)
        return 2
    fn(*argv[2:])
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
