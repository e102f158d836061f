import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { loadManifest } from '../../core/check/check-manifests.ts';
import { USECASES_DIR } from '../../core/manifest/conventions.ts';
import { OWNER_PLACEHOLDER } from '../../core/manifest/placeholders.ts';
import {
  ALLOWED,
  renderScaffold,
  type ScaffoldInput,
  TODO,
  UNDEFAULTED,
  type Undefaulted,
  withInstalledSchemas,
} from '../../core/manifest/scaffold.ts';
import { PATTERNS, type Pattern } from '../../core/manifest/vocabulary.ts';
import { notRegularMessage } from '../../core/not-regular.ts';
import { DuplicateFinder, type DuplicateMatch } from '../../core/portfolio/duplicates.ts';
import type { Problem } from '../../core/problem.ts';
import { suggest } from '../../core/schema/validator.ts';
import { decodeText, parseYaml } from '../../core/yaml/parse.ts';
import { refusedOnTheWay } from '../../fs/entries.ts';
import { terminalLine } from '../../report/escape.ts';
import usecaseSchema from '../../schema/usecase.schema.json' with { type: 'json' };
import { type CommandIO, rootOption } from '../command-io.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

/** Each field of the scaffold a person gives, by its path in the manifest. */
type Answers = Omit<ScaffoldInput, 'today'>;
type Field = keyof Answers;
const PATH: Record<Field, string> = {
  id: 'metadata.id',
  domain: 'metadata.domain',
  title: 'metadata.title',
  owner: 'metadata.owner',
  pattern: 'spec.classification.pattern',
  audience: 'spec.classification.audience',
  decisionMode: 'spec.classification.decisionMode',
  regulatedDomain: 'spec.classification.regulatedDomain',
};
/** The argument that gave each field of the scaffold, to name it in an error. */
const FLAG: Record<Field, string> = {
  id: 'id',
  domain: '--domain',
  title: '--title',
  owner: '--owner',
  pattern: '--pattern',
  audience: '--audience',
  decisionMode: '--decision-mode',
  regulatedDomain: '--regulated-domain',
};
const FLAG_OF = Object.fromEntries((Object.keys(PATH) as Field[]).map((f) => [PATH[f], FLAG[f]]));

// Checked before the rest: id and domain make the file's path. From the schema, defined once.
const ID = new RegExp(usecaseSchema.$defs.Metadata.properties.id.pattern);
const DOMAIN = new RegExp(usecaseSchema.$defs.Metadata.properties.domain.pattern);
export const PRINCIPAL = new RegExp(usecaseSchema.$defs.GitHubPrincipal.pattern);
const CLASSIFICATION = usecaseSchema.$defs.Classification.properties;

/** The owner written when none is given: a placeholder coe check flags. */
const NO_OWNER = OWNER_PLACEHOLDER;
/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell reports it. */
const STOPPED = 130;

interface NewOptions {
  domain?: string;
  title?: string;
  pattern?: Pattern;
  owner?: string;
  audience?: string;
  decisionMode?: string;
  regulatedDomain?: string;
  root?: string;
}

