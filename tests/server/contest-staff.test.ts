import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostView } from '../../shared/contest/views';
import { setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { joinContest, type ContestClient } from '../helpers/contest-sockets';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/** A socket handshake with the given Origin: resolves 'connected' or the refusal's message. */
function handshake(url: string, origin: string): Promise<string> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin } });
  return new Promise((resolve) => {
    socket.once('connect', () => (socket.close(), resolve('connected')));
    socket.once('connect_error', (e) => (socket.close(), resolve(e.message)));
  });
}

describe('staff rights on live contests', () => {
  let server: TestServer;
  let admin: Staff;
  const open: ContestClient[] = [];
  let hosts = 0;

  /** A contest of its own, in the lobby, for one test. */
  const newContest = async () => (await setUpContest(server)).detail;
  /** A host account of its own, signed in, assigned to nothing yet. */
  const newHost = async () => {
    const username = `host-wang-${++hosts}`;
    const created = await admin.request('/api/users', { method: 'POST', json: { username, displayName: '王主持', role: 'host', password: 'Host-pass-2026' } });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    return { id, session: await login(server, username, 'Host-pass-2026') };
  };

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    admin = await login(server, 'admin', STAFF_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.stop();
  });

  it('checks the Origin of the handshake: another site is refused, this one and non-browser clients pass', async () => {
    expect(await handshake(server.url, 'https://evil.example')).toBe('origin/forbidden');
    expect(await handshake(server.url, server.url)).toBe('connected');
  });

  it('a host sees the device links of, and drives, only the contests an organizer assigned to them', async () => {
    const detail = await newContest();
    const { id: hostUserId, session: host } = await newHost();
    expect(((await (await host.request('/api/contests')).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await host.request(`/api/contests/${detail.id}`)).status).toBe(403);
    expect((await host.request(`/api/contests/${detail.id}/export.xlsx`)).status).toBe(403);
    await expect(joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: host.cookie })).rejects.toMatchObject({ error: { code: 'contest/not-assigned' } });
    // Only organizers assign, and only host accounts.
    expect((await host.request(`/api/contests/${detail.id}/hosts`, { method: 'PUT', json: { userIds: [hostUserId] } })).status).toBe(403);
    expect((await admin.request(`/api/contests/${detail.id}/hosts`, { method: 'PUT', json: { userIds: ['nobody'] } })).status).toBe(400);
    expect((await admin.request(`/api/contests/${detail.id}/hosts`, { method: 'PUT', json: { userIds: [hostUserId] } })).status).toBe(200);
    const hosts = (await (await admin.request(`/api/contests/${detail.id}/hosts`)).json()) as { data: { id: string; username: string; assigned: boolean }[] };
    // Every host account is listed (other tests' too, none of them assigned here); only host accounts, and only this one assigned.
    expect(hosts.data.every((h) => h.username.startsWith('host-wang-'))).toBe(true);
    expect(hosts.data.filter((h) => h.assigned)).toEqual([expect.objectContaining({ id: hostUserId, assigned: true })]);
    expect(((await (await host.request('/api/contests')).json()) as { data: { id: string }[] }).data.map((c) => c.id)).toEqual([detail.id]);
    expect((await host.request(`/api/contests/${detail.id}`)).status).toBe(200);
    const driving = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: host.cookie });
    open.push(driving);
    expect(await driving.send({ type: 'contest:pause' })).toMatchObject({ ok: false, error: { code: 'contest/wrong-phase' } });
  });

  it("a disabled host's open socket can no longer start the contest: the command is refused and the socket dropped", async () => {
    const detail = await newContest();
    const { id: hostUserId, session: host } = await newHost();
    expect((await admin.request(`/api/contests/${detail.id}/hosts`, { method: 'PUT', json: { userIds: [hostUserId] } })).status).toBe(200);
    const socket = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: host.cookie });
    open.push(socket);
    const dropped = new Promise<string>((resolve) => socket.socket.once('disconnect', (reason) => resolve(reason)));
    expect((await admin.request(`/api/users/${hostUserId}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(200);
    expect(await socket.send({ type: 'contest:start' })).toMatchObject({ ok: false, error: { code: 'contest/host-only' } });
    expect(await dropped).toBe('io server disconnect');
    const watcher = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: admin.cookie });
    open.push(watcher);
    expect((watcher.latest.view as HostView).phase).toBe('lobby');
  });

  it('lists team devices for the host with online state; a re-issued link revokes the old one at once', async () => {
    const detail = await newContest();
    const watcher = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: admin.cookie });
    open.push(watcher);
    const link = detail.links.teams.find((t) => t.teamId === 't3')!;
    const before = (watcher.latest.view as HostView).devices!.find((d) => d.kind === 'team' && d.id === 't3')!;
    expect(before).toMatchObject({ online: false, since: null });
    const phone = await joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOf(link.url) });
    open.push(phone);
    const online = (await watcher.waitFor((v) => (v as HostView).devices?.find((d) => d.id === 't3')?.online === true)) as HostView;
    expect(online.devices!.find((d) => d.id === 't3')!.since).toEqual(expect.any(Number));
    const dropped = new Promise<string>((resolve) => phone.socket.once('disconnect', (reason) => resolve(reason)));
    const res = await admin.request(`/api/contests/${detail.id}/devices/team/t3/reissue`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { url } = ((await res.json()) as { data: { url: string } }).data;
    expect(tokenOf(url)).not.toBe(tokenOf(link.url));
    expect(await dropped).toBe('io server disconnect');
    await watcher.waitFor((v) => (v as HostView).devices?.find((d) => d.id === 't3')?.online === false);
    await expect(joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOf(link.url) })).rejects.toMatchObject({ error: { code: 'contest/bad-token' } });
    const fresh = await joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOf(url) });
    open.push(fresh);
    expect(fresh.joined.subjectId).toBe('t3');
    expect((await admin.request(`/api/contests/${detail.id}/devices/team/nobody/reissue`, { method: 'POST' })).status).toBe(404);
  });

  it('clearing rehearsal data tells audience phones at once: their member is gone (joined: false)', async () => {
    const detail = await newContest();
    const phone = await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: '小李' });
    open.push(phone);
    expect(phone.joined.view).toMatchObject({ role: 'audience', me: { joined: true, nickname: '小李' } });
    expect((await admin.request(`/api/contests/${detail.id}/reset`, { method: 'POST' })).status).toBe(200);
    await expect.poll(() => phone.latest.me?.joined).toBe(false);
    await expect(joinContest(server.url, { pin: detail.pin, role: 'audience', token: phone.joined.token! })).rejects.toMatchObject({ error: { code: 'contest/bad-token' } });
  });
});
