// Hands its input on unchanged: a pass-through step, and a probe of what a template wired in.
import type { BuiltinAgent } from "../types.js";

export const echo: BuiltinAgent = {
  name: "echo",
  description: "Outputs its input unchanged.",
  async run(input) {
    return input ?? null;
  },
};
