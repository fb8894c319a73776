// Opens the scratch project's pages (bundle.html, plain.html) in headless
// Chromium and checks that each routed the sample case with the packed module.
//
//   node bindings-wasm/release/browser.mjs SCRATCH_DIR EXPECTED_VERSION
//
// Serves SCRATCH_DIR with python3's http.server on 127.0.0.1 (stopped by PID
// at the end); Chromium is /usr/bin/chromium or CHROMIUM_PATH, driven by
// playwright-core from bindings-wasm's devDependencies. Exits non-zero on a
// wrong answer, a page error, a console error or warning, or a failed request.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const [dir, version] = process.argv.slice(2);
if (!dir || !version) {
  console.error('usage: browser.mjs SCRATCH_DIR EXPECTED_VERSION');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium is missing at ${CHROMIUM} (bindings-wasm/test.sh installs it), or set CHROMIUM_PATH`);
  process.exit(2);
}

const port = await new Promise((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
const userDataDir = mkdtempSync(join(tmpdir(), 'fuquan-release-chromium-'));
let context = null;
let failed = false;

try {
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      if ((await fetch(`${base}/case.json`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('http.server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  for (const name of ['bundle.html', 'plain.html']) {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${base}/${name}`);
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 20000 });
    const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
    const wasm = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.wasm')),
    );
    const ok =
      problems.length === 0 &&
      result.disposition === 'transfer' &&
      result.engine === version &&
      result.core === version &&
      wasm.length === 1;
    console.log(`${name}: ${ok ? 'ok' : 'FAILED'} ${JSON.stringify(result)} wasm=${wasm.map((u) => u.slice(base.length)).join(',')}`);
    for (const p of problems) console.log(`  ${p}`);
    if (!ok) failed = true;
    await page.close();
  }
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  if (context) await context.close().catch(() => {});
  try {
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (e) {
    console.error(`could not remove ${userDataDir}: ${e.message}`);
  }
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(server.pid, 'SIGTERM');
    await exited;
  }
}
process.exit(failed ? 1 : 0);
