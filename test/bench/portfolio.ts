// Synthetic portfolios for npm run bench: variations of the shipped samples, and a change to a few.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAGES } from '../../engine/core/manifest/vocabulary.ts';

/** The manifests a bench's change touches (of a generated portfolio of 2,000). */
export const CHANGED = [7, 1234, 1999];

/** Writes `count` manifests under root/usecases, spread over 25 domains. */
export function generatePortfolio(root: string, count: number, samplesDir = 'usecases'): void {
  const samples = readdirSync(samplesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(samplesDir, f), 'utf8'));
  if (samples.length === 0) throw new Error(`no sample manifests in ${samplesDir}`);
  for (let i = 0; i < count; i++) {
    const domain = `domain-${String(i % 25).padStart(2, '0')}`;
    const id = `use-case-${String(i).padStart(6, '0')}`;
    const text = (samples[i % samples.length] as string)
      .replace(/^ {2}id: .*$/m, `  id: ${id}`)
      .replace(/^ {2}domain: .*$/m, `  domain: ${domain}`)
      .replace(/^ {2}title: .*$/m, `  title: Synthetic use case ${i}`);
    mkdirSync(join(root, 'usecases', domain), { recursive: true });
    writeFileSync(join(root, 'usecases', domain, `${id}.yaml`), text);
  }
}

/** Changes the title of the generated manifests numbered `ns` (see generatePortfolio). */
export function retitle(root: string, ns: readonly number[]): void {
  for (const n of ns) {
    const file = manifestPath(root, n);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^ {2}title: .*$/m, `  title: Changed use case ${n}`),
    );
  }
}

/** Moves the generated manifests numbered `ns` on to their next stage (production and retired stay). */
export function advance(root: string, ns: readonly number[]): void {
  for (const n of ns) {
    const file = manifestPath(root, n);
    const text = readFileSync(file, 'utf8');
    const stage = /^ {4}stage: (\w+)$/m.exec(text)?.[1] as (typeof STAGES)[number] | undefined;
    const next =
      stage && !['production', 'retired'].includes(stage) ? STAGES[STAGES.indexOf(stage) + 1] : undefined;
    if (next) writeFileSync(file, text.replace(/^ {4}stage: \w+$/m, `    stage: ${next}`));
  }
}

function manifestPath(root: string, n: number): string {
  return join(
    root,
    'usecases',
    `domain-${String(n % 25).padStart(2, '0')}`,
    `use-case-${String(n).padStart(6, '0')}.yaml`,
  );
}
