import { Show } from 'solid-js';
import { t } from '../i18n';

/** A failed request, in words: the server's localized message, or ours when the network failed. */
export function ErrorNotice(props: { error: { code: string; message: string }; onRetry?: () => void }) {
  return (
    <div class="notice error" role="alert">
      <p>{props.error.code === 'network/failed' ? t('common.networkError') : props.error.message}</p>
      <Show when={props.onRetry}>
        <button type="button" class="button" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </button>
      </Show>
    </div>
  );
}
