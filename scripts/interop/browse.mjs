// The browsable page (index.html, package browse) in a real browser:
// Debian's chromium, headless, driven by puppeteer-core (npm, pinned; it
// brings no browser of its own). The page is opened from a file: URL and
// checked against the dataset's own JSON files:
//
//   - it loads with no console error, no page error and no failed request,
//     and every request is the file itself or a data: URL (requests are
//     intercepted; any other is aborted and fails the check); its
//     Content-Security-Policy forbids every network source;
//   - one article per record, per kind;
//   - the filter box narrows the list: a measure's id leaves that measure,
//     a word leaves only records holding it, nonsense leaves none and says
//     so, clearing shows all again;
//   - links reach their target: a measure's reference to an actor, the
//     actor's link back to the measure (location.hash, the target in view),
//     and a link to a record the filter hides clears the filter;
//   - the timeline has one mark (data-mark) per dated event, measure and
//     statement, each linking to its record; the bounded ones drawn as
//     bounded; the undated listed beside it;
//   - screenshots: the whole page and the timeline, as PNG files in OUTDIR.
//
// Usage: node browse.mjs PAGE.html DATASET_DIR OUTDIR
// Environment: CHROMIUM (default /usr/bin/chromium).
import { readFileSync, readdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [pagePath, datasetDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node browse.mjs PAGE.html DATASET_DIR OUTDIR');
  process.exit(2);
}
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const ppVersion = JSON.parse(readFileSync(new URL('./node_modules/puppeteer-core/package.json', import.meta.url))).version;
let failures = 0;
let who = 'chromium';
const ok = (m) => console.log(`ok   ${who}: ${m}`);
const fail = (m) => { failures++; console.log(`FAIL ${who}: ${m}`); };

// The records, read from the dataset's files (not from the page).
const records = [];
for (const kind of ['actors', 'sources', 'events', 'measures', 'statements']) {
  const dir = join(datasetDir, kind);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    records.push(...JSON.parse(readFileSync(join(dir, f), 'utf8')).records);
  }
}
const byKind = (k) => records.filter((r) => r.kind === k);
const datesOf = (r) => (r.kind === 'measure' ? [r.announced, r.effective, r.ended] : r.kind === 'event' || r.kind === 'statement' ? [r.date] : []).filter(Boolean);
const timed = records.filter((r) => ['event', 'measure', 'statement'].includes(r.kind));
const dated = timed.filter((r) => datesOf(r).length > 0);
const bounded = dated.filter((r) => datesOf(r).some((d) => d.basis === 'bounded'));
const dayOnly = dated.filter((r) => datesOf(r).every((d) => /^\d{4}-\d{2}-\d{2}[?~%]?$/.test(d.edtf)));

