// The federal AI use-case inventory row <-> manifest mapping (engine/core/inventory/omb.ts), on
// rows written here; the real 3,611 rows: test/data/federal-inventory.test.ts.
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  deriveIds,
  fingerprints,
  formatList,
  manifestToRow,
  parseList,
  type Row,
  renderImported,
  rowToManifest,
  UnknownValue,
} from '../../engine/core/inventory/omb.ts';
import { findPlaceholders } from '../../engine/core/manifest/placeholders.ts';

const blank = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Row;
const row = (fields: Partial<Row>): Row => ({
  ...blank,
  demographic_features: '[]',
  hi_public_consultation: '[]',
  ...fields,
});

/** Every column answered, in the 2025 file's values. */
const FULL = row({
  agency: 'DHS',
  agency_name: 'Department of Homeland Security',
  id: 'DHS-2705',
  use_case_name: 'Biometric identity verification at ports of entry',
  agency_bureau: 'CBP',
  contact_email: 'ai@example.gov',
  is_withheld: 'No',
  development_stage: 'Deployed',
  is_high_impact: 'High-impact',
  HI_justification: 'It decides who is referred for secondary inspection.',
  topic_area: 'Law Enforcement',
  classification: 'Computer Vision',
  problem_solved: 'Confirms travellers are who their documents say.',
  benefits: 'Shorter queues.',
  system_outputs: 'A match score and a referral.',
  operational_date: '01/2023',
  contracting_usage: 'Vendor Purchased',
  vendor_name: 'Example Vision Inc.',
  have_ato: 'Yes',
  system_name_ato: 'TVS',
  data_description: 'Passport photographs.',
  link_to_data: 'https://catalog.data.gov/example',
  has_pii: 'Yes',
  pia_url: 'https://www.dhs.gov/pia/example',
  demographic_features: "['b) Sex', 'c) Age']",
  has_custom_code: 'No',
  code_url: '',
  hi_testing_conducted: 'Yes',
  hi_assessment_completed: 'Yes',
  hi_potential_impacts: 'A wrong referral delays a traveller.',
  hi_independent_review: 'CAIO Review',
  hi_ongoing_monitoring: 'Yes - Monitoring Established',
  hi_training_established: 'Training Established',
  hi_failsafe_presence: 'Yes',
  hi_appeal_process: 'Appeal Process Established',
  hi_public_consultation: "['Usability Testing', \"Travellers' survey\"]",
});

const ctx = (r: Row, line = 2) => ({
  year: 2025,
  line,
  identity: deriveIds([r])[0] ?? { id: 'x', origin: 'kept' as const },
  created: '2030-01-02',
});

type M = {
  metadata: Record<string, unknown> & { source: Record<string, unknown> };
  spec: {
    intake: Record<string, unknown>;
    classification: Record<string, unknown>;
    lifecycle: { stage: string };
    federal: Record<string, unknown> & { practices?: Record<string, unknown> };
  };
};

describe('a row read into a manifest', () => {
  it('maps every answered column to its field, and records where it came from', () => {
    const { manifest, gaps } = rowToManifest(FULL, ctx(FULL, 7));
    const m = manifest as M;
    expect(m.metadata).toMatchObject({
      id: 'dhs-2705',
      domain: 'dhs',
      owner: '@OWNER',
      created: '2030-01-02',
    });
    expect(m.metadata.source).toMatchObject({
      inventory: 'us-federal-ai-use-cases',
      year: 2025,
      agency: 'DHS',
      rowId: 'DHS-2705',
      line: 7,
    });
    expect(m.spec.lifecycle.stage).toBe('production');
    expect(m.spec.classification).toMatchObject({
      highImpact: true,
      // Law Enforcement needs the high-risk controls: a regulated domain, no longer refused.
      regulatedDomain: 'law-enforcement',
      riskTier: 'high',
      audience: 'TODO',
      decisionMode: 'TODO',
    });
    expect(m.spec.intake).toMatchObject({
      goal: 'Confirms travellers are who their documents say.',
      io: { outputs: 'A match score and a referral.' },
    });
    expect(m.spec.federal).toMatchObject({
      topicArea: 'law-enforcement',
      technique: 'computer-vision',
      contracting: 'vendor-purchased',
      vendor: 'Example Vision Inc.',
      ato: 'yes',
      pii: 'yes',
      demographicFeatures: ['b) Sex', 'c) Age'],
      practices: {
        testing: 'complete',
        impactAssessment: 'complete',
        independentReview: 'caio-review',
        monitoring: 'complete',
        training: 'complete',
        failSafe: 'complete',
        appeal: 'complete',
        publicConsultation: ['Usability Testing', "Travellers' survey"],
      },
    });
    expect(gaps).toEqual([]);
  });

  it('comes back as the same row', () => {
    const text = renderImported(rowToManifest(FULL, ctx(FULL)));
    expect(manifestToRow(load(text))).toEqual(FULL);
  });

  it('leaves what a blank row cannot say as TODO, never as a low-risk answer, and lists the gaps', () => {
    const empty = row({ agency: 'VA', use_case_name: 'Claims letter drafting', is_high_impact: '' });
    const { manifest, gaps } = rowToManifest(empty, ctx(empty));
    const m = manifest as M;
    expect(m.spec.lifecycle.stage).toBe('intake');
    expect(m.spec.classification.highImpact).toBeUndefined();
    expect(m.spec.classification.riskTier).toBe('high');
    expect(m.spec.federal).toMatchObject({ highImpact: 'TODO', pii: 'TODO' });
    expect(findPlaceholders(manifest).map((p) => p.path)).toEqual([
      'metadata.owner',
      'spec.intake.goal',
      'spec.intake.users.who',
      'spec.classification.audience',
      'spec.classification.decisionMode',
      'spec.classification.regulatedDomain',
      'spec.federal.highImpact',
      'spec.federal.pii',
    ]);
    expect(gaps).toEqual([
      'spec.lifecycle.stage (blank: intake)',
      'spec.classification.highImpact',
      'spec.classification.regulatedDomain',
      'spec.intake.goal',
      'spec.federal.pii',
    ]);
    expect(manifestToRow(manifest)).toEqual(empty);
  });

  it('asks every minimum practice of a high-impact row that left them blank', () => {
    const hi = row({ agency: 'VA', use_case_name: 'Benefit eligibility', is_high_impact: 'High-impact' });
    const m = rowToManifest(hi, ctx(hi)).manifest as M;
    expect(m.spec.federal.practices).toEqual({
      testing: 'TODO',
      impactAssessment: 'TODO',
      independentReview: 'TODO',
      monitoring: 'TODO',
      training: 'TODO',
      failSafe: 'TODO',
      appeal: 'TODO',
    });
  });

  it('shortens a name the title cannot hold and keeps it whole in spec.federal.name', () => {
    const name = `${'Automated analysis of environmental monitoring data '.repeat(3)}for compliance`;
    const long = row({ agency: 'EPA', use_case_name: name });
    const m = rowToManifest(long, ctx(long)).manifest as M;
    expect([...String(m.metadata.title)].length).toBeLessThanOrEqual(120);
    expect(String(m.metadata.title).endsWith('…')).toBe(true);
    expect(m.spec.federal.name).toBe(name);
    expect(manifestToRow(m).use_case_name).toBe(name);
  });

  it('accepts the data dictionary’s full answers and reads them as the short ones', () => {
    const full = row({
      agency: 'DOE',
      use_case_name: 'Grid forecasting',
      development_stage:
        'c) Deployed – The use case is being actively authorized or utilized to support the functions or mission of an agency.',
      topic_area: 'Energy and the Environment',
      contracting_usage: 'b) Developed in-house',
    });
    const back = manifestToRow(rowToManifest(full, ctx(full)).manifest);
    expect(back).toMatchObject({
      development_stage: 'Deployed',
      topic_area: 'Energy and Environment',
      contracting_usage: 'In-house Development',
    });
  });

  it('refuses an answer the data dictionary does not allow, naming the column', () => {
    const odd = row({ agency: 'DOE', use_case_name: 'Grid forecasting', has_pii: 'Maybe' });
    expect(() => rowToManifest(odd, ctx(odd))).toThrow(UnknownValue);
    expect(() => rowToManifest(odd, ctx(odd))).toThrow(
      'has_pii: "Maybe" is not an answer the data dictionary allows; use one of: Yes, No',
    );
  });
});

