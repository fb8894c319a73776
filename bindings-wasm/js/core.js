// The hand-written JavaScript side of fuquan: plain objects in and out,
// errors thrown as FuquanError. Shared by the browser entry (index.js) and
// the Node.js entry (node.js), which load the WebAssembly and call attach().
//
// Everything crosses into the engine as JSON text and comes back as JSON
// text (see src/lib.rs): money stays a string, objects stay plain objects.

import { EMBEDDED_FILES } from './huancui-2024.js';

let wasm = null;
let embeddedHandle = null;

/** The sample rule set as one document's JSON text: ruleset.json with its list files. */
function embeddedDocument() {
  const doc = JSON.parse(EMBEDDED_FILES['ruleset.json']);
  for (const name of ['departments', 'towns', 'items', 'grants']) {
    if (!(name in doc)) doc[name] = JSON.parse(EMBEDDED_FILES[`${name}.json`]);
  }
  // Optional list files: absent, the list is empty (as in a rule-set directory).
  for (const name of ['intake_examples']) {
    const file = EMBEDDED_FILES[`${name}.json`];
    if (!(name in doc) && file !== undefined) doc[name] = JSON.parse(file);
  }
  return JSON.stringify(doc);
}

/** Called by an entry point once its WebAssembly module is loaded. */
export function attach(bindings) {
  wasm = bindings;
}

function bindings() {
  if (wasm === null) {
    throw new FuquanError([
      {
        code: 'wasm.not_initialised',
        severity: 'error',
        path: '',
        expected: 'await init() first',
        message_zh: '尚未加载 WebAssembly 模块:请先调用 await init()',
        message_en: 'the WebAssembly module is not loaded yet: call `await init()` first',
      },
    ]);
  }
  return wasm;
}

/**
 * An error the engine refused input with. `code` and `path` are those of the
 * first error diagnostic (stable codes, see docs/routing.md); `diagnostics`
 * holds them all.
 */
export class FuquanError extends Error {
  constructor(diagnostics) {
    const list = Array.isArray(diagnostics) && diagnostics.length > 0 ? diagnostics : [unknownDiagnostic()];
    const first = list.find((d) => d.severity !== 'warning') ?? list[0];
    super(describe(first, list.length));
    this.name = 'FuquanError';
    this.code = first.code;
    this.path = first.path ?? '';
    this.expected = first.expected ?? null;
    this.messageZh = first.message_zh ?? '';
    this.messageEn = first.message_en ?? '';
    this.citation = first.citation ?? null;
    this.diagnostics = list;
  }
}

function unknownDiagnostic() {
  return { code: 'input.invalid_value', severity: 'error', path: '', message_zh: '输入无效', message_en: 'invalid input' };
}

function describe(d, count) {
  const where = d.path ? ` at ${d.path}` : '';
  const more = count > 1 ? ` (and ${count - 1} more)` : '';
  return `${d.code}${where}: ${d.message_en}${more}`;
}

/** Turns what the Rust side threw (JSON text `{"diagnostics": [...]}`) into a FuquanError. */
function rethrow(e) {
  if (typeof e === 'string') {
    let parsed = null;
    try {
      parsed = JSON.parse(e);
    } catch {
      throw new Error(e);
    }
    throw new FuquanError(parsed.diagnostics);
  }
  throw e;
}

// JSON.stringify would turn NaN and ±Infinity into null (a missing value) and
// throw on a BigInt. Send them as strings instead, so that the engine refuses
// NaN with the field's own code and path (money.invalid at `fine`), and takes
// a BigInt amount exactly.
function replacer(_key, value) {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/**
 * JSON text for the engine. A string is taken as JSON text and passed on
 * unchanged, so a file's text reaches the engine exactly as written (JSON.parse
 * would already have made 50000.0 and 50000 the same number).
 */
function toJsonText(value) {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, replacer) ?? 'null';
}

const TOKEN = Symbol('fuquan.RuleSet');

/** A loaded, validated rule set. Immutable; share one per page or process. */
export class RuleSet {
  #handle;
  #catalogue = null;

  constructor(token, handle) {
    if (token !== TOKEN) throw new TypeError('use RuleSet.embedded() or RuleSet.fromJson(document)');
    this.#handle = handle;
  }

  /**
   * The default rule set (Huancui 2024, sample data), shipped with the package
   * as js/huancui-2024.js; read and indexed once, then shared.
   */
  static embedded() {
    try {
      embeddedHandle ??= bindings().RuleSetHandle.fromJson(embeddedDocument());
      return new RuleSet(TOKEN, embeddedHandle.share());
    } catch (e) {
      return rethrow(e);
    }
  }

