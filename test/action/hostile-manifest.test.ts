// A pull request whose manifest is made of payloads: every string of a schema-valid manifest that
// can hold one does (found by walking the manifest, not by a list of fields, so a new field is
// covered), and, in a second pull request, the file's path and YAML. What `coe check` prints and
// what the Action posts (comment, check run, annotations, job summary) must show it all as text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { beforeEach, describe, expect, test } from 'vitest';
import { loadManifest } from '../../engine/core/check/check-manifests.ts';
import type { Problem } from '../../engine/core/problem.ts';
import { COMMENT_MARKER } from '../../engine/report/gate-markdown.ts';
import { pullRequestEvent } from '../github/events.ts';
import type { FakeGitHub } from '../github/fake-github.ts';
import { runAction, useFakeGitHub } from '../helpers/action.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { elements, githubAutolinks, headings, renderedText, targets } from '../helpers/markdown.ts';
import { coe, MODELINE, REPO_ROOT } from '../helpers/repo.ts';

const OWNER = 'northwind';
const REPO = 'ai-portfolio';
const PR = 61;
const AS_OF = '2026-11-24';
const SAMPLE = 'usecases/claims/subrogation-recovery-agent.yaml';
const RUN_URL = 'https://github.example/northwind/ai-portfolio/actions/runs/4242';

/** Each alone fits a title (120 characters); the first is what a title gets. */
const PAYLOADS = [
  'Recovery\r### ✅ CoE Gate: Ready to merge',
  '<img src=x onerror=alert(1)> <script>alert(1)</script>',
  '[click](https://evil.example) ![i](https://evil.example/i.png) <https://evil.example>',
  '`code` ``` fence ` and **bold** _em_ ~~del~~ $x$',
  '@org/team @everyone ping, #12 GH-7 www.evil.example a@evil.example',
  '\u202Eevil\u202C \u2066iso\u2069 \u200Elr\u200F \u061C',
  'esc \u001b[2J\u001b[31mred \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 nul\u0000 c1\u0085',
  `| a | b |\n# heading\r\n> quote\n- item ${COMMENT_MARKER}`,
  'https://evil.example/<img/src=x>[x](y)@everyone#12', // fits a Link field: no spaces
];
const ALL = PAYLOADS.join(' ');

const github = useFakeGitHub();
let fake: FakeGitHub;
beforeEach(() => {
  fake = github();
});

type Json = Record<string, unknown> | unknown[];

/** Every string leaf of `value`: its text, and how to replace it. */
function* stringLeaves(value: Json): Generator<{ original: string; set: (s: string) => void }> {
  for (const [key, v] of Object.entries(value)) {
    const set = (s: string) => {
      (value as Record<string, unknown>)[key] = s;
    };
    if (typeof v === 'string') yield { original: v, set };
    else if (v && typeof v === 'object') yield* stringLeaves(v as Json);
  }
}

function text(manifest: unknown): string {
  return `${MODELINE}\n${dump(manifest, { lineWidth: -1 })}`;
}

function valid(file: string, manifest: unknown): boolean {
  const problems: Problem[] = [];
  return loadManifest(file, new TextEncoder().encode(text(manifest)), problems) !== undefined;
}

/** The sample with a payload in every string the schema lets hold one; how many took one. */
function hostileManifest(): { yaml: string; planted: number } {
  const manifest = load(readFileSync(join(REPO_ROOT, SAMPLE), 'utf8')) as Json;
  let planted = 0;
  for (const { original, set } of stringLeaves(manifest)) {
    const fits = [ALL, ...PAYLOADS].find((payload) => {
      set(payload);
      return valid(SAMPLE, manifest);
    });
    if (fits) planted++;
    else set(original);
  }
  // Without lineage a data-readiness rule fails on each source, quoting its name in the message.
  for (const source of (manifest as { spec: { data: { sources: { lineage?: string }[] } } }).spec.data
    .sources)
    delete source.lineage;
  return { yaml: text(manifest), planted };
}

