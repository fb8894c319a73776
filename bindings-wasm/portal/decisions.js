// Three more tabs of the portal, each a form a clerk fills in Chinese and the
// engine's answer as a clerk reads it (labels, never codes; the determining
// rules with their citations; warnings right after the verdict; a refusal in
// the page's language with what was expected and the engine's suggestions):
//
// * 派单 / Dispatch — `dispatch` (docs/dispatch.md): a grid worker's, 12345's
//   or a patrol's report → the town's team, the district platform or the
//   platform office's weekly ruling;
// * 指定管辖 / Designation — `designation_request` (docs/disputes.md §3): a
//   town's request (or the district government's own initiative) to designate
//   the original department;
// * 下放筛选 / Screening — `screen` (docs/screening.md): one item's verdict for a
//   town class under Plan §1, with the class's own assessment as overrides.
//
// Every call goes through `rs.call(operation, request, { raiseErrors: false })`,
// the path the staffing tab uses.

import { draftBox } from './drafting.js';

export const DECISION_UI = {
  tab_dispatch: ['派单', 'Dispatch'],
  tab_designation: ['指定管辖', 'Designation'],
  tab_screening: ['下放筛选', 'Screening'],
  // dispatch
  dp_form: ['上报的问题', 'The report'],
  dp_report: ['来源与日期', 'Source and date'],
  dp_source: ['来源', 'Source'],
  dp_date: ['上报日期', 'Reported on'],
  dp_report_id: ['事件编号(可留空)', 'Report number (optional)'],
  dp_where_what: ['地点与事项', 'Place and matter'],
  dp_place: ['发现地', 'Where it was found'],
  dp_item: ['执法事项(已知时)', 'Power item (when known)'],
  dp_domain: ['执法领域(事项不明时)', 'Domain (when the item is not known)'],
  dp_no_domain: ['(按事项)', '(from the item)'],
  dp_hint: ['事项和领域至少填一项;两项都填时须一致。', 'Give the item or the domain (or both, if they agree).'],
  dp_go: ['派单', 'Dispatch'],
  dp_result: ['派单结果', 'Where the report goes'],
  dp_placeholder: ['填写左侧上报的问题后点击"派单"。', 'Fill in the report and press "Dispatch".'],
  dp_errors: ['无法派单:输入有误', 'Cannot dispatch: the input was refused'],
  destination: ['去向', 'Goes to'],
  mode: ['方式', 'How'],
  dispatcher: ['派单机关', 'Dispatched by'],
  handler_body: ['处置机关', 'Handled by'],
  department_named: ['主管部门', 'Department'],
  weekly_meeting: ['周例会', 'Weekly meeting'],
  moved_for_rest_day: ['(原定 {d},逢休息日顺延)', '(scheduled {d}, moved for a rest day)'],
  place: ['发现地', 'Place'],
  town_of_list: ['适用清单的镇(街道)', "Town whose list applies"],
  report_date: ['上报日期', 'Reported on'],
  report_id: ['事件编号', 'Report number'],
  domain: ['执法领域', 'Domain'],
  // designation
  dg_form: ['指定管辖申请', 'The designation request'],
  dg_who: ['提出方式', 'Who asks'],
  dg_town: ['镇(街道)', 'Town or subdistrict'],
  dg_items: ['涉及事项', 'Items of the case'],
  dg_date: ['报请(决定)日期', 'Date of the request (or decision)'],
  dg_grounds: ['理由', 'Grounds'],
  dg_grounds_hint: ['镇(街道)报请与区政府主动指定的法定理由不同(《实施方案》第二部分第14项)。', 'A town and the district government may rely on different grounds (Plan §14).'],
  dg_decision: ['区政府决定', "District government's decision"],
  dg_pending: ['(尚未决定)', '(not decided yet)'],
  dg_decision_na: ['区政府主动指定即为决定', "The government's own designation is the decision"],
  dg_go: ['判定', 'Decide'],
  dg_result: ['指定管辖结果', 'Designation'],
  dg_placeholder: ['填写左侧申请后点击"判定"。', 'Fill in the request and press "Decide".'],
  dg_errors: ['无法判定:输入有误', 'Cannot decide: the input was refused'],
  outcome: ['结果', 'Outcome'],
  initiator: ['提出方式', 'Initiated by'],
  decides: ['决定机关', 'Decided by'],
  designee: ['原行使部门', 'Original department'],
  effect: ['效果', 'Effect'],
  grounds_cell: ['理由', 'Grounds'],
  case_ref: ['案号', 'Case number'],
  decision_date: ['日期', 'Date'],
  // screening
  sc_form: ['事项与镇街类型', 'Item and town class'],
  sc_item: ['执法事项', 'Power item'],
  sc_class: ['镇街类型', 'Town class'],
  sc_facts: ['本类镇街的评估(可改写规则集中的评估)', "This class's assessment (overrides the rule set's)"],
  sc_facts_hint: ['"按规则集"沿用规则集中该事项的评估;改为"是"或"否"即以本次评估为准。', '"As in the rule set" keeps the rule set\'s assessment of the item; "yes" or "no" replaces it for this screening.'],
  sc_keep: ['按规则集', 'as in the rule set'],
  sc_go: ['筛选', 'Screen'],
  sc_result: ['筛选结果', 'Screening'],
  sc_placeholder: ['选择事项和镇街类型后点击"筛选"。', 'Choose the item and the class and press "Screen".'],
  sc_errors: ['无法筛选:输入有误', 'Cannot screen: the input was refused'],
  verdict: ['结论', 'Verdict'],
  sc_mode: ['下放方式', 'Mode'],
  suggested: ['是否列入建议清单', 'On the suggested list'],
  priority_applies: ['优先下放条款', 'Priority clause'],
  cautious_applies: ['审慎下放条款', 'Cautious clause'],
  applies: ['适用', 'applies'],
  not_applies: ['不适用', 'does not apply'],
  reasons: ['理由', 'Reasons'],
  facts: ['事项属性', 'Attributes'],
  overridden: ['本次改写', 'overridden here'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  // shared
  expected: ['应为', 'expected'],
  did_you_mean: ['是否指', 'Did you mean'],
  print: ['打印', 'Print'],
};

/** Plan §1's attributes, in the sentence's order (docs/screening.md). */
const FACTS = [
  ['high_frequency', '高频多发', 'High frequency'],
  ['easy_to_detect_and_handle', '易发现易处置', 'Easy to detect and handle'],
  ['suitable_professional_demand', '专业要求适宜', 'Suitable professional demand'],
  ['linked_to_territorial_responsibility', '与属地管理事项责任清单相关联', 'Linked to the territorial-responsibility list'],
  ['concerns_safety', '事关人民群众生产生活安全', "Concerns people's safety in production and life"],
  ['highly_professional', '专业要求高', 'Highly professional'],
  ['hard_to_enforce', '执法难度大', 'Hard to enforce'],
  ['town_cannot_take_on', '镇(街道)暂无法承接', 'The town cannot take it on yet'],
];

/** The grounds each initiator may rely on (Plan §14; docs/disputes.md §3). */
const GROUNDS_OF = {
  town: ['major_and_complex', 'needs_recusal', 'unsuited_to_town_level'],
  district_government: ['major_and_complex', 'fair_handling_at_risk'],
};

let c = null; // the portal's context (setupDecisionTabs)
const state = {
  dispatch: { answer: null, errors: null },
  designation: { answer: null, errors: null },
  screening: { answer: null, errors: null },
};
let dgPickers = [];

const $ = (sel, root = document) => root.querySelector(sel);
const sep = () => (c.lang() === 'zh' ? '、' : ', ');
const semi = () => (c.lang() === 'zh' ? ';' : '; ');
const voc = (name, code) => c.L(c.vocab()[name]?.[code]) || code;
const vocCap = (name, code) => c.Lcap(c.vocab()[name]?.[code]) || code;

// ───────────── shared pieces of a result ─────────────

/** A body of an answer ({id, kind, name_zh, name_en}) by name; "—" when absent. */
const bodyText = (b) => (b ? c.named(b) : '—');

/** The determining rules, each with its citations (and its id, small). */
export function rulesList(ctx, rules, id) {
  const { h } = ctx;
  const lang = ctx.lang();
  return h(
    'ul',
    { class: 'rules', id },
    rules.map((rule) =>
      h(
        'li',
        { 'data-rule': rule.id },
        h('span', { text: rule[`title_${lang}`] ?? '' }),
        ' ',
        h('span', { class: 'cite', text: rule.citations.length ? `— ${rule.citations.map((x) => x[lang]).join(lang === 'zh' ? ';' : '; ')}` : '' }),
        ' ',
        h('code', { text: rule.id }),
      ),
    ),
  );
}

/** Warnings, shown right after the verdict. */
export function warningsBox(ctx, warnings, id) {
  if (!warnings?.length) return null;
  const { h } = ctx;
  const lang = ctx.lang();
  return h(
    'div',
    { class: 'warnings', id },
    h('strong', { text: ctx.t('warnings') }),
    h('ul', {}, warnings.map((w) => h('li', { 'data-code': w.code }, `${w[`message_${lang}`]} `, h('code', { text: w.code }), w.citation ? h('span', { class: 'cite', text: ` ${w.citation[lang]}` }) : null))),
  );
}

/**
 * A refusal in the page's language: each diagnostic's message, what was
 * expected, and its suggestions as buttons that put the suggested value into
 * the field (when the field offers it). Fields are marked aria-invalid.
 */
export function errorsBox(ctx, diagnostics, { id, title, fieldFor }) {
  const { h } = ctx;
  const zh = ctx.lang() === 'zh';
  for (const d of diagnostics) fieldFor(d.path ?? '')?.setAttribute('aria-invalid', 'true');
  const item = (d) => {
    const expected = zh ? d.expected_zh ?? d.expected : d.expected;
    const suggestions = suggestionsLine(ctx, d, fieldFor(d.path ?? ''));
    return h(
      'li',
      { 'data-code': d.code, 'data-path': d.path ?? '' },
      `${zh ? d.message_zh : d.message_en} `,
      h('code', { text: d.code }),
      d.path ? h('code', { class: 'path', text: d.path }) : null,
      expected ? h('div', { class: 'small expected', text: `${ctx.t('expected')}: ${expected}` }) : null,
      suggestions,
    );
  };
  return h('div', { class: 'errors', id }, h('strong', { text: title }), h('ul', {}, diagnostics.map(item)));
}

/**
 * "是否指: 张村镇(zhangcun)" for a diagnostic's suggestions, or null. A
 * suggestion the field offers (a <select> with that option) is a button that
 * puts it there; the clerk then submits again.
 */
export function suggestionsLine(ctx, d, field) {
  const { h } = ctx;
  const zh = ctx.lang() === 'zh';
  const list = (d.suggestions ?? []).map((s) => {
    const name = ctx.nameOf(s);
    const label = name && name !== s ? (zh ? `${name}(${s})` : `${name} (${s})`) : s;
    const offered = field?.tagName === 'SELECT' && [...field.options].some((o) => o.value === s);
    if (!offered) return h('span', { class: 'suggestion', 'data-suggestion': s, text: label });
    const b = h('button', { type: 'button', class: 'link suggestion', 'data-suggestion': s, text: label });
    b.addEventListener('click', () => {
      field.value = s;
      field.removeAttribute('aria-invalid');
      field.dispatchEvent(new Event('change', { bubbles: true }));
    });
    return b;
  });
  if (!list.length) return null;
  const comma = zh ? '、' : ', ';
  return h('div', { class: 'small suggestions' }, `${ctx.t('did_you_mean')}: `, ...list.flatMap((x, i) => (i ? [comma, x] : [x])));
}

function traceBox(trace, id) {
  const { h } = c;
  const wasOpen = document.getElementById(id)?.open ?? false;
  return h(
    'details',
    { id, class: 'trace-box', open: wasOpen },
    h('summary', { text: c.t('trace') }),
    h('ol', { class: 'trace' }, (trace ?? []).map((s) => h('li', {}, s[c.lang()], ' ', s.rule ? h('code', { text: s.rule }) : null))),
  );
}

function itemsTable(rows, id) {
  const { h } = c;
  return h(
    'table',
    { id, class: 'grid' },
    h('tr', {}, ...['code', 'item', 'status', 'grant', 'department'].map((k) => h('th', { text: c.t(k) }))),
    rows.map((i) => {
      const item = c.items().find((x) => x.code === i.code);
      const dep = c.departments().find((d) => d.id === i.department);
      return h(
        'tr',
        { 'data-code': i.code, 'data-status': i.status },
        h('td', {}, h('code', { text: i.code })),
        h('td', { text: c.named(item) }),
        h('td', { text: voc('item_status', i.status) }),
        h('td', { text: i.grant ?? '—' }),
        h('td', { text: c.named(dep) }),
      );
    }),
  );
}

function factsTable(rows, id) {
  const { h } = c;
  return h('table', { id }, rows.filter(Boolean).map(([field, label, value]) => h('tr', { 'data-field': field }, h('th', { text: label }), typeof value === 'string' ? h('td', { text: value }) : h('td', {}, value))));
}

/** A form's field for a diagnostic path: the path itself, then without its index, then its first segment. */
function fieldIn(form, path) {
  for (const p of [path, path.replace(/\[\d+\]$/, ''), path.split('.')[0], path.split('[')[0]]) {
    const el = p && form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
  }
  return null;
}

function clearInvalid(form) {
  for (const el of form.querySelectorAll('[aria-invalid=true]')) el.removeAttribute('aria-invalid');
}

function call(tab, operation, request, form) {
  clearInvalid(form);
  const s = state[tab];
  s.request = request;
  try {
    const answer = c.rs().call(operation, request, { raiseErrors: false });
    s.answer = answer.status === 'ok' ? answer : null;
    s.errors = answer.status === 'ok' ? null : answer.errors;
  } catch (e) {
    // FuquanError (e.g. wasm.not_initialised) or anything unexpected: never a blank page.
    s.answer = null;
    s.errors = e?.diagnostics ?? [{ code: 'page.unexpected', path: '', message_zh: `页面出错:${e?.message ?? e}`, message_en: `The page failed: ${e?.message ?? e}` }];
  }
  render(tab);
}

function verdictRow(badge, extra) {
  const { h } = c;
  return h('div', { class: 'verdict' }, badge, extra ?? null);
}

function printButton(id) {
  const b = c.h('button', { type: 'button', class: 'secondary print-btn', id, text: c.t('print') });
  b.addEventListener('click', () => window.print());
  return b;
}

// ───────────── dispatch ─────────────

function dispatchRequest() {
  const req = { source: $('#dp-source').value, place: $('#dp-place').value, date: $('#dp-date').value, trace: true };
  const item = $('#dp-item').value;
  const domain = $('#dp-domain').value;
  if (item) req.item = item;
  if (domain) req.domain = domain;
  const id = $('#dp-report-id').value.trim();
  if (id) req.report_id = id;
  return req;
}

function renderDispatch(a) {
  const { h, t } = c;
  const zh = c.lang() === 'zh';
  const meeting = a.weekly_meeting
    ? `${c.fmt(a.weekly_meeting.date)}${a.weekly_meeting.moved_for_rest_day ? ` ${t('moved_for_rest_day').replace('{d}', c.fmt(a.weekly_meeting.scheduled))}` : ''}`
    : null;
  const domain = c.domains().find((d) => d.id === a.domain);
  const table = factsTable(
    [
      ['destination', t('destination'), voc('dispatch_destination', a.destination)],
      ['mode', t('mode'), voc('dispatch_mode', a.mode)],
      ['dispatcher', t('dispatcher'), bodyText(a.dispatcher)],
      ['handler', t('handler_body'), bodyText(a.handler)],
      a.department ? ['department', t('department_named'), bodyText(a.department)] : null,
      a.acts_in_name_of ? ['acts_in_name_of', t('acts_in_name_of'), bodyText(a.acts_in_name_of)] : null,
      a.handover ? ['handover', t('handover'), `${bodyText(a.handover.from)} → ${bodyText(a.handover.to)}`] : null,
      meeting ? ['weekly_meeting', t('weekly_meeting'), meeting] : null,
      ['place', t('place'), a.town && a.place && a.town.id !== a.place.id ? `${bodyText(a.place)}${zh ? '(适用' : ' (list of '}${bodyText(a.town)}${zh ? '清单)' : ')'}` : bodyText(a.place)],
      ['date', t('report_date'), c.fmt(a.date)],
      ['source', t('dp_source'), voc('dispatch_source', a.source)],
      domain ? ['domain', t('domain'), c.named(domain)] : null,
      a.report_id ? ['report_id', t('report_id'), a.report_id] : null,
    ],
    'dp-table',
  );
  return [
    verdictRow(
      h('span', { class: `badge ${a.destination}`, id: 'dp-destination', 'data-destination': a.destination, text: vocCap('dispatch_destination', a.destination) }),
      h('span', { class: 'pill info', id: 'dp-mode', 'data-mode': a.mode, text: voc('dispatch_mode', a.mode) }),
    ),
    h('p', { class: 'summary', id: 'dp-summary', text: a.summary[c.lang()] }),
    warningsBox(c, a.warnings, 'dp-warnings'),
    table,
    // The basis before the list of items: a domain can bring a dozen items,
    // and the verdict with its basis should stay on the printed first page.
    h('h3', { text: t('rules') }),
    rulesList(c, a.rules, 'dp-rules'),
    h('h3', { text: t('items') }),
    itemsTable(a.items ?? [], 'dp-items'),
    traceBox(a.trace, 'dp-trace'),
    h('p', { class: 'small', text: t('for_reference') }),
  ];
}

function setupDispatch() {
  const picker = c.createItemPicker({ id: 'dp-item', path: 'item', optional: true, className: 'dp-item' });
  $('#dp-item-box').append(picker.wrap);
  $('#dp-date').value = c.today();
  $('#dispatch-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    call('dispatch', 'dispatch', dispatchRequest(), $('#dispatch-form'));
  });
}

