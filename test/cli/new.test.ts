// `coe new` as a team uses it: flags or a terminal dialogue, a valid intake manifest, no overwrites.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coe, coeOnTerminal, MODELINE, makeRepo, manifest, snapshotTree } from '../helpers/repo.ts';

const today = () => new Date().toISOString().slice(0, 10);

describe('coe new', () => {
  it('writes a valid intake manifest that coe check accepts, with the fields to fill marked', () => {
    const root = makeRepo();
    const r = coe(
      [
        'new',
        'invoice-matching-agent',
        '--domain',
        'finance-ops',
        '--title',
        'Invoice matching agent',
        '--pattern',
        'agentic-workflow',
        '--owner',
        '@acme/ap-team',
      ],
      { cwd: root },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^created usecases\/finance-ops\/invoice-matching-agent\.yaml$/m);
    const text = readFileSync(join(root, 'usecases/finance-ops/invoice-matching-agent.yaml'), 'utf8');
    // A repository that installed coe-gate: the editor finds the schema inside the package.
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/coe-gate/engine/schema/usecase.schema.json',
    );
    expect(text).toContain('  id: invoice-matching-agent\n');
    expect(text).toContain('  title: "Invoice matching agent"\n');
    expect(text).toContain('  owner: "@acme/ap-team"\n');
    expect(text).toContain(`  created: ${today()}\n`);
    expect(text).toContain('    pattern: agentic-workflow');
    expect(text).toContain('    stage: intake\n');
    expect(text.match(/TODO/g)?.length).toBeGreaterThanOrEqual(10);

    const check = coe(['check'], { cwd: root });
    expect(check.stdout).toMatch(/✔ 1 use case valid across 1 domain/);
    expect(check.status).toBe(0);
  });

  it("points the modeline at the repository's own schema where it has one (CoE Gate itself)", () => {
    const root = makeRepo({ 'engine/schema/usecase.schema.json': '{}' });
    const args = ['new', 'faq-bot', '--domain', 'it', '--title', 'FAQ bot', '--owner', '@acme/it'];
    expect(coe(args, { cwd: root }).status).toBe(0);
    expect(readFileSync(join(root, 'usecases/it/faq-bot.yaml'), 'utf8').split('\n')[0]).toBe(MODELINE);
  });

  it('refuses to overwrite an existing file, and leaves it untouched', () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    const before = snapshotTree(root);
    const r = coe(['new', 'claims-intake-bot', '--domain', 'claims', '--title', 'Again'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'coe: usecases/claims/claims-intake-bot.yaml already exists; refusing to overwrite it\n',
    );
    expect(snapshotTree(root)).toEqual(before);
  });

  it('refuses an id already used in another domain', () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    const r = coe(['new', 'claims-intake-bot', '--domain', 'hr', '--title', 'Same id'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /id "claims-intake-bot" is already used by usecases\/claims\/claims-intake-bot\.yaml/,
    );
    expect(existsSync(join(root, 'usecases/hr'))).toBe(false);
  });

  it('rejects ids, domains and owners that would not validate, before writing', () => {
    const root = makeRepo();
    const cases: [string[], RegExp][] = [
      [['Bad_Id', '--domain', 'claims', '--title', 'T t t'], /id "Bad_Id" must be kebab-case/],
      [['good-id', '--domain', 'Claims Ops', '--title', 'T t t'], /domain "Claims Ops" must be kebab-case/],
      [
        ['good-id', '--domain', 'claims', '--title', 'T t t', '--owner', 'someone'],
        /owner "someone" must be a GitHub user/,
      ],
      [
        ['good-id', '--domain', 'claims', '--title', 'T t t', '--pattern', 'chatbot'],
        /argument 'chatbot' is invalid/,
      ],
      [
        ['good-id', '--domain', 'claims', '--title', ' ab '],
        /^coe: --title: must be at least 3 characters$/m,
      ],
      [
        ['good-id', '--domain', 'claims', '--title', 'Long '.repeat(25)],
        /^coe: --title: is 124 characters long; the most is 120$/m,
      ],
    ];
    for (const [args, message] of cases) {
      const r = coe(['new', ...args], { cwd: root });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(snapshotTree(root)).toEqual({});
  });

  it('quotes an id or domain that YAML would read as a number, so the manifest still validates', () => {
    const root = makeRepo();
    const r = coe(['new', '35', '--domain', '2024', '--title', 'Forecasting: "demand" # 1'], { cwd: root });
    expect(r.status).toBe(0);
    const text = readFileSync(join(root, 'usecases/2024/35.yaml'), 'utf8');
    expect(text).toContain('  id: "35"\n');
    expect(text).toContain('  domain: "2024"\n');
    const check = coe(['check', '--format', 'json'], { cwd: root });
    expect(JSON.parse(check.stdout).useCases[0]).toMatchObject({
      id: '35',
      domain: '2024',
      title: 'Forecasting: "demand" # 1',
    });
    expect(check.status).toBe(0);
  });

  it('without a terminal, names the missing flags instead of asking', () => {
    const root = makeRepo();
    const r = coe(['new', 'some-id'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^coe: missing --domain, --title; e\.g\. coe new /);
  });

  it('on a terminal, asks for what the flags leave out', () => {
    const root = makeRepo();
    // `script` gives the command a real pseudo-terminal; the answers are typed into it.
    const answers = [
      'hr-policy-copilot',
      'hr',
      'HR policy copilot',
      'internal-copilot',
      '@acme/people-ai',
      '',
    ].join('\n');
    const r = coeOnTerminal(['new'], { cwd: root, input: answers });
    expect(r.stdout).toMatch(/id \(kebab-case, e\.g\. claims-fnol-triage\): /);
    expect(r.stdout).toMatch(
      /pattern \(internal-copilot \| ai-in-product \| agentic-workflow\) \[internal-copilot\]: /,
    );
    expect(r.stdout).toMatch(/created usecases\/hr\/hr-policy-copilot\.yaml/);
    expect(r.status).toBe(0);
    const text = readFileSync(join(root, 'usecases/hr/hr-policy-copilot.yaml'), 'utf8');
    expect(text).toContain('  title: "HR policy copilot"\n');
    expect(text).toContain('  owner: "@acme/people-ai"\n');
    expect(coe(['check'], { cwd: root }).status).toBe(0);
  });
});
