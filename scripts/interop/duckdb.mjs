// DuckDB (the engine shipped in the npm package @duckdb/node-api) reads the
// release bundle: every CSV with read_csv_auto, every Parquet file, and joins
// across link tables. Expected values come from our CSV files, read by
// checks.py expect (Python's csv module) into EXPECT.json.
//
// Usage: node duckdb.mjs BUNDLE EXPECT.json STATEDIR
//
// DuckDB keeps nothing in $HOME: its extension and home directories are
// STATEDIR, and it never installs an extension (there is no network here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, version } from '@duckdb/node-api';

const [bundle, expectFile, state] = process.argv.slice(2);
if (!state) {
  console.error('usage: node duckdb.mjs BUNDLE EXPECT.json STATEDIR');
  process.exit(2);
}
const exp = JSON.parse(readFileSync(expectFile, 'utf8'));
let failures = 0;
const ok = (m) => console.log('ok   ' + m);
const fail = (m) => { failures++; console.log('FAIL ' + m); };
const short = (xs, n = 3) => xs.slice(0, n).join('; ') + (xs.length > n ? `; ... (${xs.length} in all)` : '');
const rowsText = (n) => (n === 1 ? '1 row' : `${n} rows`);
const check = (cond, m, why) => (cond ? ok(m) : fail(m + (why ? ': ' + why : '')));

const inst = await DuckDBInstance.create(':memory:', {
  extension_directory: join(state, 'extensions'),
  home_directory: state,
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'true',
  threads: '2',
});
const db = await inst.connect();
const v = `duckdb ${version()} (@duckdb/node-api ${JSON.parse(readFileSync(new URL('./node_modules/@duckdb/node-api/package.json', import.meta.url))).version})`;
const q = async (sql) => db.runAndReadAll(sql);
const lit = (s) => "'" + String(s).replaceAll("'", "''") + "'";

// The type a Parquet column must have, by Table Schema type.
const parquetType = { date: 'DATE', integer: 'BIGINT', number: 'DOUBLE', string: 'VARCHAR' };

// A DuckDB value as text comparable with our CSV cell of the given type.
function same(got, ours, type) {
  if (ours === '') return got === null || got === undefined;
  if (got === null || got === undefined) return false;
  if (type === 'integer' || type === 'number') return Number(got) === Number(ours);
  if (typeof got === 'bigint' || typeof got === 'number') return String(got) === ours;
  return String(got) === ours; // DATE values print as YYYY-MM-DD
}
function show(x) {
  return x === null || x === undefined ? 'NULL' : typeof x === 'bigint' ? `${x}` : JSON.stringify(String(x));
}

function compareRows(t, cols, rows) {
  const diffs = [];
  if (JSON.stringify(cols) !== JSON.stringify(t.header)) return [`columns ${JSON.stringify(cols)}, ours ${JSON.stringify(t.header)}`];
  if (rows.length !== t.rows.length) return [`${rows.length} rows, ours ${t.rows.length}`];
  rows.forEach((r, i) => r.forEach((x, j) => {
    if (!same(x, t.rows[i][j], t.types[j])) diffs.push(`row ${i + 1} ${t.header[j]}: ${show(x)}, ours ${JSON.stringify(t.rows[i][j])}`);
  }));
  return diffs;
}

// Rows in our CSV order: sorted by the primary key as the CSV has them.
const orderBy = (t) => t.primaryKey.map((c) => `"${c}"`).join(', ');

