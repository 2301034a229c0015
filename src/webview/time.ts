// Times as the user's clock shows them, without seconds lost: "2019-06-19 15:50:08".
export function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Only the time of day when the day is the same as `ref`'s. */
export function shortTime(ms: number, ref?: number): string {
  const full = localTime(ms);
  return ref !== undefined && localTime(ref).slice(0, 10) === full.slice(0, 10) ? full.slice(11) : full;
}
