import type { PortalState } from './types.js';

/** A well-formed, activated account with nothing pending: the default that portal rule examples override. */
export function defaultPortalState(): PortalState {
  return {
    now: '2024-02-01T10:00:00Z',
    account: {
      loginEmail: 'jeanne.martin@example.fr',
      contactEmail: null,
      lastName: 'Martin',
      firstName: 'Jeanne',
      phone: '+33 1 23 45 67 89',
      activated: true,
      activationLinkSentAt: '2024-02-01T09:30:00Z',
      profiles: [],
      structureAtCreation: null,
    },
    attachmentRequests: [],
    pendingApprovals: 0,
  };
}

/** Merges a partial state over a state (the account merged field by field, lists replaced). */
export function mergeState(base: PortalState, patch: Partial<PortalState>): PortalState {
  return { ...base, ...patch, account: { ...base.account, ...(patch.account ?? {}) } };
}

/** Builds the engine facts of an account state at a release. */
export function portalFacts(state: PortalState, release: string): Record<string, unknown> {
  const a = state.account;
  const now = Date.parse(state.now);
  const sent = a.activationLinkSentAt ? Date.parse(a.activationLinkSentAt) : NaN;
  const approvedByManager = state.attachmentRequests.filter((r) => r.status === 'approved' && (r.decidedBy ?? 'gestionnaire') === 'gestionnaire');
  const activeAttached = approvedByManager.filter((r) => r.structureActive !== false).length;
  return {
    release,
    loginEmail: a.loginEmail,
    contactEmail: a.contactEmail ?? null,
    lastName: a.lastName,
    firstName: a.firstName,
    phone: a.phone ?? null,
    activated: a.activated,
    activationLinkAgeMinutes: Number.isFinite(now) && Number.isFinite(sent) ? Math.floor((now - sent) / 60_000) : null,
    profiles: a.profiles,
    structureAtCreation: a.structureAtCreation ?? null,
    pendingAttachmentCount: state.attachmentRequests.filter((r) => r.status === 'pending').length,
    // Before 3.8.1 the structure given at creation attaches the account.
    attachedStructureCount: activeAttached + (a.structureAtCreation ? 1 : 0),
    approvalsNotByManagerCount: state.attachmentRequests.filter((r) => r.status === 'approved' && r.decidedBy != null && r.decidedBy !== 'gestionnaire').length,
    pendingApprovals: state.pendingApprovals,
  };
}
