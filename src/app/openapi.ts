import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document as committed in docs/openapi.json: the same as served at
 * /api/v1/openapi.json, without the server address, which depends on the deployment.
 */
export function publishedOpenApi(doc: unknown): unknown {
  const { servers: _servers, ...rest } = doc as Record<string, unknown>;
  return rest;
}

type TransformArgs = Parameters<typeof jsonSchemaTransform>[0];

/**
 * Zod schemas become the API description; a route whose body is not validated by a schema
 * (a multipart upload) describes it in `config.openapiRequestBody` instead.
 */
export function apiDescriptionTransform(
  args: TransformArgs,
): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(args);
  const body = (args.route.config as { openapiRequestBody?: Record<string, unknown> } | undefined)
    ?.openapiRequestBody;
  return body ? { ...out, schema: { ...out.schema, body } } : out;
}
