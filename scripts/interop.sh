#!/usr/bin/env bash
# Interoperability suite: clients we did not write read every file that
# "curate release" writes, and must agree with our CSV tables.
#
#   LibreOffice (Debian)        the XLSX, sheet by sheet, as CSV and as cell types
#   pandas, openpyxl (Debian)   every CSV (default settings, parse_dates) and the XLSX
#   R (Debian r-base-core)      every CSV with read.csv, dates with as.Date
#   DuckDB (npm @duckdb/node-api)  every CSV (read_csv_auto) and Parquet file, joins
#   jsonld.js (npm) / json-gold (Go)  canonical N-Quads of the JSON-LD, compared
#   ajv + ajv-formats (npm)     compiles our schema; agrees with curate validate
#   datapackage-js (npm)        datapackage.json against the Frictionless profiles
#   sha256sum, unzip            SHA256SUMS and the zip itself
#   Chromium (Debian) + puppeteer-core (npm)  index.html, the browsable page, headless
#   sqlite3, pandas read_sql, RSQLite (Debian)  curate.sqlite against the CSV tables; openpyxl the workbook's print setup
#
# The table checks (all but ajv) run twice: on the bundle of the bundled
# dataset, then on the bundle of the export tests' tiny dataset
# (export/testdata/tiny), which sets every field, so that no new table or
# column is checked only while empty; those lines are marked "tiny:".
#
# It installs what it needs first, idempotently: Debian packages with apt-get
# (skipped when dpkg says they are installed), npm packages from
# scripts/interop/package-lock.json into scripts/interop/node_modules (npm ci,
# skipped when node_modules was installed from the same lock file).
#
# Usage: scripts/interop.sh [--no-install]
#   --no-install   skip the install steps (use what is there)
# Environment: GO (default go), SOURCES (default ../shared/sources: evidence
# is checked when it exists), INTEROP_DIR (work folder, default .interop/,
# emptied at the start and kept afterwards for inspection).
#
# Every check prints one line starting with "ok   " or "FAIL " that says what
# it compared ("note " lines are information). The last line is
# "N passed, M failed"; the exit status is 1 when anything failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
HERE=$ROOT/scripts/interop
PY=/usr/bin/python3 # Debian's python sees the Debian packages
GO=${GO:-go}
SOURCES=${SOURCES:-../shared/sources}
WORK=${INTEROP_DIR:-$ROOT/.interop}
APT_PACKAGES=(libreoffice-calc-nogui python3-pandas python3-openpyxl r-base-core unzip chromium sqlite3 r-cran-rsqlite)
INSTALL=1
for a in "$@"; do
	case $a in
	--no-install) INSTALL=0 ;;
	-h | --help)
		sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "interop.sh: unknown argument $a (try --help)" >&2
		exit 2
		;;
	esac
done

passed=0
failed=0
label=""
start_all=$(date +%s)
install_secs=0

