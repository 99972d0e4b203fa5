// What counts as a sign-in in the System Log, and which outcomes are a success or a failure.
// Client-safe: the page links to the Activity page with the same event type.
export const SIGN_IN_EVENT = "user.session.start";
export const SUCCESS_OUTCOMES = ["SUCCESS", "ALLOW"] as const;
export const FAILURE_OUTCOMES = ["FAILURE", "DENY"] as const;
