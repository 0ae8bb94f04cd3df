/** Finds and reads incident files on disk. */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../core/check/check-incidents.ts';
import { walkTree } from './tree-walk.ts';
import { UserError } from '../core/errors.ts';
import { incidentIdOf, INCIDENTS_DIR, INCIDENTS_README, isIncidentPath } from '../core/incident/paths.ts';

/** A file under incidents/ that is not read as an incident, and why (INC121 misplaced, INC122 a link). */
export interface StrayFile {
  file: string;
  code: 'INC121' | 'INC122';
  message: string;
}

/** Repository-relative paths of every incident file, sorted. */
export function listIncidentFiles(root: string): string[] {
  return surveyIncidentTree(root).files;
}

/**
 * Every entry under incidents/, accounted for: incident files to check, and
 * everything else that would otherwise be skipped in silence — a misnamed
 * file (.MD, .markdown), a hidden folder, a symbolic link (never followed:
 * it may point outside the repository or nowhere), a special file.
 */
export function surveyIncidentTree(root: string): { files: string[]; strays: StrayFile[] } {
  const files: string[] = [];
  const strays: StrayFile[] = [];
  walkTree(root, INCIDENTS_DIR, ({ path, name, kind }) => {
    if (kind === 'link') {
      strays.push({
        file: path,
        code: 'INC122',
        message: `${path} is a symbolic link (${linkTarget(root, path)}); links are never followed: put the file itself here`,
      });
    } else if (kind === 'folder') {
      if (!name.startsWith('.')) return true;
      strays.push({
        file: `${path}/`,
        code: 'INC121',
        message: `${path}/ is a hidden folder: nothing in it is checked or published; move incidents to incidents/<YYYY>/<id>.md`,
      });
      return false;
    } else if (kind === 'other') {
      strays.push({ file: path, code: 'INC121', message: `${path} is not a regular file` });
    } else if (isIncidentPath(path) || path === INCIDENTS_README || name === '.gitkeep') {
      if (path !== INCIDENTS_README && name !== '.gitkeep') files.push(path);
    } else {
      strays.push({
        file: path,
        code: 'INC121',
        message: `${path} is not read as an incident (${strayReason(name)}); an incident is incidents/<YYYY>/<id>.md`,
      });
    }
    return true;
  });
  return { files: files.sort(), strays: strays.sort((a, b) => a.file.localeCompare(b.file)) };
}

function strayReason(name: string): string {
  if (name.startsWith('.')) return 'a hidden file';
  if (/\.md$/i.test(name) || /\.(markdown|mdown|mkd)$/i.test(name)) return 'the extension must be lowercase ".md"';
  return 'not a Markdown file';
}

function linkTarget(root: string, rel: string): string {
  let target: string;
  try {
    target = readlinkSync(join(root, rel));
  } catch {
    return 'unreadable';
  }
  const abs = resolve(dirname(join(root, rel)), target);
  if (!existsSync(abs)) return 'dangling: its target does not exist';
  const inside = !relative(resolve(root), abs).startsWith('..') && !isAbsolute(relative(resolve(root), abs));
  return inside ? 'pointing inside the repository' : 'pointing outside the repository';
}

/** Normalises user-given paths (absolute or relative to cwd) to repository-relative ones; directories expand; each file once. */
export function resolveIncidentArgs(root: string, args: readonly string[]): string[] {
  // `check a.md a.md` or `check incidents/2026 incidents/2026/a.md` name one file twice: it is one file, not a duplicate id.
  return [
    ...new Set(
      args.flatMap((arg) => {
        const abs = resolve(arg);
        const rel = relative(root, abs).split(sep).join('/');
        if (rel.startsWith('..')) throw new UserError(`${arg}: outside the repository`, 2);
        let isDir = false;
        try {
          if (lstatSync(abs).isSymbolicLink())
            throw new UserError(`${arg}: a symbolic link; incident files are never links (INC122)`, 2);
          isDir = statSync(abs).isDirectory();
        } catch (err) {
          if (err instanceof UserError) throw err;
          throw new UserError(`${arg}: no such file`, 2);
        }
        if (isDir) return listIncidentFiles(root).filter((p) => p === rel || p.startsWith(`${rel}/`) || rel === '');
        if (!isIncidentPath(rel))
          throw new UserError(`${arg}: not an incident file (expected incidents/<YYYY>/<id>.md)`, 2);
        return [rel];
      }),
    ),
  ];
}

export function readSources(root: string, paths: readonly string[]): SourceFile[] {
  return paths.map((file) => ({ file, content: readFileSync(join(root, file)) }));
}

export const POSTMORTEMS_DIR = 'postmortems';

/** Every postmortem document (postmortems/*.md) by repository path. */
export function readPostmortemDocuments(root: string): Map<string, string> {
  return new Map(
    postmortemNames(root).map((n) => [`${POSTMORTEMS_DIR}/${n}`, readFileSync(join(root, POSTMORTEMS_DIR, n), 'utf8')]),
  );
}

/**
 * The same documents, each read when a rule first asks for it: a PR check
 * re-checks a few incidents and needs only the documents they name. Which
 * paths are documents is decided exactly as above, from one listing.
 * Iterating yields only the documents read so far.
 */
export function postmortemDocumentsOnDemand(root: string): ReadonlyMap<string, string> {
  return new DocumentsOnDemand(root, new Set(postmortemNames(root).map((n) => `${POSTMORTEMS_DIR}/${n}`)));
}

class DocumentsOnDemand extends Map<string, string> {
  readonly #root: string;
  readonly #unread: Set<string>;
  constructor(root: string, paths: Set<string>) {
    super();
    this.#root = root;
    this.#unread = paths;
  }
  override get(path: string): string | undefined {
    this.#read(path);
    return super.get(path);
  }
  override has(path: string): boolean {
    this.#read(path);
    return super.has(path);
  }
  #read(path: string): void {
    if (!this.#unread.delete(path)) return;
    super.set(path, readFileSync(join(this.#root, path), 'utf8'));
  }
}

function postmortemNames(root: string): string[] {
  try {
    // Regular files only: a link is never followed (it may point outside the repository or nowhere).
    return readdirSync(join(root, POSTMORTEMS_DIR), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Ids of every incident file in the repository (file stems), for rules that look other incidents up. */
export function knownIncidentIds(root: string): Set<string> {
  return new Set(listIncidentFiles(root).map(incidentIdOf));
}
