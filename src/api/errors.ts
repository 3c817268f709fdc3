import type {components} from './schema.js';

/** The codes the SiteAssist API puts in its error envelope. */
export type ServerErrorCode = components['schemas']['ErrorEnvelope']['error']['code'];

/**
 * Codes for failures that never reached a SiteAssist error envelope: the element lacks its
 * configuration, the network failed, the
 * request was aborted, the server (or a proxy) answered something that is not the envelope, or
 * a streamed reply ended early or reported an error frame.
 */
export type ClientErrorCode =
  | 'NOT_CONFIGURED'
  | 'NETWORK_ERROR'
  | 'ABORTED'
  | 'HTTP_ERROR'
  | 'INVALID_RESPONSE'
  | 'STREAM_INTERRUPTED'
  | 'STREAM_ERROR';

export type ErrorCode = ServerErrorCode | ClientErrorCode;

/** The one error type every API call rejects with. */
export class SiteAssistError extends Error {
  override name = 'SiteAssistError';

  constructor(
    /** A documented server code, or a client code for failures outside the envelope. */
    readonly code: ErrorCode,
    message: string,
    /** The HTTP status, or 0 when no response arrived. */
    readonly status = 0,
    readonly details: Readonly<Record<string, unknown>> | null = null,
    /** Seconds to wait before trying again, from `Retry-After` or `details.retryAfter`. */
    readonly retryAfter: number | null = null
  ) {
    super(message);
  }
}

/**
 * A 401 from an endpoint that takes only the publishable key (`identity/init`, `projects/current`):
 * SiteAssist does not know the key, or not from this site's domain.
 */
export class KeyRefusedError extends SiteAssistError {
  constructor(cause: SiteAssistError) {
    super('UNAUTHORIZED', cause.message, 401, cause.details);
  }
}

export function abortError(): SiteAssistError {
  return new SiteAssistError('ABORTED', 'The request was aborted');
}

export function isAbort(error: unknown): boolean {
  return (
    (error instanceof SiteAssistError && error.code === 'ABORTED') ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

/** Seconds from a `Retry-After` header: either delta-seconds or an HTTP date. */
function parseRetryAfterHeader(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

interface Envelope {
  error: {code: ServerErrorCode; message: string; details?: Record<string, unknown>};
}

function isEnvelope(value: unknown): value is Envelope {
  const error = (value as Envelope | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Builds the typed error for a non-2xx response, whatever its body turns out to be. */
export async function errorFromResponse(response: Response): Promise<SiteAssistError> {
  let body: unknown = null;
  try {
    body = JSON.parse(await response.text());
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): described below by status alone.
  }
  const envelope = isEnvelope(body) ? body.error : null;
  const details = envelope?.details ?? null;
  const retryAfter =
    parseRetryAfterHeader(response.headers.get('Retry-After')) ??
    (typeof details?.retryAfter === 'number' ? details.retryAfter : null);
  return new SiteAssistError(
    envelope?.code ?? 'HTTP_ERROR',
    envelope?.message ?? `The server answered ${response.status} without a SiteAssist error body`,
    response.status,
    details,
    retryAfter
  );
}