export function newCommand(io: Pick<CommandIO, 'out' | 'setExit'>): Command {
  return new Command('new')
    .summary('scaffold a use-case manifest at the intake stage')
    .description(
      'Write usecases/<domain>/<id>.yaml: an intake-stage manifest with every field to fill next marked TODO. ' +
        'Never overwrites a file. On a terminal, asks for whatever the flags leave out, checks each answer as it ' +
        'is given and asks again if it would not validate, lists the existing domains and confirms a new one; ' +
        'Ctrl-C stops it with nothing written (exit 130). Audience, decision mode and regulated domain have no ' +
        'default: without their flags and without a terminal they are written as TODO, which the tier reads as ' +
        'the riskier answer and coe check flags until they are answered (blocking from discovery on). ' +
        "A title that reads like an existing use case's (the same, or very similar: docs/portfolio.md#likely-duplicates) " +
        'is said before anything is written, naming the file: on a terminal, it asks whether to write it all the same; ' +
        'otherwise a warning on stderr, and the file is written.',
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
    .addOption(new Option('--audience <audience>', 'who sees the outputs').choices(ALLOWED.audience))
    .addOption(
      new Option(
        '--decision-mode <mode>',
        'none (it only informs), assistive (a person decides with it) or automated',
      ).choices(ALLOWED.decisionMode),
    )
    .addOption(
      new Option('--regulated-domain <area>', 'regulated area the decisions fall in, or none').choices(
        ALLOWED.regulatedDomain,
      ),
    )
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExamples:\n  coe new      # on a terminal: asks for each field\n' +
        '  coe new claims-fnol-triage --domain claims --title "First notice of loss triage" --pattern agentic-workflow \\\n' +
        '    --owner @acme/claims-ai --audience internal --decision-mode assistive --regulated-domain insurance',
    )
    .action(async (idArg: string | undefined, opts: NewOptions, cmd: Command) => {
      const root = resolveRoot(opts.root);
      const given = fromFlags(idArg, opts, cmd.getOptionValueSource('pattern') === 'cli');
      // What the flags give is checked before anything is asked.
      for (const [field, value] of Object.entries(given) as [Field, string][]) {
        const reason = formatReason(field, value);
        if (reason) throw new UsageError(reason);
        const message = schemaMessage(field, value);
        if (message) throw new UsageError(`${FLAG[field]}: ${message}`);
      }
      let answers: Answers;
      if (process.stdin.isTTY && process.stdout.isTTY) {
        const asked = await dialogue(root, given);
        if (!asked) {
          process.stderr.write('\ncoe: stopped; nothing written\n');
          io.setExit(STOPPED);
          return;
        }
        if (asked === 'declined') {
          process.stderr.write('coe: nothing written\n');
          io.setExit(1);
          return;
        }
        answers = asked;
      } else {
        const missing = (['id', 'domain', 'title'] as const).filter((k) => !given[k]);
        if (missing.length)
          throw new UsageError(
            `missing ${missing.map((k) => (k === 'id' ? '<id>' : `--${k}`)).join(', ')}; e.g. coe new claims-fnol-triage --domain claims --title "FNOL triage"`,
          );
        answers = { pattern: 'internal-copilot', owner: NO_OWNER, ...given } as Answers;
        const similar = similarUseCases(root, answers.title);
        if (similar.length) process.stderr.write(`${similarText(similar)}\n`);
      }
      const { id, domain, owner } = answers;
      const rel = `${USECASES_DIR}/${domain}/${id}.yaml`;
      const target = join(root, rel);
      // Written only into the repository's own folders: a linked folder could lead anywhere.
      const linked = refusedOnTheWay(root, rel);
      if (linked) throw new UsageError(`${linked.path} ${notRegularMessage(linked.kind, linked.detail)}`);
      if (existsSync(target)) throw new UsageError(`${rel} already exists; refusing to overwrite it`);
      const clash = clashReason(root, id);
      if (clash) throw new UsageError(clash);
      const text = scaffoldText(root, answers);
      // What the flags put in must pass coe check as the manifest's fields (lengths, quoting):
      // nothing is written that the check would refuse, but the questions left for the team.
      const [first] = schemaProblems(rel, text).filter((p) => !unanswered(p, answers));
      if (first) throw new UsageError(`${FLAG_OF[first.path ?? ''] ?? first.path}: ${first.message}`);
      mkdirSync(join(root, USECASES_DIR, domain), { recursive: true });
      writeFileSync(target, text, { flag: 'wx' });
      io.out(done(root, target, opts.root !== undefined, answers, owner === NO_OWNER));
    });
}

