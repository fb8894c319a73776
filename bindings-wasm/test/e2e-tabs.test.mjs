// End to end in headless Chromium: the portal's dispatch (派单), designation
// (指定管辖) and screening (下放筛选) tabs, each in Chinese and in English.
//
// Worked by hand from the rule set (core/data/huancui-2024) and the docs:
//
// Dispatch (docs/dispatch.md):
// * A grid worker reports CJ-P005 (违法建设, comprehensive_enforcement) found in
//   张村镇 on 2024-09-05. G-2024-DEV-ZF delegates it to developed towns (张村镇 is
//   one) from 2024-05-15; the three-month transition ended on 2024-08-15, so the
//   item is delegated: every item looked at is town-competent → the town's team;
//   a grid worker → 网格员呼叫、执法队报到; the town handles it in its own name.
// * Only the domain 市容环卫 is known, reported in 张村镇 on Wednesday 2024-09-11:
//   SR-P001..SR-P009 are delegated by G-2024-DEV-ZF, SR-P010 is granted to nobody
//   (not on the list) → split → the platform office's weekly ruling. The
//   sample cadence is Wednesday with a one-day cut-off: 09-11 + 1 = 09-12, so
//   the next Wednesday, 2024-09-18 (a working day).
//
// Designation (docs/disputes.md §3):
// * 张村镇 asks (报请) the district government to designate the department for
//   CJ-P005 on 2024-09-10 because the case is unsuited to the town level, and
//   the government designates: the item's department, 威海市环翠区综合行政执法局,
//   handles it in its own name.
// * The district government's own initiative allows only 案件重大复杂 and
//   镇(街道)承办可能影响公正处理, and is itself the decision: designated.
// * SR-P010 is not on 张村镇's list: the department already has it →
//   designation.not_town_matter at items[1].
//
// Screening (docs/screening.md):
// * CJ-P002 (竣工验收): concerns_safety, highly_professional, hard_to_enforce and
//   town_cannot_take_on all true, no priority attribute → cautious (审慎下放); in
//   the guiding catalogue → may be delegated; not priority → not suggested.
// * The same item with the class's own assessment "the town can take it on":
//   the cautious clause needs all four → neither clause applies → neither.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

const cellOf = (page, table) => (field) => page.textContent(`#${table} tr[data-field="${field}"] td`);

