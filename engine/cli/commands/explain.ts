import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { loadManifest } from '../../core/check/check-manifests.ts';
import { EXIT } from '../../core/check/report.ts';
import { USECASES_DIR } from '../../core/manifest/conventions.ts';
import { STAGES, type Stage } from '../../core/manifest/vocabulary.ts';
import { notRegularProblem, readSource } from '../../core/not-regular.ts';
import { explain, nextStage } from '../../core/policy/explain.ts';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import type { Problem } from '../../core/problem.ts';
import { readRegularFile, refusedOnTheWay } from '../../fs/entries.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { renderChecklist } from '../../report/checklist.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, onTerminal, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { parseDate } from './check.ts';

export function explainCommand(io: CommandIO): Command {
  return new Command('explain')
    .summary('list what a use case needs for its next stage')
    .description(
      'For one use case, evaluate every rule as if it were at the next stage (or --to STAGE) and print a ' +
        'checklist: each applicable rule, met or not, with the fix, and the roles that must approve.\n\n' +
        'Exit codes: 0 nothing blocks the move, 1 something still blocks it, 2 invalid input or usage.',
    )
    .argument('<id>', 'use-case id (the file name under usecases/<domain>/)')
    .addOption(new Option('--to <stage>', 'target stage (default: the next one)').choices(STAGES))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--as-of <date>', 'evaluate as on this date, YYYY-MM-DD (default: today)')
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExamples:\n  coe explain fnol-triage-assistant\n  coe explain cv-screening-shortlister --to pilot',
    )
    .action((id: string, opts: { to?: Stage; format: 'text' | 'json'; asOf?: string; root?: string }) => {
      const root = resolveRoot(opts.root);
      const today = parseDate(opts.asOf);
      const file = findManifest(root, id);
      const problems: Problem[] = [];
      const bytes = readManifest(root, file, problems);
      const loaded = bytes && loadManifest(file, bytes, problems);
      const sources = readPolicySources(root);
      if (!sources) throw new UsageError(`no policies/ folder in ${root}: nothing to explain against`);
      const policies = loadPolicies(sources);
      if (!policies.ok) problems.push(...policies.problems);
      if (!loaded || !policies.ok) {
        io.out(renderProblems(problems, paint));
        io.setExit(EXIT.invalid);
        return;
      }
      const from = loaded.manifest.spec.lifecycle.stage;
      const to = opts.to ?? nextStage(from);
      if (!to) throw new UsageError(`${id} is retired; there is no next stage`);
      const checklist = explain(loaded, policies.policies, to, today);
      io.out(
        opts.format === 'json'
          ? `${JSON.stringify(checklist, null, 2)}\n`
          : onTerminal(renderChecklist(checklist, paint)),
      );
      io.setExit(checklist.items.some((i) => !i.met && i.level !== 'advisory') ? EXIT.blocked : EXIT.ok);
    });
}

/** The manifest's bytes; a link in its place or on the way is a problem, never followed. */
function readManifest(root: string, file: string, problems: Problem[]): Uint8Array | undefined {
  const linked = refusedOnTheWay(root, file);
  if (linked) return void problems.push(notRegularProblem(linked.path, linked.kind, linked.detail));
  return readSource({ file, read: () => readRegularFile(join(root, file)) }, problems);
}

/** usecases/<domain>/<id>.yaml, found by id (a linked domain folder is not one). */
function findManifest(root: string, id: string): string {
  const dir = join(root, USECASES_DIR);
  const hits = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, `${id}.yaml`)))
        .map((d) => `${USECASES_DIR}/${d.name}/${id}.yaml`)
    : [];
  if (hits.length === 0)
    throw new UsageError(`no use case "${id}": expected ${USECASES_DIR}/<domain>/${id}.yaml`);
  if (hits.length > 1) throw new UsageError(`id "${id}" is used by ${hits.join(' and ')}; run coe check`);
  return hits[0] as string;
}
