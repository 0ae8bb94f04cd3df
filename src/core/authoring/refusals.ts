/**
 * What authoring refuses before it builds anything, because no user can have
 * meant it: the first refusal that applies, as data, or undefined. Pure.
 */
import { latestStatus } from '../incident/lifecycle.ts';
import { windowProblem } from '../incident/maintenance-window.ts';
import type { Incident, UpdateStatus } from '../incident/schema.ts';
import type { Refusal } from './problems.ts';

export type Command = 'new' | 'maintenance' | 'update' | 'resolve' | 'correct' | 'close' | 'postmortem';

export function refusal(
  command: Command,
  incident: Incident,
  input: { status?: UpdateStatus; at: string },
): Refusal | undefined {
  const id = incident.id;
  if (incident.closed_at && command !== 'correct') return { kind: 'closed', id, closedAt: incident.closed_at };
  const latest = latestStatus(incident);
  if (command === 'resolve') {
    if (incident.type === 'maintenance') return { kind: 'maintenance-not-resolved', id };
    if (latest === 'resolved') return { kind: 'already-resolved', id, recoveredAt: incident.recovered_at };
  }
  if (command === 'update' && input.status) {
    if (input.status === 'resolved' && latest === 'resolved') return { kind: 'resolved-again', id };
    if (input.status === 'completed' && latest === 'completed') return { kind: 'completed-again', id };
    if (incident.type === 'maintenance' && incident.window) {
      const problem = windowProblem(incident.window, input.status, input.at);
      if (problem) return { kind: 'outside-window', id, problem };
    }
  }
  return undefined;
}
