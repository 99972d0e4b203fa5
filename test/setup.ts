// Integration tests need a database: `npm test` provides a fresh one in DATABASE_URL.
// Running vitest directly against a server works too: DATABASE_URL=... npx vitest run
process.env.AUTH_SECRET ||= "test-auth-secret-0123456789abcdef0123456789";
process.env.APP_ENCRYPTION_KEY ||= Buffer.alloc(32, 7).toString("base64");