function fillDispatchSelects() {
  const { h } = c;
  const source = $('#dp-source');
  const keepSource = source.value || 'grid_worker';
  source.replaceChildren(...Object.keys(c.vocab().dispatch_source).map((k) => h('option', { value: k, text: voc('dispatch_source', k) })));
  source.value = keepSource;
  fillTownSelect($('#dp-place'), true);
  const domain = $('#dp-domain');
  const keepDomain = domain.value;
  domain.replaceChildren(h('option', { value: '', text: c.t('dp_no_domain') }), ...c.domains().map((d) => h('option', { value: d.id, text: c.named(d) })));
  domain.value = keepDomain;
}

/** Towns grouped by kind (the management centre only where it may be chosen). */
function fillTownSelect(sel, withCentre) {
  const { h } = c;
  const keep = sel.value || c.towns()[0]?.id;
  const kinds = Object.keys(c.vocab().town_kind).filter((k) => withCentre || k !== 'management_centre');
  sel.replaceChildren(
    ...kinds
      .map((kind) => {
        const list = c.towns().filter((x) => x.kind === kind);
        return list.length ? h('optgroup', { label: voc('town_kind', kind) }, list.map((x) => h('option', { value: x.id, text: c.named(x) }))) : null;
      })
      .filter(Boolean),
  );
  sel.value = keep;
}