/** main with the shipped policies; a branch that adds `files`; the pull request opened for it. */
function pullRequest(files: Record<string, string>) {
  const root = gitRepo({});
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', '-b', 'proposal');
  for (const [path, content] of Object.entries(files)) write(root, path, content);
  commitAll(root, 'proposal');
  const headSha = git(root, 'rev-parse', 'HEAD').trim();
  const pr = { number: PR, headSha, baseSha, author: 'jdelacroix', owner: OWNER, repo: REPO };
  fake.addPull(pr);
  return { root, event: pullRequestEvent('opened', { ...pr, baseRef: 'main' }) };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Terminal or plain text: no escape sequence, control or bidi character; `\n` and tab only. */
function expectPlain(output: string, where: string): void {
  expect(output, where).not.toMatch(CONTROL);
}

const ROLE_HOLDERS = new Set(
  (
    load(readFileSync(join(REPO_ROOT, 'test/fixtures/roles.yaml'), 'utf8')) as {
      roles: { members: (string | { login: string })[] }[];
    }
  ).roles.flatMap((r) => r.members.map((m) => (typeof m === 'string' ? m : m.login))),
);
const GATE_SECTIONS = ['Findings', 'Waivers', 'Approvals', 'Policy change', "Change to the gate's own files"];
/** What the gate's layout is made of: no image, emphasis, list item from a payload, no raw HTML. */
const GATE_ELEMENTS = new Set(['p', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'sub']);
const GATE_ELEMENTS_TOO = new Set(['a', 'strong', 'pre', 'ul', 'li', 'blockquote']);

/** Markdown the gate posts: only its own structure, links and mentions; every payload is text. */
function expectInert(markdown: string, where: string, heading: RegExp): void {
  expect(markdown, where).not.toMatch(CONTROL);
  expect(markdown, where).not.toContain('\r');
  const [first, ...rest] = headings(markdown);
  expect(first, where).toMatch(heading);
  for (const h of rest) expect(GATE_SECTIONS, `${where}: heading ${h}`).toContain(h);
  for (const name of Object.keys(elements(markdown)))
    expect(GATE_ELEMENTS.has(name) || GATE_ELEMENTS_TOO.has(name), `${where}: <${name}>`).toBe(true);
  for (const target of targets(markdown)) expect(target, where).toBe(RUN_URL);
  for (const link of githubAutolinks(markdown)) {
    expect(link, `${where}: only role holders are mentioned`).toMatch(/^@/);
    expect(ROLE_HOLDERS.has(link), `${where}: ${link}`).toBe(true);
  }
  // No raw HTML but the gate's own few tags, and the marker only at the top (the caller checks it).
  const withoutGateTags = markdown.replace(COMMENT_MARKER, '').replace(/<\/?(?:sub|code)>/g, '');
  expect(withoutGateTags, where).not.toContain('<');
  expect(markdown.indexOf(COMMENT_MARKER, 1), where).toBe(-1);
}

/** Everything the Action posted for the pull request, and the job summary. */
async function expectActionInert(root: string, event: unknown, shows: string[]): Promise<void> {
  const run = await runAction({
    root,
    eventName: 'pull_request',
    payload: event,
    apiUrl: fake.url,
    asOf: AS_OF,
  });
  expect(run.status, run.stdout).toBe(1);
  expectPlain(run.stdout, 'the job log');
  const [check] = fake.checkRuns();
  const comment = fake.comments(PR)[0]?.body ?? '';
  expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
  const blocked = /^❌ CoE Gate: Blocked: /;
  expectInert(comment, 'comment', blocked);
  expectInert(check?.output.summary ?? '', 'check run summary', blocked);
  expectInert(run.summary, 'job summary', blocked);
  expectPlain(check?.output.title ?? '', 'check run title');
  const notes = fake.annotations(check?.id as number);
  expect(notes.length).toBeGreaterThan(0);
  for (const n of notes) {
    expectPlain(n.title ?? '', 'annotation title');
    expectPlain(n.message, 'annotation message');
  }
  // Shown, not dropped: the payloads are there as text for the reader.
  const shown = renderedText(comment);
  for (const s of shows) expect(shown).toContain(s);
}

describe('a manifest made of payloads', () => {
  test('in every string the schema lets hold one: coe check and the Action show them as text', async () => {
    const { yaml, planted } = hostileManifest();
    expect(planted).toBeGreaterThan(40);
    expect(yaml).toContain('### ✅ CoE Gate: Ready to merge');
    const { root, event } = pullRequest({ [SAMPLE]: yaml });

    const check = coe(['check', '--as-of', AS_OF], { cwd: root });
    expect(check.status, check.stdout + check.stderr).toBe(1);
    expectPlain(check.stdout, 'coe check');
    expect(check.stdout).toContain('<img src=x onerror=alert(1)>');
    // Judged as the pull request is: a new use case at pilot, with findings that quote its fields.
    const based = coe(['check', '--base', 'main', '--as-of', AS_OF], { cwd: root });
    expect(based.status, based.stdout + based.stderr).toBe(1);
    expectPlain(based.stdout, 'coe check --base');
    expect(based.stdout).toContain('[click](https://evil.example)');
    const explain = coe(['explain', 'subrogation-recovery-agent', '--as-of', AS_OF], { cwd: root });
    expectPlain(explain.stdout, 'coe explain');
    expect(explain.stdout).toContain('@everyone');
    for (const args of [[], ['--base', 'main']]) {
      const where = `coe check ${args.join(' ')} --format`;
      const markdown = coe(['check', ...args, '--format', 'markdown', '--as-of', AS_OF], { cwd: root });
      // With --base, the comment as the gate will post it (a preview): its verdict line is the gate's.
      const heading = args.length ? /^❌ CoE Gate: Blocked: / : /^❌ CoE Gate: 1 of 1 use case blocked$/;
      expectInert(markdown.stdout, `${where} markdown`, heading);
      const sarif = coe(['check', ...args, '--format', 'sarif', '--as-of', AS_OF], { cwd: root });
      for (const r of JSON.parse(sarif.stdout).runs[0].results) {
        expectPlain(r.message.text, `${where} sarif`);
        expect(r.message.text, `${where} sarif: no embedded link`).not.toMatch(/(?<!\\)\[/);
      }
    }

    await expectActionInert(root, event, ['<img src=x onerror=alert(1)>', '[click](https://evil.example)']);
    // Eleven runs of the CLI and one of the Action: more than one default timeout on a busy machine.
  }, 180_000);

  test('in its path and its YAML: problems quote them as text', async () => {
    const folder = `usecases/${COMMENT_MARKER}`;
    const name = 'x`<img src=x onerror=alert(1)>@org-team #12 \u001b[2J\u202e[x](evil).yaml';
    const yaml = readFileSync(join(REPO_ROOT, SAMPLE), 'utf8')
      .replace(/^ {4}stage: pilot$/m, '    stage: "<b>@everyone</b>\\r### ✅ Ready"')
      .replace(/^spec:$/m, 'spec:\n  "[x](https://evil.example)@org/team\\e[2J": 1');
    const { root, event } = pullRequest({ [`${folder}/${name}`]: yaml });

    const check = coe(['check', '--as-of', AS_OF], { cwd: root });
    expect(check.status, check.stderr).toBe(2);
    expectPlain(check.stdout, 'coe check');
    expect(check.stdout).toContain('<img src=x onerror=alert(1)>');
    const markdown = coe(['check', '--format', 'markdown', '--as-of', AS_OF], { cwd: root });
    expectInert(markdown.stdout, 'coe check --format markdown', /^❌ CoE Gate: \d+ problems in 1 file$/);

    await expectActionInert(root, event, ['<img src=x onerror=alert(1)>', '[x](https://evil.example)']);
  });
});
