// A real Okta emulator on a random port for integration tests, allow-listed for the SSRF guard
// (OKTA_ALLOWED_INSECURE_HOSTS) while it runs. Each test file starts its own.

import { type EmulatorOptions, startEmulator } from "@/emulator/server";
import { resetEnvCache } from "@/lib/env";

export interface EmulatorApp {
  name: string;
  kind: "service" | "oin";
  clientId: string;
  clientSecret?: string;
  privateKeyPem?: string;
  privateJwk?: Record<string, unknown>;
  kid?: string;
  scopes: string[];
  roles: string[];
  dpopRequired: boolean;
}

export async function startTestEmulator(opts: Partial<EmulatorOptions> = {}) {
  const emu = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    seed: 7,
    users: 60,
    groups: 8,
    apps: 5,
    logDays: 2,
    rateLimits: false,
    ...opts,
  });
  const before = process.env.OKTA_ALLOWED_INSECURE_HOSTS;
  process.env.OKTA_ALLOWED_INSECURE_HOSTS = [before, `127.0.0.1:${emu.port}`].filter(Boolean).join(",");
  resetEnvCache();
  const control = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const creds = await control<{ apps: EmulatorApp[]; apiTokens: { name: string; token: string }[] }>("GET", "/credentials");
  return {
    url: emu.url,
    port: emu.port,
    control,
    app: (name: string) => {
      const a = creds.apps.find((x) => x.name === name);
      if (!a) throw new Error(`no emulator app ${name}`);
      return a;
    },
    apiToken: (name = "admin-token") => creds.apiTokens.find((t) => t.name === name)!.token,
    async close() {
      process.env.OKTA_ALLOWED_INSECURE_HOSTS = before ?? "";
      resetEnvCache();
      await emu.close();
    },
  };
}
export type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
