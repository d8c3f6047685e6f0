import { createSignal } from 'solid-js';

const KEY = 'elder';

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    // Some in-app browsers refuse storage in private mode: the switch still works until a reload.
    return false;
  }
}

const [elder, setElderSignal] = createSignal(stored());

const apply = (on: boolean) => document.documentElement.classList.toggle('elder', on);
apply(elder());

/**
 * 长辈模式 (large-text mode for older residents, after the 适老化 guidance for public-service sites): larger
 * type, stronger contrast, bigger targets, no flashing countdowns. A class on <html> that the citizen and
 * audience stylesheets key on, set before the first render and remembered on the device.
 */
export { elder };

export function setElder(on: boolean) {
  setElderSignal(on);
  apply(on);
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    /* see stored() */
  }
}
