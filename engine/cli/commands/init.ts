// `coe init [DIR]`: a new CoE repository, from what this package ships. The policies (with their
// tests and fixtures), the docs templates and the workflows are this package's own files, copied;
// the workflows are rewritten to use the released Action by version instead of this repository's
// checkout. Nothing is overwritten: if any file it would write exists, it writes none.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { load } from 'js-yaml';
import pkg from '../../../package.json' with { type: 'json' };
import { USECASES_DIR } from '../../core/manifest/conventions.ts';
import { renderScaffold, withInstalledSchemas } from '../../core/manifest/scaffold.ts';
import { notRegularMessage } from '../../core/not-regular.ts';
import { refusedOnTheWay } from '../../fs/entries.ts';
import { terminalLine } from '../../report/escape.ts';
import type { CommandIO } from '../command-io.ts';
import { UsageError } from '../usage-error.ts';
import { PRINCIPAL } from './new.ts';

/** The repository whose releases the workflows use (`uses: <ACTION_REPOSITORY>@v<major>`). */
export const ACTION_REPOSITORY = 'coe-gate/coe-gate';
/** The workflows a CoE repository runs, as this repository has them. */
const WORKFLOWS = ['coe-gate.yml', 'coe-gate-publish.yml', 'coe-compliance.yml', 'coe-pages.yml'];
const EXAMPLE = {
  id: 'faq-assistant',
  domain: 'example',
  title: 'FAQ assistant for staff questions',
  pattern: 'internal-copilot',
  audience: 'internal',
  decisionMode: 'assistive',
  regulatedDomain: 'none',
} as const;

interface InitOptions {
  name?: string;
  owner: string;
}

export function initCommand(io: Pick<CommandIO, 'out'>): Command {
  return new Command('init')
    .summary('start a new CoE repository: policies, an example use case, workflows, templates')
    .description(
      'Write a new CoE repository into DIR (default: the current folder): the shipped policies with their ' +
        'tests as the starting point, usecases/ with one example, the docs templates, the gate, publish, ' +
        'compliance and dashboard workflows using the released Action by version, a package.json depending ' +
        'on coe-gate, CODEOWNERS for policies/ and .github/, and a README. Writes nothing if any of these ' +
        'files exists already.',
    )
    .argument('[dir]', 'the folder of the new repository (created if missing)', '.')
    .option('-n, --name <name>', 'the CoE’s name, for its README (default: the folder’s name)')
    .option(
      '-o, --owner <principal>',
      'who owns the policies and workflows (CODEOWNERS) and the example, e.g. @acme/ai-coe',
      '@your-org/ai-coe',
    )
    .addHelpText(
      'after',
      '\nExample:\n  npx coe-gate init acme-coe --owner @acme/ai-coe\n  cd acme-coe && npm install && npx coe check',
    )
    .action((dir: string, opts: InitOptions) => {
      if (!PRINCIPAL.test(opts.owner))
        throw new UsageError(`--owner "${opts.owner}" must be a GitHub user (@login) or team (@org/team)`);
      const root = resolve(dir);
      const name = opts.name ?? basename(root);
      const files = repositoryFiles(name, opts.owner, new Date().toISOString().slice(0, 10));
      // Written only into folders of its own: a linked folder on the way could lead anywhere.
      for (const path of files.keys()) {
        const linked = refusedOnTheWay(root, path);
        if (linked)
          throw new UsageError(`${join(dir, linked.path)} ${notRegularMessage(linked.kind, linked.detail)}`);
      }
      const taken = [...files.keys()].find((path) => existsSync(join(root, path)));
      if (taken)
        throw new UsageError(
          `${join(dir, taken)} exists already; coe init writes into a new repository only`,
        );
      for (const [path, text] of files) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text, { flag: 'wx' });
      }
      const where = dir === '.' ? '' : `cd ${terminalLine(dir)} && `;
      io.out(
        `created a CoE repository in ${terminalLine(dir)}: ${files.size} files\n` +
          `next: ${where}git init && npm install && npx coe check && npx coe test\n` +
          'then: put your role holders in policies/registries/roles.yaml, and set up the repository as coe-gate’s docs/action.md says (a ruleset requiring the CoE Gate check)\n',
      );
    });
}