/** The fields the command line gives (the pattern only when it names one). */
function fromFlags(id: string | undefined, opts: NewOptions, patternGiven: boolean): Partial<Answers> {
  const out: Partial<Record<Field, string>> = {};
  if (id !== undefined) out.id = id;
  for (const field of Object.keys(PATH) as Field[]) {
    if (field === 'id' || (field === 'pattern' && !patternGiven)) continue;
    const value = opts[field as keyof NewOptions];
    if (value !== undefined) out[field] = value;
  }
  return out as Partial<Answers>;
}

/** What `coe new` prints once it has written the file: paths from the folder the user is in. */
function done(root: string, target: string, rootGiven: boolean, answers: Answers, noOwner: boolean): string {
  const cwd = process.cwd();
  const shown = shellWord(relative(cwd, target));
  const rootArg = rootGiven ? `--root ${shellWord(relative(cwd, root) || '.')} ` : '';
  const open = UNDEFAULTED.filter((key) => answers[key] === undefined);
  const todo = open.length
    ? `answer ${open.join(', ')} and the AI Act questions under euAiAct (written as ${TODO}: until answered, the tier assumes the riskier answer), fill in the other lines marked ${TODO}`
    : `answer the AI Act questions under euAiAct and fill in the other lines marked ${TODO}${noOwner ? ' (the owner among them)' : ''}`;
  return (
    `created ${terminalLine(shown)}\n` +
    `next: ${todo}, then run  coe check ${terminalLine(rootArg + shown)}\n` +
    'your editor checks and completes fields through the schema named on its first line\n'
  );
}

/** A path as one shell word: as it is when nothing in it needs quoting. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** The manifest's text, its modeline pointed at the schema this repository has. */
function scaffoldText(root: string, answers: Answers): string {
  const today = new Date().toISOString().slice(0, 10);
  const scaffold = renderScaffold({ ...answers, title: answers.title.trim(), today });
  // In a repository that installed coe-gate (no engine/ of its own), the modeline points into it.
  const ownSchemas = existsSync(join(root, 'engine', 'schema', 'usecase.schema.json'));
  return ownSchemas ? scaffold : withInstalledSchemas(scaffold);
}

/** What coe check would say of the text as the manifest `rel`. */
function schemaProblems(rel: string, text: string): Problem[] {
  const problems: Problem[] = [];
  loadManifest(rel, new TextEncoder().encode(text), problems);
  return problems;
}

/** A problem that is only a question the team has still to answer (no flag, no terminal). */
function unanswered(p: Problem, answers: Answers): boolean {
  return (
    p.code === 'schema-missing-field' &&
    UNDEFAULTED.some((key) => answers[key] === undefined && p.path === PATH[key])
  );
}

/** The checks on id, domain and owner that say what is wrong in the terms of the convention. */
function formatReason(field: Field, value: string): string | undefined {
  if (field === 'id' && !ID.test(value))
    return `id "${value}" must be kebab-case: lowercase letters, digits and single hyphens`;
  if (field === 'domain' && !DOMAIN.test(value))
    return `domain "${value}" must be kebab-case, e.g. claims or finance-ops`;
  if (field === 'owner' && !PRINCIPAL.test(value))
    return `owner "${value}" must be a GitHub user (@login) or team (@org/team)`;
  return undefined;
}

function clashReason(root: string, id: string): string | undefined {
  const clash = findId(join(root, USECASES_DIR), id);
  return clash
    ? `id "${id}" is already used by ${USECASES_DIR}/${clash}; ids are unique across the repository`
    : undefined;
}

/** Values that pass the schema, standing in for the fields not answered yet. */
const STAND_IN: Answers = {
  id: 'new-use-case',
  domain: 'new-domain',
  title: 'New use case',
  pattern: 'internal-copilot',
  owner: NO_OWNER,
  audience: 'internal',
  decisionMode: 'none',
  regulatedDomain: 'none',
};

