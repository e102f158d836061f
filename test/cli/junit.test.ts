// --format junit: valid against the JUnit schema Jenkins' readers use (test/report/junit/), checked
// by libxml2, with the counts and outcomes a CI system shows taken from the same run's JSON report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { gitRepo } from '../helpers/git.ts';
import { coe, manifest, REPO_ROOT, underTieredWithWaiver } from '../helpers/repo.ts';

const XSD = readFileSync(join(REPO_ROOT, 'test/report/junit/junit-10.xsd'), 'utf8');
const F = 'usecases/claims/claims-intake-bot.yaml';
const AS_OF = '2026-11-24';

async function schemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [XSD] });
  return r.errors.map((e) => e.message);
}

interface Case {
  name: string;
  classname: string;
  failure?: { type: string; message: string; '#text': string };
  skipped?: { message: string; '#text': string };
  error?: { type: string; message: string; '#text': string };
  'system-out'?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  file?: string;
  testcase: Case[];
}

function parse(xml: string): {
  testsuites: { tests: string; failures: string; errors: string; testsuite: Suite[] };
} {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml);
}

describe('coe check --format junit', () => {
  it('is valid JUnit XML: a suite per use case, a case per rule, failures, waivers and advisories as CI shows them', async () => {
    const root = gitRepo({ [F]: underTieredWithWaiver() });
    const r = coe(['check', '--as-of', AS_OF, '--format', 'junit'], { cwd: root });
    const json = JSON.parse(coe(['check', '--as-of', AS_OF, '--format', 'json'], { cwd: root }).stdout);
    expect(r.status).toBe(1);
    expect(r.status).toBe(json.exitCode);
    expect(await schemaErrors(r.stdout)).toEqual([]);

    const { testsuites } = parse(r.stdout);
    const [suite] = testsuites.testsuite as [Suite];
    expect(suite).toMatchObject({ name: 'claims-intake-bot', file: F, errors: '0' });
    // One case per rule of the policy set: every rule is a test, passing or not.
    expect(Number(suite.tests)).toBe(json.policies.rules);
    expect(suite.testcase).toHaveLength(json.policies.rules);
    const findings = json.useCases[0].findings as {
      rule: string;
      outcome: string;
      blocking: boolean;
      level: string;
    }[];
    const blocking = findings.filter((f) => f.outcome === 'fail' && f.blocking);
    expect(Number(suite.failures)).toBe(blocking.length);
    expect(Number(testsuites.failures)).toBe(blocking.length);
    expect(blocking.length).toBeGreaterThan(0);

    const byName = new Map(suite.testcase.map((c) => [c.name, c]));
    const tier = byName.get('risk-tiering.declared-not-below-computed') as Case;
    expect(tier.classname).toBe('claims.claims-intake-bot');
    expect(tier.failure?.type).toBe('hard');
    expect(tier.failure?.['#text']).toMatch(new RegExp(`^${F}:22:15 spec\\.classification\\.riskTier\\n`));
    expect(tier.failure?.['#text']).toMatch(/\nFix: Set spec\.classification\.riskTier to medium/);
    const waived = byName.get('release-gates.rubric-scores') as Case;
    expect(waived.failure).toBeUndefined();
    expect(waived.skipped?.message).toBe(
      'waived by @mtanaka until 2026-12-31: Scored at the December review',
    );
    expect(suite.skipped).toBe('1');
    for (const f of findings.filter((x) => x.outcome === 'fail' && x.level === 'advisory')) {
      const c = byName.get(f.rule) as Case;
      expect(c.failure).toBeUndefined();
      expect(c['system-out']).toMatch(/^advisory: /);
    }
    const passing = suite.testcase.filter((c) => !c.failure && !c.skipped && !c['system-out']);
    expect(passing.length).toBe(json.policies.rules - findings.length);
  });

  it('reports invalid files as errors, and shows hostile text as text', async () => {
    const hostile = '"x]]></error><testcase name=\\"pwned\\"/>&amp;\\u0007\\ud800"';
    const root = gitRepo({ [F]: manifest().replace('stage: intake', `stage: ${hostile}`) });
    const r = coe(['check', '--format', 'junit'], { cwd: root });
    expect(r.status).toBe(2);
    expect(await schemaErrors(r.stdout)).toEqual([]);
    const { testsuites } = parse(r.stdout);
    expect(testsuites.errors).toBe('1');
    const [suite] = testsuites.testsuite as [Suite];
    expect(suite).toMatchObject({ name: 'input', tests: '1', errors: '1' });
    const [c] = suite.testcase as [Case];
    expect(c.error?.type).toBe('schema-invalid-value');
    // The value arrives as the text it was (as the problem quotes it), nothing in it obeyed.
    expect(c.error?.message).toContain('x]]></error><testcase name=\\"pwned\\"/>&amp;');
    expect(r.stdout).not.toContain('<testcase name="pwned"');
  });

  it('the schema check does catch a report that breaks it (negative control)', async () => {
    const root = gitRepo({ [F]: manifest() });
    const xml = coe(['check', '--as-of', AS_OF, '--format', 'junit'], { cwd: root }).stdout;
    expect(await schemaErrors(xml)).toEqual([]);
    const errors = await schemaErrors(xml.replace(/<testsuite name="[^"]*"/, '<testsuite'));
    expect(errors.join('\n')).toMatch(/attribute 'name' is required/);
  });
});
