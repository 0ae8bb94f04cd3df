/**
 * Every checker rule, in the order of the rule catalog on the knowledge site.
 * The catalog (registry.ts), the checker's stages and the knowledge pages are
 * all derived from this list. A new rule is a module incNNN-<name>.ts (its
 * code, severity, texts in both languages and its check), one line here, and
 * its bad case in test/rule-cases.ts (the golden test).
 */
import { INC001 } from './inc001-unreadable-file.ts';
import { INC002 } from './inc002-no-front-matter.ts';
import { INC003 } from './inc003-yaml-syntax-error.ts';
import { INC004 } from './inc004-missing-field.ts';
import { INC005 } from './inc005-invalid-value.ts';
import { INC006 } from './inc006-unknown-field.ts';
import { INC007 } from './inc007-datetime-without-offset.ts';
import { INC008 } from './inc008-id-matches-file-name.ts';
import { INC009 } from './inc009-file-in-year-folder.ts';
import { INC010 } from './inc010-id-date-matches-start.ts';
import { INC020 } from './inc020-known-service.ts';
import { INC021 } from './inc021-known-components.ts';
import { INC022 } from './inc022-known-department.ts';
import { INC023 } from './inc023-manager-of-department.ts';
import { INC030 } from './inc030-updates-in-time-order.ts';
import { INC031 } from './inc031-status-moves-allowed.ts';
import { INC032 } from './inc032-reopen-has-reason.ts';
import { INC033 } from './inc033-detection-before-first-update.ts';
import { INC034 } from './inc034-no-future-timestamps.ts';
import { INC035 } from './inc035-recovery-fits-timeline.ts';
import { INC036 } from './inc036-closure-after-everything.ts';
import { INC040 } from './inc040-customer-scope-names-customers.ts';
import { INC041 } from './inc041-public-scope-names-no-customers.ts';
import { INC042 } from './inc042-no-email-addresses.ts';
import { INC050 } from './inc050-maintenance-fields.ts';
import { INC051 } from './inc051-incident-fields.ts';
import { INC060 } from './inc060-closed-only-when-complete.ts';
import { INC061 } from './inc061-postmortem-approval-complete.ts';
import { INC062 } from './inc062-prevention-not-overdue.ts';
import { INC063 } from './inc063-risk-accepted-has-owner.ts';
import { INC064 } from './inc064-postmortem-when-required.ts';
import { INC070 } from './inc070-corrections-apply.ts';
import { INC080 } from './inc080-unique-ids.ts';
import { INC100 } from './inc100-postmortem-document-exists.ts';
import { INC101 } from './inc101-postmortem-sections-present.ts';
import { INC102 } from './inc102-postmortem-sections-written.ts';
import { INC103 } from './inc103-breach-reason-given.ts';
import { INC104 } from './inc104-next-update-after-its-update.ts';
import { INC110 } from './inc110-approval-not-corrected.ts';
import { INC111 } from './inc111-approved-postmortem-frozen.ts';
import { INC112 } from './inc112-approvers-fill-roles.ts';
import { INC113 } from './inc113-approval-after-resolution.ts';
import { INC090 } from './inc090-incident-files-never-deleted.ts';
import { INC091 } from './inc091-incident-files-never-renamed.ts';
import { INC092 } from './inc092-fixed-fields-unchanged.ts';
import { INC093 } from './inc093-updates-append-only.ts';
import { INC094 } from './inc094-corrections-append-only.ts';
import { INC095 } from './inc095-closed-incident-unchanged.ts';
import { INC096 } from './inc096-ledger-append-only.ts';
import { INC120 } from './inc120-yaml-feature-not-allowed.ts';
import { INC121 } from './inc121-misplaced-incident-file.ts';
import { INC122 } from './inc122-no-symbolic-links.ts';
import { INC123 } from './inc123-no-obfuscated-contacts.ts';
import { INC124 } from './inc124-maintenance-statuses-in-window.ts';
import { INC125 } from './inc125-no-incident-fields-on-maintenance.ts';
import { INC126 } from './inc126-decisive-facts-corrected.ts';
import { INC127 } from './inc127-reopen-reason-only-on-reopen.ts';
import { INC128 } from './inc128-no-comment-cutting-values.ts';
import { INC129 } from './inc129-no-invisible-characters.ts';
import { INC130 } from './inc130-no-broken-characters.ts';
import { INC131 } from './inc131-misplaced-ledger-file.ts';
import { INC140 } from './inc140-related-incidents-exist.ts';

export const ALL_RULES = [
  // reading the file
  INC001,
  INC002,
  INC003,
  INC004,
  INC005,
  INC006,
  INC007,
  // identity and place
  INC008,
  INC009,
  INC010,
  // the catalog
  INC020,
  INC021,
  INC022,
  INC023,
  // the timeline
  INC030,
  INC031,
  INC032,
  INC033,
  INC034,
  INC035,
  INC036,
  // scope and privacy
  INC040,
  INC041,
  INC042,
  // type-specific
  INC050,
  INC051,
  // closure
  INC060,
  INC061,
  INC062,
  INC063,
  INC064,
  // corrections
  INC070,
  // across files
  INC080,
  // postmortem documents
  INC100,
  INC101,
  INC102,
  INC103,
  // customer notices
  INC104,
  // approvals are facts
  INC110,
  INC111,
  INC112,
  INC113,
  // against the base version
  INC090,
  INC091,
  INC092,
  INC093,
  INC094,
  INC095,
  INC096,
  // hostile or misplaced input
  INC120,
  INC121,
  INC122,
  INC123,
  INC124,
  INC125,
  INC126,
  INC127,
  INC128,
  INC129,
  INC130,
  INC131,
  // intake
  INC140,
] as const;
