/**
 * Columns the panel never shows, edits, filters or returns (table → columns). The area files hide
 * them (`secret` preset); the server strips them from every record it sends, in one place, from
 * this map. A record's edit form only sends what it was given, so stripped columns keep their
 * stored value when the rest of the record is saved.
 */
import type { PropertyOptions } from 'adminjs';
import { secret } from './labels.js';

export const SECRET_PROPERTIES: Record<string, string[]> = {
  /** bcrypt hash. */
  users: ['password_hash'],
  /** SHA-256 of the session token. */
  sessions: ['token'],
  /** SHA-256 of the reset token. */
  password_reset_tokens: ['token'],
  /**
   * OAuth tokens (AES-256-GCM ciphertext) and `settings`, whose `smtp.password` is ciphertext too:
   * the key-value editor would rewrite the whole object and so lose or expose the password.
   * Mailbox credentials are set by the connect flow, not typed into the panel.
   */
  email_accounts: ['access_token', 'refresh_token', 'settings'],
};

/** True when `column` of `table` is a secret. */
export function isSecret(table: string, column: string): boolean {
  return SECRET_PROPERTIES[table]?.includes(column) ?? false;
}

/** The `properties` entries that hide a table's secrets everywhere (spread into its options). */
export function secretProperties(table: string): Record<string, PropertyOptions> {
  return Object.fromEntries((SECRET_PROPERTIES[table] ?? []).map((column) => [column, { ...secret }]));
}
