// The floor of npm run bench: what any tool that reads a portfolio must do, as a plain Node process
// (no flags, no compile cache, no TypeScript): list usecases/ under the folder it is given, read
// every .yaml file and parse it with js-yaml. Prints how many files it parsed.
//
//   node test/bench/floor.mjs <root>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const dir = join(process.argv[2] ?? '.', 'usecases');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
for (const file of files) load(readFileSync(join(dir, file), 'utf8'));
process.stdout.write(`${files.length}\n`);
