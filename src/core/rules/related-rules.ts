/** INC140: `related` links other incidents of one event (concurrent failures kept apart); each id once, never itself. */
import type { FileRule } from './context.ts';

export const relatedIsWellFormed: FileRule = ({ incident }) =>
  (incident.related ?? []).flatMap((id, i, all) =>
    id === incident.id
      ? [{ code: 'INC140', path: ['related', i], message: `related names this incident itself (${id}); list only other incidents` }]
      : all.indexOf(id) !== i
        ? [{ code: 'INC140', path: ['related', i], message: `related names ${id} twice` }]
        : [],
  );
