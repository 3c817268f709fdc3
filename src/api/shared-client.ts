import {SiteAssistClient, type ClientConfig} from './client.js';

const clients = new Map<string, SiteAssistClient>();

/**
 * The one client for a configuration: elements configured alike share its session, cache and
 * in-flight requests, and hear each other's writes.
 */
export function getClient(config: ClientConfig): SiteAssistClient {
  const key = JSON.stringify([config.apiUrl, config.apiKey ?? '', config.token ?? '']);
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new SiteAssistClient(config)));
  return client;
}

/** @deprecated The earlier name of `getClient`. */
export const getService = getClient;
