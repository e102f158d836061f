// The US federal AI use-case inventory (OMB M-25-21) and the manifest, both ways: one inventory row
// becomes one manifest (with what the row could not supply listed), and a manifest becomes one
// row. Pure: no file is read or written here (engine/cli/commands/import.ts and export.ts do that).
// Column by column: docs/federal-inventory.md.
import { createHash } from 'node:crypto';
import { dump } from 'js-yaml';
import { type ImportApprover, importedLifecycle, type Lifecycle } from '../approvals/records.ts';
import { isPlaceholder, OWNER_PLACEHOLDER, TODO } from '../manifest/placeholders.ts';
import { SCHEMA_MODELINE } from '../manifest/scaffold.ts';

/** The inventory's 36 columns, in the order of the 2025 file and of what coe export omb writes. */
export const COLUMNS = [
  'agency',
  'agency_name',
  'id',
  'use_case_name',
  'agency_bureau',
  'contact_email',
  'is_withheld',
  'development_stage',
  'is_high_impact',
  'HI_justification',
  'topic_area',
  'classification',
  'problem_solved',
  'benefits',
  'system_outputs',
  'operational_date',
  'contracting_usage',
  'vendor_name',
  'have_ato',
  'system_name_ato',
  'data_description',
  'link_to_data',
  'has_pii',
  'pia_url',
  'demographic_features',
  'has_custom_code',
  'code_url',
  'hi_testing_conducted',
  'hi_assessment_completed',
  'hi_potential_impacts',
  'hi_independent_review',
  'hi_ongoing_monitoring',
  'hi_training_established',
  'hi_failsafe_presence',
  'hi_appeal_process',
  'hi_public_consultation',
] as const;
export type Column = (typeof COLUMNS)[number];
export type Row = Record<Column, string>;

export const INVENTORY = 'us-federal-ai-use-cases';
const TITLE_MAX = 120;
const ID_MAX = 64;
const DOMAIN_MAX = 40;

/**
 * One multiple-choice column: each manifest value with the inventory's value coe export omb writes
 * (the 2025 file's short form) and the other spellings an import accepts (the data dictionary's full
 * answer, and the variants agencies reported in 2025 that clearly mean it).
 */
type Choices = Record<string, readonly [csv: string, ...also: string[]]>;

const WAIVED = [
  'CAIO Waived',
  'Agency CAIO has waived this minimum practice and reported such waiver to OMB',
] as const;
const COMPLETION: Choices = {
  complete: ['Yes'],
  'in-progress': ['In-progress'],
  waived: [...WAIVED],
  no: ['No'],
};

