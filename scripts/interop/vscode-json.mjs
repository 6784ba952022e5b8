// The editor: vscode-json-languageservice (npm), the engine of VS Code's
// JSON editing, run in Node as VS Code's JSON language server runs it, on
// dataset files with our schema:
//
//   - the workspace settings of .vscode/settings.json ("json.schemas"), read
//     as VS Code reads them: a url starting with "./" is joined to the
//     workspace folder, fileMatch patterns apply inside the folder, and a
//     relative $ref or "$schema" resolves against the file it is in
//     (workspaceContext.resolveRelativePath, as the server implements it);
//   - the schema requests answered from the local schema/ files: file: URLs
//     from disk, and the schemas' $id URLs (https://curate.invalid/schema/
//     VERSION/NAME) from schema/NAME, so that a file whose "$schema" is the
//     $id (what curate fmt writes outside a repository) works offline too;
//     any other request fails the check (the editor would fetch it).
//
// It checks that the valid test dataset has no problem in the editor, that
// a misspelt key in a measure is flagged, that completion inside a measure
// offers the measure's properties (and not an event's), and that
// dataset.json is checked against the dataset schema.
//
// Usage: node vscode-json.mjs REPOSITORY
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import jsonls from 'vscode-json-languageservice';

const { getLanguageService, TextDocument } = jsonls;
const repo = process.argv[2];
if (!repo) {
  console.error('usage: node vscode-json.mjs REPOSITORY');
  process.exit(2);
}
const ver = JSON.parse(readFileSync(new URL('./node_modules/vscode-json-languageservice/package.json', import.meta.url))).version;
const v = `vscode-json-languageservice ${ver}`;
let failures = 0;
const ok = (m) => console.log('ok   ' + m);
const fail = (m) => { failures++; console.log('FAIL ' + m); };

const folder = pathToFileURL(repo).href.replace(/\/$/, '');
const schemaDir = join(repo, 'schema');
const idBase = JSON.parse(readFileSync(join(schemaDir, 'records.schema.json'), 'utf8')).$id.replace(/[^/]*$/, '');

// The schema requests, and those that could not be answered locally.
const requested = new Set();
const unanswered = new Set();
const schemaRequestService = async (uri) => {
  requested.add(uri);
  let file;
  if (uri.startsWith('file:')) {
    file = fileURLToPath(uri);
  } else if (uri.startsWith(idBase) && /^[a-z0-9.-]+$/.test(uri.slice(idBase.length))) {
    file = join(schemaDir, uri.slice(idBase.length));
  }
  if (!file || !existsSync(file)) {
    unanswered.add(uri);
    throw new Error(`not available offline: ${uri}`);
  }
  return readFileSync(file, 'utf8');
};
// As VS Code's JSON server resolves a relative reference: against the
// document or schema it is in.
const workspaceContext = {
  resolveRelativePath: (relativePath, resource) => new URL(relativePath, resource.substring(0, resource.lastIndexOf('/') + 1)).href,
};

// The workspace settings, as VS Code's JSON client hands them to the server.
let settings;
try {
  settings = JSON.parse(readFileSync(join(repo, '.vscode', 'settings.json'), 'utf8'));
} catch (e) {
  fail(`${v}: .vscode/settings.json: ${e.message}`);
  process.exit(1);
}
const schemas = (settings['json.schemas'] || []).map((s) => ({
  uri: /^\.{0,2}\//.test(s.url) ? new URL(s.url.replace(/^\.\//, ''), folder + '/').href : s.url,
  fileMatch: s.fileMatch,
  folderUri: folder,
}));
const ls = getLanguageService({ schemaRequestService, workspaceContext });
ls.configure({ validate: true, allowComments: false, schemas });

// diagnose returns the editor's diagnostics for text at the path (relative
// to the repository, or an absolute URL) as VS Code would show them for a
// .json file.
async function diagnose(path, text) {
  const uri = /^[a-z]+:/.test(path) ? path : `${folder}/${path}`;
  const doc = TextDocument.create(uri, 'json', 1, text);
  const json = ls.parseJSONDocument(doc);
  return { doc, json, diags: await ls.doValidation(doc, json, { comments: 'error', trailingCommas: 'error' }) };
}
const show = (diags) => diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join(' | ').slice(0, 800);

// 1. The valid test dataset: nothing flagged, every $ref resolved.
for (const [name, as] of [
  ['validate/testdata/base/records.json', 'dataset/events/editor-check.json'],
  ['validate/testdata/base/actors.json', 'dataset/actors/editor-check.json'],
  ['validate/testdata/base/dataset.json', 'dataset/dataset.json'],
]) {
  const { diags } = await diagnose(as, readFileSync(join(repo, name), 'utf8'));
  if (diags.length === 0) {
    ok(`${v}: ${name} opened as ${as} through .vscode/settings.json: no problem flagged, every $ref resolved`);
  } else {
    fail(`${v}: ${name} opened as ${as}: ${diags.length} problems flagged in a valid file: ${show(diags)}`);
  }
}

