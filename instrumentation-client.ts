// Runs in the browser before the app's modules: zod compiles object parsers with `new Function`
// unless told not to, and even its probe for eval is reported as a violation of the console's CSP
// (no 'unsafe-eval'), so the browser's zod runs without it.
import { z } from "zod";

z.config({ jitless: true });
