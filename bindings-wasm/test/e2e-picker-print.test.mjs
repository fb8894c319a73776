// End to end in headless Chromium: the searchable item picker, the case number
// (案号) and the A4 print layout.
//
// Worked by hand from core/data/huancui-2024/items.json:
// * 施工许可 is part of the names of CJ-P001 (…未取得施工许可证擅自施工…) and
//   CJ-I001 (…施工许可和工程质量情况的行政检查), and of no other item's name.
// * cj-p005 and the full-width ＨＢ－Ｐ００７ are the codes CJ-P005 and HB-P007.
// * 工地没有手续 is in no item's name; it is one of CJ-P001's everyday words.
// * "小区里有人半夜露天烧烤，油烟很大" (docs/intake.md, the sentence): 露天烧烤
//   and 烧烤 are HB-P007's words, 油烟 is HB-P006's: intake ranks HB-P007 first.
//   The intake decision is in the second module (pkg-web-full): typing never
//   loads it, 按描述查找 does.
//
// Routing for the print (docs/routing.md): CJ-P005 is delegated to 张村镇 by
// G-2024-DEV-ZF (effective 2024-05-15, transition over on 2024-08-15); filed on
// 2024-09-10 with no sanction proposed and no circumstance → the town keeps it
// (留镇(街道)办理) and decides in its own name.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { openPortal } from './e2e-helpers.mjs';
import { packageDir } from './helpers.mjs';

const options = (page, id) => page.$$eval(`#${id}-list li[data-code]`, (xs) => xs.map((x) => [x.dataset.code, x.dataset.how]));

