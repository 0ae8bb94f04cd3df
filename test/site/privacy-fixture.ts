/**
 * A repository for the site tests: the sample incidents plus incidents
 * carrying unique marker strings in every place that must never be
 * published (customer-scope incidents, customer ids, internal notes, bodies).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../builders.ts';
import { HOSTILE_MESSAGES } from '../fixtures/hostile-messages.ts';

export const MARKERS = {
  customerTitle: 'PRIVACY-MARKER-CUSTOMER-TITLE-7Q2',
  customerMessage: 'PRIVACY-MARKER-CUSTOMER-MESSAGE-8W4',
  customerActions: 'PRIVACY-MARKER-CUSTOMER-ACTIONS-1Z9',
  customerId: 'cust-zz9marker',
  internalNote: 'PRIVACY-MARKER-INTERNAL-NOTE-3K5',
  body: 'PRIVACY-MARKER-BODY-5T6',
  customerMaintenance: 'PRIVACY-MARKER-CUSTOMER-MAINT-4R1',
} as const;

/** Customer-scope incidents of the fixture repository: their ids are published nowhere, not even as a related link. */
export const CUSTOMER_SCOPE_IDS = [
  '2026-11-25-kcps-privacy-customer-outage',
  '2026-12-01-kcps-privacy-customer-maintenance',
  '2026-07-02-kcps-customer-key-exposure',
  '2025-11-04-kcps-instance-stop-host-failure',
];

/** Staff logins must not be published either: the public needs no names. */
export const STAFF_LOGINS = ['k-tanaka', 't-sato', 'h-ogawa', 'y-watanabe', 'r-yamamoto', 'n-suzuki'];

export function writeFixtureRepo(dir: string): void {
  cpSync(join(REPO_ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  cpSync(join(REPO_ROOT, 'config'), join(dir, 'config'), { recursive: true });
  // The ledger names customer-scope incidents; the site reads it, and must still publish none of them.
  cpSync(join(REPO_ROOT, 'ledger'), join(dir, 'ledger'), { recursive: true });
  mkdirSync(join(dir, 'incidents/2026'), { recursive: true });
  writeFileSync(
    join(dir, 'incidents/2026/2026-11-25-kcps-privacy-customer-outage.md'),
    `---
id: 2026-11-25-kcps-privacy-customer-outage
title: { ja: "${MARKERS.customerTitle} 顧客", en: "${MARKERS.customerTitle}" }
service: kcps
type: failure
severity: sev2
scope: customer
customers: [${MARKERS.customerId}, cust-4f2a91]
components: [{ id: virtual-servers, status: major_outage }]
detection: { source: monitoring, at: "2026-11-25T10:00:00+09:00" }
department: cloud-infra-ops
manager: t-sato
responder: k-tanaka
updates:
  - at: "2026-11-25T10:10:00+09:00"
    status: investigating
    message: { ja: "${MARKERS.customerMessage} ja", en: "${MARKERS.customerMessage}" }
customer_actions: { ja: "${MARKERS.customerActions} ja", en: "${MARKERS.customerActions}" }
related: [2026-11-24-kcps-privacy-public-notes]
internal: { notes: "${MARKERS.internalNote} customer" }
---
${MARKERS.body} customer narrative.
`,
  );
  writeFileSync(
    join(dir, 'incidents/2026/2026-12-01-kcps-privacy-customer-maintenance.md'),
    `---
id: 2026-12-01-kcps-privacy-customer-maintenance
title: { ja: "${MARKERS.customerMaintenance}", en: "${MARKERS.customerMaintenance}" }
service: kcps
type: maintenance
scope: customer
customers: [${MARKERS.customerId}]
components: [{ id: bare-metal, status: under_maintenance }]
window: { start: "2026-12-01T01:00:00+09:00", end: "2026-12-01T03:00:00+09:00" }
department: cloud-infra-ops
manager: t-sato
responder: k-tanaka
updates:
  - at: "2026-11-20T10:00:00+09:00"
    status: scheduled
    message: { ja: "${MARKERS.customerMaintenance} ja", en: "${MARKERS.customerMaintenance} en" }
---
`,
  );
  // A public incident with an internal note and a body: both must stay out of the site. It is related to the
  // customer-scope outage above (which links back) and to a public one: only the public link may be published.
  writeFileSync(
    join(dir, 'incidents/2026/2026-11-24-kcps-privacy-public-notes.md'),
    `---
id: 2026-11-24-kcps-privacy-public-notes
title: { ja: DNS の応答遅延, en: Slow DNS responses }
service: kcps
type: failure
severity: sev4
scope: public
components: [{ id: dns, status: degraded_performance }]
detection: { source: monitoring, at: "2026-11-24T10:00:00+09:00" }
department: network-ops
manager: k-nakamura
responder: d-ito
updates:
  - at: "2026-11-24T10:10:00+09:00"
    status: investigating
    message: { ja: DNS の応答が遅くなっています。, en: DNS responses are slow. }
  - at: "2026-11-24T10:40:00+09:00"
    status: resolved
    message: { ja: 解消しました。, en: Resolved. }
recovered_at: "2026-11-24T10:35:00+09:00"
related: [${CUSTOMER_SCOPE_IDS[0]}, 2026-11-23-kcps-hostile-message-text]
internal: { notes: "${MARKERS.internalNote} public" }
---
${MARKERS.body} public narrative.
`,
  );
  // A public incident whose message looks like markup and feed structure: every output must carry it as text.
  writeFileSync(
    join(dir, 'incidents/2026/2026-11-23-kcps-hostile-message-text.md'),
    `---
id: 2026-11-23-kcps-hostile-message-text
title: { ja: "DNS の名前解決エラー <b>", en: "DNS resolution errors & <b>" }
service: kcps
type: failure
severity: sev4
scope: public
components: [{ id: dns, status: degraded_performance }]
detection: { source: monitoring, at: "2026-11-23T10:00:00+09:00" }
department: network-ops
manager: k-nakamura
responder: d-ito
updates:
  - at: "2026-11-23T10:10:00+09:00"
    status: investigating
    message: ${JSON.stringify(HOSTILE_MESSAGES)}
  - at: "2026-11-23T10:40:00+09:00"
    status: resolved
    message: { ja: 解消しました。, en: Resolved. }
recovered_at: "2026-11-23T10:35:00+09:00"
---
`,
  );
}
