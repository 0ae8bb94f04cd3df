/**
 * A public-scope incident as it may be published. The type carries a brand
 * that only `publicIncidents` gives, so a page, feed or API view that takes
 * `PublicIncident` cannot be handed a customer-scope incident: the compiler
 * refuses it. Internal notes and customer ids are left out of the value too.
 */
import type { Incident } from './schema.ts';

declare const publicScope: unique symbol;

export type PublicIncident = Omit<Incident, 'scope' | 'internal' | 'customers'> & {
  readonly scope: 'public';
  /** Type-only brand: no value has this property; only the filter below asserts it. */
  readonly [publicScope]: true;
};

/** The one public-scope filter: public incidents only, without their internal notes or customer ids. */
export function publicIncidents(incidents: readonly Incident[]): PublicIncident[] {
  const out: PublicIncident[] = [];
  for (const incident of incidents) {
    if (incident.scope !== 'public') continue;
    const { internal: _internal, customers: _customers, ...published } = incident;
    out.push(published as PublicIncident);
  }
  return out;
}
