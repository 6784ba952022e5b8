// Formats for ajv that curate's schema uses and ajv-formats lacks, for
// "ajv -c ajv-formats -c ./ajv-curate-formats.js" (strict mode rejects
// unknown formats):
//
//   edtf  an EDTF (ISO 8601-2) level 0/1 date, or a level 2 "one of a
//         set" ([..2022-02-26], [2022-02-21..2022-02-26],
//         [2022-02-24,2022-02-25]), checked against the calendar: the same
//         rules as curate's Go package edtf (edtf/edtf.go, edtf/set.go),
//         written again from its documentation and code so that the
//         differential test compares two implementations.
//
// and registers the keyword "version" (every schema file's top-level
// schema version), which strict mode would refuse as unknown.
//   iri   an absolute IRI (RFC 3987): a scheme, then no white space, control
//         characters or <>"{}|\^` and only well-formed %-escapes. curate
//         checks it with Go's url.Parse (absolute URL); this is the usual
//         syntactic reading, close to it but not the same function.
'use strict';

// Days since 0000-03-01 in the proleptic Gregorian calendar (any fixed
// origin does: only order and differences matter).
function dayNumber(y, m, d) {
  if (m <= 2) { y -= 1; m += 12; }
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m - 3) + 2) / 5) + d - 1;
}

function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }

