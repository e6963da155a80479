/**
 * A refusal with a message a person can act on ("The audience is empty: …"): the panel shows it
 * as an error notice and the jobs fail without retrying, since trying again cannot help.
 */
export class CampaignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignError';
  }
}
