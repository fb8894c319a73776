// Types of the fuquan npm package. The JSON shapes are those of
// fixtures/README.md (contract "fuquan/1"); field names are snake_case as on
// the wire, JavaScript API names are camelCase.

// ───────────────────────── loading ─────────────────────────

/** Anything the browser build can load the .wasm from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module; resolves when fuquan is ready. Idempotent.
 * Browser build: fetches `pkg-web/fuquan_wasm_bg.wasm` (or `moduleOrPath`).
 * Node.js build: already loaded on import; resolves at once.
 */
export default function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;
export { init };
/** Synchronous loading from bytes or a compiled module (e.g. in a worker). No-op in Node.js. */
export function initSync(module?: BufferSource | WebAssembly.Module): void;

// ───────────────────────── common ─────────────────────────

/** Exact money: a string of yuan with at most two decimals (`"49999.99"`) or whole yuan. Never a fraction. */
export type Money = string | number | bigint;
/** `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Text {
  zh: string;
  en: string;
}

export interface Citation {
  zh: string;
  en: string;
}

export type Severity = 'error' | 'warning';

/** A finding with a stable code, the path of the offending field, and both languages. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  /** e.g. `items[0]`, `dates.filing`; empty for the whole input. */
  path: string;
  expected?: string;
  message_zh: string;
  message_en: string;
  citation?: Citation;
}

/** Thrown when the engine refuses input; carries the first error's code and path. */
export class FuquanError extends Error {
  readonly name: 'FuquanError';
  /** Stable code, e.g. `money.float`, `case.unknown_item`, `input.syntax`. */
  readonly code: string;
  /** Path of the offending field, e.g. `fine`, `items[0]`; empty for the whole input. */
  readonly path: string;
  readonly expected: string | null;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly citation: Citation | null;
  /** Every diagnostic (errors first; warnings too when a rule set is refused). */
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]);
}

// ───────────────────────── rule set ─────────────────────────

export type TownKind = 'town' | 'subdistrict' | 'management_centre';
export type TownClass = 'developed_town' | 'key_industry_town' | 'main_urban_subdistrict';
export type ItemKind = 'penalty' | 'inspection' | 'compulsory_measure';

export interface Meta {
  id: string;
  version: string;
  /** True for illustrative data (the embedded default is sample data). */
  sample: boolean;
  name_zh: string;
  name_en: string;
  plan: { title_zh: string; short_zh: string; short_en: string; number: string; dated: IsoDate };
}

export interface NamedBody {
  id: string;
  name_zh: string;
  name_en: string;
}

export interface Town extends NamedBody {
  kind: TownKind;
  /** Null for a management centre. */
  class: TownClass | null;
  /** For a management centre: the town it hands cases over to. */
  hands_over_to: string | null;
}

export interface Item {
  code: string;
  name_zh: string;
  name_en: string;
  kind: ItemKind;
  /** A domain id (see `domains()`). */
  domain: string;
  /** The original department's id (see `departments()`). */
  department: string;
  establishing_basis: string;
  penalty_basis: string | null;
  in_guiding_catalogue: boolean;
  related_items: string[];
  /** Discretion benchmark reference (裁量基准), or null. */
  discretion_benchmark: string | null;
  /** The words people use for the matter, which `intake` matches (docs/intake.md); `[]` when none. */
  everyday_words: string[];
}

/** A delegation (赋权) or entrustment (委托) as the rule set publishes it. */
export interface Grant {
  id: string;
  mode: 'delegation' | 'entrustment';
  /** The granting department's id. */
  grantor: string;
  /** Every town of a class, or named towns. */
  grantee: { class: TownClass } | { towns: string[] };
  items: string[];
  document: { number: string; title_zh: string; title_en: string };
  /** YYYY-MM-DD. */
  effective: string;
  revoked: string | null;
}

