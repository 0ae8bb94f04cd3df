/** The embedded sample data covers what the issue promises, and stays valid. */
import { describe, expect, it } from 'vitest';
import { listIncidentFiles, readSources } from '../src/adapters/incident-store.ts';
import { checkIncidents } from '../src/core/check/check-incidents.ts';
import { postmortemReasons, stageOf } from '../src/core/incident/lifecycle.ts';
import type { Incident } from '../src/core/incident/schema.ts';
import { reopenIndexes } from '../src/core/incident/status-machine.ts';
import { clockStart, evaluateSla } from '../src/core/sla/clock.ts';
import { catalog, REPO_ROOT } from './builders.ts';

const NOW = Date.parse('2026-11-28T09:00:00+09:00');
const { findings, files } = checkIncidents(readSources(REPO_ROOT, listIncidentFiles(REPO_ROOT)), { catalog, now: NOW });
const incidents = files.map((f) => f.incident).filter((i): i is Incident => !!i);
const service = (i: Incident) => catalog.service(i.service)!;

describe('sample data', () => {
  it('is valid', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(incidents.length).toBeGreaterThanOrEqual(16);
  });

  it('spans about 18 months across both services, bilingual throughout', () => {
    const dates = incidents.map((i) => i.id.slice(0, 10)).sort();
    expect(dates[0]! <= '2025-06-30').toBe(true);
    expect(new Set(incidents.map((i) => i.service))).toEqual(new Set(['kcps', 'kbi']));
    for (const i of incidents) for (const u of i.updates) expect(u.message.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('covers every type, severity and stage', () => {
    expect(new Set(incidents.map((i) => i.type))).toEqual(
      new Set(['failure', 'vulnerability', 'security', 'maintenance']),
    );
    expect(new Set(incidents.flatMap((i) => (i.severity ? [i.severity] : [])))).toEqual(
      new Set(['sev1', 'sev2', 'sev3', 'sev4']),
    );
    expect(new Set(incidents.map(stageOf))).toEqual(new Set(['open', 'resolved', 'review', 'closed']));
  });

  it('has a past, an ongoing and an upcoming maintenance', () => {
    const windows = incidents
      .filter((i) => i.type === 'maintenance')
      .map((i) => [Date.parse(i.window!.start), Date.parse(i.window!.end)] as const);
    expect(windows.some(([, end]) => end < NOW)).toBe(true);
    expect(windows.some(([start, end]) => start <= NOW && NOW < end)).toBe(true);
    expect(windows.some(([start]) => start > NOW)).toBe(true);
  });

  it('has a customer-scope incident with opaque ids, a reopened one and a breach with an approved postmortem', () => {
    expect(incidents.some((i) => i.scope === 'customer' && i.customers!.every((c) => /^cust-/.test(c)))).toBe(true);
    expect(incidents.some((i) => reopenIndexes(i.updates.map((u) => u.status)).length > 0)).toBe(true);
    const breach = incidents.find((i) => evaluateSla(i, service(i), NOW)?.recover.state === 'missed' && i.recovered_at);
    expect(breach?.postmortem?.status).toBe('approved');
    expect(postmortemReasons(breach!, service(breach!), NOW)).toContain('recovery-target-missed');
  });

  it('has a KBI inquiry that arrived on a Saturday night, whose clock waits for the desk', () => {
    const kbiInquiry = incidents.find(
      (i) =>
        i.service === 'kbi' &&
        i.detection?.source === 'inquiry' &&
        new Date(Date.parse(i.detection.at) + 9 * 3600_000).getUTCDay() === 6,
    );
    expect(kbiInquiry).toBeDefined();
    expect(clockStart(kbiInquiry!, service(kbiInquiry!))?.rule).toBe('desk-opening');
  });
});
