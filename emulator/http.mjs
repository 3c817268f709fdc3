/**
 * HTTP plumbing shared by every emulator route: the error codes with their documented statuses and
 * messages, the one error type handlers throw, and the response and body helpers.
 */

/**
 * The documented error codes (api/siteassist-v2.openapi.json: `info.description` pairs each with its
 * HTTP status, and `ErrorEnvelope` lists them): HTTP status and default message.
 * `NOT_FOUND` is the emulator's own, for paths outside the contract.
 * @type {Record<string, {status: number, message: string}>}
 */
export const ERROR_CODES = {
  INVALID_REQUEST_BODY: {status: 400, message: 'Invalid request body. Content is required.'},
  UNAUTHORIZED: {status: 401, message: 'Authentication required'},
  PAYMENT_REQUIRED: {status: 402, message: 'A higher pricing plan is required to access this feature'},
  FORBIDDEN: {status: 403, message: 'Access denied to this conversation'},
  CONVERSATION_NOT_FOUND: {status: 404, message: 'Conversation not found!'},
  CONFLICT: {status: 409, message: 'Resource already exists'},
  VALIDATION_ERROR: {status: 422, message: 'Validation failed'},
  RATE_LIMIT_EXCEEDED: {status: 429, message: 'Rate limit exceeded. Please try again later.'},
  INTERNAL_SERVER_ERROR: {status: 500, message: 'An internal server error occurred'},
  BAD_GATEWAY: {status: 502, message: 'Service temporarily unavailable'},
  SERVICE_UNAVAILABLE: {status: 503, message: 'Service temporarily unavailable'},
  NOT_FOUND: {status: 404, message: 'No such endpoint'},
};

/** The code documented for an HTTP status, for faults that give only a status. */
export function codeForStatus(status) {
  const entry = Object.entries(ERROR_CODES).find(([code, e]) => e.status === status && code !== 'NOT_FOUND');
  return entry ? entry[0] : 'INTERNAL_SERVER_ERROR';
}

/** An error answered with the documented envelope. Handlers throw it; the server sends it. */
export class ApiError extends Error {
  /**
   * @param {string} code one of ERROR_CODES
   * @param {{message?: string, details?: Record<string, unknown>, status?: number, retryAfter?: number | null, retryAfterHeader?: boolean}} [options]
   *   `retryAfter` sets `details.retryAfter` and, unless `retryAfterHeader` is false, the `Retry-After` header.
   */
  constructor(code, {message, details, status, retryAfter = null, retryAfterHeader = true} = {}) {
    super(message ?? ERROR_CODES[code].message);
    this.code = code;
    this.status = status ?? ERROR_CODES[code].status;
    this.details = retryAfter === null ? details : {...details, retryAfter};
    this.retryAfter = retryAfterHeader ? retryAfter : null;
  }

  get envelope() {
    return {error: {message: this.message, code: this.code, ...(this.details ? {details: this.details} : {})}};
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

/** @param {import('node:http').ServerResponse} res */
export function sendEmpty(res, status = 204) {
  res.writeHead(status);
  res.end();
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {ApiError} error
 */
export function sendError(res, error) {
  if (error.retryAfter !== null) res.setHeader('Retry-After', String(error.retryAfter));
  sendJson(res, error.status, error.envelope);
}

/** Far above any valid request (content is capped at 10,000 characters); guards memory. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * The raw request body as text ('' when there is none).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('INVALID_REQUEST_BODY', {message: 'Invalid request body. It is too large.'});
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a body read by readBody: `undefined` when empty, else the JSON value.
 * @param {string} text
 * @throws {ApiError} INVALID_REQUEST_BODY when it is not JSON
 */
export function parseJsonBody(text) {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('INVALID_REQUEST_BODY', {message: 'Invalid request body. It is not valid JSON.'});
  }
}