export const CHOICES: Partial<Record<Column, Choices>> = {
  is_withheld: {
    no: ['No'],
    'disclosure-risk': [
      'Yes - Disclosure Risk',
      'Yes – agency has determined that there’s a risk to disclosure, such as a harm to an interest protected by a FOIA exemption',
    ],
    'prohibited-by-law': ['Yes - Prohibited by Law', 'Yes – disclosure is prohibited by law'],
    other: ['Other'],
  },
  development_stage: {
    prototype: ['Pre-deployment', 'Pre-deployment – The use case is in a development or acquisition status.'],
    pilot: ['Pilot', 'Pilot – The use case has been deployed in a limited test or pilot capacity.'],
    production: [
      'Deployed',
      'Deployed – The use case is being actively authorized or utilized to support the functions or mission of an agency.',
    ],
    retired: ['Retired'],
  },
  is_high_impact: {
    'high-impact': ['High-impact'],
    'presumed-not-high-impact': [
      'Presumed High-Impact, but Not High-impact',
      'Presumed high-impact, but determined not high impact',
    ],
    'not-high-impact': ['Not High-impact'],
  },
  topic_area: {
    'administrative-functions': ['Admin Functions', 'Administrative Functions'],
    cybersecurity: ['Cybersecurity'],
    'emergency-management': ['Emergency Mgmt', 'Emergency Management'],
    'energy-and-environment': ['Energy and Environment', 'Energy and the Environment'],
    'benefits-processing': ['Benefits Processing', 'Government Benefits Processing'],
    'health-and-medical': ['Health and Medical'],
    'human-resources': ['HR', 'Human Resources'],
    'information-technology': ['IT', 'Information Technology'],
    'international-affairs': ['International Affairs'],
    'law-enforcement': ['Law Enforcement'],
    other: ['Other', 'Other (use other text field)'],
    'procurement-and-finance': ['Procurement and Finance Mgmt', 'Procurement and Financial Management'],
    science: ['Science'],
    'service-delivery': ['Service Delivery'],
    transportation: ['Transportation'],
  },
  classification: {
    'agentic-ai': ['Agentic AI'],
    'classical-ml': ['Classical ML', 'Classical/Predictive Machine Learning'],
    'computer-vision': ['Computer Vision'],
    'generative-ai': ['Generative AI'],
    nlp: ['NLP', 'Natural Language Processing'],
    'reinforcement-learning': ['Reinforcement Learning'],
    other: ['Other'],
  },
  contracting_usage: {
    'vendor-purchased': ['Vendor Purchased', 'Purchased from a vendor'],
    'in-house': ['In-house Development', 'Developed in-house'],
    'contracting-and-in-house': [
      'Contracting and In House',
      'Developed with both contracting and in-house resources',
    ],
  },
  have_ato: { yes: ['Yes'], no: ['No'] },
  has_pii: { yes: ['Yes'], no: ['No'] },
  has_custom_code: { yes: ['Yes'], no: ['No'] },
  hi_testing_conducted: COMPLETION,
  hi_assessment_completed: COMPLETION,
  hi_independent_review: {
    'internal-review': [
      'Internal Independent Review',
      'Yes – by another appropriate agency office or reviewer not directly involved in the AI’s development',
    ],
    'oversight-board': [
      'Oversight Board Review',
      'Yes – by an agency AI oversight board not directly involved in the AI’s development',
    ],
    'caio-review': ['CAIO Review', 'Yes – by the CAIO'],
    'in-progress': ['In-progress'],
    waived: [...WAIVED],
    no: ['No'],
  },
  hi_ongoing_monitoring: {
    complete: [
      'Yes - Monitoring Established',
      'Yes, sufficient monitoring protocols have been established',
      // 2025: one agency answered with the independent-review wording; it reports protocols in place.
      'Yes – by an agency AI oversight board not directly involved in the AI’s development',
    ],
    'in-progress': ['In-progress', 'Development of monitoring protocols is in-progress'],
    waived: [...WAIVED],
  },
  hi_training_established: {
    complete: [
      'Training Established',
      'Yes, sufficient and periodic training has been established',
      // 2025: three rows answered training with the monitoring question's wording.
      'Yes, sufficient monitoring protocols have been established',
    ],
    'in-progress': [
      'Training In-progress',
      'Establishment of sufficient and periodic training is in-progress',
      'Development of monitoring protocols is in-progess',
    ],
    waived: [...WAIVED],
  },
  hi_failsafe_presence: {
    complete: ['Yes'],
    'not-applicable': ['Not Applicable'],
    'in-progress': ['In-progress'],
    waived: [...WAIVED],
  },
  hi_appeal_process: {
    complete: ['Appeal Process Established', 'Yes, an appropriate appeal process has been established'],
    'not-applicable': ['Not Applicable'],
    'in-progress': [
      'Appeal Process In-progress',
      'Establishment of an appropriate appeal process is in-progress',
    ],
    'precluded-by-law': [
      'Appeal Precluded by Law',
      'Law, operational limitations, or governmentwide guidance precludes an opportunity for an individual to appeal',
    ],
    waived: [...WAIVED],
  },
};

/** Case, dashes, spacing and the dictionary's "a) " letters do not matter when an answer is read. */
function normal(s: string): string {
  return s
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[a-z]\) /i, '')
    .toLowerCase();
}

const LOOKUP = new Map<Column, Map<string, string>>(
  Object.entries(CHOICES).map(([column, choices]) => [
    column as Column,
    new Map(
      Object.entries(choices).flatMap(([value, spellings]) =>
        spellings.map((s) => [normal(s), value] as const),
      ),
    ),
  ]),
);

/** An answer the data dictionary does not allow: the column, the value and what it allows. */
export class UnknownValue extends Error {
  readonly column: Column;
  readonly value: string;
  constructor(column: Column, value: string) {
    const allowed = Object.values(CHOICES[column] ?? {}).map(([csv]) => csv);
    super(
      `${column}: "${value}" is not an answer the data dictionary allows; use one of: ${allowed.join(', ')}`,
    );
    this.column = column;
    this.value = value;
  }
}

