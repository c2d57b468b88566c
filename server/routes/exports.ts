/** Exports over HTTP: filled in when the export writers (pipelines/export) land. */
import type { RouteSpec } from './registry.ts';

export const exportRoutes: RouteSpec[] = [];
