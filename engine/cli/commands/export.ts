// coe export omb: the manifests as the US federal AI use-case inventory (CSV), with the data
// dictionary's 36 columns and values. The mapping is engine/core/inventory/omb.ts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { load } from 'js-yaml';
import { COLUMNS, manifestToRow } from '../../core/inventory/omb.ts';
import { USECASES_DIR } from '../../core/manifest/conventions.ts';
import { grouped } from '../../core/words.ts';
import { type CommandIO, rootOption } from '../command-io.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

interface ExportOptions {
  year?: string;
  agency?: string;
  out?: string;
  root?: string;
}

function manifestFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) =>
      e.isDirectory()
        ? manifestFiles(join(dir, e.name))
        : e.name.endsWith('.yaml')
          ? [join(dir, e.name)]
          : [],
    )
    .sort();
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The year a use case belongs to the inventory from: the import's, else the year it was created. */
function yearOf(m: Obj): number | undefined {
  const meta = obj(m.metadata);
  const year = obj(meta.source).year;
  if (typeof year === 'number') return year;
  const created = meta.created instanceof Date ? meta.created.toISOString() : String(meta.created ?? '');
  const y = Number(created.slice(0, 4));
  return Number.isInteger(y) && y > 0 ? y : undefined;
}

export function exportCommand(io: Pick<CommandIO, 'out' | 'setExit'>): Command {
  const command = new Command('export')
    .summary('export the manifests as an inventory (omb: the US federal AI use-case inventory)')
    .description(
      'Write the use cases in a format kept elsewhere. omb: the US federal AI use-case inventory.',
    );
  const omb = new Command('omb')
    .summary('write the US federal AI use-case inventory (CSV) from the manifests')
    .description(
      'Write the federal AI use-case inventory from usecases/: one row per use case, the data dictionary’s ' +
        '36 columns in its order, its values (the short forms of the 2025 file), UTF-8 with a byte-order mark. ' +
        'A TODO is written blank. Imported use cases keep their agency and inventory id. Column by column: ' +
        'docs/federal-inventory.md.',
    )
    .option('--year <year>', 'the inventory year: leave out use cases that came into it later')
    .option('--agency <abbrev>', 'only this agency’s use cases (metadata.source.agency)')
    .option('--out <file>', 'write the CSV to this file instead of stdout')
    .addOption(rootOption())
    .addHelpText('after', '\nExamples:\n  coe export omb --year 2025 --out inventory-2025.csv')
    .action((opts: ExportOptions) => {
      const root = resolveRoot(opts.root);
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year))
        throw new UsageError(`--year ${opts.year}: write the inventory year, e.g. 2025`);
      const manifests: Obj[] = [];
      for (const file of manifestFiles(join(root, USECASES_DIR))) {
        let m: unknown;
        try {
          m = load(readFileSync(file, 'utf8'));
        } catch (error) {
          const mark = (error as { mark?: { line: number; column: number } }).mark;
          throw new UsageError(
            `${relative(root, file)}:${(mark?.line ?? 0) + 1}:${(mark?.column ?? 0) + 1}: not valid YAML; run coe check on it`,
          );
        }
        const manifest = obj(m);
        if (year !== undefined && (yearOf(manifest) ?? 0) > year) continue;
        if (opts.agency !== undefined && obj(obj(manifest.metadata).source).agency !== opts.agency) continue;
        manifests.push(manifest);
      }
      // Imported rows in the inventory's order (year, line), then the rest by id.
      const key = (m: Obj) => {
        const source = obj(obj(m.metadata).source);
        return [
          source.year === undefined ? 1 : 0,
          Number(source.year ?? 0),
          Number(source.line ?? 0),
        ] as const;
      };
      manifests.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return (
          x[0] - y[0] ||
          x[1] - y[1] ||
          x[2] - y[2] ||
          String(obj(a.metadata).id).localeCompare(String(obj(b.metadata).id))
        );
      });
      const csv = stringify(manifests.map(manifestToRow), { header: true, columns: [...COLUMNS], bom: true });
      if (opts.out === undefined) io.out(csv);
      else {
        try {
          writeFileSync(opts.out, csv);
        } catch (error) {
          throw new UsageError(
            `--out ${opts.out}: cannot write there (${(error as { code?: string }).code ?? error})`,
          );
        }
        io.out(`${grouped(manifests.length)} use cases written to ${opts.out}\n`);
      }
    });
  return command.addCommand(omb);
}
