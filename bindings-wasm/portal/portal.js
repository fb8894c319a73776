// The district-office portal: plain JavaScript, no framework, no build step.
// It loads the browser build of fuquan with a plain module import.

import init, { FuquanError, RuleSet, coreVersion } from '../index.js';
import { renderCatalogue, setupCatalogue } from './catalogue.js';
import { formatDate, todayIso } from './dates.js';
import { renderDisputes, setupDisputes } from './disputes.js';
import { draftBox } from './drafting.js';
import { createItemPicker, relabelPickers } from './item-picker.js';
import { DECISION_UI, decisionPrintInfo, errorsBox, relabelDecisionTabs, setupDecisionTabs, suggestionsLine } from './decisions.js';
import { looksLikeTable, parseRosterTable } from './roster-table.js';

// ───────────── texts (Chinese first; English on toggle) ─────────────

const UI = {
  intake_title: ['受理:群众、网格员所述问题 → 事项、主管机关与派单', 'Intake: from what a caller or grid worker says to the matter, the body and the dispatch'],
  intake_text: ['所述问题(一句话)', 'What was reported (one sentence)'],
  intake_place: ['地点(可留空,按所述内容识别)', 'Place (leave empty to read it from the text)'],
  intake_auto: ['(按所述内容识别)', '(read from the text)'],
  intake_date: ['日期', 'Date'],
  intake_source: ['来源', 'Source'],
  intake_go: ['识别', 'Identify'],
  intake_outcome: ['结论', 'Outcome'],
  intake_confidence: ['把握', 'Confidence'],
  intake_candidates: ['候选事项', 'Candidate items'],
  intake_score: ['得分', 'Score'],
  intake_words: ['匹配词', 'Matched words'],
  intake_word_score: ['用语得分', 'Word score'],
  intake_example_score: ['样例得分', 'Example score'],
  intake_ranked_by: ['比对依据', 'Ranked by'],
  intake_nearest: ['最相近的样例', 'Closest example report'],
  intake_outside: ['不属于清单事项', 'outside the catalogue'],
  intake_place_used: ['地点', 'Place'],
  intake_destination: ['去向', 'Goes to'],
  intake_handler: ['处置机关', 'Handled by'],
  intake_next: ['下一步', 'Next step'],
  intake_refused: ['无法受理:输入有误', 'Cannot take it in: the input was refused'],
  intake_from_text: ['按所述内容识别', 'read from the text'],
  title: ['镇街赋权案件管辖判定', 'Town enforcement case routing'],
  sample: [
    '示例数据:本页使用的规则集为示例数据(以真实法律为依据的示范清单),并非官方公布的赋权清单,不得作为正式依据引用。',
    'Sample data: the rule set on this page is an illustrative sample (real laws as legal bases), not the officially published lists of delegated powers. Do not cite it as official.',
  ],
  sample_tag: ['示例数据', 'sample data'],
  case: ['案件情况', 'The case'],
  where_what: ['地点与事项', 'Place and items'],
  town: ['违法行为发生地', 'Place of the violation'],
  item: ['执法事项', 'Power item'],
  add_item: ['+ 添加事项', '+ Add an item'],
  remove: ['删除', 'Remove'],
  dates: ['日期', 'Dates'],
  violation: ['违法行为发生日', 'Violation'],
  discovery: ['发现日', 'Discovery'],
  filing: ['立案日', 'Filing (立案)'],
  decision: ['决定日(如已作出)', 'Decision (if made)'],
  party: ['当事人', 'Party'],
  individual: ['公民', 'Individual'],
  organisation: ['法人或其他组织', 'Organisation'],
  business: ['在经营活动中实施', 'In the course of business'],
  sanctions: ['拟作出的处罚', 'Proposed sanctions'],
  fine: ['罚款金额(元)', 'Fine (yuan)'],
  confiscation: ['没收财物价值(元)', 'Value confiscated (yuan)'],
  money_hint: ['金额按元填写,最多两位小数,精确计算,不做四舍五入。', 'Amounts in yuan with at most two decimals, computed exactly, never rounded.'],
  flags: ['案件情形', 'Circumstances'],
  opened_by: ['已由以下机关立案', 'Already opened (立案) by'],
  not_opened: ['(尚未立案)', '(not opened yet)'],
  towns_group: ['镇(街道)', 'Towns and subdistricts'],
  departments_group: ['区级部门', 'District departments'],
  route: ['判定', 'Route'],
  ruling: ['判定结果', 'Ruling'],
  roles: ['办理与责任', 'Who handles it and who answers for it'],
  placeholder: ['填写左侧案件情况后点击"判定"。', 'Fill in the case and press "Route".'],
  loading: ['正在加载规则引擎…', 'Loading the rules engine…'],
  load_failed: ['无法加载规则引擎(WebAssembly):', 'Could not load the rules engine (WebAssembly): '],
  handler: ['办理机关', 'Handled by'],
  acts_in_name_of: ['以谁的名义作出决定', 'Decides in the name of'],
  legally_responsible: ['承担法律责任', 'Legally responsible'],
  review_respondent: ['行政复议被申请人', 'Respondent in administrative review'],
  litigation_defendant: ['行政诉讼被告', 'Defendant in litigation'],
  review_body: ['行政复议机关', 'Review body'],
  transfer: ['移送', 'Transfer'],
  handover: ['移交', 'Handover'],
  transition: ['过渡期', 'Transition period'],
  relevant_date: ['判定基准日', 'Relevant date'],
  legal_review: ['法制审核', 'Legal review'],
  hearing: ['听证', 'Hearing'],
  designation: ['指定管辖', 'Designation'],
  items: ['事项', 'Items'],
  code: ['编码', 'Code'],
  status: ['状态', 'Status'],
  grant: ['赋权/委托文件', 'Grant'],
  department: ['原行使部门', 'Original department'],
  rules: ['决定性规则及依据', 'Determining rules and citations'],
  warnings: ['提示', 'Warnings'],
  trace: ['显示推理过程', 'Show the step-by-step trace'],
  errors: ['无法判定:输入有误', 'Cannot route: the input was refused'],
  required: ['需要', 'required'],
  not_required: ['不需要', 'not required'],
  has_right: ['当事人有权要求听证', 'the party has a right to a hearing'],
  no_right: ['无听证权利', 'no right to a hearing'],
  designated: ['已由区政府指定原部门管辖', 'designated to the department by the district government'],
  may_request: ['镇(街道)可报请区政府指定管辖', 'the town may ask the district government to designate'],
  none: ['无', 'none'],
  na: ['不适用', 'n/a'],
  grounds: ['理由', 'grounds'],
  in_transition: ['在过渡期内', 'within the transition'],
  after_transition: ['过渡期已届满', 'after the transition'],
  effective: ['生效', 'effective'],
  last_day: ['届满日', 'last day'],
  basis: ['依据', 'basis'],
  core: ['规则引擎', 'engine'],
  ruleset: ['规则集', 'rule set'],
  for_reference: ['判定结果仅供参考,以正式文件为准。', 'The ruling is guidance only; the official documents prevail.'],
  // staffing check
  tab_routing: ['案件管辖判定', 'Case routing'],
  tab_staffing: ['编制与法制审核核查', 'Staffing check'],
  tab_catalogue: ['事项清单浏览', 'Catalogue explorer'],
  tab_disputes: ['管辖争议', 'Disputes'],
  roster: ['人员名册', 'The roster'],
  roster_json: ['名册(JSON,或从 Excel 复制粘贴的花名册表格)', 'Roster (JSON, or a 花名册 table copied from Excel)'],
  load_sample: ['载入示例名册', 'Load sample roster'],
  upload: ['或上传 .json / .csv 文件:', 'or upload a .json or .csv file:'],
  xlsx_upload: ['门户不读取 .xlsx(工作簿读取库会使 WebAssembly 超出 300 KB 预算):请在 Excel 中选中花名册复制粘贴到此处,或另存为 CSV UTF-8;命令行 fuquan staffing 可直接读取 .xlsx。', 'The portal does not read .xlsx (a workbook reader would push the WebAssembly past its 300 KB budget): copy the 花名册 in Excel and paste it here, or save it as CSV UTF-8; the command line fuquan staffing reads .xlsx directly.'],
  table_people: ['表格', 'Table'],
  table_errors: ['表格中有无法读取的行,未核查:', 'Rows of the table could not be read; nothing was checked:'],
  roster_hint: [
    '格式见 docs/staffing.md:镇(街道)、核查日期和人员列表(编制、岗位、执法证、法制审核、借调、到一线工作日)。',
    'Format: docs/staffing.md — the town, the date and the people (establishment, post, certificate, legal review, secondment, front line since).',
  ],
  st_where_when: ['镇(街道)与核查日期', 'Town and date'],
  st_town: ['镇(街道)', 'Town or subdistrict'],
  as_of: ['核查日期', 'As of'],
  prefill_hint: ['载入名册时按名册中的 town、as_of 自动填写;此处所选优先。', "Filled in from the roster's town and as_of when it is loaded; what is chosen here prevails."],
  run_check: ['核查', 'Check'],
  report: ['核查结果', 'Report'],
  st_placeholder: ['粘贴或上传名册(或载入示例名册)后点击"核查"。', 'Paste or upload a roster (or load the sample) and press "Check".'],
  st_errors: ['无法核查:输入有误', 'Cannot check: the input was refused'],
  no_roster: ['请先粘贴或上传名册(JSON)。', 'Paste or upload a roster (JSON) first.'],
  sample_failed: ['无法载入示例名册:', 'Could not load the sample roster: '],
  file_failed: ['无法读取文件:', 'Could not read the file: '],
  unexpected: ['页面出错:', 'The page failed: '],
  not_object: ['名册应为 JSON 对象:{"town": …, "as_of": …, "people": [ … ]}。', 'The roster must be a JSON object: {"town": …, "as_of": …, "people": [ … ]}.'],
  roster_people: ['名册', 'Roster'],
  roster_unparsed: ['名册不是有效的 JSON,核查时将指出错误位置。', 'The roster is not valid JSON yet; the check will say where.'],
  unknown_town: ['不在规则集中', 'not in the rule set'],
  all_pass: ['符合要求', 'Meets the requirements'],
  some_fail: ['不符合要求', 'Does not meet the requirements'],
  check: ['核查项', 'Check'],
  result: ['结果', 'Result'],
  figures: ['数据', 'Figures'],
  people: ['涉及人员', 'People concerned'],
  citations: ['依据', 'Citations'],
  passes: ['符合', 'Passes'],
  fails: ['不符合', 'Fails'],
  info: ['提示', 'Info'],
  checks: ['逐项核查', 'Checks'],
  rotation: ['干部交流(在执法一线工作满3年可以交流,满6年必须交流)', 'Rotation (may after 3 full years on the front line, must after 6)'],
  person: ['人员', 'Person'],
  front_line_since: ['到一线工作日', 'Front line since'],
  period_last_day: ['满{n}年期间届满日', '{n}-year period ends'],
  may_from: ['可以交流自', 'May be rotated from'],
  must_from: ['必须交流自', 'Must be rotated from'],
  no_cadres: ['名册中没有填写到一线工作日的正式人员。', 'No formal person in the roster has a front-line start date.'],
  person_n: ['第 {n} 人', 'person {n}'],
  st_trace: ['显示核查过程', 'Show the step-by-step trace'],
  st_for_reference: ['核查结果仅供参考,以组织人事部门的正式认定为准。', 'The report is guidance only; the personnel authorities decide.'],
  // case number and print
  case_number: ['案号(可留空,打印时显示)', 'Case number (optional, printed with the result)'],
  dg_case_ref: ['案号(可留空)', 'Case number (optional)'],
  case_no: ['案号', 'Case number'],
  printed_on: ['打印日期', 'Printed on'],
  cat_result: ['事项清单', 'Catalogue'],
  intake_result: ['受理识别结果', 'Intake'],
  ...DECISION_UI,
};

