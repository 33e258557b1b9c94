import { exceedsBytes, MAX_OBJECT_BYTES } from './objectSize.js';
import { rejection } from './rejected.js';
import { type SlimResult, slimObject } from './slimObject.js';
import type { Kind } from './types.js';

/**
 * `slimObject` of one object given as JSON text (an import line, a watch event's object). The
 * size limit is checked on the text before parsing, so a huge line costs no parse;
 * text that is not JSON is `malformed-json`.
 */
export function slimLine(kind: Kind, line: string, maxBytes: number = MAX_OBJECT_BYTES): SlimResult {
  if (exceedsBytes(line, maxBytes)) return rejection('too-large', `line is larger than ${maxBytes} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return rejection('malformed-json', error instanceof Error ? error.message : String(error));
  }
  // The limit is already enforced on the text; its length stands in so the object is not re-measured.
  return slimObject(kind, raw, { rawBytes: line.length, maxBytes });
}
