// End to end in headless Chromium: the catalogue explorer (事项清单浏览).
//
// Worked by hand from core/data/huancui-2024 for 2024-08-01:
// * Zhangcun, entrustment: E-1 entrusts WL-P001 to Zhangcun from 2024-07-01
//   (term to 2025-06-30) → "entrusted"; its related inspection WL-I001 is
//   carried (entrustment_carries_inspections is true from 2024-05-05); its
//   compulsory measure WL-C001 is not (行政强制法 Art. 17) → 2 rows.
// * Zhangcun, keyword 施工许可: CJ-P001 (G-2024-DEV-ZJ, effective 2024-05-15, in
//   its transition to 2024-08-15) and CJ-I001 (its related inspection, carried)
//   → 2 rows, both delegation.
// * On 2024-05-01 no grant is in force yet (the earliest takes effect 2024-05-15) → none.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

const grants = JSON.parse(readFileSync(join(packageDir, '..', 'core', 'data', 'huancui-2024', 'grants.json'), 'utf8'));
const e1 = grants.find((g) => g.id === 'E-1');

test('portal: the catalogue explorer filters by town, mode, keyword and date', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#catalogue');
  await page.waitForSelector('#panel-catalogue:not([hidden])');
  assert.equal(await page.textContent('#tab-catalogue'), '事项清单浏览');
  await page.fill('#cat-date', '2024-08-01');
  await page.dispatchEvent('#cat-date', 'change');
  await page.selectOption('#cat-town', 'zhangcun');
  await page.selectOption('#cat-mode', 'entrustment');
  const rows = () => page.$$eval('#cat-table tbody tr', (trs) => trs.map((tr) => [tr.dataset.town, tr.dataset.item, tr.dataset.mode]));
  assert.deepEqual(await rows(), [
    ['zhangcun', 'WL-P001', 'entrustment'],
    ['zhangcun', 'WL-I001', 'entrustment'],
  ]);
  assert.match(await page.textContent('#cat-table tr[data-item="WL-P001"] td:nth-child(8)'), /已委托/);
  await page.click('#cat-table tr[data-item="WL-P001"] summary');
  assert.match(await page.textContent('#cat-table tr[data-item="WL-P001"] .cat-document'), new RegExp(e1.document.number.replace(/[〔〕]/g, '.')));

  await page.selectOption('#cat-mode', '');
  await page.fill('#cat-keyword', '施工许可');
  assert.deepEqual(await rows(), [
    ['zhangcun', 'CJ-P001', 'delegation'],
    ['zhangcun', 'CJ-I001', 'delegation'],
  ]);
  assert.match(await page.textContent('#cat-table tr[data-item="CJ-P001"] td:nth-child(8)'), /过渡期内/);

  await page.fill('#cat-date', '2024-05-01');
  await page.dispatchEvent('#cat-date', 'change');
  assert.equal(await page.getAttribute('#cat-count', 'data-rows'), '0');

  // English.
  await page.click('#lang-toggle');
  await page.fill('#cat-date', '2024-08-01');
  await page.dispatchEvent('#cat-date', 'change');
  assert.equal(await page.textContent('#tab-catalogue'), 'Catalogue explorer');
  assert.match(await page.textContent('#cat-count'), /^2 entries/);
  assert.deepEqual(problems, []);
});
