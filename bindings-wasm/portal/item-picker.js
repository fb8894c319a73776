// The searchable item picker: wherever the portal asks for a power item, a
// search box above the item list finds it by code (CJ-P001, cj-p001, ＣＪ－Ｐ００１),
// by a part of its name (施工许可), by an everyday word the rule set gives it
// (烧烤), or by the engine's own name resolution (the `lookup` operation:
// short forms, abbreviations, near misses; docs/names.md). A whole sentence
// ("小区里有人半夜露天烧烤") goes to the `intake` decision — only when its module
// (`fuquan/full`) is already loaded, or on the explicit 按描述查找 button: typing
// never downloads the second module.
//
// The list (a <select> grouped by domain) stays the field's value and can be
// browsed as before; choosing a search result selects it there.

const T = {
  search: ['搜索事项:编码、名称或日常说法', 'Find an item: code, name or everyday words'],
  describe: ['按描述查找', 'Find by description'],
  describing: ['正在识别…', 'Reading the description…'],
  none: ['没有找到相符的事项。', 'No item matches.'],
  near: ['相近', 'near miss'],
  by_words: ['日常说法', 'everyday words'],
  by_intake: ['按描述识别', 'from the description'],
  by_lookup: ['简称或名称', 'short form or name'],
  not_chosen: ['(事项不明)', '(item not known)'],
  describe_failed: ['无法按描述查找:', 'Could not search by description: '],
};

const MAX_SHOWN = 12;

/** Text as the search compares it: NFKC (full-width letters and digits made half-width), lower case, no spaces. */
export function normalise(s) {
  return String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '');
}

/**
 * Items matching `query`, best first: exact code, code prefix, a part of the
 * code or of the name (Chinese or English), an everyday word, then what the
 * engine's `lookup` adds (short forms, abbreviations; near misses only when
 * nothing else matched).
 * @param {string} query
 * @param {{items: object[], lookup?: (q: string) => any}} source
 * @returns {{code: string, how: 'code'|'name'|'words'|'lookup'|'near', words?: string[]}[]}
 */
export function searchItems(query, { items, lookup }) {
  const q = normalise(query);
  if (!q) return [];
  const found = new Map();
  const add = (code, rank, how, words) => {
    const had = found.get(code);
    if (!had || had.rank > rank) found.set(code, { code, rank, how, words });
  };
  for (const item of items) {
    const code = normalise(item.code);
    if (code === q) add(item.code, 0, 'code');
    else if (code.startsWith(q)) add(item.code, 1, 'code');
    else if (q.length >= 2 && code.includes(q)) add(item.code, 2, 'code');
    if (normalise(item.name_zh).includes(q) || (q.length >= 3 && normalise(item.name_en).includes(q))) add(item.code, 2, 'name');
    if (q.length >= 2) {
      const words = (item.everyday_words ?? []).filter((w) => {
        const n = normalise(w);
        return n.length >= 2 && (n.includes(q) || q.includes(n));
      });
      if (words.length) add(item.code, 3, 'words', words);
    }
  }
  if (lookup && q.length >= 2) {
    const answer = lookup(query);
    if (answer?.status === 'ok') {
      const near = answer.match === 'unknown';
      if (!near || found.size === 0) {
        for (const e of answer.entries ?? []) add(e.id, near ? 5 : 4, near ? 'near' : 'lookup');
      }
    }
  }
  const order = new Map(items.map((x, i) => [x.code, i]));
  return [...found.values()]
    .sort((a, b) => a.rank - b.rank || (order.get(a.code) ?? 1e9) - (order.get(b.code) ?? 1e9))
    .map(({ code, how, words }) => (words ? { code, how, words } : { code, how }));
}

const pickers = new Set();
let seq = 0;

/**
 * A picker bound to a <select>: returns its wrapper element.
 * ctx: { h, lang(), named(x), L(pair), items, domains, departments, itemKind(),
 *        rs, describeReady(), describe(text) → Promise<candidates> }
 * opts: { id, path, optional, value, onChange(code), label }
 */
