import { RuleError } from '../rule-error.js';

/** A request the outreach rules refuse: its message is shown to the user as it is. */
export class OutreachRuleError extends RuleError {}
