import { For, Show } from 'solid-js';
import type { HostView } from '../../../../shared/contest/views';
import { QuestionCard } from '../../components/question-card';
import { ts, typeLabel } from '../../i18n/stage';
import { BuzzPanel } from '../stage/buzz-panel';
import { fmt, letters, ranked, signed, teamName } from '../stage/format';
import { JudgingPanel } from '../stage/judging-panel';
import { StakeBoard } from '../stage/stake-board';
import type { Send } from './common';
import { JudgeReviewPanel } from './panels';

/** The current question with its answer key, which only the host sees (marked as a preview until it is shown). */
export function QuestionPanel(props: { view: HostView }) {
  const q = () => props.view.question;
  return (
    <section class="host-card host-question" aria-label={ts('host.question')}>
      <h2>
        {ts('host.question')}
        <Show when={q()}>
          {(question) => <span class="host-badge" classList={{ preview: question().openingId === null }}>{question().openingId === null ? ts('host.preview') : ts('host.keyVisible')}</span>}
        </Show>
      </h2>
      <Show when={q()} fallback={<p class="host-muted">{ts('host.noQuestion')}</p>}>
        {(question) => (
          <>
            <p class="host-key" data-testid="answer-key">
              {question().type === 'shortanswer'
                ? ts('host.reference', { text: question().reference ?? '' })
                : ts('host.answerKey', { letters: letters(question().key, question().options, question().type === 'truefalse') })}
            </p>
            <QuestionCard variant="phone" stem={question().stem} options={question().options} typeLabel={typeLabel(question().type)} correct={question().key} explanation={question().explanation} />
          </>
        )}
      </Show>
    </section>
  );
}

