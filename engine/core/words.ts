// Counted nouns, for every message and report: "1 use case", "3 use cases", "1,200 files".
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
}
