// The dispute tracker (管辖争议跟踪): open a jurisdiction dispute between a
// town and a department, add the ladder's events as they happen (Plan §14;
// 行政处罚法 Art. 25), and see at each step the rung reached, who acts next and
// when the platform meets. The engine's `dispute` decision replays the whole
// history on every step (docs/disputes.md): the page keeps only the answer's
// `state` (in localStorage), and sends it back with the new event, so a
// stored history can never hold a step the ladder does not allow.
//
// Where the full module (`fuquan/full`) drafts documents, each dispute that
// is still open can be drafted as its 管辖争议提请书 for the rung it is at.

import { formatDate, todayIso } from './dates.js';
import { draftBox } from './drafting.js';

const STORE = 'fuquan.disputes.v1';

const T = {
  title: ['管辖争议跟踪', 'Jurisdiction disputes'],
  intro: [
    '镇(街道)与部门对管辖有争议时：先协商；协商不成的，提请区级综合执法平台研究解决；仍难以推进的，报请区政府决定。区政府也可以直接指定管辖。本页按规则逐步核对每一步，记录保存在本浏览器中。',
    'When a town and a department disagree over jurisdiction: they negotiate first; if that fails the district enforcement platform takes it up; if it stalls there the district government decides. The government may also designate directly. This page checks every step against the rules; the record stays in this browser.',
  ],
  saved: ['已记录的争议', 'Recorded disputes'],
  record_title: ['争议进展', 'The dispute'],
  placeholder: ['新建争议，或在左侧选择已记录的争议。', 'Open a dispute, or choose a recorded one.'],
  none_saved: ['尚无记录。', 'Nothing recorded yet.'],
  open_new: ['新建争议', 'Open a dispute'],
  town: ['镇(街道)', 'Town or subdistrict'],
  department: ['区级部门', 'District department'],
  items: ['争议事项(编码或名称，多个用逗号分隔，可留空)', 'Items in dispute (codes or names, comma-separated, optional)'],
  opened: ['争议发生日', 'Opened on'],
  case_ref: ['案号或线索编号(可留空)', 'Case or clue number (optional)'],
  open: ['开始跟踪', 'Start tracking'],
  add_event: ['记录进展', 'Record a step'],
  kind: ['进展', 'Step'],
  date: ['日期', 'Date'],
  handler: ['确定的办理机关', 'Body that will handle the case'],
  handler_none: ['(不适用)', '(not applicable)'],
  note: ['备注(可留空)', 'Note (optional)'],
  record: ['记录', 'Record'],
  remove: ['删除此记录', 'Delete this record'],
  confirm_remove: ['确定删除这条争议记录？', 'Delete this dispute record?'],
  stage: ['所处阶段', 'Stage'],
  next: ['下一步', 'Next step'],
  actors: ['由谁办理', 'By whom'],
  since: ['起算日', 'Since'],
  weekly: ['平台周例会', "Platform's weekly meeting"],
  monthly: ['平台月度联席会议', "Platform's monthly joint meeting"],
  moved: ['(遇休息日顺延)', '(moved past a rest day)'],
  may_designate: ['区政府可以直接指定管辖', 'The district government may designate directly'],
  resolution: ['解决结果', 'Resolution'],
  resolved_by: ['解决方式', 'Resolved by'],
  decided_by: ['决定机关', 'Decided by'],
  handled_by: ['办理机关', 'Handled by'],
  history: ['处理经过', 'History'],
  no_events: ['尚无进展记录(双方协商中)。', 'No step recorded yet (negotiating).'],
  rules: ['决定性规则及依据', 'Determining rules and citations'],
  warnings: ['提示', 'Warnings'],
  refused: ['未记录：该步骤不被规则允许或输入有误', 'Not recorded: the step is not allowed or the input was refused'],
  suggest: ['是否是：', 'Did you mean: '],
  draft: ['生成管辖争议提请书(.docx)', 'Draft the submission (.docx)'],
};

let rs = null;
let getLang = () => 'zh';
let vocab = {};
let fullEngine = null;
let records = [];
let current = -1;
let lastAnswer = null;
let lastErrors = null;

const zh = () => getLang() === 'zh';
const t = (k) => (T[k] ? T[k][zh() ? 0 : 1] : k);
const label = (voc, code) => {
  const pair = vocab[voc]?.[code];
  return pair ? pair[zh() ? 0 : 1] : code;
};
const $ = (sel) => document.querySelector(sel);

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