ok() {
	echo "ok   $*"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

# check NAME CMD...: runs a checker, shows its lines and counts them; a
# checker that exits non-zero without a FAIL line counts as one failure.
check() {
	local name=$1
	shift
	local out=$WORK/$name.out err=$WORK/$name.err rc
	"$@" >"$out" 2>"$err"
	rc=$?
	# The checks of a second bundle say which one they read.
	[ -n "$label" ] && sed -i -E "s/^(ok   |FAIL |note )/\1$label: /" "$out"
	cat "$out"
	local p f
	p=$(grep -c '^ok   ' "$out")
	f=$(grep -c '^FAIL ' "$out")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		fail "$name: exited $rc: $(tail -n 5 "$err" | tr '\n' ' ')"
	elif [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		[ -s "$err" ] && sed 's/^/    stderr: /' "$err" | tail -n 5
	fi
	return 0
}

elapsed() { echo $(($(date +%s) - $1)); }

rm -rf "$WORK"
mkdir -p "$WORK"
echo "interop: work folder $WORK"

# --- installs -------------------------------------------------------------

if [ "$INSTALL" = 1 ]; then
	t=$(date +%s)
	missing=()
	for p in "${APT_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "install: apt: ${APT_PACKAGES[*]} already installed, skipped ($(elapsed "$t") s)"
	else
		SUDO=
		[ "$(id -u)" -ne 0 ] && SUDO=sudo
		echo "install: apt-get install --no-install-recommends ${missing[*]} ..."
		if $SUDO apt-get update -qq >"$WORK/apt.log" 2>&1 &&
			$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1; then
			echo "install: apt: done in $(elapsed "$t") s"
		else
			fail "install: apt-get install ${missing[*]}: $(tail -n 3 "$WORK/apt.log" | tr '\n' ' ')"
		fi
	fi
	install_secs=$((install_secs + $(elapsed "$t")))

	t=$(date +%s)
	lock=$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-64)
	stamp=$HERE/node_modules/.curate-interop-lock
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ]; then
		echo "install: npm: node_modules matches package-lock.json, skipped ($(elapsed "$t") s)"
	else
		echo "install: npm ci (scripts/interop/package-lock.json) ..."
		if (cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >"$WORK/npm.log" 2>&1; then
			echo "$lock" >"$stamp"
			echo "install: npm: done in $(elapsed "$t") s"
		else
			fail "install: npm ci: $(grep -v 'Unknown user config' "$WORK/npm.log" | tail -n 3 | tr '\n' ' ')"
		fi
	fi
	install_secs=$((install_secs + $(elapsed "$t")))
fi
echo "versions: $(dpkg-query -W -f='${Package} ${Version}, ' "${APT_PACKAGES[@]}" 2>/dev/null | sed 's/, $//')"
echo "versions: node $(node --version), $(cd "$HERE" && node -e '
	const d = require("./package.json").dependencies;
	console.log(Object.keys(d).map((n) => { try { return n + " " + require(n + "/package.json").version } catch { return n + " (missing)" } }).join(", "))' 2>/dev/null)"

# --- build and release -----------------------------------------------------

t=$(date +%s)
if ! "$GO" build -o bin/curate ./cmd/curate >"$WORK/build.log" 2>&1; then
	fail "go build ./cmd/curate: $(tail -n 3 "$WORK/build.log" | tr '\n' ' ')"
	echo "$passed passed, $failed failed"
	exit 1
fi
if ! "$GO" build -o "$WORK/nquads" ./scripts/interop/nquads >>"$WORK/build.log" 2>&1; then
	fail "go build ./scripts/interop/nquads (json-gold): $(tail -n 3 "$WORK/build.log" | tr '\n' ' ') (go.mod needs github.com/piprate/json-gold: go get github.com/piprate/json-gold@v0.9.1)"
fi
echo "build: bin/curate and nquads (json-gold) in $(elapsed "$t") s"

release_args=(--out "$WORK/release")
if [ -d "$SOURCES" ]; then
	release_args+=(--sources "$SOURCES")
else
	echo "note release: $SOURCES not found: evidence not checked"
fi
if ! bin/curate release "${release_args[@]}" dataset >"$WORK/release.log" 2>&1; then
	fail "curate release ${release_args[*]} dataset: $(tail -n 5 "$WORK/release.log" | tr '\n' ' ')"
	echo "$passed passed, $failed failed"
	exit 1
fi
zip=$(ls "$WORK"/release/curate-*.zip)
name=$(basename "$zip" .zip)
mkdir -p "$WORK/bundle"
if unzip -q "$zip" -d "$WORK/bundle" && [ "$(ls "$WORK/bundle")" = "$name" ]; then
	ok "unzip $(unzip -v 2>/dev/null | head -n 1 | awk '{print $2}'): $name.zip ($(stat -c %s "$zip") bytes) holds one folder $name/ with $(find "$WORK/bundle/$name" -type f | wc -l) files"
else
	fail "unzip $name.zip: expected exactly one folder $name/, got: $(ls "$WORK/bundle" | tr '\n' ' ')"
fi
B=$WORK/bundle/$name
[ -d "$B" ] || {
	echo "$passed passed, $failed failed"
	exit 1
}

if (cd "$B" && sha256sum --check --strict --quiet SHA256SUMS) >"$WORK/sha256sum.log" 2>&1; then
	ok "sha256sum ($(sha256sum --version | head -n 1 | awk '{print $NF}')) --check SHA256SUMS: all $(wc -l <"$B/SHA256SUMS") files match"
else
	fail "sha256sum --check SHA256SUMS: $(tr '\n' ' ' <"$WORK/sha256sum.log")"
fi

# --- checks -----------------------------------------------------------------

# table_checks B W: the checks of every table and file of the unzipped
# bundle B (work files in W): LibreOffice, pandas, R, DuckDB, the JSON-LD
# processors and Frictionless against our CSV tables.
table_checks() {
	local B=$1 W=$2 t
	mkdir -p "$W"
	check "bundle$3" "$PY" "$HERE/checks.py" bundle "$B"
	if ! "$PY" "$HERE/checks.py" expect "$B" "$W/expect.json" 2>"$W/expect.err"; then
		fail "checks.py expect: reading our CSV tables: $(tail -n 3 "$W/expect.err" | tr '\n' ' ')"
	fi

	# LibreOffice: every sheet to CSV (UTF-8, cells as shown), and the whole
	# workbook to flat ODS, which shows the type LibreOffice gave each cell.
	t=$(date +%s)
	if command -v soffice >/dev/null; then
		lo_version=$(soffice --version 2>/dev/null | awk '{print $2}')
		lo_profile="file://$WORK/lo-profile"
		# 44 , separator; 34 " quote; 76 UTF-8; 1 first line; ; 0 language;
		# false quoted as text; true detect special numbers; true save cell
		# contents as shown; false formulas; false remove spaces; -1 every sheet
		# to its own file NAME-SHEET.csv (LibreOffice 7.2 and later).
		csv_filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
		if [ "$(printf '7.2\n%s\n' "$lo_version" | sort -V | head -n 1)" = 7.2 ]; then
			timeout 300 soffice --headless "-env:UserInstallation=$lo_profile" --convert-to "$csv_filter" \
				--outdir "$W/lo-csv" "$B/curate.xlsx" >"$W/lo.log" 2>&1
			timeout 300 soffice --headless "-env:UserInstallation=$lo_profile" --convert-to fods \
				--outdir "$W/lo-fods" "$B/curate.xlsx" >>"$W/lo.log" 2>&1
			check "libreoffice$3" "$PY" "$HERE/checks.py" libreoffice "$B" "$W/lo-csv" "$W/lo-fods/curate.fods" "$lo_version"
		else
			fail "libreoffice $lo_version: older than 7.2, which cannot write every sheet to CSV"
		fi
	else
		fail "libreoffice: soffice not found (apt-get install libreoffice-calc-nogui)"
	fi
	echo "time: libreoffice $(elapsed "$t") s"

	check "pandas$3" "$PY" "$HERE/checks.py" pandas "$B"
	check "readme$3" "$PY" "$HERE/checks.py" readme "$B"
	check "r$3" "$PY" "$HERE/checks.py" r "$B" "$W/r"

	t=$(date +%s)
	mkdir -p "$W/duckdb"
	check "duckdb$3" node "$HERE/duckdb.mjs" "$B" "$W/expect.json" "$W/duckdb"
	echo "time: duckdb $(elapsed "$t") s"

	# JSON-LD: the canonical N-Quads of json-gold and of jsonld.js.
	if [ -x "$WORK/nquads" ]; then
		gold_version=$("$GO" list -m -f '{{.Version}}' github.com/piprate/json-gold 2>/dev/null || echo '?')
		js_version=$(cd "$HERE" && node -p 'require("jsonld/package.json").version' 2>/dev/null || echo '?')
		"$WORK/nquads" "$B/curate.jsonld" >"$W/json-gold.nq" 2>"$W/json-gold.err" ||
			fail "json-gold: $(tr '\n' ' ' <"$W/json-gold.err")"
		node "$HERE/jsonld-canon.mjs" "$B/curate.jsonld" >"$W/jsonld-js.nq" 2>"$W/jsonld-js.err" ||
			fail "jsonld.js: $(tr '\n' ' ' <"$W/jsonld-js.err")"
		check "jsonld$3" "$PY" "$HERE/checks.py" jsonld "$B" "$W/json-gold.nq" "$W/jsonld-js.nq" "$gold_version" "$js_version"
	fi

	check "frictionless$3" node "$HERE/frictionless.mjs" "$B" "$W/expect.json"
}

table_checks "$B" "$WORK" ""

t=$(date +%s)
check ajv "$PY" "$HERE/checks.py" ajv "$ROOT" "$B" "$ROOT/bin/curate" "$HERE/node_modules/.bin/ajv" "$HERE/ajv-curate-formats.js"
echo "time: ajv $(elapsed "$t") s"

# The editor: VS Code's JSON engine (vscode-json-languageservice) with
# .vscode/settings.json and schema/ on dataset files (vscode-json.mjs).
check vscode-json node "$HERE/vscode-json.mjs" "$ROOT"

# The tiny dataset of the export tests (export/testdata/tiny) sets every
# field of every record kind, where the bundled dataset may leave a table
# empty (no identifiers yet, no figures of measures): its bundle goes
# through the same table checks, each line marked "tiny:".
t=$(date +%s)
label=tiny
if bin/curate release --out "$WORK/tiny/release" export/testdata/tiny >"$WORK/tiny-release.log" 2>&1 &&
	mkdir -p "$WORK/tiny/bundle" && unzip -q "$WORK"/tiny/release/curate-*.zip -d "$WORK/tiny/bundle"; then
	table_checks "$(ls -d "$WORK"/tiny/bundle/curate-*)" "$WORK/tiny" -tiny
else
	fail "curate release export/testdata/tiny: $(tail -n 5 "$WORK/tiny-release.log" | tr '\n' ' ')"
fi
label=""
echo "time: the tiny dataset's bundle $(elapsed "$t") s"

# The browsable page (package browse) in headless Chromium, driven by
# puppeteer-core (browse.mjs): it loads from a file: URL with no request
# leaving it, the filter narrows the list, links reach their records, the
# timeline has a mark per dated record; screenshots in $WORK/browse/. The
# page is the bundle's index.html, or else scripts/interop/page writes it.
t=$(date +%s)
mkdir -p "$WORK/browse"
page=$B/index.html
if [ ! -f "$page" ]; then
	page=$WORK/browse/index.html
	page_args=(-out "$page")
	[ -d "$SOURCES" ] && page_args+=(-sources "$SOURCES")
	"$GO" run ./scripts/interop/page "${page_args[@]}" dataset >"$WORK/browse/page.log" 2>&1 ||
		fail "go run ./scripts/interop/page: $(tail -n 3 "$WORK/browse/page.log" | tr '\n' ' ')"
fi
[ -f "$page" ] && check browse node "$HERE/browse.mjs" "$page" dataset "$WORK/browse"
# The tiny dataset's page: every date form, and undated records.
label=tiny
if "$GO" run ./scripts/interop/page -out "$WORK/browse/tiny/index.html" export/testdata/tiny >"$WORK/browse/tiny.log" 2>&1; then
	check browse-tiny node "$HERE/browse.mjs" "$WORK/browse/tiny/index.html" export/testdata/tiny "$WORK/browse/tiny"
else
	fail "go run ./scripts/interop/page export/testdata/tiny: $(tail -n 3 "$WORK/browse/tiny.log" | tr '\n' ' ')"
fi
label=""
echo "time: chromium $(elapsed "$t") s"

# The SQLite database (sqlite_checks.py sqlite): the sqlite3 program runs
# integrity_check and foreign_key_check and counts rows against the CSV
# tables; pandas read_sql (Python's sqlite3 module) and R's RSQLite
# (sqlite.R) read every table and view against them; "which measures
# targeted Putin" in one SQL query and in three pandas lines. The workbook
# as people use it (sqlite_checks.py workbook): flat sheets first, print
# setup, header repeated on each page, wrapped texts. Both bundles.
t=$(date +%s)
for which in "" tiny; do
	label=$which
	bundle=$B
	[ -n "$which" ] && bundle=$(ls -d "$WORK"/tiny/bundle/curate-* 2>/dev/null | head -n 1)
	if [ -d "$bundle" ]; then
		check "sqlite${which:+-$which}" "$PY" "$HERE/sqlite_checks.py" sqlite "$bundle" "$WORK/sqlite${which:+-$which}"
		check "workbook${which:+-$which}" "$PY" "$HERE/sqlite_checks.py" workbook "$bundle"
	fi
done
label=""
echo "time: sqlite and workbook $(elapsed "$t") s"

# Citation and licence: CITATION.cff (the repository's and each bundle's)
# against the official CFF 1.2.0 JSON Schema with ajv (cff.mjs, the schema
# vendored in testdata/ with its source named there), and against the
# bundle's dataset.json, datapackage.json and LICENSE.
tiny_bundle=$(ls -d "$WORK"/tiny/bundle/curate-* 2>/dev/null | head -n 1)
check cff node "$HERE/cff.mjs" "$ROOT" "$B" ${tiny_bundle:+"$tiny_bundle"}

# A release reads back: curate diff of each bundle's zip against the
# dataset directory it was made from finds no change (the bundle's dataset/
# holds every record and value).
for pair in "$zip:dataset" "$(ls "$WORK"/tiny/release/curate-*.zip 2>/dev/null | head -n 1):export/testdata/tiny"; do
	z=${pair%%:*} d=${pair#*:}
	[ -n "$z" ] || continue
	if out=$(bin/curate diff "$z" "$d" 2>"$WORK/diff.err") && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
		printf '%s' "$out" | grep -q ': 0 records added, 0 removed, 0 changed (0 values)$'; then
		ok "curate diff $(basename "$z") $d: the bundle's dataset/ reads back to the same records ($out)"
	else
		fail "curate diff $(basename "$z") $d: $(printf '%s' "$out" | head -n 3 | tr '\n' ' ') $(tail -n 3 "$WORK/diff.err" | tr '\n' ' ')"
	fi
done

echo "interop: $(elapsed "$start_all") s in all, installs $install_secs s; work folder $WORK"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
