import { useSession } from "../access/auth-gate.tsx";
import type { ApiTarget } from "./api-commands.ts";

/** This server as the page reaches it: its origin, and whether it asks for tokens. */
export function useApiTarget(): ApiTarget {
  const session = useSession();
  return { url: window.location.origin, auth: session?.session.authentication ?? false };
}
