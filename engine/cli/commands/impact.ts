import { Command, Option } from 'commander';
import { type ImpactReport, impact } from '../../core/policy/impact.ts';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import type { Problem } from '../../core/problem.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { readSources } from '../../fs/read-sources.ts';
import { policiesAt } from '../../git/base-sources.ts';
import { GitError, resolveBase } from '../../git/git.ts';
import { plural, renderProblems, table } from '../../report/text.ts';
import { type CommandIO, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { parseDate } from './check.ts';

type Format = 'text' | 'json' | 'markdown';

export function impactCommand(io: CommandIO): Command {
  return new Command('impact')
    .summary("show what the working tree's policy changes do to every use case")
    .description(
      'Evaluate every manifest with the policies at <ref> and with the policies in the working tree, and ' +
        'list each rule whose outcome changes (use case, rule, before → after), with totals. This is what a ' +
        'CoE maintainer reviews before a policy change merges.\n\n' +
        'Exit codes: 0 the impact was computed, 2 invalid input (a policy that does not load) or usage.',
    )
    .requiredOption('--base <ref>', 'the policies to compare with (branch, tag or commit)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--as-of <date>', 'evaluate as on this date, YYYY-MM-DD (default: today)')
    .addOption(rootOption())
    .action(async (opts: { base: string; format: Format; asOf?: string; root?: string }) => {
      const root = resolveRoot(opts.root);
      const today = parseDate(opts.asOf);
      const base = await resolveBase(root, opts.base).catch((error: unknown) => {
        throw error instanceof GitError ? new UsageError(error.message) : error;
      });
      const beforeFiles = await policiesAt(root, base.policyCommit);
      const afterFiles = readPolicySources(root);
      if (!beforeFiles) throw new UsageError(`${opts.base} has no policies/ folder to compare with`);
      if (!afterFiles) throw new UsageError('the working tree has no policies/ folder');
      const before = loadPolicies(beforeFiles);
      const after = loadPolicies(afterFiles);
      const problems: Problem[] = [
        ...(before.ok ? [] : before.problems),
        ...(after.ok ? [] : after.problems),
      ];
      if (!before.ok || !after.ok) {
        io.out(renderProblems(problems, paint, '; the policies must load before their impact can be shown'));
        io.setExit(2);
        return;
      }
      const sources = readSources(root);
      const report = impact(sources.sources, before.policies, after.policies, today, sources.problems);
      if (report.problems.length) {
        io.out(renderProblems(report.problems, paint, '; fix the manifests first (coe check)'));
        io.setExit(2);
        return;
      }
      io.out(render(report, opts.base, opts.format));
      io.setExit(0);
    });
}

function render(r: ImpactReport, ref: string, format: Format): string {
  if (format === 'json') return `${JSON.stringify({ base: ref, ...r }, null, 2)}\n`;
  const totals = [
    `${plural(r.changes.length, 'verdict')} change across ${plural(new Set(r.changes.map((c) => c.id)).size, 'use case')} of ${r.useCases}`,
    `newly blocked: ${r.newlyBlocked.length ? r.newlyBlocked.join(', ') : 'none'}`,
    `no longer blocked: ${r.newlyUnblocked.length ? r.newlyUnblocked.join(', ') : 'none'}`,
    ...(r.rulesAdded.length ? [`rules added: ${r.rulesAdded.join(', ')}`] : []),
    ...(r.rulesRemoved.length ? [`rules removed: ${r.rulesRemoved.join(', ')}`] : []),
  ];
  if (format === 'markdown') {
    const out = [`### Policy impact against \`${ref}\``, '', ...totals.map((t) => `- ${t}`), ''];
    if (r.changes.length) {
      out.push('| use case | rule | before | after | why |', '| --- | --- | --- | --- | --- |');
      for (const c of r.changes) {
        out.push(
          `| \`${c.id}\` | \`${c.rule}\` | ${c.before} | ${c.after} | ${c.message.replace(/\|/g, '\\|')} |`,
        );
      }
    }
    return `${out.join('\n')}\n`;
  }
  const out: string[] = [paint('bold', `Policy impact: the working tree's policies against ${ref}'s`), ''];
  if (r.changes.length) {
    const rows = r.changes.map((c) => [c.id, c.rule, `${c.before} → ${c.after}`, c.message]);
    out.push(
      ...table(['use case', 'rule', 'change', 'why'], rows).map((l, i) => (i === 0 ? paint('dim', l) : l)),
    );
    out.push('');
  }
  out.push(...totals);
  return `${out.join('\n')}\n`;
}
