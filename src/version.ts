/** The tool version written to manifests; read from package.json so there is one source. */
import { readFileSync } from 'node:fs';
export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
