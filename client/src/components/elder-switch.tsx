import { elder, setElder } from '../lib/elder';
import { t } from '../i18n';

/** The 长辈模式 toggle of the citizen and audience pages: a pressed-state button, remembered on the device. */
export function ElderSwitch(props: { class: string }) {
  return (
    <button type="button" class={`elder-switch ${props.class}`} aria-pressed={elder()} title={t('elder.label')} onClick={() => setElder(!elder())}>
      <span aria-hidden="true" class="elder-switch-mark">
        {elder() ? '✓' : 'A+'}
      </span>
      {t('elder.on')}
    </button>
  );
}
