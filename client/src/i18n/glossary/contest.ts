import type { Term } from '../locale';

/**
 * Live-contest words the phones show (team device, audience, judge pad), which the big screen and the host console
 * reuse. The phone catalogue writes these words out rather than importing them: a glossary module shared by the phone
 * and stage chunks would be a chunk of its own (or a cross-chunk import per word) on every phone, which costs a phone
 * more than the repeated words do (`npm run bench:bundle`).
 */
// The contest and its rounds
export const judge: Term = ['评委', 'Judge'];
export const nickname: Term = ['昵称', 'Nickname'];
export const buzz: Term = ['抢答', 'Buzz'];
export const buzzOrder: Term = ['抢答顺序', 'Buzz order'];
export const pickingOrder: Term = ['选分顺序', 'Picking order'];
export const stakeUsed: Term = ['已用', 'used'];
export const points: Term = ['分', 'pts'];
export const score: Term = ['评分', 'Score'];
export const waitingToStart: Term = ['等待开始', 'Waiting to start'];
export const connected: Term = ['● 已连接', '● Connected'];
export const connecting: Term = ['正在连接比赛…', 'Connecting to the contest…'];

// Questions
export const singleChoice: Term = ['单选题', 'Single choice'];
export const multipleChoice: Term = ['多选题', 'Multiple choice'];
export const options: Term = ['选项', 'Options'];
export const answerTrue: Term = ['正确', 'True'];
export const answerFalse: Term = ['错误', 'False'];
