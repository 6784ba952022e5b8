// Frictionless: datapackage.json is loaded and validated by datapackage-js
// (the npm package "datapackage" of the Frictionless Data project), against
// the Data Package profile it ships (lib/profiles/data-package.json, JSON
// Schema draft-04) and, for each tabular resource, the Tabular Data Resource
// profile and Table Schema. Then every tabular resource is read through its
// Table Schema (types cast, required constraints, primary key uniqueness)
// with its foreign keys checked (relations), and the row counts compared
// with ours.
//
// Usage: node frictionless.mjs BUNDLE EXPECT.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import datapackage from 'datapackage';

const { Package } = datapackage;
const [bundle, expectFile] = process.argv.slice(2);
if (!expectFile) {
  console.error('usage: node frictionless.mjs BUNDLE EXPECT.json');
  process.exit(2);
}
const exp = JSON.parse(readFileSync(expectFile, 'utf8'));
const ver = JSON.parse(readFileSync(new URL('./node_modules/datapackage/package.json', import.meta.url))).version;
const tsver = JSON.parse(readFileSync(new URL('./node_modules/tableschema/package.json', import.meta.url))).version;
const v = `datapackage-js ${ver} (tableschema-js ${tsver})`;
let failures = 0;
const ok = (m) => console.log('ok   ' + m);
const fail = (m) => { failures++; console.log('FAIL ' + m); };
const errText = (e) => [e.message, ...(e.errors || []).map((x) => x.message || String(x))].join(' | ').replace(/\s+/g, ' ').slice(0, 600);

const descriptor = join(bundle, 'datapackage.json');
let pkg;
try {
  pkg = await Package.load(descriptor, { basePath: bundle });
} catch (e) {
  fail(`${v}: Package.load(datapackage.json) raised ${errText(e)}`);
  process.exit(1);
}
if (pkg.valid) {
  ok(`${v}: datapackage.json is valid against the ${pkg.profile.name} profile, and its ${pkg.resources.length} resources against theirs (${[...new Set(pkg.resources.map((r) => r.descriptor.profile || 'data-resource'))].join(', ')})`);
} else {
  fail(`${v}: datapackage.json is invalid: ${pkg.errors.map(errText).join(' || ').slice(0, 1500)}`);
}

for (const r of pkg.resources) {
  if (r.descriptor.profile !== 'tabular-data-resource') continue;
  const t = exp.tables[r.name];
  try {
    const rows = await r.read({ cast: true, relations: true });
    const want = t ? t.rows.length : -1;
    const fks = (r.descriptor.schema.foreignKeys || []).length;
    if (rows.length === want) {
      ok(`${v}: resource ${r.name} reads through its Table Schema: ${rows.length === 1 ? '1 row' : rows.length + ' rows'} as in ${r.descriptor.path}, types cast, required and primary key (${[].concat(r.descriptor.schema.primaryKey).join(', ')}) hold, ${fks} foreign key${fks === 1 ? ' resolves' : 's resolve'}`);
    } else {
      fail(`${v}: resource ${r.name}: read gives ${rows.length} rows, ${r.descriptor.path} has ${want}`);
    }
  } catch (e) {
    fail(`${v}: resource ${r.name} (${r.descriptor.path}): ${errText(e)}`);
  }
}
process.exit(failures ? 1 : 0);