/** What coe check says of `value` as `field`, with valid stand-ins for the other fields. */
function schemaMessage(field: Field, value: string): string | undefined {
  const answers = { ...STAND_IN, [field]: field === 'title' ? value.trim() : value } as Answers;
  const rel = `${USECASES_DIR}/${answers.domain}/${answers.id}.yaml`;
  const text = renderScaffold({ ...answers, today: '2026-01-01' });
  return schemaProblems(rel, text).find((p) => p.path === PATH[field])?.message;
}

/**
 * Why an answer cannot be `field`, by the rules coe check applies: the convention's, the schema's
 * (the scaffold with the value in it, read as coe check reads a manifest), and the repository's.
 */
function answerReason(root: string, field: Field, value: string): string | undefined {
  const reason = formatReason(field, value);
  if (reason) return reason;
  if (UNDEFAULTED.includes(field as Undefaulted) && value === '') {
    return `${label(field)} has no default: answer one of ${ALLOWED[field as Undefaulted].join(', ')}`;
  }
  const message = schemaMessage(field, value);
  if (message) return `${label(field)}: ${message}`;
  if (field === 'id') return clashReason(root, value);
  if (field === 'domain') {
    const linked = refusedOnTheWay(root, `${USECASES_DIR}/${value}/x.yaml`);
    if (linked) return `${linked.path} ${notRegularMessage(linked.kind, linked.detail)}`;
  }
  return undefined;
}

function label(field: Field): string {
  return { decisionMode: 'decision mode', regulatedDomain: 'regulated domain' }[field as string] ?? field;
}

/** The domains there are: the folders under usecases/. */
function existingDomains(root: string): string[] {
  const dir = join(root, USECASES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

/**
 * The use cases under usecases/ whose title reads like `title` (likely duplicates, as coe check
 * finds them; a new use case has no goal yet, so the title alone). Files that do not read as a
 * mapping with a title are passed over: coe check reports them.
 */
function similarUseCases(root: string, title: string): DuplicateMatch[] {
  const dir = join(root, USECASES_DIR);
  if (!existsSync(dir)) return [];
  const finder = new DuplicateFinder();
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(dir, d.name), { withFileTypes: true })) {
      if (!f.isFile() || !f.name.endsWith('.yaml')) continue;
      const file = `${USECASES_DIR}/${d.name}/${f.name}`;
      const decoded = decodeText(file, readFileSync(join(root, file)));
      const parsed = decoded.ok ? parseYaml(file, decoded.text) : decoded;
      if (!parsed.ok) continue;
      const m = parsed.value as { metadata?: { title?: unknown }; spec?: { intake?: { goal?: unknown } } };
      const found = m?.metadata?.title;
      const goal = m?.spec?.intake?.goal;
      if (typeof found === 'string') finder.add(file, found, typeof goal === 'string' ? goal : '');
    }
  }
  return finder.similarTo(title);
}

/** What `coe new` says of the likely duplicates of the use case it is about to write. */
function similarText(similar: readonly DuplicateMatch[]): string {
  const lines = similar
    .slice(0, 5)
    .map(
      (m) =>
        `  ${m.file}: "${m.title}" (${m.reason === 'same-title' ? 'the same title' : `a similar title, ${m.titleSimilarity} alike`})`,
    );
  if (similar.length > 5) lines.push(`  and ${similar.length - 5} more`);
  return terminalLine(
    `coe: warning: this may duplicate an existing use case; look at it first (merge, or tell them apart in title and goal):`,
  ).concat('\n', lines.map(terminalLine).join('\n'));
}

/** The domain folder (relative to usecases/) that already holds <id>.yaml, if any. */
function findId(usecasesDir: string, id: string): string | undefined {
  if (!existsSync(usecasesDir)) return undefined;
  for (const d of readdirSync(usecasesDir, { withFileTypes: true })) {
    if (d.isDirectory() && existsSync(join(usecasesDir, d.name, `${id}.yaml`))) return `${d.name}/${id}.yaml`;
  }
  return undefined;
}

