import { expect } from 'vitest';
import type { Staff } from './http';

const DAY = 24 * 60 * 60 * 1000;

/** Creates and publishes a Langfang campaign of three true/false questions, open from yesterday to tomorrow. */
export async function createCampaign(organizer: Staff, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await organizer.request('/api/campaigns', {
    method: 'POST',
    json: {
      title: '测试答题活动',
      description: '',
      startsAt: Date.now() - DAY,
      endsAt: Date.now() + DAY,
      regionCode: '131000',
      mix: [{ count: 3, type: 'truefalse' }],
      timeLimitSec: 600,
      attemptsPerDay: 2,
      attemptsTotal: 2,
      counting: 'best',
      passMark: 60,
      showExplanations: false,
      minSecondsPerQuestion: 0,
      fields: { name: false, phone: false, team: false },
      targets: {},
      ...overrides,
    },
  });
  const body = (await created.json()) as { data: { id: string } };
  expect(created.status, JSON.stringify(body)).toBe(201);
  expect((await organizer.request(`/api/campaigns/${body.data.id}/publish`, { method: 'POST' })).status).toBe(200);
  return body.data.id;
}
