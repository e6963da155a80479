/**
 * A refusal by a business rule ("this lead is already converted", "a sent email cannot be
 * cancelled"): the message is written for the person who asked and nothing was changed. Panel
 * actions show it as an error notice; any other error is a fault and is raised as one.
 */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
