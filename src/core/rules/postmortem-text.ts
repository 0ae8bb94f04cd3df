/** The postmortem document the rules INC101–INC103 read: one under review or approved, when the checker was given the documents. */
import { postmortemSections } from '../incident/postmortem-document.ts';
import type { FileRuleContext } from './context.ts';

export interface PostmortemText {
  /** Its repository path (postmortem.document). */
  document: string;
  sections: Map<string, { line: number; body: string }>;
  /** A report's place: a line of the document. */
  at(line: number): { file: string; position: { line: number; column: number } };
}

/** Undefined when there is nothing to read: no documents given, a draft, or a missing document (INC100's finding). */
export function postmortemText({
  incident,
  documents,
}: Pick<FileRuleContext, 'incident' | 'documents'>): PostmortemText | undefined {
  const pm = incident.postmortem;
  if (!documents || !pm || pm.status === 'draft' || !pm.document) return undefined;
  const text = documents.get(pm.document);
  if (text === undefined) return undefined;
  const document = pm.document;
  return {
    document,
    sections: postmortemSections(text),
    at: (line) => ({ file: document, position: { line, column: 1 } }),
  };
}
