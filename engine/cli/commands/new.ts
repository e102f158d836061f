import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { loadManifest } from '../../core/check/check-manifests.ts';
import { USECASES_DIR } from '../../core/manifest/conventions.ts';
import { renderScaffold, TODO, withInstalledSchemas } from '../../core/manifest/scaffold.ts';
import { PATTERNS, type Pattern } from '../../core/manifest/vocabulary.ts';
import { notRegularMessage } from '../../core/not-regular.ts';
import type { Problem } from '../../core/problem.ts';
import { refusedOnTheWay } from '../../fs/entries.ts';
import { terminalLine } from '../../report/escape.ts';
import usecaseSchema from '../../schema/usecase.schema.json' with { type: 'json' };
import { type CommandIO, rootOption } from '../command-io.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

/** The argument that gave each field of the scaffold, to name it in an error. */
const FLAG_OF: Record<string, string> = {
  'metadata.id': 'id',
  'metadata.domain': '--domain',
  'metadata.title': '--title',
  'metadata.owner': '--owner',
};

// Checked before the rest: id and domain make the file's path. From the schema, defined once.
const ID = new RegExp(usecaseSchema.$defs.Metadata.properties.id.pattern);
const DOMAIN = new RegExp(usecaseSchema.$defs.Metadata.properties.domain.pattern);
export const PRINCIPAL = new RegExp(usecaseSchema.$defs.GitHubPrincipal.pattern);

interface NewOptions {
  domain?: string;
  title?: string;
  pattern?: Pattern;
  owner?: string;
  root?: string;
}

export function newCommand(io: Pick<CommandIO, 'out'>): Command {
  return new Command('new')
    .summary('scaffold a use-case manifest at the intake stage')
    .description(
      'Write usecases/<domain>/<id>.yaml: a valid intake-stage manifest with every field to fill next marked TODO. ' +
        'Never overwrites a file. On a terminal, asks for whatever the flags leave out.',
    )
    .argument('[id]', 'use-case id in kebab-case, e.g. claims-fnol-triage (also the file name)')
    .option('-d, --domain <domain>', 'business domain in kebab-case, e.g. claims (also the folder)')
    .option('-t, --title <title>', 'short human title')
    .addOption(
      new Option('-p, --pattern <pattern>', 'reference pattern')
        .choices(PATTERNS)
        .default('internal-copilot'),
    )
    .option('-o, --owner <principal>', 'accountable GitHub user or team, e.g. @acme/claims-ai')
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExample:\n  coe new claims-fnol-triage --domain claims --title "First notice of loss triage" --pattern agentic-workflow',
    )
    .action(async (idArg: string | undefined, opts: NewOptions, cmd: Command) => {
      const root = resolveRoot(opts.root);
      const patternGiven = cmd.getOptionValueSource('pattern') === 'cli';
      const answers = await askMissing({ id: idArg, ...opts }, patternGiven);
      const { id, domain, title, pattern, owner } = answers;
      if (!ID.test(id))
        throw new UsageError(`id "${id}" must be kebab-case: lowercase letters, digits and single hyphens`);
      if (!DOMAIN.test(domain))
        throw new UsageError(`domain "${domain}" must be kebab-case, e.g. claims or finance-ops`);
      if (!PRINCIPAL.test(owner))
        throw new UsageError(`owner "${owner}" must be a GitHub user (@login) or team (@org/team)`);
      const rel = `${USECASES_DIR}/${domain}/${id}.yaml`;
      const target = join(root, rel);
      // Written only into the repository's own folders: a linked folder could lead anywhere.
      const linked = refusedOnTheWay(root, rel);
      if (linked) throw new UsageError(`${linked.path} ${notRegularMessage(linked.kind, linked.detail)}`);
      if (existsSync(target)) throw new UsageError(`${rel} already exists; refusing to overwrite it`);
      const clash = findId(join(root, USECASES_DIR), id);
      if (clash)
        throw new UsageError(
          `id "${id}" is already used by ${USECASES_DIR}/${clash}; ids are unique across the repository`,
        );
      const today = new Date().toISOString().slice(0, 10);
      const scaffold = renderScaffold({ id, domain, title: title.trim(), pattern, owner, today });
      // In a repository that installed coe-gate (no engine/ of its own), the modeline points into it.
      const ownSchemas = existsSync(join(root, 'engine', 'schema', 'usecase.schema.json'));
      const text = ownSchemas ? scaffold : withInstalledSchemas(scaffold);
      // What the flags put in must pass coe check as the manifest's fields (lengths, quoting):
      // nothing is written that the check would refuse.
      const problems: Problem[] = [];
      loadManifest(rel, new TextEncoder().encode(text), problems);
      const [first] = problems;
      if (first) throw new UsageError(`${FLAG_OF[first.path ?? ''] ?? first.path}: ${first.message}`);
      mkdirSync(join(root, USECASES_DIR, domain), { recursive: true });
      writeFileSync(target, text, { flag: 'wx' });
      io.out(
        `created ${terminalLine(rel)}\n` +
          `next: fill in the lines marked ${TODO}, then run  coe check ${terminalLine(rel)}\n` +
          'your editor checks and completes fields through the schema named on its first line\n',
      );
    });
}

/** The domain folder (relative to usecases/) that already holds <id>.yaml, if any. */
function findId(usecasesDir: string, id: string): string | undefined {
  if (!existsSync(usecasesDir)) return undefined;
  for (const d of readdirSync(usecasesDir, { withFileTypes: true })) {
    if (d.isDirectory() && existsSync(join(usecasesDir, d.name, `${id}.yaml`))) return `${d.name}/${id}.yaml`;
  }
  return undefined;
}

async function askMissing(
  given: NewOptions & { id?: string | undefined },
  patternGiven: boolean,
): Promise<{ id: string; domain: string; title: string; pattern: Pattern; owner: string }> {
  const missing = (['id', 'domain', 'title'] as const).filter((k) => !given[k]);
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  if (missing.length && !interactive) {
    throw new UsageError(
      `missing ${missing.map((k) => (k === 'id' ? '<id>' : `--${k}`)).join(', ')}; e.g. coe new claims-fnol-triage --domain claims --title "FNOL triage"`,
    );
  }
  if (!interactive || (missing.length === 0 && patternGiven)) {
    return {
      id: given.id as string,
      domain: given.domain as string,
      title: given.title as string,
      pattern: given.pattern ?? 'internal-copilot',
      owner: given.owner ?? '@OWNER',
    };
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Read through the line iterator so answers typed ahead or pasted are not lost.
  const lines = rl[Symbol.asyncIterator]();
  try {
    const ask = async (q: string, fallback?: string) => {
      process.stdout.write(fallback ? `${q} [${fallback}]: ` : `${q}: `);
      const next = await lines.next();
      if (next.done) throw new UsageError('input ended before every answer was given');
      return next.value.trim() || fallback || '';
    };
    const id = given.id || (await ask('id (kebab-case, e.g. claims-fnol-triage)'));
    const domain = given.domain || (await ask('domain (kebab-case, e.g. claims)'));
    const title = given.title || (await ask('title'));
    let pattern = given.pattern ?? 'internal-copilot';
    if (!patternGiven) {
      const a = await ask(`pattern (${PATTERNS.join(' | ')})`, pattern);
      if (!(PATTERNS as readonly string[]).includes(a))
        throw new UsageError(`pattern must be one of ${PATTERNS.join(', ')}`);
      pattern = a as Pattern;
    }
    const owner = given.owner || (await ask('owner (GitHub @user or @org/team)', '@OWNER'));
    return { id, domain, title, pattern, owner };
  } finally {
    rl.close();
  }
}
