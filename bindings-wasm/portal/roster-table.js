// A staffing roster (花名册) pasted from Excel (tab-separated, as Excel puts
// cells on the clipboard) or uploaded as CSV: the `staffing` request's people,
// every row a person or a placed diagnostic (row, column, header, cell, code,
// zh + en message) — the same columns, words and codes as `fuquan staffing
// roster.xlsx` (office/src/roster.rs, docs/office.md). No dependency: the
// portal's WebAssembly does not grow.

/** Header synonyms, the first being the one documented. */
const FIELDS = {
  id: ['人员编号', '编号', '工号'],
  name: ['姓名'],
  establishment: ['编制类型', '编制类别', '编制性质', '编制'],
  role: ['岗位', '职务', '岗位职务'],
  centre_staff: ['是否纳入中心', '纳入综合执法中心', '是否纳入综合执法中心'],
  certificate: ['执法证号', '执法证件号', '行政执法证号', '执法证编号'],
  validity: ['有效期', '执法证有效期', '证件有效期'],
  legal_reviewer: ['法制审核人员', '是否法制审核人员'],
  legal_qualification: ['法律职业资格', '是否具有法律职业资格'],
  first_time_reviewer: ['初次从事法制审核', '首次从事法制审核'],
  seconded_from: ['下沉来源部门', '下沉部门', '派驻部门'],
  seconded_since: ['下沉日期', '下沉时间'],
  front_line_since: ['到一线工作日', '到一线工作日期', '一线工作起始日'],
};
const REQUIRED = ['name', 'establishment', 'role', 'centre_staff'];

const ESTABLISHMENT = {
  administrative: ['行政编制', '行政', '公务员', 'administrative'],
  career: ['事业编制', '事业', '参公事业编制', 'career'],
  auxiliary: ['执法辅助人员', '辅助人员', '辅助', '协管员', '编外', 'auxiliary'],
};
const ROLE = {
  centre_head: ['综合执法中心主任', '中心主任', '主任', 'centre_head'],
  deputy_head: ['综合执法中心副主任', '中心副主任', '副主任', 'deputy_head'],
  enforcement_officer: ['执法人员', '执法队员', 'enforcement_officer'],
  legal_reviewer: ['法制审核人员', '专职法制审核人员', '法制审核', 'legal_reviewer'],
  clerk: ['内勤', '综合', '内勤综合', 'clerk'],
  assistant: ['辅助岗位', '辅助', '协管', 'assistant'],
};

/** Full-width ASCII to half-width, spaces of every width removed. */
export function fold(s) {
  return String(s ?? '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00a0\ufeff]/g, '');
}

const headerKey = (s) => fold(s).replace(/[(（][^)）]*[)）]/g, '').replace(/[*＊]/g, '');

