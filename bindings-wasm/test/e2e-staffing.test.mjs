// End to end: the portal's staffing check (编制与法制审核核查) in headless
// Chromium, with the sample roster (fixtures/demo/roster-zhangcun.json, served
// as portal/sample-roster.json) and rosters derived from it.
//
// Worked by hand from docs/staffing.md, zhangcun on 2025-03-01:
// * zc-01…zc-18 are formal (administrative or career) centre staff, zc-a1/a2
//   auxiliary: 18 formal staff ≥ 15 → staffing.centre_min_staff passes.
// * N = formal people in an enforcement post = zc-01…zc-17 (zc-18 holds the
//   legal_reviewer post, not an enforcement post) = 17; reviewers needed
//   ⌈17 × 5/100⌉ = ⌈0.85⌉ = 1; designated reviewers zc-06 and zc-18 = 2 → passes.
// * Certificates: every administrative person and every career person in an
//   enforcement post must hold one valid on the date: zc-01…zc-17. zc-05's ends
//   2025-02-28 → lacking on 2025-03-01 → staffing.certificates fails. On
//   2025-02-28 itself (valid_to included) it is valid → passes.
// * Rotation (满N年 is reached the day after the period's last day):
//   zc-03 since 2018-03-31 → 6-year last day 2024-03-31 → must from 2024-04-01
//   → staffing.rotation_must fails; zc-01 since 2021-02-28 → 3-year last day
//   2024-02-28 → may from 2024-02-29; zc-02 since 2022-07-01 → may from
//   2025-07-02, not yet.
// * With zc-14…zc-17 taken out of the centre (centre_staff: false), the centre
//   has 14 formal staff < 15 → centre_min_staff fails, 1 missing; N is still
//   17 (centre membership does not matter for N) → the reviewer share passes.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

const sampleText = readFileSync(join(packageDir, 'portal', 'sample-roster.json'), 'utf8');
const sample = JSON.parse(sampleText);

test('portal: the sample roster is the demo fixture', () => {
  const fixture = JSON.parse(readFileSync(join(packageDir, '..', 'fixtures', 'demo', 'roster-zhangcun.json'), 'utf8'));
  assert.deepEqual(sample, fixture, 'portal/sample-roster.json must stay a copy of fixtures/demo/roster-zhangcun.json');
});

