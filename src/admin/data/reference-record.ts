/**
 * The record AdminJS puts under `populated` to show a reference (a contact's owner, account,
 * workspace): the list needs its id, its title and whether the viewer may open it, nothing
 * else. AdminJS would send the referenced row's every column and every action of it (7 KB per
 * list row for three references, 190 KB per page of contacts), which made JSON encoding the
 * biggest cost of a list request.
 */
import { BaseRecord, type CurrentAdmin, type RecordJSON } from 'adminjs';

export class ReferenceRecord extends BaseRecord {
  override toJSON(currentAdmin?: CurrentAdmin): RecordJSON {
    const show = this.resource.decorate().recordActions(this, currentAdmin).find((a) => a.name === 'show');
    return {
      params: this.params, // the id and the title column only (ScopedResource.findMany)
      populated: {},
      baseError: null,
      errors: {},
      id: this.id(),
      title: this.resource.decorate().titleOf(this),
      recordActions: show ? [show.toJSON(currentAdmin)] : [],
      bulkActions: [],
    };
  }
}
