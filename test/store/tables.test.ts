import { describe, expect, it } from 'vitest';
import { PROJECTIONS, TABLES } from '../../src/projections/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { ownerColumn } from '../../src/store/sqlite/tableSql.js';
import { tempDbPath } from '../helpers/k8s.js';

describe('projection table declarations', () => {
  it('name every column of the SQLite tables, in a schema migrated from the first migration on', () => {
    const store = SqliteStore.open(tempDbPath());
    try {
      for (const p of PROJECTIONS) {
        const t = TABLES[p];
        const live = (store.db.pragma(`table_info(${p})`) as { name: string; notnull: number }[]).map(
          (c) => c.name,
        );
        const declared = [
          'id',
          ownerColumn(t),
          ...t.columns.map((c) => c.name),
          'valid_from',
          'from_position',
          'valid_to',
          ...t.closeColumns,
        ];
        expect([...live].sort()).toEqual([...declared].sort());
      }
    } finally {
      store.close();
    }
  });

  it('declare nullable exactly the columns the schema lets be NULL', () => {
    const store = SqliteStore.open(tempDbPath());
    try {
      for (const p of PROJECTIONS) {
        const live = new Map(
          (store.db.pragma(`table_info(${p})`) as { name: string; notnull: number }[]).map((c) => [
            c.name,
            c.notnull === 0,
          ]),
        );
        for (const c of TABLES[p].columns)
          expect([p, c.name, live.get(c.name)]).toEqual([p, c.name, c.nullable]);
      }
    } finally {
      store.close();
    }
  });
});
