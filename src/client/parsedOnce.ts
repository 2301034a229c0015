// A list poll whose body did not change gets the same frozen wire objects back from
// HttpClient (see REUSE_MAX_CHARS there). Parsing them again would make equal but new jobs,
// which the store then has to compare field by field; parsed once, they stay the same objects.

/** `parse`, remembering its result per frozen wire object (other values are parsed each time). */
export function parsedOnce<Rest extends unknown[], T>(
  parse: (raw: unknown, ...rest: Rest) => T,
): (raw: unknown, ...rest: Rest) => T {
  const seen = new WeakMap<object, T>();
  return (raw, ...rest) => {
    if (typeof raw !== 'object' || raw === null || !Object.isFrozen(raw)) return parse(raw, ...rest);
    const known = seen.get(raw);
    if (known !== undefined) return known;
    const parsed = parse(raw, ...rest);
    seen.set(raw, parsed);
    return parsed;
  };
}
