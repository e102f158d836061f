// `coe explain` at a terminal: what a use case needs for a stage, rule by rule, and who approves.
import type { Checklist } from '../core/policy/explain.ts';
import { terminalSafe } from './escape.ts';
import { type Paint, plural } from './text.ts';

export function renderChecklist(checklist: Checklist, paint: Paint): string {
  const c = terminalSafe(checklist);
  const out: string[] = [];
  const move = c.from === c.to ? `at ${c.to}` : `${c.from} → ${c.to}`;
  const tier =
    c.tier.computed === c.tier.declared
      ? c.tier.declared
      : `${c.tier.effective} (declared ${c.tier.declared}, computed ${c.tier.computed})`;
  out.push(paint('bold', `${c.id}: ${move}, tier ${tier}`));
  out.push(paint('dim', c.file));
  let policy = '';
  for (const item of c.items) {
    if (item.policy !== policy) {
      policy = item.policy;
      out.push('');
      out.push(paint('bold', policy));
    }
    const mark = item.met
      ? paint('green', '✔')
      : item.level === 'advisory'
        ? paint('cyan', 'i')
        : paint('red', '✖');
    const tag = item.waived ? paint('dim', ' (waived)') : item.met ? '' : paint('dim', ` [${item.level}]`);
    out.push(`  ${mark} ${item.title}${tag}`);
    if (item.met) continue;
    for (const d of item.details)
      out.push(`      ${d.line ? paint('dim', `line ${d.line}: `) : ''}${d.message}`);
    out.push(paint('dim', `      fix: ${item.remediation}`));
  }
  out.push('');
  out.push(paint('bold', `Approvals to be at ${c.to} (tier ${c.tier.effective})`));
  for (const a of c.approvers)
    out.push(`  ${a.role}: ${a.holders.join(', ') || paint('red', 'nobody holds this role')}`);
  const blocking = c.items.filter((i) => !i.met && i.level !== 'advisory').length;
  const met = c.items.filter((i) => i.met).length;
  out.push('');
  out.push(
    blocking
      ? paint(
          'red',
          `${met} of ${plural(c.items.length, 'requirement')} met; ${plural(blocking, 'blocking item')} left`,
        )
      : paint('green', `${met} of ${plural(c.items.length, 'requirement')} met; nothing blocks ${c.to}`),
  );
  return `${out.join('\n')}\n`;
}
