/** Which service and components an alert is about: the catalog's intake routes, first match wins. */
import type { IntakeRoute } from '../catalog/intake-schema.ts';
import type { CatalogIndex } from '../catalog/index.ts';
import type { NormalizedAlert } from './alert-payload.ts';
import { untrusted } from './draft-text.ts';

/** "alert <name> (<fingerprint>)" for run logs: the name is sender text, so it is scrubbed like any other. */
export function alertLabel(alert: Pick<NormalizedAlert, 'name' | 'fingerprint'>): string {
  return `alert ${untrusted(alert.name, 80)} (${alert.fingerprint})`;
}

export interface RoutedAlert {
  alert: NormalizedAlert;
  route: IntakeRoute;
  service: string;
  components: string[];
}

export type RouteResult = { ok: true; routed: RoutedAlert } | { ok: false; problem: string };

export function routeAlert(alert: NormalizedAlert, catalog: CatalogIndex): RouteResult {
  const routes = catalog.catalog.intake?.routes ?? [];
  const route = routes.find((r) => Object.entries(r.match).every(([k, v]) => alert.labels[k] === v));
  if (!route) {
    // The line goes to the Actions log, which everyone with read access sees: values only of the labels routes read
    // (service, team, component: what the reader needs to add a route), scrubbed; of the others only their names.
    const routing = new Set(
      routes.flatMap((r) => [...Object.keys(r.match), ...(r.component_label ? [r.component_label] : [])]),
    );
    const shown = Object.entries(alert.labels)
      .slice(0, 8)
      .map(([k, v]) => (routing.has(k) ? `${untrusted(k, 40)}=${JSON.stringify(untrusted(v, 60))}` : untrusted(k, 40)))
      .join(', ');
    return {
      ok: false,
      problem: `${alertLabel(alert)}: no intake route in config/catalog.yaml matches its labels {${shown}}; add one under intake.routes (README, "Intake")`,
    };
  }
  const known = catalog.componentIds(route.service);
  if (route.components)
    return { ok: true, routed: { alert, route, service: route.service, components: route.components } };
  const value = alert.labels[route.component_label!];
  if (value === undefined || !known.includes(value)) {
    const what =
      value === undefined
        ? `has no label ${route.component_label}`
        : `label ${route.component_label}=${JSON.stringify(untrusted(value, 60))} is not a component of ${route.service}`;
    return { ok: false, problem: `${alertLabel(alert)}: ${what}; known components: ${known.join(', ')}` };
  }
  return { ok: true, routed: { alert, route, service: route.service, components: [value] } };
}
