/*
 * The recorder's vocabularies, each a literal union: they label metrics (eph_watch_restarts_total,
 * eph_relists_total), health, logs and the coverage rows' `reason`, so a misspelt one is a type error.
 */

/** Why we aborted a request ourselves: the recorder stops, or the writer lost a batch of this stream. */
export type AbortReason = 'stopped' | 'write-failed';

/** A failure after which the view can no longer be trusted: the next pass relists. */
export type RelistingFailure = 'expired' | 'error-event' | 'unavailable' | 'protocol' | `http-${number}`;

/** A failure after which the stream re-watches from its cursor. */
export type RewatchingFailure = AbortReason | 'forbidden' | 'throttled' | 'server-error' | 'idle' | 'network';

/** Why a request of a stream failed (classifyFailure). */
export type FailureReason = RelistingFailure | RewatchingFailure;

/** Why a stream's watch restarts: a failure, or the server's clean end of the body. */
export type RestartReason = FailureReason | 'eof';

/**
 * Why a kind's coverage closed: its stream broke, the recorder stopped (`shutdown`), or it died with
 * the coverage open (`crash`, written at the next start).
 */
export type CloseReason = RestartReason | 'shutdown' | 'crash';

/** Why a kind's coverage opened: a snapshot was stored, or a resumed watch proved live. */
export type OpenReason = 'list' | 'resume';

/**
 * Why a stream takes a snapshot: the first one (`initial`), the periodic check, a resumed watch that
 * stayed silent (an RV reset), no cursor to resume from, too many failures in a row, or a failure that
 * calls for one.
 */
export type RelistReason = 'initial' | 'periodic' | 'silent' | 'no-cursor' | 'failures' | RelistingFailure;

/**
 * What eph_relists_total counts: the relists, and the extra work inside one (WatchList refused, a
 * continue token expired mid-list, a list resourceVersion below our cursor).
 */
export type RelistCount = RelistReason | 'watch-list-unsupported' | 'continue-expired' | 'rv-reset';