  /**
   * A rule set from a whole document (object or JSON text). Throws a
   * FuquanError when the document does not load or has an error diagnostic.
   */
  static fromJson(document) {
    const text = toJsonText(document);
    try {
      return new RuleSet(TOKEN, bindings().RuleSetHandle.fromJson(text));
    } catch (e) {
      return rethrow(e);
    }
  }

  #live() {
    if (this.#handle === null) throw new Error('RuleSet used after free()');
    return this.#handle;
  }

  #lists() {
    this.#catalogue ??= JSON.parse(this.#live().catalogue());
    return this.#catalogue;
  }

  get id() {
    return this.#lists().meta.id;
  }

  get version() {
    return this.#lists().meta.version;
  }

  /** Whether the rule set is illustrative sample data rather than an official list. */
  get sample() {
    return this.#lists().meta.sample;
  }

  /** The rule set's identity and plan. */
  get meta() {
    return structuredClone(this.#lists().meta);
  }

  /** The district government and the platform office. */
  get district() {
    return structuredClone(this.#lists().district);
  }

  /** Towns, subdistricts and management centres, in rule-set order. */
  towns() {
    return structuredClone(this.#lists().towns);
  }

  /** Power items, in rule-set order. */
  items() {
    return structuredClone(this.#lists().items);
  }

  /** Delegations and entrustments: mode, grantor, grantee, items, document, effective and revoked days. */
  grants() {
    return structuredClone(this.#lists().grants);
  }

  /** Enforcement domains (领域), in rule-set order. */
  domains() {
    return structuredClone(this.#lists().domains);
  }

  /** District departments (原行使部门). */
  departments() {
    return structuredClone(this.#lists().departments);
  }

  /** Warnings found when the rule set was validated. */
  warnings() {
    return structuredClone(this.#lists().warnings);
  }

  /**
   * Routes one case (object or JSON text). Returns the answer; when the
   * request is refused, throws a FuquanError, or with `{raiseErrors: false}`
   * returns the `{status: "error", errors, warnings}` answer.
   */
  route(request, { raiseErrors = true } = {}) {
    const answer = JSON.parse(this.#live().route(toJsonText(request)));
    if (raiseErrors && answer.status === 'error') throw new FuquanError(answer.errors);
    return answer;
  }

  /**
   * Any decision the engine knows (see operations()): `route`, `validate`,
   * `staffing`, `screen`, ... The request is an object or JSON text; the answer
   * is `{status: "ok", ...}`. A refused request throws a FuquanError, or with
   * `{raiseErrors: false}` returns `{status: "error", errors, warnings}`.
   */
  call(operation, request, { raiseErrors = true } = {}) {
    const answer = JSON.parse(this.#live().call(String(operation), toJsonText(request)));
    if (raiseErrors && answer.status === 'error' && Array.isArray(answer.errors)) throw new FuquanError(answer.errors);
    return answer;
  }

  /**
   * Routes many cases; never throws for a refused case (its answer says so).
   * `compact` (default true): one flat row per case; else full answers.
   * `summary` (compact only): add the bilingual summary to each row.
   */
  routeMany(requests, { compact = true, summary = false } = {}) {
    if (!Array.isArray(requests)) throw new TypeError('routeMany expects an array of cases');
    const texts = JSON.stringify(requests.map(toJsonText));
    try {
      return JSON.parse(this.#live().routeMany(texts, Boolean(compact), Boolean(summary)));
    } catch (e) {
      return rethrow(e);
    }
  }

  /**
   * The `.docx` (a Word package, as a Uint8Array) of a document drafted by the
   * `draft` operation (`call('draft', request)` gives its text, HTML and
   * blanks). Only in the full module (`fuquan/full`); the main module throws a
   * TypeError. A refused request throws a FuquanError.
   */
  draftDocx(request) {
    const live = this.#live();
    if (typeof live.draftDocx !== 'function') {
      throw new TypeError("draftDocx is in the full module: import from 'fuquan/full'");
    }
    try {
      return live.draftDocx(toJsonText(request));
    } catch (e) {
      return rethrow(e);
    }
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free() {
    if (this.#handle !== null) {
      this.#handle.free();
      this.#handle = null;
    }
  }
}

/** Validates a rule-set document (object or JSON text): `{status, diagnostics}`. Never throws for a bad document. */
export function validate(document) {
  return JSON.parse(bindings().validate(toJsonText(document)));
}

/** The embedded rule set's files: `{"ruleset.json": text, ...}`. */
export function embeddedFiles() {
  return { ...EMBEDDED_FILES };
}

/** The decisions RuleSet#call knows, by name. */
export function operations() {
  return JSON.parse(bindings().operations());
}

/** The version of the Rust core inside the module. */
export function coreVersion() {
  return bindings().coreVersion();
}
