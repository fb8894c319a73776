// The bad-input corpus (fixtures/bad-input/, format in its README): every raw
// request text goes to the engine unchanged (RuleSet#call passes a string on as
// JSON text) and is refused with exactly the expected codes and paths, as in
// the Rust and Python runners — never a thrown trap or a hang.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RuleSet, operations } from '../node.js';
// Operations the main module leaves out (intake, supervision) run on the full module.
import * as full from '../node-full.js';
import { packageDir } from './helpers.mjs';

const dir = join(packageDir, '..', 'fixtures', 'bad-input');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** `input`, or `input_generator` expanded (kind `repeat`: each part's text `times` times). */
function requestText(c) {
  if ('input' in c) return c.input;
  assert.equal(c.input_generator.kind, 'repeat');
  return c.input_generator.parts.map((p) => p.text.repeat(p.times)).join('');
}

const found = (answer) => (answer.errors ?? answer.diagnostics ?? []).map((d) => [d.code, d.path]);

test('the corpus is there', () => {
  assert.ok(files.length >= 50, `${files.length} cases`);
});

const main = RuleSet.embedded();
const fullRs = full.RuleSet.embedded();
const inMain = new Set(operations());
for (const file of files) {
  const c = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  test(`bad input: ${c.id}`, () => {
    const rs = inMain.has(c.operation) ? main : fullRs;
    const answer = rs.call(c.operation, requestText(c), { raiseErrors: false });
    const want = c.expect.errors.map((e) => [e.code, e.path]);
    assert.deepEqual([answer.status, found(answer)], [c.expect.status, want]);
  });
}