// ───────────── designation ─────────────

function initiator() {
  return document.querySelector('input[name=dg-initiator]:checked')?.value ?? 'town';
}

function fillGrounds() {
  const { h } = c;
  const box = $('#dg-grounds');
  const checked = new Set([...box.querySelectorAll('input:checked')].map((x) => x.value));
  box.replaceChildren(
    ...GROUNDS_OF[initiator()].map((g) =>
      h('label', {}, h('input', { type: 'checkbox', id: `dg-ground-${g}`, value: g, checked: checked.has(g) }), h('span', { text: voc('designation_ground', g) })),
    ),
  );
  const decision = $('#dg-decision');
  const keep = decision.value;
  const byGovernment = initiator() === 'district_government';
  decision.replaceChildren(
    h('option', { value: '', text: byGovernment ? c.t('dg_decision_na') : c.t('dg_pending') }),
    ...Object.keys(c.vocab().designation_decision).map((k) => h('option', { value: k, text: voc('designation_decision', k) })),
  );
  decision.value = byGovernment ? '' : keep;
  decision.disabled = byGovernment;
}

function fillInitiators() {
  for (const [k, pair] of Object.entries(c.vocab().designation_initiator)) {
    const span = $(`#dg-initiator-${k}-label`);
    if (span) span.textContent = c.L(pair);
  }
}

