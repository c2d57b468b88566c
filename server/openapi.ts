/** The OpenAPI 3.1 document, generated from the same zod schemas that validate each route. */
import { z } from 'zod';
import { Problem } from './schemas.ts';
import type { RouteSpec } from './routes/registry.ts';

type JsonSchema = Record<string, unknown>;
const inputSchema = (s: z.ZodType): JsonSchema => strip(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
const outputSchema = (s: z.ZodType): JsonSchema => strip(z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as JsonSchema);
function strip(s: JsonSchema): JsonSchema {
  const { $schema: _drop, ...rest } = s;
  return rest;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const js = inputSchema(schema);
    const props = (js.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((js.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      const { description, ...rest } = s;
      out.push({ name, in: where, required: where === 'path' || (required.has(name) && !('default' in s)), schema: rest, ...(description ? { description } : {}) });
    }
  }
  return out;
}

export function buildOpenApi(routes: RouteSpec[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const content: Record<string, unknown> = { 'application/json': { schema: outputSchema(r.response) } };
    for (const type of r.produces ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
    const op: Record<string, unknown> = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      'x-role': r.role,
      parameters: parameters(r),
      responses: {
        // A redirect (the sign-in routes) has a Location, not a body.
        [String(r.status ?? 200)]: (r.status ?? 200) >= 300 && (r.status ?? 200) < 400
          ? { description: 'Videresending', headers: { Location: { schema: { type: 'string' } } } }
          : { description: 'OK', content },
        '400': problemResponse('Ugyldig parameter: navngir parameteren og hva som er tillatt'),
        ...(r.role === 'public' ? {} : { '401': problemResponse('Ikke innlogget'), '403': problemResponse('Rollen gir ikke tilgang') }),
        ...(r.method === 'get' ? {} : { '403': problemResponse('Ingen tilgang eller ugyldig CSRF-token') }),
        ...(r.params ? { '404': problemResponse('Finnes ikke') } : {}),
        ...(r.conflict ? { '409': problemResponse(r.conflict) } : {}),
        ...(r.body || r.bodyType === 'multipart' ? { '413': problemResponse('For stor forespørsel eller fil') } : {}),
        // Computed answers take a share of the read connections (http/fair-share.ts).
        ...(r.method === 'get' && r.role !== 'public' ? { '429': problemResponse('For mange samtidige beregninger for brukeren: prøv igjen') } : {}),
        '500': problemResponse('Intern feil (uten detaljer)'),
      },
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: inputSchema(r.body) } } };
    if (r.bodyType === 'multipart') {
      // The fields from the schema the route validates them with, so that none is left out here.
      const fields = r.multipartFields ? ((inputSchema(r.multipartFields).properties ?? {}) as Record<string, JsonSchema>) : {};
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], additionalProperties: false, properties: {
          file: { type: 'string', format: 'binary' }, ...fields,
        } } } },
      };
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'USK-analyse API',
      version,
      description: 'Utskrivningsklare pasienter: registrerte mot fakturerte døgn. Feil er application/problem+json (RFC 9457). '
        + 'Endringer krever X-CSRF-Token fra GET /api/session.',
    },
    paths,
    components: {
      schemas: { Problem: outputSchema(Problem) },
      securitySchemes: {
        // server/security/session.ts: __Host- when the cookie is Secure (cookieSecure, the default).
        session: { type: 'apiKey', in: 'cookie', name: '__Host-usk.sid', description: 'Innloggingsøkten. Heter usk.sid når cookieSecure er false (http på localhost)' },
        cli: { type: 'http', scheme: 'bearer', description: 'usk-kommandoens token fra låsefilen ved databasen (server/lockfile.ts); bare fra samme maskin, uten proxy-hoder, og uten CSRF-token' },
      },
    },
  };
}
