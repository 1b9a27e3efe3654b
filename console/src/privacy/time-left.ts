/** Time until a due date as a countdown: "3 d 4 h left", "5 h 10 min left", "overdue by 2 d 1 h". */
export function formatTimeLeft(dueAt: string, now: number): string {
  const seconds = Math.round((new Date(dueAt).getTime() - now) / 1000);
  const span = Math.abs(seconds);
  const days = Math.floor(span / 86_400);
  const hours = Math.floor((span % 86_400) / 3600);
  const minutes = Math.floor((span % 3600) / 60);
  const text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  return seconds < 0 ? `overdue by ${text}` : `${text} left`;
}
