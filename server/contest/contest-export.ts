import { OPTION_LETTERS } from '../../shared/bank/question.js';
import { isQuestionRound, memberScore, openingSets, standings, type ContestState, type JournalEntry } from '../../shared/contest/index.js';
import type { Locale } from '../../shared/i18n/messages.js';
import { addTableSheet, newWorkbook } from '../sheets/xlsx.js';

type Lang = 'zh-CN' | 'en';
const L = <T extends Record<string, { 'zh-CN': string; en: string }>>(t: T) => t;

const EVENT = L({
  'contest-start': { 'zh-CN': '比赛开始', en: 'Contest started' },
  'round-start': { 'zh-CN': '环节开始', en: 'Round started' },
  'stake-open': { 'zh-CN': '开始选择分值', en: 'Stake picking opened' },
  stake: { 'zh-CN': '选择分值', en: 'Stake picked' },
  'question-shown': { 'zh-CN': '出题', en: 'Question shown' },
  'buzz-open': { 'zh-CN': '开始抢答', en: 'Buzzing opened' },
  buzz: { 'zh-CN': '抢答', en: 'Buzz' },
  'false-start': { 'zh-CN': '抢跑', en: 'False start' },
  answer: { 'zh-CN': '作答', en: 'Answer' },
  judgement: { 'zh-CN': '判定', en: 'Verdict' },
  dropped: { 'zh-CN': '无人抢答，本题作废', en: 'Nobody buzzed: dropped' },
  lock: { 'zh-CN': '停止作答', en: 'Answers locked' },
  reveal: { 'zh-CN': '公布答案', en: 'Answer revealed' },
  tiebreak: { 'zh-CN': '加赛结果', en: 'Tie-break outcome' },
  'tiebreak-restart': { 'zh-CN': '按新名单重新加赛', en: 'Tie-break restarted' },
  'judging-open': { 'zh-CN': '开始评分', en: 'Judging opened' },
  'judge-score': { 'zh-CN': '评委评分', en: 'Judge score' },
  'judging-close': { 'zh-CN': '结束评分（复核）', en: 'Judging closed (review)' },
  'judge-return': { 'zh-CN': '退回评分', en: 'Score sent back' },
  judged: { 'zh-CN': '公布评分', en: 'Judged score published' },
  correction: { 'zh-CN': '更正分数', en: 'Score correction' },
  undo: { 'zh-CN': '撤销', en: 'Undo' },
  pause: { 'zh-CN': '暂停', en: 'Paused' },
  resume: { 'zh-CN': '继续', en: 'Resumed' },
  finish: { 'zh-CN': '比赛结束', en: 'Contest finished' },
  proxy: { 'zh-CN': '主持人代队操作', en: 'Host acted for the team' },
});

const WORD = L({
  seq: { 'zh-CN': '序号', en: 'No.' },
  at: { 'zh-CN': '时间（北京时间）', en: 'Time (Beijing)' },
  question: { 'zh-CN': '题号', en: 'Question' },
  questionId: { 'zh-CN': '题目编号', en: 'Question id' },
  event: { 'zh-CN': '事件', en: 'Event' },
  team: { 'zh-CN': '队伍', en: 'Team' },
  county: { 'zh-CN': '县区', en: 'County' },
  answer: { 'zh-CN': '选项', en: 'Options' },
  result: { 'zh-CN': '结果', en: 'Result' },
  delta: { 'zh-CN': '分数变化', en: 'Score change' },
  stake: { 'zh-CN': '分值', en: 'Stake' },
  judge: { 'zh-CN': '评委', en: 'Judge' },
  score: { 'zh-CN': '评分', en: 'Score' },
  by: { 'zh-CN': '操作方式', en: 'By' },
  note: { 'zh-CN': '说明 / 原因', en: 'Note / reason' },
  rank: { 'zh-CN': '名次', en: 'Rank' },
  total: { 'zh-CN': '得分', en: 'Score' },
  ranking: { 'zh-CN': '最终排名', en: 'Final ranking' },
  audience: { 'zh-CN': '观众答题', en: 'Audience' },
  nickname: { 'zh-CN': '昵称', en: 'Nickname' },
  answers: { 'zh-CN': '作答数', en: 'Answers' },
  correctN: { 'zh-CN': '答对数', en: 'Correct' },
  points: { 'zh-CN': '得分', en: 'Points' },
  round: { 'zh-CN': '第{n}环节', en: 'Round {n}' },
  correct: { 'zh-CN': '正确', en: 'Correct' },
  incorrect: { 'zh-CN': '错误', en: 'Wrong' },
  timeout: { 'zh-CN': '超时', en: 'Time out' },
  win: { 'zh-CN': '胜出', en: 'Won' },
  lose: { 'zh-CN': '淘汰', en: 'Lost' },
  pass: { 'zh-CN': '放弃', en: 'Pass' },
  auto: { 'zh-CN': '超时自动', en: 'automatic (time out)' },
  host: { 'zh-CN': '主持人', en: 'host' },
  device: { 'zh-CN': '队伍终端', en: 'team device' },
  timer: { 'zh-CN': '计时器', en: 'timer' },
  'all-answered': { 'zh-CN': '全部作答', en: 'all answered' },
  judges: { 'zh-CN': '评委', en: 'judges' },
  position: { 'zh-CN': '第 {n} 位', en: 'position {n}' },
  rebound: { 'zh-CN': '补答', en: 'rebound' },
  audienceLine: { 'zh-CN': '观众作答 {n} 人，答对 {c} 人', en: '{n} audience answers, {c} right' },
  previous: { 'zh-CN': '改自 {p}', en: 'changed from {p}' },
  undone: { 'zh-CN': '撤销第 {seq} 步：{what}', en: 'undid step {seq}: {what}' },
  pausedFor: { 'zh-CN': '暂停 {s} 秒', en: 'paused {s} s' },
  standings: { 'zh-CN': '最终排名见“最终排名”表', en: 'see the Final ranking sheet' },
  kind: { 'zh-CN': '环节类型：{k}', en: 'round kind: {k}' },
  order: { 'zh-CN': '选择顺序：{o}', en: 'picking order: {o}' },
});