// Labels of the engine's codes come from the engine itself (the `labels`
// operation, docs/names.md): one table for the CLI, both bindings and this page.
let CHECK_NAME = {};
let ROTATION_STATUS = {};
let FIGURE_LABEL = {};
let DISPOSITION = {};
let ITEM_STATUS = {};
let GROUND = {};
let DATE_BASIS = {};
let SANCTIONS = [];
let TOWN_KIND = {};
let TOWN_CLASS = {};
let ITEM_KIND = {};

// Every vocabulary of an engine, as { name: { code: [zh, en] } }.
function vocabularies(engine) {
  const answer = engine.call('labels', {});
  return Object.fromEntries(
    answer.vocabularies.map((voc) => [voc.name, Object.fromEntries(voc.values.map((x) => [x.code, [x.zh, x.en]]))]),
  );
}

let VOCAB = {};

function loadLabels() {
  const v = vocabularies(rs);
  VOCAB = v;
  CHECK_NAME = v.staffing_check;
  ROTATION_STATUS = v.rotation_status;
  FIGURE_LABEL = v.staffing_figure;
  DISPOSITION = v.disposition;
  ITEM_STATUS = v.item_status;
  GROUND = { ...v.hearing_ground, ...v.legal_review_ground, ...v.ruling_designation_ground };
  DATE_BASIS = v.date_basis;
  SANCTIONS = Object.entries(v.sanction).map(([code, [zh, en]]) => [code, zh, en]);
  TOWN_KIND = v.town_kind;
  TOWN_CLASS = v.town_class;
  ITEM_KIND = v.item_kind;
  INTAKE_SOURCE = v.dispatch_source;
  DESTINATION = v.dispatch_destination;
}
let INTAKE_OUTCOME = {};
let RANKED_BY = {};
// Intake sources and dispatch destinations: the engine's labels (loadLabels).
let INTAKE_SOURCE = {};
let DESTINATION = {};

const FLAGS = [
  ['major_and_complex', '案件重大复杂', 'Major and complex'],
  ['needs_recusal', '需要回避', 'Recusal needed'],
  ['unsuited_to_town_level', '不宜由镇(街道)管辖', 'Unsuited to the town level'],
  ['district_designation', '区政府已指定原部门管辖', 'District designated the department'],
  ['major_public_interest', '涉及重大公共利益', 'Major public interest'],
  ['complex_multiple_legal_relations', '疑难复杂、涉及多个法律关系', 'Complex, several legal relations'],
  ['review_required_by_law', '法律、法规要求法制审核', 'Legal review required by law'],
  ['hearing_requested', '当事人要求听证', 'The party asks for a hearing'],
];


// ───────────── state ─────────────

let lang = 'zh';
let rs = null;
let towns = [];
let items = [];
let domains = [];
let departments = [];
let lastAnswer = null;
let lastRequest = null; // the route request lastAnswer answers (what 生成文书 drafts from)
let lastError = null;

