import type { AudienceView, MemberView, PublicView } from './views.js';

// Its own module with type-only imports, so the audience phone's bundle carries no zod.

/** Rebuilds an audience member's view from the two halves it receives (public broadcast + own part). */
export function audienceView(pub: PublicView, me: MemberView): AudienceView {
  return { ...pub, role: 'audience', me };
}
