import type { AppError, Result } from '../../../../shared/protocol/result';
import { connect } from '../../lib/socket';

export interface ContestPeek {
  title: string | null;
  counties: { code: string; name: string }[];
  finished: boolean;
}

/**
 * What the audience form needs before anyone joins: the contest's title and the counties to pick from.
 * The audience join itself already needs the nickname and the county, so this asks once as a read-only
 * viewer (role 'screen', which needs no login) and hangs up at once.
 */
export function peekContest(pin: string): Promise<Result<ContestPeek>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Result<ContestPeek>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(r);
    };
    const network: AppError = { code: 'network/failed', message: '' };
    const timer = setTimeout(() => finish({ ok: false, error: network }), 15_000);
    const socket = connect((s) => {
      s.timeout(10_000).emit('contest:join', { pin, role: 'screen' }, (err: Error | null, r) => {
        if (err) return finish({ ok: false, error: network });
        if (!r.ok) return finish(r);
        finish({ ok: true, data: { title: r.data.view.title, counties: r.data.counties, finished: r.data.view.phase === 'finished' } });
      });
    });
  });
}
