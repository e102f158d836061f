// `coe check` on likely duplicate use cases: an advisory naming both files, in every format,
// that never changes the exit code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { annotations, previewOf } from '../../engine/core/gate/gate-report.ts';
import { checkRepository } from '../../engine/fs/check-repository.ts';
import { renderGateMarkdown } from '../../engine/report/gate-markdown.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { coe, copyPolicies, makeRepo, manifest, REPO_ROOT, tempDir } from '../helpers/repo.ts';

const AS_OF = ['--as-of', '2030-06-30'];
const GOAL = 'Route first notice of loss emails to the right queue within minutes.';

/** A manifest with this title and goal. */
function useCase(id: string, domain: string, title: string, goal = GOAL): string {
  return manifest(id, domain)
    .replace(/^ {2}title: .*$/m, `  title: ${title}`)
    .replace(`goal: ${GOAL}`, `goal: ${goal}`);
}

const A = 'usecases/claims/fnol-email-router.yaml';
const B = 'usecases/ops/claims-email-routing.yaml';

describe('coe check: likely duplicates', () => {
  it('two near-identical use cases in two domains: an advisory naming both files, the exit code unchanged', () => {
    const files = {
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router'),
      [B]: useCase(
        'claims-email-routing',
        'ops',
        'FNOL email routers for claims',
        `${GOAL} For every brand.`,
      ),
    };
    const root = makeRepo(files);
    const r = coe(['check', ...AS_OF], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Likely duplicates (advisory');
    expect(r.stdout).toMatch(
      /^ {2}usecases\/claims\/fnol-email-router\.yaml {2}usecases\/ops\/claims-email-routing\.yaml {2}similar title and goal \(title 0\.75, goal 0\.8 alike\): "FNOL email router" \/ "FNOL email routers for claims"$/m,
    );

    const json = JSON.parse(coe(['check', '--format', 'json', ...AS_OF], { cwd: root }).stdout);
    expect(json.exitCode).toBe(0);
    expect(json.duplicates).toEqual([
      {
        files: [A, B],
        titles: ['FNOL email router', 'FNOL email routers for claims'],
        reason: 'similar',
        titleSimilarity: 0.75,
        goalSimilarity: 0.8,
      },
    ]);

    // With the policies, the verdict is the one the use cases get without the other.
    copyPolicies(root);
    const both = coe(['check', ...AS_OF], { cwd: root });
    const alone = coe(['check', ...AS_OF, A], { cwd: root });
    expect(both.status).toBe(alone.status);
    expect(both.stdout).toMatch(/\(.*1 likely duplicate\)$/m);
    expect(alone.stdout).not.toContain('likely duplicate');
    // --quiet: failures only.
    expect(coe(['check', '--quiet', ...AS_OF], { cwd: root }).stdout).not.toContain('Likely duplicates');
  });

  it('each file gets a notice naming the other (GitHub annotations, SARIF), JUnit a passing case, the markdown report a row', async () => {
    const root = makeRepo({
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router'),
      [B]: useCase('claims-email-routing', 'ops', 'FNOL email routers'),
    });
    const github = coe(['check', '--format', 'github', ...AS_OF], { cwd: root });
    expect(github.status).toBe(0);
    expect(github.stdout).toContain(
      `::notice file=${A},line=1,col=1,title=portfolio/likely-duplicate (advisory)::likely a duplicate of ${B} ("FNOL email routers"): same title and goal. Merge them, or tell them apart in title and goal.`,
    );
    expect(github.stdout).toContain(`::notice file=${B},line=1,col=1,title=portfolio/likely-duplicate`);

    const sarif = JSON.parse(coe(['check', '--format', 'sarif', ...AS_OF], { cwd: root }).stdout);
    const run = sarif.runs[0];
    const notes = run.results.filter((x: { ruleId: string }) => x.ruleId === 'portfolio/likely-duplicate');
    expect(
      notes.map(
        (n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          n.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    ).toEqual([A, B]);
    expect(notes[0].level).toBe('note');
    expect(run.tool.driver.rules[notes[0].ruleIndex].id).toBe('portfolio/likely-duplicate');

    // JUnit: a passing case per pair (an advisory never fails a build), valid for Jenkins.
    const junit = coe(['check', '--format', 'junit', ...AS_OF], { cwd: root });
    expect(junit.status).toBe(0);
    expect(junit.stdout).toContain(
      `<testsuite name="portfolio/likely-duplicate" tests="1" failures="0" errors="0" skipped="0">\n    <testcase name="${A} ~ ${B}" classname="portfolio/likely-duplicate">\n      <system-out>advisory: likely duplicates, same title and goal\n${A}: FNOL email router\n${B}: FNOL email routers\n`,
    );
    const xsd = readFileSync(join(REPO_ROOT, 'test/report/junit/junit-10.xsd'), 'utf8');
    const valid = await validateXML({ xml: [{ fileName: 'r.xml', contents: junit.stdout }], schema: [xsd] });
    expect(valid.errors).toEqual([]);

    const markdown = coe(['check', '--format', 'markdown', ...AS_OF], { cwd: root }).stdout;
    expect(markdown).toContain('#### Likely duplicates');
    expect(markdown).toContain(
      `| \`${A}\`<br>\`${B}\` | FNOL email router<br>FNOL email routers | same title and goal |`,
    );
  });

  it('the same title with different goals is flagged too: two use cases by one name confuse a portfolio', () => {
    const root = makeRepo({
      [A]: useCase('fnol-email-router', 'claims', 'Claims assistant'),
      [B]: useCase(
        'claims-email-routing',
        'ops',
        'Claims Assistants',
        'Draft replies to brokers asking about renewals.',
      ),
    });
    const r = coe(['check', ...AS_OF], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`  ${A}  ${B}  same title: "Claims assistant" / "Claims Assistants"`);
  });

  it('unrelated use cases, and similar titles with other goals: nothing', () => {
    const root = makeRepo({
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router'),
      [B]: useCase(
        'claims-email-routing',
        'ops',
        'FNOL email router training',
        'Teach new handlers the queues.',
      ),
      'usecases/hr/cv-screening.yaml': useCase(
        'cv-screening',
        'hr',
        'CV screening shortlister',
        'Shortlist applicants.',
      ),
    });
    const r = coe(['check', ...AS_OF], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Likely duplicates');
    expect(JSON.parse(coe(['check', '--format', 'json', ...AS_OF], { cwd: root }).stdout).duplicates).toEqual(
      [],
    );
  });

  it("the gate's check run annotates each file with a notice, and its comment has the section", () => {
    const root = makeRepo({
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router'),
      [B]: useCase('claims-email-routing', 'ops', 'FNOL email routers'),
    });
    copyPolicies(root);
    const gate = previewOf(checkRepository(root, { asOf: '2030-06-30' }).report);
    const notes = annotations(gate).filter((a) => a.title === 'portfolio/likely-duplicate (advisory)');
    expect(notes.map((n) => [n.path, n.level])).toEqual([
      [A, 'notice'],
      [B, 'notice'],
    ]);
    expect(notes[1]?.message).toBe(
      `likely a duplicate of ${A} ("FNOL email router"): same title and goal. Merge them, or tell them apart in title and goal.`,
    );
    expect(renderGateMarkdown(gate)).toContain(
      `| \`${A}\`<br>\`${B}\` | FNOL email router<br>FNOL email routers | same title and goal |`,
    );
  });
});

describe('coe check --base: a change is compared with the use cases it leaves alone', () => {
  const C = 'usecases/hr/cv-screening.yaml';
  /** The pairs `coe check --base main` reports, and its exit code. */
  function baseDuplicates(root: string) {
    const scratch = tempDir('coe-tmpdir-'); // removed after the test
    const r = coe(['check', '--base', 'main', '--format', 'json', ...AS_OF], {
      cwd: root,
      env: { TMPDIR: scratch },
    });
    // The titles' git grep writes to a temporary file (engine/git/git.ts): none is left behind.
    expect(readdirSync(scratch).filter((name) => name !== 'node-compile-cache')).toEqual([]);
    const json = JSON.parse(r.stdout);
    return { pairs: json.duplicates, judged: json.summary.files, exit: r.status };
  }

  it('a new use case like one already there: the pair named, both files, though only the new one is judged', () => {
    const root = gitRepo({
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router'),
      [C]: useCase('cv-screening', 'hr', 'CV screening shortlister', 'Shortlist applicants.'),
    });
    git(root, 'checkout', '-q', '-b', 'change');
    write(
      root,
      B,
      useCase('claims-email-routing', 'ops', 'FNOL email routers for claims', `${GOAL} For every brand.`),
    );
    const before = coe(['check', '--base', 'main', ...AS_OF, '--quiet'], { cwd: root });
    const { pairs, judged } = baseDuplicates(root);
    expect(judged).toBe(1);
    expect(pairs).toEqual([
      {
        files: [A, B],
        titles: ['FNOL email router', 'FNOL email routers for claims'],
        reason: 'similar',
        titleSimilarity: 0.75,
        goalSimilarity: 0.8,
      },
    ]);
    // Advisory: the exit is what it is without the other use case.
    git(root, 'rm', '-q', A);
    commitAll(root, 'no router');
    expect(coe(['check', '--base', 'main', ...AS_OF, '--quiet'], { cwd: root }).status).toBe(before.status);

    // Committed on the branch: the same title and goal.
    const committed = gitRepo({ [A]: useCase('fnol-email-router', 'claims', 'FNOL email router') });
    git(committed, 'checkout', '-q', '-b', 'change');
    write(committed, B, useCase('claims-email-routing', 'ops', 'FNOL email router'));
    commitAll(committed, 'add routing');
    const text = coe(['check', '--base', 'main', ...AS_OF], { cwd: committed }).stdout;
    expect(text).toContain(`  ${A}  ${B}  same title and goal: "FNOL email router"`);
  });

  it('a retitled use case that now repeats another title, quoted or written over lines', () => {
    const root = gitRepo({
      [A]: useCase('fnol-email-router', 'claims', '"FNOL email router"'),
      [C]: useCase('cv-screening', 'hr', '>-\n    FNOL email\n    router', 'Shortlist applicants.'),
      [B]: useCase('claims-email-routing', 'ops', 'Broker renewal replies', 'Draft replies to brokers.'),
    });
    expect(baseDuplicates(root).pairs).toEqual([]); // nothing changed
    git(root, 'checkout', '-q', '-b', 'change');
    write(root, B, useCase('claims-email-routing', 'ops', 'FNOL Email Router', 'Draft replies to brokers.'));
    const { pairs } = baseDuplicates(root);
    expect(pairs.map((p: { files: string[]; reason: string }) => [...p.files, p.reason])).toEqual([
      [A, B, 'same-title'],
    ]);
    // The first of the use cases by that title is named, not every one (A before C, by path);
    // without A, the title written over lines is read from the whole file.
    git(root, 'rm', '-q', A);
    commitAll(root, 'no router');
    expect(baseDuplicates(root).pairs.map((p: { files: string[] }) => p.files)).toEqual([[C, B]]);
  });

  it("two unchanged duplicates are not the change's business; a change to an unrelated use case reports nothing", () => {
    const root = gitRepo({
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router'),
      [B]: useCase('claims-email-routing', 'ops', 'FNOL email router'),
      [C]: useCase('cv-screening', 'hr', 'CV screening shortlister', 'Shortlist applicants.'),
    });
    expect(coe(['check', ...AS_OF, '--format', 'json'], { cwd: root }).stdout).toContain('"same-title"');
    write(root, C, useCase('cv-screening', 'hr', 'CV screening shortlister', 'Shortlist applicants faster.'));
    expect(baseDuplicates(root)).toMatchObject({ pairs: [], judged: 1 });
  });

  it('similar titles with other goals: nothing, the unchanged one read whole for its goal', () => {
    const root = gitRepo({
      [A]: useCase('fnol-email-router', 'claims', 'FNOL email router', 'Teach new handlers the queues.'),
    });
    write(root, B, useCase('claims-email-routing', 'ops', 'FNOL email routers for claims'));
    expect(baseDuplicates(root).pairs).toEqual([]);
  });
});
