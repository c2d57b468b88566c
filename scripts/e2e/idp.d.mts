import type { Page } from 'playwright-core';

export const IDP_SCOPE: string;
export function startIdp(o: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, { name: string; groups: string[] }>;
}): Promise<{ issuer: string; close: () => Promise<void> }>;
export function signInAtIdp(page: Page, login: string): Promise<void>;
