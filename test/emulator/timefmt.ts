// Each dialect's own timestamp format. Adapters are tested against these shapes.

function isoParts(ms: number): { date: string; time: string } {
  const iso = new Date(ms).toISOString(); // 2019-06-19T13:50:08.900Z
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** CNaaS: naive UTC with microseconds, "2019-06-19 13:50:08.900000". */
export function cnaasTime(ms: number): string {
  const { date, time } = isoParts(ms);
  const micros = String(Math.floor(((ms % 1000) + 1000) % 1000) * 1000).padStart(6, '0');
  return `${date} ${time}.${micros}`;
}

/**
 * Current CNaaS: Python's datetime.isoformat() of a naive UTC time (db/helper.py json_dumper),
 * "2019-06-19T13:50:08.900000", the fraction left out when it is zero.
 */
export function cnaasIsoTime(ms: number): string {
  const { date, time } = isoParts(ms);
  const frac = ((ms % 1000) + 1000) % 1000;
  return `${date}T${time}${frac ? `.${String(frac * 1000).padStart(6, '0')}` : ''}`;
}

/** CDRouter's server zone: fixed US Eastern daylight time, as in the seed's samples. */
const CDROUTER_OFFSET_MIN = -4 * 60;

/**
 * CDRouter: Go's RFC3339Nano in the server's zone, "2016-04-14T11:15:54.211891321-04:00".
 * Go drops trailing zeros of the fraction (the seed has ".16485173"), so we do too.
 * `nanos` (0..999999) adds the sub-millisecond digits a real server has.
 */
export function cdrouterTime(ms: number, nanos = 0): string {
  const { date, time } = isoParts(ms + CDROUTER_OFFSET_MIN * 60_000);
  const frac = (
    String(((ms % 1000) + 1000) % 1000).padStart(3, '0') + String(nanos % 1_000_000).padStart(6, '0')
  ).replace(/0+$/, '');
  const sign = CDROUTER_OFFSET_MIN < 0 ? '-' : '+';
  const off = Math.abs(CDROUTER_OFFSET_MIN);
  const zone = `${sign}${String(Math.floor(off / 60)).padStart(2, '0')}:${String(off % 60).padStart(2, '0')}`;
  return `${date}T${time}${frac ? '.' + frac : ''}${zone}`;
}

/** CDRouter result ids are the start time, "20160414111554" (server zone). */
export function cdrouterResultId(ms: number): string {
  const { date, time } = isoParts(ms + CDROUTER_OFFSET_MIN * 60_000);
  return date.replace(/-/g, '') + time.replace(/:/g, '');
}

/** Puppet: UTC to the second with Z, "2016-05-20T16:45:31Z". */
export function puppetTime(ms: number): string {
  const { date, time } = isoParts(ms);
  return `${date}T${time}Z`;
}

/** Stack-jobs: the seed only says "timestamp"; we send ISO-8601 UTC, "2024-05-01T02:00:00Z". */
export function isoUtc(ms: number): string {
  return puppetTime(ms);
}

/** Beacon: unix seconds; PHP-style 0 for "not yet". */
export function unixSeconds(ms: number | undefined): number {
  return ms === undefined ? 0 : Math.floor(ms / 1000);
}
