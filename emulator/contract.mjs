/**
 * The OpenAPI document as the emulator's source of truth: routes, authentication, and request
 * validation all come from api/siteassist-v2.openapi.json, so the emulator cannot accept or answer
 * what the contract does not describe. Response validation is here too, for the emulator's tests.
 */
import {readFile} from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {ApiError} from './http.mjs';

export const SPEC_URL = new URL('../api/siteassist-v2.openapi.json', import.meta.url);
const SPEC_ID = 'https://api.siteassist.io/v2/openapi.json';
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Values older clients send that the contract spells differently today; accepted for read-compat.
 * The seed documentation spells the sort field `lastInterationAt`.
 */
const LEGACY_QUERY_VALUES = {orderBy: {lastInterationAt: 'lastInteractionAt'}};

/**
 * @typedef {object} Operation
 * @property {string} operationId
 * @property {string} method upper case
 * @property {string} template e.g. "/conversations/{id}"
 * @property {boolean} requiresAuth from the operation's `security`
 * @property {(path: string) => Record<string, string> | null} matchPath
 * @property {Array<{name: string, schema: any}>} queryParameters
 * @property {import('ajv').ValidateFunction} validatePath
 * @property {import('ajv').ValidateFunction} validateQuery
 * @property {import('ajv').ValidateFunction | null} validateBody
 * @property {Record<string, any>} responses
 */

export class Contract {
  /** @param {any} spec the parsed OpenAPI document */
  constructor(spec) {
    this.spec = spec;
    // Query and path values arrive as strings: coerce them to the declared types, fill defaults.
    this.parameterAjv = createAjv(spec, {coerceTypes: true, useDefaults: true});
    this.bodyAjv = createAjv(spec, {});
    /** @type {Map<string, import('ajv').ValidateFunction>} */
    this.responseValidators = new Map();
    /** @type {Operation[]} */
    this.operations = [];
    for (const [template, pathItem] of Object.entries(spec.paths)) {
      for (const method of HTTP_METHODS) {
        if (pathItem[method]) this.operations.push(this.#compileOperation(template, method, pathItem[method]));
      }
    }
  }

  /** @param {URL | string} [specUrl] */
  static async load(specUrl = SPEC_URL) {
    return new Contract(JSON.parse(await readFile(specUrl, 'utf8')));
  }

  /**
   * The operation for a request, with its path parameters (raw strings).
   * @param {string} method
   * @param {string} path the path after /v2
   * @returns {{operation: Operation, pathParams: Record<string, string>} | null}
   */
  match(method, path) {
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const pathParams = operation.matchPath(path);
      if (pathParams) return {operation, pathParams};
    }
    return null;
  }

  /**
   * Validates and coerces a request's path parameters, query and JSON body.
   * @param {Operation} operation
   * @param {{pathParams: Record<string, string>, searchParams: URLSearchParams, body: unknown}} request
   * @returns {{params: Record<string, any>, query: Record<string, any>, body: any}}
   * @throws {ApiError} 422 VALIDATION_ERROR for parameters; 400 or 422 for the body (see bodyError)
   */
  validateRequest(operation, {pathParams, searchParams, body}) {
    const params = {...pathParams};
    if (!operation.validatePath(params)) throw parameterError(operation.validatePath.errors);

    const query = readQuery(operation.queryParameters, searchParams);
    if (!operation.validateQuery(query)) throw parameterError(operation.validateQuery.errors);

    if (!operation.validateBody) return {params, query, body: undefined};
    // A missing body reads as an empty one, so the answer names the first missing field.
    const effectiveBody = body === undefined ? {} : body;
    if (!operation.validateBody(effectiveBody)) throw bodyError(operation.validateBody.errors, effectiveBody);
    return {params, query, body: effectiveBody};
  }

  /**
   * A validator for a body schema that is not part of the contract (the control endpoints), with
   * the same error mapping as the contract's bodies.
   * @param {object} schema JSON Schema
   * @returns {(body: unknown) => any} returns the body, or throws ApiError
   */
  bodyValidator(schema) {
    const validate = this.bodyAjv.compile(schema);
    return (body) => {
      if (!validate(body)) throw bodyError(validate.errors, body);
      return body;
    };
  }

