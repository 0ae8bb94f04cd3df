/** Postmortem documents are committed and published too: the contact rules (INC042, INC123) also run on them. */
import type { LocatedReport, Report } from './rule.ts';

/** The same guard as incident files, worded for a document. */
export function inDocuments(
  documents: ReadonlyMap<string, string> | undefined,
  scan: (text: string) => Report[],
): LocatedReport[] {
  return [...(documents ?? [])].flatMap(([file, text]) =>
    scan(text).map((r) => ({
      ...r,
      file,
      position: r.position ?? { line: 1, column: 1 },
      message: r.message
        .replace('in the file', 'in the document')
        .replace('in an incident file', 'in a postmortem document'),
    })),
  );
}
