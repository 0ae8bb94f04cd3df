/** Puts an intake draft into the fake GitHub directly (branch, file, draft pull request, marker), as `npm run intake -- alert` would leave it. */
import { readFileSync } from 'node:fs';
import { catalog } from '../builders.ts';
import { parseAlertPayload } from '../../src/core/intake/alert-payload.ts';
import { planAlertIntake, type IntakeStep } from '../../src/core/intake/alert-plan.ts';
import { blobSha } from './fake-github-repo.ts';
import type { FakeGitHub } from './fake-github.ts';

export function seedAlertDraft(
  github: FakeGitHub,
  fixture: string,
  now: number,
): { number: number; draft: Extract<IntakeStep, { kind: 'open-draft' }> } {
  const parsed = parseAlertPayload(readFileSync(new URL(`../fixtures/alerts/${fixture}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem);
  const draft = planAlertIntake(parsed.alerts, {
    catalog,
    now,
    candidates: [],
    incidents: [],
    dismissed: [],
  }).steps.find((s) => s.kind === 'open-draft') as Extract<IntakeStep, { kind: 'open-draft' }>;
  github.repo.branches.set(
    draft.branch,
    new Map([
      ...github.repo.branches.get('main')!,
      [draft.path, { content: draft.content, sha: blobSha(draft.content) }],
    ]),
  );
  const number = Math.max(0, ...github.pulls.map((p) => p.number), ...github.issues.map((i) => i.number)) + 1;
  github.pulls.push({
    number,
    head: draft.branch,
    base: 'main',
    draft: true,
    state: 'open',
    title: draft.title,
    body: draft.body,
    reviews: [],
    commitAuthors: [],
    comments: [{ id: 900 + number, body: draft.clock }],
  });
  return { number, draft };
}
