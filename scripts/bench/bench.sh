#!/usr/bin/env bash
# make bench: curate's scale benchmark (scripts/bench/main.go says what it
# runs). Installs what it needs first, idempotently: GNU time (apt-get, when
# /usr/bin/time is missing) and the npm peers, ajv-cli with ajv-formats and
# DuckDB, from scripts/bench/package-lock.json into scripts/bench/node_modules
# (npm ci, skipped when node_modules was installed from the same lock file).
# Then builds bin/curate and runs the harness.
#
# Usage: scripts/bench/bench.sh [--no-install] [harness flags: -sizes "10000 100000" -runs R -work DIR ...]
# Environment: GO (default go).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GO=${GO:-go}
install=1
if [ "${1:-}" = "--no-install" ]; then install=0; shift; fi

if [ "$install" = 1 ]; then
	if [ ! -x /usr/bin/time ]; then
		echo "install: GNU time (apt-get) ..."
		if [ "$(id -u)" = 0 ]; then
			(apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }) || echo "install: apt-get install time failed"
		else
			echo "install: /usr/bin/time is missing and this is not root: install the Debian package \"time\""
		fi
	fi
	lock=$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-64)
	stamp=$HERE/node_modules/.curate-bench-lock
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ]; then
		echo "install: npm: node_modules matches package-lock.json, skipped"
	elif ! command -v npm >/dev/null; then
		echo "install: npm not found: ajv and DuckDB rows will be skipped"
	else
		echo "install: npm ci (scripts/bench/package-lock.json) ..."
		if (cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >"$HERE/.npm.log" 2>&1; then
			echo "$lock" >"$stamp"
		else
			echo "install: npm ci failed, ajv and DuckDB rows will be skipped: $(tail -n 3 "$HERE/.npm.log" | tr '\n' ' ')"
		fi
	fi
fi

cd "$ROOT"
$GO build -buildvcs=auto -o bin/curate ./cmd/curate
echo "command: scripts/bench/bench.sh $*"
exec $GO run ./scripts/bench "$@"
