import { RuleError } from '../rule-error.js';

/** A request the recruiting rules refuse: its message is shown to the user as it is. */
export class RecruitingRuleError extends RuleError {}
