/** Every rule that judges one schema-valid incident file, in reporting order. */
import { knownComponents, knownDepartment, knownService, managerOfDepartment } from './catalog-rules.ts';
import {
  closedOnlyWhenComplete,
  postmortemApprovalComplete,
  postmortemWhenRequired,
  preventionNotOverdue,
  riskAcceptedHasOwner,
} from './closure-rules.ts';
import { approvalAfterResolution, approvalNotCorrected, approversFillRoles } from './approval-rules.ts';
import type { FileRule } from './context.ts';
import { correctionsApply } from './correction-rules.ts';
import { postmortemDocumentComplete } from './postmortem-rules.ts';
import { fileInYearFolder, idDateMatchesStart, idMatchesFileStem } from './identity-rules.ts';
import { relatedIsWellFormed } from './related-rules.ts';
import { customerScopeNamesCustomers, publicScopeNamesNoCustomers } from './scope-rules.ts';
import {
  closureAfterEverything,
  detectionBeforeFirstUpdate,
  nextUpdateAfterItsUpdate,
  noFutureTimestamps,
  recoveryFitsTimeline,
  statusMovesAllowed,
  updatesInTimeOrder,
} from './timeline-rules.ts';
import { incidentFields, maintenanceFields } from './type-rules.ts';
import { maintenanceStatusesInWindow, noIncidentFieldsOnMaintenance, noInvisibleCharacters, reopenReasonOnlyOnReopen } from './lifecycle-rules.ts';

export const FILE_RULES: readonly FileRule[] = [
  idMatchesFileStem,
  fileInYearFolder,
  idDateMatchesStart,
  knownService,
  knownComponents,
  knownDepartment,
  managerOfDepartment,
  updatesInTimeOrder,
  statusMovesAllowed,
  detectionBeforeFirstUpdate,
  nextUpdateAfterItsUpdate,
  noFutureTimestamps,
  recoveryFitsTimeline,
  closureAfterEverything,
  customerScopeNamesCustomers,
  publicScopeNamesNoCustomers,
  relatedIsWellFormed,
  maintenanceFields,
  incidentFields,
  maintenanceStatusesInWindow,
  noIncidentFieldsOnMaintenance,
  reopenReasonOnlyOnReopen,
  noInvisibleCharacters,
  closedOnlyWhenComplete,
  postmortemApprovalComplete,
  preventionNotOverdue,
  riskAcceptedHasOwner,
  postmortemWhenRequired,
  correctionsApply,
  postmortemDocumentComplete,
  approvalNotCorrected,
  approversFillRoles,
  approvalAfterResolution,
];
