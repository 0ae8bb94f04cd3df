/**
 * npm run check -- [--base REF [--full]] [--format text|json|github] [--now ISO] [PATH...]
 * Exit 0: no errors; 1: errors found; 2: bad usage or an internal failure.
 */
import { enableCompileCache } from 'node:module';

// Most of a one-file PR check is loading and compiling our TypeScript modules.
// Node's compile cache (keyed by content, so a changed file is never served
// stale; in the OS temp folder, or NODE_COMPILE_CACHE) lets every later run
// skip that. It must be on before the modules load, hence the dynamic imports.
enableCompileCache();
export const { main } = await import('./lib/check-run.ts');
const { runMain } = await import('./lib/run-main.ts');
if (import.meta.main) await runMain(main);
