import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleOutcome } from '../report/report.js';
import type { DecisionId } from './decisions.js';

/** An attachment (rattachement) request of the account to a structure. */
export interface AttachmentRequest {
  /** The structure (SIRET or identifier). */
  structure: string;
  status: 'pending' | 'approved' | 'refused';
  /** Whether the structure is active (default true). */
  structureActive?: boolean;
  /**
   * Who decided the request: the structure's manager (`gestionnaire`, the default), a user with
   * the profile "Organisation Modification" through the "Approbation" menu
   * (`organisation-modification`), or another user (`utilisateur`), whose approval does not count.
   */
  decidedBy?: 'gestionnaire' | 'organisation-modification' | 'utilisateur' | null;
}

/** A structure the user created from the first-login window ("créer une nouvelle structure"). */
export interface CreatedStructure {
  /** The structure (SIRET or identifier). */
  structure: string;
  /** Whether the structure is active (default true). */
  structureActive?: boolean;
}

/** The state of one portal account at a point in time (rules/schema/portal-state.json). */
export interface PortalState {
  $schema?: string;
  /** Chorus Pro release; default the latest. */
  release?: string;
  /** The moment the state describes, ISO date-time. */
  now: string;
  account: {
    loginEmail: string;
    contactEmail?: string | null;
    lastName: string;
    firstName: string;
    phone?: string | null;
    activated: boolean;
    activationLinkSentAt: string | null;
    profiles: string[];
    /** Before 3.8.1: the structure given at account creation (a 3.8.1 state carrying one is reported). */
    structureAtCreation?: string | null;
  };
  attachmentRequests: AttachmentRequest[];
  /** The structures the user created from the first-login window; the creator is their manager. */
  createdStructures?: CreatedStructure[];
  /** Approval requests the user has to process. */
  pendingApprovals: number;
}

/** One portal decision: its value and the rules that decided it. */
export interface PortalDecision {
  id: DecisionId;
  value: boolean;
  /** The rules that made the decision: the failing ones when false, every applicable one when true. */
  decidedBy: string[];
  /** For each rule of `decidedBy`, the JSON pointer of the state field it reads (e.g. `/account/profiles`). */
  pointers: string[];
  /** True when no rule of this release takes part in the decision (the element does not exist in this release). */
  absentInRelease: boolean;
}

/** The result of evaluating an account state. */
export interface PortalReport {
  release: string;
  lang: 'fr' | 'en';
  decisions: Record<DecisionId, PortalDecision>;
  /** Problems with the state (account fields), and why each decision is false. */
  diagnostics: Diagnostic[];
  rules: RuleOutcome[];
}
