import type { Location } from '../diagnostics/diagnostic.js';
import type { ReadDocument } from '../facts/facts.js';
import { approvedByApprover, firstApprovalWithoutRight } from '../portal/state.js';
import type { PortalState } from '../portal/types.js';
import { compareReleases } from '../catalogue/releases.js';
import { DEPOSIT_FACTS, PORTAL_FACTS } from './facts-catalogue.js';

/**
 * Where a deposit rule's diagnostic points: where the reader found its target fact (the location
 * the facts catalogue names for it), with the fact's business term; else the document.
 */
export function targetLocation(target: string | null, doc: ReadDocument): Location {
  const info = target ? DEPOSIT_FACTS[target] : undefined;
  const found = info?.location ? (doc.facts.locations[info.location] ?? doc.facts.locations[target!]) : undefined;
  const loc: Location = found ? { ...found } : { file: doc.file };
  if (!loc.file) loc.file = doc.file;
  if (info?.businessTerm && !loc.businessTerm) loc.businessTerm = info.businessTerm;
  return loc;
}

/**
 * The JSON pointer of the state a portal rule's diagnostic points at: the field its target fact
 * is read from; for an approval decided without the right to approve, that approval; for the
 * attachment count, what attaches the account (an approved request, a created structure, the
 * structure given at creation before 3.8.1), else the requests. Null without a target.
 */
export function statePointer(target: string | null, state: PortalState, release: string): string | null {
  if (target === 'approvalsWithoutRightCount') {
    const i = firstApprovalWithoutRight(state);
    if (i >= 0) return `/attachmentRequests/${i}/decidedBy`;
  }
  if (target === 'attachedStructureCount') {
    const i = state.attachmentRequests.findIndex((r) => approvedByApprover(r) && r.structureActive !== false);
    if (i >= 0) return `/attachmentRequests/${i}`;
    const j = (state.createdStructures ?? []).findIndex((s) => s.structureActive !== false);
    if (j >= 0) return `/createdStructures/${j}`;
    if (state.account.structureAtCreation && compareReleases(release, '3.8.1') < 0) return '/account/structureAtCreation';
  }
  return (target ? PORTAL_FACTS[target]?.pointer : undefined) ?? null;
}
