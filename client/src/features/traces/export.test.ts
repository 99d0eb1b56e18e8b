import { describe, expect, it } from "vitest";
import { fileText, toCsv } from "./export.ts";

describe("trace exports", () => {
  it("writes CSV with a header, quoting only what needs it, CRLF line ends", () => {
    const rows = [
      { id: "a", agents: ["X", "Y"], note: 'said "hi", twice', n: 3, none: null },
      { id: "b", agents: [], note: "line\nbreak", n: 0, none: undefined },
    ];
    expect(toCsv(rows, ["id", "agents", "note", "n", "none"])).toBe(
      'id,agents,note,n,none\r\na,"[""X"",""Y""]","said ""hi"", twice",3,\r\nb,[],"line\nbreak",0,\r\n',
    );
  });

  it("writes JSON as the rows themselves", () => {
    expect(JSON.parse(fileText([{ id: "a", n: 1 }], ["id"], "json"))).toEqual([{ id: "a", n: 1 }]);
  });
});
