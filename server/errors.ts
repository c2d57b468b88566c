/**
 * Problem details (RFC 9457). Every error that leaves the server is one of these, so a client
 * always gets application/problem+json with a Norwegian title and nothing from our internals.
 */
import type { z } from 'zod';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Validation problems name each parameter and what is allowed. */
  errors?: { parameter: string; message: string; allowed?: string[] }[];
  [extra: string]: unknown;
}

/** An error whose message is safe to show to the client. Anything else becomes a plain 500. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extras: Omit<Partial<ProblemBody>, 'status' | 'title' | 'detail'> = {},
    options?: { cause?: unknown },
  ) {
    super(detail ? `${title}: ${detail}` : title, options);
  }

  body(instance?: string): ProblemBody {
    const slug = this.title.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a')
      .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return {
      type: `/problems/${slug || 'error'}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extras,
    };
  }
}

export const badRequest = (detail: string, extras?: ProblemBody['errors']) =>
  new HttpProblem(400, extras ? 'Ugyldig parameter' : 'Ugyldig forespørsel', detail, extras ? { errors: extras } : {});
export const notFound = (detail: string) => new HttpProblem(404, 'Finnes ikke', detail);
export const unauthorized = () => new HttpProblem(401, 'Ikke innlogget', 'Logg inn for å bruke denne tjenesten.');
export const forbidden = (detail: string) => new HttpProblem(403, 'Ingen tilgang', detail);

/** zod issues → one entry per parameter, with the allowed values when the schema knows them. */
export function validationProblem(where: 'query' | 'body' | 'path', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const parameter = keys.length > 0 ? keys.join(', ') : issue.path.map(String).join('.') || where;
    const allowed =
      issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
    const message = issue.code === 'unrecognized_keys' ? 'ukjent parameter' : issue.message;
    return { parameter, message, ...(allowed ? { allowed } : {}) };
  });
  const names = [...new Set(errors.map((e) => e.parameter))].join(', ');
  return badRequest(`Ugyldig ${where === 'query' ? 'parameter' : where === 'path' ? 'sti' : 'innhold'}: ${names}`, errors);
}
