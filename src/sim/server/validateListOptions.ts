import type { ListOptions } from './queryOptions.js';
import type { FieldError } from './statusObjects.js';

const forbidden = (field: string, detail: string): FieldError => ({
  field,
  type: 'FieldValueForbidden',
  detail,
});

/**
 * ListOptions validation as apimachinery's internalversion `ValidateListOptions` does it (newer
 * versions, with the WatchList gate as a parameter). An empty array means valid; otherwise the caller
 * answers 422 Invalid with these causes.
 */
export function validateListOptions(o: ListOptions, watchListGate: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (o.sendInitialEvents !== undefined) {
    if (!o.watch) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
    else {
      if (!watchListGate) {
        errs.push(
          forbidden(
            'sendInitialEvents',
            'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
          ),
        );
      }
      if (o.resourceVersionMatch !== 'NotOlderThan') {
        errs.push(
          forbidden(
            'resourceVersionMatch',
            'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
          ),
        );
      }
    }
  }
  const match = o.resourceVersionMatch;
  if (match !== undefined) {
    if (o.watch && o.sendInitialEvents === undefined) {
      errs.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        ),
      );
    } else if (match !== 'Exact' && match !== 'NotOlderThan') {
      errs.push({
        field: 'resourceVersionMatch',
        type: 'FieldValueNotSupported',
        detail: `"${match}": supported values: "Exact", "NotOlderThan"`,
      });
    } else if (!o.watch && o.resourceVersion === undefined) {
      errs.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        ),
      );
    } else if (o.continueToken !== undefined) {
      errs.push(
        forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'),
      );
    } else if (match === 'Exact' && o.resourceVersion === '0') {
      errs.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
        ),
      );
    }
  }
  return errs;
}
