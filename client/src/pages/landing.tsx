import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';

/** Home: the two ways in — the online quiz and a live contest by PIN. */
export default function Landing() {
  const navigate = useNavigate();
  const [pin, setPin] = createSignal('');
  const [invalid, setInvalid] = createSignal(false);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(pin())) {
      setInvalid(true);
      return;
    }
    navigate(`/join/${pin()}`);
  };
  return (
    <div class="landing">
      <section class="hero">
        <h1>{t('app.title')}</h1>
        <p>{t('app.subtitle')}</p>
      </section>
      <div class="cards">
        <section class="card">
          <h2>{t('landing.quiz.title')}</h2>
          <p>{t('landing.quiz.body')}</p>
          <A class="button primary" href="/quiz">
            {t('landing.quiz.action')}
          </A>
        </section>
        <section class="card">
          <h2>{t('landing.join.title')}</h2>
          <p>{t('landing.join.body')}</p>
          <form class="pin-form" onSubmit={submit} novalidate>
            <label for="pin">{t('landing.join.pinLabel')}</label>
            <div class="pin-row">
              <input
                id="pin"
                name="pin"
                inputmode="numeric"
                autocomplete="off"
                maxlength={6}
                placeholder="000000"
                value={pin()}
                aria-invalid={invalid()}
                aria-describedby="pin-error"
                onInput={(e) => {
                  setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 6));
                  e.currentTarget.value = pin();
                  setInvalid(false);
                }}
              />
              <button class="button primary" type="submit">
                {t('landing.join.action')}
              </button>
            </div>
            <Show when={invalid()}>
              <p id="pin-error" class="error" role="alert">
                {t('landing.join.pinInvalid')}
              </p>
            </Show>
          </form>
        </section>
      </div>
    </div>
  );
}
