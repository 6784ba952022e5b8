// DuckDB (the engine in the npm package @duckdb/node-api) reads the Parquet
// export: a count and distinct counts over events.parquet, and the most
// cited source over citations.parquet. The harness times the whole process
// (node's start, loading DuckDB, the queries).
//
// Usage: node duckdb.mjs PARQUETDIR STATEDIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, version } from '@duckdb/node-api';

const [dir, state] = process.argv.slice(2);
if (!state) {
  console.error('usage: node duckdb.mjs PARQUETDIR STATEDIR');
  process.exit(2);
}
if (process.env.BENCH_DUCKDB_VERSION) {
  const pkg = JSON.parse(readFileSync(new URL('./node_modules/@duckdb/node-api/package.json', import.meta.url)));
  console.log(`duckdb ${version()} (@duckdb/node-api ${pkg.version})`);
  process.exit(0);
}
const inst = await DuckDBInstance.create(':memory:', {
  extension_directory: join(state, 'extensions'),
  home_directory: state,
  autoinstall_known_extensions: 'false',
  threads: '2',
});
const db = await inst.connect();
const lit = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const ev = join(dir, 'events.parquet');
const ci = join(dir, 'citations.parquet');
const q1 = await db.runAndReadAll(`SELECT count(*), count(DISTINCT id), count(DISTINCT country), min(date_earliest)::VARCHAR, max(date_latest)::VARCHAR FROM read_parquet(${lit(ev)})`);
const q2 = await db.runAndReadAll(`SELECT source_id, count(*) AS n FROM read_parquet(${lit(ci)}) GROUP BY source_id ORDER BY n DESC, source_id LIMIT 1`);
const show = (rows) => JSON.stringify(rows, (_, x) => (typeof x === 'bigint' ? Number(x) : x));
console.log('events:', show(q1.getRows()), 'most cited source:', show(q2.getRows()));
