import { describe, expect, it } from 'vitest';
import { covers, isMillisecondsPath, issueAt, issueFor, release, unplacedIssues } from '../../client/src/ui/field-issues';

const issues = [
  { path: 'teams', message: 'too few teams' },
  { path: 'teams.1.name', message: 'name missing' },
  { path: 'rounds.0.timeLimitMs', message: 'too long' },
];

describe('form field issues', () => {
  it('shows a field the issues at its path and under it, and a `$` path only its own', () => {
    expect(covers('teams.1', 'teams.1.name')).toBe(true);
    expect(covers('teams.1', 'teams.10')).toBe(false);
    expect(covers('teams', 'teams.1.name')).toBe(true);
    expect(covers('teams$', 'teams.1.name')).toBe(false);
    expect(covers('teams$', 'teams')).toBe(true);
  });

  it('finds the first issue any of a field’s paths shows', () => {
    expect(issueFor(issues, ['teams.1.name', 'teams.1.id'])?.message).toBe('name missing');
    expect(issueFor(issues, ['teams$'])?.message).toBe('too few teams');
    expect(issueFor(issues, ['title'])).toBeUndefined();
    expect(issueAt({ code: 'input/invalid', message: 'invalid', issues }, 'rounds.0')).toBe('too long');
    expect(issueAt(null, 'rounds.0')).toBeUndefined();
  });

  it('lists the issues no mounted field shows', () => {
    expect(unplacedIssues(issues, ['teams$', 'teams.1.name']).map((i) => i.path)).toEqual(['rounds.0.timeLimitMs']);
    expect(unplacedIssues(issues, ['teams', 'rounds'])).toEqual([]);
  });

  it('keeps a path claimed while another field still claims it', () => {
    expect(release(['a', 'b', 'a'], ['a'])).toEqual(['b', 'a']);
    expect(release(['a'], ['c'])).toEqual(['a']);
  });

  it('knows which issues are about durations held in milliseconds', () => {
    expect(isMillisecondsPath('rounds.0.timeLimitMs')).toBe(true);
    expect(isMillisecondsPath('rounds.0.audienceTimeMs.x')).toBe(true);
    expect(isMillisecondsPath('rounds.0.Msg')).toBe(false);
  });
});
