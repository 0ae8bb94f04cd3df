/** INC140: `related` links other incidents of one event (concurrent failures kept apart); each id once, never itself, each one real. */
import type { FileRule, RunContext } from './context.ts';
import { defineRule, type LocatedReport } from './rule.ts';

/** In the file itself: each id once, never itself. */
const relatedIsWellFormed: FileRule = ({ incident }) =>
  (incident.related ?? []).flatMap((id, i, all) =>
    id === incident.id
      ? [{ path: ['related', i], message: `related names this incident itself (${id}); list only other incidents` }]
      : all.indexOf(id) !== i
        ? [{ path: ['related', i], message: `related names ${id} twice` }]
        : [],
  );

/** Across files: every id names an incident of the repository (checked in this run or not). */
function unknownRelated({ files, knownIds }: RunContext): LocatedReport[] {
  const known = new Set([...(knownIds ?? []), ...files.flatMap((f) => (f.id ? [f.id] : []))]);
  return files.flatMap((f) =>
    (f.related?.ids ?? []).flatMap((id) =>
      known.has(id) || id === f.id
        ? []
        : [
            {
              file: f.file,
              position: { line: f.related!.line, column: 1 },
              path: ['related'],
              message: `related names ${id}, which is no incident in this repository`,
            },
          ],
    ),
  );
}

export const INC140 = defineRule({
  code: 'INC140',
  severity: 'error',
  docs: {
    en: {
      title: 'Related incident unknown',
      why:
        'Concurrent failures kept as separate incidents are linked so readers see them together; ' +
        'a link to nothing, or to itself, misleads.',
      right:
        'related lists ids of other existing incidents, each once. When two drafts link each other, ' +
        'merge the earlier one first.',
    },
    ja: {
      title: '関連インシデントが見つからない',
      why:
        '同時に起きた障害を別々のインシデントとして記録するときは、' +
        '読み手が合わせて読めるよう互いにリンクします。存在しないものや自分自身へのリンクは誤解を招きます。',
      right:
        'related には、実在するほかのインシデントの ID をそれぞれ一度だけ書きます。' +
        '二つの下書きが互いにリンクしている場合は、先に作られた方を先にマージします。',
    },
    example: 'related:\n  - 2026-11-28-kcps-block-storage-latency',
  },
  check: { file: relatedIsWellFormed, run: unknownRelated },
});
