/** Which service and components an alert is about: the catalog's intake routes, first match wins. */
import type { IntakeRoute } from '../catalog/intake-schema.ts';
import type { CatalogIndex } from '../catalog/index.ts';
import type { NormalizedAlert } from './alert-payload.ts';

export interface RoutedAlert {
  alert: NormalizedAlert;
  route: IntakeRoute;
  service: string;
  components: string[];
}

export type RouteResult = { ok: true; routed: RoutedAlert } | { ok: false; problem: string };

export function routeAlert(alert: NormalizedAlert, catalog: CatalogIndex): RouteResult {
  const routes = catalog.catalog.intake?.routes ?? [];
  const shown = Object.entries(alert.labels).slice(0, 8).map(([k, v]) => `${k}=${JSON.stringify(v.slice(0, 60))}`).join(', ');
  const route = routes.find((r) => Object.entries(r.match).every(([k, v]) => alert.labels[k] === v));
  if (!route) {
    return { ok: false, problem: `alert ${alert.name} (${alert.fingerprint}): no intake route in config/catalog.yaml matches its labels {${shown}}; add one under intake.routes (README, "Intake")` };
  }
  const known = catalog.componentIds(route.service);
  if (route.components) return { ok: true, routed: { alert, route, service: route.service, components: route.components } };
  const value = alert.labels[route.component_label!];
  if (value === undefined || !known.includes(value)) {
    const what = value === undefined ? `has no label ${route.component_label}` : `label ${route.component_label}=${JSON.stringify(value.slice(0, 60))} is not a component of ${route.service}`;
    return { ok: false, problem: `alert ${alert.name} (${alert.fingerprint}): ${what}; known components: ${known.join(', ')}` };
  }
  return { ok: true, routed: { alert, route, service: route.service, components: [value] } };
}
