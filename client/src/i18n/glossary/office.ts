import type { Term } from '../locale';

/**
 * Back-office words shared by its pages (or by several places on one page).
 */
// The contest and its rounds
export const liveContests: Term = ['现场比赛', 'Live contests'];
export const newContest: Term = ['新建比赛', 'New contest'];
export const pinCode: Term = ['PIN 码', 'PIN'];

// Questions
export const questionSets: Term = ['题目集', 'Question sets'];
export const newQuestion: Term = ['新建题目', 'New question'];
export const questionType: Term = ['题型', 'Type'];
export const stem: Term = ['题干', 'Stem'];
export const topic: Term = ['主题', 'Topic'];
export const difficulty: Term = ['难度', 'Difficulty'];
export const literacyItem: Term = ['条目', 'Item'];

// Campaigns, participants and regions
export const quizCampaigns: Term = ['答题活动', 'Quiz campaigns'];
export const participation: Term = ['参与统计', 'Participation'];
export const newParticipants: Term = ['新增参与', 'New'];
export const submitted: Term = ['提交答卷', 'Submitted'];
export const averageScore: Term = ['平均分', 'Average score'];
export const passRate: Term = ['及格率', 'Pass rate'];
export const answers: Term = ['作答次数', 'Answers'];
export const total: Term = ['合计', 'Total'];
export const township: Term = ['乡镇（街道）', 'Township'];

// Health guides
export const healthGuides: Term = ['健康指导员', 'Health guides'];
export const clinic: Term = ['单位', 'Clinic'];
export const residentsBound: Term = ['绑定居民', 'Residents bound'];

// Staff and common actions
export const accounts: Term = ['账号管理', 'Accounts'];
export const username: Term = ['用户名', 'Username'];
export const role: Term = ['角色', 'Role'];
export const status: Term = ['状态', 'Status'];
export const save: Term = ['保存', 'Save'];
export const saved: Term = ['已保存', 'Saved'];
export const chooseFile: Term = ['选择文件', 'Choose a file'];
export const exportExcel: Term = ['导出 Excel', 'Export Excel'];
export const row: Term = ['第 {row} 行', 'Row {row}'];