function addDesignationItem(code) {
  const { h } = c;
  const box = $('#dg-items');
  const n = box.children.length;
  const picker = c.createItemPicker({ id: `dg-item-${n}`, path: `items[${n}]`, value: code, className: 'dg-item' });
  const row = h('div', { class: 'row' }, h('label', { class: 'grow', for: `dg-item-${n}` }, h('span', { class: 'dg-item-label', text: `${c.t('item')}${n ? ` ${n + 1}` : ''}` })));
  const wrap = h('div', { class: 'itemrow' }, row, picker.wrap);
  if (n > 0) {
    const rm = h('button', { type: 'button', class: 'remove', text: c.t('remove') });
    rm.addEventListener('click', () => {
      picker.dispose();
      wrap.remove();
      dgPickers = dgPickers.filter((p) => p !== picker);
      renumberDesignationItems();
    });
    row.append(rm);
  }
  dgPickers.push(picker);
  box.append(wrap);
}

function renumberDesignationItems() {
  [...$('#dg-items').children].forEach((wrap, n) => {
    $('select.dg-item', wrap).dataset.path = `items[${n}]`;
    $('.dg-item-label', wrap).textContent = `${c.t('item')}${n ? ` ${n + 1}` : ''}`;
    const rm = $('button.remove', wrap);
    if (rm) rm.textContent = c.t('remove');
  });
}

