// The packed index.d.ts, as a TypeScript user compiles against it.
import init, { RuleSet, FuquanError, type RouteRequest } from 'fuquan';

await init();
const request: RouteRequest = {
  items: ['CJ-P001'],
  location: 'zhangcun',
  party: 'organisation',
  business_activity: true,
  dates: { filing: '2025-04-10' },
  sanctions: ['fine'],
  fine: '50000',
};
const { ruling } = RuleSet.embedded().route(request);
const disposition: string = ruling.disposition;
const engine: string = ruling.ruleset.engine_version;
const e: FuquanError | null = null;
console.log(disposition, engine, e);
