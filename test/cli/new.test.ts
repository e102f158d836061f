// `coe new` as a team uses it: flags or a terminal dialogue, a valid intake manifest, no overwrites.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coe,
  coeDialogue,
  coeOnTerminal,
  copyPolicies,
  MODELINE,
  makeRepo,
  manifest,
  snapshotTree,
} from '../helpers/repo.ts';

const today = () => new Date().toISOString().slice(0, 10);
/** The classification questions that have no default, answered by flags. */
const CLASSIFIED = ['--audience', 'internal', '--decision-mode', 'assistive', '--regulated-domain', 'none'];
/** The arguments of the `coe check` that `coe new` says to run next. */
const nextCheck = (stdout: string) =>
  (/^next: .*, then run {2}coe (check .+)$/m.exec(stdout)?.[1] ?? '').split(' ');

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
        ...CLASSIFIED,
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
    expect(text).toContain('    audience: internal  # internal | customer-facing\n');
    expect(text).toContain('    decisionMode: assistive  # none | assistive | automated\n');
    expect(text).toContain('    regulatedDomain: none  # none | credit | insurance |');
    expect(text).toContain('    stage: intake\n');
    expect(text.match(/TODO/g)?.length).toBeGreaterThanOrEqual(10);

    const check = coe(['check'], { cwd: root });
    expect(check.stdout).toMatch(/✔ 1 use case valid across 1 domain/);
    expect(check.status).toBe(0);
  });

  it('without answers to audience, decision mode and regulated domain, writes TODO, which the tier reads as the riskier answer and coe check flags', () => {
    const root = makeRepo();
    copyPolicies(root);
    const r = coe(['new', 'faq-bot', '--domain', 'it', '--title', 'FAQ bot', '--owner', '@acme/it'], {
      cwd: root,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^next: answer audience, decisionMode, regulatedDomain and the AI Act questions under euAiAct \(written as TODO: until answered, the tier assumes the riskier answer\), fill in the other lines marked TODO, then run {2}coe check usecases\/it\/faq-bot\.yaml$/m,
    );
    const text = readFileSync(join(root, 'usecases/it/faq-bot.yaml'), 'utf8');
    // No value is guessed for them: each is the placeholder TODO, with the answers beside it.
    expect(text).toContain(
      '    audience: TODO  # no default; answer before discovery: internal | customer-facing\n',
    );
    expect(text).toContain(
      '    decisionMode: TODO  # no default; answer before discovery: none | assistive | automated\n',
    );
    expect(text).toMatch(
      /^ {4}regulatedDomain: TODO {2}# no default; answer before discovery: none \| credit \|/m,
    );
    // The AI Act's prohibited practices are asked one by one, each with its question.
    expect(text).toMatch(
      /^ {8}emotionRecognitionAtWork: TODO {2}# Art\. 5\(1\)\(f\)\. Does it infer the emotions/m,
    );
    expect(text.match(/^ {8}[a-zA-Z]+: TODO {2}# Art\. 5\(1\)/gm)).toHaveLength(8);

    const check = coe(['check', '--format', 'json'], { cwd: root });
    const report = JSON.parse(check.stdout);
    expect(report.problems).toEqual([]);
    const [u] = report.useCases;
    // Unanswered, the tier is provisional and assumes the riskier answers; intake is not blocked by it.
    expect(u.tier).toMatchObject({ computed: 'high', declared: 'medium', provisional: true });
    const flagged = u.findings
      .filter((f: { rule: string }) => f.rule === 'lifecycle.placeholders-at-intake')
      .map((f: { path: string; level: string }) => [f.path, f.level]);
    expect(flagged).toEqual(
      expect.arrayContaining([
        ['spec.classification.audience', 'advisory'],
        ['spec.classification.decisionMode', 'advisory'],
        ['spec.classification.regulatedDomain', 'advisory'],
        ['spec.classification.euAiAct.annexIII', 'advisory'],
        ['spec.classification.euAiAct.prohibitedPractices.socialScoring', 'advisory'],
      ]),
    );
    // A prohibited practice that may apply raises the tier but refuses nothing until answered.
    expect(u.tier.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^may be prohibited: infers the emotions of people at work/),
      ]),
    );
    expect(u.findings.map((f: { rule: string }) => f.rule)).not.toContain(
      'risk-tiering.declared-not-below-computed',
    );
  });

  it('with --root from outside the repository, names the file and the next command from where it ran', () => {
    const root = makeRepo();
    const here = dirname(root);
    const args = ['new', 'faq-bot', '--domain', 'it', '--title', 'FAQ bot', '--root', root, ...CLASSIFIED];
    const r = coe(args, { cwd: here });
    const shown = `${root.slice(here.length + 1)}/usecases/it/faq-bot.yaml`;
    expect(r.stdout).toContain(`created ${shown}\n`);
    const check = nextCheck(r.stdout);
    expect(check).toEqual(['check', '--root', root.slice(here.length + 1), shown]);
    const run = coe(check, { cwd: here });
    expect(run.stdout).toMatch(/✔ 1 use case valid across 1 domain/);
    expect(run.status).toBe(0);
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
    const r = coe(['new', '35', '--domain', '2024', '--title', 'Forecasting: "demand" # 1', ...CLASSIFIED], {
      cwd: root,
    });
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

  it('on a terminal, takes answers typed ahead or pasted in one go', () => {
    const root = makeRepo();
    // `script` gives the command a real pseudo-terminal; the answers are typed into it at once.
    const answers = [
      'hr-policy-copilot',
      'hr',
      'y', // create the domain: there is none yet
      'HR policy copilot',
      'internal-copilot',
      '@acme/people-ai',
      'internal',
      'none',
      'employment',
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
    expect(text).toContain('    regulatedDomain: employment  #');
    expect(coe(['check'], { cwd: root }).status).toBe(0);
  });

  it('on a terminal, checks each answer as it is given, asks again with the reason, and confirms a new domain', async () => {
    const root = makeRepo({
      'usecases/claims/claims-intake-bot.yaml': manifest(),
      'usecases/finance-ops/.keep': '',
      'docs/README.md': 'notes\n',
    });
    const enter = (text: string) => `${text}\r`;
    // Run from a subfolder, as a person working in docs/ would.
    const r = await coeDialogue(['new'], { cwd: join(root, 'docs') }, [
      [/id \(kebab-case, e\.g\. claims-fnol-triage\): $/m, enter('Claims_FNOL')],
      [/id \(kebab-case, e\.g\. claims-fnol-triage\): $/m, enter('claims-intake-bot')],
      [/id \(kebab-case, e\.g\. claims-fnol-triage\): $/m, enter('claims-fnol-triage')],
      [/domain \(kebab-case, e\.g\. claims\): $/m, enter('claim')],
      [/did you mean claims\? \[y\/n\]: $/m, enter('maybe')],
      [/did you mean claims\? \[y\/n\]: $/m, enter('y')],
      [/title \(3 to 120 characters\): $/m, enter('ab')],
      [/title \(3 to 120 characters\): $/m, enter('First notice of loss triage')],
      [/\[internal-copilot\]: $/m, enter('chatbot')],
      [/\[internal-copilot\]: $/m, enter('agentic-workflow')],
      [/\[@OWNER\]: $/m, enter('claims team')],
      [/\[@OWNER\]: $/m, enter('@acme/claims-ai')],
      [/audience \(internal \| customer-facing\): $/m, enter('')],
      [/audience \(internal \| customer-facing\): $/m, enter('Internal')],
      [/audience \(internal \| customer-facing\): $/m, enter('internal')],
      [/decision mode \(none \| assistive \| automated\): $/m, enter('assistive')],
      [/regulated domain: $/m, enter('insurance')],
    ]);
    const screen = r.stdout;
    // Each wrong answer gets one line saying why, then the same question again.
    const reasons = [
      '  id "Claims_FNOL" must be kebab-case: lowercase letters, digits and single hyphens',
      '  id "claims-intake-bot" is already used by usecases/claims/claims-intake-bot.yaml; ids are unique across the repository',
      '  answer y or n',
      '  title: must be at least 3 characters',
      '  pattern: "chatbot" is not allowed; use one of: internal-copilot, ai-in-product, agentic-workflow',
      '  owner "claims team" must be a GitHub user (@login) or team (@org/team)',
      '  audience has no default: answer one of internal, customer-facing',
      '  audience: "Internal" is not allowed; use one of: internal, customer-facing, TODO (did you mean "internal"?)',
    ];
    for (const reason of reasons) expect(screen).toContain(`\n${reason}\n`);
    expect(screen).toContain('\ndomains: claims, finance-ops\n');
    expect(screen).toContain('\nWho sees the outputs.\n');
    expect(screen).toMatch(/^one of: none \| credit \| insurance \| .* \| other$/m);
    expect(r.status, screen).toBe(0);
    expect(existsSync(join(root, 'usecases/claim'))).toBe(false);
    const text = readFileSync(join(root, 'usecases/claims/claims-fnol-triage.yaml'), 'utf8');
    expect(text).toContain('  title: "First notice of loss triage"\n');
    expect(text).toContain('  owner: "@acme/claims-ai"\n');
    expect(text).toContain('    pattern: agentic-workflow  #');
    expect(text).toContain('    audience: internal  #');
    expect(text).toContain('    decisionMode: assistive  #');
    expect(text).toContain('    regulatedDomain: insurance  #');

    // Paths are from the folder it ran in, and the command it names works there.
    expect(screen).toContain('\ncreated ../usecases/claims/claims-fnol-triage.yaml\n');
    const check = nextCheck(screen);
    expect(check).toEqual(['check', '../usecases/claims/claims-fnol-triage.yaml']);
    const run = coe(check, { cwd: join(root, 'docs') });
    expect(run.stdout).toMatch(/claims-fnol-triage +intake .* valid/);
    expect(run.stdout).toMatch(/✔ 1 use case valid across 1 domain/);
    expect(run.status).toBe(0);
  });

  it('on a terminal, a domain that is not there yet is created only once confirmed', async () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    mkdirSync(join(root, 'usecases/claims/sub'), { recursive: true });
    const enter = (text: string) => `${text}\r`;
    const r = await coeDialogue(
      ['new', 'travel-desk-bot', '--title', 'Travel desk bot'],
      { cwd: join(root, 'usecases/claims/sub') },
      [
        [/domain \(kebab-case, e\.g\. claims\): $/m, enter('travle')],
        [/create a new domain "travle"\? \[y\/n\]: $/m, enter('n')],
        [/domain \(kebab-case, e\.g\. claims\): $/m, enter('travel')],
        [/create a new domain "travel"\? \[y\/n\]: $/m, enter('y')],
        [/\[internal-copilot\]: $/m, enter('')],
        [/\[@OWNER\]: $/m, enter('')],
        [/audience \(internal \| customer-facing\): $/m, enter('customer-facing')],
        [/decision mode \(none \| assistive \| automated\): $/m, enter('none')],
        [/regulated domain: $/m, enter('none')],
      ],
    );
    expect(r.stdout).not.toMatch(/did you mean/);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain('\ncreated ../../travel/travel-desk-bot.yaml\n');
    expect(r.stdout).toMatch(
      /^next: answer the AI Act questions under euAiAct and fill in the other lines marked TODO \(the owner among them\), then run {2}coe check \.\.\/\.\.\/travel\/travel-desk-bot\.yaml$/m,
    );
    expect(existsSync(join(root, 'usecases/travle'))).toBe(false);
    const text = readFileSync(join(root, 'usecases/travel/travel-desk-bot.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}owner: "@OWNER" {2}# TODO/m);
    expect(text).toContain('    pattern: internal-copilot  #');
    expect(text).toContain('    audience: customer-facing  #');
    expect(coe(nextCheck(r.stdout), { cwd: join(root, 'usecases/claims/sub') }).status).toBe(0);
  });

  it('on a terminal, Ctrl-C stops it with exit 130 and nothing written, a new domain included', async () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    const before = snapshotTree(root);
    const r = await coeDialogue(['new'], { cwd: root }, [
      [/id \(kebab-case, e\.g\. claims-fnol-triage\): $/m, 'travel-desk-bot\r'],
      [/domain \(kebab-case, e\.g\. claims\): $/m, 'travel\r'],
      [/create a new domain "travel"\? \[y\/n\]: $/m, 'y\r'],
      [/title \(3 to 120 characters\): $/m, 'Travel desk'], // half typed, then Ctrl-C
      [/Travel desk$/m, '\u0003'],
    ]);
    expect(r.stdout).toMatch(/\ncoe: stopped; nothing written\n$/);
    expect(r.status).toBe(130);
    expect(snapshotTree(root)).toEqual(before);
    expect(existsSync(join(root, 'usecases/travel'))).toBe(false);
  });

  it('on a terminal, input that ends (Ctrl-D) stops it with exit 130 and nothing written', async () => {
    const root = makeRepo();
    const r = await coeDialogue(['new', 'faq-bot', '--domain', 'it', '--title', 'FAQ bot'], { cwd: root }, [
      [/\[internal-copilot\]: $/m, '\r'],
      [/\[@OWNER\]: $/m, '\u0004'],
    ]);
    expect(r.stdout).toMatch(/\ncoe: stopped; nothing written\n$/);
    expect(r.status).toBe(130);
    expect(snapshotTree(root)).toEqual({});
  });

  it('on a terminal, a flag that would not validate is refused before any question', () => {
    const root = makeRepo();
    const r = coeOnTerminal(['new', 'Bad_Id'], { cwd: root, input: '' });
    expect(r.stdout).toMatch(/^coe: id "Bad_Id" must be kebab-case/m);
    expect(r.stdout).not.toMatch(/domain \(/);
    expect(r.status).toBe(2);
    const title = coeOnTerminal(['new', '--title', 'ab'], { cwd: root, input: '' });
    expect(title.stdout).toMatch(/^coe: --title: must be at least 3 characters/m);
    expect(title.status).toBe(2);
    expect(snapshotTree(root)).toEqual({});
  });

  it('says in its help what it asks and how to stop it', () => {
    const r = coe(['help', 'new'], { cwd: makeRepo() });
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(
      /--audience <audience> who sees the outputs \(choices: "internal", "customer-facing"\)/,
    );
    expect(help).toMatch(/--decision-mode <mode> .*\(choices: "none", "assistive", "automated"\)/);
    expect(help).toMatch(/--regulated-domain <area> .*\(choices: "none", "credit",/);
    expect(help).toMatch(/Ctrl-C stops it with nothing written \(exit 130\)/);
    expect(r.status).toBe(0);
  });
});

describe('coe new: a title that reads like an existing use case', () => {
  const existing = 'usecases/claims/claims-intake-bot.yaml';
  const args = [
    'new',
    'claims-intake-helper',
    '--domain',
    'it',
    '--title',
    'Claims Intake Bots',
    ...CLASSIFIED,
  ];

  it('without a terminal: a warning on stderr naming the file, and the file is written', () => {
    const root = makeRepo({ [existing]: manifest() });
    const r = coe(args, { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'coe: warning: this may duplicate an existing use case; look at it first (merge, or tell them apart in title and goal):\n' +
        `  ${existing}: "Claims intake bot" (the same title)\n`,
    );
    expect(r.stdout).toMatch(/^created usecases\/it\/claims-intake-helper\.yaml$/m);
    // coe check says the same, as an advisory.
    const check = coe(['check', '--format', 'json'], { cwd: root });
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).duplicates[0].files).toEqual([
      existing,
      'usecases/it/claims-intake-helper.yaml',
    ]);
  });

  it('a title unlike any other: no warning', () => {
    const root = makeRepo({ [existing]: manifest() });
    const r = coe(
      ['new', 'payroll-faq', '--domain', 'hr', '--title', 'Payroll FAQ assistant', ...CLASSIFIED],
      {
        cwd: root,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('on a terminal: says so as soon as the title is given, and writes nothing unless told to', async () => {
    const root = makeRepo({ [existing]: manifest() });
    const enter = (text: string) => `${text}\r`;
    const declined = await coeDialogue(['new', 'claims-intake-helper', '--domain', 'it'], { cwd: root }, [
      [/title \(3 to 120 characters\): $/m, enter('Claims intake bot for brokers')],
      [/write a new use case all the same\? \[y\/n\]: $/m, enter('n')],
    ]);
    expect(declined.stdout).toContain(`  ${existing}: "Claims intake bot" (a similar title, 0.75 alike)`);
    expect(declined.stdout).toContain('coe: nothing written');
    expect(declined.status).toBe(1);
    expect(existsSync(join(root, 'usecases/it/claims-intake-helper.yaml'))).toBe(false);

    const accepted = await coeDialogue(
      ['new', 'claims-intake-helper', '--domain', 'it', ...CLASSIFIED],
      { cwd: root },
      [
        [/title \(3 to 120 characters\): $/m, enter('Claims intake bot for brokers')],
        [/write a new use case all the same\? \[y\/n\]: $/m, enter('y')],
        [/\[internal-copilot\]: $/m, enter('')],
        [/\[@OWNER\]: $/m, enter('@acme/it')],
      ],
    );
    expect(accepted.status, accepted.stdout).toBe(0);
    expect(existsSync(join(root, 'usecases/it/claims-intake-helper.yaml'))).toBe(true);
  });
});
