// The JavaScript API of the Node.js build: loading, lists, routing, errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import init, { FuquanError, RuleSet, coreVersion, embeddedFiles, operations, validate } from '../node.js';
import { casesDir, rawMembers } from './helpers.mjs';

const rs = RuleSet.embedded();

// CJ-P001 is delegated to developed towns (zhangcun) by G-2024-DEV-ZJ, effective
// 2024-05-15; its transition ended 2024-08-15, so on 2025-04-10 the town is competent.
const base = {
  items: ['CJ-P001'],
  location: 'zhangcun',
  party: 'organisation',
  business_activity: true,
  dates: { violation: '2025-04-01', discovery: '2025-04-03', filing: '2025-04-10' },
  sanctions: ['fine'],
};
const withFine = (fine, extra = {}) => ({ ...base, fine, ...extra });

function caseText(name) {
  return rawMembers(readFileSync(join(casesDir, 'validate', `${name}.json`), 'utf8'));
}

describe('loading and lists', () => {
  test('init() resolves in Node.js (already loaded)', async () => {
    await init();
    assert.match(coreVersion(), /^\d+\.\d+\.\d+/);
  });

  test('the embedded rule set is the Huancui sample', () => {
    assert.equal(rs.id, 'huancui-2024');
    assert.equal(typeof rs.version, 'string');
    assert.equal(rs.sample, true);
    assert.equal(rs.meta.plan.number, '威环政发〔2024〕2号');
    assert.equal(rs.district.government.id, 'district-government');
  });

  test('towns() lists towns, subdistricts and the management centre', () => {
    const towns = rs.towns();
    const zhangcun = towns.find((t) => t.id === 'zhangcun');
    assert.deepEqual(zhangcun, {
      id: 'zhangcun',
      name_zh: '张村镇',
      name_en: 'Zhangcun Town',
      kind: 'town',
      class: 'developed_town',
      hands_over_to: null,
    });
    const centre = towns.find((t) => t.kind === 'management_centre');
    assert.equal(centre.hands_over_to, 'zhangcun');
    assert.equal(centre.class, null);
    assert.ok(towns.some((t) => t.kind === 'subdistrict'));
  });

  test('items() carry kind, domain and department, all resolvable', () => {
    const items = rs.items();
    const domains = new Set(rs.domains().map((d) => d.id));
    const departments = new Set(rs.departments().map((d) => d.id));
    assert.ok(items.length > 10);
    for (const i of items) {
      assert.ok(['penalty', 'inspection', 'compulsory_measure'].includes(i.kind), i.code);
      assert.ok(domains.has(i.domain), `${i.code}: domain ${i.domain}`);
      assert.ok(departments.has(i.department), `${i.code}: department ${i.department}`);
      assert.ok(i.name_zh && i.name_en, i.code);
    }
    const p = items.find((i) => i.code === 'CJ-P001');
    assert.equal(p.department, 'housing_construction');
    assert.equal(p.domain, 'urban_rural_construction');
  });

  test('lists are copies: changing one does not change the rule set', () => {
    rs.towns()[0].id = 'changed';
    assert.notEqual(rs.towns()[0].id, 'changed');
    assert.ok(Array.isArray(rs.warnings()));
  });

  test('RuleSet cannot be constructed directly', () => {
    assert.throws(() => new RuleSet(), TypeError);
  });

  test('embeddedFiles() gives the rule set files as text', () => {
    const files = embeddedFiles();
    assert.deepEqual(Object.keys(files).sort(), ['departments.json', 'grants.json', 'intake_examples.json', 'items.json', 'ruleset.json', 'towns.json']);
    assert.equal(JSON.parse(files['ruleset.json']).meta.id, 'huancui-2024');
  });
});

