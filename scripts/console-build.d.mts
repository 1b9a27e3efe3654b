export function newestModification(target: string): number;
export function consoleBuildIsStale(root: string): boolean;
