// `npm run bench:regulation`: <regulation-viewer> on a 1 MB regulation-like Markdown document in
// headless Chromium, loaded from the built bundle exactly as a school's page loads it.
// Measures parse + first render (median of several fresh page loads) and the median time from a
// search keystroke to the highlighted matches (~40 keystrokes). Targets: ≤ 200 ms and ≤ 16 ms.
// `--build` rebuilds dist/ first (it is built anyway when missing); DEBUG_KEYS=1 lists every keystroke.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../browsers.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = 'dist/journal-help-widgets.js';
const RUNS = 5;
const TARGET_RENDER = 200;
const TARGET_KEY = 16;

if (!existsSync(join(ROOT, BUNDLE)) || !existsSync(join(ROOT, 'lib')) || process.argv.includes('--build')) {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

// A deterministic pseudo-random text, so every run measures the same document.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const WORDS = (
  'электронный журнал дневник учёт успеваемости обучающихся родителей законных представителей ' +
  'педагогический совет консультационная методическая помощь специалист администратор школы ' +
  'заместитель директора учебно-воспитательной работе техническая поддержка обращение сведения ' +
  'адрес электронной почты описание проблемы скриншот страницы класс ребёнка регион пользователь ' +
  'право обязанность порядок оказания услуги соглашение законодательство информационная система'
).split(' ');

export function generate(bytes = 1024 * 1024) {
  const rnd = random(7);
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)];
  const sentence = (n) => {
    const words = Array.from({ length: n }, pick);
    const r = rnd();
    if (r < 0.15) words[2] = `**${words[2]}**`;
    else if (r < 0.3) words[3] = `*${words[3]}*`;
    else if (r < 0.38) words[4] = `[${words[4]}](https://school.example/doc/${Math.floor(rnd() * 1000)})`;
    else if (r < 0.42) words[4] = `(<https://eljur.ru/help/${Math.floor(rnd() * 100)}>)`;
    else if (r < 0.45) words[4] = `https://school.example/p${Math.floor(rnd() * 100)}`;
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return words.join(' ') + '.';
  };
  const para = () => Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => sentence(8 + Math.floor(rnd() * 10))).join(' ');
  const out = [
    'Согласовано на заседании\nСовета родителей,\nПротокол № 1\nот «30» 09.21',
    'Принято\nна заседании\nпедагогического совета\nПротокол № 1 от\n«30» 09.21',
    '# Регламент оказания технической и методической помощи',
  ];
  let size = Buffer.byteLength(out.join('\n\n'));
  const stats = { points: 0, headings: 1 };
  for (let section = 1, point = 1; size < bytes; section++) {
    const chunk = [`## Раздел ${section}. ${sentence(5).slice(0, -1)}`];
    stats.headings++;
    for (let k = 0; k < 6; k++, point++) {
      chunk.push(`${point}. ${para()}`);
      stats.points++;
      if (rnd() < 0.4) chunk.push(Array.from({ length: 3 }, () => `   - ${sentence(6)}`).join('\n'));
      for (let m = 1; m <= 2; m++, stats.points++) chunk.push(`${point}.${m}. ${para()}`);
    }
    const text = chunk.join('\n\n');
    out.push(text);
    size += Buffer.byteLength(text) + 2;
  }
  return { markdown: out.join('\n\n') + '\n', ...stats };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (v) => `${v.toFixed(1)} ms`.padStart(10);

const { markdown, points, headings } = generate();
const bytes = Buffer.byteLength(markdown);

// The parser alone, in Node (the npm build of the module the bundle uses). The element parses a
// block's inline content when it renders the block; here every block is read, to time it all.
const { parse } = await import(pathToFileURL(join(ROOT, 'lib/regulation-viewer/markdown.js')).href);
const readAll = (blocks) => blocks.forEach((b) => (b.t === 'list' ? b.items.forEach((i) => readAll(i.blocks)) : b.c));
const parseTimes = [];
for (let i = 0; i < RUNS + 2; i++) {
  const t = performance.now();
  readAll(parse(markdown).blocks);
  if (i >= 2) parseTimes.push(performance.now() - t);
}

const PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>regulation-viewer bench</title><script type="module" src="/${BUNDLE}"></script></head><body></body></html>`;
const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  if (path === '/regulation.md') return res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' }).end(markdown);
  const file = join(ROOT, path);
  if (!file.startsWith(join(ROOT, 'dist')) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8` }).end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch(chromiumLaunchOptions());

