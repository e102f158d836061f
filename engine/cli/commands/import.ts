// coe import omb: the US federal AI use-case inventory (CSV) as manifests. The mapping is
// engine/core/inventory/omb.ts; this reads the file, checks every row before writing any, and
// writes each manifest unless someone changed it since the last import. docs/federal-inventory.md.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { CORE_SCHEMA, load } from 'js-yaml';
import { isTeam, parseIdentity } from '../../core/approvals/identity.ts';
import type { ImportApprover, Lifecycle } from '../../core/approvals/records.ts';
import { EXIT } from '../../core/check/report.ts';
import {
  COLUMNS,
  deriveIds,
  fingerprints,
  GUESSED,
  type ImportContext,
  NEVER_SUPPLIED,
  type Row,
  renderImported,
  rowToManifest,
  UnknownValue,
} from '../../core/inventory/omb.ts';
import { loadPolicies, type PolicyLoad } from '../../core/policy/load-policies.ts';
import { grouped } from '../../core/words.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { terminalLine } from '../../report/escape.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { parseDate } from './check.ts';

interface ImportOptions {
  agency?: string;
  pr?: string;
  approver?: string[];
  out: string;
  dryRun?: boolean;
  year?: string;
  asOf?: string;
  root?: string;
}

interface Read {
  rows: Row[];
  /** The line each row starts on. */
  lines: number[];
}

/** The CSV, row by row, or a usage error naming file:line:column (nothing is written then). */
export function readInventory(file: string): Read {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as { code?: string }).code ?? error})`);
  }
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(buffer, { bom: true, info: true, raw: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new UsageError(`${file}:${e.lines ?? 1}:1: not a CSV file the inventory's way (${e.message})`);
  }
  const [head, ...body] = records;
  const header = head?.record ?? [];
  for (const column of COLUMNS) {
    if (!header.includes(column))
      throw new UsageError(
        `${file}:1:1: the column "${column}" is missing; the inventory has these ${COLUMNS.length}: ${COLUMNS.join(', ')}`,
      );
  }
  const rows: Row[] = [];
  const lines: number[] = [];
  for (const { record, info, raw } of body) {
    const row = Object.fromEntries(COLUMNS.map((c) => [c, record[header.indexOf(c)] ?? ''])) as Row;
    rows.push(row);
    lines.push(info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0));
  }
  return { rows, lines };
}

/** The year an inventory file names (omb-2025-…), when --year is not given. */
function yearOf(file: string, option: string | undefined): number {
  const given = option ?? /(?:^|\D)(20\d\d)(?:\D|$)/.exec(basename(file))?.[1];
  if (given === undefined)
    throw new UsageError(`${file}: its name gives no inventory year; pass --year, e.g. --year 2025`);
  const year = Number(given);
  if (!/^\d{4}$/.test(given) || year < 2000 || year > 2100)
    throw new UsageError(`--year ${given}: write the inventory year, e.g. 2025`);
  return year;
}

/** The .yaml files under dir, at any depth (none when it does not exist). */
function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'conflict';

/** The import roles' approvals --pr and --approver give, checked against the RACI's import roles. */
function importApprovers(
  root: string,
  { pr, approver = [] }: ImportOptions,
  date: string,
): ImportApprover[] | Extract<PolicyLoad, { ok: false }> {
  if (pr === undefined && approver.length === 0) return [];
  if (pr === undefined || approver.length === 0)
    throw new UsageError(
      '--pr and --approver go together: the import pull request, and each import role’s approver in it',
    );
  if (!/^[1-9]\d{0,9}$/.test(pr))
    throw new UsageError(`--pr ${pr}: write the pull request’s number, e.g. --pr 12`);
  const sources = readPolicySources(root);
  if (!sources)
    throw new UsageError(`no policies/ folder in ${root}: --approver needs raci.yaml’s import roles`);
  const loaded = loadPolicies(sources);
  if (!loaded.ok) return loaded;
  const roles = loaded.policies.registries.raci.imports;
  if (!roles)
    throw new UsageError(
      'policies/registries/raci.yaml names no import roles (imports:), so a baseline stands for no approval; name them there first',
    );
  const given = approver.map((value) => {
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)=(.*)$/.exec(value);
    if (!m || !parseIdentity(m[2] as string) || isTeam(m[2] as string))
      throw new UsageError(`--approver ${value}: write role=@login, e.g. --approver coe-lead=@jdoe`);
    const role = m[1] as string;
    if (!roles.includes(role))
      throw new UsageError(
        `--approver ${value}: ${role} is not an import role; raci.yaml names ${roles.join(', ')}`,
      );
    return { role, login: m[2] as string, date, pr: Number(pr) };
  });
  const missing = roles.filter((r) => !given.some((g) => g.role === r));
  if (missing.length)
    throw new UsageError(`--approver: give one for each import role; missing ${missing.join(', ')}`);
  return given;
}

