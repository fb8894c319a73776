// The manifest workload through the WASM package in Node.js:
//   node bench/node/bench.mjs            (after bindings-wasm/build.sh; ./bench/run.sh does both)
// Prints JSON lines: the raw binding (JSON texts in, compact rows out: the same
// Rust code the native `route_many_json_texts` figure runs) and the package's
// public rs.routeMany(cases) from JS objects, end to end.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { RuleSet } from '../../bindings-wasm/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const m = JSON.parse(readFileSync(join(here, '..', 'manifest.json'), 'utf8'));
const glue = createRequire(import.meta.url)('../../bindings-wasm/pkg-node/fuquan_wasm.js');

// The manifest's LCG and field order (same as common/mod.rs and bench.py).
function makeCases(n) {
  let state = m.seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  const cases = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = {};
    for (const f of m.fields) {
      const opts = m.choices[f];
      p[f] = opts[(next() >>> 8) % opts.length];
    }
    cases[i] = {
      items: [p.item], location: p.location, party: p.party,
      business_activity: p.business_activity, dates: { filing: p.filing }, fine: p.fine,
      ...m.case_template,
    };
  }
  return cases;
}

const n = Number(process.argv[2] ?? m.cases);
const per = m.js_batch;
const cases = makeCases(n);

// 1. Raw binding: batches of JSON texts (prepared outside the timing), compact rows as one JSON text.
const raw = glue.RuleSetHandle.embedded();
const batches = [];
for (let i = 0; i < n; i += per) batches.push(JSON.stringify(cases.slice(i, i + per).map((c) => JSON.stringify(c))));
raw.routeMany(batches[0], true, false); // warm up
let t = process.hrtime.bigint();
let out = 0;
for (const b of batches) out += raw.routeMany(b, true, false).length;
let s = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ bench: 'wasm', path: 'route_many_json_texts', cases: n, seconds: s, cases_per_s: n / s, ns_per_case: (s * 1e9) / n, bytes_out: out }));

// 2. Public API: JS objects in, row objects out (stringify/parse included); check the dispositions.
const rs = RuleSet.embedded();
const ref = (c) => {
  const r = m.reference_rule;
  const f = c.dates.filing;
  const listed = Object.values(r.classes).some((k) => k.towns.includes(c.location) && k.items.includes(c.items[0]));
  if (!listed || f < r.effective || f <= r.transition_last_day) return 'department';
  const [y, d = ''] = c.fine.split('.');
  return Number(y) * 100 + Number((d + '00').slice(0, 2)) >= r.major_fine_fen ? 'transfer' : 'keep';
};
let agree = 0;
t = process.hrtime.bigint();
const rows = [];
for (let i = 0; i < n; i += per) for (const row of rs.routeMany(cases.slice(i, i + per))) rows.push(row);
s = Number(process.hrtime.bigint() - t) / 1e9;
for (let i = 0; i < n; i++) if (rows[i].disposition === ref(cases[i])) agree++;
console.log(JSON.stringify({ bench: 'wasm', path: 'routeMany_objects', cases: n, seconds: s, cases_per_s: n / s, ns_per_case: (s * 1e9) / n, agree_with_reference: agree }));
