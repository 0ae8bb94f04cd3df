/**
 * What the authoring CLI refuses before it builds anything, because no user
 * can have meant it. Each returns the first line the user sees, in their
 * terms ("this incident is closed"), or undefined. Pure.
 */
import { latestStatus } from '../incident/lifecycle.ts';
import { windowProblem } from '../incident/maintenance-window.ts';
import type { Incident, UpdateStatus } from '../incident/schema.ts';

export type Command = 'new' | 'maintenance' | 'update' | 'resolve' | 'correct' | 'close' | 'postmortem';

export function refusal(command: Command, incident: Incident, input: { status?: UpdateStatus; at: string }): string | undefined {
  if (incident.closed_at && command !== 'correct') {
    return `this incident is closed (closed_at ${incident.closed_at}); a closed incident changes only through a correction (correct ${incident.id} …)`;
  }
  const latest = latestStatus(incident);
  if (command === 'resolve') {
    if (incident.type === 'maintenance') return `${incident.id} is a maintenance: it is not resolved but completed (update ${incident.id} --status completed, once the window has opened)`;
    if (latest === 'resolved') return `${incident.id} is already resolved (recovered_at ${incident.recovered_at ?? 'not set'}); to change the recovery time use correct ${incident.id} --field recovered_at`;
  }
  if (command === 'update' && input.status) {
    if (input.status === 'resolved' && latest === 'resolved') return `${incident.id} is already resolved; to reopen it post --status investigating with --reopen-reason`;
    if (input.status === 'completed' && latest === 'completed') return `${incident.id} is already completed`;
    if (incident.type === 'maintenance' && incident.window) return windowProblem(incident.window, input.status, input.at);
  }
  return undefined;
}
