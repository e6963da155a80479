/**
 * Secrets at rest (mailbox tokens and SMTP passwords in the database, one-time tokens inside
 * queued jobs): AES-256-GCM with ENCRYPTION_KEY. The sealed form is one string,
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), so it fits a TEXT or JSONB column as is; the
 * authentication tag makes a tampered or foreign value an error, never garbage plaintext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { config } from '../../config.js';

const VERSION = 'v1';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export function seal(plaintext: string, key: Buffer = config.encryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function open(sealed: string, key: Buffer = config.encryptionKey): string {
  const [version, iv, tag, data, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined || rest.length > 0) {
    throw new SecretBoxError('not a sealed secret (expected v1.<iv>.<tag>.<data>)');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('the secret cannot be opened with this ENCRYPTION_KEY (tampered, or sealed with another key)');
  }
}