/** In the page: add the element with the document inline, time it until rendered and laid out, then until complete. */
async function firstRender(page) {
  return page.evaluate(async () => {
    const markdown = await (await fetch('/regulation.md')).text();
    await customElements.whenDefined('regulation-viewer');
    const yieldTask = () => new Promise((done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(0);
    });
    const el = document.createElement('regulation-viewer');
    const script = document.createElement('script');
    script.type = 'text/markdown';
    script.textContent = markdown;
    el.append(script);
    const t0 = performance.now();
    document.body.append(el);
    for (;;) {
      await el.updateComplete;
      if (el.shadowRoot.querySelector('[part~="document"]')) break;
      await yieldTask();
    }
    const rendered = performance.now();
    el.shadowRoot.querySelector('[part~="document"]').getBoundingClientRect();
    const laidOut = performance.now();
    // The rest renders in chunks after the first paint; the contents come with the last one.
    while (!el.shadowRoot.querySelector('[part~="toc"] a')) await new Promise((done) => setTimeout(done, 5));
    const complete = performance.now();
    return {
      complete: complete - t0,
      render: rendered - t0,
      layout: laidOut - t0,
      points: el.shadowRoot.querySelectorAll('[part~="point"]').length,
      nodes: el.shadowRoot.querySelectorAll('*').length,
    };
  });
}

const renders = [];
let page;
for (let i = 0; i < RUNS; i++) {
  await page?.close();
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(origin, { waitUntil: 'load' });
  renders.push(await firstRender(page));
}

// Search: typing into the field (Cyrillic goes in as typed characters, Backspace and Escape as
// key presses), timed in the page from the input event to the highlights and the new count.
await page.evaluate(() => {
  window.__keys = [];
  const el = document.querySelector('regulation-viewer');
  el.shadowRoot.querySelector('[part~="search-input"]').focus();
  addEventListener('input', async (event) => {
    const start = event.timeStamp;
    await el.updateComplete;
    el.shadowRoot.querySelector('.count').getBoundingClientRect();
    const highlighted = performance.now();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    window.__keys.push({ highlighted: highlighted - start, frame: performance.now() - start, count: el.shadowRoot.querySelector('.count').textContent.trim() });
  });
});
const keystrokes = ['электронный', 'Backspace', 'Backspace', 'ой', ' почты', 'Escape', 'учет', 'Backspace', 'Backspace', 'ёт успеваемости'];
let expected = 0;
for (const step of keystrokes) {
  for (const key of step === 'Backspace' || step === 'Escape' ? [step] : [...step]) {
    if (key === 'Escape') {
      // Clearing sets the field from script: no input event to time.
      await page.keyboard.press(key);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
      continue;
    }
    if (key === 'Backspace') await page.keyboard.press(key);
    else await page.keyboard.sendCharacter(key);
    await page.waitForFunction((n) => window.__keys.length >= n, {}, ++expected);
  }
}
const keys = await page.evaluate(() => window.__keys);
if (process.env.DEBUG_KEYS) console.table(keys);
await browser.close();
server.close();

const col = (label, values, target) => {
  const row = `${label.padEnd(46)}${ms(median(values))}${ms(Math.min(...values))}${ms(Math.max(...values))}`;
  return target ? `${row}   ≤ ${target} ms ${median(values) <= target ? 'ok' : 'MISSED'}` : row;
};
console.log(
  `regulation-viewer: ${(bytes / 1024 / 1024).toFixed(2)} MB of Markdown, ${points} points, ${headings} headings; ` +
    `${renders[0].points} points and ${renders[0].nodes} elements rendered`,
);
console.log(`${''.padEnd(46)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}   target`);
console.log(col('parse the whole text (Node, warm)', parseTimes));
console.log(col(`parse + first render (${RUNS} page loads)`, renders.map((r) => r.render), TARGET_RENDER));
console.log(col('  … + style and layout', renders.map((r) => r.layout)));
console.log(col('whole document rendered (in the background)', renders.map((r) => r.complete)));
console.log(col('first keystroke (builds the search index)', [keys[0].highlighted]));
const rest = keys.slice(1);
console.log(col(`search keystroke → highlight (${rest.length} more keys)`, rest.map((k) => k.highlighted), TARGET_KEY));
console.log(col('  … → next frame painted', rest.map((k) => k.frame)));
console.log(`last search: "${keystrokes.slice(-4).join('').replace(/Backspace/g, '⌫')}" → ${keys.at(-1).count}`);
console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