for (const [name, t] of Object.entries(exp.tables)) {
  // CSV through read_csv_auto: header, count, every cell; declared dates
  // and integers must be sniffed as DATE and BIGINT.
  const csv = join(bundle, t.path);
  try {
    const r = await q(`SELECT * FROM read_csv_auto(${lit(csv)}) ORDER BY ${orderBy(t)}`);
    const cols = r.columnNames();
    const types = r.columnTypes().map(String);
    const diffs = compareRows(t, cols, r.getRows());
    t.header.forEach((c, j) => {
      const filled = t.rows.some((row) => row[j] !== '');
      if (!filled) return;
      if (t.types[j] === 'date' && types[j] !== 'DATE') diffs.push(`${c} sniffed as ${types[j]}, not DATE`);
      if (t.types[j] === 'integer' && !/INT/.test(types[j])) diffs.push(`${c} sniffed as ${types[j]}, not an integer type`);
      if (t.types[j] === 'number' && !/INT|DOUBLE|FLOAT|DECIMAL/.test(types[j])) diffs.push(`${c} sniffed as ${types[j]}, not a number type`);
    });
    const sniffed = [...new Set(types)].join('/');
    check(diffs.length === 0, `${v}: read_csv_auto('${t.path}'): ${rowsText(t.rows.length)}, header and cells equal ours (sniffed ${sniffed}${t.types.includes('date') ? ', declared dates as DATE' : ''})`, short(diffs));
  } catch (e) {
    fail(`${v}: read_csv_auto('${t.path}') raised ${e.message}`);
  }

  // Parquet: column types, nullability, count and cells.
  const pq = join(bundle, 'parquet', name + '.parquet');
  try {
    const d = await q(`DESCRIBE SELECT * FROM read_parquet(${lit(pq)})`);
    const got = d.getRowObjectsJS().map((x) => `${x.column_name} ${x.column_type}`);
    const want = t.header.map((c, j) => `${c} ${parquetType[t.types[j]] ?? 'VARCHAR'}`);
    const s = await q(`SELECT name, repetition_type FROM parquet_schema(${lit(pq)}) WHERE num_children IS NULL OR num_children = 0`);
    const reps = Object.fromEntries(s.getRowsJS().map(([n, rt]) => [n, rt]));
    const diffs = [];
    if (JSON.stringify(got) !== JSON.stringify(want)) diffs.push(`columns ${short(got.filter((x) => !want.includes(x)), 4)}, ours ${short(want.filter((x) => !got.includes(x)), 4)}`);
    t.header.forEach((c, j) => {
      const rt = t.required[j] ? 'REQUIRED' : 'OPTIONAL';
      if (reps[c] !== rt) diffs.push(`${c} is ${reps[c]}, declared ${rt}`);
    });
    const r = await q(`SELECT * FROM read_parquet(${lit(pq)}) ORDER BY ${orderBy(t)}`);
    diffs.push(...compareRows(t, r.columnNames(), r.getRows()));
    const typeSummary = [...new Set(want.map((x) => x.split(' ')[1]))].join('/');
    check(diffs.length === 0, `${v}: parquet/${name}.parquet: ${rowsText(t.rows.length)}, column types (${typeSummary}) and REQUIRED/OPTIONAL as declared, cells equal csv/${name}.csv`, short(diffs));
  } catch (e) {
    fail(`${v}: read_parquet('parquet/${name}.parquet') raised ${e.message}`);
  }
}

// Joins across link tables, once over Parquet and once over CSV.
const joins = [
  {
    name: 'event_actors', src: 'parquet',
    sql: (f) => `SELECT e.id, e.title, ea.position, a.id, a.label, ea.role
      FROM ${f('events')} e JOIN ${f('event_actors')} ea ON ea.event_id = e.id JOIN ${f('actors')} a ON a.id = ea.actor_id
      ORDER BY e.id, ea.position`,
    what: 'events ⋈ event_actors ⋈ actors',
  },
  {
    name: 'measure_instruments', src: 'parquet',
    sql: (f) => `SELECT m.id, m.title, mi.position, mi.instrument, mi.gsdb_type
      FROM ${f('measures')} m JOIN ${f('measure_instruments')} mi ON mi.measure_id = m.id
      ORDER BY m.id, mi.position`,
    what: 'measures ⋈ measure_instruments',
  },
  {
    name: 'measure_targets', src: 'csv',
    sql: (f) => `SELECT m.id, m.title, mt.position, a.id, a.label, mt.scope
      FROM ${f('measures')} m JOIN ${f('measure_targets')} mt ON mt.measure_id = m.id JOIN ${f('actors')} a ON a.id = mt.actor_id
      ORDER BY m.id, mt.position`,
    what: 'measures ⋈ measure_targets ⋈ actors',
  },
];
for (const j of joins) {
  const f = j.src === 'parquet'
    ? (n) => `read_parquet(${lit(join(bundle, 'parquet', n + '.parquet'))})`
    : (n) => `read_csv_auto(${lit(join(bundle, exp.tables[n].path))})`;
  const want = exp.joins[j.name];
  try {
    const rows = (await q(j.sql(f))).getRows();
    const diffs = [];
    if (rows.length !== want.length) diffs.push(`${rows.length} rows, expected ${want.length}`);
    rows.forEach((r, i) => {
      const w = want[i];
      if (!w) return;
      const norm = r.map((x) => (x === null ? '' : typeof x === 'bigint' ? Number(x) : typeof x === 'object' ? String(x) : x));
      if (JSON.stringify(norm) !== JSON.stringify(w)) diffs.push(`row ${i + 1}: ${JSON.stringify(norm)}, expected ${JSON.stringify(w)}`);
    });
    check(diffs.length === 0 && want.length > 0, `${v}: ${j.what} over ${j.src} returns the ${want.length} rows our CSVs give (joined in Python)`, short(diffs) || 'no rows expected');
  } catch (e) {
    fail(`${v}: ${j.what} over ${j.src} raised ${e.message}`);
  }
}