/** The input ended (Ctrl-C, Ctrl-D) before every answer was given. */
class Stopped extends Error {}

/**
 * Asks on the terminal for every field the flags leave out, each until its answer would validate;
 * undefined when the person stops (Ctrl-C or the end of input).
 */
async function dialogue(root: string, given: Partial<Answers>): Promise<Answers | 'declined' | undefined> {
  // An id the flags give that is taken is said before any question, not after the last.
  const taken = given.id === undefined ? undefined : clashReason(root, given.id);
  if (taken) throw new UsageError(taken);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Read through the line iterator so answers typed ahead or pasted are not lost. Ctrl-C closes
  // the interface (it has no SIGINT listener), which ends the iterator as Ctrl-D does.
  const lines = rl[Symbol.asyncIterator]();
  const say = (text: string) => process.stdout.write(`${terminalLine(text)}\n`);
  const line = async (prompt: string) => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    if (next.done) throw new Stopped();
    return next.value.trim();
  };
  /** The answer to `prompt` once it passes; every one before it gets the reason it did not. */
  const ask = async (field: Field, prompt: string, fallback?: string) => {
    for (;;) {
      const answer = (await line(fallback ? `${prompt} [${fallback}]: ` : `${prompt}: `)) || fallback || '';
      const reason = answerReason(root, field, answer);
      if (!reason) return answer;
      say(`  ${reason}`);
    }
  };
  const yes = async (question: string) => {
    for (;;) {
      const answer = (await line(`${question} [y/n]: `)).toLowerCase();
      if (answer === 'y' || answer === 'yes') return true;
      if (answer === 'n' || answer === 'no') return false;
      say('  answer y or n');
    }
  };
  try {
    say('A new use case at the intake stage (Ctrl-C stops, with nothing written).');
    const id = given.id ?? (await ask('id', 'id (kebab-case, e.g. claims-fnol-triage)'));
    let domain = given.domain;
    if (domain === undefined) {
      const domains = existingDomains(root);
      say(domains.length ? `domains: ${domains.join(', ')}` : `no domains yet under ${USECASES_DIR}/`);
      while (domain === undefined) {
        const answer = await ask('domain', 'domain (kebab-case, e.g. claims)');
        const hint = suggest(answer, domains);
        if (domains.includes(answer)) domain = answer;
        else if (hint && (await yes(`no domain "${answer}" yet; did you mean ${hint}?`))) domain = hint;
        else if (await yes(`create a new domain "${answer}"?`)) domain = answer;
      }
    }
    const title = given.title ?? (await ask('title', 'title (3 to 120 characters)'));
    // A likely duplicate is said as soon as the title is known, before the questions that follow.
    const similar = similarUseCases(root, title);
    if (similar.length) {
      say(similarText(similar));
      if (!(await yes('write a new use case all the same?'))) return 'declined';
    }
    const pattern = (given.pattern ??
      (await ask('pattern', `pattern (${PATTERNS.join(' | ')})`, 'internal-copilot'))) as Pattern;
    const owner = given.owner ?? (await ask('owner', 'owner (GitHub @user or @org/team)', NO_OWNER));
    const answers: Answers = { id, domain, title, pattern, owner };
    for (const key of UNDEFAULTED) {
      if (given[key] !== undefined) {
        Object.assign(answers, { [key]: given[key] });
        continue;
      }
      // The schema's description says what the question means; a long list of values gets its own line.
      const values = ALLOWED[key].join(' | ');
      say(CLASSIFICATION[key].description);
      if (values.length > 40) say(`one of: ${values}`);
      const prompt = values.length > 40 ? label(key) : `${label(key)} (${values})`;
      Object.assign(answers, { [key]: await ask(key, prompt) });
    }
    return answers;
  } catch (error) {
    if (error instanceof Stopped) return undefined;
    throw error;
  } finally {
    rl.close();
  }
}
