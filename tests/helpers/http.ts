
/** A signed-in staff member's cookie and CSRF token, and a fetch that sends both. */
export interface Staff {
  cookie: string;
  csrf: string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** Signs in through the real login route. */
export async function login(server: { url: string }, username: string, password: string): Promise<Staff> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { data: { csrfToken: string } };
  const csrf = body.data.csrfToken;
  return {
    cookie,
    csrf,
    request: (path, init = {}) => {
      const { json, ...rest } = init;
      return fetch(`${server.url}${path}`, {
        ...rest,
        body: json === undefined ? rest.body : JSON.stringify(json),
        headers: { cookie, 'x-csrf-token': csrf, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...rest.headers },
      });
    },
  };
}
