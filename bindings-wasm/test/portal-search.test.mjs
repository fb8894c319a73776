// The portal's pure helpers in Node: dates in the page's language
// (portal/dates.js) and the item search behind the picker
// (portal/item-picker.js `searchItems`), over the embedded rule set with the
// engine's `lookup` operation, as the page uses them.
//
// Expected results worked out by hand from core/data/huancui-2024/items.json
// (names, codes, everyday words) and docs/names.md (lookup's near misses).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RuleSet } from '../node.js';
import { formatDate, todayIso } from '../portal/dates.js';
import { normalise, searchItems } from '../portal/item-picker.js';

test('dates: 2025年3月4日 in Chinese, 4 March 2025 in English, whatever the locale', () => {
  assert.equal(formatDate('2025-03-04', 'zh'), '2025年3月4日');
  assert.equal(formatDate('2025-03-04', 'en'), '4 March 2025');
  assert.equal(formatDate('2024-12-31', 'zh'), '2024年12月31日');
  assert.equal(formatDate('2024-12-31', 'en'), '31 December 2024');
  assert.equal(formatDate('2024-01-01', 'en'), '1 January 2024');
  // Not an ISO date: echoed as given (a refused value stays recognisable).
  assert.equal(formatDate('2025/03/04', 'zh'), '2025/03/04');
  assert.equal(formatDate('2025-13-01', 'en'), '2025-13-01');
  assert.equal(formatDate(null, 'zh'), '');
  // The local calendar date, never shifted through UTC.
  assert.equal(todayIso(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
  assert.equal(todayIso(new Date(2025, 11, 31, 0, 1)), '2025-12-31');
});

test('item search: codes, name fragments, everyday words, lookup\'s near misses', () => {
  const rs = RuleSet.embedded();
  const items = rs.items();
  const lookup = (q) => rs.call('lookup', { list: 'items', query: q }, { raiseErrors: false });
  const codes = (q) => searchItems(q, { items, lookup }).map((r) => `${r.code}:${r.how}`);

  assert.equal(normalise(' ＨＢ－Ｐ００７ '), 'hb-p007');
  // An exact code first, in any case or width.
  assert.deepEqual(codes('cj-p005'), ['CJ-P005:code']);
  assert.deepEqual(codes('ＨＢ－Ｐ００７'), ['HB-P007:code']);
  // A code prefix: every item it starts, in rule-set order.
  assert.deepEqual(codes('CJ-P00'), ['CJ-P001:code', 'CJ-P002:code', 'CJ-P003:code', 'CJ-P004:code', 'CJ-P005:code', 'CJ-P006:code']);
  // A fragment of the Chinese name.
  assert.deepEqual(codes('施工许可'), ['CJ-P001:name', 'CJ-I001:name']);
  assert.deepEqual(codes('竣工验收'), ['CJ-P002:name']);
  // An everyday word (in no name), and a sentence containing everyday words.
  assert.deepEqual(codes('工地没有手续'), ['CJ-P001:words']);
  const bbq = searchItems('楼下有人露天烧烤', { items, lookup });
  assert.deepEqual(bbq, [{ code: 'HB-P007', how: 'words', words: ['露天烧烤', '烧烤'] }]);
  // English names from three letters on.
  assert.deepEqual(codes('barbecu'), ['HB-P007:name']);
  // A mistyped code (O for 0): nothing matches, lookup lists its near misses.
  assert.ok(codes('CJ-P0O1').every((x) => x.endsWith(':near')));
  assert.ok(codes('CJ-P0O1').includes('CJ-P001:near'));
  // Nothing at all.
  assert.deepEqual(codes('没有这种事项'), []);
  assert.deepEqual(codes('   '), []);
  rs.free();
});
