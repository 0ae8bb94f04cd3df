/**
 * Shared entry-point wrapper: a UserError prints its message and exits with
 * its code; anything else is a bug, printed with its stack and exit 2.
 * Every entry script has the same shape: `export async function main(switches)`
 * and `if (import.meta.main) await runMain(main);`, so a test can run its main
 * with its own switches (no production code reads a test switch from the environment).
 */
import { PRODUCTION, type Switches } from '../../src/adapters/switches.ts';
import { UserError } from '../../src/core/errors.ts';

export async function runMain(
  main: (switches: Switches) => Promise<number> | number,
  switches: Switches = PRODUCTION,
): Promise<void> {
  try {
    process.exitCode = await main(switches);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(
      `Internal error (a bug, please report it with this output):\n${err instanceof Error ? err.stack : String(err)}\n`,
    );
    process.exitCode = 2;
  }
}