/** The manifest value of a multiple-choice answer; undefined for a blank. */
export function choice(column: Column, raw: string): string | undefined {
  if (!raw.trim()) return undefined;
  const found = LOOKUP.get(column)?.get(normal(raw));
  if (found) return found;
  // "Other – Economic & Financial" and the like: the dictionary's Other with the agency's detail.
  if (column === 'topic_area' && normal(raw).startsWith('other')) return 'other';
  throw new UnknownValue(column, raw);
}

/** The inventory's value for a manifest value: the 2025 file's short form. */
export function csvOf(column: Column, value: string | undefined): string {
  if (value === undefined || isPlaceholder(value)) return '';
  return CHOICES[column]?.[value]?.[0] ?? '';
}

/** A select-multiple cell, "['a', 'b']" as the inventory stores it (a Python list), item by item. */
export function parseList(column: Column, raw: string): string[] {
  const t = raw.trim();
  if (!t) return [];
  if (!t.startsWith('[') || !t.endsWith(']')) throw new UnknownValue(column, raw);
  const inner = t.slice(1, -1);
  const items: string[] = [];
  let i = 0;
  while (i < inner.length) {
    while (i < inner.length && /[\s,]/.test(inner.charAt(i))) i++;
    if (i >= inner.length) break;
    const quote = inner.charAt(i);
    if (quote !== "'" && quote !== '"') throw new UnknownValue(column, raw);
    let j = i + 1;
    while (j < inner.length && inner.charAt(j) !== quote) j += inner.charAt(j) === '\\' ? 2 : 1;
    if (j >= inner.length) throw new UnknownValue(column, raw);
    items.push(inner.slice(i + 1, j));
    i = j + 1;
  }
  return items;
}

