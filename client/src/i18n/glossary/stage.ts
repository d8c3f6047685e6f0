import type { Term } from '../locale';

/**
 * Live-contest words of the host console, the big screen and the setup pages that phones never show.
 */
// The contest and its rounds
export const hostConsole: Term = ['主持人控制台', 'Host console'];
export const bigScreen: Term = ['大屏', 'Big screen'];
export const rehearsal: Term = ['彩排', 'Rehearsal'];
export const team: Term = ['战队', 'Team'];
export const judges: Term = ['评委', 'Judges'];
export const tiebreak: Term = ['加赛', 'Tie-break'];
export const tiebreakBetween: Term = ['加赛：{teams}', 'Tie-break: {teams}'];
export const falseStart: Term = ['抢跑', 'False start'];
export const seconds: Term = ['秒', 's'];
export const right: Term = ['答对', 'Right'];
export const answering: Term = ['作答中', 'Answering'];

// Host commands
export const openStakes: Term = ['开始选择分值', 'Open stake picking'];
export const openBuzz: Term = ['开始抢答', 'Open buzzing'];
export const lock: Term = ['锁定', 'Lock'];
export const nextQuestion: Term = ['下一题', 'Next question'];
export const nextRound: Term = ['下一环节', 'Next round'];
export const scoreCorrection: Term = ['分数更正', 'Score correction'];
export const undo: Term = ['撤销', 'Undo'];
export const pause: Term = ['暂停', 'Pause'];

// Questions
export const questionCount: Term = ['共 {n} 题', '{n} questions'];
export const explanation: Term = ['解析', 'Explanation'];

// Campaigns, participants and regions
export const county: Term = ['县区', 'County'];

// Staff and common actions
export const cancel: Term = ['取消', 'Cancel'];