/** Teams now: score and rank, and what this question means for each (answer, stake, buzz, verdict, judges). */
export function LivePanel(props: { view: HostView; send: Send }) {
  const v = () => props.view;
  const kind = () => v().round?.kind;
  const q = () => v().question;
  const answer = (teamId: string) => (Object.hasOwn(v().teamAnswers, teamId) ? v().teamAnswers[teamId] : undefined);
  const result = (teamId: string) => v().results?.find((r) => r.teamId === teamId);
  const attempt = (teamId: string) => v().buzz?.attempts.find((a) => a.teamId === teamId);
  const buzzPos = (teamId: string) => {
    const i = v().buzz?.order.findIndex((b) => b.teamId === teamId) ?? -1;
    return i >= 0 ? i + 1 : null;
  };
  const falseStart = (teamId: string) => v().buzz?.falseStarts.find((f) => f.teamId === teamId);
  const judged = (teamId: string) => v().judging?.results[teamId];
  const answerCols = () => kind() === 'compulsory' || kind() === 'risk';
  /** What the answer cell says for a team without an answer: still answering, passed, or no answer. */
  const noAnswer = (teamId: string) => {
    if (q()?.openingId == null) return '';
    if (v().stakes && v().stakes!.picks[teamId] === 'pass') return ts('stage.pass');
    return v().phase === 'answering' ? ts('stage.waiting') : ts('stage.notAnswered');
  };
  const buzzCols = () => kind() === 'buzzer' || kind() === 'tiebreak';
  const verdictText = { correct: 'stage.correct', incorrect: 'stage.incorrect', timeout: 'stage.timeout' } as const;
  return (
    <section class="host-card host-live" aria-label={ts('host.teamsLive')}>
      <h2>{ts('host.teamsLive')}</h2>
      <Show when={v().phase === 'stake-picking' || v().phase === 'stakes-locked' ? v().stakes : null}>
        {(s) => <StakeBoard stakes={s()} teams={v().teams} class="stake-board-host" />}
      </Show>
      <Show when={buzzCols() && v().buzz}>{(b) => <BuzzPanel view={v()} buzz={b()} class="buzz-host" />}</Show>
      <Show when={kind() === 'tiebreak' && v().tiebreak?.active}>
        {(g) => <p class="host-tie">{ts('host.tiebreakGroup', { teams: g().teams.map((t) => teamName(v(), t)).join('、') })}</p>}
      </Show>
      <Show when={kind() === 'judged' && v().judging}>{(j) => <JudgingPanel view={v()} judging={j()} class="judging-host" showResults={false} />}</Show>
      <Show when={kind() === 'judged' && v().judgeReview}>{(r) => <JudgeReviewPanel view={v()} review={r()} send={props.send} />}</Show>
      <table class="host-table">
        <thead>
          <tr>
            <th scope="col">{ts('stage.rank')}</th>
            <th scope="col">{ts('stage.team')}</th>
            <th scope="col" class="num">
              {ts('stage.score')}
            </th>
            <Show when={kind() === 'risk'}>
              <th scope="col" class="num">
                {ts('host.col.stake')}
              </th>
            </Show>
            <Show when={answerCols()}>
              <th scope="col">{ts('host.col.answer')}</th>
            </Show>
            <Show when={buzzCols()}>
              <th scope="col">{ts('host.col.buzz')}</th>
            </Show>
            <Show when={answerCols() || buzzCols()}>
              <th scope="col">{ts('host.col.result')}</th>
            </Show>
            <Show when={kind() === 'judged'}>
              <th scope="col" class="num">
                {ts('stage.aggregateFinal')}
              </th>
            </Show>
            <th scope="col" class="num">
              {ts('host.col.delta')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={ranked(v().teams)}>
            {(t) => {
              const delta = () => {
                if (kind() === 'judged') return judged(t.id)?.delta;
                const r = result(t.id)?.delta;
                const f = falseStart(t.id)?.delta ?? 0;
                if (r === undefined && !f) return undefined;
                return (r ?? 0) + f;
              };
              return (
                <tr data-team={t.id} classList={{ answering: v().buzz?.answering === t.id, picker: v().stakes?.picker === t.id }}>
                  <td class="rank">{t.rank}</td>
                  <th scope="row">{t.name}</th>
                  <td class="num score">{fmt(t.score)}</td>
                  <Show when={kind() === 'risk'}>
                    <td class="num">{v().stakes?.picks[t.id] === 'pass' ? ts('stage.pass') : String(v().stakes?.picks[t.id] ?? '')}</td>
                  </Show>
                  <Show when={answerCols()}>
                    <td class="answer">{answer(t.id) ? letters(answer(t.id)!.options, q()?.options, q()?.type === 'truefalse') : noAnswer(t.id)}</td>
                  </Show>
                  <Show when={buzzCols()}>
                    <td>
                      {buzzPos(t.id) ?? ''}
                      <Show when={falseStart(t.id)}> {ts('stage.falseStart')}</Show>
                    </td>
                  </Show>
                  <Show when={answerCols()}>
                    <td class={answer(t.id) ? (answer(t.id)!.correct ? 'ok' : 'bad') : ''}>{answer(t.id) ? (answer(t.id)!.correct ? `✓ ${ts('stage.correct')}` : `✗ ${ts('stage.incorrect')}`) : ''}</td>
                  </Show>
                  <Show when={buzzCols()}>
                    <td class={attempt(t.id)?.verdict === 'correct' ? 'ok' : attempt(t.id) ? 'bad' : ''}>{attempt(t.id) ? ts(verdictText[attempt(t.id)!.verdict]) : ''}</td>
                  </Show>
                  <Show when={kind() === 'judged'}>
                    <td class="num">{judged(t.id) ? fmt(judged(t.id)!.aggregate) : ''}</td>
                  </Show>
                  <td class="num">
                    <Show when={delta() !== undefined}>
                      <span class="sb-delta" classList={{ up: delta()! > 0, down: delta()! < 0 }}>
                        {signed(delta()!)}
                      </span>
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </section>
  );
}