function daysIn(y, m) {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const isDigit = (c) => c >= '0' && c <= '9';
const isQual = (c) => c === '?' || c === '~' || c === '%';

// single parses one date (not an interval); returns {earliest, latest} as
// day numbers, or null when curate's edtf.Parse would reject it.
function single(s) {
  if (s.length === 0) return null;
  const c0 = s[0];
  if (c0 === '[' || c0 === '{' || c0 === 'Y' || (c0 === '-' && s.length > 1 && isDigit(s[1]))) return null;
  // n characters, each a digit or X, at i; for a month or a day, no digit
  // may follow.
  const comp = (i, n, isYear) => {
    if (i + n > s.length) return null;
    for (let j = i; j < i + n; j++) if (!(isDigit(s[j]) || s[j] === 'X')) return null;
    if (!isYear && i + n < s.length && isDigit(s[i + n])) return null;
    return s.slice(i, i + n);
  };
  const year = comp(0, 4, true);
  if (year === null) return null;
  let i = 4;
  if (i < s.length && (isDigit(s[i]) || s[i] === 'X')) return null; // a year of more than 4 digits
  let month = '', day = '';
  if (i < s.length && s[i] === '-') {
    month = comp(i + 1, 2, false);
    if (month === null) return null;
    i += 3;
    if (i < s.length && s[i] === '-') {
      day = comp(i + 1, 2, false);
      if (day === null) return null;
      i += 3;
      if (i < s.length && (s[i] === 'T' || s[i] === 't')) return null; // times
    }
  }
  if (i < s.length && isQual(s[i])) {
    i++;
    if (i < s.length && isQual(s[i])) return null; // two qualifiers
    if (i < s.length && s[i] === '-' && day === '') return null; // a qualifier on part of a date
  }
  if (i < s.length) return null; // trailing text
  // Unspecified digits: the last one or two of the year (no month), the
  // whole month, the whole day.
  const nx = year.length - year.replace(/X+$/, '').length;
  if (year.slice(0, 4 - nx).includes('X') || nx > 2 || (nx > 0 && month !== '') ||
      (month !== 'XX' && month.includes('X')) || (day !== 'XX' && day.includes('X')) ||
      (month === 'XX' && day !== '' && day !== 'XX')) return null;
  const y0 = parseInt(year.replace(/X/g, '0'), 10);
  const y1 = parseInt(year.replace(/X/g, '9'), 10);
  if (month === '' || month === 'XX') return { earliest: dayNumber(y0, 1, 1), latest: dayNumber(y1, 12, 31) };
  const m = parseInt(month, 10);
  if (m >= 21 && m <= 24) {
    if (day !== '') return null; // a season has no days
    const first = 3 * (m - 21) + 3; // March, June, September, December
    const lastMonth = first + 2; // May, August, November, February (next year)
    const ly = lastMonth > 12 ? y0 + 1 : y0;
    const lm = lastMonth > 12 ? lastMonth - 12 : lastMonth;
    return { earliest: dayNumber(y0, first, 1), latest: dayNumber(ly, lm, daysIn(ly, lm)) };
  }
  if (m < 1 || m > 12) return null; // includes 00, 13-20 and the level 2 groupings 25-41
  const last = daysIn(y0, m);
  if (day === '' || day === 'XX') return { earliest: dayNumber(y0, m, 1), latest: dayNumber(y0, m, last) };
  const d = parseInt(day, 10);
  if (d === 0 || d > last) return null;
  return { earliest: dayNumber(y0, m, d), latest: dayNumber(y0, m, d) };
}

// member parses one member of a set: a single date, or a range "A..B"
// whose start may be open ("..B") on the first member only and whose end
// may be open ("A..") on the last member only. Returns false when curate
// would reject it.
function member(m, first, last) {
  if (m === '') return false; // an empty member: "[]", "[,A]", "[A,]", "[A,,B]"
  const k = m.indexOf('..');
  if (k < 0) return single(m) !== null;
  const openStart = k === 0;
  const openEnd = k + 2 === m.length;
  if ((openStart && openEnd) || (openStart && !first) || (openEnd && !last)) return false;
  if (m.indexOf('..', k + 2) >= 0) return false; // a range has exactly one ".."
  let start = null, end = null;
  if (!openStart) { start = single(m.slice(0, k)); if (start === null) return false; }
  if (!openEnd) { end = single(m.slice(k + 2)); if (end === null) return false; }
  return !(start && end && start.earliest > end.latest);
}

// isSet checks a level 2 "one of a set", "[...]": members separated by
// commas, without spaces, no nested sets, no intervals, nothing after "]"
// (curate's edtf/set.go).
function isSet(s) {
  if (s.length < 2 || s[s.length - 1] !== ']') return false;
  const body = s.slice(1, -1);
  if (/[[\]{}/]|\s/u.test(body)) return false;
  const members = body.split(',');
  return members.every((m, i) => member(m, i === 0, i === members.length - 1));
}

function isEDTF(s) {
  if (typeof s !== 'string') return true;
  if (s === '' || s.trim() !== s || /^\s|\s$/u.test(s)) return false;
  if (s[0] === '[') return isSet(s);
  const parts = s.split('/');
  if (parts.length === 1) return single(s) !== null;
  if (parts.length > 2) return false;
  const [a, b] = parts;
  const openOrUnknown = (x) => x === '' || x === '..';
  if (openOrUnknown(a) && openOrUnknown(b)) return false;
  let start = null, end = null;
  if (!openOrUnknown(a)) { start = single(a); if (start === null) return false; }
  if (!openOrUnknown(b)) { end = single(b); if (end === null) return false; }
  if (start && end && start.earliest > end.latest) return false;
  return true;
}

const iriRe = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001F\u007F]*$/u;
function isIRI(s) {
  if (typeof s !== 'string') return true;
  return iriRe.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s);
}

module.exports = function addCurateFormats(ajv) {
  ajv.addFormat('edtf', { type: 'string', validate: isEDTF });
  ajv.addFormat('iri', { type: 'string', validate: isIRI });
  // Every schema file declares the schema's version at its top level
  // ("version": "2.0.0"), a keyword of curate's, not JSON Schema's: an
  // annotation that validates nothing, which strict mode would otherwise
  // refuse as unknown.
  ajv.addKeyword({ keyword: 'version', schemaType: 'string' });
  return ajv;
};
module.exports.isEDTF = isEDTF;
module.exports.isIRI = isIRI;