const $ = (sel, root = document) => root.querySelector(sel);
const L = (pair) => (pair ? pair[lang === 'zh' ? 0 : 1] : '');
// An engine label shown on its own (a badge, a heading): English starts with a capital.
const Lcap = (pair) => {
  const s = L(pair);
  return lang === 'zh' ? s : s.charAt(0).toUpperCase() + s.slice(1);
};
const t = (key) => L(UI[key]) || key;
const named = (x) => (x ? x[`name_${lang}`] : '');
/** An ISO date as the page's language writes it (dates.js). */
const fmt = (iso) => formatDate(iso, lang);
const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
};

// ───────────── form ─────────────

function fillTownSelect() {
  const sel = $('#town');
  const keep = sel.value || towns[0]?.id;
  sel.replaceChildren(
    ...Object.keys(TOWN_KIND)
      .map((kind) => {
        const list = towns.filter((x) => x.kind === kind);
        if (list.length === 0) return null;
        return h('optgroup', { label: L(TOWN_KIND[kind]) }, list.map((x) => h('option', { value: x.id, text: named(x) })));
      })
      .filter(Boolean),
  );
  sel.value = keep;
  showTownInfo();
}

function showTownInfo() {
  const town = towns.find((x) => x.id === $('#town').value);
  if (!town) return;
  let info = town.class ? L(TOWN_CLASS[town.class]) : L(TOWN_KIND[town.kind]);
  if (town.hands_over_to) {
    const to = towns.find((x) => x.id === town.hands_over_to);
    info += lang === 'zh' ? `;不是镇政府,案件移交${named(to)}` : `; not a town government: hands cases over to ${named(to)}`;
  }
  $('#town-info').textContent = info;
}

// The context every item picker reads (item-picker.js).
function pickerContext() {
  return {
    h,
    lang: () => lang,
    named,
    L,
    items,
    domains,
    departments,
    itemKind: () => ITEM_KIND,
    rs,
    describeReady: () => fullRuleSet !== null,
    describe: describeItems,
  };
}

function addItemRow(code) {
  const box = $('#items');
  const n = box.children.length;
  const picker = createItemPicker(pickerContext(), { id: `item-${n}`, path: `items[${n}]`, value: code });
  const label = h('label', { class: 'grow', for: `item-${n}` }, h('span', { 'data-i18n': 'item', text: t('item') + (n > 0 ? ` ${n + 1}` : '') }));
  const row = h('div', { class: 'row' }, label);
  if (n > 0) {
    const rm = h('button', { type: 'button', class: 'remove', 'data-i18n': 'remove', text: t('remove') });
    rm.addEventListener('click', () => {
      picker.dispose();
      wrap.remove();
      renumberItems();
    });
    row.append(rm);
  }
  const wrap = h('div', { class: 'itemrow' }, row, picker.wrap);
  box.append(wrap);
}

// Rows keep their element ids after a removal (the pickers hold them); only
// the labels and request paths follow the new order.
function renumberItems() {
  [...$('#items').children].forEach((wrap, n) => {
    $('select.item', wrap).dataset.path = `items[${n}]`;
    $('span[data-i18n=item]', wrap).textContent = t('item') + (n > 0 ? ` ${n + 1}` : '');
    const rm = $('button.remove', wrap);
    if (rm) rm.textContent = t('remove');
  });
}

function fillChecks(box, list, prefix) {
  const checked = new Set([...box.querySelectorAll('input:checked')].map((x) => x.value));
  box.replaceChildren(
    ...list.map(([id, zh, en]) =>
      h('label', {}, h('input', { type: 'checkbox', id: `${prefix}-${id}`, value: id, checked: checked.has(id) }), h('span', { text: lang === 'zh' ? zh : en })),
    ),
  );
}

function fillOpenedBy() {
  const sel = $('#opened-by');
  const keep = sel.value;
  sel.replaceChildren(
    h('option', { value: '', text: t('not_opened') }),
    h('optgroup', { label: t('towns_group') }, towns.filter((x) => x.kind !== 'management_centre').map((x) => h('option', { value: x.id, text: named(x) }))),
    h('optgroup', { label: t('departments_group') }, departments.map((d) => h('option', { value: d.id, text: named(d) }))),
  );
  sel.value = keep;
}

function syncFine() {
  const on = $('#sanction-fine')?.checked ?? false;
  $('#fine').disabled = !on;
}

/** Money as typed, made exact text: thousands separators and spaces dropped, nothing rounded. */
const money = (s) => s.replace(/[,，\s]/g, '');

function request() {
  const dates = {};
  for (const k of ['violation', 'discovery', 'filing', 'decision']) {
    const v = $(`#date-${k}`).value;
    if (v) dates[k] = v;
  }
  const sanctions = [...$('#sanctions').querySelectorAll('input:checked')].map((x) => x.value);
  const flags = {};
  for (const x of $('#flags').querySelectorAll('input:checked')) flags[x.value] = true;
  const req = {
    items: [...$('#items').querySelectorAll('select.item')].map((s) => s.value),
    location: $('#town').value,
    party: $('input[name=party]:checked').value,
    business_activity: $('#business').checked,
    dates,
    sanctions,
    flags,
    trace: true,
  };
  if (sanctions.includes('fine')) req.fine = money($('#fine').value);
  const conf = money($('#confiscation').value);
  if (conf) req.confiscation = conf;
  if ($('#opened-by').value) req.opened_by = $('#opened-by').value;
  const caseId = $('#case-id').value.trim();
  if (caseId) req.case_id = caseId;
  return req;
}

// ───────────── result ─────────────

function fieldFor(path) {
  const candidates = [path, path.replace(/\[\d+\]$/, ''), path.split('.')[0]];
  for (const p of candidates) {
    const el = $('#case-form').querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
  }
  return null;
}

function clearInvalid(root = $('#case-form')) {
  for (const el of root.querySelectorAll('[aria-invalid=true]')) el.removeAttribute('aria-invalid');
}

function bodyCell(b) {
  return b ? h('td', { text: named(b) }) : h('td', { class: 'na', text: t('na') });
}

function movementCell(m) {
  return m ? h('td', { text: `${named(m.from)} → ${named(m.to)}` }) : h('td', { class: 'na', text: t('none') });
}

function groundsText(grounds) {
  return grounds.length ? `(${t('grounds')}: ${grounds.map((g) => L(GROUND[g]) || g).join(lang === 'zh' ? '、' : ', ')})` : '';
}

