// Path parameters shared by the routes. The message names what the id is for ("User id must be a UUID").
import { z } from "zod";

export const uuidSegment = (what: string) => z.uuid(`${what} id must be a UUID`);

/** `{ id }` of an /api/<things>/[id] route. */
export const idParam = (what: string) => z.object({ id: uuidSegment(what) });
