// Shared by the end-to-end tests: serve the package root with python3's
// http.server on 127.0.0.1 and open the portal in headless Chromium
// (playwright-core, /usr/bin/chromium), collecting every console error,
// page error and failed request.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packageDir } from './helpers.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, server) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`http.server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`http.server did not answer ${url} within 15 s`);
}

/**
 * Serves the package and opens `portal/index.html<hash>` once the page says it
 * is ready. Everything started is stopped by `t.after`.
 * @returns {Promise<{page: import('playwright-core').Page, problems: string[], base: string}>}
 */
export async function openPortal(t, hash = '') {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium is missing at ${CHROMIUM}. Install it with 'apt-get update && apt-get install -y chromium' ` +
      '(bindings-wasm/test.sh does this), or set CHROMIUM_PATH.',
  );
  const { chromium } = await import('playwright-core');

  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', packageDir], {
    stdio: 'ignore',
  });
  const exited = new Promise((r) => server.once('exit', r));
  // One cleanup hook, in a fixed order: Chromium must be closed before its
  // profile directory is removed (it writes there until it exits), and a
  // failing step must not leave a browser or a server keeping Node alive.
  let context = null;
  let userDataDir = null;
  t.after(async () => {
    try {
      if (context) await context.close().catch(() => {});
    } finally {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await exited;
      }
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/portal/index.html`, server);

  userDataDir = mkdtempSync(join(tmpdir(), 'fuquan-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1360, height: 1000 },
  });

  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  await page.goto(`${base}/portal/index.html${hash}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
  return { page, problems, base };
}
