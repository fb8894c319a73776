// Node.js CommonJS: require('fuquan'). The package is ES modules ("type": "module");
// Node.js 20.19+ and 22.12+ can require() an ES module without top-level await
// (node.js has none), older versions throw ERR_REQUIRE_ESM. Either is acceptable;
// anything else (a crash inside the package, a wrong answer) is not.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const request = JSON.parse(fs.readFileSync(path.join(__dirname, 'case.json'), 'utf8'));
let fuquan;
try {
  fuquan = require('fuquan');
} catch (e) {
  assert.equal(e.code, 'ERR_REQUIRE_ESM', `require('fuquan') failed unclearly: ${e.stack}`);
  console.log(`node CommonJS: require('fuquan') refused with ERR_REQUIRE_ESM on Node ${process.version}: ${e.message.split('\n')[0]}`);
  process.exit(0);
}
const { ruling } = fuquan.RuleSet.embedded().route(request);
assert.equal(ruling.disposition, 'transfer');
console.log(`node CommonJS: require('fuquan') works on Node ${process.version} (require of an ES module)`);