export class RuleSet {
  private constructor();
  /** The embedded default rule set (Huancui 2024, **sample data**). */
  static embedded(): RuleSet;
  /** A whole rule-set document, as an object or JSON text. Throws FuquanError if it does not load or validate. */
  static fromJson(document: object | string): RuleSet;
  readonly id: string;
  readonly version: string;
  readonly sample: boolean;
  readonly meta: Meta;
  readonly district: { government: NamedBody; platform_office: NamedBody };
  towns(): Town[];
  items(): Item[];
  /** Delegations and entrustments, in rule-set order. */
  grants(): Grant[];
  domains(): NamedBody[];
  departments(): NamedBody[];
  /** Warnings found when the rule set was validated. */
  warnings(): Diagnostic[];
  /** Routes one case; throws FuquanError when the request is refused. */
  route(request: RouteRequest | string, options?: { raiseErrors?: true }): RouteOk;
  /** Routes one case; a refused request comes back as `{status: "error"}`. */
  route(request: RouteRequest | string, options: { raiseErrors: false }): RouteAnswer;
  route(request: RouteRequest | string, options?: RouteOptions): RouteAnswer;
  /** Any decision by name (see `operations()`), e.g. `screen`, `staffing`; `route` and `validate` too. */
  call(operation: 'route', request: RouteRequest | string, options?: { raiseErrors?: true }): RouteOk;
  call(operation: 'validate', document: object | string, options?: RouteOptions): ValidateAnswer;
  call(operation: Operation | (string & {}), request: object | string, options?: { raiseErrors?: true }): DecisionOk;
  call(operation: Operation | (string & {}), request: object | string, options: RouteOptions): DecisionAnswer | ValidateAnswer;
  /** Routes many cases into compact rows (the default); never throws for a refused case. */
  routeMany(requests: Array<RouteRequest | string>, options?: { compact?: true; summary?: boolean }): CompactAnswer[];
  /** Routes many cases into full answers; never throws for a refused case. */
  routeMany(requests: Array<RouteRequest | string>, options: { compact: false }): RouteAnswer[];
  routeMany(requests: Array<RouteRequest | string>, options?: RouteManyOptions): Array<CompactAnswer | RouteAnswer>;
  /**
   * The `.docx` bytes of a document drafted by the `draft` operation (the same
   * request as `call('draft', request)`). Only in the full module
   * (`fuquan/full`); the main module throws a TypeError. Throws FuquanError
   * when the request is refused.
   */
  draftDocx(request: object | string): Uint8Array;
  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free(): void;
}

export interface RouteOptions {
  /** Throw FuquanError for a refused request (default true). */
  raiseErrors?: boolean;
}

export interface RouteManyOptions {
  /** One flat row per case (default true); false for full answers. */
  compact?: boolean;
  /** Compact rows only: add `summary_zh` / `summary_en`. */
  summary?: boolean;
}

/** Validates a rule-set document (object or JSON text). Never throws for a bad document. */
export function validate(document: object | string): ValidateAnswer;

export interface ValidateAnswer {
  status: 'ok' | 'error';
  diagnostics: Diagnostic[];
}

/** The embedded rule set's files, by name (`ruleset.json`, `towns.json`, ...), as JSON text. */
export function embeddedFiles(): Record<string, string>;

/** The decisions `RuleSet#call` knows (this module's build). */
export function operations(): Operation[];

/**
 * Decisions of the core's registry, in its order (checked against it by `core/tests/registry.rs`).
 * `supervision` and `intake` are in the full module only (`fuquan/full`); `operations()` lists
 * what the loaded module has.
 */
export type Operation =
  | 'route'
  | 'validate'
  | 'staffing'
  | 'staffing_district'
  | 'screen'
  | 'screen_catalogue'
  | 'dispute'
  | 'designation_request'
  | 'platform_schedule'
  | 'dispatch'
  | 'coverage'
  | 'inspection_plan'
  | 'supervision'
  | 'route_history'
  | 'labels'
  | 'lookup'
  | 'intake'
  | 'draft';

