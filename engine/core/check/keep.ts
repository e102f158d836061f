// What each file leaves behind once it is judged, kept small: a portfolio of 50,000 manifests
// must not hold 50,000 copies of the same rule title, tier or fix. Strings are copied once (a V8
// substring of 13 characters or more would otherwise pin the whole text of the file it came from)
// and shared by every use case that carries the same text; small values that repeat (a tier, a
// stage transition, counts of outcomes) are one frozen object shared by all that have it.

export class Keep {
  private readonly strings = new Map<string, string>();
  private readonly values = new Map<string, unknown>();

  /**
   * The kept copy of `s`: the same string object for the same text, never a view into a file. The
   * same text, so of the same type (a copy of a stage is a stage).
   */
  string<S extends string>(s: S): S;
  string(s: string): string {
    let kept = this.strings.get(s);
    if (kept === undefined) {
      kept = copyString(s);
      this.strings.set(kept, kept);
    }
    return kept;
  }

  /**
   * A deep copy as JSON would make it (keys in order, undefined members left out, numbers that
   * JSON cannot write as null), with every string kept.
   */
  copy<T>(value: T): T {
    return this.walk(value) as T;
  }

  /**
   * One shared, frozen copy per distinct value (compared as JSON), for the small values many use
   * cases repeat. Whoever reads it must not change it (frozen, so trying to throws).
   */
  shared<T>(value: T): T {
    const key = JSON.stringify(value);
    let kept = this.values.get(key);
    if (kept === undefined) {
      kept = deepFreeze(this.walk(value));
      this.values.set(key, kept);
    }
    return kept as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : this.walk(v)));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && typeof v !== 'function') out[this.string(k)] = this.walk(v);
    }
    return out;
  }
}

/** A new string with the same text, not a view into the file it was parsed from. */
export function copyString(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