// The codebook's SQL for GSDB's unilateral/multilateral, run as written
// over views of the CSV tables: it must give, for every measure, what
// checks.py computed from our CSVs.
{
  const codebook = readFileSync(join(bundle, 'CODEBOOK.md'), 'utf8');
  const m = codebook.match(/In SQL: `([^`]*)`/);
  const want = exp.multilateral;
  if (!m) {
    fail(`${v}: CODEBOOK.md has no "In SQL: \`...\`" for multilateral measures`);
  } else {
    try {
      const c = await inst.connect();
      for (const n of ['measures', 'measure_imposers', 'measure_coordination']) {
        await c.run(`CREATE OR REPLACE VIEW ${n} AS SELECT * FROM read_csv_auto(${lit(join(bundle, exp.tables[n].path))})`);
      }
      const rows = (await c.runAndReadAll(m[1])).getRows();
      const got = Object.fromEntries(rows.map(([id, multi]) => [id, multi]));
      const diffs = Object.keys(want).filter((id) => got[id] !== want[id]).map((id) => `${id}: ${got[id]}, expected ${want[id]}`);
      if (rows.length !== Object.keys(want).length) diffs.push(`${rows.length} rows, ${Object.keys(want).length} measures`);
      const n = Object.values(want).filter(Boolean).length;
      check(diffs.length === 0, `${v}: the codebook's SQL for GSDB multilateral measures runs over the CSVs: ${n} multilateral, ${Object.keys(want).length - n} unilateral, as our tables say`, short(diffs));
    } catch (e) {
      fail(`${v}: the codebook's SQL for multilateral measures raised ${e.message}`);
    }
  }
}

// The DuckDB SQL of the bundle's README.md, run as written in the bundle
// folder (its paths are relative): the last statement's rows must be the
// event_actors rows whose event exists.
{
  const readme = readFileSync(join(bundle, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  const ea = exp.tables.event_actors;
  const ids = new Set(exp.tables.events.rows.map((r) => r[exp.tables.events.header.indexOf('id')]));
  const want = ea.rows.filter((r) => ids.has(r[ea.header.indexOf('event_id')])).length;
  if (blocks.length === 0) fail(`${v}: the bundle README has no \`\`\`sql block`);
  const cwd = process.cwd();
  for (const [i, sql] of blocks.entries()) {
    const c = await inst.connect();
    try {
      process.chdir(bundle);
      const stmts = sql.split(';').map((x) => x.trim()).filter(Boolean);
      let last;
      for (const st of stmts) last = await c.runAndReadAll(st);
      const n = last.getRows().length;
      check(n === want, `${v}: the bundle README's sql block ${i + 1} runs in the bundle folder and returns the ${want} event_actors rows`, `${n} rows`);
    } catch (e) {
      fail(`${v}: the bundle README's sql block ${i + 1} raised ${e.message}`);
    } finally {
      process.chdir(cwd);
    }
  }
}

// Nothing was written outside STATEDIR.
const s = (await q(`SELECT current_setting('extension_directory') AS e, current_setting('home_directory') AS h`)).getRowObjectsJS()[0];
check(String(s.e).startsWith(state) && String(s.h).startsWith(state), `${v}: extension_directory and home_directory are the suite's temporary folder, not $HOME`, JSON.stringify(s));
inst.closeSync?.();
process.exit(failures ? 1 : 0);