test('portal: staffing check of a town roster, in Chinese and in English, with refused input shown', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t);

  // The second tab.
  assert.equal(await page.isVisible('#panel-staffing'), false);
  await page.click('#tab-staffing');
  assert.ok(await page.isVisible('#panel-staffing'));
  assert.equal(await page.isVisible('#panel-routing'), false);
  assert.equal(await page.textContent('#tab-staffing'), '编制与法制审核核查');
  assert.match(page.url(), /#staffing$/);

  // Nothing pasted yet: a message, not a blank report.
  await page.fill('#st-roster', '');
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-errors');
  assert.match(await page.textContent('#st-errors'), /请先粘贴或上传名册/);

  // The sample roster fills the town and the date.
  await page.click('#st-sample');
  await page.waitForFunction(() => document.querySelector('#st-roster').value.includes('zc-01'));
  assert.equal(await page.inputValue('#st-town'), 'zhangcun');
  assert.equal(await page.inputValue('#st-as-of'), '2025-03-01');
  assert.match(await page.textContent('#st-roster-info'), /20 人.*张村镇.*2025-03-01/);
  assert.equal(await page.getAttribute('#st-roster', 'aria-invalid'), null);

  await page.click('#st-check-btn');
  await page.waitForSelector('#st-verdict');
  const row = (id) => `#st-checks tr[data-check="${id}"]`;
  const passed = async (id) => page.getAttribute(row(id), 'data-passed');
  const cell = async (id, n) => (await page.textContent(`${row(id)} td:nth-child(${n})`)).trim();

  assert.equal(await page.getAttribute('#st-verdict', 'data-passed'), 'false');
  assert.equal(await page.textContent('#st-verdict'), '不符合要求');
  assert.match(await page.textContent('#st-summary'), /张村镇 2025-03-01/);
  assert.equal(await page.locator('#st-checks tr[data-check]').count(), 8);

  assert.equal(await passed('staffing.centre_min_staff'), 'true');
  assert.equal(await cell('staffing.centre_min_staff', 2), '符合');
  assert.equal(await cell('staffing.centre_min_staff', 3), '正式工作人员 18 名 ≥ 15 名');
  assert.match(await page.textContent(`${row('staffing.centre_min_staff')} .cite`), /《实施方案》第二部分第3项/);

  assert.equal(await passed('staffing.legal_reviewer_share'), 'true');
  assert.equal(await cell('staffing.legal_reviewer_share', 3), '执法人员 N = 17;需 ⌈17 × 5/100⌉ = 1 名,现有 2 名');
  assert.equal(await cell('staffing.legal_reviewer_share', 4), '杨帆(zc-06)、何雪(zc-18)');

  assert.equal(await passed('staffing.certificates'), 'false');
  assert.equal(await cell('staffing.certificates', 2), '不符合');
  assert.equal(await cell('staffing.certificates', 3), '应持证 17 名,有效 16 名,无有效证 1 名');
  assert.equal(await cell('staffing.certificates', 4), '陈静(zc-05)');
  assert.match(await page.textContent(`${row('staffing.certificates')} .cite`), /《行政处罚法》第四十二条第一款/);

  assert.equal(await passed('staffing.rotation_must'), 'false');
  assert.equal(await cell('staffing.rotation_must', 4), '张伟(zc-03)');
  assert.equal(await cell('staffing.rotation_may', 2), '提示');
  assert.equal(await passed('staffing.two_officers'), 'true');

  const rot = (id, what) => page.textContent(`#st-rotation tr[data-person="${id}"] ${what}`);
  assert.equal(await page.getAttribute('#st-rotation tr[data-person="zc-03"]', 'data-status'), 'must');
  assert.equal(await rot('zc-03', '.must-from'), '2024年4月1日', 'dates in the page\'s language');
  assert.equal(await rot('zc-03', 'td:last-child'), '必须交流');
  assert.equal(await page.getAttribute('#st-rotation tr[data-person="zc-01"]', 'data-status'), 'may');
  assert.equal(await rot('zc-01', '.may-from'), '2024年2月29日');
  assert.equal(await page.getAttribute('#st-rotation tr[data-person="zc-02"]', 'data-status'), 'not_yet');
  assert.equal(await rot('zc-02', '.may-from'), '2025年7月2日');
  assert.equal(await page.locator('#st-rotation tr[data-status]').first().getAttribute('data-status'), 'must', 'must-rotate cadres first');

  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-staffing.png'), fullPage: true });

  // English.
  await page.click('#lang-toggle');
  assert.equal(await page.textContent('#tab-staffing'), 'Staffing check');
  assert.equal(await page.textContent('#st-verdict'), 'Does not meet the requirements');
  assert.equal(await cell('staffing.centre_min_staff', 2), 'Passes');
  assert.equal(await cell('staffing.centre_min_staff', 3), '18 formal staff ≥ 15');
  assert.equal(await cell('staffing.legal_reviewer_share', 3), 'N = 17 enforcement staff; needed ⌈17 × 5/100⌉ = 1, present 2');
  assert.equal(await cell('staffing.certificates', 2), 'Fails');
  assert.match(await page.textContent(`${row('staffing.certificates')} .cite`), /Administrative Penalty Law Art\. 42\(1\)/);
  assert.equal(await rot('zc-03', 'td:last-child'), 'must be rotated');
  assert.match(await page.textContent('#st-summary'), /Zhangcun Town on 2025-03-01/);
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-staffing-en.png'), fullPage: true });
  await page.click('#lang-toggle');

  // The date chosen in the form prevails: on 2025-02-28 zc-05's certificate
  // is still valid (its last day is included).
  await page.fill('#st-as-of', '2025-02-28');
  await page.click('#st-check-btn');
  await page.waitForFunction(() => document.querySelector('#st-summary')?.textContent.includes('2025-02-28'));
  assert.equal(await passed('staffing.certificates'), 'true');
  assert.equal(await passed('staffing.rotation_must'), 'false');

  // A pasted roster with 14 formal centre staff.
  const fourteen = structuredClone(sample);
  for (const p of fourteen.people) if (['zc-14', 'zc-15', 'zc-16', 'zc-17'].includes(p.id)) p.centre_staff = false;
  await page.fill('#st-roster', JSON.stringify(fourteen, null, 2));
  assert.equal(await page.inputValue('#st-as-of'), '2025-03-01', 'the pasted roster fills in its date');
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-verdict');
  assert.equal(await passed('staffing.centre_min_staff'), 'false');
  assert.equal(await cell('staffing.centre_min_staff', 2), '不符合');
  assert.equal(await cell('staffing.centre_min_staff', 3), '正式工作人员 14 名 < 15 名,缺 1 名');
  assert.equal(await page.textContent('#st-figures [data-figure="formal_centre_staff"] dd'), '14');
  assert.equal(await passed('staffing.legal_reviewer_share'), 'true');
  assert.equal(await page.textContent('#st-figures [data-figure="enforcement_staff"] dd'), '17');

  // Malformed JSON: the engine's input.syntax, shown in the page, the roster marked.
  await page.fill('#st-roster', '{"town": "zhangcun", "as_of": "2025-03-01", "people": [');
  assert.match(await page.textContent('#st-roster-info'), /不是有效的 JSON/);
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-errors');
  assert.equal(await page.locator('#st-verdict').count(), 0);
  assert.equal(await page.locator('#st-errors li[data-code="input.syntax"]').count(), 1);
  assert.match(await page.textContent('#st-errors'), /无法核查.*JSON 格式错误.*input\.syntax/s);
  assert.equal(await page.getAttribute('#st-roster', 'aria-invalid'), 'true');

  // An uploaded file with a person twice: the code, the path and who it is.
  const dup = structuredClone(sample);
  dup.people[1].id = 'zc-01';
  await page.setInputFiles('#st-file', { name: 'dup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(dup)) });
  await page.waitForFunction(() => document.querySelector('#st-roster').value.includes('"zc-01","name":"李明"'));
  assert.equal(await page.getAttribute('#st-roster', 'aria-invalid'), null, 'a new roster clears the marks');
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-errors li[data-code="staffing.duplicate_person"]');
  assert.equal(await page.getAttribute('#st-errors li[data-code="staffing.duplicate_person"]', 'data-path'), 'people[1].id');
  assert.match(await page.textContent('#st-errors'), /people\[1\]\.id.*第 2 人: zc-01 李明/);
  assert.equal(await page.getAttribute('#st-roster', 'aria-invalid'), 'true');
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-staffing-error.png') });

  // A roster for a place that is not a town: shown, refused, the town marked.
  await page.fill('#st-roster', JSON.stringify({ ...sample, town: 'nowhere' }));
  assert.equal(await page.inputValue('#st-town'), 'nowhere');
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-errors li[data-code="staffing.unknown_town"]');
  assert.equal(await page.getAttribute('#st-town', 'aria-invalid'), 'true');
  await page.click('#lang-toggle');
  assert.match(await page.textContent('#st-errors'), /Cannot check.*not a town or subdistrict.*staffing\.unknown_town/s);
  await page.click('#lang-toggle');

  // Back to the sample: the report again, the marks gone.
  await page.click('#st-sample');
  await page.waitForFunction(() => document.querySelector('#st-town').value === 'zhangcun');
  await page.click('#st-check-btn');
  await page.waitForSelector('#st-verdict');
  assert.equal(await page.locator('#staffing-form [aria-invalid=true]').count(), 0);
  assert.equal(await passed('staffing.certificates'), 'false');

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
