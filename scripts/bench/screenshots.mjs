// `npm run bench:screenshots`: how long the form takes to prepare a screenshot for upload, how
// big the result is, and how long the page stays blocked meanwhile. Runs the real module
// (src/help-request-form/image.ts, bundled here with esbuild) in headless Chromium on two inputs
// made in the page: a 3840×2160 screenshot-like PNG (flat areas, lines, text) and a 12-megapixel
// photo-like JPEG (gradients and noise).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../browsers.mjs';

const RUNS = Number(process.env.RUNS ?? 7);

const { outputFiles } = await build({
  entryPoints: ['src/help-request-form/image.ts'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
});
const bundle = outputFiles[0].text;

// Runs in the page. Inputs are made before measuring; each run is timed on its own, and its
// longest main-thread block is the longest Long Task (≥ 50 ms) overlapping it. The first run is
// not discarded: it is what a visitor's first paste costs.
async function benchPage(runs) {
  const { processImage } = await import('/image.js');

  async function screenshotPng() {
    const c = new OffscreenCanvas(3840, 2160);
    const g = c.getContext('2d');
    g.fillStyle = '#f4f6f9';
    g.fillRect(0, 0, 3840, 2160);
    g.fillStyle = '#1f5fbf';
    g.fillRect(0, 0, 3840, 120);
    g.fillStyle = '#ffffff';
    g.fillRect(520, 200, 3200, 1860);
    g.fillStyle = '#e9edf3';
    g.fillRect(0, 120, 480, 2040);
    g.strokeStyle = '#c9d1db';
    g.font = '28px sans-serif';
    for (let row = 0; row < 36; row++) {
      const y = 260 + row * 50;
      g.beginPath();
      g.moveTo(540, y + 12);
      g.lineTo(3700, y + 12);
      g.stroke();
      g.fillStyle = '#1b1f24';
      g.fillText(`${row + 1}. Иванова Мария Сергеевна`, 560, y);
      for (let col = 0; col < 24; col++) g.fillText(String(2 + ((row * 7 + col * 3) % 4)), 1300 + col * 96, y);
      g.fillStyle = '#4d5661';
      if (row < 30) g.fillText(`Пункт меню ${row + 1}`, 40, y);
    }
    g.fillStyle = '#b3261e';
    g.font = 'bold 40px sans-serif';
    g.fillText('Ошибка 500: не удалось сохранить оценку', 560, 2020);
    return c.convertToBlob({ type: 'image/png' });
  }

  async function photoJpeg() {
    const w = 4000;
    const h = 3000;
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext('2d');
    const data = g.createImageData(w, h);
    const px = data.data;
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) - 128;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        const n = rnd() >> 4;
        px[i] = ((x / w) * 200 + 30 + n) | 0;
        px[i + 1] = ((y / h) * 180 + 40 + Math.sin(x / 90) * 30 + n) | 0;
        px[i + 2] = (140 + Math.cos((x + y) / 140) * 60 + n) | 0;
        px[i + 3] = 255;
      }
    }
    g.putImageData(data, 0, 0);
    return c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  }

  const inputs = [
    ['3840×2160 screenshot PNG', await screenshotPng()],
    ['4000×3000 photo JPEG (12 MP)', await photoJpeg()],
  ];

  const longTasks = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

  const results = [];
  for (const [name, input] of inputs) {
    const times = [];
    let output;
    const blocks = [];
    for (let i = 0; i < runs; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const start = performance.now();
      output = await processImage(input);
      const end = performance.now();
      times.push(end - start);
      // Long Tasks are delivered after the task ends; give the observer a turn.
      await new Promise((r) => setTimeout(r, 20));
      const overlapping = longTasks.filter((t) => t.startTime < end && t.startTime + t.duration > start);
      blocks.push(Math.max(0, ...overlapping.map((t) => t.duration)));
    }
    const bitmap = await createImageBitmap(output);
    const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
    results.push({
      name,
      inputBytes: input.size,
      median: median(times),
      outputBytes: output.size,
      outputType: output.type,
      width: bitmap.width,
      height: bitmap.height,
      longestMedian: median([...blocks]),
      longestWorst: Math.max(...blocks),
    });
    bitmap.close();
  }
  return results;
}

const page = `<!doctype html><meta charset="utf-8"><title>bench</title>`;
const server = createServer((req, res) => {
  if (req.url === '/image.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await puppeteer.launch(chromiumLaunchOptions());
try {
  const tab = await browser.newPage();
  await tab.goto(url);
  const results = await tab.evaluate(benchPage, RUNS);
  const version = await browser.version();
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const ms = (n) => `${n.toFixed(0)} ms`;
  // Long Tasks report only blocks of 50 ms or more.
  const block = (n) => (n ? ms(n) : '< 50 ms');
  const rows = [
    ['input', 'size', 'median time', 'output', 'dimensions', 'longest block (median run)', 'longest block (worst run)'],
    ...results.map((r) => [
      r.name,
      kb(r.inputBytes),
      ms(r.median),
      `${kb(r.outputBytes)} ${r.outputType}`,
      `${r.width}×${r.height}`,
      block(r.longestMedian),
      block(r.longestWorst),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`Screenshot processing in ${version}, ${RUNS} runs each (main-thread blocks from the Long Tasks API)`);
  // Times on a shared machine depend on what else runs; say so next to them.
  console.log(`${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}\n`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
} finally {
  await browser.close();
  server.close();
}
