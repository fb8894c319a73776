// 生成文书: the documents a result leads to, drafted by the engine's `draft`
// operation (docs/drafting.md) from the same request the result came from,
// downloaded as .docx and previewed as the printable HTML, with the list of
// what the clerk still has to fill in. Drafting lives in the full module
// (`fuquan/full`), loaded on the first click, so the page's first download
// stays small.

const T = {
  draft: ['生成文书', 'Draft the document'],
  drafting: ['正在生成…', 'Drafting…'],
  downloaded: ['已下载：', 'Downloaded: '],
  refused: ['无法生成文书：', 'Could not draft the document: '],
  blanks: ['文书中待填写的内容(文中以＿＿＿＿标出)', 'Still to be filled in (marked ＿＿＿＿ in the document)'],
  no_blanks: ['各项内容均已由判定结果和所填信息写明。', 'Every part is filled from the ruling and what was entered.'],
  preview: ['文书预览', 'Preview'],
  fill: ['文书内容(可留空，留空处在文书中以＿＿＿＿标出)', "The document's contents (optional; what is left empty is marked ＿＿＿＿)"],
  facts: ['涉嫌违法行为(案件事实)', 'The suspected violation (the facts)'],
  investigation: ['案件调查情况', 'The investigation so far'],
  materials: ['移送材料(每行一项，可在行末写页数，如“现场勘验笔录 3”)', 'Materials sent (one per line, pages at the end, e.g. "现场勘验笔录 3")'],
  contact_name: ['联系人', 'Contact person'],
  contact_phone: ['联系电话', 'Contact phone'],
  date: ['成文日期', 'Date of the document'],
};

// The clerk's fields a document uses (docs/drafting.md, `fill`): what the
// engine cannot know. The party and the evidence stay for the clerk's copy.
const FIELDS = {
  transfer: ['facts', 'investigation', 'materials', 'contact', 'date'],
  handover: ['facts', 'investigation', 'materials', 'contact', 'date'],
  designation_request: ['facts', 'contact', 'date'],
  designation_decision: ['date'],
  dispute_submission: ['facts', 'contact', 'date'],
};

/** `现场勘验笔录 3` → {name, pages: 3}; a line without a trailing number is a name. */
export function parseMaterials(text) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)[\s　]+(\d{1,4})\s*页?$/.exec(l);
      return m ? { name: m[1].trim(), pages: Number(m[2]) } : { name: l };
    });
}

/**
 * A box of 生成文书 buttons for a result.
 * @param {object} o
 * @param {string} o.id element id prefix (buttons are `${id}-${document}`)
 * @param {Array<[string, [string, string]]>} o.documents [document kind, [zh, en] button text]
 * @param {(document: string) => object} o.request the `draft` request for a document kind
 * @param {() => 'zh' | 'en'} o.lang the page's language
 * @param {() => Promise<object>} o.engine the full module's RuleSet (loaded on demand)
 * @param {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} o.h the page's element builder
 * @param {() => string} [o.today] today as YYYY-MM-DD (the 成文日期 the form proposes)
 */
export function draftBox({ id, documents, request, lang, engine, h, today }) {
  const zh = () => lang() === 'zh';
  const t = (k) => T[k][zh() ? 0 : 1];
  const wanted = new Set(documents.flatMap(([kind]) => FIELDS[kind] ?? []));
  const field = (key, control) => (wanted.has(key) ? h('label', {}, h('span', { text: t(key) }), control) : null);
  const input = (key, attrs = {}) => h('input', { id: `${id}-${key}`, type: 'text', autocomplete: 'off', ...attrs });
  const area = (key) => h('textarea', { id: `${id}-${key}`, rows: '2' });
  const form = h('details', { class: 'draft-fill', open: true },
    h('summary', { text: t('fill') }),
    field('facts', area('facts')),
    field('investigation', area('investigation')),
    field('materials', area('materials')),
    wanted.has('contact') ? h('label', {}, h('span', { text: t('contact_name') }), input('contact-name')) : null,
    wanted.has('contact') ? h('label', {}, h('span', { text: t('contact_phone') }), input('contact-phone')) : null,
    field('date', input('date', { type: 'date', value: today ? today() : '' })));
  const value = (key) => form.querySelector(`#${id}-${key}`)?.value.trim() ?? '';
  /** The clerk's fields for a document: only what was typed. */
  const fillFor = (kind) => {
    const keys = new Set(FIELDS[kind] ?? []);
    const fill = {};
    if (keys.has('facts') && value('facts')) fill.facts = value('facts');
    if (keys.has('investigation') && value('investigation')) fill.investigation = value('investigation');
    if (keys.has('materials') && value('materials')) fill.materials = parseMaterials(value('materials'));
    if (keys.has('contact') && (value('contact-name') || value('contact-phone'))) {
      fill.contact = {};
      if (value('contact-name')) fill.contact.name = value('contact-name');
      if (value('contact-phone')) fill.contact.phone = value('contact-phone');
    }
    if (keys.has('date') && value('date')) fill.date = value('date');
    return fill;
  };
  const status = h('span', { class: 'small', id: `${id}-status` });
  const out = h('div', { id: `${id}-out` });
  const buttons = documents.map(([kind, pair]) =>
    h('button', { type: 'button', class: 'secondary draft-btn', id: `${id}-${kind}`, 'data-document': kind, text: pair[zh() ? 0 : 1] }),
  );
  for (const b of buttons) {
    b.addEventListener('click', async () => {
      const kind = b.dataset.document;
      status.textContent = t('drafting');
      out.replaceChildren();
      try {
        const rs = await engine();
        const base = request(kind);
        const req = { ...base, fill: { ...(base.fill ?? {}), ...fillFor(kind) } };
        const answer = rs.call('draft', req, { raiseErrors: false });
        if (answer.status !== 'ok') {
          status.textContent = '';
          out.replaceChildren(
            h('div', { class: 'errors', id: `${id}-errors` },
              h('p', { text: t('refused') }),
              h('ul', {}, answer.errors.map((e) => h('li', {}, h('code', { text: e.code }), ` ${e.path}：${zh() ? e.message_zh : e.message_en}`)))),
          );
          return;
        }
        const bytes = rs.draftDocx(req);
        const name = `${answer.title_zh}${req.fill?.case_number ? `（${req.fill.case_number}）` : ''}.docx`;
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
        const a = h('a', { href: url, download: name, id: `${id}-link`, text: name });
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        status.replaceChildren(t('downloaded'), a);
        out.replaceChildren(
          h('h4', { text: t('blanks') }),
          answer.blanks.length
            ? h('ul', { id: `${id}-blanks`, class: 'blanks' }, answer.blanks.map((x) => h('li', { 'data-field': x.field, text: zh() ? x.zh : x.en })))
            : h('p', { id: `${id}-blanks`, text: t('no_blanks') }),
          h('h4', { text: t('preview') }),
          h('iframe', { id: `${id}-preview`, class: 'draft-preview', title: t('preview'), srcdoc: answer.html }),
        );
      } catch (e) {
        status.textContent = `${t('refused')}${e?.message ?? e}`;
      }
    });
  }
  return h('div', { class: 'draft-box no-print', id }, h('h3', { text: t('draft') }), form, h('div', { class: 'row' }, ...buttons, status), out);
}
