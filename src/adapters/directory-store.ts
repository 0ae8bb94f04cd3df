/** Reads the private directory from the path in STATUS_DIRECTORY. Absent or invalid: a clear error, nothing sent, no address printed. */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { DirectorySchema, directoryProblems, type Directory } from '../core/engine/directory.ts';
import { UserError } from '../core/errors.ts';

export const DIRECTORY_ENV = 'STATUS_DIRECTORY';

export function readDirectory(env: NodeJS.ProcessEnv = process.env): Directory {
  const path = env[DIRECTORY_ENV];
  if (!path) throw new UserError(`${DIRECTORY_ENV} is not set: it must name the private directory file (customer contacts and staff addresses). Nothing was sent.`);
  let data: unknown;
  try {
    data = load(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`${DIRECTORY_ENV}: cannot read the private directory (${(err as NodeJS.ErrnoException).code ?? 'invalid YAML'}). Nothing was sent.`);
  }
  const problems = directoryProblems(data);
  if (problems.length) throw new UserError(`The private directory is invalid; nothing was sent:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return DirectorySchema.parse(data);
}

/** Every address in the directory, for masking in logs. */
export function directorySecrets(directory: Directory): string[] {
  return [...Object.values(directory.customers).flatMap((c) => c.contacts), ...Object.values(directory.staff), ...(directory.webhooks ?? []).flatMap((w) => [w.url, ...(w.secret ? [w.secret] : [])])];
}
