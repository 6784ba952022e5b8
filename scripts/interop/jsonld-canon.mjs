// Prints the canonical N-Quads (RDF dataset canonicalization, URDNA2015) of
// a JSON-LD document as jsonld.js computes them, without fetching anything:
// the document loader refuses every URL, so the context must be embedded.
// Usage: node jsonld-canon.mjs FILE.jsonld
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';

const file = process.argv[2];
if (!file) {
  console.error('usage: node jsonld-canon.mjs FILE.jsonld');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(file, 'utf8'));
const documentLoader = async (url) => {
  throw new Error(`refusing to load ${url}: no remote documents here`);
};
try {
  // safe: true makes jsonld.js fail on anything it would drop silently
  // (a term the context does not define, a relative IRI, ...).
  const out = await jsonld.canonize(doc, {
    algorithm: 'URDNA2015',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
    processingMode: 'json-ld-1.1',
  });
  process.stdout.write(out);
} catch (e) {
  console.error(`jsonld.js: ${e.name}: ${e.message}${e.details ? ' ' + JSON.stringify(e.details).slice(0, 500) : ''}`);
  process.exit(1);
}