/** 2024-05-15, 2024/5/15, 2024.5.15, 2024年5月15日 → '2024-05-15'; null when not a real date. */
export function readDate(s) {
  const t = fold(s).replace(/日$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function yesNo(s) {
  const t = fold(s).toLowerCase();
  if (['是', '有', 'y', 'yes', 'true', '1', '√', '✓'].includes(t)) return true;
  if (['否', '无', 'n', 'no', 'false', '0', '×', ''].includes(t)) return false;
  return null;
}

const lookup = (table, s) => Object.keys(table).find((k) => table[k].includes(fold(s))) ?? null;

/** Splits delimited text into rows of cells; quoted cells may hold the delimiter, quotes and line breaks. */
export function splitTable(text, delimiter) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Whether pasted text is a table with a 姓名 header (rather than JSON). */
export function looksLikeTable(text) {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return false;
  return t.split(/\r?\n/, 15).some((line) => (line.includes('\t') || line.includes(',')) && /姓\s*名/.test(line));
}

const letters = (c) => {
  let n = c + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

/**
 * Reads a roster table. `departments` are the rule set's ({id, name_zh}), to
 * read 下沉来源部门. Returns { people, diagnostics, rows } where every
 * non-blank row after the header is a person or has at least one error.
 */
export function parseRosterTable(text, departments = []) {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => /姓\s*名/.test(l)) ?? '';
  const rows = splitTable(text, firstLine.includes('\t') ? '\t' : ',');
  const diagnostics = [];
  const headerIndex = rows.slice(0, 15).findIndex((r) => r.some((c) => FIELDS.name.includes(headerKey(c))));
  if (headerIndex < 0) {
    diagnostics.push({ severity: 'error', code: 'import.no_header', row: 0, column: '', header: '', cell: '', message_zh: '没有花名册表头(需含「姓名」及「编制类型」「岗位」等列)', message_en: 'no roster header (姓名 with 编制类型, 岗位 and other columns)' });
    return { people: [], diagnostics, rows: 0 };
  }
  const header = rows[headerIndex];
  const col = {};
  header.forEach((h, i) => {
    const k = headerKey(h);
    for (const [field, names] of Object.entries(FIELDS)) if (names.includes(k) && !(field in col)) col[field] = i;
  });
  for (const f of REQUIRED) {
    if (!(f in col)) {
      diagnostics.push({ severity: 'error', code: 'import.missing_column', row: headerIndex + 1, column: '', header: FIELDS[f][0], cell: '', message_zh: `花名册缺少必需的「${FIELDS[f][0]}」列`, message_en: `the roster has no "${FIELDS[f][0]}" column, which is required` });
    }
  }
  if (diagnostics.length) return { people: [], diagnostics, rows: 0 };
  const people = [];
  let count = 0;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.every((c) => fold(c) === '')) continue;
    count++;
    const n = r + 1; // the row as the spreadsheet numbers it (one line per row)
    const get = (f) => (f in col ? String(cells[col[f]] ?? '').trim().replace(/^[\u3000\s]+|[\u3000\s]+$/g, '') : '');
    const errs = [];
    const bad = (f, code, zh, en) => errs.push({ severity: 'error', code, row: n, column: f in col ? letters(col[f]) : '', header: f in col ? header[col[f]].trim() : FIELDS[f][0], cell: get(f), message_zh: zh, message_en: en });
    const name = get('name');
    if (!name) bad('name', 'import.missing_required', `第${n}行「姓名」为空`, `row ${n}: the name is empty`);
    const establishment = lookup(ESTABLISHMENT, get('establishment'));
    if (!establishment) {
      const v = get('establishment');
      bad('establishment', v ? 'roster.bad_value' : 'import.missing_required', `第${n}行「编制类型」应为行政编制、事业编制或执法辅助人员,而不是「${v}」`, `row ${n}: the establishment must be 行政编制, 事业编制 or 执法辅助人员, not "${v}"`);
    }
    const role = lookup(ROLE, get('role'));
    if (!role) {
      const v = get('role');
      bad('role', v ? 'roster.bad_value' : 'import.missing_required', `第${n}行「岗位」无法识别:「${v}」(主任、副主任、执法人员、法制审核人员、内勤、辅助岗位)`, `row ${n}: unknown post "${v}" (主任, 副主任, 执法人员, 法制审核人员, 内勤, 辅助岗位)`);
    }
    const yes = (f) => {
      if (!(f in col)) return false;
      const b = yesNo(get(f));
      if (b === null) bad(f, 'import.bad_bool', `第${n}行「${FIELDS[f][0]}」应为「是」或「否」,而不是「${get(f)}」`, `row ${n}: "${FIELDS[f][0]}" must be 是 or 否, not "${get(f)}"`);
      return b ?? false;
    };
    const date = (f) => {
      const v = get(f);
      if (!v) return null;
      const d = readDate(v);
      if (!d) bad(f, 'import.bad_date', `第${n}行「${FIELDS[f][0]}」不是日期:「${v}」`, `row ${n}: "${FIELDS[f][0]}" is not a date: "${v}"`);
      return d;
    };
    const person = {
      id: fold(get('id')) || `r${n}`,
      name,
      establishment,
      role,
      centre_staff: yes('centre_staff'),
      legal_reviewer: yes('legal_reviewer'),
      legal_qualification: yes('legal_qualification'),
      first_time_reviewer: yes('first_time_reviewer'),
      front_line_since: date('front_line_since'),
      certificate: null,
      secondment: null,
    };
    const since = date('seconded_since');
    const number = fold(get('certificate'));
    if (number) {
      const [a, b] = get('validity').split(/至|~|～/);
      const from = a && readDate(a);
      const to = b && readDate(b);
      if (from && to) person.certificate = { number, valid_from: from, valid_to: to };
      else bad('validity', 'import.bad_date', `第${n}行有执法证号,但「有效期」不是「2024-01-01至2028-12-31」这样的起止日期:「${get('validity')}」`, `row ${n}: a certificate number, but the validity is not a range like 2024-01-01至2028-12-31: "${get('validity')}"`);
    }
    const from = get('seconded_from');
    if (from) {
      const key = (s) => fold(s).replace(/^(威海市环翠区|环翠区|区)(?=..)/, '');
      const dep = departments.find((d) => d.id === fold(from) || key(d.name_zh) === key(from));
      if (!dep) bad('seconded_from', 'import.unknown_department', `第${n}行:规则集中没有部门「${from}」`, `row ${n}: the rule set has no department "${from}"`);
      else if (!since) bad('seconded_since', 'import.missing_required', `第${n}行有下沉来源部门,「下沉日期」为空`, `row ${n}: a seconding department but no secondment date`);
      else person.secondment = { from: dep.id, since };
    }
    if (errs.length) diagnostics.push(...errs);
    else people.push(person);
  }
  return { people, diagnostics, rows: count };
}
