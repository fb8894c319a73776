// End to end in headless Chromium: the portal's dispute tracker (管辖争议).
//
// Worked by hand from Plan §11, §14 and the sample cadence (docs/disputes.md):
// * 张村镇 and 综合行政执法局 dispute CJ-P005 from 2024-09-02 (negotiating).
// * Negotiation fails on Tuesday 2024-09-10 → at the platform. The platform's
//   weekly meeting is on Wednesdays with a one-day cut-off: 09-10 + 1 = 09-11,
//   a Wednesday and a working day → 2024年9月11日. Disputes are studied at the
//   monthly joint meeting, the last Thursday of the month strictly after the
//   weekly meeting: 2024-09-26.
// * The platform resolves it on 2024-09-26 without naming who handles the case
//   → refused (dispute.handler_missing at events[0].handler, the new event);
//   the stored history is unchanged (still at the platform).
// * With the town as handler → resolved by the platform, handled by 张村镇.
// * The record survives a reload (localStorage) and replays to the same stage.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';

test('portal dispute tracker: the ladder step by step, a refused step, kept across a reload', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t, '#disputes');
  await page.waitForSelector('#panel-disputes:not([hidden])');
  assert.equal(await page.textContent('#tab-disputes'), '管辖争议');

  await page.selectOption('#ds-town', 'zhangcun');
  await page.selectOption('#ds-department', 'comprehensive_enforcement');
  await page.fill('#ds-items', 'CJ-P005');
  await page.fill('#ds-opened', '2024-09-02');
  await page.click('#ds-open');
  await page.waitForSelector('#ds-stage');
  assert.equal(await page.getAttribute('#ds-stage', 'data-code'), 'negotiating');
  assert.equal(await page.textContent('#ds-stage'), '双方协商');

  await page.selectOption('#ds-kind', 'negotiation_failed');
  await page.fill('#ds-date', '2024-09-10');
  await page.click('#ds-record');
  await page.waitForSelector('#ds-stage[data-code=at_platform]');
  assert.equal(await page.textContent('#ds-stage'), '区级综合执法平台研究解决');
  assert.equal(await page.getAttribute('#ds-next-action', 'data-code'), 'platform_resolve');
  assert.equal(await page.textContent('#ds-weekly'), '2024年9月11日');
  assert.equal(await page.textContent('#ds-monthly'), '2024年9月26日');
  assert.match(await page.textContent('#ds-history'), /2024年9月10日 协商不成/);

  // At the platform the dispute is submitted with a 管辖争议提请书 (Plan §14, §11).
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ds-draft-dispute_submission')]);
  assert.match(download.suggestedFilename(), /^管辖争议提请书.*\.docx$/);
  await page.waitForSelector('#ds-draft-preview');
  const html = await page.getAttribute('#ds-draft-preview', 'srcdoc');
  assert.match(html, /张村镇/);
  assert.match(html, /综合行政执法局/);

  // The platform resolves without a handler: refused, nothing stored.
  await page.selectOption('#ds-kind', 'platform_resolution');
  await page.fill('#ds-date', '2024-09-26');
  await page.click('#ds-record');
  await page.waitForSelector('#ds-errors');
  assert.match(await page.textContent('#ds-errors'), /dispute\.handler_missing/);
  assert.match(await page.textContent('#ds-errors'), /events\[0\]\.handler/);
  assert.equal(await page.getAttribute('#ds-stage', 'data-code'), 'at_platform');

  await page.selectOption('#ds-kind', 'platform_resolution');
  await page.fill('#ds-date', '2024-09-26');
  await page.selectOption('#ds-handler', 'zhangcun');
  await page.click('#ds-record');
  await page.waitForSelector('#ds-stage[data-code=resolved]');
  assert.equal(await page.locator('#ds-errors').count(), 0);
  assert.equal(await page.textContent('#ds-handled-by'), '张村镇');
  assert.match(await page.textContent('#ds-resolution'), /平台研究解决/);
  assert.equal(await page.locator('#ds-event-form').count(), 0, 'a resolved dispute takes no further step');
  const rules = await page.$$eval('#ds-rules li', (lis) => lis.map((li) => li.dataset.rule));
  assert.ok(rules.includes('dispute.platform') && rules.includes('dispute.resolved'), rules.join(','));

  // English labels from the engine, dates in the page's language.
  await page.click('#lang-toggle');
  assert.equal(await page.textContent('#tab-disputes'), 'Disputes');
  assert.match(await page.textContent('#ds-history'), /10 September 2024/);

  // Kept across a reload, replayed to the same stage.
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForSelector('#ds-list button');
  await page.click('#ds-list button');
  await page.waitForSelector('#ds-stage');
  assert.equal(await page.getAttribute('#ds-stage', 'data-code'), 'resolved');
  assert.deepEqual(problems, []);
});
