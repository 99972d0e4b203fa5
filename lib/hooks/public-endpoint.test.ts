import { describe, expect, it } from "vitest";
import { endpointProblem } from "./public-endpoint";

describe("endpointProblem", () => {
  it("accepts a public https address", () => {
    expect(endpointProblem("https://console.example.com/api/hooks/okta/x")).toBeNull();
    expect(endpointProblem("https://203.0.113.7:8443/api/hooks/okta/x")).toBeNull();
  });
  it.each([
    ["http://localhost:3000/api/hooks/okta/x", "http://localhost:3000 is not reachable from the internet"],
    ["https://127.0.0.1/api/hooks/okta/x", "https://127.0.0.1 is not reachable from the internet"],
    ["https://10.1.2.3/x", "https://10.1.2.3 is not reachable"],
    ["https://172.20.0.5/x", "https://172.20.0.5 is not reachable"],
    ["https://192.168.1.9/x", "https://192.168.1.9 is not reachable"],
    ["https://vm:3000/x", "https://vm:3000 is not reachable"],
    ["https://console.local/x", "https://console.local is not reachable"],
    ["https://[::1]:3000/x", "https://[::1]:3000 is not reachable"],
    ["http://console.example.com/x", "http://console.example.com is plain http; Okta only delivers over https"],
  ])("warns about %s", (url, start) => {
    const problem = endpointProblem(url);
    expect(problem).toContain(start);
    expect(problem).toContain("PUBLIC_URL");
  });
});
