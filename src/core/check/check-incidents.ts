/**
 * The checker: sources (and optionally their base versions) in, located
 * findings out. Pure; the CLI, CI and the authoring CLI all call this.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { compareFindings, type Finding, type RawFinding } from '../findings.ts';
import { createLocator, type Locator } from '../frontmatter/locate.ts';
import type { ParsedSource } from '../frontmatter/parse-source.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { Incident } from '../incident/schema.ts';
import { ruleDoc, rulesAt, ruleUrl } from '../rules/registry.ts';
import type { Report } from '../rules/rule.ts';
import { incidentOrUndefined, parseIncident } from './parse-incident.ts';

export interface SourceFile {
  /** Path relative to the repository root, forward slashes. */
  file: string;
  content: Uint8Array | string;
}

/** The base version of the tree, for lifecycle rules. Only changed files are needed. */
export interface BaseSnapshot {
  /** Base content of head files that existed at the base under the same path. */
  files: ReadonlyMap<string, Uint8Array | string>;
  /** Incident files present at the base and gone now. */
  deleted: readonly string[];
  /** Incident files moved: base path → head path. */
  renamed: readonly { from: string; to: string }[];
  /** Ledger files modified, renamed or deleted since the base (the ledger only grows by new files). */
  ledgerChanged?: readonly { file: string; change: 'modified' | 'deleted' | 'renamed' }[];
  /** Files added under ledger/ since the base, with their content: only well-formed ledger files may be added. */
  ledgerAdded?: readonly { file: string; text: string }[];
  /** Base content of postmortem documents changed, deleted or renamed since the base (approved ones are frozen). */
  documents?: ReadonlyMap<string, Uint8Array | string>;
  /** Incident files added, modified or renamed since the base, untracked ones included: what a PR check parses. */
  changed?: readonly string[];
  /** Postmortem documents added, modified, deleted or renamed since the base (the incidents naming them are re-checked). */
  documentsChanged?: readonly string[];
  /**
   * Incident files that may name one of `documentsChanged` as their
   * postmortem.document (a cheap superset, from a text search): a PR check
   * re-checks them with the document.
   */
  documentIncidents?: readonly string[];
  /** Modified, renamed or deleted ledger files, before and after (empty when absent): the incidents their changed lines name are re-checked. */
  ledgerEdits?: readonly { file: string; before: string; after: string }[];
  /** Paths that judge every incident (the catalog, the checker's code) changed since the base: every file must be re-checked. */
  checkerChanged?: readonly string[];
}

export interface CheckOptions {
  catalog: CatalogIndex;
  /** Epoch ms. */
  now: number;
  base?: BaseSnapshot;
  /** Postmortem documents by path (postmortems/<id>.md); document rules are skipped without them. */
  documents?: ReadonlyMap<string, string>;
  /** The documents the rules across files scan (for addresses and phone numbers): a PR check's changed ones; default every one in `documents`. */
  scanDocuments?: readonly string[];
  /** The SLA engine's ledger: with it, a missed notification target (or any breach raised) requires a postmortem too. */
  ledger?: Ledger;
  /** Every incident id in the repository, when only some files are checked (INC140 looks up `related` in it). */
  knownIds?: ReadonlySet<string>;
  /**
   * Incident files not re-checked in this run (unchanged since the base), with
   * their ids from the file name: the duplicate-id rule still sees them.
   */
  unchecked?: readonly string[];
  /** Entries under incidents/ (or ledger/) that are not incident (ledger) files: misplaced files, links, reported as they are. */
  strays?: readonly { file: string; code: 'INC121' | 'INC122' | 'INC131'; message: string }[];
}

export interface CheckedFile {
  file: string;
  /** The incident's id when it parsed (always set when `incident` is). */
  id?: string;
  incident?: Incident;
  findings: Finding[];
  /** `related` ids and the line they are on, for the across-files rule INC140 (travels back from worker threads). */
  related?: { ids: string[]; line: number };
}

// Each stage's rules, in catalog order (the order findings of one code are reported in; the output is sorted).
const SOURCE_RULES = rulesAt('source');
const FILE_RULES = rulesAt('file');
const BASE_RULES = rulesAt('base');
const BASE_DOCUMENT_RULES = rulesAt('baseDocuments');
const RUN_RULES = rulesAt('run');

/** A rule's reports under its code. */
const under = (code: RawFinding['code'], reports: readonly Report[]): RawFinding[] =>
  reports.map((r) => ({ ...r, code }));