function bodyName(body) {
  if (!body) return '';
  if (body.kind === 'town' || body.kind === 'subdistrict' || body.kind === 'management_centre') {
    const x = rs.towns().find((y) => y.id === body.id);
    if (x) return x[zh() ? 'name_zh' : 'name_en'];
  }
  if (body.kind === 'department' || body.kind === 'city_department_branch') {
    const x = rs.departments().find((y) => y.id === body.id);
    if (x) return x[zh() ? 'name_zh' : 'name_en'];
  }
  const town = rs.towns().find((y) => y.id === body.id);
  if (town) return town[zh() ? 'name_zh' : 'name_en'];
  const dept = rs.departments().find((y) => y.id === body.id);
  if (dept) return dept[zh() ? 'name_zh' : 'name_en'];
  return label('body_kind', body.kind);
}

function load() {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    records = Array.isArray(parsed) ? parsed.filter((r) => r && typeof r === 'object' && r.state) : [];
  } catch {
    records = [];
  }
}

function save() {
  localStorage.setItem(STORE, JSON.stringify(records));
}

const today = () => todayIso();

function recordTitle(state) {
  const d = state.dispute ?? {};
  const town = rs.towns().find((y) => y.id === d.town);
  const dept = rs.departments().find((y) => y.id === d.department);
  const n = (x, id) => (x ? x[zh() ? 'name_zh' : 'name_en'] : id);
  const ref = d.case_ref ? ` · ${d.case_ref}` : '';
  return `${n(town, d.town)} — ${n(dept, d.department)} · ${formatDate(d.opened, getLang())}${ref}`;
}

/** Calls the engine; an ok answer updates the current record, an error answer is shown. */
function step(request, { newRecord = false } = {}) {
  const answer = rs.call('dispute', request, { raiseErrors: false });
  if (answer.status !== 'ok') {
    lastErrors = answer.errors;
    render();
    return false;
  }
  lastErrors = null;
  lastAnswer = answer;
  if (newRecord) {
    records.push({ state: answer.state });
    current = records.length - 1;
  } else {
    records[current].state = answer.state;
  }
  save();
  render();
  return true;
}

function openDispute(ev) {
  ev.preventDefault();
  const items = $('#ds-items')
    .value.split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const dispute = { town: $('#ds-town').value, department: $('#ds-department').value, opened: $('#ds-opened').value };
  if (items.length) dispute.items = items;
  const ref = $('#ds-case-ref').value.trim();
  if (ref) dispute.case_ref = ref;
  current = -1;
  step({ dispute, events: [] }, { newRecord: true });
}

function addEvent(ev) {
  ev.preventDefault();
  if (current < 0) return;
  const event = { kind: $('#ds-kind').value, date: $('#ds-date').value };
  const handler = $('#ds-handler').value;
  if (handler) event.handler = handler;
  const note = $('#ds-note').value.trim();
  if (note) event.note = note;
  if (step({ state: records[current].state, events: [event] })) {
    const box = $('#ds-note');
    if (box) box.value = '';
  }
}

function select(index) {
  current = index;
  lastErrors = null;
  // Replaying the stored state gives the answer back (and re-checks it).
  const answer = rs.call('dispute', { state: records[index].state, events: [] }, { raiseErrors: false });
  lastAnswer = answer.status === 'ok' ? answer : null;
  if (answer.status !== 'ok') lastErrors = answer.errors;
  render();
}

function remove() {
  if (current < 0 || !window.confirm(t('confirm_remove'))) return;
  records.splice(current, 1);
  save();
  current = -1;
  lastAnswer = null;
  lastErrors = null;
  render();
}

function options(list, selected) {
  return list.map(([value, text]) => h('option', { value, selected: value === selected }, text));
}

