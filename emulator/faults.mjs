/**
 * Injected faults: the next N requests matching a method and path pattern fail in a chosen way,
 * so client tests can produce every error the contract documents and the failures it does not
 * (proxy pages, empty or malformed bodies, cut streams, dead connections).
 */
import {ApiError, ERROR_CODES, codeForStatus, sendError} from './http.mjs';

/**
 * @typedef {object} Fault
 * @property {string} id
 * @property {string} [method]
 * @property {RegExp} pattern matched against the path after /v2
 * @property {number} remaining
 * @property {number} [status]
 * @property {string} [code]
 * @property {Record<string, unknown>} [details]
 * @property {number} [retryAfter]
 * @property {boolean} [retryAfterHeader]
 * @property {number} [delayMs]
 * @property {'malformed-json' | 'html' | 'empty' | 'huge'} [body]
 * @property {number} [cutStreamAfterFrames]
 * @property {string} [streamError]
 * @property {boolean} [networkError]
 * @property {boolean} [hang]
 */

/** JSON Schema of `POST /__control/faults`. */
export const FAULT_REQUEST_SCHEMA = {
  type: 'object',
  required: ['path'],
  additionalProperties: false,
  properties: {
    method: {type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']},
    path: {type: 'string', minLength: 1},
    count: {type: 'integer', minimum: 1, default: 1},
    status: {type: 'integer', minimum: 100, maximum: 599},
    code: {type: 'string', enum: Object.keys(ERROR_CODES).filter((code) => code !== 'NOT_FOUND')},
    details: {type: 'object'},
    retryAfter: {type: 'number', minimum: 0},
    retryAfterHeader: {type: 'boolean', default: true},
    delayMs: {type: 'integer', minimum: 0},
    body: {type: 'string', enum: ['malformed-json', 'html', 'empty', 'huge']},
    cutStreamAfterFrames: {type: 'integer', minimum: 0},
    streamError: {type: 'string', minLength: 1},
    networkError: {type: 'boolean'},
    hang: {type: 'boolean'},
  },
};

const HUGE_BODY_BYTES = 10 * 1024 * 1024;

export class FaultRegistry {
  constructor() {
    /** @type {Fault[]} */
    this.faults = [];
    this.nextId = 1;
  }

  /**
   * @param {Record<string, any>} request a body that passed FAULT_REQUEST_SCHEMA
   * @returns {string} the fault's id
   */
  add({path, count = 1, ...rest}) {
    let pattern;
    try {
      pattern = new RegExp(path);
    } catch (error) {
      throw new ApiError('VALIDATION_ERROR', {details: {field: 'path', reason: `path is not a regular expression: ${error.message}`}});
    }
    const id = `fault-${this.nextId++}`;
    this.faults.push({id, pattern, remaining: count, ...rest});
    return id;
  }

  clear() {
    this.faults = [];
  }

  /**
   * The first fault matching a request, counted down (and dropped when spent).
   * @param {string} method
   * @param {string} path the path after /v2
   * @returns {Fault | null}
   */
  take(method, path) {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.pattern.test(path));
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

/**
 * Whether a fault answers in the emulator's place. Faults that only delay or disturb a stream
 * let the request be processed normally.
 * @param {Fault} fault
 */
export const faultAnswers = (fault) =>
  fault.status !== undefined || fault.code !== undefined || fault.body !== undefined ||
  fault.details !== undefined || fault.retryAfter !== undefined;

/**
 * Sends a fault's answer. The status defaults to the code's documented one; a fault with only
 * `body` answers 200 (a broken success); one with neither code nor status answers 500.
 * @param {import('node:http').ServerResponse} res
 * @param {Fault} fault
 */
export function sendFaultAnswer(res, fault) {
  const code = fault.code ?? (fault.status ? codeForStatus(fault.status) : 'INTERNAL_SERVER_ERROR');
  const status = fault.status ?? (fault.code || !fault.body ? ERROR_CODES[code].status : 200);
  const error = new ApiError(code, {status, details: fault.details, retryAfter: fault.retryAfter ?? null,
    retryAfterHeader: fault.retryAfterHeader ?? true});
  if (!fault.body) return sendError(res, error);

  if (error.retryAfter !== null) res.setHeader('Retry-After', String(error.retryAfter));
  const {contentType, text} = faultBody(fault.body, status, error);
  res.writeHead(status, {...(contentType ? {'Content-Type': contentType} : {}), 'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

/**
 * @param {NonNullable<Fault['body']>} kind
 * @param {number} status
 * @param {ApiError} error
 */
function faultBody(kind, status, error) {
  switch (kind) {
    case 'malformed-json':
      return {contentType: 'application/json; charset=utf-8', text: JSON.stringify(error.envelope).slice(0, 20)};
    case 'html':
      // What a reverse proxy in front of the API shows when the API is down.
      return {contentType: 'text/html; charset=utf-8', text: `<!doctype html>\n<html><head><title>${status} Error</title></head>` +
        `<body><center><h1>${status} Error</h1></center><hr><center>nginx</center></body></html>\n`};
    case 'empty':
      return {contentType: null, text: ''};
    case 'huge': {
      const padding = 'x'.repeat(HUGE_BODY_BYTES);
      const envelope = error.envelope;
      return {contentType: 'application/json; charset=utf-8',
        text: JSON.stringify(status >= 400 ? {error: {...envelope.error, details: {...envelope.error.details, padding}}} : {padding})};
    }
  }
}
