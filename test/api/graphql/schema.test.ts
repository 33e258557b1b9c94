import { buildSchema, isEnumType, isObjectType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSchemaSource } from '../../../src/api/graphql/index.js';

const schema = buildSchema(loadSchemaSource());
const ours = Object.values(schema.getTypeMap()).filter(
  (t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
);

describe('the SDL in graphql/', () => {
  it('documents every type, field and enum value', () => {
    const missing: string[] = [];
    for (const t of ours) {
      if (!t.description) missing.push(t.name);
      if (isObjectType(t))
        for (const f of Object.values(t.getFields())) if (!f.description) missing.push(`${t.name}.${f.name}`);
      if (isEnumType(t))
        for (const v of t.getValues()) if (!v.description) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract of DESIGN.md: the names and types users rely on', () => {
    const field = (type: string, name: string) => {
      const t = schema.getType(type);
      return isObjectType(t) ? String(t.getFields()[name]?.type) : undefined;
    };
    expect(field('Query', 'endpoints')).toBe('EndpointSet!');
    expect(field('Query', 'podsByIP')).toBe('[PodInterval!]!');
    expect(field('Query', 'pod')).toBe('Pod');
    expect(field('Query', 'service')).toBe('Service');
    expect(field('Query', 'services')).toBe('[Service!]!');
    expect(field('Query', 'endpointsDiff')).toBe('EndpointsDiff!');
    expect(field('Query', 'coverage')).toBe('[CoverageInterval!]!');
    expect(field('EndpointSet', 'addresses')).toBe('[EndpointAddress!]!');
    expect(field('EndpointSet', 'lastChangeAt')).toBe('DateTime');
    expect(field('EndpointAddress', 'since')).toBe('DateTime!');
    expect(field('EndpointAddress', 'pod')).toBe('Pod');
    expect(field('PodInterval', 'pod')).toBe('Pod!');
    expect(field('Pod', 'ready')).toBe('Boolean!');
    expect(field('Service', 'changes')).toBe('MembershipChangeConnection!');
    expect(field('Subscription', 'endpointsChanged')).toBe('MembershipChange!');
    expect(isScalarType(schema.getType('DateTime'))).toBe(true);
    expect(schema.getMutationType()).toBeUndefined();
  });
});