function renderForms() {
  const towns = rs.towns().filter((x) => x.kind !== 'management_centre');
  const departments = rs.departments();
  const name = (x) => x[zh() ? 'name_zh' : 'name_en'];
  const keep = (id) => $(id)?.value;
  const openForm = h(
    'form',
    { id: 'ds-open-form' },
    h('h3', { text: t('open_new') }),
    h('label', {}, t('town'), h('select', { id: 'ds-town' }, options(towns.map((x) => [x.id, name(x)]), keep('#ds-town')))),
    h('label', {}, t('department'), h('select', { id: 'ds-department' }, options(departments.map((x) => [x.id, name(x)]), keep('#ds-department')))),
    h('label', {}, t('items'), h('input', { id: 'ds-items', type: 'text', value: keep('#ds-items') ?? '' })),
    h('label', {}, t('opened'), h('input', { id: 'ds-opened', type: 'date', required: true, value: keep('#ds-opened') ?? today() })),
    h('label', {}, t('case_ref'), h('input', { id: 'ds-case-ref', type: 'text', value: keep('#ds-case-ref') ?? '' })),
    h('button', { type: 'submit', class: 'primary', id: 'ds-open' }, t('open')),
  );
  openForm.addEventListener('submit', openDispute);

  const list = records.length
    ? h(
        'ol',
        { id: 'ds-list' },
        records.map((r, i) =>
          h(
            'li',
            { 'aria-current': i === current ? 'true' : false },
            h('button', { type: 'button', class: 'link', 'data-index': String(i) }, recordTitle(r.state)),
            ` — ${label('dispute_stage', r.state.stage)}`,
          ),
        ),
      )
    : h('p', { class: 'placeholder', text: t('none_saved') });
  for (const b of list.querySelectorAll?.('button[data-index]') ?? []) b.addEventListener('click', () => select(Number(b.dataset.index)));

  return h('div', { class: 'forms' }, h('section', {}, h('h3', { text: t('saved') }), list), openForm);
}

function renderEventForm(state) {
  if (state.stage === 'resolved') return null;
  const d = state.dispute;
  const parties = [
    ['', t('handler_none')],
    [d.town, bodyName({ id: d.town, kind: 'town' })],
    [d.department, bodyName({ id: d.department, kind: 'department' })],
  ];
  const kinds = Object.keys(vocab.dispute_event ?? {}).map((code) => [code, label('dispute_event', code)]);
  // A refused step keeps what the clerk typed, to be corrected.
  const keep = (id) => $(id)?.value;
  const form = h(
    'form',
    { id: 'ds-event-form' },
    h('h3', { text: t('add_event') }),
    h('label', {}, t('kind'), h('select', { id: 'ds-kind' }, options(kinds, keep('#ds-kind')))),
    h('label', {}, t('date'), h('input', { id: 'ds-date', type: 'date', required: true, value: keep('#ds-date') ?? today() })),
    h('label', {}, t('handler'), h('select', { id: 'ds-handler' }, options(parties, keep('#ds-handler') ?? ''))),
    h('label', {}, t('note'), h('input', { id: 'ds-note', type: 'text', value: keep('#ds-note') ?? '' })),
    h('button', { type: 'submit', class: 'primary', id: 'ds-record' }, t('record')),
  );
  form.addEventListener('submit', addEvent);
  return form;
}