/** A decision other than routing: its own fields plus the explanation every decision carries. */
export interface DecisionOk {
  status: 'ok';
  rule_ids: string[];
  rules: RuleView[];
  summary: Text;
  trace: TraceStep[] | null;
  warnings: Diagnostic[];
  /** The decision's own fields (see fixtures/README.md). */
  [field: string]: unknown;
}

export type DecisionAnswer = DecisionOk | RouteError;

/** The version of the Rust core inside the module. */
export function coreVersion(): string;

// ───────────────────────── routing request ─────────────────────────

export type Party = 'individual' | 'organisation';

/** 行政处罚法 Art. 9. */
export type Sanction =
  | 'warning'
  | 'circulated_criticism'
  | 'fine'
  | 'confiscate_illegal_gains'
  | 'confiscate_illegal_property'
  | 'suspend_licence'
  | 'lower_qualification_grade'
  | 'revoke_licence'
  | 'restrict_business_activities'
  | 'order_suspension'
  | 'order_closure'
  | 'restrict_practice';

export interface CaseFlags {
  major_and_complex?: boolean;
  needs_recusal?: boolean;
  unsuited_to_town_level?: boolean;
  district_designation?: boolean;
  major_public_interest?: boolean;
  complex_multiple_legal_relations?: boolean;
  review_required_by_law?: boolean;
  hearing_requested?: boolean;
}

export interface RouteRequest {
  case_id?: string;
  /** Item codes, e.g. `["CJ-P001"]`. */
  items: string[];
  /** A town, subdistrict or management-centre id. */
  location: string;
  party: Party;
  business_activity: boolean;
  dates: { violation?: IsoDate | null; violation_end?: IsoDate | null; discovery?: IsoDate | null; filing?: IsoDate | null; decision?: IsoDate | null };
  sanctions?: Sanction[];
  /** Required with the `fine` sanction, forbidden without it. */
  fine?: Money | null;
  confiscation?: Money | null;
  flags?: CaseFlags;
  /** A body id that has already opened (立案) this case. */
  opened_by?: string | null;
  /** Return the step-by-step trace. */
  trace?: boolean;
}

// ───────────────────────── routing answer ─────────────────────────

export type BodyKind = 'town' | 'subdistrict' | 'management_centre' | 'department' | 'district_government' | 'platform_office' | 'city_government';
export type Disposition = 'keep' | 'transfer' | 'handover' | 'department' | 'split' | 'platform';
export type DateBasis = 'filing' | 'discovery' | 'violation';
export type ItemStatus =
  | 'in_transition'
  | 'delegated'
  | 'carried_by_delegation'
  | 'entrusted'
  | 'carried_by_entrustment'
  | 'compulsory_not_entrustable'
  | 'revoked'
  | 'expired'
  | 'not_yet_effective'
  | 'out_of_list';
export type HearingGround =
  | 'large_fine'
  | 'large_confiscation'
  | 'lower_qualification_grade'
  | 'revoke_licence'
  | 'order_suspension'
  | 'order_closure'
  | 'restrict_practice';
export type LegalReviewGround =
  | 'major_public_interest'
  | 'major_rights_after_hearing'
  | 'complex_multiple_legal_relations'
  | 'required_by_law';
export type DesignationGround = 'major_and_complex' | 'needs_recusal' | 'unsuited_to_town_level';

export interface Body {
  id: string;
  kind: BodyKind;
  name_zh: string;
  name_en: string;
}

export interface Movement {
  from: Body;
  to: Body;
}

export interface RuleView {
  id: string;
  title_zh: string;
  title_en: string;
  citations: Citation[];
}

export interface TraceStep {
  rule: string | null;
  zh: string;
  en: string;
}

