// The browser (wasm-bindgen `web`) build, exercised from Node.js: before
// init() it refuses with a clear error; init() accepts the .wasm bytes.
// (A separate file: node --test runs each file in its own process, so the
// Node.js build is not loaded here.)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import init, { FuquanError, RuleSet } from '../index.js';
import { packageDir } from './helpers.mjs';

test('before init(): FuquanError wasm.not_initialised', () => {
  assert.throws(() => RuleSet.embedded(), (e) => e instanceof FuquanError && e.code === 'wasm.not_initialised');
});

test('after init(bytes): routes like the Node.js build', async () => {
  const bytes = readFileSync(join(packageDir, 'pkg-web', 'fuquan_wasm_bg.wasm'));
  await Promise.all([init(bytes), init(bytes)]);
  const rs = RuleSet.embedded();
  const { ruling } = rs.route({
    items: ['CJ-P001'],
    location: 'zhangcun',
    party: 'organisation',
    business_activity: true,
    dates: { filing: '2025-04-10' },
    sanctions: ['fine'],
    fine: '50000',
  });
  assert.equal(ruling.disposition, 'transfer');
  assert.throws(() => rs.route('{'), (e) => e instanceof FuquanError && e.code === 'input.syntax');
});
