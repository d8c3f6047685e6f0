export function ContestList() { return null; }
export function ContestEditor() { return null; }
