/**
 * Demo mode has no login and listens on loopback only. A web page elsewhere could still point its
 * own domain at 127.0.0.1 (DNS rebinding) and read the API as same-origin; checking the Host header
 * closes that: only loopback names are accepted.
 */
import type { RequestHandler } from 'express';
import { HttpProblem } from '../errors.ts';

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export function loopbackHostOnly(): RequestHandler {
  return (req, _res, next) => {
    const host = req.headers.host ?? '';
    if (LOOPBACK_HOST.test(host)) return next();
    next(new HttpProblem(421, 'Feil vertsnavn', 'Demomodus svarer bare på 127.0.0.1, localhost og [::1].'));
  };
}
