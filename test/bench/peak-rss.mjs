// Preloaded (node --import) into a real `coe` process by the bench: when the process exits, its
// peak resident memory in KiB is written to file descriptor 3, which the bench reads.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(3, String(process.resourceUsage().maxRSS));
});
