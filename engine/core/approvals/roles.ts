// Who holds which role, for which use case: the one answer to "may this login approve as this
// role here?", asked by the pull-request gate, the lifecycle rules, waivers and `coe explain`.
// Logins compare without regard to letter case, as GitHub's do. A role can be held for some
// domains only, and a role can be named per use case (metadata.champion): then only the person
// the use case names fills it, and only if they hold it for the use case's domain.
import type { UseCase } from '../manifest/usecase.gen.ts';
import type { RoleRegistry } from '../policy/registries.gen.ts';
import { read } from '../read-path.ts';

/** The use case a role is asked for; none for the repository's own changes (policies, the engine). */
export type RoleScope = UseCase | null;

type RoleDefinition = RoleRegistry['roles'][number];

interface Holder {
  /** As the registry writes it, for display. */
  login: string;
  key: string;
  /** Null: holds the role for every domain. */
  domains: readonly string[] | null;
}

interface Role {
  holders: Holder[];
  namedBy: string | undefined;
}

export const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class RoleBook {
  private readonly roles = new Map<string, Role>();

  constructor(definitions: readonly RoleDefinition[]) {
    for (const d of definitions) {
      this.roles.set(d.id, {
        namedBy: d.namedBy,
        holders: d.members.map((m) =>
          typeof m === 'string'
            ? { login: m, key: m.toLowerCase(), domains: null }
            : { login: m.login, key: m.login.toLowerCase(), domains: m.domains },
        ),
      });
    }
  }

  /** Whether `login` may fill `role` for the use case (or, without one, for the repository). */
  holds(login: string, role: string, scope: RoleScope): boolean {
    return this.refusal(login, role, scope) === undefined;
  }

  /** Why `login` may not fill `role` here, in words; undefined when they may. */
  refusal(login: string, role: string, scope: RoleScope): string | undefined {
    const r = this.roles.get(role);
    const holder = r?.holders.find((h) => h.key === login.toLowerCase());
    if (!r || !holder) return `${login} does not hold the ${role} role`;
    if (!coversScope(holder, scope)) {
      return scope
        ? `${login} holds the ${role} role for ${holder.domains?.join(', ')} only, not ${scope.metadata.domain}`
        : `${login} holds the ${role} role for ${holder.domains?.join(', ')} only, not for the repository as a whole`;
    }
    const named = scope ? namedPerson(r, scope) : undefined;
    if (named && !sameLogin(named, login))
      return `${scope?.metadata.id} names @${named} in ${r.namedBy}; only they fill the ${role} role for it`;
    return undefined;
  }

  /** Who may fill `role` here: the holders for the scope, or the one person the use case names. */
  holders(role: string, scope: RoleScope): string[] {
    const r = this.roles.get(role);
    if (!r) return [];
    const eligible = r.holders.filter((h) => coversScope(h, scope));
    const named = scope ? namedPerson(r, scope) : undefined;
    return (named ? eligible.filter((h) => h.key === named.toLowerCase()) : eligible).map((h) => h.login);
  }

  /** The roles `login` holds for some use case or other (does a request for changes come from a role holder?). */
  rolesHeld(login: string): string[] {
    const key = login.toLowerCase();
    return [...this.roles].filter(([, r]) => r.holders.some((h) => h.key === key)).map(([id]) => id);
  }
}

function coversScope(holder: Holder, scope: RoleScope): boolean {
  if (holder.domains === null) return true;
  return scope !== null && holder.domains.includes(scope.metadata.domain);
}

/** The person (not a team) a use case names for a role, from the role's namedBy field. */
function namedPerson(role: Role, manifest: UseCase): string | undefined {
  if (!role.namedBy) return undefined;
  const value = read(manifest, role.namedBy);
  // "@login" names a person; "@org/team" a team, whose members GitHub's token cannot list.
  return typeof value === 'string' && /^@[^/]+$/.test(value) ? value.slice(1) : undefined;
}

// One book per registry, built once: the registries are frozen when the policies load.
const books = new WeakMap<readonly RoleDefinition[], RoleBook>();

export function roleBook(roles: readonly RoleDefinition[]): RoleBook {
  let book = books.get(roles);
  if (!book) {
    book = new RoleBook(roles);
    books.set(roles, book);
  }
  return book;
}
