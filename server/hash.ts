import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string: how tokens are stored (the token itself never is). */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
