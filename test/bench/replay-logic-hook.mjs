// Part of npm run bench (policies-warm.mjs --replay): a module hook that rewrites the package's
// evaluateLogic, as it loads, into one that can record every outcome of the rules' logic in one
// pass and hand the same outcomes back, in the same order, in a later pass without evaluating
// anything. What such a pass costs is what judging costs beyond the logic itself: the tier's
// reasons, the approvals, which rules apply, the findings' messages and lines, what is kept.
// The package's code is otherwise left as it is; the hook fails loudly if it finds nothing to
// rewrite, and policies-warm.mjs checks that a replayed pass judges exactly as the real one.
import { registerHooks } from 'node:module';

const REAL = 'function evaluateLogic(logic, context, apply = applyCompiled)';
// Most outcomes are a plain value with nothing missing: those are recorded as one shared outcome
// per value, so that a million recorded outcomes do not weigh on the collector of the passes timed.
const TAPE = `function evaluateLogic(logic, context, apply) {
  const tape = globalThis.__coeLogicTape;
  if (tape?.mode === 'replay') return tape.outcomes[tape.next++];
  const outcome = evaluateLogicAsShipped(logic, context, apply);
  if (tape?.mode === 'record') tape.outcomes.push(tape.shared(outcome));
  return outcome;
}
function evaluateLogicAsShipped(logic, context, apply = applyCompiled)`;

let rewritten = false;
registerHooks({
  load(url, context, next) {
    const loaded = next(url, context);
    if (!url.endsWith('/dist/lib/index.mjs')) return loaded;
    const source = String(loaded.source);
    if (!source.includes(REAL)) throw new Error(`no "${REAL}" in ${url} to rewrite`);
    rewritten = true;
    return { ...loaded, source: source.replace(REAL, TAPE) };
  },
});
globalThis.__coeLogicTapeHooked = () => rewritten;
