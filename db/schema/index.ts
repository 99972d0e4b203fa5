// Every table of the console, one file per domain. camelCase here, snake_case in SQL (drizzle
// `casing: "snake_case"`). The status tuples live in db/enums.ts (drizzle-free, so client code can
// import them) and are re-exported here so server code imports everything from "@/db/schema".
export * from "../enums";
export * from "./actions";
export * from "./auth";
export * from "./changes";
export * from "./counts";
export * from "./directory";
export * from "./hygiene";
export * from "./integrations";
export * from "./sync";