function renderRuling(answer) {
  const r = answer.ruling;
  const row = (field, cell) => h('tr', { 'data-field': field }, h('th', { text: t(field) }), cell);
  const transition = r.transition
    ? h('td', {
        text: `${r.transition.grant}: ${t('effective')} ${fmt(r.transition.effective)}, ${t('last_day')} ${fmt(r.transition.last_day)} — ${t(r.transition.in_transition ? 'in_transition' : 'after_transition')}`,
      })
    : h('td', { class: 'na', text: t('none') });
  const review = `${t(r.legal_review.required ? 'required' : 'not_required')} ${groundsText(r.legal_review.grounds)}`;
  const hearing = `${t(r.hearing.right ? 'has_right' : 'no_right')} ${groundsText(r.hearing.grounds)}`;
  const designation = r.designation.designated
    ? t('designated')
    : r.designation.may_request
      ? `${t('may_request')} ${groundsText(r.designation.grounds)}`
      : t('none');

  const roles = h(
    'table',
    { id: 'roles' },
    row('handler', bodyCell(r.handler)),
    row('acts_in_name_of', bodyCell(r.acts_in_name_of)),
    row('legally_responsible', bodyCell(r.legally_responsible)),
    row('review_respondent', bodyCell(r.review_respondent)),
    row('litigation_defendant', bodyCell(r.litigation_defendant)),
    row('review_body', bodyCell(r.review_body)),
    row('transfer', movementCell(r.transfer)),
    row('handover', movementCell(r.handover)),
    row('transition', transition),
    row('relevant_date', h('td', { text: `${fmt(r.relevant_date)} (${L(DATE_BASIS[r.relevant_date_basis])})` })),
    row('legal_review', h('td', { text: review.trim() })),
    row('hearing', h('td', { text: hearing.trim() })),
    row('designation', h('td', { text: designation.trim() })),
  );

  const itemTable = h(
    'table',
    { id: 'ruling-items' },
    h('tr', {}, ...['code', 'item', 'status', 'grant', 'department'].map((k) => h('th', { text: t(k) }))),
    r.items.map((i) => {
      const item = items.find((x) => x.code === i.code);
      const dep = departments.find((d) => d.id === i.department);
      return h(
        'tr',
        {},
        h('td', {}, h('code', { text: i.code })),
        h('td', { text: named(item) }),
        h('td', { text: L(ITEM_STATUS[i.status]) || i.status }),
        h('td', { text: i.grant ?? '—' }),
        h('td', { text: named(dep) }),
      );
    }),
  );

  const rules = h(
    'ul',
    { class: 'rules', id: 'rules' },
    r.rules.map((rule) =>
      h(
        'li',
        { 'data-rule': rule.id },
        h('span', { text: rule[`title_${lang}`] }),
        ' ',
        h('span', { class: 'cite', text: rule.citations.length ? `— ${rule.citations.map((c) => c[lang]).join(lang === 'zh' ? ';' : '; ')}` : '' }),
        ' ',
        h('code', { text: rule.id }),
      ),
    ),
  );

  const warnings = answer.warnings.length
    ? h(
        'div',
        { class: 'warnings', id: 'warnings' },
        h('strong', { text: t('warnings') }),
        h('ul', {}, answer.warnings.map((w) => h('li', {}, `${w[`message_${lang}`]} `, h('code', { text: w.code }), w.citation ? h('span', { class: 'cite', text: ` ${w.citation[lang]}` }) : null))),
      )
    : null;

  const wasOpen = $('#trace')?.open ?? false;
  const trace = h(
    'details',
    { id: 'trace', open: wasOpen },
    h('summary', { text: t('trace') }),
    h('ol', { class: 'trace' }, (r.trace ?? []).map((s) => h('li', {}, s[lang], s.rule ? h('code', { text: s.rule }) : null))),
  );

  const parts = [
    h(
      'div',
      { class: 'verdict' },
      h('span', { class: `badge ${r.disposition}`, id: 'disposition', 'data-disposition': r.disposition, text: Lcap(DISPOSITION[r.disposition]) }),
      r.case_id ? h('span', { id: 'case-number', text: `${t('case_no')}: ${r.case_id}` }) : null,
    ),
    h('p', { class: 'summary', id: 'summary', text: r.summary[lang] }),
    warnings,
    h('h3', { text: t('roles') }),
    roles,
    h('h3', { text: t('items') }),
    itemTable,
    h('h3', { text: t('rules') }),
    rules,
    trace,
  ];
  $('#result').replaceChildren(...[...parts, routingDraftBox(r)].filter(Boolean));
  placePrintButton('#result-title', 'print-btn', true);
}

// A transfer (Plan §13) ends in a 案件移送书, a handover (the 里口山 centre) in a
// 案件移交函: drafted from the request just routed, with the 案号 field.
const DRAFTS_OF_DISPOSITION = {
  transfer: [['transfer', ['生成案件移送书(.docx)', 'Draft the transfer letter (.docx)']]],
  handover: [['handover', ['生成案件移交函(.docx)', 'Draft the handover letter (.docx)']]],
};

function routingDraftBox(ruling) {
  const documents = DRAFTS_OF_DISPOSITION[ruling.disposition];
  if (!documents || !lastRequest) return null;
  const routed = lastRequest;
  return draftBox({
    id: 'draft',
    documents,
    request: (document) => {
      // The 案号 the form sent with the case (its `case_id`) heads the letter.
      return { document, request: routed, ...(routed.case_id ? { fill: { case_number: routed.case_id } } : {}) };
    },
    lang: () => lang,
    engine: fullEngine,
    h,
    today: todayIso,
  });
}

/** The 打印 button beside a result's heading, while there is a result to print. */
function placePrintButton(heading, id, on) {
  const hd = $(heading);
  $('.print-btn', hd.parentElement)?.remove();
  if (!on) return;
  const b = h('button', { type: 'button', class: 'secondary print-btn', id, text: t('print') });
  b.addEventListener('click', () => window.print());
  hd.after(b);
}

function renderError(err) {
  clearInvalid();
  $('#result').replaceChildren(errorsBox(uiContext(), err.diagnostics, { id: 'errors', title: t('errors'), fieldFor: (p) => fieldFor(p ?? '') }));
  placePrintButton('#result-title', 'print-btn', false);
}

function render() {
  if (lastError) renderError(lastError);
  else if (lastAnswer) renderRuling(lastAnswer);
  updatePrintHeader();
}

function routeNow() {
  clearInvalid();
  try {
    lastRequest = request();
    lastAnswer = rs.route(lastRequest);
    lastError = null;
  } catch (e) {
    if (!(e instanceof FuquanError)) throw e;
    lastAnswer = null;
    lastError = e;
  }
  render();
}

// ───────────── staffing check (编制与法制审核核查) ─────────────
//
// One town's roster on a date, checked by the engine's `staffing` decision
// (docs/staffing.md): each check with pass/fail, its figures, the people
// concerned and its citations, and the rotation table.

let stAnswer = null; // the last `ok` answer
let stErrors = null; // the last refusal: engine diagnostics, or a local message
let stPeople = new Map(); // person id → name, from the roster last checked
let stExtraTown = null; // a roster's town that is not in the rule set (shown so the engine can refuse it)

const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
const sep = () => (lang === 'zh' ? '、' : ', ');

function fillStaffingTownSelect() {
  const sel = $('#st-town');
  const keep = sel.value || towns.find((x) => x.kind !== 'management_centre')?.id;
  const groups = ['town', 'subdistrict']
    .map((kind) => {
      const list = towns.filter((x) => x.kind === kind);
      return list.length ? h('optgroup', { label: L(TOWN_KIND[kind]) }, list.map((x) => h('option', { value: x.id, text: named(x) }))) : null;
    })
    .filter(Boolean);
  if (stExtraTown) groups.push(h('option', { value: stExtraTown, text: `${stExtraTown}(${t('unknown_town')})` }));
  sel.replaceChildren(...groups);
  sel.value = keep;
}

function rosterText() {
  return $('#st-roster').value.replace(/^\uFEFF/, '');
}

/** A roster pasted as a table (tab-separated from Excel, or CSV): people and row diagnostics; null for JSON. */
function tableRoster() {
  const text = rosterText();
  return looksLikeTable(text) ? parseRosterTable(text, departments) : null;
}

function parseRoster() {
  try {
    const doc = JSON.parse(rosterText());
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? doc : null;
  } catch {
    return null;
  }
}

/** The roster's town and date, filled into the form when the roster is loaded or edited. */
function prefillFromRoster() {
  const doc = parseRoster();
  if (doc) {
    if (typeof doc.town === 'string' && doc.town) {
      const known = towns.some((x) => x.id === doc.town && x.kind !== 'management_centre');
      stExtraTown = known ? null : doc.town;
      fillStaffingTownSelect();
      $('#st-town').value = doc.town;
    }
    // An impossible date (2025-02-30) leaves the field empty: the roster's own
    // value is then sent, and the engine says what is wrong with it.
    if (typeof doc.as_of === 'string') $('#st-as-of').value = doc.as_of;
  }
  showRosterInfo();
}

