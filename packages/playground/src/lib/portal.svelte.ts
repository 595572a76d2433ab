import type { AttachmentRequest, PortalState } from '@chorus-precheck/core';

/** A request as the simulation keeps it: every field set, so the panel can show and edit it. */
type Request = Required<AttachmentRequest>;

/** The profile that may approve requests and modify a structure. */
export const ORGANISATION_MODIFICATION = 'Organisation Modification';

// A fixed clock: the simulation moves time by the minutes the user sets, not by the wall clock.
const SENT_AT = Date.UTC(2024, 1, 1, 9, 0, 0);

/**
 * The simulated account, step by step as a user goes through the portal: the creation form,
 * the activation e-mail, the first login, attachment requests and their approval.
 */
export class PortalSimulation {
  loginEmail = $state('');
  contactEmail = $state('');
  lastName = $state('');
  firstName = $state('');
  phone = $state('');
  /** 3.8.0 only: the structure asked at account creation. */
  structureAtCreation = $state('');
  created = $state(false);
  /** Minutes between the activation e-mail and the click on its link. */
  minutesToActivate = $state(5);
  activated = $state(false);
  loggedIn = $state(false);
  organisationModification = $state(false);
  pendingApprovals = $state(0);
  requests = $state<Request[]>([]);

  /** The state handed to the portal rules. */
  state(release: string): PortalState {
    const sent = this.created ? new Date(SENT_AT).toISOString() : null;
    const now = new Date(SENT_AT + (this.created ? this.minutesToActivate : 0) * 60_000).toISOString();
    return {
      release,
      now,
      account: {
        loginEmail: this.loginEmail,
        contactEmail: this.contactEmail || null,
        lastName: this.lastName,
        firstName: this.firstName,
        phone: this.phone || null,
        activated: this.activated,
        activationLinkSentAt: sent,
        profiles: this.organisationModification ? [ORGANISATION_MODIFICATION] : [],
        structureAtCreation: this.structureAtCreation || null,
      },
      attachmentRequests: this.requests.map((r) => ({ ...r })),
      pendingApprovals: this.pendingApprovals,
    };
  }

  /** Asks to be attached to an existing structure (SIRET); the request waits for its manager. */
  requestAttachment(structure: string): void {
    this.requests.push({ structure, status: 'pending', structureActive: true, decidedBy: null });
  }

  /**
   * Creates a structure: its creator becomes its main manager, so the attachment is approved
   * at once by a gestionnaire (domain reference §6).
   */
  createStructure(structure: string): void {
    this.requests.push({ structure, status: 'approved', structureActive: true, decidedBy: 'gestionnaire' });
  }

  /** The structure's manager (or, to show the rule, a plain user) decides a pending request. */
  decide(index: number, status: 'approved' | 'refused', by: 'gestionnaire' | 'utilisateur' = 'gestionnaire'): void {
    const request = this.requests[index];
    if (!request) return;
    request.status = status;
    request.decidedBy = by;
  }
}
