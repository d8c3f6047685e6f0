/** The phone-hash key lives outside the database (#15): a copy of the database alone cannot read numbers back. */
import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneHashKey } from '../../server/bootstrap';
import type { Database } from '../../server/db/client';
import { maskPhone } from '../../server/quiz/quiz';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';

describe('the phone-hash key', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('is created in a key file readable by its owner only, beside the database and not in it', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${path.join(dir, 'app.db')}` };
    server = await startTestServer(env);
    const file = path.join(dir, 'app.db.phone-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8').trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    const inDb = await server.database.client.execute("SELECT value FROM meta WHERE key = 'phone_hash_key'");
    expect(inDb.rows).toHaveLength(0);
    // A key an earlier version kept in the database moves to the file, so existing hashes still match.
    await server.database.client.execute({ sql: "INSERT INTO meta (key, value, updated_at) VALUES ('phone_hash_key', 'legacy-key-from-the-database', 0)", args: [] });
    await server.stop();
    const { rmSync } = await import('node:fs');
    rmSync(file);
    server = await startTestServer(env);
    expect(readFileSync(file, 'utf8').trim()).toBe('legacy-key-from-the-database');
    expect((await server.database.client.execute("SELECT value FROM meta WHERE key = 'phone_hash_key'")).rows).toHaveLength(0);
    // A key file others can read stops the start with the fix to make.
    await server.stop();
    server = null;
    chmodSync(file, 0o644);
    await expect(startTestServer(env)).rejects.toThrow(`the phone-hash key file ${file} must be readable by its owner only: chmod 600 ${file}`);
  });

  it('must be configured in production when the database is a libSQL server', async () => {
    const remote = { localFile: null } as unknown as Database;
    await expect(phoneHashKey(remote, { production: true })).rejects.toThrow('PHONE_HASH_KEY or PHONE_HASH_KEY_FILE must be set when DATABASE_URL is a libSQL server');
    expect(await phoneHashKey(remote, { production: true, envKey: 'k'.repeat(32) })).toEqual({ key: 'k'.repeat(32), source: 'env' });
  });

  it('shows at most the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
