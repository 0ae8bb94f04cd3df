/**
 * Reads the private directory from its file (the path in STATUS_DIRECTORY,
 * looked up by ports-from-env.ts), entry by
 * entry: what is wrong is reported (never an address) and only the
 * recipients concerned go without e-mail. An absent or unreadable file is a
 * problem too, not a refusal of the whole run: GitHub-side actions (tracking
 * issues, breach labels, the dashboard) still happen.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { parseDirectory, type Directory, type ParsedDirectory } from '../core/engine/directory.ts';

export const DIRECTORY_ENV = 'STATUS_DIRECTORY';

/** `path` is STATUS_DIRECTORY's value (undefined or empty when unset); messages name the variable, where the operator sets it. */
export function readDirectory(path: string | undefined): ParsedDirectory {
  const empty: Directory = { customers: {}, staff: {} };
  if (!path)
    return {
      directory: empty,
      problems: [
        `${DIRECTORY_ENV} is not set: it must name the private directory file (customer contacts and staff addresses); no e-mail can be sent`,
      ],
    };
  let data: unknown;
  try {
    data = load(readFileSync(path, 'utf8'));
  } catch (err) {
    return {
      directory: empty,
      problems: [
        `${DIRECTORY_ENV}: cannot read the private directory (${(err as NodeJS.ErrnoException).code ?? 'invalid YAML'}); no e-mail can be sent`,
      ],
    };
  }
  return parseDirectory(data);
}

/** Every address in the directory, for masking in logs. */
export function directorySecrets(directory: Directory): string[] {
  return [
    ...Object.values(directory.customers).flatMap((c) => c.contacts),
    ...Object.values(directory.staff),
    ...(directory.webhooks ?? []).flatMap((w) => [w.url, ...(w.secret ? [w.secret] : [])]),
  ];
}