const KIND = L({
  compulsory: { 'zh-CN': '必答', en: 'compulsory' },
  buzzer: { 'zh-CN': '抢答', en: 'buzzer' },
  risk: { 'zh-CN': '风险', en: 'risk' },
  tiebreak: { 'zh-CN': '加赛', en: 'tie-break' },
  judged: { 'zh-CN': '评分', en: 'judged' },
});

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));
const fmtTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 23);
/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * The contest's record as a workbook a reader can follow: one sheet per round with every event named in
 * the page's language and its details in columns (team and county by name, options as letters, result,
 * score change, stake, judge, who did it, reason), a final ranking sheet that matches the podium (shared
 * ranks included), and the audience with county names.
 */
export async function contestRecordWorkbook(s: ContestState, countyNames: Map<string, string>, locale: Locale): Promise<Uint8Array> {
  const lang: Lang = locale === 'en' ? 'en' : 'zh-CN';
  const w = (k: keyof typeof WORD, p: Record<string, string | number> = {}) => fill(WORD[k][lang], p);
  const teams = new Map(s.config.teams.map((t) => [t.id, t]));
  const judgeNames = new Map(s.config.rounds.flatMap((r) => (r.kind === 'judged' ? r.judges.map((j) => [j.id, j.name] as const) : [])));
  const county = (code: string | null | undefined) => (code ? (countyNames.get(code) ?? code) : '');
  const book = await newWorkbook();

  const optionText = (e: JournalEntry, options: number[] | undefined) => {
    if (!options) return '';
    const round = s.config.rounds[e.round];
    const q = round && isQuestionRound(round) && e.question !== null ? round.questions[e.question] : undefined;
    if (q?.type === 'truefalse') return options.map((i) => (i === 0 ? w('correct') : w('incorrect'))).join('');
    return options.map((i) => OPTION_LETTERS[i] ?? String(i + 1)).join('');
  };

  const row = (e: JournalEntry) => {
    const r: Record<string, unknown> = {
      seq: e.seq,
      at: fmtTime(e.at),
      question: e.question === null ? '' : e.question + 1,
      event: EVENT[e.type][lang],
      team: '',
      county: '',
      questionId: '',
      answer: '',
      result: '',
      delta: '',
      stake: '',
      judge: '',
      score: '',
      by: '',
      note: '',
    };
    const setTeam = (id: string) => {
      r.team = teams.get(id)?.name ?? id;
      r.county = county(teams.get(id)?.county);
    };
    switch (e.type) {
      case 'round-start':
        r.note = w('kind', { k: KIND[e.kind as keyof typeof KIND]?.[lang] ?? e.kind });
        break;
      case 'stake-open':
        r.note = w('order', { o: e.order.map((t) => teams.get(t)?.name ?? t).join(lang === 'en' ? ', ' : '、') });
        break;
      case 'stake':
        setTeam(e.teamId);
        r.stake = e.stake === 'pass' ? w('pass') : e.stake;
        r.by = e.auto ? w('auto') : '';
        break;
      case 'question-shown':
        r.questionId = e.questionId;
        break;
      case 'buzz':
        setTeam(e.teamId);
        r.note = w('position', { n: e.position });
        break;
      case 'false-start':
        setTeam(e.teamId);
        r.delta = e.delta;
        break;
      case 'answer':
        setTeam(e.teamId);
        r.answer = optionText(e, e.options);
        r.result = e.correct ? w('correct') : w('incorrect');
        break;
      case 'judgement':
        setTeam(e.teamId);
        r.answer = optionText(e, e.options);
        r.result = w(e.verdict);
        r.delta = e.delta;
        r.by = w(e.by);
        r.note = e.rebound ? w('rebound') : '';
        break;
      case 'dropped':
      case 'lock':
        r.by = w(e.by);
        break;
      case 'reveal':
        r.questionId = e.questionId;
        r.delta = Object.entries(e.deltas)
          .map(([t, d]) => `${teams.get(t)?.name ?? t} ${d > 0 ? '+' : ''}${d}`)
          .join(lang === 'en' ? '; ' : '；');
        r.note = w('audienceLine', { n: e.audience.answers, c: e.audience.correct });
        break;
      case 'tiebreak':
        setTeam(e.teamId);
        r.result = w(e.outcome);
        break;
      case 'tiebreak-restart':
        r.team = e.teams.map((t) => teams.get(t)?.name ?? t).join(lang === 'en' ? ', ' : '、');
        break;
      case 'judging-open':
      case 'judging-close':
        setTeam(e.teamId);
        break;
      case 'judge-score':
        setTeam(e.teamId);
        r.judge = judgeNames.get(e.judgeId) ?? e.judgeId;
        r.score = e.score;
        r.note = e.previous === undefined ? '' : w('previous', { p: e.previous });
        break;
      case 'judge-return':
        setTeam(e.teamId);
        r.judge = judgeNames.get(e.judgeId) ?? e.judgeId;
        r.score = e.score;
        r.by = w('host');
        r.note = e.reason;
        break;
      case 'judged':
        setTeam(e.teamId);
        r.score = e.aggregate;
        r.delta = e.delta;
        r.by = w(e.by);
        break;
      case 'correction':
        setTeam(e.teamId);
        r.delta = e.delta;
        r.by = w('host');
        r.note = e.reason;
        break;
      case 'proxy':
        setTeam(e.teamId);
        r.result = EVENT[e.action === 'answer:submit' ? 'answer' : e.action === 'buzz:press' ? 'buzz' : 'stake'][lang];
        r.by = w('host');
        r.note = e.reason;
        break;
      case 'undo':
        r.by = w('host');
        r.note = w('undone', { seq: e.undoneSeq, what: e.undoneType });
        break;
      case 'resume':
        r.note = w('pausedFor', { s: Math.round(e.pausedMs / 1000) });
        break;
      case 'finish':
        r.note = w('standings');
        break;
      case 'contest-start':
      case 'buzz-open':
      case 'pause':
        break;
    }
    return r;
  };

  const columns = [
    { header: w('seq'), key: 'seq', width: 6 },
    { header: w('at'), key: 'at', width: 24 },
    { header: w('question'), key: 'question', width: 6 },
    { header: w('event'), key: 'event', width: 16 },
    { header: w('team'), key: 'team', width: 16 },
    { header: w('county'), key: 'county', width: 12 },
    { header: w('questionId'), key: 'questionId', width: 16 },
    { header: w('answer'), key: 'answer', width: 8 },
    { header: w('result'), key: 'result', width: 10 },
    { header: w('delta'), key: 'delta', width: 12 },
    { header: w('stake'), key: 'stake', width: 8 },
    { header: w('judge'), key: 'judge', width: 10 },
    { header: w('score'), key: 'score', width: 8 },
    { header: w('by'), key: 'by', width: 12 },
    { header: w('note'), key: 'note', width: 40 },
  ];
  // Entries before the first round (the start, corrections in the lobby) open the first round's sheet.
  s.config.rounds.forEach((round, i) => {
    const entries = s.journal.filter((e) => Math.max(0, e.round) === i);
    addTableSheet(book, sheetName(`${w('round', { n: i + 1 })} ${round.title}`), columns, entries.map(row));
  });
  // The ranking as the podium shows it: from the same standings, shared ranks included.
  addTableSheet(
    book,
    sheetName(w('ranking')),
    [
      { header: w('rank'), key: 'rank', width: 6 },
      { header: w('team'), key: 'name', width: 20 },
      { header: w('county'), key: 'county', width: 12 },
      { header: w('total'), key: 'score', width: 10 },
    ],
    standings(s).map((x) => ({ rank: x.rank, name: teams.get(x.teamId)?.name ?? x.teamId, county: county(teams.get(x.teamId)?.county), score: x.score })),
  );
  const { revealed } = openingSets(s.core);
  addTableSheet(
    book,
    sheetName(w('audience')),
    [
      { header: w('nickname'), key: 'nickname', width: 16 },
      { header: w('county'), key: 'county', width: 12 },
      { header: w('answers'), key: 'answers', width: 8 },
      { header: w('correctN'), key: 'correct', width: 8 },
      { header: w('points'), key: 'points', width: 8 },
    ],
    Object.values(s.audience.members).map((m) => {
      const { score, correct } = memberScore(m.answers, revealed);
      return { nickname: m.nickname, county: county(m.county), answers: m.answers.length, correct, points: score };
    }),
  );
  return new Uint8Array(await book.xlsx.writeBuffer());
}
