// Bundled by esbuild (--platform=browser --loader:.wasm=file): the "browser"
// export, and the .wasm as an asset whose URL the bundler gives.
import init, { RuleSet, coreVersion } from 'fuquan';
import wasmUrl from 'fuquan/fuquan_wasm_bg.wasm';

import request from './case.json';

try {
  await init(new URL(wasmUrl, import.meta.url));
  const { ruling } = RuleSet.embedded().route(request);
  document.body.dataset.result = JSON.stringify({
    disposition: ruling.disposition,
    engine: ruling.ruleset.engine_version,
    core: coreVersion(),
  });
} catch (e) {
  document.body.dataset.result = JSON.stringify({ error: String(e && e.stack ? e.stack : e) });
}
document.body.dataset.ready = 'true';
