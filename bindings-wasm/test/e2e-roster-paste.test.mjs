// End to end in headless Chromium: a roster pasted from a spreadsheet
// (tab-separated, as Excel puts cells on the clipboard) into the staffing box.
// The table is fixtures/import/roster-broken.csv without its two broken rows,
// i.e. the portal's sample roster: the check must come out as for the JSON
// sample (e2e-staffing.test.mjs works it out: 18 formal staff ≥ 15, certificates
// fail on 2025-03-01); with the broken rows, nothing is checked and the rows are named.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { splitTable } from '../portal/roster-table.js';
import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

const csv = readFileSync(join(packageDir, '..', 'fixtures', 'import', 'roster-broken.csv'), 'utf8');
const rows = splitTable(csv, ',');
const tsv = (rs) => rs.map((r) => r.join('\t')).join('\n');

test('portal: a roster pasted from Excel is checked; broken rows are placed', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#staffing');
  await page.waitForSelector('#panel-staffing:not([hidden])');
  await page.selectOption('#st-town', 'zhangcun');
  await page.fill('#st-as-of', '2025-03-01');

  await page.fill('#st-roster', tsv(rows.slice(0, 21)));
  assert.match(await page.textContent('#st-roster-info'), /表格: 20 人\(共 20 行\)/);
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-verdict');
  assert.equal(await page.textContent('#st-verdict'), '不符合要求');
  const row = (id) => `#st-checks tr[data-check="${id}"]`;
  assert.equal(await page.getAttribute(row('staffing.centre_min_staff'), 'data-passed'), 'true');
  assert.equal((await page.textContent(`${row('staffing.centre_min_staff')} td:nth-child(3)`)).trim(), '正式工作人员 18 名 ≥ 15 名');
  assert.equal(await page.getAttribute(row('staffing.certificates'), 'data-passed'), 'false');

  await page.fill('#st-roster', tsv(rows));
  assert.match(await page.textContent('#st-roster-info'), /20 人\(共 22 行\),3 处问题/);
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-errors');
  assert.equal(await page.isVisible('#st-verdict'), false);
  const items = await page.$$eval('#st-errors li', (lis) => lis.map((li) => [li.dataset.code, li.dataset.row, li.dataset.column]));
  assert.deepEqual(items, [
    ['roster.bad_value', '22', 'C'],
    ['import.bad_date', '23', 'L'],
    ['import.bad_date', '23', 'G'],
  ]);
  assert.match(await page.textContent('#st-errors'), /第22行「编制类型」应为行政编制、事业编制或执法辅助人员,而不是「合同工」/);
  assert.equal(await page.getAttribute('#st-roster', 'aria-invalid'), 'true');
  assert.deepEqual(problems, []);
});