describe('ids', () => {
  const r = (agency: string, id: string, name: string, bureau = '') =>
    row({ agency, id, use_case_name: name, agency_bureau: bureau });

  it('keeps a unique id, prefixes the agency, derives one from the name when blank and disambiguates a repeated one', () => {
    const rows = [
      r('DOJ', 'DOJ-0357', 'Case triage'),
      r('DOJ', 'DOJ-0357', 'Grant review'),
      r('SEC', '34', 'Filing search'),
      r('NSF', '', 'Proposal matching'),
      r('NSF', 'TBD', 'Proposal matching'),
    ];
    const ids = deriveIds(rows);
    expect(ids.map((i) => i.origin)).toEqual(['repeated', 'repeated', 'kept', 'blank', 'blank']);
    expect(ids[2]?.id).toBe('sec-34');
    expect(ids[3]?.id).toBe('nsf-proposal-matching');
    expect(ids[0]?.id).toMatch(/^doj-0357-[0-9a-f]{6}$/);
    expect(new Set(ids.map((i) => i.id)).size).toBe(5);
  });

  it('are the same whatever the order of the rows', () => {
    const rows = [r('DOJ', 'DOJ-1', 'A'), r('DOJ', 'DOJ-1', 'B'), r('VA', '', 'Scheduling assistant')];
    const forward = deriveIds(rows).map((i) => i.id);
    const backward = deriveIds([...rows].reverse()).map((i) => i.id);
    expect(backward.reverse()).toEqual(forward);
  });

  it('give rows identical in every way a hash, then -2, -3 in file order', () => {
    const ids = deriveIds([r('VA', '', 'Same'), r('VA', '', 'Same'), r('VA', '', 'Same')]).map((i) => i.id);
    expect(ids[0]).toBe('va-same');
    expect(ids[1]).toMatch(/^va-same-[0-9a-f]{6}$/);
    expect(ids[2]).toBe(`${ids[1]}-2`);
  });
});

describe('list cells and fingerprints', () => {
  it('read and write the inventory’s Python lists, quotes included', () => {
    const cell = "['a) Race/Ethnicity', \"Agency's own\", 'General solicitations of \\ncomments']";
    const items = parseList('demographic_features', cell);
    expect(items).toEqual(['a) Race/Ethnicity', "Agency's own", 'General solicitations of \\ncomments']);
    expect(formatList(items)).toBe(cell);
    expect(formatList([])).toBe('[]');
    expect(() => parseList('demographic_features', 'Race, Sex')).toThrow(UnknownValue);
  });

  it('tell a file the import wrote from one changed since', () => {
    const text = renderImported(rowToManifest(FULL, ctx(FULL)));
    const written = fingerprints(text);
    expect(written?.recorded).toBe(written?.actual);
    const changed = fingerprints(text.replace(/owner: .@OWNER./, 'owner: "@dhs/cbp-ai"'));
    expect(changed?.recorded).not.toBe(changed?.actual);
    expect(fingerprints('apiVersion: coe-gate/v1\n')).toBeUndefined();
  });
});
