import type { AppError, Result } from '../../../shared/result';
import type { CampaignSummary, ContestSummary } from '../../../shared/public';
import { locale } from '../i18n';

/** Every call to the server goes through here: locale header, JSON, and errors as values. */
async function request<T>(path: string, init: RequestInit = {}): Promise<Result<T>> {
  try {
    const res = await fetch(`/api${path}`, {
      ...init,
      headers: { 'Accept-Language': locale(), ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    });
    const body = (await res.json()) as Result<T>;
    return body;
  } catch {
    const error: AppError = { code: 'network/failed', message: '' };
    return { ok: false, error };
  }
}

export const api = {
  openCampaigns: () => request<CampaignSummary[]>('/campaigns/open'),
  contestByPin: (pin: string) => request<ContestSummary>(`/contests/by-pin/${encodeURIComponent(pin)}`),
};
