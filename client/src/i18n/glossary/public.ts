import type { Term } from '../locale';

/**
 * Words of the public pages (landing, online quiz, county board) that other surfaces share: in the entry chunk,
 * which every page loads, so reusing them costs nothing.
 */
// Questions
export const questionOf: Term = ['第 {i} / {n} 题', 'Question {i} of {n}'];
export const noAnswer: Term = ['未作答', 'No answer'];
export const timeLeft: Term = ['剩余时间', 'Time left'];

// Health literacy dimensions
export const dimKnowledge: Term = ['基本健康知识和理念', 'Basic knowledge and concepts'];
export const dimLifestyle: Term = ['健康生活方式与行为', 'Healthy lifestyle and behaviour'];
export const dimSkills: Term = ['健康基本技能', 'Basic health skills'];

// Campaigns, participants and regions
export const participants: Term = ['参与人数', 'Participants'];
export const participationRate: Term = ['参与率', 'Rate'];
export const average: Term = ['平均分', 'Average'];
export const rank: Term = ['排名', 'Rank'];
export const yourCounty: Term = ['所在县（市、区）', 'Your county / district'];
export const yourTownship: Term = ['所在乡镇（街道）', 'Your township / subdistrict'];
export const choose: Term = ['请选择', 'Choose'];
export const name: Term = ['姓名', 'Name'];
export const familyTeamName: Term = ['家庭战队名称', 'Family team name'];

// Staff and common actions
export const retry: Term = ['重试', 'Retry'];
export const switchLanguage: Term = ['English', '中文'];
export const switchLanguageLabel: Term = ['切换到英文', 'Switch to Chinese'];
