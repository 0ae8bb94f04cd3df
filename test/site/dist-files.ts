/** Walks a built site. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function distFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

export function readDist(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
