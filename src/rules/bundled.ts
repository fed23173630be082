/** Where the rules that ship with pressmill are (the package's rules/ folder). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLED_RULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