function renderAnswer(a) {
  const out = [];
  const state = a.state;
  out.push(h('h3', { id: 'ds-title', text: recordTitle(state) }));
  out.push(h('p', { class: 'verdict' }, h('strong', { text: `${t('stage')}：` }), h('span', { id: 'ds-stage', 'data-code': a.stage, text: label('dispute_stage', a.stage) })));
  for (const w of a.warnings ?? []) out.push(h('p', { class: 'warning', text: zh() ? w.message_zh : w.message_en }));
  if (a.resolution) {
    const r = a.resolution;
    out.push(
      h('table', { class: 'grid', id: 'ds-resolution' },
        h('tbody', {},
          h('tr', {}, h('th', { text: t('resolved_by') }), h('td', { text: label('resolved_by', r.by) })),
          r.decided_by?.length ? h('tr', {}, h('th', { text: t('decided_by') }), h('td', { text: r.decided_by.map(bodyName).join('、') })) : null,
          h('tr', {}, h('th', { text: t('handled_by') }), h('td', { id: 'ds-handled-by', text: bodyName(r.handler) })),
          h('tr', {}, h('th', { text: t('date') }), h('td', { text: formatDate(r.date, getLang()) })))),
    );
  }
  if (a.next) {
    const n = a.next;
    const meeting = (m) => (m ? `${formatDate(m.date, getLang())}${m.moved_for_rest_day ? t('moved') : ''}` : null);
    out.push(
      h('table', { class: 'grid', id: 'ds-next' },
        h('tbody', {},
          h('tr', {}, h('th', { text: t('next') }), h('td', { id: 'ds-next-action', 'data-code': n.action, text: label('next_action', n.action) })),
          n.actors?.length ? h('tr', {}, h('th', { text: t('actors') }), h('td', { text: n.actors.map(bodyName).join('、') })) : null,
          n.since ? h('tr', {}, h('th', { text: t('since') }), h('td', { text: formatDate(n.since, getLang()) })) : null,
          n.weekly_meeting ? h('tr', {}, h('th', { text: t('weekly') }), h('td', { id: 'ds-weekly', text: meeting(n.weekly_meeting) })) : null,
          n.monthly_meeting ? h('tr', {}, h('th', { text: t('monthly') }), h('td', { id: 'ds-monthly', text: meeting(n.monthly_meeting) })) : null,
          n.district_government_may_designate ? h('tr', {}, h('th', {}), h('td', { text: t('may_designate') })) : null)),
    );
  }
  const events = state.events ?? [];
  out.push(h('h4', { text: t('history') }));
  out.push(
    events.length
      ? h('ol', { id: 'ds-history' }, events.map((e) => h('li', {},
          `${formatDate(e.date, getLang())} ${label('dispute_event', e.kind)}`,
          e.handler ? ` → ${bodyName({ id: e.handler })}` : '',
          e.note ? `（${e.note}）` : '')))
      : h('p', { class: 'placeholder', text: t('no_events') }),
  );
  out.push(h('h4', { text: t('rules') }));
  out.push(h('ul', { class: 'rules', id: 'ds-rules' }, (a.rules ?? []).map((rule) => h('li', { 'data-rule': rule.id },
    h('code', { text: rule.id }), ` ${rule[zh() ? 'title_zh' : 'title_en'] ?? ''} `,
    h('span', { class: 'cite', text: rule.citations?.length ? `— ${rule.citations.map((c) => c[zh() ? 'zh' : 'en']).join(zh() ? '；' : '; ')}` : '' })))));
  // A dispute at the platform or before the district government is submitted
  // there with a 管辖争议提请书 (Plan §14, §11), drafted from the stored state.
  if (fullEngine && (a.stage === 'at_platform' || a.stage === 'at_district_government')) {
    const stored = state;
    out.push(draftBox({
      id: 'ds-draft',
      documents: [['dispute_submission', T.draft]],
      request: (document) => ({ document, request: { state: stored, events: [] }, ...(stored.dispute?.case_ref ? { fill: { case_number: stored.dispute.case_ref } } : {}) }),
      lang: getLang,
      engine: fullEngine,
      h,
      today,
    }));
  }
  const del = h('button', { type: 'button', id: 'ds-remove', class: 'secondary' }, t('remove'));
  del.addEventListener('click', remove);
  out.push(h('p', {}, del));
  return out;
}

function renderErrors(errors) {
  return h('div', { class: 'errors', id: 'ds-errors' },
    h('p', { text: t('refused') }),
    h('ul', {}, errors.map((e) => h('li', {},
      h('code', { text: e.code }),
      ` ${e.path}：${zh() ? e.message_zh : e.message_en}`,
      e.suggestions?.length ? ` ${t('suggest')}${e.suggestions.join(zh() ? '、' : ', ')}` : ''))));
}

/** Redraws the panel (after every step and on a change of language). */
export function renderDisputes() {
  const panel = $('#panel-disputes');
  if (!panel || !rs) return;
  const detail = [];
  if (lastErrors) detail.push(renderErrors(lastErrors));
  if (current >= 0 && records[current]) {
    const form = renderEventForm(records[current].state);
    if (form) detail.push(form);
    if (lastAnswer) detail.push(...renderAnswer(lastAnswer));
  }
  panel.replaceChildren(
    h('section', { class: 'card form-card' }, h('h2', { text: t('title') }), h('p', { class: 'small', text: t('intro') }), renderForms()),
    h('section', { class: 'card result-card', 'aria-live': 'polite', id: 'ds-detail' }, h('h2', { text: t('record_title') }), detail.length ? detail : h('p', { class: 'placeholder', text: t('placeholder') })),
  );
}

function render() {
  renderDisputes();
}

/**
 * Sets the tracker up over an engine.
 * @param engine the portal's RuleSet
 * @param lang a function returning 'zh' or 'en'
 * @param vocabularies the engine's labels: { name: { code: [zh, en] } }
 * @param full optional async () => the full module's RuleSet, for drafting
 *   the 管辖争议提请书 (loaded on the first click)
 */
export function setupDisputes(engine, lang, vocabularies, full = null) {
  rs = engine;
  getLang = lang;
  vocab = vocabularies;
  fullEngine = full;
  load();
  render();
}
