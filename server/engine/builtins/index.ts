// Every builtin agent by the name a `builtin` runner's settings use.
import type { BuiltinAgent } from "../types.js";
import { aggregate } from "./aggregate.js";
import { docsGenerate } from "./docs-generate.js";
import { docsReview } from "./docs-review.js";
import { docsSyncFile } from "./docs-sync-file.js";
import { echo } from "./echo.js";
import { markdownFormat } from "./markdown-format.js";
import { testMerge } from "./test-merge.js";

export const builtinAgents: ReadonlyMap<string, BuiltinAgent> = new Map(
  [docsGenerate, docsReview, markdownFormat, docsSyncFile, echo, aggregate, testMerge].map((agent) => [
    agent.name,
    agent,
  ]),
);
