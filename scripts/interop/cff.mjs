// CITATION.cff against the official Citation File Format 1.2.0 JSON Schema,
// with ajv (draft-07, strict, ajv-formats), and the bundle's citation and
// licence files against its datapackage.json and dataset.json.
//
// The schema is testdata/cff-1.2.0.schema.json: the file schema.json of the
// repository citation-file-format/citation-file-format at its tag 1.2.0
// (commit 396f738fb025b1d8acdb02a56ffc923f95dc8999), the schema of
// https://citation-file-format.github.io/1.2.0/schema.json, vendored
// unchanged (its SHA-256 is checked below) since no npm package ships it as
// a file (cffjs ships a TypeScript copy). YAML is read with js-yaml, ajv-cli's
// own dependency (pinned by package-lock.json), casting YAML dates to
// strings as the schema's note on "date" asks of tools.
//
// Usage: node cff.mjs REPO BUNDLE [BUNDLE...]
//   REPO     the repository: its CITATION.cff and dataset/dataset.json
//   BUNDLE   an unzipped release bundle: its CITATION.cff, LICENSE,
//            datapackage.json and dataset/dataset.json
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const yaml = createRequire(require.resolve('ajv-cli/package.json'))('js-yaml');

const SCHEMA = new URL('./testdata/cff-1.2.0.schema.json', import.meta.url);
const SCHEMA_SHA256 = '0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b';

const [repo, ...bundles] = process.argv.slice(2);
if (!repo || bundles.length === 0) {
  console.error('usage: node cff.mjs REPO BUNDLE [BUNDLE...]');
  process.exit(2);
}
let failures = 0;
const ok = (m) => console.log('ok   ' + m);
const fail = (m) => { failures++; console.log('FAIL ' + m); };
const check = (cond, m, why) => (cond ? ok(m) : fail(m + (why ? ': ' + why : '')));

const schemaText = readFileSync(SCHEMA);
const sum = createHash('sha256').update(schemaText).digest('hex');
check(sum === SCHEMA_SHA256, 'cff: the vendored CFF 1.2.0 schema is the official file unchanged (sha256 ' + sum.slice(0, 12) + '...)', 'sha256 ' + sum);
const schema = JSON.parse(schemaText);
const ajvVersion = require('ajv/package.json').version;
const yamlVersion = createRequire(require.resolve('ajv-cli/package.json'))('js-yaml/package.json').version;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(schema);
  ok(`cff: ajv ${ajvVersion} (strict, ajv-formats) compiles ${schema.$id}`);
} catch (e) {
  fail(`cff: ajv ${ajvVersion} cannot compile the CFF schema: ${e.message}`);
  process.exit(1);
}

// load reads a CITATION.cff as YAML (js-yaml's safe schema), YAML dates cast
// to YYYY-MM-DD strings.
function load(text) {
  const doc = (yaml.safeLoad || yaml.load)(text);
  const cast = (v) => {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (Array.isArray(v)) return v.map(cast);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cast(x)]));
    return v;
  };
  return cast(doc);
}

const errs = (v) => (v.errors || []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

// cff validates one CITATION.cff file and returns its document.
function cff(path, label) {
  if (!existsSync(path)) {
    fail(`cff: ${label}: no CITATION.cff`);
    return null;
  }
  let doc;
  try {
    doc = load(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cff: ${label}: js-yaml ${yamlVersion} cannot read CITATION.cff: ${e.message}`);
    return null;
  }
  const valid = validate(doc);
  check(valid, `cff: ${label}: CITATION.cff (read by js-yaml ${yamlVersion}) is valid against the CFF 1.2.0 schema: cff-version ${doc['cff-version']}, type ${doc.type}, ${doc.authors?.length} author(s), license ${doc.license}`, errs(validate));
  return doc;
}

// The validator rejects what the schema rejects: broken variants of a
// valid document each fail (a negative control).
function controls(doc, label) {
  const broken = {
    'no authors': (d) => { delete d.authors; },
    'an unknown key': (d) => { d.licence = d.license; },
    'a person with a bad ORCID': (d) => { d.authors = [{ 'given-names': 'A', 'family-names': 'B', orcid: 'https://orcid.org/0000' }]; },
    'a resolver URL as DOI': (d) => { d.doi = 'https://doi.org/10.5281/zenodo.1003150'; },
    'a licence not in SPDX': (d) => { d.license = 'Creative Commons'; },
    'a date that is no day': (d) => { d['date-released'] = '2022-02-30x'; },
  };
  const missed = [];
  for (const [what, f] of Object.entries(broken)) {
    const d = structuredClone(doc);
    f(d);
    if (validate(d)) missed.push(what);
  }
  check(missed.length === 0, `cff: ${label}: the schema rejects ${Object.keys(broken).length} broken variants (${Object.keys(broken).join(', ')})`, 'accepted: ' + missed.join(', '));
}

const repoCff = cff(join(repo, 'CITATION.cff'), 'repository');
if (repoCff) controls(repoCff, 'repository');

for (const b of bundles) {
  const label = basename(b);
  const doc = cff(join(b, 'CITATION.cff'), label);
  if (!doc) continue;
  const meta = JSON.parse(readFileSync(join(b, 'dataset', 'dataset.json'), 'utf8'));
  const dp = JSON.parse(readFileSync(join(b, 'datapackage.json'), 'utf8'));
  const names = (meta.authors || []).map((a) => a.name ?? `${a.given_names} ${a.family_names}`);
  const cffNames = (doc.authors || []).map((a) => a.name ?? `${a['given-names']} ${a['family-names']}`);
  const dpNames = (dp.contributors || []).map((c) => c.title);
  check(JSON.stringify(cffNames) === JSON.stringify(names) && JSON.stringify(dpNames) === JSON.stringify(names),
    `cff: ${label}: the authors of dataset.json are CITATION.cff's authors and datapackage.json's contributors, in order (${names.join('; ')})`,
    `dataset.json ${JSON.stringify(names)}, CITATION.cff ${JSON.stringify(cffNames)}, datapackage.json ${JSON.stringify(dpNames)}`);
  const same = doc.title === meta.title && doc.title === dp.title && doc.version === meta.version && doc.version === dp.version &&
    doc.license === meta.licence && dp.licenses?.[0]?.name === meta.licence && (doc.doi ?? null) === (meta.doi ?? null) &&
    (doc.url ?? null) === (meta.url ?? null) && (doc['date-released'] ?? null) === (meta.released ?? null) &&
    (meta.released ? dp.created === meta.released + 'T00:00:00Z' : dp.created === undefined);
  check(same, `cff: ${label}: title, version, licence, doi, url and date-released agree with dataset.json and datapackage.json (created ${dp.created ?? 'absent, no released day'})`);
  const licence = readFileSync(join(b, 'LICENSE'), 'utf8');
  const spdx = `https://spdx.org/licenses/${meta.licence}.html`;
  check(licence.includes(`SPDX-License-Identifier: ${meta.licence}\n`) && licence.includes(`SPDX record: ${spdx}\n`) && dp.licenses?.[0]?.path === spdx,
    `cff: ${label}: LICENSE names ${meta.licence} and ${spdx}, as datapackage.json does`);
  if (existsSync(join(repo, 'CITATION.cff')) && meta.title === repoCff?.title && meta.version === repoCff?.version) {
    check(readFileSync(join(b, 'CITATION.cff'), 'utf8') === readFileSync(join(repo, 'CITATION.cff'), 'utf8'),
      `cff: ${label}: the bundle's CITATION.cff is the repository's, byte for byte`);
  }
}
process.exit(failures ? 1 : 0);
