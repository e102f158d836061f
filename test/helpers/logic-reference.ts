// JSON Logic as json-logic-js evaluates it, with CoE Gate's operations (engine/core/policy/logic.ts)
// in its table: the reference the compiled evaluation is compared with. json-logic-js keeps one
// operation table per process; this module configures it once, as the engine did before it
// compiled policies.
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { ADDED, type Apply } from '../../engine/core/policy/logic.ts';

for (const name of ['log', 'missing', 'missing_some']) jsonLogic.rm_operation(name);
for (const [name, fn] of Object.entries(ADDED)) jsonLogic.add_operation(name, fn);

/** json-logic-js's apply, for evaluateLogic's and evaluateManifest's `apply`. */
export const referenceApply: Apply = (logic, data) => jsonLogic.apply(logic as RulesLogic, data);
