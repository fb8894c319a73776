// The catalogue explorer (事项清单浏览): which items each town holds on a day —
// delegated (within the transition period too), entrusted, or carried with a
// penalty — as the engine's `coverage` decision finds them; filtered by town,
// domain, mode and keyword, each item with its legal bases, discretion
// benchmark and grant document. The same reading as `fuquan publish`
// (docs/office.md).

import { formatDate } from './dates.js';

const ON_LIST = {
  delegated: 'delegation',
  in_transition: 'delegation',
  carried_by_delegation: 'delegation',
  entrusted: 'entrustment',
  carried_by_entrustment: 'entrustment',
};

const T = {
  date: ['日期', 'Date'],
  town: ['镇(街道)', 'Town'],
  domain: ['领域', 'Domain'],
  mode: ['承接方式', 'Mode'],
  keyword: ['关键词', 'Keyword'],
  all: ['全部', 'All'],
  delegation: ['赋权', 'Delegation'],
  entrustment: ['委托', 'Entrustment'],
  count: ['共 {n} 项(事项 {items} 个,镇街 {towns} 个)', '{n} entries ({items} items, {towns} towns)'],
  none: ['没有符合条件的事项。', 'No item matches.'],
  code: ['代码', 'Code'],
  name: ['事项名称', 'Item'],
  kind: ['类型', 'Kind'],
  department: ['原行使部门', 'Department'],
  status: ['状态', 'Status'],
  establishing: ['设立依据', 'Establishing basis'],
  penalty: ['处罚依据', 'Penalty basis'],
  discretion: ['裁量基准', 'Discretion benchmark'],
  document: ['赋权(委托)文件', 'Grant document'],
  effective: ['生效日期', 'Effective'],
  details: ['依据与文件', 'Bases and document'],
  bad_date: ['请填写日期。', 'Enter a date.'],
  delegated: ['已赋权', 'delegated'],
  in_transition: ['过渡期内(原部门负责)', 'in transition (department responsible)'],
  carried_by_delegation: ['随处罚事项赋权', 'carried with a delegated penalty'],
  entrusted: ['已委托', 'entrusted'],
  carried_by_entrustment: ['随处罚事项委托', 'carried with an entrusted penalty'],
  penalty_kind: ['行政处罚', 'penalty'],
  inspection_kind: ['行政检查', 'inspection'],
  compulsory_measure_kind: ['行政强制措施', 'compulsory measure'],
};

let rs = null;
let getLang = () => 'zh';
let cache = { date: null, lines: [] };

const $ = (sel) => document.querySelector(sel);
const t = (k) => (T[k] ? T[k][getLang() === 'zh' ? 0 : 1] : k);
const named = (x) => (x ? (getLang() === 'zh' ? x.name_zh : x.name_en) : '');

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function options(select, list, keep) {
  select.replaceChildren(el('option', { value: '', text: t('all') }), ...list.map(([v, label]) => el('option', { value: v, text: label })));
  select.value = keep ?? '';
}

function fillFilters() {
  const keep = (id) => $(id).value;
  options($('#cat-town'), rs.towns().map((x) => [x.id, named(x)]), keep('#cat-town'));
  options($('#cat-domain'), rs.domains().map((x) => [x.id, named(x)]), keep('#cat-domain'));
  options($('#cat-mode'), [['delegation', t('delegation')], ['entrustment', t('entrustment')]], keep('#cat-mode'));
  for (const lab of document.querySelectorAll('#catalogue-form [data-cat]')) lab.textContent = t(lab.dataset.cat);
}

/** The (town, item) pairs on the lists on `date`, from the coverage decision (cached per date). */
function lines(date) {
  if (cache.date !== date) {
    const answer = rs.call('coverage', { from: date, to: date }, { raiseErrors: false });
    cache = { date, lines: answer.status === 'ok' ? answer.timelines : [], errors: answer.status === 'ok' ? null : answer.errors };
  }
  return cache;
}