test('portal dispatch tab: to the town team in Chinese, to the weekly ruling in English', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#dispatch');
  await page.waitForSelector('#panel-dispatch:not([hidden])');
  assert.equal(await page.textContent('#tab-dispatch'), '派单');
  assert.match(await page.textContent('#dp-result'), /填写左侧上报的问题/);

  await page.selectOption('#dp-source', 'grid_worker');
  await page.selectOption('#dp-place', 'zhangcun');
  await page.fill('#dp-date', '2024-09-05');
  await page.fill('#dp-item-search', 'CJ-P005');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#dp-item'), 'CJ-P005');
  await page.click('#dp-btn');
  await page.waitForSelector('#dp-destination');

  const cell = cellOf(page, 'dp-table');
  assert.equal(await page.getAttribute('#dp-destination', 'data-destination'), 'town_team');
  assert.equal(await page.textContent('#dp-destination'), '镇(街道)综合执法队');
  assert.equal(await page.textContent('#dp-mode'), '网格员呼叫、执法队报到');
  assert.equal(await cell('handler'), '张村镇');
  assert.equal(await cell('acts_in_name_of'), '张村镇');
  assert.equal(await cell('date'), '2024年9月5日');
  assert.equal(await cell('source'), '网格员');
  assert.equal(await page.textContent('#dp-items tr[data-code="CJ-P005"] td:nth-child(3)'), '已赋权');
  assert.match(await page.textContent('#dp-rules li[data-rule="dispatch.town_team"]'), /《实施方案》第二部分第10项/);
  // Labels, never codes, in the verdict and its table.
  assert.doesNotMatch(await page.textContent('#dp-table'), /town_team|grid_call|grid_worker|zhangcun/);
  // The warnings (none here) would come right after the summary: the summary follows the verdict.
  assert.equal(await page.locator('#dp-result > .verdict + .summary').count(), 1);

  // Only the domain known: the platform's weekly ruling, in English.
  await page.click('#lang-toggle');
  assert.equal(await page.textContent('#tab-dispatch'), 'Dispatch');
  await page.fill('#dp-item-search', '');
  await page.selectOption('#dp-item', '');
  await page.selectOption('#dp-domain', 'city_appearance');
  await page.fill('#dp-date', '2024-09-11');
  await page.click('#dp-btn');
  await page.waitForSelector('#dp-destination[data-destination="platform_ruling"]');
  assert.equal(await page.textContent('#dp-destination'), "The platform's weekly ruling");
  assert.equal(await page.textContent('#dp-mode'), 'weekly meeting rules on responsibility');
  assert.equal(await cell('weekly_meeting'), '18 September 2024');
  assert.equal(await cell('date'), '11 September 2024');
  assert.match(await cell('dispatcher'), /^Office of the Huancui District Comprehensive Enforcement Platform/);
  assert.equal(await cell('handler'), '—');
  assert.equal(await page.textContent('#dp-items tr[data-code="SR-P010"] td:nth-child(3)'), 'not on the list');
  assert.equal(await page.locator('#dp-items tr[data-status="delegated"]').count(), 9);
  assert.match(await page.textContent('#dp-rules li[data-rule="platform.weekly_meeting"]'), /Huancui Plan §11/);

  // Neither item nor domain: refused in the page's language, the field marked.
  await page.selectOption('#dp-domain', '');
  await page.click('#dp-btn');
  await page.waitForSelector('#dp-errors');
  assert.match(await page.textContent('#dp-errors'), /Cannot dispatch/);
  assert.equal(await page.locator('#dp-errors li[data-code="dispatch.no_matter"]').count(), 1);
  await page.click('#lang-toggle');
  assert.match(await page.textContent('#dp-errors'), /无法派单/);

  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-dispatch.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('portal designation tab: a town request granted, the government\'s own designation, an item not the town\'s', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#designation');
  await page.waitForSelector('#panel-designation:not([hidden])');
  assert.equal(await page.textContent('#tab-designation'), '指定管辖');

  // The town's grounds, not the government's.
  const grounds = () => page.$$eval('#dg-grounds input', (xs) => xs.map((x) => x.value));
  assert.deepEqual(await grounds(), ['major_and_complex', 'needs_recusal', 'unsuited_to_town_level']);
  assert.equal(await page.textContent('label:has(#dg-ground-unsuited_to_town_level)'), '不宜由镇(街道)管辖');

  await page.fill('#dg-case-ref', '环综执罚〔2024〕88号');
  await page.selectOption('#dg-town', 'zhangcun');
  await page.fill('#dg-item-0-search', '规划许可证');
  await page.waitForSelector('#dg-item-0-list li[data-code="CJ-P005"]');
  await page.click('#dg-item-0-list li[data-code="CJ-P005"]');
  await page.fill('#dg-date', '2024-09-10');
  await page.check('#dg-ground-unsuited_to_town_level');
  await page.selectOption('#dg-decision', 'designated');
  await page.click('#dg-btn');
  await page.waitForSelector('#dg-outcome');

  const cell = cellOf(page, 'dg-table');
  assert.equal(await page.getAttribute('#dg-outcome', 'data-outcome'), 'designated');
  assert.equal(await page.textContent('#dg-outcome'), '已指定原行使部门管辖');
  assert.equal(await cell('decides'), '威海市环翠区人民政府');
  assert.equal(await cell('handler'), '威海市环翠区综合行政执法局');
  assert.equal(await cell('acts_in_name_of'), '威海市环翠区综合行政执法局');
  assert.equal(await cell('grounds'), '不宜由镇(街道)管辖');
  assert.equal(await cell('date'), '2024年9月10日');
  assert.equal(await cell('case_ref'), '环综执罚〔2024〕88号');
  assert.equal(await page.textContent('#dg-items-table tr[data-code="CJ-P005"] td:nth-child(3)'), '已赋权');
  assert.match(await page.textContent('#dg-rules li[data-rule="route.designated"]'), /《实施方案》第二部分第14项/);

  // The government's own initiative: its two grounds, no separate decision.
  await page.check('#dg-initiator-district_government');
  assert.deepEqual(await grounds(), ['major_and_complex', 'fair_handling_at_risk']);
  assert.equal(await page.isDisabled('#dg-decision'), true);
  await page.click('#lang-toggle');
  assert.equal(await page.textContent('label:has(#dg-ground-fair_handling_at_risk)'), 'town handling may affect fairness');
  await page.check('#dg-ground-fair_handling_at_risk');
  await page.click('#dg-btn');
  await page.waitForSelector('#dg-outcome[data-outcome="designated"]');
  assert.equal(await cell('initiator'), 'the district government on its own initiative');
  assert.equal(await page.textContent('#dg-outcome'), 'The department is designated');
  assert.equal(await cell('grounds'), 'town handling may affect fairness');
  assert.equal(await cell('date'), '10 September 2024');
  assert.match(await cell('handler'), /^Comprehensive Administrative Law Enforcement Bureau of Huancui District/);

  // An item the town does not exercise: refused, the item's field marked.
  await page.check('#dg-initiator-town');
  await page.check('#dg-ground-major_and_complex');
  await page.click('#dg-add-item');
  await page.selectOption('#dg-item-1', 'SR-P010');
  await page.click('#dg-btn');
  await page.waitForSelector('#dg-errors');
  assert.equal(await page.locator('#dg-errors li[data-code="designation.not_town_matter"][data-path="items[1]"]').count(), 1);
  assert.match(await page.textContent('#dg-errors'), /SR-P010/);
  assert.match(await page.textContent('#dg-errors .expected'), /^expected: /);
  assert.equal(await page.getAttribute('#dg-item-1', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#dg-item-0', 'aria-invalid'), null);
  await page.click('#lang-toggle');
  assert.match(await page.textContent('#dg-errors'), /无法判定/);
  assert.match(await page.textContent('#dg-errors .expected'), /^应为: /);

  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-designation.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('portal screening tab: cautious by the rule set, neither with the class\'s own assessment', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#screening');
  await page.waitForSelector('#panel-screening:not([hidden])');
  assert.equal(await page.textContent('#tab-screening'), '下放筛选');

  await page.fill('#sc-item-search', '竣工验收');
  await page.waitForSelector('#sc-item-list li[data-code="CJ-P002"]');
  await page.click('#sc-item-list li[data-code="CJ-P002"]');
  await page.selectOption('#sc-class', 'developed_town');
  await page.click('#sc-btn');
  await page.waitForSelector('#sc-verdict');

  const cell = cellOf(page, 'sc-table');
  assert.equal(await page.getAttribute('#sc-verdict', 'data-verdict'), 'cautious');
  assert.equal(await page.textContent('#sc-verdict'), '审慎下放');
  assert.equal(await page.textContent('#sc-mode'), '可赋权');
  assert.equal(await cell('class'), '经济发达镇');
  assert.equal(await cell('priority_applies'), '不适用');
  assert.equal(await cell('cautious_applies'), '适用');
  assert.equal(await cell('suggested'), '否');
  assert.deepEqual(await page.$$eval('#sc-reasons li', (xs) => xs.map((x) => x.dataset.reason)), [
    'screening.cautious.concerns_safety',
    'screening.cautious.highly_professional',
    'screening.cautious.hard_to_enforce',
    'screening.cautious.town_cannot_take_on',
  ]);
  assert.match(await page.textContent('#sc-rules li[data-rule="screening.cautious"]'), /《实施方案》第二部分第1项/);

  // The class's own assessment: the town can take it on.
  await page.click('#lang-toggle');
  await page.selectOption('#sc-fact-town_cannot_take_on', 'false');
  await page.click('#sc-btn');
  await page.waitForSelector('#sc-verdict[data-verdict="neither"]');
  assert.equal(await page.textContent('#sc-verdict'), 'By actual need and capacity');
  assert.equal(await cell('cautious_applies'), 'does not apply');
  assert.equal(await page.textContent('#sc-facts-table tr[data-fact="town_cannot_take_on"] td:nth-child(2)'), 'no');
  assert.equal(await page.textContent('#sc-facts-table tr[data-fact="town_cannot_take_on"] td:nth-child(3)'), 'overridden here');
  assert.equal(await page.textContent('#sc-facts-table tr[data-fact="concerns_safety"] td:nth-child(3)'), '');
  assert.equal(await page.locator('#sc-reasons').count(), 0, 'no clause applies: no reasons');
  assert.equal(await page.locator('#sc-rules li[data-rule="screening.neither"]').count(), 1);

  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-screening.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
