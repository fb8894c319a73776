// End to end in headless Chromium: 生成文书 — the documents a result leads to,
// drafted by the full module's `draft` operation and downloaded as .docx.
//
// Worked by hand (docs/drafting.md, fixtures/cases/draft/draft-transfer-major-fine.json):
// CJ-P001 at 张村镇, filed 2025-04-10, an organisation in business, a fine of
// exactly 50000 yuan: 5万元以上 includes the number (Plan §13), so the town
// transfers the case to the item's department, 住房和城乡建设局, whose full name
// (威海市环翠区住房和城乡建设局) is the letter's addressee. The 案号 typed on the
// form heads the letter; the party, the facts and the evidence are not known
// to the page: with the facts, the investigation, the materials, the contact
// and the date typed in the box, only the party (an organisation: five fields)
// and the evidence list are left, listed and marked ＿＿＿＿ in the document.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';

test('portal: a transfer ruling drafts its 案件移送书 as .docx, with the blanks listed', { timeout: 180000 }, async (t) => {
  const { page, problems } = await openPortal(t);
  await page.selectOption('#town', 'zhangcun');
  await page.selectOption('#item-0', 'CJ-P001');
  await page.fill('#date-violation', '2025-04-01');
  await page.fill('#date-discovery', '2025-04-03');
  await page.fill('#date-filing', '2025-04-10');
  await page.check('#party-organisation');
  await page.check('#business');
  await page.check('#sanction-fine');
  await page.fill('#fine', '50000');
  await page.fill('#case-id', '环张综执移〔2025〕3号');
  await page.click('#route-btn');
  await page.waitForSelector('#disposition');
  assert.equal(await page.locator('#draft-handover').count(), 0, 'a transfer offers no handover letter');

  // What the clerk knows beyond the ruling goes in the box's fields; the date is proposed as today.
  assert.match(await page.inputValue('#draft-date'), /^\d{4}-\d{2}-\d{2}$/);
  await page.fill('#draft-facts', '2025年4月1日，当事人在张村镇某地块未取得施工许可证擅自施工。');
  await page.fill('#draft-investigation', '2025年4月10日立案，已现场勘验、询问当事人。');
  await page.fill('#draft-materials', '立案审批表 1\n现场勘验笔录 3');
  await page.fill('#draft-contact-name', '王某');
  await page.fill('#draft-contact-phone', '0631-5200000');
  await page.fill('#draft-date', '2025-04-15');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#draft-transfer')]);
  assert.equal(download.suggestedFilename(), '案件移送书（环张综执移〔2025〕3号）.docx');
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip package');
  assert.ok(bytes.includes(Buffer.from('word/document.xml')), 'the package has its main document part');

  await page.waitForSelector('#draft-blanks');
  // Only the party (an organisation: name, credit code, legal representative,
  // address, phone) and the evidence list are left for the clerk.
  const blanks = await page.$$eval('#draft-blanks li', (lis) => lis.map((li) => li.dataset.field));
  assert.deepEqual(blanks, [
    'fill.party.name',
    'fill.party.credit_code',
    'fill.party.legal_representative',
    'fill.party.address',
    'fill.party.phone',
    'fill.evidence',
  ]);
  const html = await page.getAttribute('#draft-preview', 'srcdoc');
  assert.match(html, /案件移送书/);
  assert.match(html, /威海市环翠区住房和城乡建设局/);
  assert.match(html, /环张综执移〔2025〕3号/);
  assert.match(html, /＿＿＿＿/);
  assert.match(html, /现场勘验笔录/);
  assert.match(html, /2025年4月15日/);
  assert.deepEqual(problems, []);
});

test('portal: a handover-free keep ruling offers no document', { timeout: 120000 }, async (t) => {
  // The same case with a fine of 49999.99 is not major (5万元以上 not reached): the town keeps it.
  const { page, problems } = await openPortal(t);
  await page.selectOption('#town', 'zhangcun');
  await page.selectOption('#item-0', 'CJ-P001');
  await page.fill('#date-violation', '2025-04-01');
  await page.fill('#date-discovery', '2025-04-03');
  await page.fill('#date-filing', '2025-04-10');
  await page.check('#party-organisation');
  await page.check('#business');
  await page.check('#sanction-fine');
  await page.fill('#fine', '49999.99');
  await page.click('#route-btn');
  await page.waitForSelector('#disposition');
  assert.equal(await page.locator('.draft-box').count(), 0);
  assert.deepEqual(problems, []);
});
