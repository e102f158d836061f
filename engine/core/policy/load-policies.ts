// policies/ → a PolicySet: every policy and registry file validated against its schema, every
// condition checked, every cross-reference resolved. Any problem makes the whole set unusable:
// the gate never judges with half a rulebook.
import type { Event } from 'js-yaml';
import type { Policy, Rule, Tiering } from '../../schema/policy.gen.ts';
import type {
  AssetRegistry,
  ModelRegistry,
  Pack,
  PortfolioSettings,
  Raci,
  Registry,
  RoleRegistry,
  Rubric,
  VendorRegistry,
} from '../../schema/registries.gen.ts';
import { identityKey } from '../approvals/identity.ts';
import { engineChangeRoles, policyChangeRoles, waiverRoles } from '../approvals/raci.ts';
import { NO_TEAMS, type TeamDirectory } from '../approvals/roles.ts';
import type { SourceFile } from '../check/check-manifests.ts';
import { TIER_ORDER } from '../manifest/vocabulary.ts';
import { readSource } from '../not-regular.ts';
import { type Problem, problem } from '../problem.ts';
import { suggest, validateAs } from '../schema/validator.ts';
import { Locator, type Span } from '../yaml/locate.ts';
import { decodeText, parseYaml } from '../yaml/parse.ts';
import { formatPath, type PathSegment } from '../yaml/path.ts';
import { checkForEach, checkLogic, checkManifestField } from './check-logic.ts';
import { prepareLogic } from './logic.ts';
import { checkPacks, type LoadedPack, misplaced, PACK_FILE, PACKS_DIR, packFolder } from './packs.ts';
import { templatePaths } from './template.ts';

export interface LoadedRule extends Rule {
  file: string;
  policy: string;
  /** The pack the rule comes from (policies/packs/<name>/); none for a core rule. */
  pack?: string;
  /** Whether `when` reads the forEach item; if not, it is decided once per use case. */
  whenReadsItem: boolean;
  /** Where the rule's conditions are in its file, to name one that fails as it runs. */
  at: { require: Span & { path: string }; when?: Span & { path: string } };
}

export interface PolicySet {
  rules: LoadedRule[];
  tiering: Tiering;
  registries: {
    models: ModelRegistry['models'];
    /** The vendors models come from, with their contract terms (policies/registries/vendors.yaml). */
    vendors: VendorRegistry['vendors'];
    roles: RoleRegistry['roles'];
    raci: Raci;
    rubric: Rubric['weights'];
    /** Reusable assets (policies/registries/assets.yaml); empty when the repository has none. */
    assets: AssetRegistry['assets'];
  };
  /** coe portfolio's settings (policies/registries/portfolio.yaml), when there are any. */
  portfolio: Omit<PortfolioSettings, 'apiVersion' | 'kind'> | null;
  /** Every pack under policies/packs/, switched on or not (see packs.ts). */
  packs: LoadedPack[];
  /** The files the set was read from, in order. */
  files: string[];
  /** The members of the teams the roles registry names, as read for this judgement (withTeams). */
  teams: TeamDirectory;
}

/** The set with the team members read for this judgement (the policies themselves unchanged). */
export function withTeams(set: PolicySet, teams: TeamDirectory): PolicySet {
  return { ...set, teams };
}

const REGISTRY_KINDS = [
  'ModelRegistry',
  'VendorRegistry',
  'RoleRegistry',
  'Raci',
  'Rubric',
  'AssetRegistry',
  'PortfolioSettings',
  'Packs',
] as const;
const KINDS = ['Policy', ...REGISTRY_KINDS, 'Pack'];

/** The registries every policy set has: kind, the file that holds it by convention, what it is. */
const REQUIRED_REGISTRIES = [
  ['ModelRegistry', 'policies/registries/models.yaml', 'the approved models the rules look up'],
  ['VendorRegistry', 'policies/registries/vendors.yaml', 'the vendors models come from, and their contracts'],
  ['RoleRegistry', 'policies/registries/roles.yaml', 'who holds each role'],
  ['Raci', 'policies/registries/raci.yaml', 'which roles approve what'],
  ['Rubric', 'policies/registries/rubric.yaml', 'the weights of the priority score'],
] as const;
const TIERING_FILE = 'policies/risk-tiering.yaml';

