/**
 * `npm run user:create -- --username NAME [--role admin|organizer|host] [--name 显示名]`
 * Creates a staff account in the database of DATABASE_URL (default data/app.db). The password is read
 * from the ADMIN_PASSWORD environment variable or, if unset, from the first line of standard input,
 * so it never appears in the shell history or the process list.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createUser, passwordProblem, ROLES, type Role } from '../server/auth/auth.js';
import { loadConfig } from '../server/config.js';
import { migrateDatabase, openDatabase } from '../server/db/client.js';
import { users } from '../server/db/schema.js';

const { values } = parseArgs({ options: { username: { type: 'string' }, role: { type: 'string', default: 'admin' }, name: { type: 'string' } } });
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
if (!values.username || !/^[A-Za-z0-9_.-]{3,32}$/.test(values.username)) fail('--username is required: 3–32 letters, digits, _ . -');
if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);

let password = process.env.ADMIN_PASSWORD;
if (!password) {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const rl = createInterface({ input: process.stdin });
  password = await new Promise<string>((resolve) => rl.once('line', (line) => (rl.close(), resolve(line))).once('close', () => resolve('')));
}
if (passwordProblem(password)) fail('Password too weak: 10+ characters mixing at least two of letters, digits and symbols');

const config = loadConfig();
const database = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
await migrateDatabase(database, config.migrationsDir);
const [taken] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, values.username!));
if (taken) fail(`User ${values.username} already exists`);
await createUser(database.db, { username: values.username!, displayName: values.name ?? values.username!, role: values.role as Role, password }, Date.now());
database.close();
console.log(`Created ${values.role} ${values.username}`);
