// Column helpers shared by the domain files of the schema.
import { timestamp } from "drizzle-orm/pg-core";

export const ts = (name?: string) =>
  name ? timestamp(name, { withTimezone: true, mode: "date" }) : timestamp({ withTimezone: true, mode: "date" });
export const createdAt = () => ts().notNull().defaultNow();
