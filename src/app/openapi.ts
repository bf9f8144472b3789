/**
 * The OpenAPI document as committed in docs/openapi.json: the same as served at
 * /api/v1/openapi.json, without the server address, which depends on the deployment.
 */
export function publishedOpenApi(doc: unknown): unknown {
  const { servers: _servers, ...rest } = doc as Record<string, unknown>;
  return rest;
}
