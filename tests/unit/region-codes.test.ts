import { describe, expect, it } from 'vitest';
import { ancestorCodes, isWithinRegion, regionLevelOf, regionPrefix } from '../../shared/region/region';

describe('region codes: level, nesting and ancestors read from the code alone', () => {
  it('reads the level of a code', () => {
    expect(['130000', '131000', '131003', '131003001', '131003001001', '1310', '001000', '13100a'].map(regionLevelOf)).toEqual(['province', 'city', 'county', 'township', 'village', null, null, null]);
  });

  it('nests codes: a county lies in its city and province, not in a neighbour', () => {
    expect(regionPrefix('130000')).toBe('13');
    expect(regionPrefix('131000')).toBe('1310');
    expect(isWithinRegion('131003', '131000')).toBe(true);
    expect(isWithinRegion('131003001001', '130000')).toBe(true);
    expect(isWithinRegion('131003', '131003')).toBe(true);
    expect(isWithinRegion('131002', '131003')).toBe(false);
    expect(isWithinRegion('131000', '131003')).toBe(false);
    expect(isWithinRegion('130100', '131000')).toBe(false);
    expect(isWithinRegion('131003', 'garbage')).toBe(false);
  });

  it('lists ancestors top first', () => {
    expect(ancestorCodes('131003001001')).toEqual(['130000', '131000', '131003', '131003001']);
    expect(ancestorCodes('131000')).toEqual(['130000']);
    expect(ancestorCodes('130000')).toEqual([]);
  });
});