describe('route', () => {
  test('a fine of exactly 50000 (string) is major: transfer to the department', () => {
    const { status, ruling, warnings } = rs.route(withFine('50000'));
    assert.equal(status, 'ok');
    assert.equal(ruling.disposition, 'transfer');
    assert.equal(ruling.transfer.from.id, 'zhangcun');
    assert.equal(ruling.transfer.to.id, 'housing_construction');
    assert.equal(ruling.handler.id, 'housing_construction');
    assert.ok(ruling.rule_ids.includes('route.major_fine'));
    assert.ok(ruling.rules.every((r) => r.title_zh && r.title_en && Array.isArray(r.citations)));
    assert.match(ruling.summary.zh, /移送/);
    assert.equal(ruling.trace, null);
    assert.deepEqual(warnings, []);
  });

  test('an integer 50000 and a BigInt 50000n are the same exact amount', () => {
    assert.equal(rs.route(withFine(50000)).ruling.disposition, 'transfer');
    assert.equal(rs.route(withFine(50000n)).ruling.disposition, 'transfer');
  });

  test('49999.99 as a string stays with the town, in its own name', () => {
    const { ruling } = rs.route(withFine('49999.99'));
    assert.equal(ruling.disposition, 'keep');
    assert.equal(ruling.handler.id, 'zhangcun');
    assert.equal(ruling.acts_in_name_of.id, 'zhangcun');
    assert.equal(ruling.transfer, null);
  });

  test('a JSON text request is routed as written', () => {
    const { ruling } = rs.route(JSON.stringify(withFine('50000')));
    assert.equal(ruling.disposition, 'transfer');
  });

  test('trace: true adds the step-by-step trace', () => {
    const { ruling } = rs.route(withFine('500', { trace: true }));
    assert.ok(Array.isArray(ruling.trace) && ruling.trace.length > 0);
    assert.ok(ruling.trace.every((s) => typeof s.zh === 'string' && typeof s.en === 'string'));
  });

  test('case_id is echoed back', () => {
    assert.equal(rs.route(withFine('500', { case_id: 'A-1' })).ruling.case_id, 'A-1');
  });
});

describe('errors', () => {
  const refuses = (request, code, path) => {
    let caught = null;
    try {
      rs.route(request);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof FuquanError, `expected a FuquanError, got ${caught}`);
    assert.ok(caught instanceof Error);
    assert.equal(caught.name, 'FuquanError');
    assert.equal(caught.code, code);
    assert.equal(caught.path, path);
    assert.ok(caught.messageZh.length > 0 && caught.messageEn.length > 0);
    assert.ok(caught.message.startsWith(code));
    assert.ok(Array.isArray(caught.diagnostics) && caught.diagnostics[0].code === code);
    // The same request without raising: the error answer.
    const answer = rs.route(request, { raiseErrors: false });
    assert.equal(answer.status, 'error');
    assert.equal(answer.errors[0].code, code);
    assert.equal(answer.errors[0].path, path);
    assert.deepEqual(answer.warnings, []);
    return caught;
  };

  test('money as a float is refused: money.float at fine', () => {
    const e = refuses(withFine(49999.5), 'money.float', 'fine');
    assert.ok(e.expected === null || typeof e.expected === 'string');
  });

  test('a float in a JSON text is refused even when it is whole (50000.0)', () => {
    refuses(JSON.stringify(withFine('X')).replace('"X"', '50000.0'), 'money.float', 'fine');
  });

  test('NaN and Infinity are refused as invalid money, not read as missing', () => {
    refuses(withFine(Number.NaN), 'money.invalid', 'fine');
    refuses(withFine(Number.POSITIVE_INFINITY), 'money.invalid', 'fine');
  });

  test('an unknown item: case.unknown_item at items[i]', () => {
    refuses({ ...withFine('500'), items: ['CJ-P001', 'NO-SUCH'] }, 'case.unknown_item', 'items[1]');
  });

  test('malformed JSON text: input.syntax', () => {
    refuses('{"items": ["CJ-P001"', 'input.syntax', '');
  });

  test('an unknown field: input.unknown_field', () => {
    const e = refuses(withFine('500', { fines: '1' }), 'input.unknown_field', 'fines');
    assert.match(e.messageEn, /fines/);
  });

  test('a missing field: input.missing_field', () => {
    const { location, ...rest } = withFine('500');
    assert.equal(location, 'zhangcun');
    refuses(rest, 'input.missing_field', 'location');
  });
});