if (!existsSync(chromium)) {
  fail(`${chromium} not found (apt-get install chromium)`);
  process.exit(1);
}
const profile = mkdtempSync(join(tmpdir(), 'curate-chromium-'));
const url = pathToFileURL(resolve(pagePath)).href;
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--no-default-browser-check', '--mute-audio'],
  });
  who = `chromium ${(await browser.version()).replace(/^[^/]*\//, '')} (puppeteer-core ${ppVersion})`;
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });

  const errors = [];
  const requests = [];
  const leaving = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => { if (!leaving.includes(r.url())) errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`); });
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const u = r.url();
    requests.push(u);
    if (u.split('#')[0] === url || u.startsWith('data:')) {
      r.continue();
    } else {
      leaving.push(u);
      r.abort('blockedbyclient');
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((res) => setTimeout(res, 300)); // late console messages
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content).catch(() => '');
  if (errors.length === 0 && leaving.length === 0 && requests.length > 0) {
    ok(`${pagePath} loads from a file: URL with no console error; ${requests.length} request(s), each the file itself or data:`);
  } else {
    fail(`loading ${url}: ${[...errors, ...leaving.map((u) => 'request leaving the file: ' + u)].join('; ') || 'no request seen'}`);
  }
  if (/default-src 'none'/.test(csp) && !/unsafe-eval/.test(csp) && /script-src 'sha256-/.test(csp)) {
    ok(`Content-Security-Policy forbids every network source (default-src 'none'; script and style allowed by hash)`);
  } else {
    fail(`Content-Security-Policy: ${JSON.stringify(csp)}`);
  }

  // One article per record, per kind.
  const counts = await page.$$eval('article.rec', (as) => as.reduce((c, a) => { const k = a.className.match(/k-(\w+)/)[1]; c[k] = (c[k] || 0) + 1; return c; }, {}));
  const want = Object.fromEntries(['event', 'measure', 'statement', 'actor', 'source'].map((k) => [k, byKind(k).length]));
  if (JSON.stringify(['event', 'measure', 'statement', 'actor', 'source'].map((k) => counts[k] || 0)) === JSON.stringify(Object.values(want))) {
    ok(`one article per record: ${Object.entries(want).map(([k, n]) => `${n} ${k}`).join(', ')} (${records.length} records)`);
  } else {
    fail(`articles per kind ${JSON.stringify(counts)}, the dataset has ${JSON.stringify(want)}`);
  }

  // The filter.
  const visibleIds = () => page.$$eval('article.rec', (as) => as.filter((a) => a.offsetParent !== null).map((a) => a.id));
  const shown = () => page.$eval('#shown', (o) => o.textContent);
  const type = async (text) => {
    await page.click('#filter', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    if (text) await page.type('#filter', text);
  };
  const measure = byKind('measure')[0];
  if (measure) {
    await type(measure.id);
    const vis = await visibleIds();
    if (vis.includes(measure.id) && vis.length < records.length && vis.every((id) => id.includes(measure.id)) && (await shown()) === `${vis.length} of ${records.length} records`) {
      ok(`filter: typing the measure id ${measure.id} leaves ${vis.length} of ${records.length} records (${vis.join(', ')}); the count says "${await shown()}"`);
    } else {
      fail(`filter "${measure.id}": visible ${JSON.stringify(vis)}, count "${await shown()}"`);
    }
  }
  const word = 'sanctions';
  await type(word);
  {
    const vis = await visibleIds();
    const texts = await page.$$eval('article.rec', (as) => as.filter((a) => a.offsetParent !== null).map((a) => a.textContent.toLowerCase()));
    if (vis.length > 0 && vis.length < records.length && texts.every((t) => t.includes(word))) {
      ok(`filter: typing "${word}" leaves ${vis.length} of ${records.length} records, each holding the word, across ${new Set(vis.map((id) => id.split('-')[0])).size} kinds`);
    } else {
      fail(`filter "${word}": ${vis.length} visible of ${records.length}`);
    }
  }
  await type('zzqx-no-such-record');
  {
    const vis = await visibleIds();
    const none = await page.$$eval('p.none', (ps) => ps.filter((p) => p.offsetParent !== null).length);
    if (vis.length === 0 && none === 5) {
      ok('filter: nonsense leaves no record and each of the 5 kinds says none match');
    } else {
      fail(`filter nonsense: ${vis.length} visible, ${none} "none match" notes`);
    }
  }
  await type('');
  if ((await visibleIds()).length === records.length) {
    ok(`filter: cleared, all ${records.length} records show again`);
  } else {
    fail(`filter cleared: ${(await visibleIds()).length} of ${records.length} visible`);
  }

  // Links.
  const inView = (id) => page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el || el.offsetParent === null) return false;
    const r = el.getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  }, id);
  const follow = async (selector, want) => {
    await page.click(selector);
    await page.waitForFunction((h) => location.hash === h, { timeout: 3000 }, '#' + want).catch(() => {});
    const hash = await page.evaluate(() => location.hash);
    return hash === '#' + want && (await inView(want));
  };
  if (measure) {
    const actor = measure.imposed_by[0];
    if (await follow(`article[id="${measure.id}"] dl.fields a[href="#${actor}"]`, actor)) {
      ok(`link: ${measure.id}'s "Imposed by" reaches #${actor}, in view`);
    } else {
      fail(`link from ${measure.id} to #${actor}: hash ${await page.evaluate(() => location.hash)}`);
    }
    if (await follow(`article[id="${actor}"] dl.refby a[href="#${measure.id}"]`, measure.id)) {
      ok(`link back: ${actor}'s "Measures it imposed" reaches #${measure.id}, in view`);
    } else {
      fail(`link back from ${actor} to #${measure.id}: hash ${await page.evaluate(() => location.hash)}`);
    }
    await type(measure.id);
    if (await follow(`article[id="${measure.id}"] dl.fields a[href="#${actor}"]`, actor)) {
      ok(`link: with the filter hiding #${actor}, following the link clears the filter and shows it`);
    } else {
      fail(`link to #${actor} hidden by the filter: not shown`);
    }
    await type('');
  }

  // The timeline.
  const marks = await page.$$eval('svg.tl [data-mark]', (ms) => ms.map((m) => ({
    id: m.getAttribute('data-mark'),
    href: m.getAttribute('href'),
    title: m.querySelector('title')?.textContent || '',
    bounded: m.querySelector('.b-bounded') !== null,
    day: m.querySelectorAll('path').length === m.querySelectorAll('path.day').length,
    target: document.getElementById(m.getAttribute('data-mark')) !== null,
  })));
  const ids = marks.map((m) => m.id).sort();
  const wantIds = dated.map((r) => r.id).sort();
  if (JSON.stringify(ids) === JSON.stringify(wantIds) && marks.every((m) => m.href === '#' + m.id && m.target && m.title.includes(m.id))) {
    ok(`timeline: ${marks.length} marks, one per dated event, measure and statement (${dated.length} of ${timed.length}), each linking to its record with a tooltip`);
  } else {
    fail(`timeline: marks ${JSON.stringify(ids)}, dated records ${JSON.stringify(wantIds)}`);
  }
  const bmarks = marks.filter((m) => m.bounded).map((m) => m.id).sort();
  const dmarks = marks.filter((m) => m.day).map((m) => m.id).sort();
  if (JSON.stringify(bmarks) === JSON.stringify(bounded.map((r) => r.id).sort()) && JSON.stringify(dmarks) === JSON.stringify(dayOnly.map((r) => r.id).sort())) {
    ok(`timeline: ${bmarks.length} marks drawn bounded (hollow), ${dmarks.length} drawn as single days, as the dates say`);
  } else {
    fail(`timeline: bounded marks ${JSON.stringify(bmarks)} want ${JSON.stringify(bounded.map((r) => r.id))}; day marks ${JSON.stringify(dmarks)} want ${JSON.stringify(dayOnly.map((r) => r.id))}`);
  }
  const undated = await page.$$eval('aside.undated li', (ls) => ls.length);
  if (undated === timed.length - dated.length) {
    ok(`timeline: ${undated} undated event(s), measure(s) and statement(s) listed beside it`);
  } else {
    fail(`timeline: ${undated} listed undated, the dataset has ${timed.length - dated.length}`);
  }
  if (marks.length > 0) {
    const first = marks[0].id;
    if (await follow(`svg.tl a[data-mark="${first}"]`, first)) {
      ok(`timeline: clicking the mark of ${first} reaches its record`);
    } else {
      fail(`timeline: clicking the mark of ${first}: hash ${await page.evaluate(() => location.hash)}`);
    }
  }

  // Screenshots.
  await page.evaluate(() => { history.replaceState(null, '', location.pathname); window.scrollTo(0, 0); });
  await page.screenshot({ path: join(outDir, 'index.png'), fullPage: true });
  const tl = await page.$('#timeline');
  await tl.screenshot({ path: join(outDir, 'timeline.png') });
  ok(`screenshots ${join(outDir, 'index.png')} (whole page) and ${join(outDir, 'timeline.png')}`);
  if (requests.some((u) => u.split('#')[0] !== url && !u.startsWith('data:'))) {
    fail(`requests leaving the file during the checks: ${leaving.join(', ')}`);
  } else {
    ok(`no request left the file during the checks (${requests.length} in all)`);
  }
} catch (e) {
  fail(`${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