/** Checks one file on its own (and against its base version, if given). */
export function checkFile(source: SourceFile, options: CheckOptions, baseContent?: Uint8Array | string): CheckedFile {
  const parsed = parseIncident(source.file, source.content);
  if (!parsed.source) {
    const f = parsed.ok ? undefined : parsed.findings[0]!;
    return {
      file: source.file,
      findings: f ? [make(source.file, f.position?.line ?? 1, f.position?.column ?? 1, f, options)] : [],
    };
  }
  const src = parsed.source;
  const raw: RawFinding[] = [];
  for (const rule of SOURCE_RULES) raw.push(...under(rule.code, rule.check(src)));
  const incident = parsed.ok ? parsed.incident : parsed.salvaged;
  if (!parsed.ok) raw.push(...parsed.findings);
  if (incident) {
    const ctx = {
      incident,
      file: src.file,
      text: src.text,
      catalog: options.catalog,
      now: options.now,
      documents: options.documents,
      ledger: options.ledger,
    };
    for (const rule of FILE_RULES) raw.push(...under(rule.code, rule.check(ctx)));
    if (baseContent !== undefined) raw.push(...baseFindings(source.file, baseContent, incident));
    if (options.base?.documents?.size && options.documents)
      raw.push(...frozenFindings(source.file, baseContent, incident, options.base.documents, options.documents));
  }
  const related = incident?.related?.length
    ? { ids: incident.related, line: createLocator(src)(['related']).line }
    : undefined;
  return {
    file: source.file,
    id: incident?.id,
    incident,
    findings: locateAll(src, raw, options).sort(compareFindings),
    ...(related ? { related } : {}),
  };
}

function baseFindings(file: string, content: Uint8Array | string, head: Incident): RawFinding[] {
  // A base that was itself invalid cannot anchor append-only rules; its own errors were reported when it merged.
  const base = incidentOrUndefined(file, content);
  return base ? BASE_RULES.flatMap((rule) => under(rule.code, rule.check(base, head))) : [];
}

/** An incident file unchanged since the base is its own base version: its approval is the base's. */
function frozenFindings(
  file: string,
  content: Uint8Array | string | undefined,
  head: Incident,
  baseDocuments: ReadonlyMap<string, Uint8Array | string>,
  documents: ReadonlyMap<string, string>,
): RawFinding[] {
  const base = content === undefined ? head : incidentOrUndefined(file, content);
  return base
    ? BASE_DOCUMENT_RULES.flatMap((rule) => under(rule.code, rule.check(base, head, baseDocuments, documents)))
    : [];
}

export function checkIncidents(
  sources: readonly SourceFile[],
  options: CheckOptions,
): { findings: Finding[]; files: CheckedFile[] } {
  const files = sources.map((s) => checkFile(s, options, options.base?.files.get(s.file)));
  return { findings: finishCheck(files, options), files };
}

/** The rules across files, on files already checked one by one (possibly in parallel). */
export function finishCheck(files: readonly CheckedFile[], options: CheckOptions): Finding[] {
  const findings = files.flatMap((f) => f.findings);
  // The cross-file rules scan the documents for contacts: a PR check gives them only those changed since the base.
  const run = { ...options, files, documents: scanned(options) };
  for (const rule of RUN_RULES) {
    for (const r of rule.check(run))
      findings.push(make(r.file, r.position.line, r.position.column, { ...r, code: rule.code }, options));
  }
  return findings.sort(compareFindings);
}

function scanned({ documents, scanDocuments }: CheckOptions): ReadonlyMap<string, string> | undefined {
  if (!documents || !scanDocuments) return documents;
  return new Map(scanDocuments.flatMap((file) => (documents.has(file) ? [[file, documents.get(file)!] as const] : [])));
}

function locateAll(src: ParsedSource, raw: readonly RawFinding[], options: CheckOptions): Finding[] {
  let locator: Locator | undefined;
  return raw.map((r) => {
    if (r.position) return make(r.file ?? src.file, r.position.line, r.position.column, r, options);
    locator ??= createLocator(src);
    const { line, column } = locator(r.path);
    return make(src.file, line, column, r, options);
  });
}

function make(file: string, line: number, column: number, r: RawFinding, options: CheckOptions): Finding {
  const doc = ruleDoc(r.code);
  return {
    file,
    line,
    column,
    code: r.code,
    severity: r.severity ?? doc.severity,
    message: r.message,
    hint: `${doc.right} See ${ruleUrl(options.catalog.catalog.site.url, r.code)}`,
  };
}
