// Counted nouns, for every message and report: "1 use case", "3 use cases", "1,200 files".
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${grouped(n)} ${n === 1 ? word : many}`;
}

/**
 * A number as toLocaleString('en') writes it (1,200), whole ones without Intl: its first use loads
 * ICU's number formatting, some 30 ms of every `coe check` that prints a count.
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || Object.is(n, -0)) return n.toLocaleString('en');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
