import type { Catalogue } from '../../catalogue/catalogue.js';

/** What an operator may read besides its two operands. */
export interface OperatorContext {
  catalogue: Catalogue;
}

/** A custom operator: its name, what it checks, a load-time check of its rule-file value, and its test. */
export interface OperatorDefinition {
  name: string;
  description: string;
  /** Returns an error message when the `value` written in a rule file is unusable, else null. */
  checkValue(value: unknown): string | null;
  /** Creates the test for one catalogue (json-rules-engine calls it with fact value and rule value). */
  create(context: OperatorContext): (factValue: unknown, value: unknown) => boolean;
}