function designationRequest() {
  const req = {
    initiator: initiator(),
    town: $('#dg-town').value,
    items: [...$('#dg-items').querySelectorAll('select.dg-item')].map((s) => s.value),
    date: $('#dg-date').value,
    grounds: [...$('#dg-grounds').querySelectorAll('input:checked')].map((x) => x.value),
    trace: true,
  };
  if (!$('#dg-decision').disabled && $('#dg-decision').value) req.decision = $('#dg-decision').value;
  const ref = $('#dg-case-ref').value.trim();
  if (ref) req.case_ref = ref;
  return req;
}

function designationDraftBox(a) {
  const s = state.designation;
  if (!s.request || !c.fullEngine) return null;
  const documents = [];
  // A town's 报请 is a 指定管辖申请书; once the government has decided, its 决定书.
  if (a.initiator === 'town') documents.push(['designation_request', ['生成指定管辖申请书(.docx)', 'Draft the request (.docx)']]);
  if (a.outcome !== 'pending') documents.push(['designation_decision', ['生成指定管辖决定书(.docx)', 'Draft the decision (.docx)']]);
  const asked = s.request;
  return draftBox({
    id: 'dg-draft',
    documents,
    request: (document) => ({ document, request: asked, ...(asked.case_ref ? { fill: { case_number: asked.case_ref } } : {}) }),
    lang: c.lang,
    engine: c.fullEngine,
    h: c.h,
    today: c.today,
  });
}

