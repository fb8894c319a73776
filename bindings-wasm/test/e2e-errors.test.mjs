// End to end in headless Chromium: a refusal the clerk can fix from the page
// alone — the message in the page's language, what was expected, and the
// engine's suggestions as buttons that put the suggested value in the field.
//
// Worked by hand from docs/names.md: "zhangcum" is one edit away from the id
// zhangcun (张村镇), within a third of its length, so the refusal
// (staffing.unknown_town at `town`) suggests zhangcun. With it chosen, the
// sample roster (portal/sample-roster.json, 张村镇 on 2025-03-01) is checked as
// in e2e-staffing.test.mjs: the certificates check fails (陈静's expired).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

const sample = JSON.parse(readFileSync(join(packageDir, 'portal', 'sample-roster.json'), 'utf8'));

test('a refusal with a suggestion: one click puts it in the field', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#staffing');
  await page.waitForSelector('#panel-staffing:not([hidden])');
  await page.fill('#st-roster', JSON.stringify({ ...sample, town: 'zhangcum' }));
  assert.equal(await page.inputValue('#st-town'), 'zhangcum');
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-errors li[data-code="staffing.unknown_town"]');
  const li = '#st-errors li[data-code="staffing.unknown_town"]';
  assert.match(await page.textContent(li), /zhangcum 不是规则集中的镇或街道/);
  assert.match(await page.textContent(`${li} .small`), /^应为: 规则集中的镇或街道/);
  assert.equal(await page.textContent(`${li} .suggestions`), '是否指: 张村镇(zhangcun)');

  await page.click('#lang-toggle');
  assert.equal(await page.textContent(`${li} .suggestions`), 'Did you mean: Zhangcun Town (zhangcun)');
  assert.match(await page.textContent(`${li} .small`), /^expected: a town or subdistrict id/);
  await page.click('#lang-toggle');

  assert.equal(await page.getAttribute('#st-town', 'aria-invalid'), 'true');
  await page.click(`${li} button.suggestion[data-suggestion="zhangcun"]`);
  assert.equal(await page.inputValue('#st-town'), 'zhangcun');
  assert.equal(await page.getAttribute('#st-town', 'aria-invalid'), null);
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-verdict');
  assert.equal(await page.getAttribute('#st-checks tr[data-check="staffing.certificates"]', 'data-passed'), 'false');
  assert.match(await page.textContent('#st-verdict ~ span'), /^张村镇 · 2025年3月1日$/);

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
