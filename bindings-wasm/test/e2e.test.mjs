// End to end: the portal page in headless Chromium, served by python3's
// http.server from the package root, driven with playwright-core.
//
// The case, worked by hand from docs/routing.md: item CJ-P001 (施工许可,
// housing_construction) is delegated to developed towns, zhangcun among them, by
// G-2024-DEV-ZJ, effective 2024-05-15; its 3-month transition ended 2024-08-15.
// Filing 2025-04-10 is the relevant date (step 1), so the item is delegated and
// the town is competent (step 4). The proposed fine is exactly 50000 yuan:
// 5万元以上 includes 50,000 (step 6.3), a major decision, so zhangcun must
// transfer the case to the department (route.major_fine), which handles it,
// decides in its own name and answers for it (step 7); the review body is the
// district government. The party is an organisation in business: the hearing
// threshold is 10000, so the party has a hearing right on a large fine (step 8).
// No flags: no legal review (step 9).

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

test('portal: a fine of exactly 50000 on a delegated item is transferred, in Chinese and in English', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t);
  assert.match(await page.textContent('#sample-banner'), /示例数据/);
  assert.match(await page.textContent('#ruleset-label'), /示例数据/);

  // Dropdowns are filled from rs.towns() / rs.items(), items grouped by domain.
  assert.ok((await page.locator('#town option').count()) >= 5);
  const groups = await page.locator('#item-0 optgroup').evaluateAll((gs) => gs.map((g) => g.label));
  assert.ok(groups.includes('城乡建设'), `item groups: ${groups}`);

  await page.selectOption('#town', 'zhangcun');
  await page.selectOption('#item-0', 'CJ-P001');
  await page.fill('#date-violation', '2025-04-01');
  await page.fill('#date-discovery', '2025-04-03');
  await page.fill('#date-filing', '2025-04-10');
  await page.check('#party-organisation');
  await page.check('#business');
  await page.check('#sanction-fine');
  await page.fill('#fine', '50000');
  await page.click('#route-btn');
  await page.waitForSelector('#disposition');

  const cell = (field) => page.textContent(`#roles tr[data-field="${field}"] td`);
  assert.equal(await page.getAttribute('#disposition', 'data-disposition'), 'transfer');
  assert.equal((await page.textContent('#disposition')).trim(), '移送原行使部门');
  assert.equal(await cell('handler'), '威海市环翠区住房和城乡建设局');
  assert.equal(await cell('acts_in_name_of'), '威海市环翠区住房和城乡建设局');
  assert.equal(await cell('legally_responsible'), '威海市环翠区住房和城乡建设局');
  assert.equal(await cell('review_respondent'), '威海市环翠区住房和城乡建设局');
  assert.equal(await cell('litigation_defendant'), '威海市环翠区住房和城乡建设局');
  assert.equal(await cell('review_body'), '威海市环翠区人民政府');
  assert.equal(await cell('transfer'), '张村镇 → 威海市环翠区住房和城乡建设局');
  assert.match(await cell('relevant_date'), /^2025年4月10日.*立案日/, 'dates in the page\'s language');
  assert.match(await cell('legal_review'), /^不需要/);
  assert.match(await cell('hearing'), /当事人有权要求听证.*较大数额罚款/);
  assert.match(await page.textContent('#summary'), /张村镇应当及时将案件移送/);
  assert.equal(await page.locator('#rules li[data-rule="route.major_fine"]').count(), 1);
  assert.match(await page.textContent('#rules li[data-rule="route.major_fine"]'), /《实施方案》/);
  assert.match(await page.textContent('#ruling-items'), /CJ-P001.*已赋权.*G-2024-DEV-ZJ/s);

  // The trace, on request.
  assert.equal(await page.locator('#trace ol.trace li').first().isVisible(), false);
  await page.click('#trace summary');
  assert.ok(await page.locator('#trace ol.trace li').first().isVisible());
  assert.ok((await page.locator('#trace ol.trace li').count()) >= 3);

  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-zh.png'), fullPage: true });

  // English.
  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('#disposition')).trim(), 'Transfer to the department');
  assert.equal(await cell('handler'), 'Housing and Urban-Rural Development Bureau of Huancui District');
  assert.equal(await cell('transfer'), 'Zhangcun Town → Housing and Urban-Rural Development Bureau of Huancui District');
  assert.equal(await cell('review_body'), "People's Government of Huancui District, Weihai");
  assert.match(await cell('hearing'), /right to a hearing.*large fine/);
  assert.match(await page.textContent('#summary'), /Zhangcun Town must transfer the case/);
  assert.match(await page.textContent('#sample-banner'), /Sample data/);
  assert.match(await page.textContent('#rules'), /Huancui Plan/);
  assert.ok(await page.locator('#trace ol.trace li').first().isVisible(), 'the trace stays open across the toggle');
  assert.equal(await page.inputValue('#fine'), '50000', 'the form keeps its values across the toggle');

  await page.screenshot({ path: join(packageDir, 'test-results', 'portal.png'), fullPage: true });

  // A refused input is shown with its code, and the field is marked.
  await page.fill('#fine', '5万');
  await page.click('#route-btn');
  await page.waitForSelector('#errors');
  assert.match(await page.textContent('#errors'), /money\.invalid/);
  assert.equal(await page.getAttribute('#fine', 'aria-invalid'), 'true');
  await page.click('#lang-toggle');
  assert.match(await page.textContent('#errors'), /无法判定/);
  await page.fill('#fine', '49999.99');
  await page.click('#route-btn');
  await page.waitForSelector('#disposition');
  assert.equal(await page.getAttribute('#disposition', 'data-disposition'), 'keep');
  assert.equal(await cell('acts_in_name_of'), '张村镇');
  assert.equal(await page.getAttribute('#fine', 'aria-invalid'), null);

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