/** Redraws the table from the filters. */
export function renderCatalogue() {
  if (!rs) return;
  fillFilters();
  const box = $('#cat-result');
  const date = $('#cat-date').value;
  if (!date) {
    box.replaceChildren(el('p', { class: 'errors', id: 'cat-errors', text: t('bad_date') }));
    return;
  }
  const { lines: timelines, errors } = lines(date);
  if (errors) {
    box.replaceChildren(el('div', { class: 'errors', id: 'cat-errors' }, errors.map((d) => el('p', { 'data-code': d.code, text: `${d[`message_${getLang()}`]} (${d.code})` }))));
    return;
  }
  const towns = new Map(rs.towns().map((x) => [x.id, x]));
  const items = new Map(rs.items().map((x) => [x.code, x]));
  const domains = new Map(rs.domains().map((x) => [x.id, x]));
  const departments = new Map(rs.departments().map((x) => [x.id, x]));
  const grants = new Map(rs.grants().map((g) => [g.id, g]));
  const [town, domain, mode] = ['#cat-town', '#cat-domain', '#cat-mode'].map((s) => $(s).value);
  const kw = $('#cat-keyword').value.trim().toLowerCase();
  const rows = [];
  for (const line of timelines) {
    const seg = line.segments[0];
    const m = ON_LIST[seg?.status];
    if (!m) continue;
    const item = items.get(line.item);
    if (!item) continue;
    if (town && line.town !== town) continue;
    if (domain && item.domain !== domain) continue;
    if (mode && m !== mode) continue;
    if (kw && ![item.name_zh, item.name_en, item.code].some((s) => s.toLowerCase().includes(kw))) continue;
    rows.push({ line, seg, item, mode: m, grant: grants.get(seg.grant) });
  }
  const zh = getLang() === 'zh';
  const head = el('tr', {}, ['town', 'code', 'name', 'kind', 'domain', 'department', 'mode', 'status', 'details'].map((k) => el('th', { text: t(k) })));
  const body = rows.map(({ line, seg, item, mode: m, grant }) =>
    el(
      'tr',
      { 'data-town': line.town, 'data-item': item.code, 'data-mode': m },
      el('td', { text: named(towns.get(line.town)) }),
      el('td', {}, el('code', { text: item.code })),
      el('td', { text: named(item) }),
      el('td', { text: t(`${item.kind}_kind`) }),
      el('td', { text: named(domains.get(item.domain)) }),
      el('td', { text: named(departments.get(item.department)) }),
      el('td', { text: t(m) }),
      el('td', { text: t(seg.status) }),
      el(
        'td',
        {},
        el(
          'details',
          {},
          el('summary', { text: t('details') }),
          el(
            'dl',
            { class: 'small' },
            el('dt', { text: t('establishing') }),
            el('dd', { text: item.establishing_basis }),
            item.penalty_basis ? [el('dt', { text: t('penalty') }), el('dd', { text: item.penalty_basis })] : null,
            item.discretion_benchmark ? [el('dt', { text: t('discretion') }), el('dd', { text: item.discretion_benchmark })] : null,
            grant
              ? [
                  el('dt', { text: t('document') }),
                  el('dd', { class: 'cat-document', text: `${grant.document.number} ${zh ? `《${grant.document.title_zh}》` : grant.document.title_en}` }),
                  el('dt', { text: t('effective') }),
                  el('dd', { text: formatDate(grant.effective, getLang()) }),
                ]
              : null,
          ),
        ),
      ),
    ),
  );
  const nItems = new Set(rows.map((r) => r.item.code)).size;
  const nTowns = new Set(rows.map((r) => r.line.town)).size;
  const count = t('count').replace('{n}', rows.length).replace('{items}', nItems).replace('{towns}', nTowns);
  box.replaceChildren(
    el('p', { id: 'cat-count', 'data-rows': String(rows.length), text: count }),
    rows.length ? el('table', { id: 'cat-table' }, el('thead', {}, head), el('tbody', {}, body)) : el('p', { class: 'placeholder', text: t('none') }),
  );
}

/** Wires the explorer's form; `lang` returns the portal's current language. */
export function setupCatalogue(ruleSet, lang) {
  rs = ruleSet;
  getLang = lang;
  const today = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  $('#cat-date').value = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  $('#catalogue-form').addEventListener('submit', (e) => e.preventDefault());
  for (const id of ['#cat-date', '#cat-town', '#cat-domain', '#cat-mode']) $(id).addEventListener('change', renderCatalogue);
  $('#cat-keyword').addEventListener('input', renderCatalogue);
  renderCatalogue();
}