export function createItemPicker(ctx, opts) {
  const { h } = ctx;
  const tr = (k) => T[k][ctx.lang() === 'zh' ? 0 : 1];
  const n = ++seq;
  const listId = `${opts.id}-list`;
  const search = h('input', {
    type: 'search',
    id: `${opts.id}-search`,
    class: 'item-search',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    autocomplete: 'off',
    placeholder: tr('search'),
    'aria-label': tr('search'),
  });
  const describeBtn = h('button', { type: 'button', class: 'secondary describe', id: `${opts.id}-describe`, text: tr('describe') });
  const list = h('ul', { role: 'listbox', id: listId, class: 'picker-list', hidden: true });
  const select = h('select', { id: opts.id, class: opts.className ?? 'item', 'data-path': opts.path });
  const info = h('div', { class: 'iteminfo', id: `${opts.id}-info` });
  const wrap = h('div', { class: 'picker', 'data-picker': String(n) }, h('div', { class: 'row picker-search' }, search, describeBtn), list, select, info);
  let shown = [];
  let active = -1;

  const fillSelect = () => {
    const keep = select.value;
    const groups = ctx.domains
      .map((d) => {
        const its = ctx.items.filter((i) => i.domain === d.id);
        return its.length ? h('optgroup', { label: ctx.named(d) }, its.map((i) => h('option', { value: i.code, text: `${i.code}  ${ctx.named(i)}` }))) : null;
      })
      .filter(Boolean);
    select.replaceChildren(...(opts.optional ? [h('option', { value: '', text: tr('not_chosen') })] : []), ...groups);
    select.value = keep;
  };
  const showInfo = () => {
    const item = ctx.items.find((i) => i.code === select.value);
    if (!item) {
      info.textContent = '';
      return;
    }
    const dep = ctx.departments.find((d) => d.id === item.department);
    const parts = [ctx.L(ctx.itemKind()[item.kind]), ctx.named(dep)];
    if (item.penalty_basis) parts.push(`${ctx.lang() === 'zh' ? '依据' : 'basis'}: ${item.penalty_basis}`);
    info.textContent = parts.filter(Boolean).join(' · ');
    info.title = ctx.named(item);
  };
  const close = () => {
    list.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    search.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    const li = list.children[i];
    if (li?.id) search.setAttribute('aria-activedescendant', li.id);
  };
  const show = (results, note) => {
    shown = results.slice(0, MAX_SHOWN);
    const why = (r) => {
      if (r.how === 'words') return `${tr('by_words')}: ${r.words.join(ctx.lang() === 'zh' ? '、' : ', ')}`;
      if (r.how === 'intake') return `${tr('by_intake')}${r.words?.length ? `: ${r.words.join(ctx.lang() === 'zh' ? '、' : ', ')}` : ''}`;
      if (r.how === 'near') return tr('near');
      if (r.how === 'lookup') return tr('by_lookup');
      return '';
    };
    const rows = shown.map((r, k) => {
      const item = ctx.items.find((i) => i.code === r.code);
      const li = h(
        'li',
        { role: 'option', id: `${opts.id}-opt-${k}`, 'data-code': r.code, 'data-how': r.how, 'aria-selected': 'false' },
        h('code', { text: r.code }),
        ' ',
        h('span', { text: ctx.named(item) }),
        why(r) ? h('span', { class: 'why', text: ` ${why(r)}` }) : null,
      );
      li.addEventListener('mousedown', (ev) => {
        ev.preventDefault(); // keep the focus in the search box until chosen
        choose(r.code);
      });
      return li;
    });
    if (rows.length === 0) rows.push(h('li', { class: 'none', 'aria-disabled': 'true', text: note ?? tr('none') }));
    list.replaceChildren(...rows);
    list.hidden = false;
    search.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const choose = (code) => {
    select.value = code;
    search.value = '';
    close();
    showInfo();
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const lookup = (q) => ctx.rs.call('lookup', { list: 'items', query: q }, { raiseErrors: false });
  let generation = 0;
  const update = async () => {
    const text = search.value;
    const mine = ++generation;
    if (!normalise(text)) {
      close();
      return;
    }
    const results = searchItems(text, { items: ctx.items, lookup });
    show(results);
    // Everyday sentences through intake, only when its module is already here.
    if (ctx.describeReady() && normalise(text).length >= 4) {
      const more = await ctx.describe(text).catch(() => []);
      if (mine !== generation) return;
      show(mergeIntake(results, more));
    }
  };
  // Matches by code or name first; then the description's candidates in the
  // intake decision's order (best score first); then the other matches.
  const mergeIntake = (results, candidates) => {
    const strong = results.filter((r) => r.how === 'code' || r.how === 'name');
    const have = new Set(strong.map((r) => r.code));
    const described = candidates.filter((x) => !have.has(x.code)).map((x) => ({ code: x.code, how: 'intake', words: x.words }));
    for (const r of described) have.add(r.code);
    return [...strong, ...described, ...results.filter((r) => !have.has(r.code))];
  };

  search.addEventListener('input', update);
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && shown.length) {
      ev.preventDefault();
      if (list.hidden) update();
      highlight(Math.min(active + 1, shown.length - 1));
    } else if (ev.key === 'ArrowUp' && shown.length) {
      ev.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (ev.key === 'Enter') {
      ev.preventDefault(); // never submits the form from the search box
      const pick = shown[active >= 0 ? active : 0];
      if (pick && !list.hidden) choose(pick.code);
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  // Leaving the search box closes the list, unless the focus stays in the picker.
  search.addEventListener('blur', (ev) => {
    if (!wrap.contains(ev.relatedTarget)) setTimeout(() => document.activeElement !== search && close(), 150);
  });
  describeBtn.addEventListener('mousedown', (ev) => ev.preventDefault()); // the search box keeps the focus
  describeBtn.addEventListener('click', async () => {
    const text = search.value;
    if (!normalise(text)) {
      search.focus();
      return;
    }
    const mine = ++generation;
    list.replaceChildren(h('li', { class: 'none', text: tr('describing') }));
    list.hidden = false;
    try {
      const candidates = await ctx.describe(text);
      if (mine !== generation) return;
      show(mergeIntake(searchItems(text, { items: ctx.items, lookup }), candidates));
      search.focus();
    } catch (e) {
      show([], `${tr('describe_failed')}${e?.message ?? e}`);
    }
  });
  select.addEventListener('change', () => {
    showInfo();
    opts.onChange?.(select.value);
  });

  const picker = {
    wrap,
    select,
    relabel() {
      search.placeholder = tr('search');
      search.setAttribute('aria-label', tr('search'));
      describeBtn.textContent = tr('describe');
      fillSelect();
      showInfo();
      if (!list.hidden) update();
    },
    get value() {
      return select.value;
    },
    set value(code) {
      select.value = code;
      showInfo();
    },
    dispose() {
      pickers.delete(picker);
    },
  };
  fillSelect();
  select.value = opts.value ?? (opts.optional ? '' : ctx.items[0]?.code ?? '');
  showInfo();
  pickers.add(picker);
  return picker;
}

/** Every picker on the page in the page's new language. */
export function relabelPickers() {
  for (const p of pickers) {
    if (!p.wrap.isConnected) p.dispose();
    else p.relabel();
  }
}