// VS Code fetches any schema that is not a file: the settings must name the
// local files, and so must every $ref reached from them.
{
  const remote = [...requested].filter((u) => !u.startsWith('file:'));
  const urls = schemas.map((s) => s.uri.replace(folder + '/', ''));
  if (remote.length === 0 && schemas.length > 0 && schemas.every((s) => s.uri.startsWith(folder + '/schema/'))) {
    ok(`${v}: .vscode/settings.json maps the dataset to ${urls.join(' and ')}, and their $refs resolve to files beside them (${requested.size} files read)`);
  } else {
    fail(`${v}: .vscode/settings.json maps the dataset to ${urls.join(', ') || 'nothing'}; VS Code would fetch ${remote.join(', ') || 'nothing'} from the network`);
  }
}

// 2. A misspelt key in a measure is flagged, at the key, with the properties
// the measure allows; the missing property it replaces too.
const measure = (extra) => `{
  "records": [
    {
      "kind": "measure",
      "id": "measure-editor-check",
      "title": "A measure",
      ${extra}
      "citations": [{"source": "source-sample", "evidence": "The regional water board agreed"}]
    }
  ]
}
`;
for (const [what, path, text] of [
  ['in dataset/ (settings.json)', 'dataset/measures/editor-check.json', measure('"imposed_bye": ["actor-water-board"],')],
  ['with a relative "$schema" as curate fmt writes it', 'dataset/measures/editor-check.json',
    measure('"imposed_bye": ["actor-water-board"],').replace('{\n', '{\n  "$schema": "../../schema/records.schema.json",\n')],
  ['outside dataset/ with the $id as "$schema"', 'file:///elsewhere/editor-check.json',
    measure('"imposed_bye": ["actor-water-board"],').replace('{\n', `{\n  "$schema": "${idBase}records.schema.json",\n`)],
]) {
  const { doc, diags } = await diagnose(path, text);
  const at = doc.positionAt(text.indexOf('"imposed_bye"'));
  const misspelt = diags.find((d) => /imposed_bye/.test(d.message) && d.range.start.line === at.line && d.range.start.character === at.character);
  const missing = diags.find((d) => /imposed_by\b/.test(d.message.replace(/imposed_bye/g, '')));
  if (misspelt && missing) {
    ok(`${v}: a measure ${what} with "imposed_bye": flagged at ${at.line + 1}:${at.character + 1} ("${misspelt.message}"), and "${missing.message}"`);
  } else {
    fail(`${v}: a measure ${what} with "imposed_bye": want it flagged at ${at.line + 1}:${at.character + 1} and imposed_by missing; got ${show(diags) || 'nothing'}`);
  }
}

// 3. Completion inside a measure offers the measure's properties, and not
// those of another kind.
{
  const text = measure('');
  const offset = text.indexOf('"citations"');
  const { doc, json } = await diagnose('dataset/measures/editor-check.json', text);
  const list = await ls.doComplete(doc, doc.positionAt(offset), json);
  const labels = (list?.items || []).map((i) => i.label);
  const want = ['instruments', 'imposed_by', 'targets', 'status', 'announced'];
  const missing = want.filter((w) => !labels.includes(w));
  const foreign = ['event_type', 'speaker', 'actor_type'].filter((w) => labels.includes(w));
  if (missing.length === 0 && foreign.length === 0) {
    ok(`${v}: completion inside a measure offers its properties (${want.join(', ')}; ${labels.length} in all) and none of another kind's`);
  } else {
    fail(`${v}: completion inside a measure: missing ${missing.join(', ') || 'none'}, another kind's ${foreign.join(', ') || 'none'}; offered: ${labels.join(', ')}`);
  }
}

// 4. dataset.json by the dataset schema: a misspelt key flagged.
{
  const text = readFileSync(join(repo, 'validate/testdata/base/dataset.json'), 'utf8').replace('"licence"', '"license"');
  const { diags } = await diagnose('dataset/dataset.json', text);
  if (diags.some((d) => /license/.test(d.message)) && diags.some((d) => /licence/.test(d.message))) {
    ok(`${v}: dataset/dataset.json follows the dataset schema: "license" flagged, "licence" missing`);
  } else {
    fail(`${v}: dataset/dataset.json with "license": ${show(diags) || 'nothing flagged'}`);
  }
}

// Every schema the editor asked for was answered from schema/.
if (unanswered.size === 0) {
  const files = [...requested].map((u) => u.replace(folder + '/', '').replace(idBase, '$id:')).sort();
  ok(`${v}: every schema requested came from schema/ (${files.join(', ')}), none from the network`);
} else {
  fail(`${v}: requests the editor would send to the network: ${[...unanswered].join(', ')}`);
}
process.exit(failures ? 1 : 0);
