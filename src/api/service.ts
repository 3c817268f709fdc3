import {SiteAssistClient, type ClientConfig} from './client.js';

const services = new Map<string, SiteAssistClient>();

/**
 * The one client for a configuration: elements configured alike share its session, cache and
 * in-flight requests, and hear each other's writes.
 */
export function getService(config: ClientConfig): SiteAssistClient {
  const key = JSON.stringify([config.apiUrl, config.apiKey ?? '', config.token ?? '']);
  let service = services.get(key);
  if (!service) services.set(key, (service = new SiteAssistClient(config)));
  return service;
}
