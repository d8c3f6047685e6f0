import { A } from '@solidjs/router';
import type { ParentProps } from 'solid-js';
import { ElderSwitch } from './components/elder-switch';
import { locale, setLocale, t } from './i18n';

/** The frame every citizen-facing page shares: title bar with the language switch, content, footer. */
export function Layout(props: ParentProps) {
  return (
    <div class="shell">
      <header class="topbar">
        <A href="/" class="brand" aria-label={t('app.title')}>
          <span class="brand-mark" aria-hidden="true">
            ✚
          </span>
          <span>{t('app.title')}</span>
        </A>
        <div class="topbar-tools">
          <ElderSwitch class="lang-switch" />
          <button
            type="button"
            class="lang-switch"
            aria-label={t('lang.switchLabel')}
            onClick={() => setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('lang.switch')}
          </button>
        </div>
      </header>
      <main class="content">{props.children}</main>
      <footer class="footer">{t('footer.text')}</footer>
    </div>
  );
}
