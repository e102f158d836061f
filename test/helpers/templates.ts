// Reads the CoE templates in docs/templates/ as data (their tables, backticked names and links)
// and compares them with what the engine reads: the manifest schema, the registries, the
// policies and the registered commands. Each check returns the disagreements as sentences, so a
// test can assert there are none, and another that a changed input gives exactly the one expected.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { targets } from './markdown.ts';

type Json = Record<string, unknown>;
const TIERS = ['low', 'medium', 'high'];

// ------------------------------------------------------------------------- reading markdown

export interface Table {
  /** The nearest heading above the table. */
  section: string;
  header: string[];
  rows: string[][];
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** Every pipe table outside fenced code, with the heading it sits under. */
export function tables(doc: string): Table[] {
  const out: Table[] = [];
  const lines = doc.split('\n');
  let section = '';
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    if (/^#{1,6} /.test(line)) section = line.replace(/^#+ /, '');
    else if (line.startsWith('|') && /^\|\s*-{3}/.test(lines[i + 1] ?? '')) {
      const table: Table = { section, header: cellsOf(line), rows: [] };
      for (i += 2; i < lines.length && (lines[i] as string).startsWith('|'); i++)
        table.rows.push(cellsOf(lines[i] as string));
      i--;
      out.push(table);
    }
  }
  return out;
}

/** The backticked spans of a text. */
export const ticks = (text: string): string[] =>
  [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);

/** The `## ` sections of a document: title and body. */
export function sections(doc: string): { title: string; body: string }[] {
  return doc
    .split(/^## /m)
    .slice(1)
    .map((s) => ({ title: s.slice(0, s.indexOf('\n')), body: s }));
}

const column = (t: Table, name: string) => t.header.indexOf(name);
const cell = (row: string[], i: number) => (i < 0 ? '' : (row[i] ?? ''));
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const same = (a: Iterable<string>, b: Iterable<string>) => sorted(a).join(',') === sorted(b).join(',');
const list = (xs: Iterable<string>) => `[${sorted(xs).join(', ')}]`;

// ------------------------------------------------------------------------- the manifest schema

export type Required = 'yes' | 'with its parent' | 'no';

/** Fields of the manifest schema by path: `a.b`, with `[]` after a list (`spec.intake.roi[].metric`). */
export class SchemaFields {
  private readonly schema: Json;
  constructor(schema: Json) {
    this.schema = schema;
  }

  private resolve(node: unknown): Json {
    let n = node as Json;
    while (typeof n.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(n.$ref)?.[1] as string;
      n = (this.schema.$defs as Json)[name] as Json;
    }
    return n;
  }

  /** The schema of a field and whether the schema requires it, or undefined for no such field. */
  private walk(path: string): { node: Json; required: Required } | undefined {
    let node = this.resolve(this.schema);
    let all = true;
    let last = true;
    for (const seg of path.replace(/\[\]/g, '.[]').split('.')) {
      if (seg === '[]' || (node.type === 'array' && seg !== '[]')) {
        if (node.type !== 'array') return undefined;
        node = this.resolve(node.items);
        all = false;
        last = false;
        if (seg === '[]') continue;
      }
      const child = (node.properties as Json | undefined)?.[seg];
      if (child === undefined) return undefined;
      last = ((node.required as string[] | undefined) ?? []).includes(seg);
      all &&= last;
      node = this.resolve(child);
    }
    return { node, required: all ? 'yes' : last ? 'with its parent' : 'no' };
  }

  has(path: string): boolean {
    return this.walk(path) !== undefined;
  }

  /** yes: a manifest is invalid without it; with its parent: each entry of its list or section needs it. */
  required(path: string): Required | undefined {
    return this.walk(path)?.required;
  }

  enumOf(path: string): string[] {
    return (this.walk(path)?.node.enum as string[] | undefined) ?? [];
  }

  /** Every field that holds a value (not a section, not a list of sections). */
  leaves(): string[] {
    const out: string[] = [];
    const visit = (raw: unknown, path: string) => {
      const node = this.resolve(raw);
      if (node.properties) {
        for (const [k, v] of Object.entries(node.properties as Json)) visit(v, path ? `${path}.${k}` : k);
      } else if (node.type === 'array' && this.resolve(node.items).properties) {
        visit(node.items, `${path}[]`);
      } else out.push(path);
    };
    visit(this.schema, '');
    return out;
  }
}

// ------------------------------------------------------------------------- policies

export interface Rule {
  id: string;
  level: string;
  appliesTo?: { stages?: string[]; patterns?: string[]; tiers?: string[] };
  [k: string]: unknown;
}

export interface TieringEntry {
  id?: string;
  tier?: string;
  when: unknown;
  reason: string;
}

export interface Tiering {
  default: string;
  prohibited?: TieringEntry[];
  rules: TieringEntry[];
}

const ITERATORS = new Set(['some', 'all', 'none', 'filter', 'map', 'reduce']);

/**
 * The manifest fields a condition reads (by `var` or `present`), as paths: `manifest.x.y` is `x.y`; a field read inside
 * `some` (and the like) over a manifest list `x` is `x[].field`.
 */
export function fieldsRead(
  logic: unknown,
  within: string | null = null,
  out = new Set<string>(),
): Set<string> {
  const varPath = (v: unknown): string | undefined => {
    const p = Array.isArray(v) ? v[0] : v;
    return typeof p === 'string' ? p : undefined;
  };
  if (Array.isArray(logic)) for (const l of logic) fieldsRead(l, within, out);
  else if (logic !== null && typeof logic === 'object') {
    for (const [op, args] of Object.entries(logic)) {
      if (op === 'var' || op === 'present') {
        const p = varPath(args);
        if (p?.startsWith('manifest.')) out.add(p.slice('manifest.'.length));
        else if (p && within !== null) out.add(`${within}[].${p}`);
      } else if (ITERATORS.has(op) && Array.isArray(args)) {
        const [collection, body, ...rest] = args;
        const p = varPath((collection as Json | null)?.var);
        if (p?.startsWith('manifest.')) fieldsRead(body, p.slice('manifest.'.length), out);
        else {
          fieldsRead(collection, within, out);
          fieldsRead(body, within, out);
        }
        fieldsRead(rest, within, out);
      } else fieldsRead(args, within, out);
    }
  }
  return out;
}

// ------------------------------------------------------------------------- the checks

/** docs/templates/intake-form.md against the manifest schema and the rules that ask for fields later. */
export function checkIntakeForm(
  doc: string,
  schema: SchemaFields,
  rules: Map<string, Rule>,
  stages: string[],
): string[] {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const t of tables(doc).filter(
    (t) => t.header[0] === 'field' && t.header.includes('required at intake'),
  )) {
    const prefixes = ticks(t.section);
    for (const row of t.rows) {
      const path = ticks(cell(row, 0))[0] ?? cell(row, 0);
      listed.add(path);
      const required = schema.required(path);
      if (required === undefined) {
        problems.push(`${path}: not a field of the manifest schema`);
        continue;
      }
      if (!prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`)))
        problems.push(`${path}: listed under "${t.section}", which is not its section of the schema`);
      const said = cell(row, column(t, 'required at intake'));
      if (said !== required)
        problems.push(`${path}: the form says required at intake "${said}", the schema says "${required}"`);
      const later = ticks(cell(row, column(t, 'asked for later by')));
      if (later.length === 0) continue;
      const stage = later.find((x) => stages.includes(x));
      const ruleId = later.find((x) => !stages.includes(x)) as string;
      const rule = rules.get(ruleId);
      if (!rule) {
        problems.push(`${path}: asked for later by ${ruleId}, which is not a rule of the policies`);
        continue;
      }
      const applies = rule.appliesTo?.stages ?? stages;
      const first = stages.find((s) => applies.includes(s));
      if (stage !== first) problems.push(`${path}: ${ruleId} first applies at ${first}, not ${stage}`);
      const segments = path.replace(/\[\]/g, '').split('.');
      const text = JSON.stringify(rule);
      const names = [
        segments.at(-1) as string,
        ...segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('.')),
      ].filter((n) => n.split('.').length >= 3 || n === segments.at(-1));
      if (!names.some((n) => text.includes(n))) problems.push(`${path}: ${ruleId} does not read this field`);
    }
  }
  for (const leaf of schema.leaves()) {
    if (listed.has(leaf)) continue;
    const required = schema.required(leaf);
    if (required === 'yes') problems.push(`${leaf}: required at intake by the schema, missing from the form`);
    else if (leaf.startsWith('spec.intake.') && required === 'with its parent')
      problems.push(`${leaf}: required in its section of the intake, missing from the form`);
  }
  return problems;
}

/** docs/templates/prioritisation-rubric.md against policies/registries/rubric.yaml and the score's range. */
export function checkRubric(doc: string, weights: Record<string, number>, range: [number, number]): string[] {
  const problems: string[] = [];
  const all = tables(doc);
  const criteria = Object.keys(weights);
  const main = all.find((t) => t.header.includes('weight') && t.header.includes('manifest field'));
  const scale = all.find((t) => t.header[1] === String(range[0]) || /^\d$/.test(t.header[1] ?? ''));
  const example = all.find((t) => t.header.includes('weighted'));
  if (!main || !scale || !example) return ['the rubric page lacks its criteria, scale or example table'];

  const shown: Record<string, number> = {};
  for (const row of main.rows) {
    const c = ticks(cell(row, 0))[0] as string;
    shown[c] = Number(cell(row, column(main, 'weight')));
    const field = ticks(cell(row, column(main, 'manifest field')))[0];
    if (field !== `spec.intake.scores.${c}`)
      problems.push(`${c}: its manifest field is spec.intake.scores.${c}`);
  }
  for (const c of new Set([...criteria, ...Object.keys(shown)])) {
    if (weights[c] === undefined) problems.push(`${c}: on the page, not in rubric.yaml`);
    else if (shown[c] === undefined)
      problems.push(`${c}: in rubric.yaml (weight ${weights[c]}), not on the page`);
    else if (shown[c] !== weights[c])
      problems.push(`${c}: weight ${shown[c]} on the page, ${weights[c]} in rubric.yaml`);
  }

  const levels = scale.header.slice(1).map(Number);
  if (Math.min(...levels) !== range[0] || Math.max(...levels) !== range[1])
    problems.push(
      `the scale runs ${list(scale.header.slice(1))}; the schema's scores run ${range[0]} to ${range[1]}`,
    );
  const scaled = scale.rows.map((r) => ticks(cell(r, 0))[0] as string);
  if (!same(scaled, criteria))
    problems.push(`the scale describes ${list(scaled)}, the rubric has ${list(criteria)}`);

  let total = 0;
  const used: string[] = [];
  for (const row of example.rows) {
    const c = ticks(cell(row, 0))[0];
    if (c === undefined) {
      const said = Number(row.find((x) => /\d/.test(x))?.replace(/\*/g, ''));
      const expected = Math.round(total * 100) / 100;
      if (said !== expected) problems.push(`the example's priority is ${said}; the weights give ${expected}`);
      continue;
    }
    used.push(c);
    const score = Number(cell(row, column(example, 'score')));
    const weight = weights[c] ?? Number.NaN;
    const weighted = Math.round(score * weight * 10000) / 10000;
    total += weighted;
    if (Number(cell(row, column(example, 'weight'))) !== weight)
      problems.push(
        `the example weighs ${c} ${cell(row, column(example, 'weight'))}; rubric.yaml says ${weight}`,
      );
    if (Number(cell(row, column(example, 'weighted'))) !== weighted)
      problems.push(
        `the example's weighted ${c} is ${cell(row, column(example, 'weighted'))}; ${score} × ${weight} is ${weighted}`,
      );
  }
  if (!same(used, criteria))
    problems.push(`the example scores ${list(used)}, the rubric has ${list(criteria)}`);
  return problems;
}

export interface Raci {
  approvals: { to: string; tiers?: string[]; roles: string[] }[];
  changes?: { field: string; stages: string[]; roles: string[] }[];
  waivers: { maxDays: number; soft: string[]; rules?: Record<string, string[]> };
  [k: string]: unknown;
}

const RACI_CELL = /^(?:(A(?: \(([a-z, ]+)\))?|R|C|I|—)(?: · (?:R|C|I))*)$/;

/** docs/templates/raci-baseline.md against policies/registries/raci.yaml, both ways. */
/** The RACI's keys for pull requests judged as a whole: policies, the gate itself, an import. */
const REPOSITORY_KEYS = /^(?:[a-z]+Changes|imports)$/;

export function checkRaci(doc: string, raci: Raci, roles: string[], stages: string[]): string[] {
  const problems: string[] = [];
  const all = tables(doc);
  const matrix = all.find((t) => t.header[0] === 'stage');
  if (!matrix) return ['the RACI page has no stage × role table'];
  const columns = matrix.header.slice(1).map((h) => ticks(h)[0] ?? h);
  if (!same(columns, roles))
    problems.push(`the table's roles are ${list(columns)}; roles.yaml has ${list(roles)}`);
  const rows = matrix.rows.map((r) => ticks(cell(r, 0))[0] ?? cell(r, 0));
  if (!same(rows, stages))
    problems.push(`the table's stages are ${list(rows)}; the lifecycle has ${list(stages)}`);

  const key = (stage: string, role: string) => `${stage} × ${role}`;
  const shown = new Map<string, string[]>();
  matrix.rows.forEach((row, r) => {
    columns.forEach((role, c) => {
      const text = cell(row, c + 1);
      const m = RACI_CELL.exec(text);
      if (!m) problems.push(`${key(rows[r] as string, role)}: "${text}" is not a RACI cell`);
      else if (m[1]?.startsWith('A'))
        shown.set(key(rows[r] as string, role), m[2] ? m[2].split(',').map((s) => s.trim()) : TIERS);
    });
  });
  const required = new Map<string, string[]>();
  for (const a of raci.approvals)
    for (const role of a.roles)
      required.set(
        key(a.to, role),
        sorted([...(required.get(key(a.to, role)) ?? []), ...(a.tiers ?? TIERS)]),
      );
  for (const k of sorted([...shown.keys(), ...required.keys()])) {
    const page = shown.get(k) ?? [];
    const registry = required.get(k) ?? [];
    if (!same(page, registry))
      problems.push(
        `${k}: the page has A at ${list(page)}, raci.yaml asks for the role at ${list(registry)}`,
      );
  }

  const changes = all.find((t) => t.header[0] === 'field' && t.header.includes('stages'));
  const changeKey = (field: string, s: string[], r: string[]) => `${field} at ${list(s)} by ${list(r)}`;
  const pageChanges = (changes?.rows ?? []).map((r) =>
    changeKey(ticks(cell(r, 0))[0] as string, ticks(cell(r, 1)), ticks(cell(r, 2))),
  );
  const registryChanges = (raci.changes ?? []).map((c) => changeKey(c.field, c.stages, c.roles));
  for (const c of registryChanges.filter((c) => !pageChanges.includes(c)))
    problems.push(`watched change ${c}: in raci.yaml, not on the page`);
  for (const c of pageChanges.filter((c) => !registryChanges.includes(c)))
    problems.push(`watched change ${c}: on the page, not in raci.yaml`);

  const waivers = all.find((t) => t.header[0] === 'waived rule');
  const pageWaivers = new Map<string, string[]>();
  for (const row of waivers?.rows ?? [])
    pageWaivers.set(ticks(cell(row, 0))[0] ?? 'any soft rule', ticks(cell(row, 1)));
  const registryWaivers = new Map<string, string[]>([
    ['any soft rule', raci.waivers.soft],
    ...Object.entries(raci.waivers.rules ?? {}),
  ]);
  for (const k of sorted([...pageWaivers.keys(), ...registryWaivers.keys()])) {
    if (!same(pageWaivers.get(k) ?? [], registryWaivers.get(k) ?? []))
      problems.push(
        `waiver of ${k}: granted by ${list(pageWaivers.get(k) ?? [])} on the page, ${list(registryWaivers.get(k) ?? [])} in raci.yaml`,
      );
  }
  const days = /at most (\d+) days/.exec(sections(doc).find((s) => s.title === 'Waivers')?.body ?? '')?.[1];
  if (Number(days) !== raci.waivers.maxDays)
    problems.push(`waivers last at most ${days} days on the page, ${raci.waivers.maxDays} in raci.yaml`);

  const repo = all.find((t) => t.header[0]?.startsWith('a pull request that changes'));
  const pageRepo = new Map<string, string[]>();
  for (const row of repo?.rows ?? []) {
    const k = ticks(cell(row, 0)).find((x) => REPOSITORY_KEYS.test(x));
    if (k) pageRepo.set(k, ticks(cell(row, 1)));
  }
  const registryRepo = new Map(
    Object.entries(raci).filter(([k, v]) => REPOSITORY_KEYS.test(k) && Array.isArray(v)) as [
      string,
      string[],
    ][],
  );
  for (const k of sorted([...pageRepo.keys(), ...registryRepo.keys()])) {
    if (!same(pageRepo.get(k) ?? [], registryRepo.get(k) ?? []))
      problems.push(
        `${k}: approved by ${list(pageRepo.get(k) ?? [])} on the page, ${list(registryRepo.get(k) ?? [])} in raci.yaml`,
      );
  }
  return problems;
}

/** docs/templates/risk-tiering-checklist.md against policies/risk-tiering.yaml, both ways. */
export function checkRiskChecklist(doc: string, tiering: Tiering, policyRules: Rule[]): string[] {
  const problems: string[] = [];
  const entries = new Map<string, { tier: string; when: unknown }>();
  for (const [list, tierOf] of [
    [tiering.prohibited ?? [], () => 'prohibited'],
    [tiering.rules, (e: TieringEntry) => e.tier as string],
  ] as const) {
    for (const e of list) {
      if (e.id === undefined) problems.push(`the tiering condition "${e.reason}" has no id to cite`);
      else entries.set(e.id, { tier: tierOf(e), when: e.when });
    }
  }
  const asked = new Set<string>();
  for (const t of tables(doc).filter((t) => t.header.includes('decided by'))) {
    for (const row of t.rows) {
      const decider = cell(row, column(t, 'decided by'));
      const tier = cell(row, column(t, 'if yes'));
      const question = cell(row, column(t, 'question'));
      const id = ticks(decider)[0];
      if (id === undefined) {
        if (decider === 'default' && tier !== tiering.default)
          problems.push(`the default tier is ${tiering.default}, the checklist says ${tier}`);
        continue;
      }
      asked.add(id);
      const entry = entries.get(id);
      if (!entry) {
        problems.push(`${id}: no tiering condition has this id`);
        continue;
      }
      if (tier !== entry.tier) problems.push(`${id}: leads to ${entry.tier}, the checklist says ${tier}`);
      const named = ticks(question).filter((x) => /^(spec|metadata)\./.test(x));
      const read = fieldsRead(entry.when);
      if (!same(named, read))
        problems.push(`${id}: the question names ${list(named)}, the condition reads ${list(read)}`);
    }
  }
  for (const id of entries.keys())
    if (!asked.has(id))
      problems.push(
        `${id}: a condition of the tiering (${entries.get(id)?.tier}) the checklist does not ask`,
      );

  const decides = tables(doc).find((t) => t.header[0] === 'rule' && t.header.includes('level'));
  const page = new Map((decides?.rows ?? []).map((r) => [ticks(cell(r, 0))[0] as string, cell(r, 1)]));
  const policy = new Map(policyRules.map((r) => [r.id, r.level]));
  for (const id of sorted([...page.keys(), ...policy.keys()]))
    if (page.get(id) !== policy.get(id))
      problems.push(
        `${id}: ${page.get(id) ?? 'absent'} on the page, ${policy.get(id) ?? 'absent'} in the policy`,
      );
  return problems;
}

/** docs/templates/reference-architectures.md against the schema's patterns and the rules limited to one. */
export function checkPatterns(doc: string, patterns: string[], rules: Rule[]): string[] {
  const problems: string[] = [];
  const bodies = new Map<string, string>();
  for (const s of sections(doc)) for (const p of ticks(s.title)) bodies.set(p, s.body);
  if (!same(bodies.keys(), patterns))
    problems.push(`the page describes ${list(bodies.keys())}; the schema's patterns are ${list(patterns)}`);
  for (const rule of rules)
    for (const p of rule.appliesTo?.patterns ?? [])
      if (!bodies.get(p)?.includes(`\`${rule.id}\``))
        problems.push(`${rule.id} applies to ${p} only, and its section does not name it`);
  return problems;
}

/** Table columns whose backticked names must be roles. */
const ROLE_COLUMNS = new Set([
  'role',
  'decided by',
  'who',
  'provided by',
  'granted by',
  'approved by',
  'also needs approval by',
  'R',
  'A',
  'C',
  'I',
]);

/** Roles and stages named in the templates' tables exist; the charter lists every role. */
export function checkRolesAndStages(
  doc: string,
  roles: string[],
  stages: string[],
  options: { allRoles?: boolean } = {},
): string[] {
  const problems: string[] = [];
  for (const t of tables(doc)) {
    t.header.forEach((h, i) => {
      const names = t.rows.flatMap((r) => ticks(cell(r, i)));
      if (ROLE_COLUMNS.has(h))
        for (const n of names.filter((n) => !roles.includes(n)))
          problems.push(`${n}: in column "${h}", not a role in roles.yaml`);
      if (h === 'stage it serves' || h === 'stages')
        for (const n of names.filter((n) => !stages.includes(n)))
          problems.push(`${n}: in column "${h}", not a lifecycle stage`);
      if (h === 'provided by')
        t.rows.forEach((r) => {
          if (ticks(cell(r, i)).length === 0) problems.push(`${cell(r, 0)}: provided by no role`);
        });
    });
  }
  if (options.allRoles) {
    const listed =
      tables(doc)
        .find((t) => t.header[0] === 'role')
        ?.rows.map((r) => ticks(cell(r, 0))[0] as string) ?? [];
    if (!same(listed, roles))
      problems.push(`the roles table lists ${list(listed)}; roles.yaml has ${list(roles)}`);
  }
  return problems;
}

/** Each GitHub setting a template's settings table names is one docs/action.md describes, by the same name. */
export function checkSettings(doc: string, actionDoc: string): string[] {
  const plain = (s: string) => s.replace(/[*`]/g, '').replace(/\s+/g, ' ').toLowerCase();
  const described = plain(actionDoc);
  const named = tables(doc)
    .filter((t) => t.header.includes('setting'))
    .flatMap((t) => t.rows.map((r) => cell(r, column(t, 'setting'))));
  if (named.length === 0) return ['the page has no table of GitHub settings'];
  return named
    .filter((s) => !described.includes(plain(s)))
    .map((s) => `"${s}": not a setting docs/action.md describes`);
}

export interface Names {
  root: string;
  commands: string[];
  schema: SchemaFields;
  rules: Map<string, Rule>;
  policyNames: string[];
  /** Backticked values that look like paths and are not (the manifest's apiVersion). */
  notPaths: string[];
}

/** Every `coe` command, repository path, manifest field, rule id and link a template names exists. */
export function checkNames(doc: string, docPath: string, n: Names): string[] {
  const problems: string[] = [];
  const fenced = [...doc.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const code = [...ticks(doc.replace(/```[a-z]*\n[\s\S]*?```/g, '')), ...fenced];
  for (const c of code)
    for (const m of c.matchAll(/(?:^|\s)coe ([a-z][a-z-]*)/gm))
      if (!n.commands.includes(m[1] as string)) problems.push(`coe ${m[1]}: not a command of the coe CLI`);
  for (const t of ticks(doc)) {
    if (/\s/.test(t) || t.startsWith('@') || n.notPaths.includes(t)) continue;
    if (t.includes('/') || /^[\w.-]+\.(md|ya?ml|json|ts|mjs|js)$/.test(t)) {
      const segments = t.replace(/\/$/, '').split('/');
      const cut = segments.findIndex((s) => /[<*]/.test(s));
      const path = (cut < 0 ? segments : segments.slice(0, cut)).join('/');
      if (!existsSync(join(n.root, path))) problems.push(`${t}: no such file or folder in the repository`);
    } else if (/^(spec|metadata)(\.[A-Za-z]+(\[\])?)+$/.test(t)) {
      if (!n.schema.has(t)) problems.push(`${t}: not a field of the manifest schema`);
    } else {
      const rule = /^([a-z0-9-]+)\.[a-z0-9-]+$/.exec(t);
      if (rule && n.policyNames.includes(rule[1] as string) && !n.rules.has(t))
        problems.push(`${t}: not a rule of the policies`);
    }
  }
  for (const target of targets(doc)) {
    if (/^[a-z]+:/.test(target) || target.startsWith('#')) continue;
    const file = resolve(dirname(join(n.root, docPath)), decodeURIComponent(target.replace(/#.*$/, '')));
    if (!existsSync(file)) problems.push(`${target}: the link leads nowhere`);
  }
  return problems;
}

/** The commands main.ts registers, by the name each command module gives its Command. */
export function registeredCommands(root: string): string[] {
  const main = readFileSync(join(root, 'engine/cli/main.ts'), 'utf8');
  // Each command is loaded when named: `check: async () => (await import('./commands/check.ts')).checkCommand`.
  const entries = [
    ...main.matchAll(/^\s+'?([a-z][a-z-]*)'?: async \(\) => \(await import\('([^']+)'\)\)\.(\w+),?$/gm),
  ];
  return entries.map(([, key, from, factory]) => {
    const source = readFileSync(join(root, 'engine/cli', from as string), 'utf8');
    if (!new RegExp(`export function ${factory}\\b`).test(source))
      throw new Error(`${from} has no ${factory}`);
    const name = /new Command\('([a-z][a-z-]*)'\)/.exec(source)?.[1];
    if (name === undefined || name !== key)
      throw new Error(`main.ts lists ${key}, but ${from} creates the command ${name}`);
    return name;
  });
}
