// A field the user can filter jobs by (Capabilities.fieldFilters). Its field name goes to the
// server as is; its label and hint are shown, so they are asked for each time they are read
// (the capabilities are module constants, made before the display language is configured).
import type { FieldFilterSpec } from './model';

export function fieldFilter(field: string, label: () => string, hint?: () => string): FieldFilterSpec {
  const spec = {
    field,
    get label() {
      return label();
    },
  };
  return hint ? Object.defineProperty(spec, 'hint', { get: hint, enumerable: true }) : spec;
}
