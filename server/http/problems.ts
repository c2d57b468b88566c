/** The last middleware: every error becomes problem+json; no stack trace or SQL ever leaves. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpProblem, notFound } from '../errors.ts';
import { PoolClosedError } from '../db/pool.ts';
import { QueryInputError, RuleSetError, UnknownRuleSetError } from '../../pipelines/query/index.ts';
import { loggableUrl } from '../log.ts';
import { maskIdentifiers } from '../../pipelines/db/errors.ts';

/** Every string in a problem (keys too) with identifiers masked: details and errors[] may quote what the client sent. */
function masked(value: unknown): unknown {
  if (typeof value === 'string') return maskIdentifiers(value);
  if (Array.isArray(value)) return value.map(masked);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskIdentifiers(k), masked(v)]));
  return value;
}

export function sendProblem(res: Parameters<RequestHandler>[1], p: HttpProblem, instance: string): void {
  res.status(p.status).type('application/problem+json').setHeader('Cache-Control', 'no-store');
  res.send(JSON.stringify(masked(p.body(instance))));
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound(`Ingen ressurs på ${req.method} ${loggableUrl(req.path)}`));
};

/** Maps known error shapes (ours, body-parser's, csrf-sync's) to problems; anything else is a 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const instance = loggableUrl(req.path);
    let problem: HttpProblem;
    if (err instanceof HttpProblem) problem = err;
    else if (err instanceof PoolClosedError) problem = new HttpProblem(503, 'Ikke tilgjengelig', 'Serveren stenger; prøv igjen om litt.');
    // The query layer's own input errors carry a Norwegian message written for users.
    else if (err instanceof UnknownRuleSetError) problem = new HttpProblem(400, 'Ugyldig parameter', err.message, { errors: [{ parameter: 'rules', message: err.message }] });
    else if (err instanceof QueryInputError) problem = new HttpProblem(400, 'Ugyldig parameter', err.message);
    else if (err instanceof RuleSetError) problem = new HttpProblem(409, 'Konflikt', err.message);
    else if (isHttpError(err) && err.code === 'EBADCSRFTOKEN') problem = new HttpProblem(403, 'Ugyldig CSRF-token', 'Hent et token fra GET /api/session og send det i X-CSRF-Token.');
    else if (isHttpError(err) && err.type === 'entity.too.large') problem = new HttpProblem(413, 'For stor forespørsel', 'Innholdet er for stort.');
    else if (isHttpError(err) && err.type === 'entity.parse.failed') problem = new HttpProblem(400, 'Ugyldig forespørsel', 'Innholdet er ikke gyldig JSON.');
    else if (isHttpError(err) && err.status === 404) problem = notFound(`Ingen ressurs på ${req.method} ${instance}`);
    else if (isHttpError(err) && err.status !== undefined && err.status >= 400 && err.status < 500) problem = new HttpProblem(err.status, 'Ugyldig forespørsel', 'Forespørselen ble avvist.');
    else problem = new HttpProblem(500, 'Intern feil', 'Noe gikk galt på serveren. Feilen er logget.');
    if (problem.status >= 500) {
      // The error's name and message go to the log (identifiers are masked there); never the body.
      const e = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
      log.error({ err: e, method: req.method, url: instance }, 'forespørsel feilet');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(res, problem, instance);
  };
}

interface HttpErrorLike {
  status?: number;
  code?: string;
  type?: string;
}
const isHttpError = (e: unknown): e is HttpErrorLike => typeof e === 'object' && e !== null && ('status' in e || 'code' in e || 'type' in e);
