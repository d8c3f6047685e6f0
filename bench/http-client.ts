/**
 * A lean HTTP/1.1 keep-alive client for the load generators: requests are written as one buffer and
 * responses read by Content-Length, nothing more. It costs the shared 2-core machine a fraction of
 * what a general client (undici) spends per request, so more of the CPU goes to the server under test.
 * It speaks only what our server answers (Content-Length bodies, no chunking) and fails loudly on
 * anything else rather than mis-reading it.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/**
 * A connection idle longer than this is closed rather than reused: Node's server drops keep-alive
 * connections idle for 5 s, and a request written as it does so would be lost.
 */
const MAX_IDLE_MS = 4000;

class Connection {
  readonly socket: net.Socket;
  #buffer: Buffer | null = null;
  #pending: { resolve: (r: RawResponse) => void; reject: (e: Error) => void } | null = null;
  #head: { status: number; headers: string; bodyStart: number; length: number } | null = null;
  closed = false;
  idleSince = performance.now();
  readonly connected: Promise<void>;

  constructor(port: number, host: string, onClose: (c: Connection) => void) {
    this.socket = net.connect({ port, host, noDelay: true });
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.connected.catch(() => {});
    this.socket.on('data', (chunk: Buffer) => this.#read(chunk));
    const fail = (e: Error) => {
      if (this.closed) return;
      this.closed = true;
      this.#pending?.reject(e);
      this.#pending = null;
      onClose(this);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  send(request: Buffer): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('connection closed'));
      this.#pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  #read(chunk: Buffer) {
    this.#buffer = this.#buffer ? Buffer.concat([this.#buffer, chunk]) : chunk;
    if (!this.#head) {
      const end = this.#buffer.indexOf(HEAD_END);
      if (end < 0) return;
      const headers = this.#buffer.toString('latin1', 0, end);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
      if (!length) return this.socket.destroy(new Error(`response without Content-Length: ${headers.slice(0, 200)}`));
      this.#head = { status: Number(headers.slice(9, 12)), headers, bodyStart: end + 4, length: Number(length[1]) };
    }
    const { status, headers, bodyStart, length } = this.#head;
    if (this.#buffer.length < bodyStart + length) return;
    const body = this.#buffer.toString('utf8', bodyStart, bodyStart + length);
    const rest = this.#buffer.length > bodyStart + length ? this.#buffer.subarray(bodyStart + length) : null;
    this.#head = null;
    this.#buffer = null;
    const pending = this.#pending;
    this.#pending = null;
    if (rest) return this.socket.destroy(new Error('bytes after the response'));
    pending?.resolve({ status, headers, body });
  }
}

/** Up to `max` keep-alive connections to one server; a request takes an idle one or opens another, else waits. */
export class RawPool {
  #idle: Connection[] = [];
  #open = 0;
  #waiting: ((c: Connection) => void)[] = [];
  readonly #host: string;
  readonly #port: number;

  constructor(
    url: string,
    private readonly max: number,
  ) {
    const u = new URL(url);
    this.#host = u.hostname;
    this.#port = Number(u.port);
  }

  /** A whole request as bytes, built once per request by the caller. */
  static request(method: string, path: string, headers: Record<string, string>, body?: string): Buffer {
    const payload = body === undefined ? null : Buffer.from(body);
    let head = `${method} ${path} HTTP/1.1\r\nhost: bench\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    head += `content-length: ${payload?.length ?? 0}\r\n\r\n`;
    return payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : Buffer.from(head, 'latin1');
  }

  async send(request: Buffer): Promise<RawResponse> {
    let c = this.#idle.pop();
    while (c && performance.now() - c.idleSince > MAX_IDLE_MS) {
      c.socket.destroy(); // its close handler lets the pool open another in its place
      c = this.#idle.pop();
    }
    c ??= this.#open < this.max ? this.#connect() : await new Promise<Connection>((resolve) => this.#waiting.push(resolve));
    try {
      return await c.send(request);
    } finally {
      if (!c.closed) {
        c.idleSince = performance.now();
        const next = this.#waiting.shift();
        if (next) next(c);
        else this.#idle.push(c);
      }
    }
  }

  /**
   * Opens connections up to `n` before a measurement, so it does not open hundreds at once as it goes
   * (a burst of connects overflows the server's accept queue, and a retried SYN costs a second or more).
   */
  async warm(n: number): Promise<void> {
    const fresh: Connection[] = [];
    while (this.#open < Math.min(n, this.max)) fresh.push(this.#connect());
    await Promise.all(fresh.map((c) => c.connected));
    for (const c of fresh) if (!c.closed) this.#idle.push(c);
  }

  #connect(): Connection {
    this.#open++;
    return new Connection(this.#port, this.#host, (closed) => {
      this.#open--;
      this.#idle = this.#idle.filter((c) => c !== closed);
      // A waiting request gets a fresh connection in place of the one that closed.
      const next = this.#waiting.shift();
      if (next) next(this.#connect());
    });
  }

  close(): void {
    for (const c of this.#idle) c.socket.end();
    this.#idle = [];
  }
}
