// Auth.js's endpoints. POST goes through handleAuthPost: body capped at 1 MB, throttle refusals as 429.
import { handleAuthPost } from "@/lib/auth/auth-endpoint";
import { handlers } from "@/lib/auth/config";

export const { GET } = handlers;
export const POST = handleAuthPost;
