#!/usr/bin/env node
// The installed `baton` binary: loads the TypeScript CLI through tsx (as `npm start` does).
import { register } from "tsx/esm/api";

register();
const { main } = await import("./baton.ts");
process.exitCode = await main(process.argv.slice(2));
