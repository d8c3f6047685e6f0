import { createResource, createRoot } from 'solid-js';
import { api, setCsrfToken, type Me } from '../lib/api';

/** The signed-in staff member, loaded once per page load and refreshed after login/logout. */
const session = createRoot(() => {
  const [me, { refetch, mutate }] = createResource<Me | null>(async () => {
    const r = await api.me();
    if (!r.ok) return null;
    setCsrfToken(r.data.csrfToken);
    return r.data;
  });
  return { me, refetch, mutate };
});

export const me = session.me;

export function signedIn(value: Me) {
  setCsrfToken(value.csrfToken);
  session.mutate(value);
}

export async function signOut() {
  await api.logout();
  setCsrfToken('');
  session.mutate(null);
}
