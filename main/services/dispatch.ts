import { isMethod, parseRequest, type MethodName, type ServiceName, type StudioHandlers } from '../../preload/contract.ts';
import { HostError } from './host-error.ts';

/**
 * Calls `service.method` with a request from outside (an HTTP body, an IPC payload): the
 * names are checked against the contract and the request against the method's schema
 * before the handler sees it. Both front doors go through here.
 */
export async function dispatch(handlers: StudioHandlers, service: string, method: string, request: unknown): Promise<unknown> {
  if (!isMethod(service, method)) throw new HostError('NOT_FOUND', `no method ${service}.${method}`);
  const parsed = parseRequest(service as ServiceName, method as MethodName<ServiceName>, request);
  if (!parsed.ok) throw new HostError('BAD_REQUEST', `${parsed.field || 'request'}: ${parsed.message}`, parsed.field);
  const handler = (handlers[service as ServiceName] as Record<string, (r: unknown) => Promise<unknown>>)[method];
  return handler(parsed.value);
}