/** What the problems of a policy file that is empty or not a mapping name it. */
const POLICY_DOCUMENT = {
  name: 'a policy file',
  fields: `apiVersion, kind (${KINDS.join(', ')}) and the kind's fields; see docs/policies.md`,
};

interface Parsed {
  file: string;
  text: string;
  events: Event[];
}

/** A policy set loaded, or the problems that kept it from loading. */
export type PolicyLoad = { ok: true; policies: PolicySet } | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /**
   * Which packs' rules are evaluated: those the Packs registry switches on (the default, as coe
   * check and the Action judge), or every pack (coe test and coe coverage, which cover them all).
   */
  packs?: 'enabled' | 'all';
}

export function loadPolicies(sources: Iterable<SourceFile>, options: LoadOptions = {}): PolicyLoad {
  const problems: Problem[] = [];
  const policies: (Policy & Parsed & { pack?: string })[] = [];
  const packFiles: (Pack & Parsed)[] = [];
  const registries = new Map<string, (Registry & Parsed)[]>();
  const files: string[] = [];
  // Whether a file could not be read as what it is: its rules are then unknown.
  let unread = false;
  // The kinds the files have, valid or not; whether a file's kind could not be told.
  const kinds = new Set<unknown>();
  let kindUnknown = false;

  for (const source of sources) {
    files.push(source.file);
    const bytes = readSource(source, problems);
    if (!bytes) {
      kindUnknown = true;
      continue;
    }
    const decoded = decodeText(source.file, bytes);
    if (!decoded.ok) {
      problems.push(...decoded.problems);
      unread = kindUnknown = true;
      continue;
    }
    const parsed = parseYaml(source.file, decoded.text, undefined, POLICY_DOCUMENT);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      // An empty file holds nothing; one that does not parse may hold rules or the kind missing.
      const unknown = parsed.problems.some((p) => p.code !== 'file-empty');
      unread ||= unknown;
      kindUnknown ||= unknown;
      continue;
    }
    const kind = parsed.value.kind;
    kinds.add(kind);
    const at = { file: source.file, text: parsed.text, events: parsed.events };
    const pack = packFolder(source.file);
    if (pack === '') {
      unread = true;
      problems.push(
        misplaced(at, `a pack's files live in its own folder, ${PACKS_DIR}/<name>/; move this file there`),
      );
    } else if (pack !== undefined && (REGISTRY_KINDS as readonly unknown[]).includes(kind)) {
      problems.push(
        misplaced(
          at,
          `a pack's folder holds its ${PACK_FILE} and kind: Policy files; a ${kind as string} belongs in policies/registries/`,
        ),
      );
    } else if (kind === 'Policy') {
      const valid = validateAs<Policy>('policy', source.file, parsed.text, parsed.value, parsed.events);
      if (valid.ok) policies.push({ ...valid.value, ...at, ...(pack === undefined ? {} : { pack }) });
      else {
        problems.push(...valid.problems);
        unread = true;
      }
    } else if (kind === 'Pack') {
      const valid = validateAs<Pack>('registry', source.file, parsed.text, parsed.value, parsed.events);
      if (!valid.ok) {
        problems.push(...valid.problems);
        unread = true;
      } else if (source.file !== `${PACKS_DIR}/${valid.value.name}/${PACK_FILE}`)
        problems.push(
          misplaced(
            at,
            `a Pack named "${valid.value.name}" lives at ${PACKS_DIR}/${valid.value.name}/${PACK_FILE}; move it there or change its name`,
            ['name'],
          ),
        );
      else packFiles.push({ ...valid.value, ...at });
    } else if ((REGISTRY_KINDS as readonly unknown[]).includes(kind)) {
      const valid = validateAs<Registry>('registry', source.file, parsed.text, parsed.value, parsed.events);
      if (!valid.ok) problems.push(...valid.problems);
      else
        registries.set(kind as string, [
          ...(registries.get(kind as string) ?? []),
          { ...valid.value, ...at },
        ]);
    } else {
      kindUnknown = true;
      const hint = typeof kind === 'string' ? suggest(kind, KINDS) : undefined;
      problems.push(
        problem(
          source.file,
          'policy-unknown-kind',
          `kind ${JSON.stringify(kind ?? null)} is not one CoE Gate reads here; use one of ${KINDS.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
          { ...new Locator(parsed.text, parsed.events).span(['kind']), path: 'kind' },
        ),
      );
    }
  }

  const single = <K extends (typeof REGISTRY_KINDS)[number]>(kind: K) => {
    const found = registries.get(kind) ?? [];
    if (found.length > 1) {
      for (const r of found.slice(1)) {
        problems.push(
          problem(
            r.file,
            'policy-set-incomplete',
            `a second ${kind}; the first is ${found[0]?.file}. Keep one.`,
            {
              ...new Locator(r.text, r.events).span(['kind']),
              path: 'kind',
            },
          ),
        );
      }
    }
    return found[0] as (Extract<Registry, { kind: K }> & Parsed) | undefined;
  };
  const models = single('ModelRegistry');
  const vendors = single('VendorRegistry');
  const roles = single('RoleRegistry');
  const raci = single('Raci');
  const rubric = single('Rubric');
  // Optional: a repository without them has no assets to name and the portfolio's defaults.
  const assets = single('AssetRegistry');
  const settings = single('PortfolioSettings');
  const switched = single('Packs');
  const tierings = policies.filter((p) => p.tiering);

  const packs = checkPacks(packFiles, policies, switched, problems);
  const allRules = checkRules(policies, packs, problems);
  const on = new Set(packs.filter((p) => p.enabled).map((p) => p.name));
  // A pack that is off is loaded and checked like the rest, but its rules are not evaluated.
  const rules =
    options.packs === 'all' ? allRules : allRules.filter((r) => r.pack === undefined || on.has(r.pack));
  const roleIds = new Set((roles?.roles ?? []).map((r) => r.id));
  if (roles) checkRoles(roles, roleIds, raci, unread ? null : allRules, problems);
  if (models)
    checkUnique(
      models,
      'models',
      models.models.map((m) => m.id),
      problems,
    );
  if (vendors) {
    checkUnique(
      vendors,
      'vendors',
      vendors.vendors.map((v) => v.id),
      problems,
    );
    checkVendors(vendors, problems);
  }
  if (models && vendors) checkModelVendors(models, vendors, problems);
  if (assets)
    checkUnique(
      assets,
      'assets',
      assets.assets.map((a) => a.id),
      problems,
    );
  if (rubric) {
    const sum = Object.values(rubric.weights).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 0.001) {
      problems.push(
        problem(
          rubric.file,
          'policy-reference',
          `the weights add up to ${+sum.toFixed(3)}; make them add up to 1`,
          {
            ...new Locator(rubric.text, rubric.events).span(['weights'], 'key'),
            path: 'weights',
          },
        ),
      );
    }
  }
  if (tierings.length > 1) {
    for (const p of tierings.slice(1)) {
      problems.push(
        problem(
          p.file,
          'policy-set-incomplete',
          `tiering is also defined in ${tierings[0]?.file}; define it once`,
          {
            ...new Locator(p.text, p.events).span(['tiering'], 'key'),
            path: 'tiering',
          },
        ),
      );
    }
  }
  for (const p of tierings.slice(0, 1)) checkTiering(p, problems);

  // What the set lacks, each named at the file that should hold it (a file that does not exist),
  // as long as every file's kind is known: one that could not be read may be the one missing.
  if (!kindUnknown) {
    for (const [kind, file, what] of REQUIRED_REGISTRIES) {
      if (kinds.has(kind)) continue;
      problems.push(
        problem(
          file,
          'policy-set-incomplete',
          `no ${kind} in the policies (${what}); add ${file} with kind: ${kind} (docs/policies.md)`,
        ),
      );
    }
  }
  if (!tierings.length && !unread) {
    problems.push(
      problem(
        TIERING_FILE,
        'policy-set-incomplete',
        `no policy has a tiering section (how a use case's risk tier is computed); add one to a policy, as in ${TIERING_FILE} (docs/policies.md)`,
      ),
    );
  }
  if (problems.length || !models || !vendors || !roles || !raci || !rubric || !tierings[0])
    return { ok: false, problems };
  return {
    ok: true,
    policies: {
      rules,
      tiering: prepareTiering(tierings[0].tiering as Tiering),
      // Read-only for every use case judged: frozen, so rules can index them (see find).
      registries: deepFreeze({
        models: models.models,
        vendors: vendors.vendors,
        roles: roles.roles,
        raci,
        rubric: rubric.weights,
        assets: assets?.assets ?? [],
      }),
      portfolio: settings
        ? {
            currency: settings.currency,
            loadedHourlyRate: settings.loadedHourlyRate,
            stalledAfterDays: settings.stalledAfterDays,
          }
        : null,
      packs,
      files,
      teams: NO_TEAMS,
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function checkRules(
  policies: (Policy & Parsed & { pack?: string })[],
  packs: readonly LoadedPack[],
  problems: Problem[],
): LoadedRule[] {
  const packByName = new Map(packs.map((p) => [p.name, p]));
  const rules: LoadedRule[] = [];
  const seen = new Map<string, string>();
  for (const p of policies) {
    const locator = new Locator(p.text, p.events);
    p.rules.forEach((rule, i) => {
      const at = (path: PathSegment[], prefer: 'key' | 'value' = 'value') => ({
        ...locator.span(['rules', i, ...path], prefer),
        path: formatPath(['rules', i, ...path]),
      });
      if (!rule.id.startsWith(`${p.metadata.name}.`)) {
        problems.push(
          problem(
            p.file,
            'policy-rule-id',
            `rule id "${rule.id}" must start with the policy name "${p.metadata.name}."`,
            at(['id']),
          ),
        );
      }
      const first = seen.get(rule.id);
      if (first) {
        problems.push(
          problem(
            p.file,
            'policy-duplicate-rule',
            `rule id "${rule.id}" is already used in ${first}; rule ids are unique`,
            at(['id']),
          ),
        );
      } else seen.set(rule.id, p.file);
      const forEachProblem = typeof rule.forEach === 'string' ? checkForEach(rule.forEach) : undefined;
      // What checkLogic needs to know: whether item and index exist (the values of a written list are open).
      const subject = Array.isArray(rule.forEach) ? 'values' : rule.forEach;
      if (forEachProblem)
        problems.push(problem(p.file, 'policy-logic', `forEach: ${forEachProblem}`, at(['forEach'])));
      for (const field of ['when', 'require'] as const) {
        if (rule[field] === undefined) continue;
        for (const issue of checkLogic(rule[field], subject)) {
          problems.push(
            problem(p.file, 'policy-logic', `${field}: ${issue.message}`, at([field, ...issue.at], 'key')),
          );
        }
      }
      for (const [name, logic] of Object.entries(rule.let ?? {})) {
        for (const issue of checkLogic(logic, subject)) {
          problems.push(
            problem(
              p.file,
              'policy-logic',
              `let.${name}: ${issue.message}`,
              at(['let', name, ...issue.at], 'key'),
            ),
          );
        }
      }
      for (const field of ['message', 'remediation', 'path'] as const) {
        for (const path of templatePaths(rule[field] ?? '')) {
          if (path.startsWith('let.')) {
            const name = path.slice(4).split('.')[0] as string;
            if (!Object.hasOwn(rule.let ?? {}, name))
              problems.push(
                problem(
                  p.file,
                  'policy-logic',
                  `${field}: {{${path}}} reads let.${name}, which the rule does not define under let`,
                  at([field]),
                ),
              );
            continue;
          }
          for (const issue of checkLogic({ var: path }, subject)) {
            problems.push(
              problem(p.file, 'policy-logic', `${field}: {{${path}}} ${issue.message}`, at([field])),
            );
          }
        }
      }
      rule.references?.forEach((ref, j) => {
        const pack = packByName.get(ref.framework);
        if (!pack) {
          const hint = suggest(ref.framework, [...packByName.keys()]);
          problems.push(
            problem(
              p.file,
              'policy-reference',
              `no pack "${ref.framework}" under ${PACKS_DIR}/${hint ? `; did you mean "${hint}"?` : ''}`,
              at(['references', j, 'framework']),
            ),
          );
        } else if (!pack.itemIds.has(ref.id)) {
          const hint = suggest(ref.id, [...pack.itemIds]);
          problems.push(
            problem(
              p.file,
              'policy-reference',
              `${pack.file} lists no item "${ref.id}"${hint ? `; did you mean "${hint}"?` : ''}`,
              at(['references', j, 'id']),
            ),
          );
        }
      });
      rules.push({
        ...rule,
        ...(rule.when === undefined ? {} : { when: prepareLogic(rule.when) }),
        require: prepareLogic(rule.require),
        ...(rule.let
          ? { let: Object.fromEntries(Object.entries(rule.let).map(([k, v]) => [k, prepareLogic(v)])) }
          : {}),
        file: p.file,
        policy: p.metadata.name,
        ...(p.pack === undefined ? {} : { pack: p.pack }),
        whenReadsItem: readsItem(rule.when),
        at: {
          require: at(['require'], 'key'),
          ...(rule.when === undefined ? {} : { when: at(['when'], 'key') }),
        },
      });
    });
  }
  return rules;
}

function prepareTiering(tiering: Tiering): Tiering {
  const prepare = <T extends { when: unknown }>(entry: T): T => ({
    ...entry,
    when: prepareLogic(entry.when),
  });
  return {
    ...tiering,
    ...(tiering.prohibited ? { prohibited: tiering.prohibited.map(prepare) } : {}),
    // Highest tier first, as the evaluation expects; the policy's order within a tier is kept.
    rules: tiering.rules.map(prepare).sort((a, b) => TIER_ORDER.indexOf(b.tier) - TIER_ORDER.indexOf(a.tier)),
  };
}

function checkTiering(p: Policy & Parsed, problems: Problem[]): void {
  const locator = new Locator(p.text, p.events);
  const tiering = p.tiering as Tiering;
  const entries: [string, unknown][] = [
    ...(tiering.prohibited ?? []).map((e, i) => [`prohibited.${i}`, e.when] as [string, unknown]),
    ...tiering.rules.map((e, i) => [`rules.${i}`, e.when] as [string, unknown]),
  ];
  // Ids name the conditions in documents and reviews: one id, one condition.
  const seen = new Set<string>();
  for (const list of ['prohibited', 'rules'] as const) {
    (tiering[list] ?? []).forEach((entry: { id?: string }, i: number) => {
      if (entry.id === undefined) return;
      if (seen.has(entry.id)) {
        const path = ['tiering', list, i, 'id'];
        problems.push(
          problem(p.file, 'policy-reference', `id "${entry.id}" appears twice in tiering`, {
            ...locator.span(path),
            path: formatPath(path),
          }),
        );
      }
      seen.add(entry.id);
    });
  }
  for (const [where, logic] of entries) {
    const [list, index] = where.split('.') as [string, string];
    for (const issue of checkLogic(logic)) {
      const path = ['tiering', list, Number(index), 'when', ...issue.at];
      problems.push(
        problem(p.file, 'policy-logic', `when: ${issue.message}`, {
          ...locator.span(path, 'key'),
          path: formatPath(path),
        }),
      );
    }
  }
}

function checkRoles(
  roles: RoleRegistry & Parsed,
  roleIds: Set<string>,
  raci: (Raci & Parsed) | undefined,
  /** Null when a policy file could not be read: which rules exist is then not known. */
  rules: LoadedRule[] | null,
  problems: Problem[],
): void {
  checkUnique(
    roles,
    'roles',
    roles.roles.map((r) => r.id),
    problems,
  );
  const rolesAt = new Locator(roles.text, roles.events);
  const report = (
    file: Parsed,
    locator: Locator,
    path: (string | number)[],
    message: string,
    prefer: 'key' | 'value' = 'value',
  ) =>
    problems.push(
      problem(file.file, 'policy-reference', message, {
        ...locator.span(path, prefer),
        path: formatPath(path),
      }),
    );
  roles.roles.forEach((role, i) => {
    const seen = new Set<string>();
    role.members.forEach((m, j) => {
      const login = identityKey(typeof m === 'string' ? m : 'team' in m ? m.team : m.login);
      if (seen.has(login))
        report(
          roles,
          rolesAt,
          ['roles', i, 'members', j],
          `${login} is listed twice (letter case does not count)`,
        );
      seen.add(login);
    });
    const unknown = role.namedBy ? checkManifestField(role.namedBy) : undefined;
    if (unknown) report(roles, rolesAt, ['roles', i, 'namedBy'], unknown);
  });
  if (!raci) return;
  const locator = new Locator(raci.text, raci.events);
  const check = (role: string, path: (string | number)[]) => {
    if (roleIds.has(role)) return;
    const hint = suggest(role, [...roleIds]);
    report(
      raci,
      locator,
      path,
      `role "${role}" is not in ${roles.file}${hint ? `; did you mean "${hint}"?` : ''}`,
    );
  };
  raci.approvals.forEach((entry, i) => {
    entry.roles.forEach((role, j) => {
      check(role, ['approvals', i, 'roles', j]);
    });
  });
  for (const key of ['policyChanges', 'engineChanges'] as const) {
    const listed = raci[key];
    if (listed)
      listed.forEach((role, i) => {
        check(role, [key, i]);
      });
    else
      for (const role of key === 'policyChanges' ? policyChangeRoles(raci) : engineChangeRoles(raci))
        if (!roleIds.has(role))
          report(
            raci,
            locator,
            ['kind'],
            `${key} is not set and its default role "${role}" is not in ${roles.file}; name the roles`,
          );
  }
  raci.changes?.forEach((entry, i) => {
    entry.roles?.forEach((role, j) => {
      check(role, ['changes', i, 'roles', j]);
    });
    const unknown = checkManifestField(entry.field, true);
    if (unknown) report(raci, locator, ['changes', i, 'field'], unknown);
  });
  raci.imports?.forEach((role, i) => {
    check(role, ['imports', i]);
  });
  raci.waivers?.soft?.forEach((role, i) => {
    check(role, ['waivers', 'soft', i]);
  });
  const byId = new Map((rules ?? []).map((r) => [r.id, r]));
  for (const [id, listed] of Object.entries(raci.waivers?.rules ?? {})) {
    listed.forEach((role, i) => {
      check(role, ['waivers', 'rules', id, i]);
    });
    const rule = byId.get(id);
    if (!rule && rules) {
      const hint = suggest(id, [...byId.keys()]);
      report(
        raci,
        locator,
        ['waivers', 'rules', id],
        `no rule "${id}"${hint ? `; did you mean "${hint}"?` : ''}`,
      );
    } else if (rule && rule.level !== 'soft')
      report(
        raci,
        locator,
        ['waivers', 'rules', id],
        `${id} is ${rule.level}; only soft rules can be waived`,
      );
  }
  // A default is named where it would be written: at waivers: when there is one.
  if (!raci.waivers?.soft)
    for (const role of waiverRoles(raci, ''))
      if (!roleIds.has(role))
        report(
          raci,
          locator,
          raci.waivers ? ['waivers'] : ['kind'],
          `waivers.soft is not set and its default role "${role}" is not in ${roles.file}; name the roles`,
          'key',
        );
}

function checkUnique(file: Parsed, list: string, ids: string[], problems: Problem[]): void {
  const seen = new Set<string>();
  const locator = new Locator(file.text, file.events);
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      const path = [list, i, 'id'];
      problems.push(
        problem(file.file, 'policy-reference', `id "${id}" appears twice in ${list}`, {
          ...locator.span(path),
          path: formatPath(path),
        }),
      );
    }
    seen.add(id);
  });
}

/** A contract whose next review is set before its last one is a slip of the pen: named at the date. */
function checkVendors(file: VendorRegistry & Parsed, problems: Problem[]): void {
  const locator = new Locator(file.text, file.events);
  file.vendors.forEach((v, i) => {
    if (v.contract.nextReview >= v.contract.reviewedOn) return;
    const path = ['vendors', i, 'contract', 'nextReview'];
    problems.push(
      problem(
        file.file,
        'policy-reference',
        `nextReview ${v.contract.nextReview} is before reviewedOn ${v.contract.reviewedOn}; set the date the contract is next due to be checked`,
        { ...locator.span(path), path: formatPath(path) },
      ),
    );
  });
}

/**
 * Every model names a vendor the vendor registry has (at the model's vendor line, with the
 * nearest id), and only a withdrawn model carries a withdrawal date.
 */
function checkModelVendors(
  models: { models: ModelRegistry['models'] } & Parsed,
  vendors: { vendors: VendorRegistry['vendors'] } & Pick<Parsed, 'file'>,
  problems: Problem[],
): void {
  const ids = vendors.vendors.map((v) => v.id);
  problems.push(
    ...modelEntryProblems(models.models, ids, models.file, new Locator(models.text, models.events), {
      registry: vendors.file,
      unknownFix: `add it there with its contract terms, or name one of ${ids.join(', ') || 'none yet'}`,
    }),
  );
}

/**
 * What is wrong with model entries, wherever they are written (the model registry, or a policy
 * test file's own models): a vendor the vendors known there lack, with the nearest id or the fix,
 * and a withdrawal date on a model that is not withdrawn.
 */
export function modelEntryProblems(
  models: readonly ModelRegistry['models'][number][],
  vendorIds: readonly string[],
  file: string,
  locator: Locator,
  where: { registry: string; unknownFix?: string },
): Problem[] {
  const problems: Problem[] = [];
  const at = (path: (string | number)[]) => ({ ...locator.span(path), path: formatPath(path) });
  models.forEach((m, i) => {
    if (!vendorIds.includes(m.vendor)) {
      const hint = suggest(m.vendor, vendorIds);
      const fix = hint ? ` (did you mean "${hint}"?)` : where.unknownFix ? `; ${where.unknownFix}` : '';
      problems.push(
        problem(
          file,
          'policy-reference',
          `vendor "${m.vendor}" is not in ${where.registry}${fix}`,
          at(['models', i, 'vendor']),
        ),
      );
    }
    if (m.withdrawnOn !== undefined && m.status !== 'withdrawn')
      problems.push(
        problem(
          file,
          'policy-reference',
          `withdrawnOn is set but the status is ${m.status}; set status: withdrawn, or remove the date`,
          at(['models', i, 'withdrawnOn']),
        ),
      );
  });
  return problems;
}

/** Whether a condition reads `item` or `index` (the forEach subject) anywhere. */
function readsItem(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.some(readsItem);
  if (logic === null || typeof logic !== 'object') return false;
  return Object.entries(logic).some(([op, args]) => {
    const path = Array.isArray(args) ? args[0] : args;
    if ((op === 'var' || op === 'root' || op === 'present') && typeof path === 'string') {
      if (/^(item|index)(\.|$)/.test(path)) return true;
    }
    return readsItem(args);
  });
}
