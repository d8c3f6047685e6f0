import type { Term } from '../locale';

/**
 * Words of a health guide's own page and poster that the back office reuses.
 */
// Campaigns, participants and regions
export const attempts: Term = ['答题次数', 'Attempts'];

// Health guides
export const familyDoctor: Term = ['家庭医生', 'Family doctor'];
export const villageDoctor: Term = ['乡村医生', 'Village doctor'];
export const projectManager: Term = ['项目管理员', 'Project manager'];
export const printPoster: Term = ['打印海报', 'Print poster'];