export interface Ruling {
  case_id?: string;
  ruleset: { id: string; version: string; effective_from: IsoDate | null; content_hash: string; engine_version: string };
  relevant_date: IsoDate;
  relevant_date_basis: DateBasis;
  location: Body;
  disposition: Disposition;
  handler: Body | null;
  acts_in_name_of: Body | null;
  legally_responsible: Body | null;
  review_respondent: Body | null;
  litigation_defendant: Body | null;
  review_body: Body | null;
  /** A second review body where the law offers one (行政复议法 Art. 24 ¶4), else null. */
  review_body_alternative: Body | null;
  handover: Movement | null;
  transfer: Movement | null;
  transition: { grant: string; effective: IsoDate; last_day: IsoDate; in_transition: boolean } | null;
  items: Array<{ code: string; status: ItemStatus; grant: string | null; department: string }>;
  legal_review: { required: boolean; grounds: LegalReviewGround[] };
  hearing: { right: boolean; grounds: HearingGround[] };
  designation: { designated: boolean; may_request: boolean; grounds: DesignationGround[] };
  /** Determining rule ids, sorted. */
  rule_ids: string[];
  /** The determining rules with titles and citations. */
  rules: RuleView[];
  summary: Text;
  trace: TraceStep[] | null;
}

export interface RouteOk {
  status: 'ok';
  ruling: Ruling;
  warnings: Diagnostic[];
}

export interface RouteError {
  status: 'error';
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export type RouteAnswer = RouteOk | RouteError;

/** One flat row per case (batch work). */
export interface CompactAnswer {
  status: 'ok' | 'error';
  case_id: string | null;
  disposition: Disposition | null;
  handler: string | null;
  acts_in_name_of: string | null;
  review_body: string | null;
  transfer_to: string | null;
  handover_to: string | null;
  relevant_date: IsoDate | null;
  in_transition: boolean | null;
  legal_review: boolean | null;
  hearing: boolean | null;
  /** Sorted rule ids joined by `;`. */
  rule_ids: string | null;
  /** Warning codes (e.g. `limitation.two_years`) joined by `;`; empty when none, null for a refused case. */
  warnings: string | null;
  summary_zh: string | null;
  summary_en: string | null;
  error_code: string | null;
  error_path: string | null;
  error_message: string | null;
}

// ───────────────────────── intake (docs/intake.md) ─────────────────────────

export type ReportSource = 'grid_worker' | 'hotline_12345' | 'digital_city_management' | 'patrol';

/** The request of `call('intake', …)`: a sentence and what is known around it. */
export interface IntakeRequest {
  report_id?: string;
  /** What the caller or the grid worker said (at most 2,000 characters). */
  text: string;
  /** A town, subdistrict or management centre id; when absent, a place named in the text. */
  place?: string;
  /** YYYY-MM-DD. */
  date: string;
  source: ReportSource;
  trace?: boolean;
}

export interface IntakeCandidate {
  code: string;
  name_zh: string;
  name_en: string;
  domain: string;
  department: string;
  /** The ranking score in thousandths (an integer, the same in every language):
   *  the word score, with the example reports weighing in when the rule set has them. */
  score_milli: number;
  /** BM25 over the item's words (names, legal bases, everyday words), in thousandths. */
  word_score_milli: number;
  /** BM25 against the item's labelled example reports, in thousandths (0 without examples). */
  example_score_milli: number;
  /** Within 80% of the top score. */
  close: boolean;
  /** The words of the sentence that matched it. */
  words: string[];
}

/** The answer of `call('intake', …)` (`status: 'ok'`). */
export interface IntakeAnswer extends DecisionOk {
  outcome: 'item' | 'domain' | 'needs_person' | 'no_item';
  /** 0–100. */
  confidence: number;
  words: string[];
  candidates: IntakeCandidate[];
  /** What the ranking rested on: the words alone (no example reports in the rule set),
   *  the words with the examples, or the examples alone (no word strong enough). */
  ranked_by: 'words' | 'words_and_examples' | 'examples';
  /** The labelled example report closest to the sentence (the top candidate's, or one
   *  outside the catalogue when those are closer); null without examples. */
  nearest_example: { item: string | null; text: string } | null;
  place: Body | null;
  place_from: 'request' | 'text' | null;
  item: string | null;
  domain: string | null;
  /** The full `dispatch` answer for the item or domain, or null. */
  dispatch: DecisionOk | null;
  next_step: Text;
}