  /**
   * Checks a response against the contract.
   * @param {{method: string, path: string, status: number, contentType: string | null, body: unknown}} response
   *   `path` after /v2; `body` parsed JSON for JSON responses, else text
   * @returns {string[]} problems; empty when the response matches
   */
  validateResponse({method, path, status, contentType, body}) {
    const match = this.match(method, path);
    if (!match) return [`no operation for ${method} ${path}`];
    const response = this.#resolve(match.operation.responses[String(status)]);
    if (!response) return [`${match.operation.operationId} does not document status ${status}`];
    if (!response.content) return body === '' || body === undefined ? [] : [`status ${status} documents no body`];
    const mediaType = (contentType ?? '').split(';')[0].trim();
    const media = response.content[mediaType];
    if (!media) return [`${match.operation.operationId} ${status} does not document ${mediaType || 'a missing content type'}`];
    const key = `${match.operation.operationId} ${status} ${mediaType}`;
    if (!this.responseValidators.has(key)) this.responseValidators.set(key, this.bodyAjv.compile(this.#absolute(media.schema)));
    const validate = this.responseValidators.get(key);
    return validate(body) ? [] : validate.errors.map((e) => `${e.instancePath || '(body)'} ${e.message}`);
  }

  /**
   * @param {string} template
   * @param {string} method
   * @param {any} operation
   * @returns {Operation}
   */
  #compileOperation(template, method, operation) {
    const parameters = operation.parameters ?? [];
    const names = [];
    const pattern = template.replace(/\{(\w+)\}/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    });
    const regex = new RegExp(`^${pattern}$`);
    const jsonBody = operation.requestBody?.content?.['application/json'];
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      template,
      requiresAuth: (operation.security ?? this.spec.security ?? []).length > 0,
      matchPath(path) {
        const found = regex.exec(path);
        return found ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])])) : null;
      },
      queryParameters: parameters.filter((p) => p.in === 'query'),
      validatePath: this.parameterAjv.compile(objectSchema(parameters.filter((p) => p.in === 'path'))),
      validateQuery: this.parameterAjv.compile(objectSchema(parameters.filter((p) => p.in === 'query'))),
      validateBody: jsonBody ? this.bodyAjv.compile(this.#absolute(jsonBody.schema)) : null,
      responses: operation.responses,
    };
  }

  /** Follows a `$ref` to components/responses. */
  #resolve(object) {
    if (!object?.$ref) return object;
    return object.$ref.slice(2).split('/').reduce((node, key) => node[key], this.spec);
  }

  /** Makes a schema's document-relative `$ref`s resolvable from outside the document. */
  #absolute(schema) {
    return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`));
  }
}

/**
 * An Ajv instance that knows the whole document, so `#/components/schemas/…` references resolve.
 * strictSchema is off because the document's non-schema keys (paths, info, …) would trip it.
 * @param {any} spec
 * @param {{coerceTypes?: boolean, useDefaults?: boolean}} options
 */
function createAjv(spec, options) {
  const ajv = new Ajv2020({...options, strictSchema: false, allErrors: false});
  addFormats(ajv);
  ajv.addSchema({...spec, $id: SPEC_ID});
  return ajv;
}

/** @param {Array<{name: string, required?: boolean, schema: any}>} parameters */
function objectSchema(parameters) {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

/**
 * The declared query parameters of a request. Unknown parameters (cache busters) are ignored;
 * an empty value or `null` of a nullable parameter means null.
 * @param {Array<{name: string, schema: any}>} parameters
 * @param {URLSearchParams} searchParams
 */
function readQuery(parameters, searchParams) {
  const query = {};
  for (const {name, schema} of parameters) {
    const value = searchParams.get(name);
    if (value === null) continue;
    const nullable = Array.isArray(schema.type) && schema.type.includes('null');
    query[name] = nullable && (value === '' || value === 'null') ? null : (LEGACY_QUERY_VALUES[name]?.[value] ?? value);
  }
  return query;
}

/** @param {import('ajv').ErrorObject[]} errors */
function parameterError(errors) {
  const error = errors[0];
  const field = fieldOf(error);
  return new ApiError('VALIDATION_ERROR', {details: {field, reason: reasonFor(error, field)}});
}

/**
 * Missing, blank or mistyped fields (and bodies that are not objects) are 400
 * INVALID_REQUEST_BODY; values out of range are 422 VALIDATION_ERROR, as the docs' examples pair
 * them ("Content is required" / "Content exceeds maximum length").
 * @param {import('ajv').ErrorObject[]} errors
 * @param {unknown} body
 */
function bodyError(errors, body) {
  const error = errors[0];
  const field = fieldOf(error);
  if (!field) return new ApiError('INVALID_REQUEST_BODY', {message: 'Invalid request body. Expected a JSON object.'});
  const value = valueAt(body, error.instancePath);
  const missing = error.keyword === 'required' || error.keyword === 'minLength' ||
    (error.keyword === 'pattern' && typeof value === 'string' && value.trim() === '');
  if (missing) return new ApiError('INVALID_REQUEST_BODY', {message: `Invalid request body. ${capitalize(field)} is required.`, details: {field}});
  if (error.keyword === 'type') {
    return new ApiError('INVALID_REQUEST_BODY', {message: `Invalid request body. ${capitalize(field)} ${error.message}.`, details: {field, reason: reasonFor(error, field)}});
  }
  return new ApiError('VALIDATION_ERROR', {details: {field, reason: reasonFor(error, field)}});
}

/** "pageContext.url" from an Ajv error, or '' for the body itself. */
function fieldOf(error) {
  const segments = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') segments.push(error.params.missingProperty);
  return segments.join('.');
}

function reasonFor(error, field) {
  switch (error.keyword) {
    case 'maxLength':
      return `${capitalize(field)} exceeds maximum length of ${error.params.limit} characters`;
    case 'enum':
      return `${field} must be one of: ${error.params.allowedValues.map(String).join(', ')}`;
    case 'required':
      return `${field} is required`;
    default:
      return `${field} ${error.message}`;
  }
}

function valueAt(body, instancePath) {
  return instancePath.split('/').filter(Boolean).reduce((node, key) => node?.[key], body);
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);