/** Every file of the new repository, by path. */
export function repositoryFiles(name: string, owner: string, today: string): Map<string, string> {
  const source = packageRoot();
  const files = new Map<string, string>();
  for (const dir of ['policies', 'docs/templates']) {
    for (const path of filesUnder(source, dir))
      files.set(path, withInstalledSchemas(readFileSync(join(source, path), 'utf8')));
  }
  for (const workflow of WORKFLOWS) {
    const path = `.github/workflows/${workflow}`;
    files.set(path, usingReleasedAction(readFileSync(join(source, path), 'utf8')));
  }
  const example = `${USECASES_DIR}/${EXAMPLE.domain}/${EXAMPLE.id}.yaml`;
  const scaffold = renderScaffold({ ...EXAMPLE, owner, today });
  files.set(example, withInstalledSchemas(`${scaffold.trimEnd()}\n${intakeApproval(source, today)}`));
  files.set('package.json', `${JSON.stringify(adopterPackage(name), null, 2)}\n`);
  files.set('.node-version', '24\n');
  files.set('.gitignore', 'node_modules\n');
  files.set(
    '.github/CODEOWNERS',
    `# Changes to the policies and to the workflows that enforce them need the CoE's review.\n/policies/ ${owner}\n/.github/ ${owner}\n`,
  );
  files.set('README.md', readme(name, example));
  return files;
}

/**
 * A workflow of this repository as an adopting one runs it: the released Action by version in
 * place of this repository's own checkout (`uses: ./` or the base branch's copy in `.coe-gate`).
 */
export function usingReleasedAction(workflow: string): string {
  const major = pkg.version.split('.')[0];
  return (
    workflow
      // The step that checks out this repository's own copy of the gate: the release replaces it.
      .replace(/\n {6}- name: Check out the gate itself[^\n]*\n(?: {8}[^\n]*\n)+/, '\n')
      .replace(/^( *)uses: \.\/(?:\.coe-gate)?$/gm, `$1uses: ${ACTION_REPOSITORY}@v${major}`)
      .replace(
        /^ *# An adopting organisation pins the released Action instead, e\.g\.\n *# uses: [^\n]*\n/gm,
        '',
      )
  );
}

/**
 * The approval the RACI asks of a use case at intake, recorded by the first maintainer the shipped
 * roles registry names: the example passes the gate as it stands, and shows where approvals go.
 */
function intakeApproval(source: string, today: string): string {
  const registry = load(readFileSync(join(source, 'policies/registries/roles.yaml'), 'utf8')) as {
    roles: { id: string; members: (string | { login: string })[] }[];
  };
  const holder = registry.roles.find((r) => r.id === 'coe-maintainer')?.members[0];
  const login = typeof holder === 'string' ? holder : holder?.login;
  if (!login) throw new Error('coe init: the shipped roles registry names no coe-maintainer');
  return `    # Each stage's approvals, by holders of the roles policies/registries/raci.yaml names
    # (policies/registries/roles.yaml: replace its logins with your CoE's people).
    approvals:
      - { stage: intake, role: coe-maintainer, login: "${login}", date: ${today}, pr: 1 }
`;
}

function adopterPackage(name: string) {
  return {
    name:
      name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'coe',
    private: true,
    type: 'module',
    scripts: { check: 'coe check', test: 'coe test', portfolio: 'coe portfolio' },
    devDependencies: { 'coe-gate': `^${pkg.version}` },
  };
}

function readme(name: string, example: string): string {
  return `# ${name}

The AI use cases of ${name}, as reviewed YAML manifests, judged on every pull request by
[CoE Gate](https://github.com/${ACTION_REPOSITORY}) against the policies in \`policies/\`.

\`\`\`sh
npm install          # CoE Gate, the version package.json names
npx coe check        # every use case, judged by the policies
npx coe test         # the policies' own tests
npx coe new my-use-case --domain claims --title "What it does"
\`\`\`

- \`usecases/<domain>/<id>.yaml\`: one manifest per use case; \`${example}\` is an example to
  replace with your own.
- \`policies/\`: risk tiering, data readiness, release gates and the lifecycle, with the registries
  (roles, models and their vendors, assets) and their tests; yours to adapt. Put your role holders in
  \`policies/registries/roles.yaml\` first.
- \`.github/workflows/\`: the gate on every pull request, the publisher for forks, the daily
  compliance run and the portfolio dashboard. Make the \`coe-gate\` check required on the default
  branch.
- \`docs/templates/\`: charter, intake form, rubric, RACI, checklists and launch plan to start from.
`;
}

/** The folder holding this package's package.json: the repository, or node_modules/coe-gate. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg.name
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('coe init: cannot find the coe-gate package it runs from');
    dir = parent;
  }
}

/** Every file below `dir` (relative to `root`), as paths from `root`. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}
