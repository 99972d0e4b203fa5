import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream } from "./csv";

describe("csvCell", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    ["plain", "plain"],
    [42, "42"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+2", "'=1+2"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=cmd", "'\t=cmd"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ["a=b", "a=b"],
    [new Date("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00.000Z"],
    [{ a: 1 }, '"{""a"":1}"'],
  ])("%j -> %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });
});

describe("csvStream", () => {
  it("writes the header, then pulls one page at a time", async () => {
    let pulled = 0;
    async function* pages() {
      for (const page of [[{ n: "x" }], [{ n: "y" }, { n: "=z" }]]) {
        pulled++;
        yield page;
      }
    }
    const stream = csvStream(["n"], pages(), (r) => [r.n]);
    const reader = stream.getReader();
    const dec = new TextDecoder();
    expect(dec.decode((await reader.read()).value)).toBe("n\r\n");
    expect(pulled).toBe(0);
    expect(dec.decode((await reader.read()).value)).toBe("x\r\n");
    expect(pulled).toBe(1);
    expect(dec.decode((await reader.read()).value)).toBe("y\r\n'=z\r\n");
    expect((await reader.read()).done).toBe(true);
  });
});
