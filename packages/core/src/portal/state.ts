import { compareReleases } from '../catalogue/releases.js';
import type { PortalState } from './types.js';

/**
 * The profile names Chorus Pro spells, as the V3.8.1 release note writes them. A profile of a
 * state is matched whatever its case and spacing, and read with this spelling.
 */
export const PROFILE_NAMES: readonly string[] = Object.freeze(['Organisation Modification']);

const profileKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const PROFILE_BY_KEY = new Map(PROFILE_NAMES.map((name) => [profileKey(name), name]));

/** Reads a profile name as Chorus Pro spells it ("organisation  modification" → "Organisation Modification"); other names are kept as given. */
export function canonicalProfile(name: string): string {
  return PROFILE_BY_KEY.get(profileKey(name)) ?? name;
}

/** Who may approve an attachment request: the structure's manager, or a user with the profile "Organisation Modification" (release note §"Approbation"). */
const APPROVERS: ReadonlySet<string> = new Set(['gestionnaire', 'organisation-modification']);

/** Tells whether an approved request attaches the account: approved by an approver (the manager by default). */
export function approvedByApprover(r: PortalState['attachmentRequests'][number]): boolean {
  return r.status === 'approved' && APPROVERS.has(r.decidedBy ?? 'gestionnaire');
}

/** The index of the first approved request decided by someone who may not approve, or -1. */
export function firstApprovalWithoutRight(state: PortalState): number {
  return state.attachmentRequests.findIndex((r) => r.status === 'approved' && r.decidedBy != null && !APPROVERS.has(r.decidedBy));
}

/** A well-formed, activated account with nothing pending: the default that portal rule examples override. */
export function defaultPortalState(): PortalState {
  return {
    now: '2024-02-01T10:00:00Z',
    account: {
      loginEmail: 'jeanne.martin@example.fr',
      contactEmail: 'jeanne.martin@example.fr',
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
  const attachedByRequest = state.attachmentRequests.filter((r) => approvedByApprover(r) && r.structureActive !== false).length;
  // The creator of a structure is its manager, hence attached to it (AIFE community documentation).
  const created = (state.createdStructures ?? []).filter((s) => s.structureActive !== false).length;
  // Before 3.8.1 the structure given at creation attaches the account; a 3.8.1 state that still
  // carries one is reported by portal/structure-not-asked-at-creation, and attaches nothing.
  const atCreation = a.structureAtCreation && compareReleases(release, '3.8.1') < 0 ? 1 : 0;
  return {
    release,
    loginEmail: a.loginEmail,
    contactEmail: a.contactEmail ?? null,
    lastName: a.lastName,
    firstName: a.firstName,
    phone: a.phone ?? null,
    activated: a.activated,
    activationLinkAgeMinutes: Number.isFinite(now) && Number.isFinite(sent) ? Math.floor((now - sent) / 60_000) : null,
    profiles: a.profiles.map(canonicalProfile),
    structureAtCreation: a.structureAtCreation ?? null,
    pendingAttachmentCount: state.attachmentRequests.filter((r) => r.status === 'pending').length,
    createdStructureCount: created,
    attachedStructureCount: attachedByRequest + created + atCreation,
    approvalsWithoutRightCount: state.attachmentRequests.filter((r) => r.status === 'approved' && r.decidedBy != null && !APPROVERS.has(r.decidedBy)).length,
    pendingApprovals: state.pendingApprovals,
  };
}
