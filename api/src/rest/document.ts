/** The OpenAPI 3.1 document of the REST API, generated from the procedures' zod schemas. */
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { restRouter } from './router.js';

let cached: OpenAPIObject | undefined;

export function openApiDocument(): OpenAPIObject {
  cached ??= generateOpenApiDocument(restRouter, {
    title: 'Cairn API',
    version: '1',
    description:
      'Journeys, enrolments, customers and suppressions for backends and scripts. Authenticate with an API key ' +
      '(made by an admin on the Account page): `Authorization: Bearer cairn_…`. Each operation needs a scope: ' +
      'reads need `read`, changes `write`, publish/pause/resume/stop `publish`; an `admin` key may do everything. ' +
      'A missing, unknown or revoked key answers 401; a key without the scope 403.',
    baseUrl: '/api',
    securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: cairn_ followed by 43 characters' } },
    tags: ['journeys', 'customers', 'suppressions', 'consent'],
  });
  return cached;
}