/** What an earlier import recorded in the file, kept on a re-import: its baseline and approvals. */
function keptFrom(text: string): ImportContext['kept'] & { created?: string } {
  const m = load(text, { schema: CORE_SCHEMA }) as {
    metadata?: { created?: unknown };
    spec?: { lifecycle?: Lifecycle };
  };
  const created = m.metadata?.created;
  return {
    created: typeof created === 'string' ? created : undefined,
    baseline: m.spec?.lifecycle?.baseline,
    approvals: m.spec?.lifecycle?.approvals,
  };
}

export function importCommand(io: Pick<CommandIO, 'out' | 'setExit'>): Command {
  const command = new Command('import')
    .summary('import use cases from an inventory (omb: the US federal AI use-case inventory)')
    .description('Import use cases kept elsewhere as manifests. omb: the US federal AI use-case inventory.');
  const omb = new Command('omb')
    .summary('import the US federal AI use-case inventory (CSV) as manifests')
    .description(
      'Turn each row of the federal AI use-case inventory (the CSV OMB publishes, 36 columns) into ' +
        'usecases/<agency>/<id>.yaml. Ids are derived when a row has none or shares it (the mapping is ' +
        'printed); what the inventory cannot supply is written TODO (not yet answered; the tier assumes the ' +
        'riskier answer) and listed at the top of the file. Every row is checked before anything is written: ' +
        'a missing column or an answer the data dictionary does not allow stops it (exit 2). A re-import ' +
        'updates the files it wrote; a file changed since is left as it is and reported as a conflict (exit 1). ' +
        'Each use case records the stage it arrives at as its baseline: once the import pull request is open, ' +
        'run it again with --pr and an --approver for each import role the RACI names, whose approvals of that ' +
        'pull request stand for that stage’s. ' +
        'Column by column: docs/federal-inventory.md.',
    )
    .argument('<csv>', 'the inventory file, e.g. 2025_individually_reported_AI_use_cases.csv')
    .option('--agency <abbrev>', 'import only this agency’s rows (the agency column, e.g. DHS)')
    .option('--out <dir>', 'the folder the manifests go under', 'usecases')
    .option('--year <year>', 'the inventory year (default: the year in the file name)')
    .option(
      '--as-of <date>',
      'metadata.created of new manifests and the date of the approvals --approver records, YYYY-MM-DD (default: today, UTC)',
    )
    .option(
      '--pr <number>',
      'the pull request that imports them; with --approver, records the import roles’ approvals of the baseline',
    )
    .option(
      '--approver <role=@login>',
      'who approves the import in an import role (raci.yaml imports); one for each role, recorded in every use case whose baseline has none yet',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .option('--dry-run', 'report what would be written, and write nothing')
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExamples:\n  coe import omb ../data/omb-2025-ai-use-cases.csv --dry-run\n' +
        '  coe import omb inventory-2025.csv --agency DHS --year 2025\n' +
        '  coe import omb inventory-2025.csv --agency DHS --pr 12 --approver coe-lead=@jdoe --approver coe-maintainer=@asmith',
    )
    .action((file: string, opts: ImportOptions) => {
      const root = resolveRoot(opts.root);
      const created = parseDate(opts.asOf);
      const year = yearOf(file, opts.year);
      const approvers = importApprovers(root, opts, created);
      if (!Array.isArray(approvers)) {
        io.out(renderProblems(approvers.problems, paint));
        io.setExit(EXIT.invalid);
        return;
      }
      const read = readInventory(resolve(file));
      const picked = read.rows
        .map((row, i) => ({ row, line: read.lines[i] ?? i + 2 }))
        .filter(({ row }) => opts.agency === undefined || row.agency.trim() === opts.agency);
      if (opts.agency !== undefined && picked.length === 0)
        throw new UsageError(`--agency ${opts.agency}: no row of ${file} has that agency`);
      const ids = deriveIds(picked.map((p) => p.row));
      const out = resolve(root, opts.out);
      // Every row is mapped before any file is written.
      const planned = picked.map(({ row, line }, i) => {
        const identity = ids[i] ?? { id: '', origin: 'kept' as const };
        try {
          const imported = rowToManifest(row, { year, line, identity, created, approvers });
          const m = imported.manifest as { metadata: { domain: string } };
          return { row, line, identity, imported, path: join(out, m.metadata.domain, `${identity.id}.yaml`) };
        } catch (error) {
          if (error instanceof UnknownValue)
            throw new UsageError(`${file}:${line}:${COLUMNS.indexOf(error.column) + 1}: ${error.message}`);
          throw error;
        }
      });
      const counts: Record<Outcome, number> = { created: 0, updated: 0, unchanged: 0, conflict: 0 };
      let withGaps = 0;
      const made = new Set<string>();
      const lines: string[] = [];
      for (const p of planned) {
        const shown = relative(root, p.path);
        if (p.identity.origin !== 'kept')
          lines.push(
            `${file}:${p.line}: ${p.identity.origin === 'blank' ? 'no id' : `id "${p.row.id.trim()}" is repeated`}; imported as ${p.identity.id}`,
          );
        if (p.imported.gaps.length) withGaps++;
        let outcome: Outcome = 'created';
        let text = renderImported(p.imported);
        if (existsSync(p.path)) {
          const current = readFileSync(p.path, 'utf8');
          const prints = fingerprints(current);
          if (prints === undefined || prints.recorded !== prints.actual) {
            outcome = 'conflict';
            lines.push(
              `${shown}: ${prints === undefined ? 'not written by an import' : 'changed since the last import'}; left as it is (conflict)`,
            );
          } else {
            // The day it was first imported, its baseline and its approvals stay.
            const kept = keptFrom(current);
            const again = rowToManifest(p.row, {
              year,
              line: p.line,
              identity: p.identity,
              created: kept.created ?? created,
              kept,
              approvers,
            });
            text = renderImported(again);
            outcome = text === current ? 'unchanged' : 'updated';
          }
        }
        counts[outcome]++;
        if (!opts.dryRun && (outcome === 'created' || outcome === 'updated')) {
          const dir = join(p.path, '..');
          if (!made.has(dir)) mkdirSync(dir, { recursive: true });
          made.add(dir);
          writeFileSync(p.path, text);
        }
      }
      // Use cases an earlier import wrote for these agencies that this inventory no longer lists:
      // reported, never deleted (retiring one is the team's change).
      const agencies = new Set(picked.map(({ row }) => row.agency.trim()));
      const listed = new Set(planned.map((p) => p.path));
      const gone = yamlFiles(out).filter((path) => {
        if (listed.has(path)) return false;
        const text = readFileSync(path, 'utf8');
        const agency = /^ {4}agency: ["']?([^"'\n]+?)["']?$/m.exec(text)?.[1];
        return (
          /^ {4}inventory: us-federal-ai-use-cases$/m.test(text) &&
          agency !== undefined &&
          agencies.has(agency)
        );
      });
      for (const path of gone)
        lines.push(
          `${relative(root, path)}: imported before, not in this inventory; left as it is (retire it if it ended)`,
        );
      // Rows quote names and ids from the CSV: no control character of theirs reaches the terminal.
      for (const line of lines) io.out(`${terminalLine(line)}\n`);
      const derived = planned.filter((p) => p.identity.origin !== 'kept');
      io.out(
        `${grouped(planned.length)} rows of the ${year} inventory${opts.agency ? ` (${opts.agency})` : ''}: ` +
          `${grouped(counts.created)} created, ${grouped(counts.updated)} updated, ${grouped(counts.unchanged)} unchanged, ${grouped(counts.conflict)} conflicts` +
          `${gone.length ? `; ${grouped(gone.length)} imported before and no longer listed` : ''}` +
          `${opts.dryRun ? ' (dry run: nothing written)' : ''}\n` +
          `ids: ${grouped(planned.length - derived.length)} kept, ${grouped(derived.filter((p) => p.identity.origin === 'blank').length)} derived (no id), ` +
          `${grouped(derived.filter((p) => p.identity.origin === 'repeated').length)} derived (repeated id)\n` +
          `gaps: every manifest asks for ${NEVER_SUPPLIED.join(', ')} (TODO) and confirms ${GUESSED.length} guesses; ` +
          `${grouped(withGaps)} rows also left questions blank (listed at the top of each file)\n`,
      );
      io.setExit(counts.conflict > 0 ? EXIT.blocked : EXIT.ok);
    });
  return command.addCommand(omb);
}
