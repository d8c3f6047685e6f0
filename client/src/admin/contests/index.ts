/**
 * The back office's live-contest pages: the list (`list.tsx`) and the editor (`editor.tsx`: basics, `teams.tsx`,
 * `rounds.tsx`, the save bar, and once saved `links.tsx` with the PIN, device links and hosts), over the form
 * model in `model.ts`.
 */
export { ContestEditor } from './editor';
export { ContestList } from './list';
