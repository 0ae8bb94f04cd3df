/**
 * Core's authoring problems and refusals in the CLI's words: the flag to
 * pass or the command to run instead, one line each.
 */
import type { AuthoringProblem, Refusal } from '../../src/core/authoring/problems.ts';
import { formatText } from '../../src/core/report/format-text.ts';

export function problemText(p: AuthoringProblem): string {
  switch (p.kind) {
    case 'field-path-invalid':
      return `--field ${p.field}: expected a field path like "detection.at" or "updates[1].message.en"`;
    case 'field-missing':
      return `--field ${p.field}: ${p.id} has no such field`;
    case 'slug-empty':
      return 'cannot make an id: give --slug with lowercase words, e.g. --slug storage-latency';
    case 'department-unknown':
      return `--department ${p.department}: unknown department; see config/catalog.yaml`;
    case 'remote-invalid':
      return `${p.file} on ${p.where} is not valid; fix it through a pull request first (npm run check -- ${p.file})`;
    case 'local-differs':
      return `--push: your ${p.file} differs from ${p.where} (${p.why}); the fast lane carries only this ${p.command}: put that change in a pull request, or restore the file (git checkout ${p.where} -- ${p.file}) and run again`;
    case 'not-live':
      return `--push: this ${p.command} is not only a live update (${p.why}); that goes through a reviewed pull request`;
    case 'rejected':
      return `Not pushed: CI would reject this ${p.command}.\n\n${formatText(p.findings, 1).trimEnd()}`;
  }
}

export function refusalText(r: Refusal): string {
  switch (r.kind) {
    case 'closed':
      return `this incident is closed (closed_at ${r.closedAt}); a closed incident changes only through a correction (correct ${r.id} …)`;
    case 'maintenance-not-resolved':
      return `${r.id} is a maintenance: it is not resolved but completed (update ${r.id} --status completed, once the window has opened)`;
    case 'already-resolved':
      return `${r.id} is already resolved (recovered_at ${r.recoveredAt ?? 'not set'}); to change the recovery time use correct ${r.id} --field recovered_at`;
    case 'resolved-again':
      return `${r.id} is already resolved; to reopen it post --status investigating with --reopen-reason`;
    case 'completed-again':
      return `${r.id} is already completed`;
    case 'outside-window':
      return r.problem;
  }
}