test('item picker: by a Chinese name fragment, by code, by everyday words; intake only on request', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t);
  const full = [];
  page.on('request', (r) => {
    if (/pkg-web-full|\/full\.js$/.test(r.url())) full.push(r.url());
  });

  await page.fill('#item-0-search', '施工许可');
  await page.waitForSelector('#item-0-list li[data-code]');
  assert.deepEqual(await options(page, 'item-0'), [
    ['CJ-P001', 'name'],
    ['CJ-I001', 'name'],
  ]);
  await page.click('#item-0-list li[data-code="CJ-I001"]');
  assert.equal(await page.inputValue('#item-0'), 'CJ-I001');
  assert.match(await page.textContent('#item-0-info'), /^行政检查 · 威海市环翠区住房和城乡建设局/);
  assert.equal(await page.isVisible('#item-0-list'), false, 'the list closes once an item is chosen');

  await page.fill('#item-0-search', 'cj-p005');
  await page.waitForSelector('#item-0-list li[data-code="CJ-P005"]');
  assert.deepEqual((await options(page, 'item-0'))[0], ['CJ-P005', 'code']);
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#item-0'), 'CJ-P005');

  await page.fill('#item-0-search', 'ＨＢ－Ｐ００７');
  await page.waitForSelector('#item-0-list li[data-code="HB-P007"]');
  assert.deepEqual(await options(page, 'item-0'), [['HB-P007', 'code']]);
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue('#item-0'), 'CJ-P005', 'Escape chooses nothing');

  await page.fill('#item-0-search', '工地没有手续');
  await page.waitForSelector('#item-0-list li[data-code="CJ-P001"]');
  assert.deepEqual(await options(page, 'item-0'), [['CJ-P001', 'words']]);
  assert.match(await page.textContent('#item-0-list li[data-code="CJ-P001"] .why'), /日常说法: 工地没有手续/);

  await page.fill('#item-0-search', '没有这种事项');
  await page.waitForSelector('#item-0-list li.none');
  assert.match(await page.textContent('#item-0-list'), /没有找到相符的事项/);
  assert.deepEqual(full, [], 'typing never loads the full module');

  // 按描述查找: the intake decision, loaded now.
  await page.fill('#item-0-search', '小区里有人半夜露天烧烤，油烟很大');
  await page.click('#item-0-describe');
  await page.waitForSelector('#item-0-list li[data-how="intake"]');
  assert.ok(full.length > 0, 'the full module is loaded on 按描述查找');
  // Intake's candidates in its order (at most five): the barbecue first, its fumes
  // second; the rest come from the sample rule set's example reports.
  const described = await options(page, 'item-0');
  assert.deepEqual(described.slice(0, 2), [
    ['HB-P007', 'intake'],
    ['HB-P006', 'intake'],
  ]);
  assert.ok(described.length <= 5, `at most five candidates: ${JSON.stringify(described)}`);
  assert.ok(described.every(([, how]) => how === 'intake'), JSON.stringify(described));
  await page.click('#item-0-list li[data-code="HB-P007"]');
  assert.equal(await page.inputValue('#item-0'), 'HB-P007');

  // English: the picker's texts follow the page.
  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('#item-0-search', 'placeholder'), 'Find an item: code, name or everyday words');
  assert.equal(await page.textContent('#item-0-describe'), 'Find by description');
  await page.fill('#item-0-search', 'barbecu');
  await page.waitForSelector('#item-0-list li[data-code="HB-P007"]');
  assert.match(await page.textContent('#item-0-list li[data-code="HB-P007"]'), /open-air barbecuing/);

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('print: the case number, the district and the date on top, no forms, one A4 page', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t);
  assert.equal(await page.isVisible('#print-header'), false, 'the print header is for paper only');

  await page.fill('#case-id', '环综执罚〔2024〕12号');
  await page.selectOption('#town', 'zhangcun');
  await page.fill('#item-0-search', 'CJ-P005');
  await page.keyboard.press('Enter');
  await page.fill('#date-filing', '2024-09-10');
  await page.click('#route-btn');
  await page.waitForSelector('#disposition');
  assert.equal(await page.getAttribute('#disposition', 'data-disposition'), 'keep');
  assert.equal((await page.textContent('#disposition')).trim(), '留镇(街道)办理');
  assert.equal(await page.textContent('#case-number'), '案号: 环综执罚〔2024〕12号');
  assert.equal(await page.textContent('#roles tr[data-field="relevant_date"] td'), '2024年9月10日 (立案日)');
  assert.ok(await page.isVisible('#print-btn'), 'a 打印 button once there is a result');
  assert.equal(await page.textContent('#print-btn'), '打印');

  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['#case-form', 'nav.tabs', '#intake-card', 'header', '#print-btn', '#trace', '#footer']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  for (const shown of ['#print-header', '#disposition', '#summary', '#roles', '#rules']) {
    assert.equal(await page.isVisible(shown), true, `${shown} is printed`);
  }
  const header = await page.textContent('#print-header');
  assert.match(header, /^威海市环翠区镇街赋权案件管辖判定 · 判定结果/);
  assert.equal(await page.textContent('#print-case-number'), '案号: 环综执罚〔2024〕12号');
  assert.match(await page.textContent('#print-date'), /^打印日期: \d{4}年\d{1,2}月\d{1,2}日$/);
  assert.match(header, /示例数据/);

  // The verdict and its basis fit one A4 page.
  const pdf = await page.pdf({ format: 'A4' });
  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  writeFileSync(join(packageDir, 'test-results', 'portal-routing-print.pdf'), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  assert.equal(pages.length, 1, 'one A4 page');

  // English, still printing (the language button is not printed: toggled on screen).
  await page.emulateMedia({ media: 'screen' });
  await page.click('#lang-toggle');
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('#print-header'), /^Huancui District, Weihai/);
  assert.equal(await page.textContent('#print-case-number'), 'Case number: 环综执罚〔2024〕12号');
  assert.match(await page.textContent('#print-date'), /^Printed on: \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/);
  assert.equal(await page.textContent('#roles tr[data-field="relevant_date"] td'), '10 September 2024 (filing date)');
  await page.screenshot({ path: join(packageDir, 'test-results', 'portal-routing-print.png'), fullPage: true });

  // Another tab prints its own result: the designation, with its case number.
  await page.emulateMedia({ media: 'screen' });
  await page.click('#lang-toggle');
  await page.click('#tab-designation');
  await page.fill('#dg-case-ref', '环综执罚〔2024〕88号');
  await page.selectOption('#dg-town', 'zhangcun');
  await page.selectOption('#dg-item-0', 'CJ-P005');
  await page.fill('#dg-date', '2024-09-10');
  await page.check('#dg-ground-needs_recusal');
  await page.click('#dg-btn');
  await page.waitForSelector('#dg-outcome[data-outcome="pending"]');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#designation-form'), false);
  assert.equal(await page.isVisible('#panel-routing'), false, 'only the active tab is printed');
  assert.equal(await page.isVisible('#dg-outcome'), true);
  assert.match(await page.textContent('#print-header'), /指定管辖结果/);
  assert.equal(await page.textContent('#print-case-number'), '案号: 环综执罚〔2024〕88号');
  const pdf2 = await page.pdf({ format: 'A4' });
  assert.equal((pdf2.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length, 1, 'one A4 page');

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

// The intake box's result prints alone (its 打印 button), not the active tab:
// the sentence in 张村镇 on 2024-09-05 goes to HB-P007, the town's team
// (worked in e2e-intake.test.mjs).
test('print: the intake result by its own button', { timeout: 120000 }, async (t) => {
  const { page, problems } = await openPortal(t);
  await page.fill('#intake-text', '小区里有人半夜露天烧烤，油烟很大');
  await page.fill('#intake-date', '2024-09-05');
  await page.selectOption('#intake-place', 'zhangcun');
  await page.click('#intake-btn');
  await page.waitForSelector('#intake-print');
  assert.equal(await page.textContent('#intake-print'), '打印');
  // No print dialog in a test: window.print is replaced, the rest is the page's.
  await page.evaluate(() => {
    window.print = () => {
      window.printed = (window.printed ?? 0) + 1;
    };
  });
  await page.click('#intake-print');
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#intake-table'), true);
  assert.equal(await page.isVisible('#intake-form'), false);
  assert.equal(await page.isVisible('#intake-print'), false, 'buttons are not printed');
  assert.equal(await page.isVisible('#panel-routing'), false, 'the routing tab is not printed with it');
  assert.match(await page.textContent('#print-header'), /受理识别结果/);
  assert.equal(await page.textContent('#intake-table tr[data-field="handler"] td'), '张村镇');
  // After printing, the page prints its active tab again.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.isVisible('#panel-routing'), true);
  assert.equal(await page.isVisible('#intake-table'), false);

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
