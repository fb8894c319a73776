// Node.js ESM, from the installed tarball: the "node" export loads the module on import.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import init, { RuleSet, FuquanError, coreVersion } from 'fuquan';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(require.resolve('fuquan/package.json'), 'utf8'));
const where = require.resolve('fuquan');
assert.match(where, /node_modules\/fuquan\/node\.js$/, `'fuquan' resolved to ${where}, not the installed package`);

await init(); // resolves at once in Node.js
const rs = RuleSet.embedded();
const { ruling } = rs.route(JSON.parse(readFileSync(new URL('./case.json', import.meta.url), 'utf8')));
assert.equal(ruling.disposition, 'transfer');
assert.equal(ruling.ruleset.engine_version, pkg.version);
assert.equal(coreVersion(), pkg.version);
assert.throws(() => rs.route('{'), (e) => e instanceof FuquanError && e.code === 'input.syntax');
console.log(`node ESM: ok (fuquan ${pkg.version}, ${ruling.disposition}, engine ${ruling.ruleset.engine_version})`);