function renderDesignation(a) {
  const { h, t } = c;
  const table = factsTable(
    [
      ['outcome', t('outcome'), voc('designation_outcome', a.outcome)],
      ['initiator', t('initiator'), voc('designation_initiator', a.initiator)],
      ['town', t('dg_town'), bodyText(a.town)],
      ['decides', t('decides'), bodyText(a.decides)],
      ['department', t('designee'), bodyText(a.department)],
      ['handler', t('handler'), a.handler ? bodyText(a.handler) : voc('designation_outcome', 'pending')],
      ['acts_in_name_of', t('acts_in_name_of'), a.acts_in_name_of ? bodyText(a.acts_in_name_of) : '—'],
      ['grounds', t('grounds_cell'), a.grounds.map((g) => voc('designation_ground', g)).join(sep())],
      // The answer does not repeat the date; it is the request's.
      ['date', t('decision_date'), c.fmt(state.designation.request?.date)],
      a.case_ref ? ['case_ref', t('case_ref'), a.case_ref] : null,
      ['effect', t('effect'), a.effect[c.lang()]],
    ],
    'dg-table',
  );
  return [
    verdictRow(h('span', { class: `badge ${a.outcome === 'designated' ? 'department' : a.outcome === 'refused' ? 'keep' : 'platform'}`, id: 'dg-outcome', 'data-outcome': a.outcome, text: vocCap('designation_outcome', a.outcome) })),
    h('p', { class: 'summary', id: 'dg-summary', text: a.summary[c.lang()] }),
    warningsBox(c, a.warnings, 'dg-warnings'),
    table,
    h('h3', { text: t('items') }),
    itemsTable(a.items ?? [], 'dg-items-table'),
    h('h3', { text: t('rules') }),
    rulesList(c, a.rules, 'dg-rules'),
    traceBox(a.trace, 'dg-trace'),
    h('p', { class: 'small', text: t('for_reference') }),
    designationDraftBox(a),
  ];
}

