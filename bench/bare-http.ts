/**
 * The ceiling of this machine for any Node HTTP server, this minute: a bare `node:http` server in its own
 * process (no framework, no validation, no database) that reads each request's body and answers a small
 * JSON 200. A benchmark measures it with the same load generator as the app, so its figures and the app's
 * can be read side by side on a shared VM whose speed varies by 2× from one hour to the next.
 */
import { spawn } from 'node:child_process';
import { cpuMsOf } from '../tests/helpers/process.js';

const SERVER = `
const http = require('node:http');
const body = Buffer.from('{"ok":true,"data":null}');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
`;

export async function startBareHttp(): Promise<{ url: string; cpuMs(): number; stop(): void }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '-e', SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bare HTTP server exited with code ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, cpuMs: () => cpuMsOf(child.pid!), stop: () => child.kill('SIGTERM') };
}
