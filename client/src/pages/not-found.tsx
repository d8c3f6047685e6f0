import { A } from '@solidjs/router';
import { t } from '../i18n';

export default function NotFound() {
  return (
    <section class="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <A href="/" class="button primary">
        {t('common.back')}
      </A>
    </section>
  );
}
