// The portal's roster table reader (portal/roster-table.js) on the committed
// test roster fixtures/import/roster-broken.csv: the same rows and codes as the
// Rust reader (office/tests/fixtures.rs), worked out in fixtures/import/README.md.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { looksLikeTable, parseRosterTable, readDate, splitTable } from '../portal/roster-table.js';
import { packageDir } from './helpers.mjs';

const fixtures = join(packageDir, '..', 'fixtures', 'import');
const departments = JSON.parse(readFileSync(join(packageDir, '..', 'core', 'data', 'huancui-2024', 'departments.json'), 'utf8'));
const sample = JSON.parse(readFileSync(join(packageDir, 'portal', 'sample-roster.json'), 'utf8'));

test('roster table: the broken CSV gives 20 people and three placed errors', () => {
  const csv = readFileSync(join(fixtures, 'roster-broken.csv'), 'utf8');
  const r = parseRosterTable(csv, departments);
  assert.equal(r.rows, 22);
  assert.equal(r.people.length, 20);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.row, d.column]),
    [
      ['roster.bad_value', 22, 'C'],
      ['import.bad_date', 23, 'L'],
      ['import.bad_date', 23, 'G'],
    ],
  );
  assert.equal(r.diagnostics[0].cell, '合同工');
  assert.match(r.diagnostics[0].message_zh, /^第22行「编制类型」/);
  // The people are the portal's JSON sample (ids aside: a table without 人员编号 numbers them by row).
  for (const [i, p] of r.people.entries()) {
    const s = sample.people[i];
    for (const k of ['name', 'establishment', 'role', 'centre_staff', 'certificate', 'front_line_since', 'secondment']) {
      assert.deepEqual(p[k] ?? null, s[k] ?? null, `${k} of ${s.name}`);
    }
    assert.equal(p.id, `r${i + 2}`);
  }
});

test('roster table: tab-separated as Excel copies it, quoted cells, dates', () => {
  assert.deepEqual(splitTable('a\t"b\tc"\t"d ""e"""\n1\t2\t3', '\t'), [['a', 'b\tc', 'd "e"'], ['1', '2', '3']]);
  assert.equal(readDate('2024年5月15日'), '2024-05-15');
  assert.equal(readDate('２０２４.５.１５'), '2024-05-15');
  assert.equal(readDate('2024-02-30'), null);
  assert.ok(looksLikeTable('姓名\t编制类型\n张三\t行政编制'));
  assert.ok(!looksLikeTable('{"people": []}'));
  const r = parseRosterTable('姓名\t编制类型\t是否纳入中心\n张三\t行政编制\t是', departments);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.header]), [['import.missing_column', '岗位']]);
});