/** Items back as the inventory's list, quoted the way Python writes them. */
export function formatList(items: readonly string[] | undefined): string {
  const quoted = (items ?? []).map((item) => (/(^|[^\\])'/.test(item) ? `"${item}"` : `'${item}'`));
  return `[${quoted.join(', ')}]`;
}

export function kebab(s: string, max = ID_MAX): string {
  const k = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return k.slice(0, max).replace(/-+$/, '');
}

const hash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** Where a use case's id came from, for the mapping the import reports. */
export type IdOrigin = 'kept' | 'blank' | 'repeated';

export interface Identity {
  id: string;
  origin: IdOrigin;
}

/** The inventory's id, when it is one (TBD, N/A and blanks are not). */
function reportedId(row: Row): string | undefined {
  const id = row.id.trim();
  return id && !/^(tbd|n\/?a|none|-+)$/i.test(id) ? id : undefined;
}

/**
 * Each row's metadata.id, derived the same way on every run from what the row says, never from its
 * position: the agency's id in kebab-case (prefixed with the agency when it lacks it); for a blank
 * id, the agency and the name; for an id several rows share, that plus a short hash of the name
 * (and bureau and purpose, if the names are the same too). Rows identical in all of these take -2,
 * -3 in file order.
 */
export function deriveIds(rows: readonly Row[]): Identity[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const id = reportedId(row);
    if (id) {
      const key = `${row.agency}\u0000${id}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const taken = new Set<string>();
  return rows.map((row) => {
    const agency = kebab(row.agency, 20) || 'agency';
    const id = reportedId(row);
    const repeated = id !== undefined && (counts.get(`${row.agency}\u0000${id}`) ?? 0) > 1;
    const origin: IdOrigin = id === undefined ? 'blank' : repeated ? 'repeated' : 'kept';
    let base: string;
    if (id !== undefined) {
      const k = kebab(id);
      base = k === agency || k.startsWith(`${agency}-`) ? k : `${agency}-${k}`;
    } else base = `${agency}-${kebab(row.use_case_name, 40) || 'use-case'}`;
    const tries =
      origin === 'kept'
        ? [base]
        : [
            origin === 'blank' ? base : `${kebab(base, ID_MAX - 7)}-${hash(row.use_case_name, 6)}`,
            `${kebab(base, ID_MAX - 7)}-${hash(`${row.use_case_name}|${row.agency_bureau}|${row.problem_solved}`, 6)}`,
          ];
    let chosen = tries.map((t) => kebab(t)).find((t) => !taken.has(t));
    for (let n = 2; chosen === undefined; n++) {
      const t = `${kebab(tries[tries.length - 1] ?? base, ID_MAX - 4)}-${n}`;
      if (!taken.has(t)) chosen = t;
    }
    taken.add(chosen);
    return { id: chosen, origin };
  });
}

/** The manifest fields no inventory row supplies: written as placeholders, or guessed and said so. */
export const NEVER_SUPPLIED = [
  'metadata.owner',
  'spec.intake.users.who',
  'spec.classification.audience',
  'spec.classification.decisionMode',
] as const;
export const GUESSED = [
  'spec.intake.goalType (cost)',
  'spec.intake.users.frequency (daily)',
  'spec.classification.pattern (agentic-workflow for Agentic AI, else internal-copilot)',
  'spec.classification.riskTier (high, with its rationale, until the tier is computed from real answers)',
] as const;

/** Why an imported use case declares high: the tier is computed from answers the inventory lacks. */
export const IMPORTED_RATIONALE =
  'Declared high on import from the federal AI use-case inventory, which does not say who sees the outputs, who decides or the regulated area; lower it once those are answered and the computed tier allows.';

/** The regulated domain a topic area implies; the rest are TODO (a topic does not say "none"). */
const DOMAIN_OF_TOPIC: Record<string, string> = {
  'law-enforcement': 'law-enforcement',
  'health-and-medical': 'healthcare',
  'benefits-processing': 'essential-services',
  'human-resources': 'employment',
};

export interface Imported {
  /** The manifest, as an object in the order it is written. */
  manifest: Record<string, unknown>;
  /** What this row left unanswered that a manifest needs (beyond NEVER_SUPPLIED), by field. */
  gaps: string[];
}

export interface ImportContext {
  year: number;
  /** Line of the row in the CSV file. */
  line: number;
  identity: Identity;
  /** metadata.created: the day of the import, or what an earlier import wrote. */
  created: string;
  /** What an earlier import of this file recorded, kept as it was: its baseline and approvals. */
  kept?: Pick<Lifecycle, 'baseline' | 'approvals'>;
  /** The import roles' approvals of this import (coe import --pr --approver), if given. */
  approvers?: readonly ImportApprover[];
}

const PRACTICES: readonly [Column, string][] = [
  ['hi_testing_conducted', 'testing'],
  ['hi_assessment_completed', 'impactAssessment'],
  ['hi_independent_review', 'independentReview'],
  ['hi_ongoing_monitoring', 'monitoring'],
  ['hi_training_established', 'training'],
  ['hi_failsafe_presence', 'failSafe'],
  ['hi_appeal_process', 'appeal'],
];

const text = (s: string): string | undefined => (/\S/.test(s) ? s : undefined);

function title(name: string): string {
  const one = name.replace(/\s+/g, ' ').trim();
  if (one.length < 3) return `${TODO}: the use-case name (blank in the inventory)`;
  const chars = [...one];
  if (chars.length <= TITLE_MAX) return one;
  const cut = chars.slice(0, TITLE_MAX - 1).join('');
  const word = cut.replace(/\s+\S*$/, '');
  return `${word.length >= TITLE_MAX / 2 ? word : cut}…`;
}

/** Drops undefined members so the written YAML has no empty keys. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One inventory row as a manifest. Throws UnknownValue for a multiple-choice answer the data
 * dictionary does not allow (nothing is written for a file with one).
 */
export function rowToManifest(row: Row, ctx: ImportContext): Imported {
  const gaps: string[] = [];
  const stage = (choice('development_stage', row.development_stage) ?? 'intake') as Lifecycle['stage'];
  if (!row.development_stage.trim()) gaps.push('spec.lifecycle.stage (blank: intake)');
  const hi = choice('is_high_impact', row.is_high_impact);
  if (hi === undefined) gaps.push('spec.classification.highImpact');
  const topic = choice('topic_area', row.topic_area);
  const technique = choice('classification', row.classification);
  const regulatedDomain = (topic && DOMAIN_OF_TOPIC[topic]) ?? TODO;
  if (regulatedDomain === TODO) gaps.push('spec.classification.regulatedDomain');
  const goal = text(row.problem_solved) ?? `${TODO}: the purpose (problem_solved was blank in the inventory)`;
  if (!text(row.problem_solved)) gaps.push('spec.intake.goal');
  const pii = choice('has_pii', row.has_pii);
  if (pii === undefined) gaps.push('spec.federal.pii');
  const name = text(row.use_case_name) ?? '';
  const shortTitle = title(name);
  if (!name) gaps.push('metadata.title');

  // The minimum practices: asked of high-impact use cases (and of those not yet determined). Left
  // blank there, each is TODO: not answered, never "not needed".
  const asked = hi === 'high-impact' || hi === undefined;
  const practices: Record<string, unknown> = {};
  for (const [column, key] of PRACTICES) {
    const value = choice(column, row[column]);
    if (value !== undefined) practices[key] = value;
    else if (hi === 'high-impact') {
      practices[key] = TODO;
      gaps.push(`spec.federal.practices.${key}`);
    }
  }
  if (text(row.hi_potential_impacts)) practices.potentialImpacts = row.hi_potential_impacts;
  const consultation = parseList('hi_public_consultation', row.hi_public_consultation);
  if (consultation.length) practices.publicConsultation = consultation;
  const demographics = parseList('demographic_features', row.demographic_features);

  const federal = compact({
    agencyName: text(row.agency_name),
    bureau: text(row.agency_bureau),
    contact: text(row.contact_email),
    name: name && name !== shortTitle ? name : undefined,
    withheld: choice('is_withheld', row.is_withheld),
    highImpact: hi ?? (asked ? TODO : undefined),
    highImpactJustification: text(row.HI_justification),
    topicArea: topic,
    technique,
    benefits: text(row.benefits),
    operationalDate: text(row.operational_date),
    contracting: choice('contracting_usage', row.contracting_usage),
    vendor: text(row.vendor_name),
    ato: choice('have_ato', row.have_ato),
    atoSystem: text(row.system_name_ato),
    dataDescription: text(row.data_description),
    dataLink: text(row.link_to_data),
    pii: pii ?? TODO,
    privacyImpactAssessment: text(row.pia_url),
    demographicFeatures: demographics.length ? demographics : undefined,
    customCode: choice('has_custom_code', row.has_custom_code),
    codeUrl: text(row.code_url),
    practices: Object.keys(practices).length ? practices : undefined,
  });

  const manifest = {
    apiVersion: 'coe-gate/v1',
    kind: 'UseCase',
    metadata: {
      id: ctx.identity.id,
      title: shortTitle,
      domain: kebab(row.agency, DOMAIN_MAX) || 'agency',
      owner: OWNER_PLACEHOLDER,
      created: ctx.created,
      source: compact({
        inventory: INVENTORY,
        year: ctx.year,
        agency: row.agency.trim(),
        rowId: text(row.id)?.trim(),
        line: ctx.line,
        fingerprint: PENDING,
      }),
    },
    spec: {
      intake: compact({
        goal,
        goalType: 'cost',
        users: { who: `${TODO}: the people or roles who use it`, frequency: 'daily' },
        io: text(row.system_outputs) ? { outputs: row.system_outputs } : undefined,
      }),
      classification: compact({
        pattern: technique === 'agentic-ai' ? 'agentic-workflow' : 'internal-copilot',
        audience: TODO,
        decisionMode: TODO,
        regulatedDomain,
        riskTier: 'high',
        rationale: IMPORTED_RATIONALE,
        highImpact: hi === undefined ? undefined : hi === 'high-impact',
      }),
      lifecycle: importedLifecycle(stage, ctx),
      federal,
    },
  };
  return { manifest, gaps };
}

const PENDING = `sha256:${'0'.repeat(64)}`;
const FINGERPRINT = /^( {4}fingerprint: )(?:"|')?sha256:([0-9a-f]{64})(?:"|')?$/m;

/** The file's text with its fingerprint blanked: what the fingerprint is a hash of. */
function blanked(text: string): string {
  return text.replace(FINGERPRINT, '$1sha256:');
}

/** The fingerprint the file records, and the one its content has now; undefined if it has none. */
export function fingerprints(text: string): { recorded: string; actual: string } | undefined {
  const m = FINGERPRINT.exec(text);
  if (!m) return undefined;
  return { recorded: m[2] ?? '', actual: createHash('sha256').update(blanked(text)).digest('hex') };
}

/** The manifest as the file the import writes: modeline, what it could not map, YAML, fingerprint. */
export function renderImported(imported: Imported): string {
  const m = imported.manifest as { metadata: { source: { year: number; agency: string; line: number } } };
  const { year, agency, line } = m.metadata.source;
  const wrap = (label: string, items: readonly string[]) =>
    items.length ? `# ${label}: ${items.join(', ')}\n` : '';
  const header =
    `${SCHEMA_MODELINE}\n` +
    `# Imported from the US federal AI use-case inventory ${year} (${agency}, line ${line}) by coe import omb.\n` +
    `# Re-imports update this file until it is changed here; then they report a conflict and leave it.\n` +
    wrap('Not in the inventory, to answer (TODO; the tier assumes the riskier answer)', NEVER_SUPPLIED) +
    wrap('Guessed, to confirm', GUESSED) +
    wrap('Left blank in this row (TODO or as noted)', imported.gaps) +
    `# Column by column: docs/federal-inventory.md\n`;
  const body = dump(imported.manifest, { lineWidth: -1, noRefs: true });
  const text = header + body.replace(PENDING, 'sha256:');
  const digest = createHash('sha256').update(text).digest('hex');
  return text.replace(/^( {4}fingerprint: )sha256:$/m, `$1sha256:${digest}`);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' && !isPlaceholder(v) ? v : '');
const EXPORT_STAGE: Record<string, string> = {
  intake: '',
  discovery: 'Pre-deployment',
  prototype: 'Pre-deployment',
  mvp: 'Pre-deployment',
  pilot: 'Pilot',
  production: 'Deployed',
  retired: 'Retired',
};

/** One manifest as an inventory row, from the fields docs/federal-inventory.md names. */
export function manifestToRow(manifest: unknown): Row {
  const m = obj(manifest);
  const meta = obj(m.metadata);
  const source = obj(meta.source);
  const spec = obj(m.spec);
  const f = obj(spec.federal);
  const p = obj(f.practices);
  const intake = obj(spec.intake);
  const cls = obj(spec.classification);
  const determination =
    typeof f.highImpact === 'string' && !isPlaceholder(f.highImpact)
      ? f.highImpact
      : cls.highImpact === true
        ? 'high-impact'
        : cls.highImpact === false
          ? 'not-high-impact'
          : undefined;
  const c = (column: Column, v: unknown) => csvOf(column, typeof v === 'string' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    agency: str(source.agency),
    agency_name: str(f.agencyName),
    id: Object.keys(source).length ? str(source.rowId) : str(meta.id),
    use_case_name: str(f.name) || str(meta.title),
    agency_bureau: str(f.bureau),
    contact_email: str(f.contact),
    is_withheld: c('is_withheld', f.withheld),
    development_stage: EXPORT_STAGE[str(obj(spec.lifecycle).stage)] ?? '',
    is_high_impact: c('is_high_impact', determination),
    HI_justification: str(f.highImpactJustification),
    topic_area: c('topic_area', f.topicArea),
    classification: c('classification', f.technique),
    problem_solved: str(intake.goal),
    benefits: str(f.benefits),
    system_outputs: str(obj(intake.io).outputs),
    operational_date: str(f.operationalDate),
    contracting_usage: c('contracting_usage', f.contracting),
    vendor_name: str(f.vendor),
    have_ato: c('have_ato', f.ato),
    system_name_ato: str(f.atoSystem),
    data_description: str(f.dataDescription),
    link_to_data: str(f.dataLink),
    has_pii: c('has_pii', f.pii),
    pia_url: str(f.privacyImpactAssessment),
    demographic_features: formatList(list(f.demographicFeatures)),
    has_custom_code: c('has_custom_code', f.customCode),
    code_url: str(f.codeUrl),
    hi_testing_conducted: c('hi_testing_conducted', p.testing),
    hi_assessment_completed: c('hi_assessment_completed', p.impactAssessment),
    hi_potential_impacts: str(p.potentialImpacts),
    hi_independent_review: c('hi_independent_review', p.independentReview),
    hi_ongoing_monitoring: c('hi_ongoing_monitoring', p.monitoring),
    hi_training_established: c('hi_training_established', p.training),
    hi_failsafe_presence: c('hi_failsafe_presence', p.failSafe),
    hi_appeal_process: c('hi_appeal_process', p.appeal),
    hi_public_consultation: formatList(list(p.publicConsultation)),
  };
}
