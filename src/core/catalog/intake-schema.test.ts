import { describe, expect, it } from 'vitest';
import { catalog } from '../../../test/builders.ts';
import { parseCatalog } from './index.ts';

const withRoutes = (routes: unknown[]) => parseCatalog({ ...structuredClone(catalog.catalog), intake: { routes } });
const route = {
  match: { service: 'kcps' },
  service: 'kcps',
  component_label: 'component',
  department: 'cloud-infra-ops',
  responder: 'k-tanaka',
};

describe('catalog intake routes', () => {
  it('the shipped catalog has routes, with defaults filled in', () => {
    expect(catalog.catalog.intake!.group_minutes).toBe(15);
    expect(catalog.catalog.intake!.routes[1]).toMatchObject({ impact: 'partial_outage', severity: 'sev3' });
  });
  it.each([
    [
      'an unknown component',
      { ...route, component_label: undefined, components: ['warp-drive'] },
      'intake.routes[0].components: "warp-drive" is not a component of kcps',
    ],
    [
      'a department not responsible for the service',
      { ...route, department: 'id-service-ops' },
      'intake.routes[0].department: department "id-service-ops" is not responsible for kcps',
    ],
    ['an unknown service', { ...route, service: 'kcpz' }, 'intake.routes[0].service: unknown service "kcpz"'],
    [
      'both components and component_label',
      { ...route, components: ['dns'] },
      'intake.routes[0]: give either components or component_label, not both',
    ],
    ['an empty match', { ...route, match: {} }, 'intake.routes[0].match: name at least one label to match'],
    ['a label name that is not one', { ...route, match: { 'bad-name': 'x' } }, 'intake.routes[0].match.bad-name'],
  ])('refuses %s', (_n, r, problem) => {
    const result = parseCatalog({ ...structuredClone(catalog.catalog), intake: { routes: [r] } });
    expect(result.ok).toBe(false);
    expect(
      (result as { problems: { path: string; message: string }[] }).problems
        .map((p) => `${p.path}: ${p.message}`)
        .join('\n'),
    ).toContain(problem);
  });
  it('a valid extra route passes', () => {
    expect(withRoutes([route]).ok).toBe(true);
  });
});