function setupDesignation() {
  addDesignationItem();
  $('#dg-date').value = c.today();
  $('#dg-add-item').addEventListener('click', () => addDesignationItem());
  for (const r of document.querySelectorAll('input[name=dg-initiator]')) r.addEventListener('change', fillGrounds);
  $('#designation-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    call('designation', 'designation_request', designationRequest(), $('#designation-form'));
  });
}

// ───────────── screening ─────────────

function fillFacts() {
  const { h } = c;
  const box = $('#sc-facts');
  const keep = Object.fromEntries([...box.querySelectorAll('select')].map((s) => [s.dataset.fact, s.value]));
  const zh = c.lang() === 'zh';
  box.replaceChildren(
    ...FACTS.map(([k, fzh, fen]) => {
      const sel = h(
        'select',
        { id: `sc-fact-${k}`, 'data-fact': k, 'data-path': `facts.${k}` },
        h('option', { value: '', text: c.t('sc_keep') }),
        h('option', { value: 'true', text: c.t('yes') }),
        h('option', { value: 'false', text: c.t('no') }),
      );
      sel.value = keep[k] ?? '';
      return h('label', {}, h('span', { text: zh ? fzh : fen }), sel);
    }),
  );
}

function fillClasses() {
  const { h } = c;
  const sel = $('#sc-class');
  const keep = sel.value || 'developed_town';
  sel.replaceChildren(...Object.keys(c.vocab().town_class).map((k) => h('option', { value: k, text: voc('town_class', k) })));
  sel.value = keep;
}

function screeningRequest() {
  const facts = {};
  for (const s of $('#sc-facts').querySelectorAll('select')) if (s.value) facts[s.dataset.fact] = s.value === 'true';
  const req = { item: $('#sc-item').value, class: $('#sc-class').value, trace: true };
  if (Object.keys(facts).length) req.facts = facts;
  return req;
}

