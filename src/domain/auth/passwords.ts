/** The password rule, in one place: the user form, the reset page and the demo seed use it. */
import bcrypt from 'bcryptjs';

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt reads 72 bytes and ignores the rest: a longer password would be silently cut. */
export const MAX_PASSWORD_BYTES = 72;
const BCRYPT_ROUNDS = 10;

/** Why a password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `At least ${MIN_PASSWORD_LENGTH} characters`;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return `At most ${MAX_PASSWORD_BYTES} bytes`;
  return null;
}

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, BCRYPT_ROUNDS);
