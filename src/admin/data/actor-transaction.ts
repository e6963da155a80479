/**
 * The transaction of a panel write: every domain event it causes (the outbox triggers) carries
 * the acting user, whichever action wrote it. Panel code opens its transactions here rather than
 * with withTransaction, so no action can forget to say who acted.
 */
import type { Transaction } from 'sequelize';
import { withTransaction } from '../../db.js';
import { setEventContext } from '../../domain/events/context.js';
import type { Actor } from '../../domain/permissions/actor.js';

export function withActorTransaction<T>(actor: Pick<Actor, 'id'>, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return withTransaction(async (transaction) => {
    await setEventContext(transaction, { actorId: actor.id });
    return work(transaction);
  });
}
