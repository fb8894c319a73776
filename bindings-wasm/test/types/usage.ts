// Type-checked with `tsc -p test/types` (npm test): the shipped index.d.ts
// describes the API as a portal developer uses it. Never run.

import init, {
  FuquanError,
  RuleSet,
  operations,
  validate,
  type CompactAnswer,
  type Disposition,
  type Grant,
  type IntakeAnswer,
  type IntakeRequest,
  type Item,
  type RouteAnswer,
  type RouteRequest,
  type Ruling,
  type Town,
} from 'fuquan';

export async function usage(): Promise<string> {
  await init();
  const rs: RuleSet = RuleSet.embedded();
  const towns: Town[] = rs.towns();
  const items: Item[] = rs.items();
  const byDomain = new Map<string, Item[]>();
  for (const i of items) byDomain.set(i.domain, [...(byDomain.get(i.domain) ?? []), i]);
  const grants: Grant[] = rs.grants();
  const documents: string[] = grants.filter((g) => g.mode === 'entrustment').map((g) => `${g.document.number} ${g.effective}`);
  const benchmark: string | null = items[0]?.discretion_benchmark ?? null;
  const label: string = `${rs.id} ${rs.version} ${rs.sample ? '(sample)' : ''} ${towns.length} ${documents.length} ${benchmark ?? ''}`;

  const request: RouteRequest = {
    items: ['CJ-P001'],
    location: 'zhangcun',
    party: 'organisation',
    business_activity: true,
    dates: { violation: '2025-04-01', filing: '2025-04-10' },
    sanctions: ['fine', 'warning'],
    fine: '50000',
    flags: { hearing_requested: true },
    trace: true,
  };

  // Raising (the default): the answer is a ruling.
  const ruling: Ruling = rs.route(request).ruling;
  const d: Disposition = ruling.disposition;
  const handler: string | undefined = ruling.handler?.name_zh;
  const citations: string[] = ruling.rules.flatMap((r) => r.citations.map((c) => c.zh));
  const steps: number = ruling.trace?.length ?? 0;

  // Not raising: narrow on status.
  const answer: RouteAnswer = rs.route('{"items": []}', { raiseErrors: false });
  if (answer.status === 'error') {
    const code: string = answer.errors[0]?.code ?? '';
    void code;
  } else {
    const to: string | undefined = answer.ruling.transfer?.to.id;
    void to;
  }

  const rows: CompactAnswer[] = rs.routeMany([request, '{"items": []}'], { summary: true });
  const full: RouteAnswer[] = rs.routeMany([request], { compact: false });

  try {
    RuleSet.fromJson({ schema_version: 'fuquan/1' });
  } catch (e) {
    if (e instanceof FuquanError) {
      const parts: Array<string | null> = [e.code, e.path, e.expected, e.messageZh, e.messageEn];
      const first = e.diagnostics[0]?.severity;
      void parts;
      void first;
    }
  }
  const screened = rs.call('screen', { item: 'CJ-P001' }, { raiseErrors: false });
  const ops: string[] = operations();
  const routed: Ruling = rs.call('route', request).ruling;
  void [screened.status, ops, routed];
  const said: IntakeRequest = { text: '小区里有人半夜露天烧烤', date: '2024-09-05', source: 'hotline_12345' };
  const intake = rs.call('intake', said) as IntakeAnswer;
  const firstCode: string | undefined = intake.candidates[0]?.code;
  const handledBy: string | undefined = intake.dispatch === null ? undefined : String(intake.dispatch['handler']);
  void [intake.outcome, intake.confidence, firstCode, handledBy, items[0]?.everyday_words.length];
  const v = validate('{}');
  const ok: boolean = v.status === 'ok' && v.diagnostics.length === 0;

  // @ts-expect-error: not a disposition
  const wrong: Disposition = 'keep_it';
  // @ts-expect-error: money is exact: a string, an integer or a BigInt, never a boolean
  const badFine: RouteRequest = { ...request, fine: true };
  // @ts-expect-error: an error answer has no ruling before narrowing
  void rs.route(request, { raiseErrors: false }).ruling;

  void [label, d, handler, citations, steps, rows, full, ok, wrong, badFine];
  rs.free();
  return label;
}
