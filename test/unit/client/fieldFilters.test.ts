// Every dialect's field filters say what they are: the filter picker shows each label (and
// hint, where there is one) read when shown, so a blank one would offer a nameless filter.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import { DIALECTS } from '../../../src/client/registry';

describe('field filters are said in words', () => {
  for (const dialect of Object.values(DIALECTS)) {
    it(dialect.kind, () => {
      const adapter = dialect.create(
        new HttpClient({
          connection: { name: 'x', kind: dialect.kind, url: 'http://127.0.0.1:9' },
          auth: dialect.auth,
          token: async () => undefined,
        }),
      );
      const filters = adapter.capabilities.fieldFilters ?? [];
      const fields = filters.map((f) => f.field);
      assert.equal(new Set(fields).size, fields.length, `one filter per field: ${fields}`);
      for (const f of filters) {
        assert.match(f.field, /^[a-z_]+$/, 'a server field name, as the server spells it');
        assert.ok(f.label.trim(), `${dialect.kind}.${f.field}: label`);
        if ('hint' in f) assert.ok(f.hint?.trim(), `${dialect.kind}.${f.field}: hint`);
      }
    });
  }
});