describe('routeMany', () => {
  const batch = [withFine('50000', { case_id: 'a' }), '{not json', withFine('100', { case_id: 'c', items: [] })];

  test('compact rows by default; a refused case does not stop the rest', () => {
    const rows = rs.routeMany(batch);
    assert.equal(rows.length, 3);
    assert.equal(rows[0].status, 'ok');
    assert.equal(rows[0].case_id, 'a');
    assert.equal(rows[0].disposition, 'transfer');
    assert.equal(rows[0].transfer_to, 'housing_construction');
    assert.equal(rows[0].summary_zh, null);
    assert.match(rows[0].rule_ids, /route\.major_fine/);
    assert.equal(rows[1].status, 'error');
    assert.equal(rows[1].error_code, 'input.syntax');
    assert.equal(rows[2].error_code, 'case.no_items');
    assert.equal(rows[2].case_id, 'c');
  });

  test('summary: true adds the summaries to compact rows', () => {
    const [row] = rs.routeMany([withFine('500')], { summary: true });
    assert.ok(row.summary_zh.length > 0 && row.summary_en.length > 0);
  });

  test('compact: false gives full answers, the same as route()', () => {
    const answers = rs.routeMany(batch, { compact: false });
    assert.deepEqual(answers[0], rs.route(batch[0]));
    assert.equal(answers[1].errors[0].code, 'input.syntax');
    assert.equal(answers[2].errors[0].code, 'case.no_items');
  });

  test('a key repeated in one case is refused in compact rows as route() refuses it', () => {
    const text = JSON.stringify(withFine('500')).replace('{', '{"fine": "60000", ');
    assert.throws(() => rs.route(text), (e) => e.code === 'input.duplicate_key' && e.path === 'fine');
    const [row] = rs.routeMany([text]);
    assert.equal(row.status, 'error');
    assert.equal(row.error_code, 'input.duplicate_key');
    assert.equal(row.error_path, 'fine');
  });

  test('not an array: TypeError', () => {
    assert.throws(() => rs.routeMany(batch[0]), TypeError);
  });
});

describe('call: any decision by name', () => {
  test('operations() lists the decisions, route and validate among them', () => {
    const ops = operations();
    assert.ok(ops.includes('route') && ops.includes('validate') && ops.length > 2, ops.join(','));
  });

  test("call('route', ...) is route()", () => {
    assert.deepEqual(rs.call('route', withFine('50000')), rs.route(withFine('50000')));
  });

  test("call('validate', doc) is validate(doc)", () => {
    const text = caseText('validate-base-valid').get('ruleset');
    assert.deepEqual(rs.call('validate', text), validate(text));
  });

  test('an unknown operation: input.unknown_operation', () => {
    assert.throws(() => rs.call('no_such_decision', {}), (e) => e instanceof FuquanError && e.code === 'input.unknown_operation');
    const answer = rs.call('no_such_decision', {}, { raiseErrors: false });
    assert.equal(answer.status, 'error');
    assert.equal(answer.errors[0].code, 'input.unknown_operation');
  });

  test('a refused request to another decision throws with its code and path', () => {
    assert.throws(() => rs.call(operations().find((o) => !['route', 'validate'].includes(o)), '{'), (e) => e instanceof FuquanError && e.code === 'input.syntax');
  });
});

describe('custom rule sets and validation', () => {
  test('fromJson loads a valid document (JSON text or object) and routes with it', () => {
    const text = caseText('validate-base-valid').get('ruleset');
    for (const doc of [text, JSON.parse(text)]) {
      const custom = RuleSet.fromJson(doc);
      assert.equal(typeof custom.id, 'string');
      const { ruling } = custom.route({ ...withFine('500'), dates: { filing: '2025-04-10' } });
      assert.equal(ruling.ruleset.id, custom.id);
      custom.free();
    }
  });

  test('fromJson of an invalid rule set throws FuquanError with every diagnostic', () => {
    const raw = caseText('validate-grant-empty-items');
    const expect = JSON.parse(raw.get('expect'));
    assert.throws(
      () => RuleSet.fromJson(raw.get('ruleset')),
      (e) =>
        e instanceof FuquanError &&
        e.code === expect.diagnostics[0].code &&
        e.path === expect.diagnostics[0].path &&
        e.diagnostics.length >= 1,
    );
  });

  test('fromJson of malformed text: input.syntax', () => {
    assert.throws(() => RuleSet.fromJson('{'), (e) => e instanceof FuquanError && e.code === 'input.syntax');
  });

  test('validate returns {status, diagnostics} and never throws for a bad document', () => {
    assert.deepEqual(validate(caseText('validate-base-valid').get('ruleset')), { status: 'ok', diagnostics: [] });
    const bad = validate(caseText('validate-money-float').get('ruleset'));
    assert.equal(bad.status, 'error');
    assert.equal(bad.diagnostics[0].code, 'money.float');
    assert.equal(validate('not json').diagnostics[0].code, 'input.syntax');
    assert.equal(validate({}).status, 'error');
  });

  test('a freed rule set refuses to work', () => {
    const r = RuleSet.embedded();
    r.free();
    r.free();
    assert.throws(() => r.route(withFine('500')), /free\(\)/);
  });
});

describe('package', () => {
  test('the package resolves to the Node.js build under Node', () => {
    assert.ok(import.meta.resolve('fuquan').endsWith('/node.js'));
  });

  test('the browser and Node.js entries export the same names', async () => {
    const node = await import('../node.js');
    const web = await import('../index.js');
    assert.deepEqual(Object.keys(node).sort(), Object.keys(web).sort());
  });
});
