/** The portal decisions, each true or false with the rules that decided it. Ids are stable. */
export const DECISION_IDS = Object.freeze([
  'menu.approbation',
  'window.structure.create',
  'window.structure.requestAttachment',
  'window.structure.consultRequests',
  'action.depositInvoice',
] as const);

/** A portal decision id. */
export type DecisionId = (typeof DECISION_IDS)[number];
