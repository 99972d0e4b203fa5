// Shared by the e2e specs: each test seeds its own workspace and people straight into the database
// (`npm test` puts DATABASE_URL in the environment) and signs in through Auth.js's own endpoints.
import { expect, type Page } from "@playwright/test";
import { createTenant } from "@/test/factories";

export type Tenant = Awaited<ReturnType<typeof createTenant>>;
export interface Person {
  email: string;
  password: string;
}

/** A fresh workspace with an admin and a viewer (each with an API key). */
export async function seedTenant(): Promise<Tenant> {
  if (!process.env.DATABASE_URL) throw new Error("e2e needs DATABASE_URL (run through `npm test`)");
  return createTenant();
}

/** Signs in without the form: csrf token, then the credentials callback; cookies land in the page's context. */
export async function signIn(page: Page, who: Person) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: who.email, password: who.password, callbackUrl: "/integrations" },
    maxRedirects: 0,
  });
  expect(res.status(), "credentials callback redirects").toBe(302);
  expect(res.headers()["location"], "sign-in succeeded").not.toContain("error=");
}

/** Signs in by filling the sign-in page, as a person would. */
export async function signInWithForm(page: Page, who: Person) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Navigates and waits until React has hydrated the page, so a click reaches its handler: the root
 * marks itself hydrated, and the page's own streamed part hydrates once its chunks have loaded
 * (network idle); an input changed before that would be reset by hydration.
 */
export async function open(page: Page, url: string) {
  const res = await page.goto(url);
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
  return res;
}
