import { describe, expect, it } from "vitest";
import { nextLink, parseLinkHeader } from "./pagination";

const base = "https://acme.okta.com/api/v1/users?limit=200";

describe("Link header", () => {
  it.each<[string, string | null, string | null]>([
    [
      "self and next joined by fetch",
      '<https://acme.okta.com/api/v1/users?limit=200>; rel="self", <https://acme.okta.com/api/v1/users?after=00ud4&limit=200>; rel="next"',
      "https://acme.okta.com/api/v1/users?after=00ud4&limit=200",
    ],
    [
      "next first",
      '<https://acme.okta.com/api/v1/users?after=x>; rel="next", <https://acme.okta.com/api/v1/users>; rel="self"',
      "https://acme.okta.com/api/v1/users?after=x",
    ],
    ["only self (last page)", '<https://acme.okta.com/api/v1/users?limit=200>; rel="self"', null],
    ["no header", null, null],
    [
      "commas inside the URL",
      '<https://acme.okta.com/api/v1/users?fields=id,status&limit=2>; rel="self", <https://acme.okta.com/api/v1/users?fields=id,status&after=1627500044869_1&limit=2>; rel="next"',
      "https://acme.okta.com/api/v1/users?fields=id,status&after=1627500044869_1&limit=2",
    ],
    [
      "unquoted rel and extra params",
      '<https://acme.okta.com/api/v1/logs?after=a1>; type="x"; rel=next',
      "https://acme.okta.com/api/v1/logs?after=a1",
    ],
    ["rel with several values", '<https://acme.okta.com/x?after=2>; rel="prev next"', "https://acme.okta.com/x?after=2"],
    ["relative URL", '</api/v1/users?after=z>; rel="next"', "https://acme.okta.com/api/v1/users?after=z"],
    [
      "encoded filter kept",
      '<https://acme.okta.com/api/v1/users?search=status%20pr&after=q>; rel="next"',
      "https://acme.okta.com/api/v1/users?search=status%20pr&after=q",
    ],
    ["garbage", "not a link header", null],
    ["upper-case REL", '<https://acme.okta.com/a?after=1>; REL="NEXT"', "https://acme.okta.com/a?after=1"],
  ])("%s", (_, header, next) => {
    expect(nextLink(header, base)).toBe(next);
  });

  it("parses every entry", () => {
    expect(parseLinkHeader('<a>; rel="self", <b>; rel="next"')).toEqual([
      { url: "a", rel: ["self"] },
      { url: "b", rel: ["next"] },
    ]);
  });
});
