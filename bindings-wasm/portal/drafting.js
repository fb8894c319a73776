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
};

/**
 * A box of 生成文书 buttons for a result.
 * @param {object} o
 * @param {string} o.id element id prefix (buttons are `${id}-${document}`)
 * @param {Array<[string, [string, string]]>} o.documents [document kind, [zh, en] button text]
 * @param {(document: string) => object} o.request the `draft` request for a document kind
 * @param {() => 'zh' | 'en'} o.lang the page's language
 * @param {() => Promise<object>} o.engine the full module's RuleSet (loaded on demand)
 * @param {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} o.h the page's element builder
 */
export function draftBox({ id, documents, request, lang, engine, h }) {
  const zh = () => lang() === 'zh';
  const t = (k) => T[k][zh() ? 0 : 1];
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
        const req = request(kind);
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
  return h('div', { class: 'draft-box no-print', id }, h('h3', { text: t('draft') }), h('div', { class: 'row' }, ...buttons, status), out);
}