function showRosterInfo() {
  const box = $('#st-roster-info');
  const text = rosterText();
  if (!text.trim()) {
    box.textContent = '';
    return;
  }
  const table = tableRoster();
  if (table) {
    const problems = table.diagnostics.length;
    box.textContent = lang === 'zh'
      ? `${t('table_people')}: ${table.people.length} 人(共 ${table.rows} 行)${problems ? `,${problems} 处问题` : ''}`
      : `${t('table_people')}: ${table.people.length} people (${table.rows} rows)${problems ? `, ${problems} problems` : ''}`;
    return;
  }
  const doc = parseRoster();
  if (!doc) {
    box.textContent = t('roster_unparsed');
    return;
  }
  const n = Array.isArray(doc.people) ? doc.people.length : 0;
  const town = towns.find((x) => x.id === doc.town);
  const parts = [lang === 'zh' ? `${n} 人` : `${n} people`, town ? named(town) : doc.town, doc.as_of].filter(Boolean);
  box.textContent = `${t('roster_people')}: ${parts.join(lang === 'zh' ? ',' : ', ')}`;
}

function resetStaffingResult() {
  stAnswer = null;
  stErrors = null;
  clearInvalid($('#staffing-form'));
  renderStaffing();
}

/** The request: the roster with the form's town and date (when given) in place of its own. */
function staffingRequest() {
  const text = rosterText();
  if (!text.trim()) return { local: 'no_roster' };
  const table = tableRoster();
  if (table) {
    if (table.diagnostics.length) return { table: table.diagnostics };
    const request = { town: $('#st-town').value, as_of: $('#st-as-of').value, people: table.people, trace: true };
    return { request, doc: request };
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { request: text }; // the engine reports input.syntax with line and column
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { local: 'not_object' };
  const request = { ...doc };
  if ($('#st-town').value) request.town = $('#st-town').value;
  if ($('#st-as-of').value) request.as_of = $('#st-as-of').value;
  request.trace = true;
  return { request, doc };
}

function checkNow() {
  clearInvalid($('#staffing-form'));
  stAnswer = null;
  stErrors = null;
  try {
    const { local, request, doc, table } = staffingRequest();
    if (table) {
      stErrors = { table };
    } else if (local) {
      stErrors = { local, field: 'people' }; // marks the roster box
    } else {
      stPeople = new Map((Array.isArray(doc?.people) ? doc.people : []).map((p) => [p?.id, p?.name]));
      const answer = rs.call('staffing', request, { raiseErrors: false });
      if (answer.status === 'ok') stAnswer = answer;
      else stErrors = { diagnostics: answer.errors };
    }
  } catch (e) {
    // FuquanError (e.g. wasm.not_initialised) or anything unexpected: never a blank page.
    stErrors = e instanceof FuquanError ? { diagnostics: e.diagnostics } : { local: 'unexpected', detail: String(e?.message ?? e) };
  }
  renderStaffing();
}

function staffingField(path) {
  if (path === 'town') return $('#st-town');
  if (path === 'as_of' || path.startsWith('parameters.')) return $('#st-as-of');
  return $('#st-roster');
}

/** "zc-03 张伟" for a person id. */
function personLabel(id) {
  const name = stPeople.get(id);
  if (!name) return id;
  return lang === 'zh' ? `${name}(${id})` : `${name} (${id})`;
}

function personOfPath(path) {
  const m = /^people\[(\d+)\]/.exec(path ?? '');
  if (!m) return '';
  const i = Number(m[1]);
  const p = (tableRoster()?.people ?? parseRoster()?.people)?.[i];
  const who = p && typeof p === 'object' ? [p.id, p.name].filter((x) => typeof x === 'string').join(' ') : '';
  return `${fill(t('person_n'), { n: i + 1 })}${who ? `: ${who}` : ''}`;
}

function renderStaffingErrors(err) {
  if (err.table) {
    $('#st-roster').setAttribute('aria-invalid', 'true');
    const items = err.table.map((d) =>
      h(
        'li',
        { 'data-code': d.code, 'data-row': String(d.row), 'data-column': d.column },
        `${d[`message_${lang}`]} `,
        h('code', { text: d.code }),
        d.column ? h('span', { class: 'cite', text: lang === 'zh' ? ` (${d.column}列「${d.header}」${d.cell ? `:${d.cell}` : ''})` : ` (column ${d.column} "${d.header}"${d.cell ? `: ${d.cell}` : ''})` }) : null,
      ),
    );
    return h('div', { class: 'errors', id: 'st-errors' }, h('strong', { text: t('table_errors') }), h('ul', {}, items));
  }
  const items = err.local
    ? [h('li', { 'data-code': err.local }, `${t(err.local)}${err.detail ?? ''}`)]
    : err.diagnostics.map((d) => {
        const who = personOfPath(d.path);
        return h(
          'li',
          { 'data-code': d.code, 'data-path': d.path },
          `${d[`message_${lang}`]} `,
          h('code', { text: d.code }),
          ' ',
          d.path ? h('code', { class: 'path', text: d.path }) : null,
          who ? h('span', { class: 'cite', text: ` (${who})` }) : null,
          (lang === 'zh' ? d.expected_zh ?? d.expected : d.expected) ? h('div', { class: 'small', text: `${t('expected')}: ${lang === 'zh' ? d.expected_zh ?? d.expected : d.expected}` }) : null,
          suggestionsLine(uiContext(), d, staffingField(d.path ?? '')),
        );
      });
  if (err.local) err.field && staffingField(err.field).setAttribute('aria-invalid', 'true');
  else for (const d of err.diagnostics) staffingField(d.path ?? '').setAttribute('aria-invalid', 'true');
  return h('div', { class: 'errors', id: 'st-errors' }, h('strong', { text: t('st_errors') }), h('ul', {}, items));
}

/** A check's figures as the sum it is: "18 ≥ 15", "⌈17 × 5/100⌉ = 1 vs 2". */
function figuresText(c) {
  const f = c.figures;
  const zh = lang === 'zh';
  const cmp = (a, b) => (a >= b ? '≥' : '<');
  switch (c.id) {
    case 'staffing.centre_min_staff':
      return zh
        ? `正式工作人员 ${f.formal_staff} 名 ${cmp(f.formal_staff, f.required)} ${f.required} 名${f.missing ? `,缺 ${f.missing} 名` : ''}`
        : `${f.formal_staff} formal staff ${cmp(f.formal_staff, f.required)} ${f.required}${f.missing ? `, ${f.missing} missing` : ''}`;
    case 'staffing.legal_reviewer_share': {
      const need = `⌈${f.enforcement_staff} × ${f.numerator}/${f.denominator}⌉ = ${f.required}`;
      return zh
        ? `执法人员 N = ${f.enforcement_staff};需 ${need} 名,现有 ${f.legal_reviewers} 名${f.missing ? `,缺 ${f.missing} 名` : ''}`
        : `N = ${f.enforcement_staff} enforcement staff; needed ${need}, present ${f.legal_reviewers}${f.missing ? `, ${f.missing} missing` : ''}`;
    }
    case 'staffing.certificates':
      return zh
        ? `应持证 ${f.required_holders} 名,有效 ${f.valid} 名,无有效证 ${f.lacking} 名`
        : `${f.valid} of ${f.required_holders} hold a valid certificate; ${f.lacking} lacking`;
    case 'staffing.auxiliary_assist_only':
      return zh ? `辅助人员 ${f.auxiliary} 名,在执法或审核岗位 ${f.in_enforcement_posts} 名` : `${f.auxiliary} auxiliary, ${f.in_enforcement_posts} in enforcement or review posts`;
    case 'staffing.first_time_reviewer_qualification':
      return zh
        ? `初次从事审核 ${f.first_time_reviewers} 名,无法律职业资格 ${f.unqualified} 名`
        : `${f.first_time_reviewers} first-time reviewer(s), ${f.unqualified} unqualified`;
    case 'staffing.two_officers':
      return zh
        ? `持证执法人员 ${f.certified_officers} 名 ${cmp(f.certified_officers, f.required)} ${f.required} 名`
        : `${f.certified_officers} certified officer(s) ${cmp(f.certified_officers, f.required)} ${f.required}`;
    case 'staffing.rotation_may':
      return zh ? `满 ${f.years} 年可以交流 ${f.may_rotate} 名` : `${f.may_rotate} with ${f.years} full years`;
    case 'staffing.rotation_must':
      return zh ? `满 ${f.years} 年必须交流 ${f.must_rotate} 名` : `${f.must_rotate} with ${f.years} full years`;
    default:
      return Object.entries(f)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
  }
}

function peopleCell(ids) {
  if (ids.length === 0) return h('td', { class: 'na people', text: t('none') });
  const list = ids.map(personLabel).join(sep());
  if (ids.length <= 6) return h('td', { class: 'people', text: list });
  const count = lang === 'zh' ? `${ids.length} 人` : `${ids.length} people`;
  return h('td', { class: 'people' }, h('details', {}, h('summary', { text: count }), list));
}

function renderStaffingReport(a) {
  const ruleTitle = (id) => a.rules.find((r) => r.id === id)?.[`title_${lang}`] ?? '';
  const headline = h(
    'dl',
    { class: 'figures', id: 'st-figures' },
    [...Object.keys(FIGURE_LABEL).filter((k) => k in a.figures), ...Object.keys(a.figures).filter((k) => !(k in FIGURE_LABEL))].map((k) => [k, a.figures[k]]).map(([k, v]) => h('div', { 'data-figure': k }, h('dt', { text: L(FIGURE_LABEL[k]) || k }), h('dd', { text: String(v) }))),
  );

  const checks = h(
    'table',
    { class: 'grid', id: 'st-checks' },
    h('tr', {}, ...['check', 'result', 'figures', 'people'].map((k) => h('th', { text: t(k) }))),
    a.checks.map((c) => {
      const info = c.level !== 'requirement';
      const state = info ? 'info' : c.passed ? 'pass' : 'fail';
      return h(
        'tr',
        { 'data-check': c.id, 'data-passed': String(c.passed), class: state === 'fail' ? 'fail' : null },
        h(
          'td',
          { title: ruleTitle(c.id) },
          h('strong', { text: L(CHECK_NAME[c.id]) || ruleTitle(c.id) || c.id }),
          h('div', { class: 'msg', text: c[`message_${lang}`] }),
          h('div', { class: 'cite' }, `${t('citations')}: ${c.citations.map((x) => x[lang]).join(lang === 'zh' ? ';' : '; ')} `, h('code', { text: c.id })),
        ),
        h('td', {}, h('span', { class: `pill ${state}`, text: t(info ? 'info' : c.passed ? 'passes' : 'fails') })),
        h('td', { class: 'fig', title: JSON.stringify(c.figures), text: figuresText(c) }),
        peopleCell(c.people),
      );
    }),
  );

  const order = { must: 0, may: 1, not_yet: 2 };
  const rows = [...a.rotation].sort((x, y) => order[x.status] - order[y.status]);
  const rotation = rows.length
    ? h(
        'table',
        { class: 'grid', id: 'st-rotation' },
        h(
          'tr',
          {},
          h('th', { text: t('person') }),
          h('th', { text: t('front_line_since') }),
          h('th', { text: fill(t('period_last_day'), { n: rows[0].may.years }) }),
          h('th', { text: t('may_from') }),
          h('th', { text: fill(t('period_last_day'), { n: rows[0].must.years }) }),
          h('th', { text: t('must_from') }),
          h('th', { text: t('status') }),
        ),
        rows.map((r) =>
          h(
            'tr',
            { 'data-person': r.person, 'data-status': r.status, class: `status-${r.status}` },
            h('td', { text: personLabel(r.person) }),
            h('td', { text: fmt(r.front_line_since) }),
            h('td', { text: fmt(r.may.last_day) }),
            h('td', { class: 'may-from', 'data-date': r.may.reached_from, text: fmt(r.may.reached_from) }),
            h('td', { text: fmt(r.must.last_day) }),
            h('td', { class: 'must-from', 'data-date': r.must.reached_from, text: fmt(r.must.reached_from) }),
            h('td', {}, h('span', { class: `pill ${r.status}`, text: L(ROTATION_STATUS[r.status]) || r.status })),
          ),
        ),
      )
    : h('p', { class: 'placeholder', text: t('no_cadres') });

  const warnings = a.warnings.length
    ? h('div', { class: 'warnings' }, h('strong', { text: t('warnings') }), h('ul', {}, a.warnings.map((w) => h('li', {}, `${w[`message_${lang}`]} `, h('code', { text: w.code })))))
    : null;

  const wasOpen = $('#st-trace')?.open ?? false;
  const trace = h(
    'details',
    { id: 'st-trace', open: wasOpen },
    h('summary', { text: t('st_trace') }),
    h('ol', { class: 'trace' }, (a.trace ?? []).map((s) => h('li', {}, s[lang], ' ', s.rule ? h('code', { text: s.rule }) : null))),
  );

  return [
    h(
      'div',
      { class: 'verdict' },
      h('span', { class: `badge ${a.passed ? 'pass' : 'fail'}`, id: 'st-verdict', 'data-passed': String(a.passed), text: t(a.passed ? 'all_pass' : 'some_fail') }),
      h('span', { text: `${named(a.town)} · ${fmt(a.as_of)}` }),
    ),
    h('p', { class: 'summary', id: 'st-summary', text: a.summary[lang] }),
    warnings,
    headline,
    h('h3', { text: t('checks') }),
    checks,
    h('h3', { text: t('rotation') }),
    rotation,
    trace,
    h('p', { class: 'small', text: t('st_for_reference') }),
  ].filter(Boolean);
}

function renderStaffing() {
  const box = $('#st-result');
  if (stErrors) box.replaceChildren(renderStaffingErrors(stErrors));
  else if (stAnswer) box.replaceChildren(...renderStaffingReport(stAnswer));
  else box.replaceChildren(h('p', { class: 'placeholder', text: t('st_placeholder') }));
  placePrintButton('#st-result-title', 'st-print', Boolean(stAnswer) && !stErrors);
  updatePrintHeader();
}

async function loadSampleRoster() {
  try {
    const res = await fetch(new URL('./sample-roster.json', import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    $('#st-roster').value = await res.text();
  } catch (e) {
    stAnswer = null;
    stErrors = { local: 'sample_failed', detail: e.message };
    renderStaffing();
    return;
  }
  prefillFromRoster();
  resetStaffingResult();
}

async function loadRosterFile() {
  const file = $('#st-file').files[0];
  if (!file) return;
  if (/\.xlsx?$/i.test(file.name)) {
    stAnswer = null;
    stErrors = { local: 'xlsx_upload', field: 'people' };
    renderStaffing();
    return;
  }
  try {
    $('#st-roster').value = await file.text();
  } catch (e) {
    stAnswer = null;
    stErrors = { local: 'file_failed', detail: e.message };
    renderStaffing();
    return;
  }
  prefillFromRoster();
  resetStaffingResult();
}

function setupStaffing() {
  $('#st-as-of').value = todayIso();
  fillStaffingTownSelect();
  $('#st-sample').addEventListener('click', loadSampleRoster);
  $('#st-file').addEventListener('change', loadRosterFile);
  $('#st-roster').addEventListener('input', prefillFromRoster);
  $('#staffing-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    checkNow();
  });
}

// ───────────── tabs ─────────────

const TABS = ['routing', 'dispatch', 'designation', 'disputes', 'screening', 'staffing', 'catalogue'];

function showTab(name) {
  for (const x of TABS) {
    $(`#panel-${x}`).hidden = x !== name;
    $(`#tab-${x}`).setAttribute('aria-selected', String(x === name));
  }
  document.body.dataset.tab = name;
  updatePrintHeader();
}

function setupTabs() {
  const fromHash = () => {
    const x = location.hash.slice(1);
    return TABS.includes(x) ? x : 'routing';
  };
  for (const x of TABS) {
    $(`#tab-${x}`).addEventListener('click', () => {
      showTab(x);
      history.replaceState(null, '', x === 'routing' ? location.pathname + location.search : `#${x}`);
    });
  }
  window.addEventListener('hashchange', () => showTab(fromHash()));
  showTab(fromHash());
}

// ───────────── language ─────────────

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · fuquan`;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    if (el.closest('#items')) continue;
    el.textContent = t(el.dataset.i18n);
  }
  $('#lang-toggle').textContent = lang === 'zh' ? 'English' : '中文';
  if (rs) {
    const meta = rs.meta;
    $('#ruleset-label').textContent = `${meta[`name_${lang}`]} · ${meta.version}${meta.sample ? ` · ${t('sample_tag')}` : ''}`;
    $('#footer').textContent = `${t('ruleset')} ${meta.id} ${meta.version} · ${lang === 'zh' ? meta.plan.title_zh : meta.plan.short_en} ${meta.plan.number} · ${t('core')} fuquan ${coreVersion()} · ${t('for_reference')}`;
    fillTownSelect();
    relabelPickers();
    renumberItems();
    fillChecks($('#sanctions'), SANCTIONS, 'sanction');
    fillChecks($('#flags'), FLAGS, 'flag');
    fillOpenedBy();
    syncFine();
    render();
    fillStaffingTownSelect();
    showRosterInfo();
    renderStaffing();
    renderCatalogue();
    fillIntakeSelects();
    renderIntake();
    relabelDecisionTabs();
    renderDisputes();
    updatePrintHeader();
  }
}

// ───────────── print ─────────────

/** The district's name for the print header: the government's name without 人民政府. */
function districtName() {
  const gov = rs?.district?.government;
  if (!gov) return '';
  return lang === 'zh' ? gov.name_zh.replace(/人民政府$/, '') : gov.name_en.replace(/^People's Government of /, '');
}

/**
 * The printed page's header, kept current (print media shows it, the screen
 * never): the district, the active tab's result, its case number, the date of
 * printing in the page's language, and the rule set (with its sample tag).
 */
function updatePrintHeader() {
  const box = $('#print-header');
  if (!box || !rs) return;
  const tab = document.body.dataset.tab ?? 'routing';
  let info = null;
  if (document.body.dataset.print === 'intake') info = intakeAnswer ? { title: t('intake_result'), caseNumber: intakeAnswer.report_id ?? null } : null;
  else if (tab === 'routing') info = lastAnswer && !lastError ? { title: t('ruling'), caseNumber: lastAnswer.ruling.case_id ?? null } : null;
  else if (tab === 'staffing') info = stAnswer ? { title: t('report'), caseNumber: null } : null;
  else if (tab === 'catalogue') info = { title: t('cat_result'), caseNumber: null };
  else info = decisionPrintInfo(tab);
  const meta = rs.meta;
  box.replaceChildren(
    h('div', { class: 'ph-district', text: districtName() }),
    h('div', { class: 'ph-title', text: info ? `${t('title')} · ${info.title}` : t('title') }),
    h(
      'div',
      { class: 'ph-meta' },
      info?.caseNumber ? h('span', { id: 'print-case-number', text: `${t('case_no')}: ${info.caseNumber}` }) : null,
      h('span', { id: 'print-date', text: `${t('printed_on')}: ${fmt(todayIso())}` }),
      h('span', { text: `${t('ruleset')} ${meta.id} ${meta.version}${meta.sample ? ` · ${t('sample_tag')}` : ''}` }),
    ),
    h('div', { class: 'ph-meta', text: t('for_reference') }),
  );
}

/**
 * Prints one part of the page instead of the active tab (the intake box's
 * result): marked on <body> for the print styles until the print is over.
 */
function printOnly(part) {
  document.body.dataset.print = part;
  updatePrintHeader();
  window.addEventListener(
    'afterprint',
    () => {
      delete document.body.dataset.print;
      updatePrintHeader();
    },
    { once: true },
  );
  window.print();
}

// Long lists of people (a check's "18 人") are folded on screen and printed in full.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('td.people details:not([open])')) {
    d.open = true;
    d.dataset.printOpened = 'true';
  }
});
window.addEventListener('afterprint', () => {
  for (const d of document.querySelectorAll('details[data-print-opened]')) {
    d.open = false;
    delete d.dataset.printOpened;
  }
});

// ───────────── the context of the other modules ─────────────

/** A body, town, item, department or domain by id, in the page's language (for suggestions). */
function nameOf(id) {
  const x =
    towns.find((b) => b.id === id) ??
    departments.find((b) => b.id === id) ??
    domains.find((b) => b.id === id) ??
    Object.values(rs?.district ?? {}).find((b) => b?.id === id);
  if (x) return named(x);
  const item = items.find((i) => i.code === id);
  return item ? named(item) : '';
}

function uiContext() {
  return {
    h,
    t,
    L,
    Lcap,
    named,
    fmt,
    lang: () => lang,
    vocab: () => VOCAB,
    towns: () => towns,
    items: () => items,
    departments: () => departments,
    domains: () => domains,
    rs: () => rs,
    today: todayIso,
    nameOf,
    createItemPicker: (opts) => createItemPicker(pickerContext(), opts),
    onRender: updatePrintHeader,
    fullEngine,
  };
}

// ───────────── intake ─────────────

let intakeAnswer = null;
let intakeErrors = null;

function fillIntakeSelects() {
  const place = $('#intake-place');
  const keep = place.value;
  place.replaceChildren(h('option', { value: '', text: t('intake_auto') }),
    ...towns.map((tw) => h('option', { value: tw.id, text: named(tw) })));
  place.value = keep;
  const source = $('#intake-source');
  const keepSource = source.value || 'hotline_12345';
  source.replaceChildren(...Object.keys(INTAKE_SOURCE).map((k) => h('option', { value: k, text: L(INTAKE_SOURCE[k]) })));
  source.value = keepSource;
}

// Intake lives in the full module (`fuquan/full`): loaded the first time the
// intake box is used, so that the page's first download stays small.
let fullRuleSet = null;
/** The full module's rule set (intake, drafting), loaded on first use. */
async function fullEngine() {
  return intakeRuleSet();
}
async function intakeRuleSet() {
  if (!fullRuleSet) {
    const full = await import('../full.js');
    await full.default();
    // The page's rule set is the embedded default (RuleSet.embedded() above).
    fullRuleSet = full.RuleSet.embedded();
    // Intake's own vocabulary is in the full module's labels.
    INTAKE_OUTCOME = vocabularies(fullRuleSet).intake_outcome;
    RANKED_BY = vocabularies(fullRuleSet).ranked_by;
  }
  return fullRuleSet;
}

/** An everyday description's candidate items, from the intake decision (loads the full module the first time). */
async function describeItems(text) {
  const answer = (await intakeRuleSet()).call('intake', { text, date: todayIso(), source: 'hotline_12345' }, { raiseErrors: false });
  if (answer.status !== 'ok') throw new Error(answer.errors.map((e) => e[`message_${lang}`]).join('; '));
  return answer.candidates.map((c) => ({ code: c.code, words: c.words }));
}

async function intakeNow() {
  const request = { text: $('#intake-text').value, date: $('#intake-date').value, source: $('#intake-source').value };
  if ($('#intake-place').value) request.place = $('#intake-place').value;
  for (const el of document.querySelectorAll('[data-intake-path]')) el.removeAttribute('aria-invalid');
  const answer = (await intakeRuleSet()).call('intake', request, { raiseErrors: false });
  if (answer.status === 'ok') {
    intakeAnswer = answer;
    intakeErrors = null;
  } else {
    intakeAnswer = null;
    intakeErrors = answer.errors;
    for (const e of answer.errors) {
      const el = document.querySelector(`[data-intake-path="${CSS.escape(e.path.split('.')[0])}"]`);
      if (el) el.setAttribute('aria-invalid', 'true');
    }
  }
  renderIntake();
}

function renderIntake() {
  const box = $('#intake-result');
  if (intakeErrors) {
    const field = (path) => $('#intake-form').querySelector(`[data-intake-path="${CSS.escape(path.split('.')[0])}"]`);
    box.replaceChildren(errorsBox(uiContext(), intakeErrors, { id: 'intake-errors', title: t('intake_refused'), fieldFor: field }));
    return;
  }
  const a = intakeAnswer;
  if (!a) {
    box.replaceChildren();
    return;
  }
  const print = h('button', { type: 'button', class: 'secondary print-btn', id: 'intake-print', text: t('print') });
  print.addEventListener('click', () => printOnly('intake'));
  const rows = [
    h('tr', { 'data-field': 'outcome' }, h('th', { text: t('intake_outcome') }),
      h('td', {}, h('span', { class: `pill ${a.outcome === 'item' ? 'pass' : a.outcome === 'no_item' ? 'not_yet' : 'may'}`, id: 'intake-outcome', 'data-outcome': a.outcome, text: L(INTAKE_OUTCOME[a.outcome]) || a.outcome }),
        ` ${t('intake_confidence')} ${a.confidence}%`)),
    h('tr', { 'data-field': 'place' }, h('th', { text: t('intake_place_used') }),
      h('td', { text: a.place ? `${named(a.place)}${a.place_from === 'text' ? `(${t('intake_from_text')})` : ''}` : '—' })),
  ];
  const d = a.dispatch;
  if (d) {
    rows.push(h('tr', { 'data-field': 'destination' }, h('th', { text: t('intake_destination') }), h('td', { text: L(DESTINATION[d.destination]) || d.destination })));
    rows.push(h('tr', { 'data-field': 'handler' }, h('th', { text: t('intake_handler') }), h('td', { text: d.handler ? named(d.handler) : '—' })));
    if (d.acts_in_name_of) rows.push(h('tr', { 'data-field': 'acts_in_name_of' }, h('th', { text: t('acts_in_name_of') }), h('td', { text: named(d.acts_in_name_of) })));
  }
  rows.push(h('tr', { 'data-field': 'next_step' }, h('th', { text: t('intake_next') }), h('td', { text: a.next_step[lang] })));
  // With the rule set's example reports: what the ranking rested on, and the closest report.
  const examples = a.ranked_by !== 'words';
  if (examples) rows.push(h('tr', { 'data-field': 'ranked_by' }, h('th', { text: t('intake_ranked_by') }), h('td', { text: L(RANKED_BY[a.ranked_by]) || a.ranked_by })));
  if (a.nearest_example) {
    rows.push(h('tr', { 'data-field': 'nearest_example' }, h('th', { text: t('intake_nearest') }),
      h('td', {}, h('q', { text: a.nearest_example.text }), ` (${a.nearest_example.item ?? t('intake_outside')})`)));
  }
  const score = (m) => (m / 1000).toFixed(3);
  const cands = a.candidates.map((c) => h('tr', { class: c.close ? 'close' : '', 'data-code': c.code },
    h('td', {}, h('code', { text: c.code })), h('td', { text: c[`name_${lang}`] }),
    h('td', { text: score(c.score_milli) }),
    examples ? h('td', { class: 'num', text: score(c.word_score_milli) }) : null,
    examples ? h('td', { class: 'num', text: score(c.example_score_milli) }) : null,
    h('td', { class: 'words', text: c.words.join(lang === 'zh' ? '、' : ', ') })));
  box.replaceChildren(
    h('div', { class: 'row intake-head' }, h('p', { class: 'summary grow', id: 'intake-summary', text: a.summary[lang] }), print),
    h('table', { id: 'intake-table' }, h('tbody', {}, rows)),
    cands.length ? h('h3', { text: t('intake_candidates') }) : null,
    cands.length ? h('table', { class: 'grid', id: 'intake-candidates' },
      h('thead', {}, h('tr', {}, h('th', { text: t('code') }), h('th', { text: t('item') }), h('th', { text: t('intake_score') }),
        examples ? h('th', { text: t('intake_word_score') }) : null, examples ? h('th', { text: t('intake_example_score') }) : null,
        h('th', { text: t('intake_words') }))),
      h('tbody', {}, cands)) : null,
    h('ul', { class: 'rules', id: 'intake-rules' }, a.rules.map((rule) => h('li', { 'data-rule': rule.id },
      h('code', { text: rule.id }), ` ${rule[`title_${lang}`] ?? ''} `,
      h('span', { class: 'cite', text: rule.citations.length ? `— ${rule.citations.map((c) => c[lang]).join(lang === 'zh' ? ';' : '; ')}` : '' })))),
  );
}

// ───────────── start ─────────────

async function main() {
  for (const box of ['#result', '#st-result']) $(box).replaceChildren(h('p', { class: 'placeholder', text: t('loading') }));
  try {
    await init();
    rs = RuleSet.embedded();
    loadLabels();
  } catch (e) {
    for (const box of ['#result', '#st-result']) $(box).replaceChildren(h('p', { class: 'errors', text: `${t('load_failed')}${e.message}` }));
    throw e;
  }
  towns = rs.towns();
  items = rs.items();
  domains = rs.domains();
  departments = rs.departments();

  addItemRow();
  setupDecisionTabs(uiContext());
  setupStaffing();
  setupCatalogue(rs, () => lang);
  setupDisputes(rs, () => lang, vocabularies(rs), fullEngine);
  setupTabs();
  $('#date-filing').value = todayIso();
  $('#intake-date').value = $('#date-filing').value;
  $('#intake-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    intakeNow();
  });
  $('#result').replaceChildren(h('p', { class: 'placeholder', 'data-i18n': 'placeholder', text: t('placeholder') }));
  applyLanguage();

  $('#town').addEventListener('change', showTownInfo);
  $('#add-item').addEventListener('click', () => addItemRow());
  $('#sanctions').addEventListener('change', syncFine);
  $('#lang-toggle').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    applyLanguage();
  });
  $('#case-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    routeNow();
  });
  document.body.dataset.ready = 'true';
}

main();