function renderScreening(a) {
  const { h, t } = c;
  const zh = c.lang() === 'zh';
  const yesNo = (b) => t(b ? 'yes' : 'no');
  const overridden = new Set(a.overridden ?? []);
  const table = factsTable(
    [
      ['item', t('sc_item'), `${a.item.code} ${a.item[`name_${c.lang()}`]}`],
      ['class', t('sc_class'), voc('town_class', a.class)],
      ['verdict', t('verdict'), voc('screening_verdict', a.verdict)],
      ['priority_applies', t('priority_applies'), t(a.priority_applies ? 'applies' : 'not_applies')],
      ['cautious_applies', t('cautious_applies'), t(a.cautious_applies ? 'applies' : 'not_applies')],
      ['mode', t('sc_mode'), voc('screening_mode', a.mode)],
      ['suggested', t('suggested'), yesNo(a.suggested)],
    ],
    'sc-table',
  );
  const reasons = a.reasons.length ? h('ul', { class: 'rules', id: 'sc-reasons' }, a.reasons.map((r) => h('li', { 'data-reason': r.code }, r[c.lang()] ?? r.code))) : null;
  const facts = h(
    'table',
    { class: 'grid', id: 'sc-facts-table' },
    FACTS.map(([k, fzh, fen]) =>
      h(
        'tr',
        { 'data-fact': k, class: overridden.has(k) ? 'close' : null },
        h('td', { text: zh ? fzh : fen }),
        h('td', { text: yesNo(a.facts[k]) }),
        h('td', { class: 'small', text: overridden.has(k) ? t('overridden') : '' }),
      ),
    ),
  );
  return [
    verdictRow(
      h('span', { class: `badge ${a.verdict === 'priority' ? 'keep' : a.verdict === 'cautious' ? 'transfer' : 'platform'}`, id: 'sc-verdict', 'data-verdict': a.verdict, text: vocCap('screening_verdict', a.verdict) }),
      h('span', { class: `pill ${a.mode === 'not_devolvable' ? 'fail' : 'info'}`, id: 'sc-mode', 'data-mode': a.mode, text: voc('screening_mode', a.mode) }),
    ),
    h('p', { class: 'summary', id: 'sc-summary', text: a.summary[c.lang()] }),
    warningsBox(c, a.warnings, 'sc-warnings'),
    table,
    reasons ? h('h3', { text: t('reasons') }) : null,
    reasons,
    h('h3', { text: t('facts') }),
    facts,
    h('h3', { text: t('rules') }),
    rulesList(c, a.rules, 'sc-rules'),
    traceBox(a.trace, 'sc-trace'),
    h('p', { class: 'small', text: t('for_reference') }),
  ];
}

function setupScreening() {
  const picker = c.createItemPicker({ id: 'sc-item', path: 'item', className: 'sc-item' });
  $('#sc-item-box').append(picker.wrap);
  $('#screening-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    call('screening', 'screen', screeningRequest(), $('#screening-form'));
  });
}

// ───────────── the three tabs ─────────────

const TABS = {
  dispatch: { prefix: 'dp', form: '#dispatch-form', render: renderDispatch, caseNumber: (a) => a.report_id },
  designation: { prefix: 'dg', form: '#designation-form', render: renderDesignation, caseNumber: (a) => a.case_ref },
  screening: { prefix: 'sc', form: '#screening-form', render: renderScreening, caseNumber: () => null },
};

function render(tab) {
  const { prefix, form, render: draw } = TABS[tab];
  const s = state[tab];
  const box = $(`#${prefix}-result`);
  const { h, t } = c;
  if (s.errors) {
    clearInvalid($(form));
    box.replaceChildren(errorsBox(c, s.errors, { id: `${prefix}-errors`, title: t(`${prefix}_errors`), fieldFor: (p) => fieldIn($(form), p) }));
  } else if (s.answer) {
    box.replaceChildren(...draw(s.answer).filter(Boolean));
  } else {
    box.replaceChildren(h('p', { class: 'placeholder', text: t(`${prefix}_placeholder`) }));
  }
  const heading = $(`#${prefix}-result-title`);
  $('.print-btn', heading.parentElement)?.remove();
  if (s.answer) heading.after(printButton(`${prefix}-print`));
  c.onRender();
}

/** What the print header shows for a tab: its result's title and case number, or null without a result. */
export function decisionPrintInfo(tab) {
  const spec = TABS[tab];
  const a = spec && state[tab].answer;
  if (!a) return null;
  return { title: c.t(`${spec.prefix}_result`), caseNumber: spec.caseNumber(a) ?? null };
}

/** Wires the three tabs; `ctx` is the portal's context (portal.js). */
export function setupDecisionTabs(ctx) {
  c = ctx;
  setupDispatch();
  setupDesignation();
  setupScreening();
}

/** Every label, option and result of the three tabs in the page's language. */
export function relabelDecisionTabs() {
  fillDispatchSelects();
  fillTownSelect($('#dg-town'), true);
  fillInitiators();
  fillGrounds();
  renumberDesignationItems();
  fillClasses();
  fillFacts();
  for (const tab of Object.keys(TABS)) render(tab);
}
