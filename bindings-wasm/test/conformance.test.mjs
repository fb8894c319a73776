// Every conformance case in fixtures/cases/ through the npm package, matched
// exactly as core/tests/conformance.rs matches them: JS must give the Rust answers.
//
// Requests and rule sets are handed to the engine as their raw JSON text from
// the case file, as Rust reads them (a parsed JS object has already turned
// 50000.0 into 50000, and the validate-money-float case depends on the difference).

import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { describe, test } from 'node:test';

import { RuleSet, operations, validate } from '../node.js';
// The full module (with intake and supervision, `fuquan/full`): operations the main module leaves out.
import * as full from '../node-full.js';
import { caseFiles, fractionalNumbers, readCase, subset } from './helpers.mjs';

const files = caseFiles();
const engine = RuleSet.embedded();
const fullEngine = full.RuleSet.embedded();
const inMain = new Set(operations());

describe('conformance', () => {
  test('the main module has every operation but intake, supervision and draft; the full module has them all', () => {
    assert.ok(!inMain.has('intake') && !inMain.has('supervision') && !inMain.has('draft'));
    assert.ok(inMain.has('route') && inMain.has('labels'));
    const onlyFull = ['supervision', 'intake', 'draft'];
    assert.deepEqual(full.operations().filter((o) => !onlyFull.includes(o)), operations());
    for (const o of onlyFull) assert.ok(full.operations().includes(o), o);
  });

  test('there are at least 110 cases, with unique ids matching their file names', () => {
    assert.ok(files.length >= 110, `expected at least 110 cases, found ${files.length}`);
    const ids = new Set();
    for (const f of files) {
      const { parsed } = readCase(f);
      assert.ok(!ids.has(parsed.id), `duplicate case id ${parsed.id}`);
      ids.add(parsed.id);
      assert.equal(basename(f, '.json'), parsed.id, `${f}: the file name must be the case id`);
    }
  });

  for (const file of files) {
    const { parsed, raw } = readCase(file);
    test(parsed.id ?? basename(file), () => {
      // JS numbers cannot tell 1.0 from 1, which serde_json's Value equality does.
      const floats = fractionalNumbers(raw.get('expect') ?? '');
      assert.deepEqual(floats, [], 'expect holds fractional numbers; the JS matcher cannot compare them as Rust does');
      // As run_case in conformance.rs: a validate case carries the rule set under
      // test, every other operation a request.
      // Any other case may carry its own rule set inline.
      const api = inMain.has(parsed.operation) ? { RuleSet } : full;
      const own = parsed.operation !== 'validate' && parsed.ruleset !== null && typeof parsed.ruleset === 'object'
        ? api.RuleSet.fromJson(raw.get('ruleset'))
        : null;
      const rs = own ?? (api === full ? fullEngine : engine);
      let actual;
      try {
        if (parsed.operation === 'route') actual = rs.route(raw.get('request'), { raiseErrors: false });
        else if (parsed.operation === 'validate') actual = validate(raw.get('ruleset'));
        else actual = rs.call(parsed.operation, raw.get('request'), { raiseErrors: false });
      } finally {
        own?.free();
      }
      const diffs = subset(parsed.expect, actual);
      assert.ok(diffs.length === 0, `${parsed.id}:\n    ${diffs.join('\n    ')}`);
    });
  }
});

describe('subset matching is strict where it must be', () => {
  test('array length must match', () => assert.equal(subset({ a: [1, 2] }, { a: [1, 2, 3] }).length, 1));
  test('null matches only null', () => assert.equal(subset({ a: null }, { a: 0 }).length, 1));
  test('extra keys are ignored', () => assert.equal(subset({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }).length, 0));
  test('an object never equals a scalar or an array', () => {
    assert.equal(subset({ a: {} }, { a: [] }).length, 1);
    assert.equal(subset({ a: [] }, { a: {} }).length, 1);
    assert.equal(subset({ a: 'x' }, { a: ['x'] }).length, 1);
  });
});
