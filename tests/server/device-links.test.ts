import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import { contestTokens } from '../../server/db/schema';
import { ContestService } from '../../server/contest/contests';
import { sha256 } from '../../server/auth/hash';
import { setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { joinContest } from '../helpers/contest-sockets';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

describe('team and judge links are signed: the database alone opens no device', () => {
  let server: TestServer;
  let staff: Staff;
  const rows = (detail: ContestDetail) => server.database.db.select().from(contestTokens).where(eq(contestTokens.contestId, detail.id));
  const fresh = async (detail: ContestDetail) => ((await (await staff.request(`/api/contests/${detail.id}`)).json()) as { data: ContestDetail }).data;
  /** A contest of its own for one test: its links are what that test issues, rewrites and revokes. */
  const newContest = async () => (await setUpContest(server)).detail;

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    staff = await login(server, 'admin', STAFF_PASSWORD);
  }, 60_000);
  afterAll(() => server?.stop());

  it('keeps no link token, nor its hash, in the database; the setup page still shows the same links', async () => {
    const detail = await newContest();
    const stored = (await rows(detail)).map((r) => r.token);
    for (const link of detail.links.teams) {
      const token = tokenOf(link.url);
      expect(stored).not.toContain(token);
      expect(stored.some((s) => s.includes(token) || s.includes(sha256(token)))).toBe(false);
    }
    expect((await rows(detail)).filter((r) => r.kind === 'team').every((r) => r.token.startsWith('n:'))).toBe(true);
    expect((await fresh(detail)).links.teams.map((t) => t.url)).toEqual(detail.links.teams.map((t) => t.url));
  });

  it('a team joins with its link; a token with the right nonce and a forged signature, or signed with another secret, is refused', async () => {
    const detail = await newContest();
    const token = tokenOf(detail.links.teams[0]!.url);
    const team = await joinContest(server.url, { pin: detail.pin, role: 'team', token });
    expect(team.joined.role).toBe('team');
    team.close();
    expect(await server.contests.access.resolveToken(detail.id, 'team', token)).toBe(detail.links.teams[0]!.teamId);

    const forged = token.slice(0, 16) + (token[16] === 'A' ? 'B' : 'A') + token.slice(17);
    expect(await server.contests.access.resolveToken(detail.id, 'team', forged)).toBeNull();
    // Another team's id with this nonce does not pass either: the signature covers the subject.
    expect(await server.contests.access.resolveToken(detail.id, 'judge', token)).toBeNull();
    const elsewhere = new ContestService(server.database, server.writer, Date.now, undefined, undefined, undefined, 'another-secret');
    expect(await elsewhere.access.resolveToken(detail.id, 'team', token)).toBeNull();
  });

  it('rewrites a link stored in plain text: the printed link keeps working, the page shows a signed one, no plain token remains', async () => {
    const detail = await newContest();
    const teamId = detail.links.teams[1]!.teamId;
    const old = 'legacyPlainToken-0123456789abcdef';
    await server.database.db.delete(contestTokens).where(and(eq(contestTokens.contestId, detail.id), eq(contestTokens.subjectId, teamId)));
    await server.database.db.insert(contestTokens).values({ token: old, contestId: detail.id, kind: 'team', subjectId: teamId, createdAt: 1 });
    expect(await server.contests.upgradeLegacyLinks()).toBe(1);
    expect(await server.contests.upgradeLegacyLinks()).toBe(0);

    expect((await rows(detail)).map((r) => r.token)).not.toContain(old);
    expect(await server.contests.access.resolveToken(detail.id, 'team', old)).toBe(teamId);
    const shown = tokenOf((await fresh(detail)).links.teams[1]!.url);
    expect(shown).not.toBe(old);
    expect(await server.contests.access.resolveToken(detail.id, 'team', shown)).toBe(teamId);

    // Re-issuing revokes both the old printed link and the one shown.
    const reissued = await staff.request(`/api/contests/${detail.id}/devices/team/${teamId}/reissue`, { method: 'POST' });
    expect(reissued.status).toBe(200);
    expect(await server.contests.access.resolveToken(detail.id, 'team', old)).toBeNull();
    expect(await server.contests.access.resolveToken(detail.id, 'team', shown)).toBeNull();
    expect(await server.contests.access.resolveToken(detail.id, 'team', tokenOf(((await reissued.json()) as { data: { url: string } }).data.url))).toBe(teamId);
  });
});
