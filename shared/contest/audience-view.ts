import type { AudienceView, MemberView, PublicView } from './views.js';

// Its own module with type-only imports, so the audience phone's bundle carries no zod.

/**
 * Rebuilds an audience member's view from the two halves it receives (public broadcast + own part).
 * The own part is not re-sent when a new question opens: an answer to an earlier opening is stale.
 */
export function audienceView(pub: PublicView, me: MemberView): AudienceView {
  const current = pub.question?.openingId ?? null;
  const fresh = me.openingId === null || me.openingId === current;
  return { ...pub, role: 'audience', me: fresh ? me : { ...me, answer: null, result: null, openingId: null } };
}
