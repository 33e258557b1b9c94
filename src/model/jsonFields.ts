import { Rejected } from './rejected.js';

/**
 * Typed readers over parsed JSON. Absent and null read as "unset" (null, [], {}), because Go's
 * `omitempty` and nil pointers make them mean the same; a value of the wrong type is a structural
 * error and abandons the object with `invalid-field`. `at` is the parent's path, used only to
 * build the message.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrongType(at: string, expected: string, value: unknown): Rejected {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return new Rejected('invalid-field', `${at}: expected ${expected}, got ${got}`);
}

function pathOf(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

function field(parent: JsonObject, key: string): unknown {
  return Object.hasOwn(parent, key) ? parent[key] : undefined;
}

/** An element or value that must be an object. */
export function asObject(value: unknown, at: string): JsonObject {
  if (!isJsonObject(value)) throw wrongType(at, 'object', value);
  return value;
}

export function objectAt(parent: JsonObject, key: string, at: string): JsonObject | null {
  const value = field(parent, key);
  if (value === undefined || value === null) return null;
  return asObject(value, pathOf(at, key));
}

export function arrayAt(parent: JsonObject, key: string, at: string): unknown[] {
  const value = field(parent, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(pathOf(at, key), 'array', value);
  return value;
}

export function stringAt(parent: JsonObject, key: string, at: string): string | null {
  const value = field(parent, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw wrongType(pathOf(at, key), 'string', value);
  return value;
}

/** Like `stringAt`, but "" reads as unset: for optional Go strings where "" and absent are one state. */
export function nonEmptyStringAt(parent: JsonObject, key: string, at: string): string | null {
  const value = stringAt(parent, key, at);
  return value === '' ? null : value;
}

export function intAt(parent: JsonObject, key: string, at: string): number | null {
  const value = field(parent, key);
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value)) throw wrongType(pathOf(at, key), 'integer', value);
  return value as number;
}

/** An integer the API requires: absent is as wrong as a bad type. */
export function requiredIntAt(parent: JsonObject, key: string, at: string): number {
  const value = intAt(parent, key, at);
  if (value === null) throw new Rejected('invalid-field', `${pathOf(at, key)}: required integer is absent`);
  return value;
}

export function boolAt(parent: JsonObject, key: string, at: string): boolean | null {
  const value = field(parent, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw wrongType(pathOf(at, key), 'boolean', value);
  return value;
}

/** A string→string map, copied with its keys in sorted order so its JSON is canonical. */
export function stringMapAt(parent: JsonObject, key: string, at: string): Record<string, string> {
  const map = objectAt(parent, key, at);
  const out: Record<string, string> = {};
  if (map === null) return out;
  for (const name of Object.keys(map).sort()) {
    const value = map[name];
    if (typeof value !== 'string')
      throw wrongType(`${pathOf(at, key)}[${JSON.stringify(name)}]`, 'string', value);
    out[name] = value;
  }
  return out;
}
